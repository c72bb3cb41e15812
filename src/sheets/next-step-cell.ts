/**
 * Writing a next step typed in the sidebar, and jumping to a row's next-step cell.
 *
 * The text is written as text: the cell gets the plain-text format '@' first, so a step starting with
 * '=' or '+' (`=HYPERLINK(...)`, `+44 …`) or looking like a date stays exactly as typed.
 */
import { UserError } from '../core/user-error';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** One setNumberFormat('@') + one setValues on the cell; a UserError when Sheets refuses. */
export function writeNextStepText(sheet: Sheet, row: number, column: number, text: string): void {
  const cell = sheet.getRange(row, column);
  try {
    cell.setNumberFormat('@');
    cell.setValues([[text]]);
  } catch (error) {
    throw new UserError(
      `Could not write row ${row}'s next step: ${(error as Error).message}. ` +
        'If the range is protected, ask its owner for edit access.',
    );
  }
}

/** Shows the sheet and selects the cell. */
export function selectCell(sheet: Sheet, row: number, column: number): void {
  sheet.activate();
  sheet.getRange(row, column).activate();
}

export interface Selection {
  sheet: Sheet;
  sheetName: string;
  /** The active range's first row; 0 when nothing is selected. */
  activeRow: number;
}

/** The active sheet, its name and the selected row (getActiveSheet, getName, getActiveRange, getRow). */
export function readSelection(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Selection {
  const sheet = ss.getActiveSheet();
  const sheetName = sheet.getName();
  const range = sheet.getActiveRange();
  return { sheet, sheetName, activeRow: range ? range.getRow() : 0 };
}
