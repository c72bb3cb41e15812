/**
 * NEXTSTEP_CHECK, NEXTSTEP_SCORE and NEXTSTEP_DUE: custom functions any cell can call.
 *
 * Rules they follow (brief §4):
 * - One cell or a range: a 2-D array in gives the same shape out; blank next steps give ''.
 * - No result depends on today's date. Sheets caches a custom function's result until an argument
 *   changes, so a date-relative answer ("overdue") would go stale silently. CHECK and SCORE judge the
 *   text (the verdict), never the timing; DUE returns a date only when it can be read without knowing
 *   today (an absolute date, or one resolved against written_on / the text's own log date).
 * - They run in AuthMode.CUSTOM_FUNCTION: they read the spreadsheet's time zone and locale (else UTC
 *   and en_US: DEFAULT_TIME_ZONE, DEFAULT_LOCALE) and the settings saved in the sidebar (document
 *   properties; else the default configuration, docs/decisions.md D8). Sheets caches their results, so
 *   a settings change shows in a cell once its arguments change.
 * - Bad arguments throw an Error whose message says what to fix (Sheets shows it on the cell).
 */
import type { CellValue, IsoDate, TextAnalysis } from '../core/types';
import { analyzeText } from '../core/analyze';
import { summarizeFindings } from '../core/summary';
import { cellToIsoDate } from '../core/dates/cell';
import { sharedDefaultConfig, type Config } from '../core/config';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, sheetZoneAndLocale } from './context';
import { zonedMidnight } from '../sheets/zoned-date';
import { loadSettings } from '../sheets/settings';

/** Fixed "today"s handed to the engine: results never depend on the real date. Two, far apart, so
 *  NEXTSTEP_DUE can tell a date that needs today (it moves between them) from one that does not. */
export const REFERENCE_DAYS: readonly [IsoDate, IsoDate] = ['2001-01-15', '2010-07-05'];

type Shape = { kind: 'scalar' } | { kind: 'grid'; rows: number; cols: number };

interface GridArg {
  shape: Shape;
  cells: CellValue[][];
}

export interface CustomFunctionEnv {
  timeZone: string;
  locale: string;
  config: Config;
}

function isBlank(v: unknown): boolean {
  return v === '' || v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function toCell(v: unknown): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  // Anything else (an object from a test harness, a cross-realm Date) is read through its text.
  if (Object.prototype.toString.call(v) === '[object Date]') return new Date((v as Date).getTime());
  return String(v);
}

/** A scalar or a 2-D array (a 1-D array, which Sheets never passes, is read as one column). */
function toGrid(fn: string, name: string, arg: unknown): GridArg {
  if (!Array.isArray(arg)) return { shape: { kind: 'scalar' }, cells: [[toCell(arg)]] };
  if (arg.length === 0)
    throw new Error(`${fn}: ${name} is an empty range; pass a cell or a range such as E2:E`);
  const rows: CellValue[][] = arg.map((row) => (Array.isArray(row) ? row.map(toCell) : [toCell(row)]));
  const cols = rows.reduce((n, r) => Math.max(n, r.length), 0);
  if (cols === 0) throw new Error(`${fn}: ${name} is an empty range; pass a cell or a range such as E2:E`);
  for (const r of rows) while (r.length < cols) r.push('');
  return { shape: { kind: 'grid', rows: rows.length, cols }, cells: rows };
}

function rowsOf(g: GridArg): number {
  return g.shape.kind === 'scalar' ? 1 : g.shape.rows;
}

function colsOf(g: GridArg): number {
  return g.shape.kind === 'scalar' ? 1 : g.shape.cols;
}

/** An optional argument aligned with next_steps: same rows; one column (per row) or the same columns. */
function alignedArg(
  fn: string,
  name: string,
  arg: unknown,
  main: GridArg,
): ((r: number, c: number) => CellValue) | undefined {
  if (arg === undefined || arg === null) return undefined;
  const g = toGrid(fn, name, arg);
  if (rowsOf(g) !== rowsOf(main)) {
    throw new Error(
      `${fn}: next_steps and ${name} must have the same number of rows (${rowsOf(main)} vs ${rowsOf(g)})`,
    );
  }
  if (colsOf(g) !== 1 && colsOf(g) !== colsOf(main)) {
    throw new Error(
      `${fn}: ${name} must be one column or as many columns as next_steps (${colsOf(main)} vs ${colsOf(g)})`,
    );
  }
  return colsOf(g) === 1 ? (r) => g.cells[r][0] : (r, c) => g.cells[r][c];
}

/** An omitted first argument arrives as undefined (an empty cell arrives as ''). */
function requireNextSteps(fn: string, example: string, next: unknown): void {
  if (next === undefined) throw new Error(`${fn}: next_steps is required, e.g. ${example}`);
}

/**
 * The configuration saved in the sidebar, read from document properties, which the custom-functions
 * guide lists among the services a custom function may use. Where the runtime refuses or gives no
 * store, the defaults (docs/decisions.md D8), so the function still answers.
 */
function savedConfig(): Config {
  try {
    const { settings, config } = loadSettings();
    return settings.configJson && settings.configJson.trim() !== '' ? config : sharedDefaultConfig();
  } catch {
    return sharedDefaultConfig();
  }
}

/** The spreadsheet's zone and locale and the saved configuration, where readable; defaults otherwise. */
export function customFunctionEnv(): CustomFunctionEnv {
  let zone = { timeZone: DEFAULT_TIME_ZONE, locale: DEFAULT_LOCALE };
  try {
    if (
      typeof SpreadsheetApp !== 'undefined' &&
      SpreadsheetApp &&
      typeof SpreadsheetApp.getActive === 'function'
    ) {
      zone = sheetZoneAndLocale(SpreadsheetApp.getActive());
    }
  } catch {
    // Not readable here: keep the defaults.
  }
  return { ...zone, config: savedConfig() };
}

interface Job {
  /** Cell positions in the output, in the order of `cells`. */
  at: Array<[number, number]>;
  cells: Array<{ text: CellValue; due: CellValue; written: CellValue }>;
}

/** Non-blank next-step cells with their aligned due / written-on cells. */
function collect(
  main: GridArg,
  due?: (r: number, c: number) => CellValue,
  written?: (r: number, c: number) => CellValue,
): Job {
  const job: Job = { at: [], cells: [] };
  main.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (isBlank(cell)) return;
      job.at.push([r, c]);
      job.cells.push({ text: cell, due: due ? due(r, c) : '', written: written ? written(r, c) : '' });
    }),
  );
  return job;
}

/** A written-on / due cell as a day: Dates in the sheet's zone, serials, full date strings. */
function cellDay(value: CellValue, env: CustomFunctionEnv): IsoDate | undefined {
  if (isBlank(value)) return undefined;
  return cellToIsoDate(value, {
    timeZone: env.config.timeZone ?? env.timeZone,
    locale: env.config.locale ?? env.locale,
  });
}

/**
 * The engine's text judgement for one cell, with a fixed "today" (never the real date). A date in
 * the due cell is the step's time anchor, exactly as in analyzeRows (the engine decides that rule).
 */
function judge(
  cell: Job['cells'][number],
  env: CustomFunctionEnv,
  today: IsoDate,
  memo?: Map<string, TextAnalysis | undefined>,
): TextAnalysis | undefined {
  try {
    const writtenOn = cellDay(cell.written, env);
    const dueDate = cellDay(cell.due, env);
    // The engine is deterministic: within one call, the same inputs give the same answer. Real columns
    // repeat entries ("follow up", "TBD"), so each distinct one is judged once.
    const key = memo ? `${today}|${dueDate ?? ''}|${writtenOn ?? ''}|${cellKey(cell.text)}` : '';
    if (memo?.has(key)) return memo.get(key);
    const result = analyzeText(cell.text, {
      today,
      timeZone: env.timeZone,
      locale: env.locale,
      config: env.config,
      writtenOn,
      dueDate,
    });
    memo?.set(key, result);
    return result;
  } catch {
    return undefined;
  }
}

function cellKey(v: CellValue): string {
  if (v instanceof Date) return `d:${v.getTime()}`;
  return `${typeof v}:${String(v)}`;
}

function shapeOut<T>(main: GridArg, job: Job, values: T[]): T | '' | Array<Array<T | ''>> {
  if (main.shape.kind === 'scalar') return job.at.length === 0 ? '' : values[0];
  const out: Array<Array<T | ''>> = main.cells.map((row) => row.map(() => '' as const));
  job.at.forEach(([r, c], i) => {
    out[r][c] = values[i];
  });
  return out;
}

/** Shown for a cell the engine could not read (it never should: a guard, not a feature). */
export const UNREADABLE = 'Could not check this entry';

export function nextStepCheck(
  next_steps: unknown,
  due_dates?: unknown,
  written_on?: unknown,
  env: CustomFunctionEnv = customFunctionEnv(),
): string | string[][] {
  const fn = 'NEXTSTEP_CHECK';
  requireNextSteps(fn, '=NEXTSTEP_CHECK(E2:E)', next_steps);
  const main = toGrid(fn, 'next_steps', next_steps);
  const job = collect(
    main,
    alignedArg(fn, 'due_dates', due_dates, main),
    alignedArg(fn, 'written_on', written_on, main),
  );
  const memo = new Map<string, TextAnalysis | undefined>();
  const out = job.cells.map((cell) => {
    const a = judge(cell, env, REFERENCE_DAYS[0], memo);
    return a ? summarizeFindings(a) : UNREADABLE;
  });
  return shapeOut(main, job, out) as string | string[][];
}

export function nextStepScore(
  next_steps: unknown,
  due_dates?: unknown,
  env: CustomFunctionEnv = customFunctionEnv(),
): number | '' | Array<Array<number | ''>> {
  const fn = 'NEXTSTEP_SCORE';
  requireNextSteps(fn, '=NEXTSTEP_SCORE(E2:E)', next_steps);
  const main = toGrid(fn, 'next_steps', next_steps);
  const job = collect(main, alignedArg(fn, 'due_dates', due_dates, main));
  const memo = new Map<string, TextAnalysis | undefined>();
  const out = job.cells.map((cell) => {
    const a = judge(cell, env, REFERENCE_DAYS[0], memo);
    return a && Number.isFinite(a.score) ? Math.max(0, Math.min(100, Math.round(a.score))) : '';
  });
  return shapeOut(main, job, out) as number | '' | Array<Array<number | ''>>;
}

export function nextStepDue(
  next_steps: unknown,
  written_on?: unknown,
  env: CustomFunctionEnv = customFunctionEnv(),
): Date | '' | Array<Array<Date | ''>> {
  const fn = 'NEXTSTEP_DUE';
  requireNextSteps(fn, '=NEXTSTEP_DUE(E2:E)', next_steps);
  const main = toGrid(fn, 'next_steps', next_steps);
  const job = collect(main, undefined, alignedArg(fn, 'written_on', written_on, main));
  const memo = new Map<string, TextAnalysis | undefined>();
  const out = job.cells.map((cell) => {
    const first = judge(cell, env, REFERENCE_DAYS[0], memo)?.due;
    if (!first) return '';
    // Read against written_on the answer is fixed; otherwise it must not move with "today".
    if (cellDay(cell.written, env) === undefined && judge(cell, env, REFERENCE_DAYS[1], memo)?.due !== first)
      return '';
    return zonedMidnight(first, env.config.timeZone ?? env.timeZone) ?? '';
  });
  return shapeOut(main, job, out) as Date | '' | Array<Array<Date | ''>>;
}
