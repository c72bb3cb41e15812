/**
 * Finds and reads the pipeline table: one getValues for the whole used area of the sheet, then pure
 * header detection (core/columns) picks the header row and the columns. Throws PipelineError (a
 * UserError: its message is meant for a person) when there is no table or no next-step column.
 */
import type { CellValue, ColumnMapping, ColumnRole } from '../core/types';
import type { Config } from '../core/config';
import { detectColumns, NEXT_STEP_HEADER_SYNONYMS } from '../core/columns';
import { UserError } from '../addon/user-error';
import type { Settings } from './settings';

export interface PipelineTable {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** 1-based sheet row of the header. */
  headerRow: number;
  /** 1-based sheet row of the first data row (headerRow + 1). */
  firstDataRow: number;
  /** 1-based last row with content (may be < firstDataRow when the table has no data rows). */
  lastRow: number;
  /** Number of columns read (columns 1..lastColumn). */
  lastColumn: number;
  /** Header texts for columns 1..lastColumn. */
  headers: string[];
  /** Role → 0-based index into each row (= sheet column - 1). */
  mapping: ColumnMapping;
  /** Data rows, columns 1..lastColumn. rows[i] is sheet row firstDataRow + i. */
  rows: CellValue[][];
  problems: string[];
}

export class PipelineError extends UserError {
  constructor(message: string) {
    super(message, 'Next Step Tracker');
    this.name = 'UserError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export interface ReadPipelineOptions {
  /** Read this sheet instead of the one in settings / the active one. */
  sheet?: GoogleAppsScript.Spreadsheet.Sheet;
  /** Rows scanned for a header when settings do not pin it (default 20). */
  maxScanRows?: number;
}

/** How many header synonyms an error message names. */
const NAMED_SYNONYMS = 8;

export function lookedForHeaders(): string {
  const list = (NEXT_STEP_HEADER_SYNONYMS as readonly string[]).slice(0, NAMED_SYNONYMS);
  return list.map((h) => `"${h}"`).join(', ');
}

export interface LocatedTable {
  headerRowIndex: number;
  headers: string[];
  mapping: ColumnMapping;
  problems: string[];
}

/**
 * Pure: finds the header row and column mapping in a grid (rows from sheet row 1). A header row saved
 * in settings is tried first; when it no longer holds a next-step column the whole top of the grid is
 * scanned again and the move is reported.
 */
export function locateTable(
  grid: CellValue[][],
  settings: Settings,
  sheetName: string,
  maxScanRows = 20,
): LocatedTable {
  const explicit = settings.columns as Partial<Record<ColumnRole, string>> | undefined;
  const problems: string[] = [];
  const saved = settings.headerRow;
  if (saved !== undefined && saved >= 1 && saved <= grid.length) {
    const found = detectColumns([grid[saved - 1]], { explicit, maxScanRows: 1 });
    if (found.mapping.nextStep !== undefined) {
      return {
        headerRowIndex: saved - 1,
        headers: found.headers,
        mapping: found.mapping,
        problems: [...problems, ...found.problems],
      };
    }
  }
  let found = detectColumns(grid, { explicit, maxScanRows });
  if (found.mapping.nextStep === undefined && explicit) {
    // The saved header texts may be stale (a renamed column): try plain detection before giving up.
    const plain = detectColumns(grid, { maxScanRows });
    if (plain.mapping.nextStep !== undefined) {
      problems.push(
        'Some saved column names were not found; columns were detected from the headers instead.',
      );
      found = plain;
    }
  }
  if (found.mapping.nextStep === undefined) {
    throw new PipelineError(
      `No next-step column found in sheet "${sheetName}". Looked for a header such as ${lookedForHeaders()} ` +
        `in the first ${Math.min(maxScanRows, Math.max(grid.length, 1))} rows. ` +
        'Rename your next-step column or choose it in "Set up this sheet".',
    );
  }
  if (saved !== undefined && saved !== found.headerRowIndex + 1) {
    problems.push(`The header row moved from row ${saved} to row ${found.headerRowIndex + 1}.`);
  }
  return {
    headerRowIndex: found.headerRowIndex,
    headers: found.headers,
    mapping: found.mapping,
    problems: [...problems, ...found.problems],
  };
}

function resolveSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  problems: string[],
): GoogleAppsScript.Spreadsheet.Sheet {
  if (settings.sheetName) {
    const named = ss.getSheetByName(settings.sheetName);
    if (named) return named;
    problems.push(`The sheet "${settings.sheetName}" chosen in setup was not found; using the active sheet.`);
  }
  return ss.getActiveSheet();
}

/**
 * Reads the pipeline table in one getValues. Calls: getSheetByName/getActiveSheet, getName,
 * getLastRow, getLastColumn, getRange, getValues: constant whatever the number of rows.
 */
export function readPipeline(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  _config: Config,
  options: ReadPipelineOptions = {},
): PipelineTable {
  const problems: string[] = [];
  const sheet = options.sheet ?? resolveSheet(ss, settings, problems);
  const name = sheet.getName();
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < 1 || lastColumn < 1) {
    throw new PipelineError(
      `Sheet "${name}" is empty: there is no table to check. Add a header row with a next-step column ` +
        `(for example ${lookedForHeaders()}) and your deals below it.`,
    );
  }
  const grid = sheet.getRange(1, 1, lastRow, lastColumn).getValues() as CellValue[][];
  const located = locateTable(grid, settings, name, options.maxScanRows);
  const headerRow = located.headerRowIndex + 1;
  return {
    sheet,
    headerRow,
    firstDataRow: headerRow + 1,
    lastRow,
    lastColumn,
    headers: located.headers,
    mapping: located.mapping,
    rows: grid.slice(headerRow),
    problems: [...problems, ...located.problems],
  };
}

export type TableLayout = Omit<PipelineTable, 'rows'> & {
  /** The rows read (1..scanned): the header area only. */
  scannedRows: number;
};

/**
 * Finds the table from the header area only (no data rows are read): for highlights, setup and
 * triggers, whose cost must not grow with the table. Calls: sheet lookup, getName, getLastRow,
 * getLastColumn, getRange, getValues.
 */
export function readTableLayout(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  _config: Config,
  options: ReadPipelineOptions = {},
): TableLayout {
  const problems: string[] = [];
  const sheet = options.sheet ?? resolveSheet(ss, settings, problems);
  const name = sheet.getName();
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < 1 || lastColumn < 1) {
    throw new PipelineError(
      `Sheet "${name}" is empty: there is no table to check. Add a header row with a next-step column ` +
        `(for example ${lookedForHeaders()}) and your deals below it.`,
    );
  }
  const scan = options.maxScanRows ?? 20;
  const scannedRows = Math.min(lastRow, Math.max(scan, settings.headerRow ?? 0));
  const grid = sheet.getRange(1, 1, scannedRows, lastColumn).getValues() as CellValue[][];
  const located = locateTable(grid, settings, name, scan);
  const headerRow = located.headerRowIndex + 1;
  return {
    sheet,
    headerRow,
    firstDataRow: headerRow + 1,
    lastRow,
    lastColumn,
    headers: located.headers,
    mapping: located.mapping,
    problems: [...problems, ...located.problems],
    scannedRows,
  };
}
