/**
 * The in-memory document behind the emulated services. Values live in dense row arrays (fast for
 * 50,000-row sheets); formats and other per-cell attributes in sparse grids, since most cells have none.
 */
import type { Box } from './a1';

/** A stored cell: a literal value (formulas are kept apart), null when empty. */
export type Stored = string | number | boolean | Date | null;

export class SparseGrid<T> {
  private rows: Array<Array<T | undefined> | undefined> = [];

  get(row: number, col: number): T | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  set(row: number, col: number, value: T | undefined): void {
    let r = this.rows[row - 1];
    if (!r) {
      if (value === undefined) return;
      r = this.rows[row - 1] = [];
    }
    r[col - 1] = value;
  }

  fill(box: Box, value: T | undefined): void {
    for (let r = box.row; r < box.row + box.rows; r++)
      for (let c = box.col; c < box.col + box.cols; c++) this.set(r, c, value);
  }

  /** Every set cell, as [row, col, value]. */
  *entries(): Generator<[number, number, T]> {
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) if (row[c] !== undefined) yield [r + 1, c + 1, row[c] as T];
    }
  }

  deleteRows(row: number, count: number): void {
    this.rows.splice(row - 1, count);
  }

  insertRows(row: number, count: number): void {
    if (row - 1 < this.rows.length) this.rows.splice(row - 1, 0, ...new Array<undefined>(count));
  }

  deleteCols(col: number, count: number): void {
    for (const r of this.rows) if (r && col - 1 < r.length) r.splice(col - 1, count);
  }

  insertCols(col: number, count: number): void {
    for (const r of this.rows)
      if (r && col - 1 < r.length) r.splice(col - 1, 0, ...new Array<undefined>(count));
  }

  clearBox(box: Box): void {
    this.fill(box, undefined);
  }

  isEmpty(): boolean {
    return this.rows.every((r) => !r || r.every((v) => v === undefined));
  }
}

export type CfCriteria =
  | { type: 'CUSTOM_FORMULA'; formula: string }
  | { type: 'TEXT_CONTAINS'; text: string }
  | { type: 'CELL_EMPTY' }
  | { type: 'CELL_NOT_EMPTY' }
  | { type: 'TEXT_EQUAL_TO'; text: string };

export interface CfRuleData {
  sheetId: number;
  ranges: Box[];
  criteria: CfCriteria;
  background?: string;
  fontColor?: string;
  bold?: boolean;
}

export interface ChartData {
  id: string;
  chartType: string;
  ranges: Array<{ sheetId: number; box: Box }>;
  position: { row: number; col: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
}

export interface ProtectionData {
  id: number;
  type: 'RANGE' | 'SHEET';
  box: Box;
  description: string;
  warningOnly: boolean;
}

export class SheetModel {
  values: Stored[][] = [];
  formulas = new SparseGrid<string>();
  numberFormats = new SparseGrid<string>();
  notes = new SparseGrid<string>();
  backgrounds = new SparseGrid<string>();
  fontColors = new SparseGrid<string>();
  fontWeights = new SparseGrid<string>();
  fontStyles = new SparseGrid<string>();
  horizontalAlignments = new SparseGrid<string>();
  /** 'top' or 'middle'; unset is Sheets' default, bottom. */
  verticalAlignments = new SparseGrid<string>();
  wraps = new SparseGrid<boolean>();
  merges: Box[] = [];
  conditionalFormats: CfRuleData[] = [];
  charts: ChartData[] = [];
  protections: ProtectionData[] = [];
  columnWidths = new Map<number, number>();
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  /** Columns hidden with hideColumns (1-based). */
  hiddenColumns = new Set<number>();
  /** Number of formula cells, so sheets without formulas never touch the formula engine. */
  formulaCount = 0;

  constructor(
    public id: number,
    public name: string,
    public maxRows = 1000,
    public maxColumns = 26,
  ) {}

  getStored(row: number, col: number): Stored {
    const v = this.values[row - 1]?.[col - 1];
    return v === undefined ? null : v;
  }

  setStored(row: number, col: number, value: Stored): void {
    let r = this.values[row - 1];
    if (!r) {
      if (value === null) return;
      for (let i = this.values.length; i < row - 1; i++) if (!this.values[i]) this.values[i] = [];
      r = this.values[row - 1] = [];
    }
    r[col - 1] = value;
  }

  setFormula(row: number, col: number, formula: string | undefined): void {
    const had = this.formulas.get(row, col) !== undefined;
    if (had && formula === undefined) this.formulaCount--;
    if (!had && formula !== undefined) this.formulaCount++;
    this.formulas.set(row, col, formula);
  }

  /** The merge whose area holds this cell, if any. */
  mergeAt(row: number, col: number): Box | undefined {
    for (const m of this.merges) {
      if (row >= m.row && row < m.row + m.rows && col >= m.col && col < m.col + m.cols) return m;
    }
    return undefined;
  }

  /** Last row / column holding a value or formula (0 when the sheet is empty). */
  lastRow(): number {
    for (let r = this.values.length; r >= 1; r--) {
      const row = this.values[r - 1];
      if (row && row.some((v) => v !== null && v !== undefined && v !== ''))
        return Math.max(r, this.lastFormulaRow());
    }
    return this.lastFormulaRow();
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.values) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        const v = row[c - 1];
        if (v !== null && v !== undefined && v !== '') {
          last = c;
          break;
        }
      }
    }
    for (const [, c] of this.formulas.entries()) last = Math.max(last, c);
    return last;
  }

  private lastFormulaRow(): number {
    if (this.formulaCount === 0) return 0;
    let last = 0;
    for (const [r] of this.formulas.entries()) last = Math.max(last, r);
    return last;
  }

  /** Every per-cell grid, so structural edits (insert/delete rows) move them all together. */
  grids(): Array<SparseGrid<unknown>> {
    return [
      this.formulas,
      this.numberFormats,
      this.notes,
      this.backgrounds,
      this.fontColors,
      this.fontWeights,
      this.fontStyles,
      this.horizontalAlignments,
      this.verticalAlignments,
      this.wraps,
    ] as Array<SparseGrid<unknown>>;
  }
}

const owners = new WeakMap<SheetModel, EmulatedSpreadsheet>();

/** The spreadsheet a sheet model belongs to (set when the sheet is added). */
export function ownerOf(sheet: SheetModel): EmulatedSpreadsheet | undefined {
  return owners.get(sheet);
}

export interface Selection {
  sheetId: number;
  box: Box;
}

/** The spreadsheet document: sheets plus document-scoped state that survives across executions. */
export class EmulatedSpreadsheet {
  sheets: SheetModel[] = [];
  activeSheetId = 0;
  selection?: Selection;
  /** Bumped on every change that can alter a formula result; the formula engine caches by it. */
  version = 0;
  /**
   * Bumped on every script write to what the document shows: values, formulas, formats, notes, merges,
   * conditional-format rules, charts, frozen rows, column widths, sheets (added, removed, renamed,
   * hidden, moved), the spreadsheet's name, zone and locale. Not by selection (activate), toasts,
   * protections or any other service (properties, cache, locks, triggers). The playground redraws on it.
   */
  revision = 0;
  private nextSheetId = 0;
  private nextProtectionId = 1;
  /** Document-scoped services state (properties, triggers, locks), shared by every globals built on it. */
  readonly services = new Map<string, unknown>();

  constructor(
    public name = 'Untitled spreadsheet',
    public timeZone = 'Europe/London',
    public locale = 'en_GB',
    public id = 'emulated-spreadsheet-id',
  ) {}

  addSheet(name: string, index?: number, id?: number): SheetModel {
    const sheetId = id ?? this.nextSheetId;
    this.nextSheetId = Math.max(this.nextSheetId, sheetId) + 1;
    // Sheets gives the first sheet id 0 and later ones large random ids; sequential ids are enough here.
    const sheet = new SheetModel(sheetId, name);
    owners.set(sheet, this);
    if (index === undefined || index >= this.sheets.length) this.sheets.push(sheet);
    else this.sheets.splice(Math.max(0, index), 0, sheet);
    if (this.sheets.length === 1) this.activeSheetId = sheet.id;
    this.version++;
    this.revision++;
    return sheet;
  }

  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Sheets matches names case-insensitively when checking for duplicates. */
  sheetByNameInsensitive(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  activeSheet(): SheetModel {
    return this.sheetById(this.activeSheetId) ?? this.sheets[0];
  }

  newProtectionId(): number {
    return this.nextProtectionId++;
  }

  /** Typed access to document-scoped service state, created on first use. */
  service<T>(key: string, create: () => T): T {
    let v = this.services.get(key) as T | undefined;
    if (v === undefined) {
      v = create();
      this.services.set(key, v);
    }
    return v;
  }
}
