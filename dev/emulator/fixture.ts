/**
 * The JSON fixture format shared by tests, the playground and the CLI, and its conversion to and from
 * the in-memory spreadsheet. Values are a dense grid from A1 (null = empty; text is always text, even
 * '=...'); formulas, formats and the rest are keyed by A1 cell or A1 range.
 */
import { boxA1, cellA1, parseA1, type Box } from './a1';
import { normaliseColor } from './colors';
import { isDate } from './context';
import type { CfCriteria } from './model';
import { EmulatedSpreadsheet, SheetModel, SparseGrid, type Stored } from './model';

export type FixtureValue = string | number | boolean | null | { $date: string };

export interface ConditionalFormatFixture {
  ranges: string[];
  /** Exactly one of formula / textContains / textEqualTo / cellEmpty / cellNotEmpty. */
  formula?: string;
  textContains?: string;
  textEqualTo?: string;
  cellEmpty?: true;
  cellNotEmpty?: true;
  background?: string;
  fontColor?: string;
  bold?: boolean;
}

export interface SheetFixture {
  name: string;
  id?: number;
  maxRows?: number;
  maxColumns?: number;
  /** Dense rows from A1; dates as {"$date": ISO}. */
  values?: FixtureValue[][];
  /** Sparse alternative (merged over values): A1 → value. */
  cells?: Record<string, FixtureValue>;
  /** A1 → formula text including '='. */
  formulas?: Record<string, string>;
  /** A1 cell or range → Sheets number format ('@' = plain text). */
  numberFormats?: Record<string, string>;
  notes?: Record<string, string>;
  backgrounds?: Record<string, string>;
  fontColors?: Record<string, string>;
  fontWeights?: Record<string, 'bold' | 'normal'>;
  horizontalAlignments?: Record<string, string>;
  verticalAlignments?: Record<string, string>;
  merges?: string[];
  frozenRows?: number;
  frozenColumns?: number;
  hidden?: boolean;
  columnWidths?: Record<string, number>;
  conditionalFormats?: ConditionalFormatFixture[];
  protections?: Array<{ range?: string; description?: string; warningOnly?: boolean }>;
}

export interface SpreadsheetFixture {
  name?: string;
  id?: string;
  timeZone?: string;
  locale?: string;
  /** Free-form notes about the fixture (e.g. its reference "today"). */
  meta?: Record<string, unknown>;
  activeSheet?: string;
  sheets: SheetFixture[];
}

export function decodeValue(v: FixtureValue | undefined): Stored {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'object') return new Date(v.$date);
  return v;
}

export function encodeValue(v: Stored): FixtureValue {
  if (v === null || v === '') return null;
  if (isDate(v)) return { $date: v.toISOString() };
  return v;
}

function boxOf(sheet: SheetModel, a1: string): Box {
  const p = parseA1(a1, sheet.maxRows, sheet.maxColumns);
  if (!p) throw new Error(`Fixture: bad A1 reference "${a1}" on sheet "${sheet.name}"`);
  return p.box;
}

function applyMap<T>(
  sheet: SheetModel,
  grid: SparseGrid<T>,
  map: Record<string, T> | undefined,
  f: (v: T) => T = (v) => v,
): void {
  if (!map) return;
  for (const [a1, v] of Object.entries(map)) grid.fill(boxOf(sheet, a1), f(v));
}

function criteriaOf(cf: ConditionalFormatFixture): CfCriteria {
  if (cf.formula !== undefined) return { type: 'CUSTOM_FORMULA', formula: cf.formula };
  if (cf.textContains !== undefined) return { type: 'TEXT_CONTAINS', text: cf.textContains };
  if (cf.textEqualTo !== undefined) return { type: 'TEXT_EQUAL_TO', text: cf.textEqualTo };
  if (cf.cellNotEmpty) return { type: 'CELL_NOT_EMPTY' };
  return { type: 'CELL_EMPTY' };
}

export function spreadsheetFromFixture(f: SpreadsheetFixture): EmulatedSpreadsheet {
  const ss = new EmulatedSpreadsheet(f.name, f.timeZone ?? 'Europe/London', f.locale ?? 'en_GB', f.id);
  for (const sf of f.sheets) {
    if (ss.sheetByNameInsensitive(sf.name)) throw new Error(`Fixture: duplicate sheet name "${sf.name}"`);
    const sheet = ss.addSheet(sf.name, undefined, sf.id);
    const rows = sf.values ?? [];
    let cols = 0;
    sheet.values = rows.map((r) => {
      cols = Math.max(cols, r.length);
      const out = new Array<Stored>(r.length);
      for (let i = 0; i < r.length; i++) out[i] = decodeValue(r[i]);
      return out;
    });
    sheet.maxRows = Math.max(sf.maxRows ?? 1000, rows.length);
    sheet.maxColumns = Math.max(sf.maxColumns ?? 26, cols);
    for (const [a1, v] of Object.entries(sf.cells ?? {})) {
      const b = boxOf(sheet, a1);
      sheet.maxRows = Math.max(sheet.maxRows, b.row);
      sheet.maxColumns = Math.max(sheet.maxColumns, b.col);
      sheet.setStored(b.row, b.col, decodeValue(v));
    }
    for (const [a1, formula] of Object.entries(sf.formulas ?? {})) {
      const b = boxOf(sheet, a1);
      sheet.setFormula(b.row, b.col, formula.startsWith('=') ? formula : `=${formula}`);
      sheet.setStored(b.row, b.col, null);
    }
    applyMap(sheet, sheet.numberFormats, sf.numberFormats);
    applyMap(sheet, sheet.notes, sf.notes);
    applyMap(sheet, sheet.backgrounds, sf.backgrounds, (c) => normaliseColor(c)!);
    applyMap(sheet, sheet.fontColors, sf.fontColors, (c) => normaliseColor(c)!);
    applyMap(
      sheet,
      sheet.fontWeights as SparseGrid<string>,
      sf.fontWeights as Record<string, string> | undefined,
    );
    applyMap(sheet, sheet.horizontalAlignments, sf.horizontalAlignments);
    applyMap(sheet, sheet.verticalAlignments, sf.verticalAlignments);
    sheet.merges = (sf.merges ?? []).map((a1) => boxOf(sheet, a1));
    sheet.frozenRows = sf.frozenRows ?? 0;
    sheet.frozenColumns = sf.frozenColumns ?? 0;
    sheet.hidden = sf.hidden ?? false;
    for (const [col, w] of Object.entries(sf.columnWidths ?? {})) sheet.columnWidths.set(Number(col), w);
    sheet.conditionalFormats = (sf.conditionalFormats ?? []).map((cf) => ({
      sheetId: sheet.id,
      ranges: cf.ranges.map((a1) => boxOf(sheet, a1)),
      criteria: criteriaOf(cf),
      background: normaliseColor(cf.background),
      fontColor: normaliseColor(cf.fontColor),
      bold: cf.bold,
    }));
    sheet.protections = (sf.protections ?? []).map((p) => ({
      id: ss.newProtectionId(),
      type: p.range ? ('RANGE' as const) : ('SHEET' as const),
      box: p.range ? boxOf(sheet, p.range) : { row: 1, col: 1, rows: sheet.maxRows, cols: sheet.maxColumns },
      description: p.description ?? '',
      warningOnly: p.warningOnly ?? false,
    }));
  }
  if (ss.sheets.length === 0) ss.addSheet('Sheet1');
  if (f.activeSheet) ss.activeSheetId = ss.sheetByName(f.activeSheet)?.id ?? ss.sheets[0].id;
  ss.version++;
  return ss;
}

/** Runs of equal values down each column, then side-by-side runs merged into rectangles ('A2:I2'). */
function compressGrid<T>(grid: SparseGrid<T>): Record<string, T> | undefined {
  const byCol = new Map<number, Array<[number, T]>>();
  for (const [r, c, v] of grid.entries()) {
    let list = byCol.get(c);
    if (!list) byCol.set(c, (list = []));
    list.push([r, v]);
  }
  const runs: Array<{ box: Box; value: T }> = [];
  for (const [c, list] of [...byCol].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a[0] - b[0]);
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i < list.length && list[i][0] === list[i - 1][0] + 1 && list[i][1] === list[start][1]) continue;
      runs.push({
        box: { row: list[start][0], col: c, rows: list[i - 1][0] - list[start][0] + 1, cols: 1 },
        value: list[start][1],
      });
      start = i;
    }
  }
  const open = new Map<string, { box: Box; value: T }>();
  const done: Array<{ box: Box; value: T }> = [];
  for (const run of runs) {
    const key = `${run.box.row}:${run.box.rows}:${String(run.value)}`;
    const prev = open.get(key);
    if (prev && prev.box.col + prev.box.cols === run.box.col) prev.box.cols++;
    else {
      const fresh = { box: { ...run.box }, value: run.value };
      open.set(key, fresh);
      done.push(fresh);
    }
  }
  const out: Record<string, T> = {};
  for (const { box, value } of done) out[boxA1(box)] = value;
  return done.length ? out : undefined;
}

export function spreadsheetToFixture(ss: EmulatedSpreadsheet): SpreadsheetFixture {
  return {
    name: ss.name,
    id: ss.id,
    timeZone: ss.timeZone,
    locale: ss.locale,
    activeSheet: ss.activeSheet()?.name,
    sheets: ss.sheets.map((s) => {
      const values: FixtureValue[][] = [];
      const last = s.lastRow();
      for (let r = 0; r < Math.min(last, s.values.length); r++) {
        const row = (s.values[r] ?? []).map((v) => encodeValue(v ?? null));
        while (row.length && row[row.length - 1] === null) row.pop();
        values.push(row);
      }
      const formulas: Record<string, string> = {};
      for (const [r, c, f] of s.formulas.entries()) formulas[cellA1(r, c)] = f;
      const sf: SheetFixture = {
        name: s.name,
        id: s.id,
        maxRows: s.maxRows,
        maxColumns: s.maxColumns,
        values,
      };
      if (Object.keys(formulas).length) sf.formulas = formulas;
      const nf = compressGrid(s.numberFormats);
      if (nf) sf.numberFormats = nf;
      const notes = compressGrid(s.notes);
      if (notes) sf.notes = notes;
      const bg = compressGrid(s.backgrounds);
      if (bg) sf.backgrounds = bg;
      const fc = compressGrid(s.fontColors);
      if (fc) sf.fontColors = fc;
      const fw = compressGrid(s.fontWeights) as Record<string, 'bold' | 'normal'> | undefined;
      if (fw) sf.fontWeights = fw;
      const ha = compressGrid(s.horizontalAlignments);
      if (ha) sf.horizontalAlignments = ha;
      const va = compressGrid(s.verticalAlignments);
      if (va) sf.verticalAlignments = va;
      if (s.merges.length) sf.merges = s.merges.map(boxA1);
      if (s.frozenRows) sf.frozenRows = s.frozenRows;
      if (s.frozenColumns) sf.frozenColumns = s.frozenColumns;
      if (s.hidden) sf.hidden = true;
      if (s.columnWidths.size)
        sf.columnWidths = Object.fromEntries([...s.columnWidths].map(([k, v]) => [String(k), v]));
      if (s.conditionalFormats.length) {
        sf.conditionalFormats = s.conditionalFormats.map((r) => {
          const cf: ConditionalFormatFixture = { ranges: r.ranges.map(boxA1) };
          const c = r.criteria;
          if (c.type === 'CUSTOM_FORMULA') cf.formula = c.formula;
          else if (c.type === 'TEXT_CONTAINS') cf.textContains = c.text;
          else if (c.type === 'TEXT_EQUAL_TO') cf.textEqualTo = c.text;
          else if (c.type === 'CELL_EMPTY') cf.cellEmpty = true;
          else cf.cellNotEmpty = true;
          if (r.background) cf.background = r.background;
          if (r.fontColor) cf.fontColor = r.fontColor;
          if (r.bold !== undefined) cf.bold = r.bold;
          return cf;
        });
      }
      if (s.protections.length) {
        sf.protections = s.protections.map((p) => ({
          ...(p.type === 'RANGE' ? { range: boxA1(p.box) } : {}),
          description: p.description,
          warningOnly: p.warningOnly,
        }));
      }
      return sf;
    }),
  };
}
