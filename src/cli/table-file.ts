/**
 * Reads a pipeline export (CSV or XLSX) as rows of cell values, the same shape Sheets' getValues
 * gives: '' for empty cells, Date for date cells, numbers as numbers. Rows are streamed (csv-parse's
 * stream parser, exceljs's streaming WorkbookReader), so memory does not grow with the file: a caller
 * that handles each row as it comes (the CLI's check) holds one row at a time.
 *
 * A sheet's size is what its cells actually reach (last row with a cell × last column with a cell),
 * never the range the file claims (an XLSX <dimension> of A1:XFD1048576 costs nothing). A sheet that
 * reaches past MAX_SHEET_CELLS (Google Sheets' own limit of 10 million cells per spreadsheet) is
 * refused as soon as the cell that crosses it is read.
 */
import { createReadStream } from 'fs';
import { open, stat } from 'fs/promises';
import * as path from 'path';
import { parse as parseCsvStream } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { CellValue } from '../core/types';

export interface TableSheet {
  name: string;
  rows: CellValue[][];
}

export class TableFileError extends Error {}

/** Google Sheets holds at most 10 million cells; a sheet that reaches further cannot be one. */
export const MAX_SHEET_CELLS = 10_000_000;

export interface ReadOptions {
  /** Refuse a sheet whose cells reach past this many (rows × columns); default MAX_SHEET_CELLS. */
  maxCells?: number;
}

/** What scanTableFile calls: per sheet, then per row that has cells (1-based row numbers). */
export interface RowVisitor {
  /** A new sheet; false skips its rows (they are still read past, not converted). */
  sheet(name: string): boolean;
  /** One row; return 'stop' to end the whole scan early. May return a promise (output backpressure). */
  row(rowNumber: number, cells: CellValue[]): void | 'stop' | Promise<void | 'stop'>;
}

function columnName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Tracks a sheet's real extent and refuses it the moment it passes the limit. */
class Extent {
  lastRow = 0;
  lastCol = 0;
  constructor(
    private readonly sheet: string,
    private readonly file: string,
    private readonly max: number,
  ) {}
  add(row: number, cols: number): void {
    if (row > this.lastRow) this.lastRow = row;
    if (cols > this.lastCol) this.lastCol = cols;
    if (this.lastRow * this.lastCol > this.max) {
      throw new TableFileError(
        `${path.basename(this.file)}: sheet "${this.sheet}" has a cell at ${columnName(cols)}${row}, so it spans ` +
          `${this.lastRow.toLocaleString('en-US')} rows × ${this.lastCol.toLocaleString('en-US')} columns; ` +
          `the limit is ${this.max.toLocaleString('en-US')} cells (Google Sheets' own). ` +
          'Export only the pipeline table, or delete the stray cells far below or right of it.',
      );
    }
  }
}

async function openCheck(filePath: string): Promise<Buffer> {
  let info;
  try {
    info = await stat(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new TableFileError(`No such file: ${filePath}`);
    throw new TableFileError(`Cannot read ${filePath}: ${(err as Error).message}`);
  }
  if (info.isDirectory()) throw new TableFileError(`${filePath} is a directory, not a CSV or XLSX file`);
  // A device or a FIFO would block or never end: only regular files are read.
  if (!info.isFile())
    throw new TableFileError(`${filePath} is not a regular file (a device, pipe or socket)`);
  const head = Buffer.alloc(4);
  try {
    const fh = await open(filePath, 'r');
    try {
      await fh.read(head, 0, 4, 0);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw new TableFileError(`Cannot read ${filePath}: ${(err as Error).message}`);
  }
  return head;
}

function isXlsx(filePath: string, head: Buffer): boolean {
  const ext = path.extname(filePath).toLowerCase();
  const looksZip = head[0] === 0x50 && head[1] === 0x4b; // "PK": XLSX is a zip
  return ext === '.xlsx' || ext === '.xlsm' || (ext !== '.csv' && ext !== '.tsv' && looksZip);
}

/** Streams every sheet's rows to the visitor. Throws TableFileError for anything the user can fix. */
export async function scanTableFile(
  filePath: string,
  visitor: RowVisitor,
  options: ReadOptions = {},
): Promise<void> {
  const head = await openCheck(filePath);
  const max = options.maxCells ?? MAX_SHEET_CELLS;
  if (isXlsx(filePath, head)) await scanXlsx(filePath, visitor, max);
  else await scanCsv(filePath, visitor, max);
}

/**
 * Reads the whole file into memory (the playground and review, which load it into a spreadsheet).
 * XLSX is loaded whole (exceljs's full reader keeps formula error results, which its streaming reader
 * drops), after a streaming pass has checked that no sheet reaches past the cell limit.
 */
export async function readTableFile(
  filePath: string,
  options: ReadOptions = {},
): Promise<{ sheets: TableSheet[] }> {
  const head = await openCheck(filePath);
  const max = options.maxCells ?? MAX_SHEET_CELLS;
  if (isXlsx(filePath, head)) {
    await scanXlsx(filePath, { sheet: () => false, row: () => undefined }, max);
    return { sheets: await readXlsx(filePath) };
  }
  const sheets: TableSheet[] = [];
  let current: TableSheet | undefined;
  await scanCsv(
    filePath,
    {
      sheet(name) {
        current = { name, rows: [] };
        sheets.push(current);
        return true;
      },
      row(rowNumber, cells) {
        const rows = (current as TableSheet).rows;
        while (rows.length < rowNumber - 1) rows.push([]);
        rows.push(cells);
      },
    },
    max,
  );
  return { sheets };
}

async function readXlsx(filePath: string): Promise<TableSheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(filePath);
  } catch (err) {
    throw new TableFileError(`Cannot read ${filePath} as an XLSX workbook: ${(err as Error).message}`);
  }
  const sheets: TableSheet[] = [];
  workbook.eachSheet((ws) => {
    const rows: CellValue[][] = [];
    // Bounded by the streaming pass: rowCount × columnCount is within the cell limit.
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

async function firstLine(filePath: string): Promise<string> {
  const fh = await open(filePath, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return (
      buf
        .subarray(0, bytesRead)
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/, 1)[0] ?? ''
    );
  } finally {
    await fh.close();
  }
}

async function scanCsv(filePath: string, visitor: RowVisitor, max: number): Promise<void> {
  const name = path.basename(filePath, path.extname(filePath));
  const line = await firstLine(filePath);
  if (line.includes('\u0000')) throw new TableFileError(`${filePath} is not a text CSV file`);
  const delimiter = path.extname(filePath).toLowerCase() === '.tsv' ? '\t' : sniffDelimiter(line);
  const wanted = visitor.sheet(name);
  const extent = new Extent(name, filePath, max);
  const input = createReadStream(filePath);
  const parser = input.pipe(
    parseCsvStream({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    }),
  );
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++;
      extent.add(rowNumber, record.length);
      if (!wanted) continue;
      if (record.some((v) => v.includes('\u0000')))
        throw new TableFileError(`${filePath} is not a text CSV file`);
      let answer = visitor.row(rowNumber, record);
      if (answer instanceof Promise) answer = await answer;
      if (answer === 'stop') break;
    }
  } catch (err) {
    if (err instanceof TableFileError) throw err;
    throw new TableFileError(`Cannot parse ${filePath} as CSV: ${(err as Error).message}`);
  } finally {
    input.destroy();
  }
}

/** European exports often use ';'. Pick the delimiter that appears most on the first line. */
function sniffDelimiter(firstLineText: string): string {
  const counts: Array<[string, number]> = [',', ';', '\t'].map((d) => [d, firstLineText.split(d).length - 1]);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

type StreamedWorksheet = AsyncIterable<ExcelJS.Row> & { name: string };

async function scanXlsx(filePath: string, visitor: RowVisitor, max: number): Promise<void> {
  const input = createReadStream(filePath);
  // exceljs' typings omit the stream reader's options; these are its documented ones.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookReader>[1]);
  let stopped = false;
  try {
    for await (const ws of reader as unknown as AsyncIterable<StreamedWorksheet>) {
      const wanted = !stopped && visitor.sheet(ws.name);
      const extent = new Extent(ws.name, filePath, max);
      for await (const row of ws) {
        const width = row.cellCount;
        extent.add(row.number, width);
        if (!wanted || stopped) continue;
        const cells: CellValue[] = new Array<CellValue>(width);
        for (let c = 1; c <= width; c++) cells[c - 1] = toCellValue(row.getCell(c).value);
        let answer = visitor.row(row.number, cells);
        if (answer instanceof Promise) answer = await answer;
        if (answer === 'stop') stopped = true;
      }
      if (stopped) break;
    }
  } catch (err) {
    if (err instanceof TableFileError) throw err;
    throw new TableFileError(`Cannot read ${filePath} as an XLSX workbook: ${(err as Error).message}`);
  } finally {
    input.destroy();
  }
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
