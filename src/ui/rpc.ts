/**
 * The one way the sidebar talks to the server: a promise wrapper over `google.script.run`, typed by
 * src/core/rpc-contract.ts. Every call checks its arguments are serialization-safe before sending
 * (a Date or a function fails in Apps Script, late and obscurely), turns the failure handler's Error
 * into a rejected promise with a message meant for a person, and gives up after a timeout so a lost
 * call never leaves a spinner forever.
 */
import type { RpcArgs, RpcName, RpcResult } from '../core/rpc-contract';

/** The shape of `google.script.run` (only what we use). */
export interface ScriptRunner {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRunner;
  withFailureHandler(fn: (error: unknown) => void): ScriptRunner;
  [name: string]: unknown;
}

export class RpcError extends Error {
  constructor(
    message: string,
    readonly fn: string,
    readonly kind: 'server' | 'timeout' | 'unavailable' | 'argument',
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

export interface RpcOptions {
  /** Default timeout per call. */
  timeoutMs?: number;
  /** Per-function timeouts (e.g. building a review on a large sheet). */
  timeouts?: Partial<Record<RpcName, number>>;
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

export interface Rpc {
  call<K extends RpcName>(name: K, ...args: RpcArgs<K>): Promise<RpcResult<K>>;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/** Apps Script prefixes thrown messages ("Exception: …", "Error: …"): the person needs only the sentence. */
export function errorMessage(error: unknown): string {
  let message: string;
  if (error instanceof Error) message = error.message;
  else if (typeof error === 'string') message = error;
  else if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string')
    message = (error as { message: string }).message;
  else message = '';
  message = message
    .replace(
      /^(?:(?:Uncaught\s+)?(?:Script\w*|Type|Range|Reference|User|Pipeline|Rpc)?(?:Error|Exception)\s*:\s*)+/i,
      '',
    )
    .trim();
  return message || 'Something went wrong on the server. Try again.';
}

/**
 * Where a value cannot cross google.script.run: '' when it can, else a path and reason
 * (`args[0].when is a Date: send an ISO string`).
 */
export function unserializable(value: unknown, path = 'value', seen: Set<unknown> = new Set()): string {
  if (value === null || value === undefined) return '';
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return '';
  if (t === 'number')
    return Number.isFinite(value) ? '' : `${path} is ${String(value)}: send a finite number`;
  if (t === 'function' || t === 'symbol' || t === 'bigint') return `${path} is a ${t}`;
  if (value instanceof Date) return `${path} is a Date: send an ISO string`;
  if (seen.has(value)) return `${path} is circular`;
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const p = unserializable(value[i], `${path}[${i}]`, seen);
        if (p) return p;
      }
      return '';
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return `${path} is not a plain object`;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const p = unserializable(v, `${path}.${k}`, seen);
      if (p) return p;
    }
    return '';
  } finally {
    seen.delete(value);
  }
}

export function createRpc(getRunner: () => ScriptRunner | undefined, options: RpcOptions = {}): Rpc {
  const timers = options.timers ?? {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  return {
    call<K extends RpcName>(name: K, ...args: RpcArgs<K>): Promise<RpcResult<K>> {
      return new Promise<RpcResult<K>>((resolve, reject) => {
        const problem = unserializable(args, 'args');
        if (problem) {
          reject(new RpcError(`Cannot call ${name}: ${problem}.`, name, 'argument'));
          return;
        }
        const runner = getRunner();
        if (!runner) {
          reject(
            new RpcError(
              'Not connected to the spreadsheet (google.script.run is missing). Reopen the sidebar from Extensions ▸ Next Step Tracker.',
              name,
              'unavailable',
            ),
          );
          return;
        }
        let settled = false;
        const ms = options.timeouts?.[name] ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        const timer = timers.setTimeout(() => {
          if (settled) return;
          settled = true;
          reject(
            new RpcError(
              `The spreadsheet did not answer within ${Math.round(ms / 1000)} s. Check your connection and try again.`,
              name,
              'timeout',
            ),
          );
        }, ms);
        const done = (fn: () => void): void => {
          if (settled) return;
          settled = true;
          timers.clearTimeout(timer);
          fn();
        };
        try {
          const bound = runner
            .withSuccessHandler((value) => done(() => resolve(value as RpcResult<K>)))
            .withFailureHandler((error) =>
              done(() => reject(new RpcError(errorMessage(error), name, 'server'))),
            );
          const fn = bound[name];
          if (typeof fn !== 'function') {
            done(() => reject(new RpcError(`The server has no function ${name}.`, name, 'unavailable')));
            return;
          }
          (fn as (...a: unknown[]) => void).apply(bound, args);
        } catch (error) {
          done(() => reject(new RpcError(errorMessage(error), name, 'unavailable')));
        }
      });
    },
  };
}

/** The runner of the page the sidebar lives in (Apps Script's, or the playground's stand-in). */
export function pageRunner(): ScriptRunner | undefined {
  const g = (globalThis as { google?: { script?: { run?: ScriptRunner } } }).google;
  return g?.script?.run;
}
