/**
 * google.script.run's rules for values crossing between the sidebar and the server, applied to what a
 * server function returns (the browser shim, public/gas-shim.js, applies them to arguments).
 *
 * Legal: primitives, null, and plain objects and arrays made of them. A Date, function or other
 * prohibited type anywhere in a return value makes the success handler receive null (as Apps Script
 * does), and the playground says so in a warning so the bug is visible. Undefined inside arrays
 * becomes null; undefined object fields are dropped.
 */

export interface WireResult {
  value: unknown;
  /** Set when the value could not cross and was replaced by null. */
  warning?: string;
}

class Prohibited extends Error {
  constructor(
    readonly where: string,
    readonly what: string,
  ) {
    super(`${where} is ${what}`);
  }
}

function kind(v: object): string {
  const tag = Object.prototype.toString.call(v).slice(8, -1);
  return tag === 'Object' ? (v.constructor?.name ?? 'an object with a prototype') : tag;
}

/** Works across vm realms: checks the prototype chain by shape, not by `instanceof`. */
function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto === null) return true;
  return Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(v) === '[object Object]';
}

function walk(v: unknown, where: string, seen: Set<object>): unknown {
  if (v === null) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? v : null;
    case 'undefined':
      return null;
    case 'function':
      throw new Prohibited(where, 'a function');
    case 'symbol':
    case 'bigint':
      throw new Prohibited(where, `a ${typeof v}`);
  }
  const obj = v as object;
  if (Object.prototype.toString.call(obj) === '[object Date]') {
    throw new Prohibited(where, 'a Date (send an ISO string instead)');
  }
  if (seen.has(obj)) throw new Prohibited(where, 'a circular reference');
  seen.add(obj);
  let out: unknown;
  if (Array.isArray(obj)) {
    out = obj.map((item, i) => walk(item, `${where}[${i}]`, seen));
  } else if (isPlainObject(obj)) {
    const o: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(obj)) {
      if (val === undefined) continue;
      o[k] = walk(val, `${where}.${k}`, seen);
    }
    out = o;
  } else {
    throw new Prohibited(where, `a ${kind(obj)}`);
  }
  seen.delete(obj);
  return out;
}

/** The value the sidebar's success handler receives for a server function's return value. */
export function toWireResult(value: unknown): WireResult {
  if (value === undefined) return { value: undefined };
  try {
    return { value: walk(value, 'result', new Set()) };
  } catch (err) {
    if (err instanceof Prohibited) {
      return {
        value: null,
        warning: `the return value cannot cross google.script.run: ${err.message}. Apps Script hands the success handler null.`,
      };
    }
    throw err;
  }
}
