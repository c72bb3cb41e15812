/**
 * Custom functions in formulas: a cell whose formula is `=NAME(args)` (or `={"label";NAME(args)}`)
 * where NAME is a `@customfunction` of a loaded bundle is computed by calling the bundle, as Sheets
 * does, and its 2-D result spills down and right from the cell.
 *
 * Sheets' rules reproduced (developers.google.com/apps-script/guides/sheets/functions):
 * - the function runs in AuthMode.CUSTOM_FUNCTION (its own copy of the bundle, loaded with globals in
 *   that mode, its own ledger: these calls are not the script's);
 * - a range argument arrives as a 2-D array of values (a single cell as a plain value), empty cells
 *   as '', dates as Date objects;
 * - the result is cached until an argument changes: the same arguments never call the bundle twice
 *   (so a change of the clock alone never changes a custom function's result);
 * - a thrown error shows as `#ERROR!` on the cell; a result that would overwrite a non-empty cell
 *   shows `#REF!` and does not spill.
 * Arguments may be string, number and boolean literals and references (A1, A1:B9, open-ended A3:C,
 * other sheets); formula cells in them give their computed values. Custom functions nested inside
 * other expressions are not evaluated (HyperFormula shows #NAME?), nor are chains of custom functions
 * (one reading another's result sees the value before).
 *
 * The formula engine computes the calls when it (re)builds (formula-engine.ts applySpills) and
 * writes the results into HyperFormula as constants, so other formulas and conditional-format rules
 * read them like any cell.
 */
import { lettersToColumn } from './a1';
import { isDate } from './context';
import { isDateFormat } from './format';
import { splitLiterals } from './formulas';
import type { EmulatedSpreadsheet, SheetModel, Stored } from './model';
import { serialToDate } from './tz';

export type CustomFunction = (...args: unknown[]) => unknown;

interface Registry {
  /** Upper-case name → function (resolved lazily: the CUSTOM_FUNCTION copy loads on first use). */
  names: Set<string>;
  resolve: () => Record<string, CustomFunction>;
  memo: Map<string, Stored[][] | { error: string }>;
}

const registries = new WeakMap<EmulatedSpreadsheet, Registry>();

/** Makes `names` callable from this spreadsheet's formulas; `resolve` gives the functions on first use. */
export function registerCustomFunctions(
  ss: EmulatedSpreadsheet,
  names: readonly string[],
  resolve: () => Record<string, CustomFunction>,
): void {
  if (names.length === 0) return;
  let cached: Record<string, CustomFunction> | undefined;
  registries.set(ss, {
    names: new Set(names.map((n) => n.toUpperCase())),
    resolve: () => (cached ??= resolve()),
    memo: new Map(),
  });
}

/** The names after `@customfunction` JSDoc stubs of a built bundle. */
export function customFunctionNames(source: string): string[] {
  const names: string[] = [];
  const re = /\/\*\*((?:(?!\*\/)[\s\S])*?)\*\/\s*function\s+([A-Za-z_$][\w$]*)\s*\(/g;
  for (const m of source.matchAll(re)) if (/@customfunction\b/.test(m[1])) names.push(m[2]);
  return names;
}

export function hasCustomFunctions(ss: EmulatedSpreadsheet): boolean {
  return registries.has(ss);
}

interface CallSite {
  name: string;
  args: string[];
  /** Rows of literal text stacked above the call (`={"label";NAME(…)}`). */
  header: string[];
}

/** Top-level commas/semicolons of a code fragment, outside parentheses, braces and literals. */
function splitTop(text: string, sep: string): string[] {
  const parts = splitLiterals(text);
  const out: string[] = [''];
  let depth = 0;
  parts.forEach((p, i) => {
    if (i % 2 === 1) {
      out[out.length - 1] += p;
      return;
    }
    for (const ch of p) {
      if (ch === '(' || ch === '{') depth++;
      if (ch === ')' || ch === '}') depth--;
      if (ch === sep && depth === 0) out.push('');
      else out[out.length - 1] += ch;
    }
  });
  return out.map((s) => s.trim());
}

function parseCall(expr: string, names: Set<string>): { name: string; args: string[] } | undefined {
  const m = /^([A-Za-z_][\w.]*)\s*\(([\s\S]*)\)$/.exec(expr.trim());
  if (!m || !names.has(m[1].toUpperCase())) return undefined;
  // The closing parenthesis must be the call's own: its argument list balances.
  const inner = m[2];
  let depth = 0;
  for (const [i, p] of splitLiterals(inner).entries()) {
    if (i % 2 === 1) continue;
    for (const ch of p) {
      depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
      if (depth < 0) return undefined;
    }
  }
  return { name: m[1].toUpperCase(), args: inner.trim() === '' ? [] : splitTop(inner, ',') };
}

/** The custom-function call a formula is, or undefined. */
export function callSite(formula: string, ss: EmulatedSpreadsheet): CallSite | undefined {
  const reg = registries.get(ss);
  if (!reg) return undefined;
  const body = formula.replace(/^=/, '').trim();
  const direct = parseCall(body, reg.names);
  if (direct) return { ...direct, header: [] };
  const arr = /^\{([\s\S]*)\}$/.exec(body);
  if (!arr) return undefined;
  const rows = splitTop(arr[1], ';');
  const last = parseCall(rows[rows.length - 1], reg.names);
  if (!last) return undefined;
  const header: string[] = [];
  for (const r of rows.slice(0, -1)) {
    const lit = /^"((?:[^"]|"")*)"$/.exec(r);
    if (!lit) return undefined;
    header.push(lit[1].replace(/""/g, '"'));
  }
  return { ...last, header };
}

const REF =
  /^(?:('(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+)?)?$/;

/** A formula cell's computed value (the engine being built). */
export type FormulaCellReader = (sheet: SheetModel, row: number, col: number) => Stored;

function cellValue(
  ss: EmulatedSpreadsheet,
  sheet: SheetModel,
  row: number,
  col: number,
  formulaCell: FormulaCellReader,
): Stored {
  if (sheet.formulaCount > 0 && sheet.formulas.get(row, col) !== undefined)
    return formulaCell(sheet, row, col);
  const v = sheet.getStored(row, col);
  if (v === null) return '';
  if (typeof v === 'number') {
    const f = sheet.numberFormats.get(row, col);
    if (f && isDateFormat(f)) return serialToDate(v, ss.timeZone);
  }
  if (isDate(v)) return new Date(v.getTime());
  return v;
}

/** One argument's value as Sheets passes it, or an error text. */
function argValue(
  ss: EmulatedSpreadsheet,
  home: SheetModel,
  text: string,
  formulaCell: FormulaCellReader,
): unknown {
  const lit = /^"((?:[^"]|"")*)"$/.exec(text);
  if (lit) return lit[1].replace(/""/g, '"');
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^(TRUE|FALSE)(\(\))?$/i.test(text)) return /^TRUE/i.test(text);
  const m = REF.exec(text);
  if (!m) throw new Error(`the emulator passes only literals and references to custom functions: ${text}`);
  const sheet = m[1] ? ss.sheetByName(m[1].replace(/^'|'$/g, '').replace(/''/g, "'")) : home;
  if (!sheet) throw new Error(`Unresolved sheet name '${m[1]}'.`);
  const c1 = lettersToColumn(m[2]);
  const r1 = Number(m[3]);
  if (m[4] === undefined) return cellValue(ss, sheet, r1, c1, formulaCell);
  const c2 = lettersToColumn(m[4]);
  const r2 = m[5] === undefined ? sheet.maxRows : Number(m[5]);
  const out: Stored[][] = [];
  for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) {
    const line: Stored[] = [];
    for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++)
      line.push(cellValue(ss, sheet, r, c, formulaCell));
    out.push(line);
  }
  return out;
}

function keyOf(name: string, args: unknown[]): string {
  return `${name}(${JSON.stringify(args, (_k, v: unknown) => (isDate(v) ? { $d: v.getTime() } : v))}`;
}

function toGrid(result: unknown): Stored[][] {
  const cell = (v: unknown): Stored => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (isDate(v)) return new Date(v.getTime());
    return String(v);
  };
  if (!Array.isArray(result)) return [[cell(result)]];
  return result.map((row) => (Array.isArray(row) ? row.map(cell) : [cell(row)]));
}

/** Computes one call (cached by its arguments, as Sheets does). */
function compute(
  ss: EmulatedSpreadsheet,
  home: SheetModel,
  site: CallSite,
  formulaCell: FormulaCellReader,
): Stored[][] | { error: string } {
  const reg = registries.get(ss)!;
  // Sheets: "Custom function arguments must be deterministic" - TODAY(), NOW(), RAND() as an
  // argument never settle, and the cell keeps showing Loading...
  if (site.args.some((a) => /\b(TODAY|NOW|RAND|RANDBETWEEN)\s*\(/i.test(a))) return [['Loading...']];
  let args: unknown[];
  try {
    args = site.args.map((a) => argValue(ss, home, a, formulaCell));
  } catch (error) {
    return { error: (error as Error).message };
  }
  const key = keyOf(site.name, args);
  const hit = reg.memo.get(key);
  if (hit) return hit;
  let out: Stored[][] | { error: string };
  try {
    const fns = reg.resolve();
    const fn = Object.entries(fns).find(([n]) => n.toUpperCase() === site.name)?.[1];
    if (!fn) return { error: `Unknown function: ${site.name}` };
    out = toGrid(fn(...args));
  } catch (error) {
    out = { error: (error as Error).message };
  }
  if (reg.memo.size > 500) reg.memo.clear();
  reg.memo.set(key, out);
  return out;
}

/** A computed custom-function cell: its own value and what it spills (row/col → value). */
export interface Spill {
  value: Stored;
  /** Sheets' error message, when the value is an error code. */
  error?: string;
  cells: Map<string, Stored>;
}

const spillCache = new WeakMap<
  EmulatedSpreadsheet,
  { version: number; bySheet: Map<number, Map<string, Spill>> }
>();

/**
 * Computes every custom-function cell of the spreadsheet (the argument cache keeps recomputation
 * cheap) and keeps the result for this document version. Keys `row,col`. Called by the formula
 * engine when it builds; `formulaCell` reads other formula cells' values from it.
 */
export function computeSpills(
  ss: EmulatedSpreadsheet,
  formulaCell: FormulaCellReader,
): Map<number, Map<string, Spill>> {
  const bySheet = new Map<number, Map<string, Spill>>();
  if (registries.has(ss)) {
    for (const sheet of ss.sheets) {
      if (sheet.formulaCount === 0) continue;
      for (const [r, c, f] of sheet.formulas.entries()) {
        const site = callSite(f, ss);
        if (!site) continue;
        const result = compute(ss, sheet, site, formulaCell);
        let spill: Spill;
        if ('error' in result) {
          spill = { value: '#ERROR!', error: result.error, cells: new Map() };
        } else {
          const grid = [...site.header.map((h) => [h as Stored]), ...result];
          spill = { value: grid[0]?.[0] ?? '', cells: new Map() };
          let blocked = false;
          grid.forEach((line, i) =>
            line.forEach((v, j) => {
              if (i === 0 && j === 0) return;
              const rr = r + i;
              const cc = c + j;
              if (sheet.getStored(rr, cc) !== null || sheet.formulas.get(rr, cc) !== undefined)
                blocked = true;
              if (v !== '') spill.cells.set(`${rr},${cc}`, v);
            }),
          );
          if (blocked || r + grid.length - 1 > sheet.maxRows) {
            spill = {
              value: '#REF!',
              error: 'Array result was not expanded because it would overwrite data.',
              cells: new Map(),
            };
          }
        }
        let m = bySheet.get(sheet.id);
        if (!m) bySheet.set(sheet.id, (m = new Map()));
        m.set(`${r},${c}`, spill);
      }
    }
  }
  spillCache.set(ss, { version: ss.version, bySheet });
  return bySheet;
}

/** The computed custom-function cells of the current version, if the engine computed them. */
export function currentSpills(ss: EmulatedSpreadsheet): Map<number, Map<string, Spill>> | undefined {
  const hit = spillCache.get(ss);
  return hit && hit.version === ss.version ? hit.bySheet : undefined;
}

/**
 * The value a spilled (non-formula) cell shows, or undefined. `ensure` builds the formula engine
 * (which computes the spills) when this document version has not been computed yet.
 */
export function spilledValue(
  ss: EmulatedSpreadsheet,
  sheet: SheetModel,
  row: number,
  col: number,
  ensure: () => void,
): Stored | undefined {
  if (!registries.has(ss) || sheet.formulaCount === 0) return undefined;
  let all = currentSpills(ss);
  if (!all) {
    ensure();
    all = currentSpills(ss);
  }
  const m = all?.get(sheet.id);
  if (!m) return undefined;
  for (const spill of m.values()) {
    const v = spill.cells.get(`${row},${col}`);
    if (v !== undefined) return v;
  }
  return undefined;
}
