/**
 * Reads a pipeline export (CSV or XLSX) into plain rows of cell values, the same shape Sheets'
 * getValues gives: '' for empty cells, Date for date cells, numbers as numbers.
 */
import { readFile } from 'fs/promises';
import * as path from 'path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { CellValue } from '../core/types';

export interface TableSheet {
  name: string;
  rows: CellValue[][];
}

export class TableFileError extends Error {}

export async function readTableFile(filePath: string): Promise<{ sheets: TableSheet[] }> {
  let data: Buffer;
  try {
    data = await readFile(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new TableFileError(`No such file: ${filePath}`);
    if (code === 'EISDIR') throw new TableFileError(`${filePath} is a directory, not a CSV or XLSX file`);
    throw new TableFileError(`Cannot read ${filePath}: ${(err as Error).message}`);
  }
  const ext = path.extname(filePath).toLowerCase();
  const looksZip = data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b; // "PK": XLSX is a zip
  if (ext === '.xlsx' || ext === '.xlsm' || (ext !== '.csv' && ext !== '.tsv' && looksZip)) {
    return { sheets: await readXlsx(data, filePath) };
  }
  return {
    sheets: [{ name: path.basename(filePath, path.extname(filePath)), rows: readCsv(data, filePath) }],
  };
}

function readCsv(data: Buffer, filePath: string): CellValue[][] {
  let text = data.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // Excel's UTF-8 BOM
  if (text.includes('\u0000')) throw new TableFileError(`${filePath} is not a text CSV file`);
  const delimiter = path.extname(filePath).toLowerCase() === '.tsv' ? '\t' : sniffDelimiter(text);
  try {
    const rows = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
    // A trailing newline yields no extra row in csv-parse; keep every row so row numbers match the file.
    return rows.map((r) => r.map((v) => v));
  } catch (err) {
    throw new TableFileError(`Cannot parse ${filePath} as CSV: ${(err as Error).message}`);
  }
}

/** European exports often use ';'. Pick the delimiter that appears most on the first line. */
function sniffDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts: Array<[string, number]> = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1]);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

async function readXlsx(data: Buffer, filePath: string): Promise<TableSheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs' typings want its own Buffer type; a Node Buffer is what it reads at run time.
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new TableFileError(`Cannot read ${filePath} as an XLSX workbook: ${(err as Error).message}`);
  }
  const sheets: TableSheet[] = [];
  workbook.eachSheet((ws) => {
    const rows: CellValue[][] = [];
    const width = ws.columnCount;
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const out: CellValue[] = [];
      for (let c = 1; c <= width; c++) out.push(toCellValue(row.getCell(c).value));
      rows.push(out);
    }
    sheets.push({ name: ws.name, rows });
  });
  return sheets;
}

/** Flattens exceljs' cell value union to what Sheets would hand the add-on. */
export function toCellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText.map((p) => p.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return '';
      if (typeof result === 'object' && result !== null && 'error' in result) return String(result.error);
      return toCellValue(result as ExcelJS.CellValue);
    }
    if ('hyperlink' in value && 'text' in value) {
      const text = (value as { text: unknown }).text;
      if (typeof text === 'string') return text;
      return toCellValue(text as ExcelJS.CellValue);
    }
    if ('error' in value) return String((value as { error: unknown }).error);
  }
  return String(value);
}
