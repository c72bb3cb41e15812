/**
 * Finds and reads the pipeline table: one getValues for the whole used area of the sheet, then pure
 * header detection (core/columns) picks the header row and the columns. Throws PipelineError (a
 * UserError: its message is meant for a person) when there is no table or no next-step column.
 */
import type { CellValue, ColumnMapping, ColumnRole } from '../core/types';
import type { Config } from '../core/config';
import { detectColumns } from '../core/columns';
import { HEADER_SCAN_ROWS, readHeaderArea, usedArea, type UsedArea } from './header-area';
import { PipelineError, lookedForHeaders } from './pipeline-error';
import { readPipelineSheet, type FindPipelineOptions } from './pipeline-sheet';
import type { Settings } from './settings';

export { PipelineError, lookedForHeaders } from './pipeline-error';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Where a table sits in its sheet: what every table reader returns. */
export interface TableShape {
  sheet: Sheet;
  /** The sheet's name, as read with the table (no further getName needed). */
  sheetName: string;
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
  problems: string[];
}

export interface PipelineTable extends TableShape {
  /** Data rows, columns 1..lastColumn. rows[i] is sheet row firstDataRow + i. */
  rows: CellValue[][];
}

export interface ReadPipelineOptions extends Pick<FindPipelineOptions, 'asked'> {
  /** Read this sheet instead of finding the pipeline sheet (src/sheets/pipeline-sheet.ts). */
  sheet?: Sheet;
  /** Rows scanned for a header when settings do not pin it (default 20). */
  maxScanRows?: number;
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
  maxScanRows = HEADER_SCAN_ROWS,
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
        'Rename your next-step column, or pick it (or add one) with Extensions ▸ Next Step Tracker ▸ Set up this sheet.',
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

/** The shape of a located table in `sheet` (headerRowIndex is 0-based in the rows read). */
function shapeOf(sheet: Sheet, area: UsedArea, located: LocatedTable): TableShape {
  const headerRow = located.headerRowIndex + 1;
  return {
    sheet,
    sheetName: area.name,
    headerRow,
    firstDataRow: headerRow + 1,
    lastRow: area.lastRow,
    lastColumn: area.lastColumn,
    headers: located.headers,
    mapping: located.mapping,
    problems: located.problems,
  };
}

/** Runs `read` on options.sheet, else on the pipeline sheet found by the one rule; merges problems. */
function onPipelineSheet<T extends TableShape>(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  options: ReadPipelineOptions,
  read: (sheet: Sheet, name?: string) => T,
): T {
  if (options.sheet) return read(options.sheet);
  const found = readPipelineSheet(ss, settings, read, { asked: options.asked });
  found.value.problems.unshift(...found.problems);
  return found.value;
}

/**
 * Reads the pipeline table in one getValues. Calls: the sheet lookup, getName, getLastRow,
 * getLastColumn, getRange, getValues: constant whatever the number of rows.
 */
export function readPipeline(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  _config: Config,
  options: ReadPipelineOptions = {},
): PipelineTable {
  return onPipelineSheet(ss, settings, options, (sheet, knownName) => {
    const area = usedArea(sheet, knownName);
    const grid = readHeaderArea(sheet, area.lastRow, area.lastColumn);
    const located = locateTable(grid, settings, area.name, options.maxScanRows);
    const shape = shapeOf(sheet, area, located);
    return { ...shape, rows: grid.slice(shape.headerRow) };
  });
}

export interface TableLayout extends TableShape {
  /** The rows read (1..scanned): the header area only. */
  scannedRows: number;
}

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
  return onPipelineSheet(ss, settings, options, (sheet, knownName) => {
    const area = usedArea(sheet, knownName);
    const scan = options.maxScanRows ?? HEADER_SCAN_ROWS;
    const scannedRows = Math.min(area.lastRow, Math.max(scan, settings.headerRow ?? 0));
    const grid = readHeaderArea(sheet, scannedRows, area.lastColumn);
    const located = locateTable(grid, settings, area.name, scan);
    return { ...shapeOf(sheet, area, located), scannedRows };
  });
}
