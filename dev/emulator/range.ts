/** Range: a rectangle of one sheet. Every method follows the Apps Script reference for Range. */
import { boxA1, intersects, type Box } from './a1';
import { readCell, readDisplay, writeCell } from './cells';
import { normaliseColor } from './colors';
import type { EmulatorContext } from './context';
import { PROTECTED_MESSAGE, requireDocument, requireWrite } from './context';
import { DEFAULT_NUMBER_FORMAT } from './format';
import { shiftFormula } from './formulas';
import type { SheetModel } from './model';
import { asGas, wrap } from './wrap';
import { makeProtection } from './protection';
import { makeSheet } from './sheet';

type GasRange = GoogleAppsScript.Spreadsheet.Range;

export function makeRange(ctx: EmulatorContext, sheet: SheetModel, box: Box): GasRange {
  return asGas<GasRange>(wrap(new RangeImpl(ctx, sheet, box), 'Range', ctx.boundary));
}

/** Throws Sheets' message when a write would touch a range the user may not edit. */
export function checkProtection(ctx: EmulatorContext, sheet: SheetModel, box: Box): void {
  if (ctx.user.canEdit) return;
  for (const p of sheet.protections) {
    const area = p.type === 'SHEET' ? { row: 1, col: 1, rows: sheet.maxRows, cols: sheet.maxColumns } : p.box;
    if (!p.warningOnly && intersects(area, box)) throw new Error(PROTECTED_MESSAGE);
  }
}

function shapeCheck(values: unknown, box: Box): unknown[][] {
  if (!Array.isArray(values)) throw new Error("The parameters (String) don't match the method signature.");
  if (values.length !== box.rows) {
    throw new Error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${box.rows}.`,
    );
  }
  for (const row of values) {
    const n = Array.isArray(row) ? row.length : 0;
    if (n !== box.cols) {
      throw new Error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${n} but the range has ${box.cols}.`,
      );
    }
  }
  return values as unknown[][];
}

export class RangeImpl implements Pick<
  GasRange,
  | 'getValues'
  | 'getValue'
  | 'getDisplayValues'
  | 'getDisplayValue'
  | 'getFormulas'
  | 'getFormula'
  | 'getNotes'
  | 'getNote'
  | 'getBackgrounds'
  | 'getBackground'
  | 'getFontColors'
  | 'getNumberFormats'
  | 'getNumberFormat'
  | 'getRow'
  | 'getColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getA1Notation'
  | 'isBlank'
  | 'isPartOfMerge'
  | 'getGridId'
  | 'getWidth'
  | 'getHeight'
> {
  constructor(
    readonly ctx: EmulatorContext,
    readonly sheet: SheetModel,
    readonly box: Box,
  ) {}

  private read(method: string): void {
    requireDocument(this.ctx, `Range.${method}`);
  }

  private write(method: string): void {
    requireWrite(this.ctx, `Range.${method}`);
    checkProtection(this.ctx, this.sheet, this.box);
  }

  private map<T>(fn: (row: number, col: number) => T): T[][] {
    const { row, col, rows, cols } = this.box;
    const out: T[][] = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const line: T[] = new Array(cols);
      for (let c = 0; c < cols; c++) line[c] = fn(row + r, col + c);
      out[r] = line;
    }
    return out;
  }

  private each(fn: (row: number, col: number, r: number, c: number) => void): void {
    const { row, col, rows, cols } = this.box;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) fn(row + r, col + c, r, c);
  }

  private touched(): void {
    this.ctx.ss.version++;
  }

  // ---- values ----
  getValues(): unknown[][] {
    this.read('getValues');
    const s = this.sheet;
    if (s.formulaCount === 0 && s.merges.length === 0 && s.numberFormats.isEmpty()) {
      // Fast path for plain data: straight copies of the dense rows.
      const { row, col, rows, cols } = this.box;
      const out: unknown[][] = new Array(rows);
      for (let r = 0; r < rows; r++) {
        const src = s.values[row - 1 + r];
        const line: unknown[] = new Array(cols);
        for (let c = 0; c < cols; c++) {
          const v = src ? src[col - 1 + c] : undefined;
          line[c] = v === null || v === undefined ? '' : v instanceof Date ? new Date(v.getTime()) : v;
        }
        out[r] = line;
      }
      return out;
    }
    return this.map((r, c) => readCell(this.ctx, s, r, c));
  }

  getValue(): unknown {
    this.read('getValue');
    return readCell(this.ctx, this.sheet, this.box.row, this.box.col);
  }

  getDisplayValues(): string[][] {
    this.read('getDisplayValues');
    return this.map((r, c) => readDisplay(this.ctx, this.sheet, r, c));
  }

  getDisplayValue(): string {
    this.read('getDisplayValue');
    return readDisplay(this.ctx, this.sheet, this.box.row, this.box.col);
  }

  setValues(values: unknown[][]): GasRange {
    this.write('setValues');
    const data = shapeCheck(values, this.box);
    this.each((r, c, i, j) => writeCell(this.ctx, this.sheet, r, c, data[i][j]));
    this.touched();
    return this.self();
  }

  /** Like Sheets, a single value is written to every cell of the range. */
  setValue(value: unknown): GasRange {
    this.write('setValue');
    this.each((r, c) => writeCell(this.ctx, this.sheet, r, c, value));
    this.touched();
    return this.self();
  }

  // ---- formulas ----
  getFormulas(): string[][] {
    this.read('getFormulas');
    return this.map((r, c) => this.sheet.formulas.get(r, c) ?? '');
  }

  getFormula(): string {
    this.read('getFormula');
    return this.sheet.formulas.get(this.box.row, this.box.col) ?? '';
  }

  setFormulas(formulas: string[][]): GasRange {
    this.write('setFormulas');
    const data = shapeCheck(formulas, this.box);
    this.each((r, c, i, j) => writeCell(this.ctx, this.sheet, r, c, data[i][j], true));
    this.touched();
    return this.self();
  }

  /** On a multi-cell range the formula is filled: relative references move with each cell. */
  setFormula(formula: string): GasRange {
    this.write('setFormula');
    this.each((r, c, i, j) => {
      const f = i === 0 && j === 0 ? formula : shiftFormula(formula, i, j, null);
      writeCell(this.ctx, this.sheet, r, c, f, true);
    });
    this.touched();
    return this.self();
  }

  // ---- notes ----
  getNotes(): string[][] {
    this.read('getNotes');
    return this.map((r, c) => this.sheet.notes.get(r, c) ?? '');
  }

  getNote(): string {
    this.read('getNote');
    return this.sheet.notes.get(this.box.row, this.box.col) ?? '';
  }

  setNotes(notes: Array<Array<string | null>>): GasRange {
    this.write('setNotes');
    const data = shapeCheck(notes, this.box);
    this.each((r, c, i, j) => this.sheet.notes.set(r, c, data[i][j] ? String(data[i][j]) : undefined));
    return this.self();
  }

  setNote(note: string | null): GasRange {
    this.write('setNote');
    this.each((r, c) => this.sheet.notes.set(r, c, note ? String(note) : undefined));
    return this.self();
  }

  clearNote(): GasRange {
    this.write('clearNote');
    this.sheet.notes.clearBox(this.box);
    return this.self();
  }

  // ---- formats ----
  getBackgrounds(): string[][] {
    this.read('getBackgrounds');
    return this.map((r, c) => this.sheet.backgrounds.get(r, c) ?? '#ffffff');
  }

  getBackground(): string {
    this.read('getBackground');
    return this.sheet.backgrounds.get(this.box.row, this.box.col) ?? '#ffffff';
  }

  setBackgrounds(colors: Array<Array<string | null>>): GasRange {
    this.write('setBackgrounds');
    const data = shapeCheck(colors, this.box);
    this.each((r, c, i, j) => this.sheet.backgrounds.set(r, c, normaliseColor(data[i][j] as string | null)));
    return this.self();
  }

  setBackground(color: string | null): GasRange {
    this.write('setBackground');
    this.sheet.backgrounds.fill(this.box, normaliseColor(color));
    return this.self();
  }

  getFontColors(): string[][] {
    this.read('getFontColors');
    return this.map((r, c) => this.sheet.fontColors.get(r, c) ?? '#000000');
  }

  getFontColor(): string {
    this.read('getFontColor');
    return this.sheet.fontColors.get(this.box.row, this.box.col) ?? '#000000';
  }

  setFontColors(colors: Array<Array<string | null>>): GasRange {
    this.write('setFontColors');
    const data = shapeCheck(colors, this.box);
    this.each((r, c, i, j) => this.sheet.fontColors.set(r, c, normaliseColor(data[i][j] as string | null)));
    return this.self();
  }

  setFontColor(color: string | null): GasRange {
    this.write('setFontColor');
    this.sheet.fontColors.fill(this.box, normaliseColor(color));
    return this.self();
  }

  getFontWeights(): string[][] {
    this.read('getFontWeights');
    return this.map((r, c) => this.sheet.fontWeights.get(r, c) ?? 'normal');
  }

  getFontWeight(): string {
    this.read('getFontWeight');
    return this.sheet.fontWeights.get(this.box.row, this.box.col) ?? 'normal';
  }

  setFontWeights(weights: Array<Array<string | null>>): GasRange {
    this.write('setFontWeights');
    const data = shapeCheck(weights, this.box);
    this.each((r, c, i, j) => this.sheet.fontWeights.set(r, c, fontWeight(data[i][j] as string | null)));
    return this.self();
  }

  setFontWeight(weight: string | null): GasRange {
    this.write('setFontWeight');
    this.sheet.fontWeights.fill(this.box, fontWeight(weight));
    return this.self();
  }

  setFontStyle(style: string | null): GasRange {
    this.write('setFontStyle');
    this.sheet.fontStyles.fill(this.box, style === 'italic' ? 'italic' : undefined);
    return this.self();
  }

  getFontStyle(): string {
    this.read('getFontStyle');
    return this.sheet.fontStyles.get(this.box.row, this.box.col) ?? 'normal';
  }

  getNumberFormats(): string[][] {
    this.read('getNumberFormats');
    return this.map((r, c) => this.sheet.numberFormats.get(r, c) ?? DEFAULT_NUMBER_FORMAT);
  }

  getNumberFormat(): string {
    this.read('getNumberFormat');
    return this.sheet.numberFormats.get(this.box.row, this.box.col) ?? DEFAULT_NUMBER_FORMAT;
  }

  setNumberFormats(formats: string[][]): GasRange {
    this.write('setNumberFormats');
    const data = shapeCheck(formats, this.box);
    this.each((r, c, i, j) => this.sheet.numberFormats.set(r, c, formatOrDefault(data[i][j] as string)));
    this.touched();
    return this.self();
  }

  setNumberFormat(format: string): GasRange {
    this.write('setNumberFormat');
    this.sheet.numberFormats.fill(this.box, formatOrDefault(format));
    this.touched();
    return this.self();
  }

  setHorizontalAlignment(alignment: string | null): GasRange {
    this.write('setHorizontalAlignment');
    const a = alignment === null ? undefined : String(alignment).toLowerCase();
    if (a !== undefined && !['left', 'center', 'right', 'normal'].includes(a)) {
      throw new Error(`Invalid argument: alignment`);
    }
    this.sheet.horizontalAlignments.fill(this.box, a === 'normal' ? undefined : a);
    return this.self();
  }

  getHorizontalAlignment(): string {
    this.read('getHorizontalAlignment');
    return this.sheet.horizontalAlignments.get(this.box.row, this.box.col) ?? 'general';
  }

  setVerticalAlignment(alignment: string | null): GasRange {
    this.write('setVerticalAlignment');
    this.sheet.verticalAlignments.fill(this.box, verticalAlignment(alignment));
    return this.self();
  }

  getVerticalAlignment(): string {
    this.read('getVerticalAlignment');
    return this.sheet.verticalAlignments.get(this.box.row, this.box.col) ?? 'bottom';
  }

  setWrap(wrap: boolean): GasRange {
    this.write('setWrap');
    this.sheet.wraps.fill(this.box, wrap ? true : undefined);
    return this.self();
  }

  setWraps(wraps: boolean[][]): GasRange {
    this.write('setWraps');
    const data = shapeCheck(wraps, this.box);
    this.each((r, c, i, j) => this.sheet.wraps.set(r, c, data[i][j] ? true : undefined));
    return this.self();
  }

  getWrap(): boolean {
    this.read('getWrap');
    return this.sheet.wraps.get(this.box.row, this.box.col) ?? false;
  }

  // ---- clearing ----
  clearContent(): GasRange {
    this.write('clearContent');
    this.clearValues();
    return this.self();
  }

  clearFormat(): GasRange {
    this.write('clearFormat');
    this.clearFormats();
    return this.self();
  }

  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; commentsOnly?: boolean }): GasRange {
    this.write('clear');
    const o = options ?? {};
    if (o.commentsOnly) {
      this.sheet.notes.clearBox(this.box);
      return this.self();
    }
    if (!o.formatOnly) this.clearValues();
    if (!o.contentsOnly) this.clearFormats();
    if (!o.contentsOnly && !o.formatOnly) this.sheet.notes.clearBox(this.box);
    return this.self();
  }

  private clearValues(): void {
    this.each((r, c) => {
      this.sheet.setFormula(r, c, undefined);
      this.sheet.setStored(r, c, null);
    });
    this.touched();
  }

  private clearFormats(): void {
    for (const g of [
      this.sheet.numberFormats,
      this.sheet.backgrounds,
      this.sheet.fontColors,
      this.sheet.fontWeights,
      this.sheet.fontStyles,
      this.sheet.horizontalAlignments,
      this.sheet.verticalAlignments,
      this.sheet.wraps,
    ] as Array<{ clearBox(b: Box): void }>) {
      g.clearBox(this.box);
    }
    this.touched();
  }

  // ---- geometry ----
  getRow(): number {
    return this.box.row;
  }

  getRowIndex(): number {
    return this.box.row;
  }

  getColumn(): number {
    return this.box.col;
  }

  getNumRows(): number {
    return this.box.rows;
  }

  getNumColumns(): number {
    return this.box.cols;
  }

  getLastRow(): number {
    return this.box.row + this.box.rows - 1;
  }

  getLastColumn(): number {
    return this.box.col + this.box.cols - 1;
  }

  getHeight(): number {
    return this.box.rows;
  }

  getWidth(): number {
    return this.box.cols;
  }

  getA1Notation(): string {
    return boxA1(this.box);
  }

  getGridId(): number {
    return this.sheet.id;
  }

  isBlank(): boolean {
    this.read('isBlank');
    let blank = true;
    this.each((r, c) => {
      if (this.sheet.formulas.get(r, c) !== undefined) blank = false;
      const v = this.sheet.getStored(r, c);
      if (v !== null && v !== '') blank = false;
    });
    return blank;
  }

  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return makeSheet(this.ctx, this.sheet);
  }

  getCell(row: number, column: number): GasRange {
    if (row < 1 || column < 1 || row > this.box.rows || column > this.box.cols) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return makeRange(this.ctx, this.sheet, {
      row: this.box.row + row - 1,
      col: this.box.col + column - 1,
      rows: 1,
      cols: 1,
    });
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): GasRange {
    const box: Box = {
      row: this.box.row + rowOffset,
      col: this.box.col + columnOffset,
      rows: numRows ?? this.box.rows,
      cols: numColumns ?? this.box.cols,
    };
    validateBox(this.sheet, box);
    return makeRange(this.ctx, this.sheet, box);
  }

  activate(): GasRange {
    this.read('activate');
    this.ctx.ss.activeSheetId = this.sheet.id;
    this.ctx.ss.selection = { sheetId: this.sheet.id, box: { ...this.box } };
    return this.self();
  }

  // ---- merges ----
  getMergedRanges(): GasRange[] {
    this.read('getMergedRanges');
    return this.sheet.merges
      .filter((m) => intersects(m, this.box))
      .map((m) => makeRange(this.ctx, this.sheet, { ...m }));
  }

  isPartOfMerge(): boolean {
    this.read('isPartOfMerge');
    return this.sheet.merges.some((m) => intersects(m, this.box));
  }

  /** Merging keeps only the top-left value, as Sheets does; overlapping merges are replaced. */
  merge(): GasRange {
    this.write('merge');
    if (this.box.rows === 1 && this.box.cols === 1) return this.self();
    for (const m of this.sheet.merges) {
      const inside =
        m.row >= this.box.row &&
        m.col >= this.box.col &&
        m.row + m.rows <= this.box.row + this.box.rows &&
        m.col + m.cols <= this.box.col + this.box.cols;
      if (intersects(m, this.box) && !inside) {
        throw new Error('You must select all cells in a merged range to merge or unmerge them.');
      }
    }
    this.sheet.merges = this.sheet.merges.filter((m) => !intersects(m, this.box));
    this.each((r, c) => {
      if (r === this.box.row && c === this.box.col) return;
      this.sheet.setFormula(r, c, undefined);
      this.sheet.setStored(r, c, null);
    });
    this.sheet.merges.push({ ...this.box });
    this.touched();
    return this.self();
  }

  breakApart(): GasRange {
    this.write('breakApart');
    this.sheet.merges = this.sheet.merges.filter((m) => !intersects(m, this.box));
    this.touched();
    return this.self();
  }

  protect(): GoogleAppsScript.Spreadsheet.Protection {
    requireWrite(this.ctx, 'Range.protect');
    const data = {
      id: this.ctx.ss.newProtectionId(),
      type: 'RANGE' as const,
      box: { ...this.box },
      description: '',
      warningOnly: false,
    };
    this.sheet.protections.push(data);
    return makeProtection(this.ctx, this.sheet, data);
  }

  private self(): GasRange {
    return makeRange(this.ctx, this.sheet, this.box);
  }
}

function fontWeight(w: string | null): string | undefined {
  if (w === null || w === 'normal') return undefined;
  if (w !== 'bold') throw new Error(`Invalid argument: fontWeight`);
  return 'bold';
}

/** What a cell stores for setVerticalAlignment's argument: nothing for the default (bottom) or null. */
export function verticalAlignment(alignment: string | null): string | undefined {
  const a = alignment === null ? undefined : String(alignment).toLowerCase();
  if (a !== undefined && !['top', 'middle', 'bottom'].includes(a)) {
    throw new Error(`Invalid argument: alignment`);
  }
  return a === 'bottom' ? undefined : a;
}

function formatOrDefault(f: string): string | undefined {
  return f === '' || f === DEFAULT_NUMBER_FORMAT ? undefined : f;
}

/** Sheets' errors for ranges that start before A1 or end past the grid. */
export function validateBox(sheet: SheetModel, box: Box): void {
  if (box.row < 1) throw new Error('The starting row of the range is too small.');
  if (box.col < 1) throw new Error('The starting column of the range is too small.');
  if (box.rows < 1) throw new Error('The number of rows in the range must be at least 1.');
  if (box.cols < 1) throw new Error('The number of columns in the range must be at least 1.');
  if (box.row + box.rows - 1 > sheet.maxRows || box.col + box.cols - 1 > sheet.maxColumns) {
    throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
  }
}
