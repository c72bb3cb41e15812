/**
 * The due date a composed next step names, written into the table's due column when the user left
 * that cell empty, so the sheet (and the highlights, and anyone sorting by due date) sees the date the
 * text promises. A due cell holding anything (a date, "tbc") is the user's and is never overwritten,
 * with one exception decided by the caller from the next-step log (core/step-log/closed-step.ts): a
 * date that belonged to the step just closed is replaced by the new step's date, or cleared.
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

/**
 * Replaces the closed step's date in the row's due cell with `due` (midnight in the sheet's zone), or
 * clears it when the new step names no date. Only the value changes: the cell's format and note stay.
 * Returns what the cell now holds. One getRange + one setValue.
 */
export function replaceDueCell(
  sheet: Sheet,
  row: number,
  column: number,
  due: IsoDate | null | undefined,
  timeZone: string,
): Date | '' {
  const value = (due && zonedMidnight(due, timeZone)) || '';
  try {
    sheet.getRange(row, column).setValue(value);
  } catch (error) {
    throw new UserError(
      `The next step was written, but row ${row}'s due column still holds the closed step's date: ` +
        `${(error as Error).message}.`,
    );
  }
  return value;
}
