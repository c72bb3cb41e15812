/**
 * Setup's one structural change: inserting a "Next step updated" column right after the next-step
 * column (nothing is overwritten; the columns to its right move one place), with its header and a
 * date-time format on its data cells.
 */
import type { ColumnMapping } from '../core/types';
import { columnLetters } from '../core/highlights/escape';
import { UserError } from '../core/user-error';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const UPDATED_HEADER = 'Next step updated';
export const NEXT_STEP_HEADER = 'Next step';
/** Date-time format for the stamp column (yyyy-mm-dd reads the same in every locale). */
export const STAMP_FORMAT = 'yyyy-mm-dd hh:mm';

/** Refuses (before writing) when a protection the user cannot edit would block inserting a column. */
function assertCanInsertColumn(sheet: Sheet): void {
  const blocking = (p: GoogleAppsScript.Spreadsheet.Protection): boolean =>
    !p.isWarningOnly() && !p.canEdit();
  const all = [
    ...sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET),
    ...sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE),
  ];
  if (all.some(blocking)) {
    throw new UserError(
      `Sheet "${sheet.getName()}" has protected cells you cannot edit, so a column cannot be inserted. ` +
        `Ask the owner to add a "${UPDATED_HEADER}" column (or give you access). Nothing was changed.`,
    );
  }
}

/**
 * Inserts "Next step updated" right after the next-step column. One insertColumnAfter, one header
 * write, one format call; rolled back (column deleted) if the header cannot be written. Returns the new
 * column's 1-based number.
 */
export function addUpdatedColumn(
  sheet: Sheet,
  layout: { headerRow: number; firstDataRow: number; mapping: ColumnMapping },
): number {
  const stepCol = (layout.mapping.nextStep as number) + 1;
  assertCanInsertColumn(sheet);
  try {
    sheet.insertColumnAfter(stepCol);
  } catch (error) {
    throw new UserError(
      `Could not insert a column after column ${columnLetters(stepCol)}: ${(error as Error).message}. Nothing was changed.`,
    );
  }
  const newCol = stepCol + 1;
  try {
    sheet.getRange(layout.headerRow, newCol).setValue(UPDATED_HEADER);
  } catch (error) {
    try {
      sheet.deleteColumn(newCol);
    } catch {
      // Best effort: the empty inserted column stays.
    }
    throw new UserError(`Could not write the "${UPDATED_HEADER}" header: ${(error as Error).message}.`);
  }
  const rows = sheet.getMaxRows() - layout.firstDataRow + 1;
  if (rows > 0) {
    try {
      sheet.getRange(layout.firstDataRow, newCol, rows, 1).setNumberFormat(STAMP_FORMAT);
    } catch {
      // Only cosmetic: stamps still show as dates with the sheet's default format.
    }
  }
  return newCol;
}

/**
 * Adds a "Next step" column right after the table's last column (`afterColumn`, 1-based; nothing moves),
 * writes its header, and formats its data cells as text, so a typed "=..." stays text. Returns the new
 * column's 1-based number. One insertColumnAfter (when the sheet has no spare column), one header write.
 */
export function addNextStepColumn(sheet: Sheet, headerRow: number, afterColumn: number): number {
  assertCanInsertColumn(sheet);
  if (sheet.getMaxColumns() <= afterColumn) {
    try {
      sheet.insertColumnAfter(afterColumn);
    } catch (error) {
      throw new UserError(
        `Could not add a column after column ${columnLetters(afterColumn)}: ${(error as Error).message}. Nothing was changed.`,
      );
    }
  }
  const col = afterColumn + 1;
  try {
    sheet.getRange(headerRow, col).setValue(NEXT_STEP_HEADER);
  } catch (error) {
    throw new UserError(
      `Could not write the "${NEXT_STEP_HEADER}" header: ${(error as Error).message}. Nothing was changed.`,
    );
  }
  const rows = sheet.getMaxRows() - headerRow;
  if (rows > 0) {
    try {
      sheet.getRange(headerRow + 1, col, rows, 1).setNumberFormat('@');
    } catch {
      // Only a format: next steps still read as text.
    }
  }
  return col;
}
