/**
 * The header area: the top rows of a sheet, where the header row (and any title rows above it) sit.
 * Every reader that locates a table (the full reader, the sidebar's small reads, onEdit, setup, the
 * settings view) reads it through here, in one getRange + one getValues.
 */
import type { CellValue } from '../core/types';
import { detectColumns } from '../core/columns';
import { emptySheetError } from './pipeline-error';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Rows scanned for a header when settings do not pin it. */
export const HEADER_SCAN_ROWS = 20;

export interface UsedArea {
  /** The sheet's name (as given by the caller when it already knew it, else read once). */
  name: string;
  /** 1-based last row with content. */
  lastRow: number;
  /** 1-based last column with content. */
  lastColumn: number;
}

/**
 * The used area of a sheet (getLastRow, getLastColumn; getName unless `knownName`). Throws a
 * PipelineError naming the sheet when it is empty.
 */
export function usedArea(sheet: Sheet, knownName?: string): UsedArea {
  const name = knownName ?? sheet.getName();
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < 1 || lastColumn < 1) throw emptySheetError(name);
  return { name, lastRow, lastColumn };
}

/**
 * Rows 1..rows of the sheet in one getRange + one getValues: columns 1..lastColumn when given, else
 * whole rows (no getLastColumn call, which keeps onEdit within its budget).
 */
export function readHeaderArea(sheet: Sheet, rows: number, lastColumn?: number): CellValue[][] {
  const range =
    lastColumn === undefined ? sheet.getRange(`1:${rows}`) : sheet.getRange(1, 1, rows, lastColumn);
  return range.getValues() as CellValue[][];
}

/**
 * The header texts of the sheet's table as detection sees them, even when there is no next-step column
 * (the settings view offers them for mapping); [] for an empty sheet.
 */
export function readHeaderTexts(sheet: Sheet): string[] {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < 1 || lastColumn < 1) return [];
  const grid = readHeaderArea(sheet, Math.min(lastRow, HEADER_SCAN_ROWS), lastColumn);
  return detectColumns(grid, { maxScanRows: HEADER_SCAN_ROWS }).headers;
}
