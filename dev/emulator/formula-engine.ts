/**
 * Formula evaluation with HyperFormula (GPL-3.0, dev-only). This module is the only one that imports
 * HyperFormula, and formulas.ts loads it lazily (the first time a formula result is needed), so runs
 * that never read a formula result (the CLI's `review --json` on a CSV) never load HyperFormula.
 *
 * One engine per spreadsheet, rebuilt only when the document's content version changes. Sheets-only
 * functions (REGEXMATCH, REGEXEXTRACT, REGEXREPLACE) come from a function plugin, and TODAY()/NOW()
 * read the emulator's "now" in the spreadsheet's time zone instead of the machine clock: TODAY() is
 * recomputed when the calendar day changes there, NOW() when the minute changes.
 */
import {
  CellError,
  DetailedCellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  type ImplementedFunctions,
  type RawCellContent,
} from 'hyperformula';
import type { EmulatedSpreadsheet, SheetModel, Stored } from './model';
import { dateToSerial, serialToDate, wallClock } from './tz';
import { isDate } from './context';
import { isDateFormat } from './format';
import { lettersToColumn } from './a1';
import { literalFreeCode, sheetsRegex, todaySerial, toEngineFormula, type EngineOptions } from './formulas';
import { computeSpills, hasCustomFunctions } from './custom-functions';

interface FormulaContext {
  now: () => Date;
  timeZone: string;
  /**
   * The clock the volatile functions read: TODAY() gives `day`, NOW() gives `at`. It moves only when
   * the calendar day in the spreadsheet's zone changes (or, when a NOW() formula is loaded, the
   * minute), so a clock moving by milliseconds recomputes nothing.
   */
  clock: { day: number; minute: number; at: Date };
}

// HyperFormula hands plugins its config; `context` is the documented slot for host data.
type PluginThis = { config: { context: unknown } };

function contextOf(plugin: PluginThis): FormulaContext {
  return plugin.config.context as FormulaContext;
}

class SheetsPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    TODAY: { method: 'today', parameters: [], isVolatile: true, returnNumberType: 'NUMBER_DATE' as never },
    NOW: { method: 'now', parameters: [], isVolatile: true, returnNumberType: 'NUMBER_DATETIME' as never },
    REGEXMATCH: {
      method: 'regexmatch',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.STRING },
      ],
    },
    REGEXEXTRACT: {
      method: 'regexextract',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.STRING },
      ],
    },
    REGEXREPLACE: {
      method: 'regexreplace',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.STRING },
        { argumentType: FunctionArgumentType.STRING },
      ],
    },
  };

  // HyperFormula's plugin method signature uses its internal Ast/InterpreterState types.
  /* eslint-disable @typescript-eslint/no-explicit-any -- internal HyperFormula types are not exported */
  today(ast: any, state: any): any {
    return this.runFunction(ast.args, state, this.metadata('TODAY'), () => {
      return contextOf(this as unknown as PluginThis).clock.day;
    });
  }

  now(ast: any, state: any): any {
    return this.runFunction(ast.args, state, this.metadata('NOW'), () => {
      const ctx = contextOf(this as unknown as PluginThis);
      return dateToSerial(ctx.clock.at, ctx.timeZone);
    });
  }

  regexmatch(ast: any, state: any): any {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('REGEXMATCH'),
      (text: unknown, pattern: string) => {
        const t = textArg(text);
        if (t instanceof CellError) return t;
        const re = safeRegex(pattern);
        if (re instanceof CellError) return re;
        return re.test(t);
      },
    );
  }

  regexextract(ast: any, state: any): any {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('REGEXEXTRACT'),
      (text: unknown, pattern: string) => {
        const t = textArg(text);
        if (t instanceof CellError) return t;
        const re = safeRegex(pattern);
        if (re instanceof CellError) return re;
        const m = re.exec(t);
        if (!m) return new CellError(ErrorType.NA, 'REGEXEXTRACT: no match');
        return m.length > 1 ? (m[1] ?? '') : m[0];
      },
    );
  }

  regexreplace(ast: any, state: any): any {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('REGEXREPLACE'),
      (text: unknown, pattern: string, replacement: string) => {
        const t = textArg(text);
        if (t instanceof CellError) return t;
        const re = safeRegex(pattern, true);
        if (re instanceof CellError) return re;
        return t.replace(re, replacement);
      },
    );
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

/** Sheets' REGEX functions reject numbers ("expects text values"); empty cells read as ''. */
function textArg(v: unknown): string | CellError {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (
    typeof v === 'object' &&
    v !== null &&
    'value' in (v as object) &&
    typeof (v as { value: unknown }).value === 'string'
  )
    return (v as { value: string }).value;
  return new CellError(ErrorType.VALUE, 'REGEX functions expect text values');
}

// Rule formulas run the same (often long) patterns on every cell: compile each once.
const regexCache = new Map<string, RegExp | null>();

function safeRegex(pattern: string, global = false): RegExp | CellError {
  const key = `${global ? 'g' : '-'}${pattern}`;
  let re = regexCache.get(key);
  if (re === undefined) {
    try {
      re = sheetsRegex(pattern, global);
    } catch {
      re = null;
    }
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(key, re);
  }
  if (re === null) return new CellError(ErrorType.REF, `"${pattern}" is not a valid regular expression`);
  re.lastIndex = 0;
  return re;
}

let registered = false;
function register(): void {
  if (registered) return;
  const names = Object.keys(SheetsPlugin.implementedFunctions);
  const translations = Object.fromEntries(names.map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(SheetsPlugin as never, { enGB: translations, enUS: translations });
  registered = true;
}

/** Sheets shows its own error codes; HyperFormula's few extra ones map to the nearest. */
export function sheetsError(err: DetailedCellError): string {
  switch (err.type) {
    case ErrorType.CYCLE:
      return '#REF!';
    case ErrorType.ERROR:
      return '#ERROR!';
    case ErrorType.SPILL:
      return '#REF!';
    case ErrorType.LIC:
      return '#ERROR!';
    default:
      return err.value;
  }
}

interface EngineState {
  hf: HyperFormula;
  version: number;
  ids: Map<number, number>; // our sheet id → HF sheet id
  included: Map<number, 'all' | Set<number>>; // columns loaded per sheet
  context: FormulaContext;
  /** Whether any loaded formula (cell or rule) calls NOW(): then the clock moves by the minute. */
  hasNow: boolean;
  /** Scratch sheets of evaluated rule formulas, by rule key. */
  scratch: Map<string, number>;
}

const engines = new WeakMap<EmulatedSpreadsheet, EngineState>();

/**
 * HyperFormula reads a Date cell through its local-time getters and then types it as a date, so
 * date minus date gives a number as in Sheets. Build a machine-local Date showing the sheet's wall clock.
 */
function engineDate(v: Date, tz: string): Date {
  const w = wallClock(v, tz);
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
}

function serialEngineDate(serial: number): Date {
  const d = new Date(Math.round(Date.UTC(1899, 11, 30) + serial * 86_400_000));
  return new Date(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
}

export function toRaw(v: Stored, tz: string, dateFormatted = false): RawCellContent {
  if (v === null || v === '') return null;
  if (typeof v === 'string') return `'${v}`; // the apostrophe keeps HyperFormula from parsing text
  if (isDate(v)) return engineDate(v, tz);
  if (typeof v === 'number' && dateFormatted) return serialEngineDate(v);
  return v;
}

/** Columns of a sheet the engine must hold: 'all', or a set of 1-based column numbers. */
type ColumnNeed = 'all' | Set<number>;
type Needs = Map<number, ColumnNeed>;

function sheetRaw(sheet: SheetModel, tz: string, cols: ColumnNeed): RawCellContent[][] {
  const rows = sheet.values.length;
  const out: RawCellContent[][] = new Array(rows);
  const wanted = cols === 'all' ? null : [...cols].map((c) => c - 1);
  for (let r = 0; r < rows; r++) {
    const src = sheet.values[r];
    if (!src) {
      out[r] = [];
    } else if (!wanted) {
      out[r] = src.map((v) => toRaw(v ?? null, tz));
    } else {
      const line: RawCellContent[] = [];
      for (const c of wanted) if (c < src.length) line[c] = toRaw(src[c] ?? null, tz);
      out[r] = line;
    }
  }
  for (const [r, c, f] of sheet.numberFormats.entries()) {
    const v = sheet.values[r - 1]?.[c - 1];
    if (typeof v === 'number' && isDateFormat(f) && (!wanted || wanted.includes(c - 1)))
      out[r - 1][c - 1] = toRaw(v, tz, true);
  }
  for (const [r, c, f] of sheet.formulas.entries()) {
    while (out.length < r) out.push([]);
    out[r - 1][c - 1] = toEngineFormula(f);
  }
  return out;
}

const REF_SCAN = new RegExp(
  `(?:('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(?:\\$?([A-Za-z]{1,3})\\$?\\d+(?::\\$?([A-Za-z]{1,3})\\$?\\d*)?|\\$?([A-Za-z]{1,3}):\\$?([A-Za-z]{1,3})(?![\\d])|\\$?\\d+:\\$?\\d+)(?![A-Za-z0-9_(!])`,
  'g',
);

function addNeed(needs: Needs, sheetId: number, need: ColumnNeed): void {
  const cur = needs.get(sheetId);
  if (cur === 'all') return;
  if (need === 'all') needs.set(sheetId, 'all');
  else if (!cur) needs.set(sheetId, new Set(need));
  else for (const c of need) cur.add(c);
}

/**
 * Which cells the engine must hold for these formulas: the columns their references name, per sheet.
 * Sheets are large (50,000 × 15) and formulas few, so unreferenced columns are left out. INDIRECT,
 * OFFSET and whole-row references load everything.
 */
function scanFormula(ss: EmulatedSpreadsheet, home: SheetModel, formula: string, needs: Needs): void {
  const code = literalFreeCode(formula);
  if (/\b(INDIRECT|OFFSET)\s*\(/i.test(code)) {
    for (const s of ss.sheets) needs.set(s.id, 'all');
    return;
  }
  for (const m of code.matchAll(REF_SCAN)) {
    const before = m.index !== undefined && m.index > 0 ? code[m.index - 1] : '';
    if (/[A-Za-z0-9_.$]/.test(before)) continue;
    let target: SheetModel | undefined = home;
    if (m[1]) {
      const name = m[1].startsWith("'") ? m[1].slice(1, -1).replace(/''/g, "'") : m[1];
      target = ss.sheetByName(name) ?? ss.sheetByNameInsensitive(name);
    }
    if (!target) continue;
    const a = m[2] ?? m[4];
    const b = m[3] ?? m[5] ?? a;
    if (!a) {
      addNeed(needs, target.id, 'all');
      continue;
    }
    const c1 = lettersToColumn(a);
    const c2 = lettersToColumn(b);
    const cols = new Set<number>();
    for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) cols.add(c);
    addNeed(needs, target.id, cols);
  }
}

const baseNeedsCache = new WeakMap<EmulatedSpreadsheet, { version: number; needs: Needs }>();

function cloneNeeds(n: Needs): Needs {
  return new Map([...n].map(([id, need]) => [id, need === 'all' ? 'all' : new Set(need)]));
}

function neededCells(ss: EmulatedSpreadsheet, extra?: { sheet: SheetModel; formulas: string[] }): Needs {
  // Scanning every formula is linear in formulas; do it once per document version.
  let base = baseNeedsCache.get(ss);
  if (!base || base.version !== ss.version) {
    const needs: Needs = new Map();
    for (const s of ss.sheets) {
      if (s.formulaCount === 0) continue;
      addNeed(needs, s.id, new Set());
      for (const [, , f] of s.formulas.entries()) scanFormula(ss, s, f, needs);
    }
    base = { version: ss.version, needs };
    baseNeedsCache.set(ss, base);
  }
  const needs = cloneNeeds(base.needs);
  if (extra) {
    addNeed(needs, extra.sheet.id, new Set());
    for (const f of extra.formulas) scanFormula(ss, extra.sheet, f, needs);
  }
  return needs;
}

function covers(included: Needs, needs: Needs): boolean {
  for (const [id, need] of needs) {
    const have = included.get(id);
    if (have === undefined) return false;
    if (have === 'all') continue;
    if (need === 'all') return false;
    for (const c of need) if (!have.has(c)) return false;
  }
  return true;
}

/**
 * The up-to-date engine for this spreadsheet. `extra` names formulas about to be evaluated against a
 * sheet (conditional-format rules) so the cells they read are loaded too.
 */
export function engineFor(
  ss: EmulatedSpreadsheet,
  opts: EngineOptions,
  extra?: { sheet: SheetModel; formulas: string[] },
): EngineState {
  register();
  let st = engines.get(ss);
  if (st && !extra && st.version === ss.version && st.context.timeZone === ss.timeZone) {
    // Same document version: the engine already holds everything the sheet formulas read.
    refreshNow(st, opts, ss);
    return st;
  }
  const needs = neededCells(ss, extra);
  const stale =
    !st || st.version !== ss.version || st.context.timeZone !== ss.timeZone || !covers(st.included, needs);
  if (stale) {
    // Keep what was loaded before as well, so alternating reads do not rebuild every time.
    if (st && st.version === ss.version) for (const [id, need] of st.included) addNeed(needs, id, need);
    if (st) st.hf.destroy();
    const context: FormulaContext = {
      now: opts.now,
      timeZone: ss.timeZone,
      clock: clockAt(opts.now(), ss.timeZone),
    };
    const sheets: Record<string, RawCellContent[][]> = {};
    for (const s of ss.sheets) {
      const need = needs.get(s.id);
      sheets[s.name] = need ? sheetRaw(s, ss.timeZone, need) : [];
    }
    const hf = HyperFormula.buildFromSheets(sheets, {
      licenseKey: 'gpl-v3',
      context,
      // Sheets' serial dates count from 1899-12-30, as HyperFormula's default does.
      dateFormats: ['DD/MM/YYYY', 'YYYY-MM-DD'],
      maxRows: 10_000_000,
      maxColumns: 18_278,
    });
    const ids = new Map<number, number>();
    for (const s of ss.sheets) ids.set(s.id, hf.getSheetId(s.name)!);
    st = {
      hf,
      version: ss.version,
      ids,
      included: needs,
      context,
      hasNow: ss.sheets.some(
        (sh) => sh.formulaCount > 0 && [...sh.formulas.entries()].some(([, , f]) => callsNow(f)),
      ),
      scratch: new Map(),
    };
    engines.set(ss, st);
    statsOf(ss).builds++;
    if (hasCustomFunctions(ss)) applySpills(ss, st);
  } else {
    refreshNow(st!, opts, ss);
  }
  return st!;
}

const NOW_CALL = /\bNOW\s*\(/i;

function callsNow(formula: string): boolean {
  return NOW_CALL.test(literalFreeCode(formula));
}

function clockAt(now: Date, tz: string): FormulaContext['clock'] {
  return { day: todaySerial(now, tz), minute: Math.floor(now.getTime() / 60_000), at: now };
}

/** How often the engine was built and how often a clock move recomputed its volatile formulas. */
export interface EngineStats {
  builds: number;
  clockRecomputes: number;
}

const stats = new WeakMap<EmulatedSpreadsheet, EngineStats>();

function statsOf(ss: EmulatedSpreadsheet): EngineStats {
  let s = stats.get(ss);
  if (!s) stats.set(ss, (s = { builds: 0, clockRecomputes: 0 }));
  return s;
}

/** Counters for tests and benchmarks (a copy). */
export function formulaEngineStats(ss: EmulatedSpreadsheet): EngineStats {
  return { ...statsOf(ss) };
}

/**
 * Moves the engine's clock to "now". HyperFormula recomputes every volatile formula on any change,
 * so the clock moves (and the scratch cell is poked) only when TODAY() or NOW() would give another
 * answer: a new calendar day in the spreadsheet's zone, or a new minute when a NOW() formula is
 * loaded (Sheets' own "on change and every minute" recalculation).
 */
function refreshNow(st: EngineState, opts: EngineOptions, ss: EmulatedSpreadsheet): void {
  st.context.now = opts.now;
  const next = clockAt(opts.now(), st.context.timeZone);
  const cur = st.context.clock;
  if (next.day === cur.day && (!st.hasNow || next.minute === cur.minute)) return;
  st.context.clock = next;
  touch(st.hf);
  statsOf(ss).clockRecomputes++;
}

const SCRATCH = '__emulator_scratch__';
function touch(hf: HyperFormula): void {
  let id = hf.getSheetId(SCRATCH);
  if (id === undefined) {
    hf.addSheet(SCRATCH);
    id = hf.getSheetId(SCRATCH)!;
  }
  const cur = hf.getCellValue({ sheet: id, row: 0, col: 0 });
  hf.setCellContents({ sheet: id, row: 0, col: 0 }, [[typeof cur === 'number' ? cur + 1 : 1]]);
}

/**
 * Custom-function cells (custom-functions.ts): computed by the bundle with their arguments read from
 * this engine, then written in as constants, one block per cell, spilled down and right as in Sheets.
 */
function applySpills(ss: EmulatedSpreadsheet, st: EngineState): void {
  const all = computeSpills(ss, (sheet, row, col) =>
    readResult(st, st.ids.get(sheet.id)!, row, col, ss.timeZone),
  );
  for (const [sheetId, cells] of all) {
    const hfSheet = st.ids.get(sheetId)!;
    for (const [at, spill] of cells) {
      const [r, c] = at.split(',').map(Number);
      let height = 1;
      let width = 1;
      for (const key of spill.cells.keys()) {
        const [rr, cc] = key.split(',').map(Number);
        height = Math.max(height, rr - r + 1);
        width = Math.max(width, cc - c + 1);
      }
      const block: RawCellContent[][] = Array.from({ length: height }, () =>
        new Array<RawCellContent>(width).fill(null),
      );
      const v = spill.value;
      block[0][0] = typeof v === 'string' && /^#[A-Z/0!?]+$/.test(v) ? v : toRaw(v, ss.timeZone);
      for (const [key, value] of spill.cells) {
        const [rr, cc] = key.split(',').map(Number);
        block[rr - r][cc - c] = toRaw(value, ss.timeZone);
      }
      st.hf.setCellContents({ sheet: hfSheet, row: r - 1, col: c - 1 }, block);
    }
  }
}

/** Builds the engine (and computes custom-function cells) for this document version if needed. */
export function ensureEngine(ss: EmulatedSpreadsheet, opts: EngineOptions): void {
  engineFor(ss, opts);
}

/** Converts an engine result at an address to what Sheets' getValues gives. */
export function readResult(st: EngineState, hfSheet: number, row: number, col: number, tz: string): Stored {
  const addr = { sheet: hfSheet, row: row - 1, col: col - 1 };
  const v = st.hf.getCellValue(addr);
  if (v === null) return '';
  if (v instanceof DetailedCellError) return sheetsError(v);
  if (typeof v === 'number') {
    const t = st.hf.getCellValueDetailedType(addr);
    if (t === 'NUMBER_DATE' || t === 'NUMBER_DATETIME') return serialToDate(v, tz);
    return v;
  }
  return v;
}

/** The computed value of a formula cell. */
export function formulaValue(
  ss: EmulatedSpreadsheet,
  sheet: SheetModel,
  row: number,
  col: number,
  opts: EngineOptions,
): Stored {
  const st = engineFor(ss, opts);
  return readResult(st, st.ids.get(sheet.id)!, row, col, ss.timeZone);
}

/**
 * Evaluates formulas placed at the given cells of a scratch sheet (conditional-format rules) and
 * returns their raw results. Scratch sheets stay in the engine under `key` until the document changes,
 * so re-evaluating unchanged rules (the playground repaints often) only re-reads the results.
 */
export function evaluateAt(
  ss: EmulatedSpreadsheet,
  target: SheetModel,
  cells: Array<{ row: number; col: number }>,
  formulaAt: (row: number, col: number) => string,
  opts: EngineOptions,
  key = '',
): unknown[] {
  // One formula per column is enough to learn which columns the rule reads (rows shift, columns stay).
  const perColumn = new Map<number, string>();
  for (const c of cells) if (!perColumn.has(c.col)) perColumn.set(c.col, formulaAt(c.row, c.col));
  const st = engineFor(ss, opts, { sheet: target, formulas: [...perColumn.values()] });
  if (!st.hasNow && [...perColumn.values()].some(callsNow)) {
    // The first NOW() loaded: no loaded formula read the clock's time yet, so move it without a recompute.
    st.hasNow = true;
    st.context.clock = clockAt(opts.now(), st.context.timeZone);
  }
  const cacheKey = key ? `${target.id}|${key}` : '';
  let id = cacheKey ? st.scratch.get(cacheKey) : undefined;
  if (id === undefined) {
    const name = `__emulator_cf_${st.scratch.size + 1}_${Date.now()}__`;
    st.hf.addSheet(name);
    id = st.hf.getSheetId(name)!;
    const data: RawCellContent[][] = [];
    for (const c of cells) {
      while (data.length < c.row) data.push([]);
      data[c.row - 1][c.col - 1] = toEngineFormula(formulaAt(c.row, c.col));
    }
    st.hf.setSheetContent(id, data);
    if (cacheKey) st.scratch.set(cacheKey, id);
  }
  const sheetId = id;
  try {
    return cells.map((c) => {
      const v = st.hf.getCellValue({ sheet: sheetId, row: c.row - 1, col: c.col - 1 });
      return v instanceof DetailedCellError ? sheetsError(v) : v;
    });
  } finally {
    if (!cacheKey) st.hf.removeSheet(sheetId);
  }
}
