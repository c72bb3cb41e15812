/**
 * The due date a composed next step names, written into the table's due column when the user left
 * that cell empty, so the sheet (and the highlights, and anyone sorting by due date) sees the date the
 * text promises. A due cell holding anything (a date, "tbc") is the user's and is never overwritten.
 */
import type { CellValue, IsoDate } from '../core/types';
import { UserError } from '../core/user-error';
import { zonedMidnight } from './zoned-date';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function isBlank(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * Writes `due` (midnight in the sheet's zone) into the row's due cell when it was blank as read;
 * returns the Date written, or undefined when nothing was written. One getRange + one setValue.
 */
export function fillBlankDueCell(
  sheet: Sheet,
  row: number,
  column: number,
  current: CellValue,
  due: IsoDate | null | undefined,
  timeZone: string,
): Date | undefined {
  if (!due || !isBlank(current)) return undefined;
  const date = zonedMidnight(due, timeZone);
  if (!date) return undefined;
  try {
    sheet.getRange(row, column).setValue(date);
  } catch (error) {
    throw new UserError(
      `The next step was written, but its due date could not be put in row ${row}'s due column: ` +
        `${(error as Error).message}.`,
    );
  }
  return date;
}
