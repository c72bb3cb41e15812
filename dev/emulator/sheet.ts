/** Sheet: one tab of the emulated spreadsheet. */
import { parseA1, type Box } from './a1';
import { makeChart, makeChartBuilder, ChartImpl } from './charts';
import { draftFromData, makeRule, otherSheetReference, RuleImpl } from './conditional-format';
import type { EmulatorContext } from './context';
import { requireDocument, requireWrite } from './context';
import type { CfRuleData, SheetModel } from './model';
import { makeProtection } from './protection';
import { checkProtection, makeRange, validateBox } from './range';
import { makeRangeList } from './range-list';
import { makeSpreadsheet } from './spreadsheet';
import { applyStructuralEdit, renameSheetRefs } from './structure';
import { asGas, unwrap, wrap } from './wrap';

type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasRange = GoogleAppsScript.Spreadsheet.Range;

export function makeSheet(ctx: EmulatorContext, sheet: SheetModel): GasSheet {
  return asGas<GasSheet>(wrap(new SheetImpl(ctx, sheet), 'Sheet', ctx.boundary));
}

export function sheetNameTaken(name: string): Error {
  return new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
}

export class SheetImpl implements Pick<
  GasSheet,
  | 'getName'
  | 'getSheetId'
  | 'getIndex'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'getFrozenRows'
  | 'getFrozenColumns'
  | 'isSheetHidden'
  | 'getColumnWidth'
> {
  constructor(
    readonly ctx: EmulatorContext,
    readonly sheet: SheetModel,
  ) {}

  private self(): GasSheet {
    return makeSheet(this.ctx, this.sheet);
  }

  private read(method: string): void {
    requireDocument(this.ctx, `Sheet.${method}`);
  }

  private write(method: string): void {
    requireWrite(this.ctx, `Sheet.${method}`);
  }

  /** Structural edits (rows, columns, sheet-wide formats) are refused under any non-editor protection. */
  private writeWhole(method: string): void {
    this.write(method);
    checkProtection(this.ctx, this.sheet, {
      row: 1,
      col: 1,
      rows: this.sheet.maxRows,
      cols: this.sheet.maxColumns,
    });
  }

  getName(): string {
    return this.sheet.name;
  }

  setName(name: string): GasSheet {
    this.write('setName');
    const other = this.ctx.ss.sheetByNameInsensitive(name);
    if (other && other !== this.sheet) throw sheetNameTaken(name);
    renameSheetRefs(this.ctx.ss, this.sheet.name, String(name));
    this.sheet.name = String(name);
    this.ctx.ss.version++;
    return this.self();
  }

  getSheetId(): number {
    return this.sheet.id;
  }

  getIndex(): number {
    return this.ctx.ss.sheets.indexOf(this.sheet) + 1;
  }

  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return makeSpreadsheet(this.ctx);
  }

  getRange(a: string | number, col?: number, numRows?: number, numColumns?: number): GasRange {
    this.read('getRange');
    let box: Box;
    if (typeof a === 'string' && col === undefined) {
      const parsed = parseA1(a, this.sheet.maxRows, this.sheet.maxColumns);
      if (!parsed) throw new Error('Range not found');
      if (parsed.sheetName !== undefined && parsed.sheetName !== this.sheet.name) {
        const other = this.ctx.ss.sheetByName(parsed.sheetName);
        if (!other) throw new Error('Range not found');
        validateBox(other, parsed.box);
        return makeRange(this.ctx, other, parsed.box);
      }
      box = parsed.box;
    } else {
      if (col === undefined)
        throw new Error(
          "The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
        );
      box = { row: Math.trunc(Number(a)), col: Math.trunc(col), rows: numRows ?? 1, cols: numColumns ?? 1 };
    }
    validateBox(this.sheet, box);
    return makeRange(this.ctx, this.sheet, box);
  }

  /**
   * The ranges of this sheet named by a non-empty list of A1 notations, as one RangeList (Apps Script
   * reference, Sheet.getRangeList). A notation naming another sheet, or no range, is refused.
   */
  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    this.read('getRangeList');
    if (!Array.isArray(a1Notations) || a1Notations.length === 0) throw new Error('Range not found');
    const boxes = a1Notations.map((a1) => {
      const parsed = parseA1(String(a1), this.sheet.maxRows, this.sheet.maxColumns);
      if (!parsed || (parsed.sheetName !== undefined && parsed.sheetName !== this.sheet.name))
        throw new Error('Range not found');
      validateBox(this.sheet, parsed.box);
      return parsed.box;
    });
    return makeRangeList(this.ctx, this.sheet, boxes);
  }

  getDataRange(): GasRange {
    this.read('getDataRange');
    return makeRange(this.ctx, this.sheet, {
      row: 1,
      col: 1,
      rows: Math.max(1, this.sheet.lastRow()),
      cols: Math.max(1, this.sheet.lastColumn()),
    });
  }

  getLastRow(): number {
    this.read('getLastRow');
    return this.sheet.lastRow();
  }

  getLastColumn(): number {
    this.read('getLastColumn');
    return this.sheet.lastColumn();
  }

  getMaxRows(): number {
    return this.sheet.maxRows;
  }

  getMaxColumns(): number {
    return this.sheet.maxColumns;
  }

  appendRow(rowContents: unknown[]): GasSheet {
    this.write('appendRow');
    const row = this.sheet.lastRow() + 1;
    if (row > this.sheet.maxRows) this.sheet.maxRows = row;
    if (rowContents.length > this.sheet.maxColumns) this.sheet.maxColumns = rowContents.length;
    const range = makeRange(this.ctx, this.sheet, {
      row,
      col: 1,
      rows: 1,
      cols: Math.max(1, rowContents.length),
    });
    (unwrap(range) as unknown as { setValues(v: unknown[][]): unknown }).setValues([rowContents]);
    return this.self();
  }

  insertColumnAfter(afterPosition: number): GasSheet {
    return this.insertColumnsAt(afterPosition + 1, 1, 'insertColumnAfter');
  }

  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet {
    return this.insertColumnsAt(afterPosition + 1, howMany, 'insertColumnsAfter');
  }

  insertColumnBefore(beforePosition: number): GasSheet {
    return this.insertColumnsAt(beforePosition, 1, 'insertColumnBefore');
  }

  private insertColumnsAt(col: number, n: number, method: string): GasSheet {
    this.writeWhole(method);
    if (col < 1 || col > this.sheet.maxColumns + 1) throw new Error('Those columns are out of bounds.');
    for (const row of this.sheet.values)
      if (row && col - 1 < row.length) row.splice(col - 1, 0, ...new Array<null>(n).fill(null));
    for (const g of this.sheet.grids()) g.insertCols(col, n);
    this.sheet.maxColumns += n;
    this.sheet.hiddenColumns = new Set([...this.sheet.hiddenColumns].map((c) => (c >= col ? c + n : c)));
    this.shiftBoxes((b) => {
      if (b.col >= col) b.col += n;
      else if (b.col + b.cols > col) b.cols += n;
    });
    applyStructuralEdit(this.ctx.ss, { sheetName: this.sheet.name, axis: 'col', at: col, delta: n });
    this.ctx.ss.version++;
    return this.self();
  }

  insertRowsAfter(afterPosition: number, howMany: number): GasSheet {
    return this.insertRowsAt(afterPosition + 1, howMany, 'insertRowsAfter');
  }

  insertRowAfter(afterPosition: number): GasSheet {
    return this.insertRowsAt(afterPosition + 1, 1, 'insertRowAfter');
  }

  insertRowBefore(beforePosition: number): GasSheet {
    return this.insertRowsAt(beforePosition, 1, 'insertRowBefore');
  }

  insertRowsBefore(beforePosition: number, howMany: number): GasSheet {
    return this.insertRowsAt(beforePosition, howMany, 'insertRowsBefore');
  }

  private insertRowsAt(row: number, n: number, method: string): GasSheet {
    this.writeWhole(method);
    if (row < 1 || row > this.sheet.maxRows + 1) throw new Error('Those rows are out of bounds.');
    if (row - 1 < this.sheet.values.length)
      this.sheet.values.splice(row - 1, 0, ...Array.from({ length: n }, () => []));
    for (const g of this.sheet.grids()) g.insertRows(row, n);
    this.sheet.maxRows += n;
    this.shiftBoxes((b) => {
      if (b.row >= row) b.row += n;
      else if (b.row + b.rows > row) b.rows += n;
    });
    applyStructuralEdit(this.ctx.ss, { sheetName: this.sheet.name, axis: 'row', at: row, delta: n });
    this.ctx.ss.version++;
    return this.self();
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.writeWhole('deleteRows');
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.sheet.maxRows) {
      throw new Error('Those rows are out of bounds.');
    }
    if (howMany >= this.sheet.maxRows) throw new Error("You can't delete all the rows on the sheet.");
    this.sheet.values.splice(rowPosition - 1, howMany);
    for (const g of this.sheet.grids()) g.deleteRows(rowPosition, howMany);
    this.sheet.maxRows -= howMany;
    const end = rowPosition + howMany;
    this.shiftBoxes((b) => {
      const bEnd = b.row + b.rows;
      const keptBefore = Math.max(0, Math.min(bEnd, rowPosition) - b.row);
      const keptAfter = Math.max(0, bEnd - Math.max(b.row, end));
      b.rows = keptBefore + keptAfter;
      b.row = b.row >= end ? b.row - howMany : Math.min(b.row, rowPosition);
    });
    // Areas wholly inside the deleted rows disappear, as in Sheets.
    this.sheet.merges = this.sheet.merges.filter((m) => m.rows > 0 && !(m.rows === 1 && m.cols === 1));
    this.sheet.protections = this.sheet.protections.filter((p) => p.box.rows > 0);
    for (const r of this.sheet.conditionalFormats) r.ranges = r.ranges.filter((b) => b.rows > 0);
    this.sheet.conditionalFormats = this.sheet.conditionalFormats.filter((r) => r.ranges.length > 0);
    applyStructuralEdit(this.ctx.ss, {
      sheetName: this.sheet.name,
      axis: 'row',
      at: rowPosition,
      delta: -howMany,
    });
    this.ctx.ss.version++;
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    this.writeWhole('deleteColumns');
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > this.sheet.maxColumns) {
      throw new Error('Those columns are out of bounds.');
    }
    if (howMany >= this.sheet.maxColumns) throw new Error("You can't delete all the columns on the sheet.");
    for (const row of this.sheet.values) if (row) row.splice(columnPosition - 1, howMany);
    for (const g of this.sheet.grids()) g.deleteCols(columnPosition, howMany);
    this.sheet.maxColumns -= howMany;
    const end = columnPosition + howMany;
    this.sheet.hiddenColumns = new Set(
      [...this.sheet.hiddenColumns]
        .filter((c) => c < columnPosition || c >= end)
        .map((c) => (c >= end ? c - howMany : c)),
    );
    this.shiftBoxes((b) => {
      const bEnd = b.col + b.cols;
      const keptBefore = Math.max(0, Math.min(bEnd, columnPosition) - b.col);
      const keptAfter = Math.max(0, bEnd - Math.max(b.col, end));
      b.cols = keptBefore + keptAfter;
      b.col = b.col >= end ? b.col - howMany : Math.min(b.col, columnPosition);
    });
    // Areas wholly inside the deleted columns disappear, as in Sheets.
    this.sheet.merges = this.sheet.merges.filter((m) => m.cols > 0 && !(m.rows === 1 && m.cols === 1));
    this.sheet.protections = this.sheet.protections.filter((p) => p.box.cols > 0);
    for (const r of this.sheet.conditionalFormats) r.ranges = r.ranges.filter((b) => b.cols > 0);
    this.sheet.conditionalFormats = this.sheet.conditionalFormats.filter((r) => r.ranges.length > 0);
    applyStructuralEdit(this.ctx.ss, {
      sheetName: this.sheet.name,
      axis: 'col',
      at: columnPosition,
      delta: -howMany,
    });
    this.ctx.ss.version++;
  }

  deleteColumn(columnPosition: number): GasSheet {
    this.deleteColumns(columnPosition, 1);
    return this.self();
  }

  hideColumns(columnIndex: number, numColumns = 1): void {
    this.write('hideColumns');
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.sheet.hiddenColumns.add(c);
    this.ctx.ss.version++;
  }

  showColumns(columnIndex: number, numColumns = 1): void {
    this.write('showColumns');
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.sheet.hiddenColumns.delete(c);
    this.ctx.ss.version++;
  }

  isColumnHiddenByUser(columnPosition: number): boolean {
    this.read('isColumnHiddenByUser');
    return this.sheet.hiddenColumns.has(columnPosition);
  }

  deleteRow(rowPosition: number): GasSheet {
    this.deleteRows(rowPosition, 1);
    return this.self();
  }

  private shiftBoxes(fn: (b: Box) => void): void {
    for (const m of this.sheet.merges) fn(m);
    for (const p of this.sheet.protections) if (p.type === 'RANGE') fn(p.box);
    for (const r of this.sheet.conditionalFormats) r.ranges.forEach(fn);
  }

  getFrozenRows(): number {
    return this.sheet.frozenRows;
  }

  setFrozenRows(rows: number): void {
    this.write('setFrozenRows');
    if (rows < 0 || rows > this.sheet.maxRows) throw new Error('Those rows are out of bounds.');
    this.sheet.frozenRows = rows;
  }

  getFrozenColumns(): number {
    return this.sheet.frozenColumns;
  }

  setFrozenColumns(columns: number): void {
    this.write('setFrozenColumns');
    if (columns < 0 || columns > this.sheet.maxColumns) throw new Error('Those columns are out of bounds.');
    this.sheet.frozenColumns = columns;
  }

  getColumnWidth(columnPosition: number): number {
    return this.sheet.columnWidths.get(columnPosition) ?? 100;
  }

  setColumnWidth(columnPosition: number, width: number): GasSheet {
    this.write('setColumnWidth');
    this.sheet.columnWidths.set(columnPosition, width);
    return this.self();
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): GasSheet {
    this.write('setColumnWidths');
    for (let c = startColumn; c < startColumn + numColumns; c++) this.sheet.columnWidths.set(c, width);
    return this.self();
  }

  autoResizeColumns(startColumn: number, numColumns: number): GasSheet {
    this.write('autoResizeColumns');
    for (let c = startColumn; c < startColumn + numColumns; c++) this.sheet.columnWidths.delete(c);
    return this.self();
  }

  // ---- conditional formats ----
  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    this.read('getConditionalFormatRules');
    return this.sheet.conditionalFormats.map((r) => makeRule(this.ctx, draftFromData(r)));
  }

  /** Replaces all of the sheet's rules, as Sheets does. */
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    this.write('setConditionalFormatRules');
    const data: CfRuleData[] = rules.map((rule) => {
      const d = (unwrap(rule) as unknown as RuleImpl).draft;
      if (!d.criteria) throw new Error('Conditional format rule cannot have no condition.');
      if (d.ranges.length === 0) throw new Error('Conditional format rule must have at least one range.');
      if (d.ranges.some((r) => r.sheetId !== this.sheet.id)) {
        throw new Error('Conditional format rule cannot reference a different sheet.');
      }
      if (d.criteria.type === 'CUSTOM_FORMULA' && otherSheetReference(d.criteria.formula, this.sheet.name)) {
        throw new Error('Conditional format rule cannot reference a different sheet.');
      }
      return {
        sheetId: this.sheet.id,
        ranges: d.ranges.map((r) => ({ ...r.box })),
        criteria: { ...d.criteria },
        background: d.background,
        fontColor: d.fontColor,
        bold: d.bold,
      };
    });
    this.sheet.conditionalFormats = data;
  }

  clearConditionalFormatRules(): void {
    this.write('clearConditionalFormatRules');
    this.sheet.conditionalFormats = [];
  }

  // ---- charts ----
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this.read('newChart');
    return makeChartBuilder(this.ctx, this.sheet);
  }

  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.write('insertChart');
    const c = unwrap(chart) as unknown as ChartImpl;
    this.sheet.charts.push({ ...c.data });
  }

  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.write('updateChart');
    const c = unwrap(chart) as unknown as ChartImpl;
    const i = this.sheet.charts.findIndex((x) => x.id === c.data.id);
    if (i < 0) throw new Error('The chart could not be found.');
    this.sheet.charts[i] = { ...c.data };
  }

  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.write('removeChart');
    const c = unwrap(chart) as unknown as ChartImpl;
    this.sheet.charts = this.sheet.charts.filter((x) => x.id !== c.data.id);
  }

  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    this.read('getCharts');
    return this.sheet.charts.map((c) => makeChart(this.ctx, this.sheet, c));
  }

  // ---- protection ----
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this.write('protect');
    const existing = this.sheet.protections.find((p) => p.type === 'SHEET');
    if (existing) return makeProtection(this.ctx, this.sheet, existing);
    const data = {
      id: this.ctx.ss.newProtectionId(),
      type: 'SHEET' as const,
      box: { row: 1, col: 1, rows: this.sheet.maxRows, cols: this.sheet.maxColumns },
      description: '',
      warningOnly: false,
    };
    this.sheet.protections.push(data);
    return makeProtection(this.ctx, this.sheet, data);
  }

  getProtections(type: string): GoogleAppsScript.Spreadsheet.Protection[] {
    this.read('getProtections');
    return this.sheet.protections
      .filter((p) => p.type === String(type))
      .map((p) => makeProtection(this.ctx, this.sheet, p));
  }

  // ---- visibility, clearing, activation ----
  hideSheet(): GasSheet {
    this.write('hideSheet');
    const visible = this.ctx.ss.sheets.filter((s) => !s.hidden && s !== this.sheet);
    if (visible.length === 0) throw new Error("You can't hide all the sheets in a document.");
    this.sheet.hidden = true;
    if (this.ctx.ss.activeSheetId === this.sheet.id) this.ctx.ss.activeSheetId = visible[0].id;
    return this.self();
  }

  showSheet(): GasSheet {
    this.write('showSheet');
    this.sheet.hidden = false;
    return this.self();
  }

  isSheetHidden(): boolean {
    return this.sheet.hidden;
  }

  clear(): GasSheet {
    this.writeWhole('clear');
    this.sheet.values = [];
    for (const g of this.sheet.grids())
      g.clearBox({ row: 1, col: 1, rows: this.sheet.maxRows, cols: this.sheet.maxColumns });
    this.sheet.formulaCount = 0;
    this.ctx.ss.version++;
    return this.self();
  }

  clearContents(): GasSheet {
    this.writeWhole('clearContents');
    this.sheet.values = [];
    this.sheet.formulas.clearBox({ row: 1, col: 1, rows: this.sheet.maxRows, cols: this.sheet.maxColumns });
    this.sheet.formulaCount = 0;
    this.ctx.ss.version++;
    return this.self();
  }

  clearFormats(): GasSheet {
    this.writeWhole('clearFormats');
    const all = { row: 1, col: 1, rows: this.sheet.maxRows, cols: this.sheet.maxColumns };
    for (const g of this.sheet.grids())
      if (g !== (this.sheet.formulas as unknown) && g !== (this.sheet.notes as unknown)) g.clearBox(all);
    this.ctx.ss.version++;
    return this.self();
  }

  activate(): GasSheet {
    this.read('activate');
    this.ctx.ss.activeSheetId = this.sheet.id;
    this.sheet.hidden = false;
    return this.self();
  }

  getActiveRange(): GasRange | null {
    this.read('getActiveRange');
    const sel = this.ctx.ss.selection;
    if (!sel || sel.sheetId !== this.sheet.id)
      return makeRange(this.ctx, this.sheet, { row: 1, col: 1, rows: 1, cols: 1 });
    return makeRange(this.ctx, this.sheet, { ...sel.box });
  }

  setActiveRange(range: GasRange): GasRange {
    this.read('setActiveRange');
    return (unwrap(range) as unknown as { activate(): GasRange }).activate();
  }
}
