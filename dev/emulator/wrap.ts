/**
 * Every object handed to add-on code is a Proxy over an implementation object: it counts each
 * method call in the ledger, and any method the emulator does not implement throws
 * "not emulated: Class.method" so gaps are loud instead of silently undefined.
 */
import type { Boundary, Realm } from './context';
import { checkScope } from './scopes';

const targets = new WeakMap<object, object>();

// Properties that JS machinery (await, jest, util.inspect, JSON) probes on any object: never fake these.
const PASS_THROUGH = new Set([
  'then',
  'toJSON',
  'constructor',
  'asymmetricMatch',
  'nodeType',
  'tagName',
  'inspect',
  'toString',
  'valueOf',
  '$$typeof',
  'length',
  'prototype',
  '_isMockFunction',
]);

export function wrap<T extends object>(impl: T, className: string, boundary: Boundary): T {
  const proxy = new Proxy(impl, {
    get(target, prop, receiver) {
      if (
        typeof prop === 'symbol' ||
        PASS_THROUGH.has(prop) ||
        prop.startsWith('_') ||
        prop.startsWith('@@')
      ) {
        return Reflect.get(target, prop, receiver);
      }
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value === 'function') {
        return (...args: unknown[]) => {
          const method = `${className}.${prop}`;
          boundary.ledger.record(method);
          const realm = boundary.realm;
          if (!realm) {
            checkScope(boundary.scopes ?? null, method);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          }
          try {
            checkScope(boundary.scopes ?? null, method);
            return toRealm((value as (...a: unknown[]) => unknown).apply(target, args), realm);
          } catch (err) {
            // Code in the vm tests `e instanceof Error` against its own Error.
            throw err instanceof Error
              ? Object.assign(new realm.Error(err.message), { name: err.name })
              : err;
          }
        };
      }
      if (value !== undefined) return value;
      if (/^[a-z]/.test(prop)) {
        return () => {
          throw new Error(`not emulated: ${className}.${prop}`);
        };
      }
      return undefined;
    },
  });
  targets.set(proxy, impl);
  return proxy;
}

/** Re-creates host Dates, arrays and plain objects in the vm's realm (wrapped objects pass as they are). */
export function toRealm(value: unknown, realm: Realm): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new realm.Date(value.getTime());
  if (Array.isArray(value)) {
    const out = new realm.Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toRealm(value[i], realm);
    return out;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const out = new realm.Object() as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[k] = toRealm(v, realm);
    return out;
  }
  return value;
}

/** The implementation behind a wrapped object (or the object itself when it is not wrapped). */
export function unwrap<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    const t = targets.get(value as unknown as object);
    if (t) return t as unknown as T;
  }
  return value;
}

/** Apps Script objects are typed by huge interfaces; our classes implement the emulated subset. */
export function asGas<T>(value: object): T {
  return value as unknown as T;
}
