/** Spreadsheet: the active document as Apps Script sees it. */
import { parseA1 } from './a1';
import type { EmulatorContext } from './context';
import { requireDocument, requireWrite } from './context';
import { isValidTimeZone } from './tz';
import { makeProtection } from './protection';
import { makeRange, validateBox } from './range';
import { makeSheet, sheetNameTaken, SheetImpl } from './sheet';
import { asGas, unwrap, wrap } from './wrap';

type GasSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;

export function makeSpreadsheet(ctx: EmulatorContext): GasSpreadsheet {
  return asGas<GasSpreadsheet>(wrap(new SpreadsheetImpl(ctx), 'Spreadsheet', ctx.boundary));
}

export class SpreadsheetImpl implements Pick<
  GasSpreadsheet,
  'getId' | 'getUrl' | 'getName' | 'getSpreadsheetTimeZone' | 'getSpreadsheetLocale' | 'getNumSheets'
> {
  constructor(readonly ctx: EmulatorContext) {}

  private read(method: string): void {
    requireDocument(this.ctx, `Spreadsheet.${method}`);
  }

  private write(method: string): void {
    requireWrite(this.ctx, `Spreadsheet.${method}`);
  }

  getId(): string {
    return this.ctx.ss.id;
  }

  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.ctx.ss.id}/edit`;
  }

  getName(): string {
    return this.ctx.ss.name;
  }

  rename(name: string): void {
    this.write('rename');
    this.ctx.ss.name = String(name);
  }

  getSpreadsheetTimeZone(): string {
    return this.ctx.ss.timeZone;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    this.write('setSpreadsheetTimeZone');
    if (!isValidTimeZone(timezone)) throw new Error(`Invalid argument: timezone`);
    this.ctx.ss.timeZone = timezone;
    this.ctx.ss.version++;
  }

  getSpreadsheetLocale(): string {
    return this.ctx.ss.locale;
  }

  setSpreadsheetLocale(locale: string): void {
    this.write('setSpreadsheetLocale');
    this.ctx.ss.locale = String(locale);
  }

  getNumSheets(): number {
    return this.ctx.ss.sheets.length;
  }

  getSheets(): GasSheet[] {
    this.read('getSheets');
    return this.ctx.ss.sheets.map((s) => makeSheet(this.ctx, s));
  }

  /** Apps Script matches sheet names case-insensitively here; null when there is none. */
  getSheetByName(name: string): GasSheet | null {
    this.read('getSheetByName');
    const s = this.ctx.ss.sheetByName(name) ?? this.ctx.ss.sheetByNameInsensitive(name);
    return s ? makeSheet(this.ctx, s) : null;
  }

  getSheetById(id: number): GasSheet | null {
    this.read('getSheetById');
    const s = this.ctx.ss.sheetById(id);
    return s ? makeSheet(this.ctx, s) : null;
  }

  /** insertSheet(), (name), (index), (name, index): the new sheet becomes the active one. */
  insertSheet(a?: string | number, b?: number): GasSheet {
    this.write('insertSheet');
    let name: string | undefined;
    let index: number | undefined;
    if (typeof a === 'number') index = a;
    else {
      name = a;
      index = b;
    }
    if (name === undefined) {
      let n = this.ctx.ss.sheets.length + 1;
      while (this.ctx.ss.sheetByNameInsensitive(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    name = String(name);
    if (this.ctx.ss.sheetByNameInsensitive(name)) throw sheetNameTaken(name);
    const sheet = this.ctx.ss.addSheet(name, index);
    this.ctx.ss.activeSheetId = sheet.id;
    return makeSheet(this.ctx, sheet);
  }

  deleteSheet(sheet: GasSheet): void {
    this.write('deleteSheet');
    const impl = unwrap(sheet) as unknown as SheetImpl;
    const ss = this.ctx.ss;
    if (!ss.sheets.includes(impl.sheet)) throw new Error('Sheet not found');
    if (ss.sheets.filter((s) => !s.hidden && s !== impl.sheet).length === 0) {
      throw new Error("You can't remove all the visible sheets in a document.");
    }
    ss.sheets = ss.sheets.filter((s) => s !== impl.sheet);
    if (ss.activeSheetId === impl.sheet.id) ss.activeSheetId = ss.sheets.find((s) => !s.hidden)!.id;
    if (ss.selection?.sheetId === impl.sheet.id) ss.selection = undefined;
    ss.version++;
  }

  getActiveSheet(): GasSheet {
    this.read('getActiveSheet');
    return makeSheet(this.ctx, this.ctx.ss.activeSheet());
  }

  setActiveSheet(sheet: GasSheet): GasSheet {
    this.read('setActiveSheet');
    const impl = unwrap(sheet) as unknown as SheetImpl;
    this.ctx.ss.activeSheetId = impl.sheet.id;
    impl.sheet.hidden = false;
    return makeSheet(this.ctx, impl.sheet);
  }

  getActiveRange(): GoogleAppsScript.Spreadsheet.Range | null {
    this.read('getActiveRange');
    const ss = this.ctx.ss;
    const sel = ss.selection;
    if (sel && sel.sheetId === ss.activeSheet().id)
      return makeRange(this.ctx, ss.activeSheet(), { ...sel.box });
    return makeRange(this.ctx, ss.activeSheet(), { row: 1, col: 1, rows: 1, cols: 1 });
  }

  getActiveCell(): GoogleAppsScript.Spreadsheet.Range {
    this.read('getActiveCell');
    const ss = this.ctx.ss;
    const sel = ss.selection;
    const box = sel && sel.sheetId === ss.activeSheet().id ? sel.box : { row: 1, col: 1, rows: 1, cols: 1 };
    return makeRange(this.ctx, ss.activeSheet(), { row: box.row, col: box.col, rows: 1, cols: 1 });
  }

  setActiveRange(range: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.Range {
    this.read('setActiveRange');
    return (unwrap(range) as unknown as { activate(): GoogleAppsScript.Spreadsheet.Range }).activate();
  }

  /** 'Sheet1!A1:B2' or 'A1' (on the active sheet). */
  getRange(a1Notation: string): GoogleAppsScript.Spreadsheet.Range {
    this.read('getRange');
    const active = this.ctx.ss.activeSheet();
    const parsed = parseA1(a1Notation, active.maxRows, active.maxColumns);
    if (!parsed) throw new Error('Range not found');
    const sheet = parsed.sheetName !== undefined ? this.ctx.ss.sheetByName(parsed.sheetName) : active;
    if (!sheet) throw new Error('Range not found');
    const reparsed = parseA1(a1Notation, sheet.maxRows, sheet.maxColumns)!;
    validateBox(sheet, reparsed.box);
    return makeRange(this.ctx, sheet, reparsed.box);
  }

  getProtections(type: string): GoogleAppsScript.Spreadsheet.Protection[] {
    this.read('getProtections');
    return this.ctx.ss.sheets.flatMap((s) =>
      s.protections.filter((p) => p.type === String(type)).map((p) => makeProtection(this.ctx, s, p)),
    );
  }

  /** Recorded in ui.toasts; shown by the playground. */
  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this.read('toast');
    this.ctx.ui.toasts.push({
      message: String(msg),
      title: title ?? '',
      timeoutSeconds: timeoutSeconds ?? 5,
    });
  }

  getOwner(): null {
    return null;
  }

  moveActiveSheet(pos: number): void {
    this.write('moveActiveSheet');
    const ss = this.ctx.ss;
    const s = ss.activeSheet();
    ss.sheets = ss.sheets.filter((x) => x !== s);
    ss.sheets.splice(Math.max(0, pos - 1), 0, s);
  }
}
