/**
 * The sidebar's small read: the header area and one row, never the whole table. getSelectionContext is
 * polled about once a second, so this costs at most two getValues whatever the size of the sheet. The
 * header is located by the same locateTable the full reader uses (pipeline.ts), so both agree.
 */
import type { CellValue } from '../core/types';
import { HEADER_SCAN_ROWS, readHeaderArea, usedArea } from './header-area';
import { locateTable, type LocatedTable, type TableShape } from './pipeline';
import type { Settings } from './settings';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface TableRow extends TableShape {
  /** The requested row's values (columns 1..lastColumn), or null when the row is not a data row. */
  values: CellValue[] | null;
}

/**
 * Finds the header (one getValues over the top rows, or the saved header row only) and reads `row`
 * (a second getValues, unless the row was in the top rows already). Throws PipelineError (a UserError)
 * when there is no table or no next-step column.
 */
export function readTableRow(sheet: Sheet, settings: Settings, row: number, knownName?: string): TableRow {
  const { name: sheetName, lastRow, lastColumn } = usedArea(sheet, knownName);
  const saved = settings.headerRow;
  // With a saved header row, the top block is just rows 1..headerRow (usually 1–3 rows); otherwise the
  // first HEADER_SCAN_ROWS rows, as readPipeline scans.
  const scanRows = Math.min(lastRow, HEADER_SCAN_ROWS);
  let topRows = Math.min(lastRow, saved !== undefined && saved >= 1 ? saved : HEADER_SCAN_ROWS);
  let top = readHeaderArea(sheet, topRows, lastColumn);
  let located: LocatedTable;
  try {
    located = locateTable(top, settings, sheetName, HEADER_SCAN_ROWS);
  } catch (error) {
    // The saved header row no longer holds the table: scan the top rows like readPipeline does.
    if (topRows >= scanRows) throw error;
    topRows = scanRows;
    top = readHeaderArea(sheet, topRows, lastColumn);
    located = locateTable(top, settings, sheetName, HEADER_SCAN_ROWS);
  }
  const headerRow = located.headerRowIndex + 1;
  const firstDataRow = headerRow + 1;
  let values: CellValue[] | null = null;
  if (Number.isInteger(row) && row >= firstDataRow && row <= lastRow) {
    values =
      row <= topRows
        ? top[row - 1]
        : ((sheet.getRange(row, 1, 1, lastColumn).getValues() as CellValue[][])[0] ?? null);
  }
  return {
    sheet,
    sheetName,
    headerRow,
    firstDataRow,
    lastRow,
    lastColumn,
    headers: located.headers,
    mapping: located.mapping,
    values,
    problems: located.problems,
  };
}
