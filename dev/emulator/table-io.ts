/** CSV/XLSX in (through the CLI's readTableFile) and XLSX out (exceljs), for the CLI and playground. */
import ExcelJS from 'exceljs';
import { readTableFile } from '../../src/cli/table-file';
import { cellA1 } from './a1';
import { isDate } from './context';
import { formulaValue } from './formulas';
import { isDateFormat, parseUserInput } from './format';
import { EmulatedSpreadsheet, type Stored } from './model';
import { wallClock } from './tz';

export interface ImportOptions {
  timeZone?: string;
  locale?: string;
  /** The year of day-month dates without a year ('24/03') comes from this date (default: the clock). */
  now?: Date;
}

/**
 * Loads a CSV or XLSX export as a spreadsheet, one sheet per table. Text that looks like a number,
 * boolean or date in the locale becomes one (as Sheets' import does); text starting with '=' stays
 * text, so an export can never inject a formula.
 */
export async function importTableFile(
  filePath: string,
  options: ImportOptions = {},
): Promise<EmulatedSpreadsheet> {
  const { sheets } = await readTableFile(filePath);
  const ss = new EmulatedSpreadsheet(
    filePath.split(/[\\/]/).pop() ?? 'Imported',
    options.timeZone,
    options.locale,
  );
  const today = options.now ?? new Date();
  for (const t of sheets) {
    let name = t.name || 'Sheet1';
    for (let n = 2; ss.sheetByNameInsensitive(name); n++) name = `${t.name} (${n})`;
    const sheet = ss.addSheet(name);
    let cols = 0;
    t.rows.forEach((row, r) => {
      cols = Math.max(cols, row.length);
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        if (typeof v === 'string' && !v.startsWith('=')) {
          const parsed = parseUserInput(v, ss.timeZone, ss.locale, today);
          sheet.setStored(r + 1, c + 1, parsed.value);
          if (parsed.format) sheet.numberFormats.set(r + 1, c + 1, parsed.format);
        } else if (typeof v === 'string') {
          sheet.setStored(r + 1, c + 1, v);
          sheet.numberFormats.set(r + 1, c + 1, '@');
        } else sheet.setStored(r + 1, c + 1, v as Stored);
      });
    });
    sheet.maxRows = Math.max(1000, t.rows.length);
    sheet.maxColumns = Math.max(26, cols);
  }
  if (ss.sheets.length === 0) ss.addSheet('Sheet1');
  ss.activeSheetId = ss.sheets[0].id;
  return ss;
}

/** exceljs writes Dates as UTC; Sheets' cells hold wall-clock time in the spreadsheet's zone. */
function excelDate(d: Date, tz: string): Date {
  const w = wallClock(d, tz);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms));
}

function excelFormat(f: string): string {
  return f === '@' ? '@' : f.replace(/M/g, 'm');
}

/** Writes values, formulas (as formulas, with cached results), formats, bold, fills, merges and frozen rows. */
export async function exportXlsx(ss: EmulatedSpreadsheet, filePath: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const now = (): Date => new Date();
  for (const s of ss.sheets) {
    const ws = wb.addWorksheet(s.name, {
      state: s.hidden ? 'hidden' : 'visible',
      views:
        s.frozenRows || s.frozenColumns
          ? [{ state: 'frozen', ySplit: s.frozenRows, xSplit: s.frozenColumns }]
          : [],
    });
    const lastRow = Math.max(s.values.length, 0);
    for (let r = 1; r <= lastRow; r++) {
      const row = s.values[r - 1];
      if (!row) continue;
      for (let c = 1; c <= row.length; c++) {
        const v = row[c - 1];
        if (v === null || v === undefined || s.formulas.get(r, c) !== undefined) continue;
        const cell = ws.getCell(cellA1(r, c));
        cell.value = isDate(v) ? excelDate(v, ss.timeZone) : v;
      }
    }
    for (const [r, c, f] of s.formulas.entries()) {
      const result = formulaValue(ss, s, r, c, { now });
      const cached = isDate(result) ? excelDate(result, ss.timeZone) : result === null ? undefined : result;
      ws.getCell(cellA1(r, c)).value = {
        formula: f.replace(/^=/, ''),
        result: cached,
      } as ExcelJS.CellFormulaValue;
    }
    for (const [r, c, f] of s.numberFormats.entries()) ws.getCell(cellA1(r, c)).numFmt = excelFormat(f);
    for (const [r, c, w] of s.fontWeights.entries())
      if (w === 'bold') ws.getCell(cellA1(r, c)).font = { bold: true };
    for (const [r, c, bg] of s.backgrounds.entries()) {
      ws.getCell(cellA1(r, c)).fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: `FF${bg.slice(1).toUpperCase()}` },
      };
    }
    for (const [r, c, note] of s.notes.entries()) ws.getCell(cellA1(r, c)).note = note;
    for (const m of s.merges) ws.mergeCells(m.row, m.col, m.row + m.rows - 1, m.col + m.cols - 1);
    for (const [col, width] of s.columnWidths) ws.getColumn(col).width = Math.round(width / 7);
    // Dates without an explicit format still need one in Excel, or they show as serial numbers.
    for (let r = 1; r <= lastRow; r++) {
      const row = s.values[r - 1] ?? [];
      for (let c = 1; c <= row.length; c++) {
        if (isDate(row[c - 1]) && !isDateFormat(s.numberFormats.get(r, c))) {
          ws.getCell(cellA1(r, c)).numFmt = ss.locale === 'en_US' ? 'm/d/yyyy' : 'dd/mm/yyyy';
        }
      }
    }
  }
  await wb.xlsx.writeFile(filePath);
}
