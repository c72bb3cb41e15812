/**
 * Runs the BUILT dist/Code.js in the emulator on the 200-deal fixture (reference today 2026-03-11,
 * Europe/London, en_GB; headers in row 2, deals in rows 3–202; Next step is column G, Next step
 * updated column I). Every RPC result is checked to be serialization-safe on the way out.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  createAppsScriptGlobals,
  loadBundle,
  type AppsScriptGlobals,
  type SpreadsheetFixture,
} from '../../../dev/emulator';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CODE = path.join(ROOT, 'dist', 'Code.js');
export const FIXTURE: SpreadsheetFixture = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'pipeline-200.json'), 'utf8'),
);
/** 10:00 London on the fixture's reference day. */
export const NOW = new Date('2026-03-11T10:00:00Z');

export type Fn = (...args: unknown[]) => unknown;

export interface Harness {
  g: AppsScriptGlobals;
  fns: Record<string, Fn>;
  /** Calls a server function as google.script.run would: the result must survive serialization. */
  call<T = unknown>(name: string, ...args: unknown[]): T;
  /** Selects a cell on the Pipeline sheet (not counted: the ledger is reset after). */
  select(a1: string, sheet?: string): void;
  sheet(name?: string): GoogleAppsScript.Spreadsheet.Sheet;
}

export function fixtureCopy(): SpreadsheetFixture {
  return JSON.parse(JSON.stringify(FIXTURE));
}

export function setup(
  options: { email?: string; fixture?: SpreadsheetFixture; now?: Date | (() => Date) } = {},
): Harness {
  const g = createAppsScriptGlobals({
    spreadsheet: options.fixture ?? fixtureCopy(),
    now: options.now ?? NOW,
    user: { email: options.email ?? 'ben.reid@example.com' },
  });
  const fns = loadBundle(CODE, g) as Record<string, Fn>;
  const h: Harness = {
    g,
    fns,
    call<T>(name: string, ...args: unknown[]): T {
      const fn = fns[name];
      if (!fn) throw new Error(`no server function ${name}`);
      try {
        const result = fn(...args);
        assertSerializable(result, name);
        return JSON.parse(JSON.stringify(result ?? null)) as T;
      } finally {
        g.endExecution();
      }
    },
    select(a1: string, sheet = 'Pipeline'): void {
      const s = g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheet);
      if (!s) throw new Error(`no sheet ${sheet}`);
      s.activate();
      s.getRange(a1).activate();
      g.ledger.reset();
    },
    sheet(name = 'Pipeline') {
      const s = g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
      if (!s) throw new Error(`no sheet ${name}`);
      return s;
    },
  };
  return h;
}

/** What google.script.run refuses: Dates, functions, class instances, NaN. */
export function assertSerializable(value: unknown, where: string, seen = new Set<unknown>()): void {
  if (value === null || value === undefined) return;
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return;
  if (t === 'number') {
    if (!Number.isFinite(value as number)) throw new Error(`${where} is ${String(value)}`);
    return;
  }
  if (t !== 'object') throw new Error(`${where} is a ${t}`);
  if (Object.prototype.toString.call(value) === '[object Date]') throw new Error(`${where} is a Date`);
  if (seen.has(value)) throw new Error(`${where} is circular`);
  seen.add(value);
  if (Array.isArray(value)) value.forEach((v, i) => assertSerializable(v, `${where}[${i}]`, seen));
  else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== null && Object.getPrototypeOf(proto) !== null)
      throw new Error(`${where} is not a plain object`);
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      assertSerializable(v, `${where}.${k}`, seen);
  }
  seen.delete(value);
}

/** The message a server error carries to the sidebar's failure handler. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the call to fail');
}
