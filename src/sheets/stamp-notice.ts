/**
 * When onEdit keeps updated-column cells the user wrote themselves (a formula, a typed date), it says
 * so: a toast right away, and a note in document properties that the sidebar shows (getSelectionContext
 * reads it with the settings). The note is replaced by the next one; it is small (at most 10 cells named).
 */
import { columnLetters } from '../core/highlights/escape';
import { documentProperties } from './document-store';

export const STAMP_NOTICE_KEY = 'nst.stampNotice';
const NAMED_CELLS = 10;

export interface StampNotice {
  sheet: string;
  cells: string[];
  count: number;
  /** ISO timestamp of the edit. */
  at: string;
}

export function stampNoticeText(n: StampNotice): string {
  const named =
    n.cells.join(', ') + (n.count > n.cells.length ? ` and ${n.count - n.cells.length} more` : '');
  return (
    `Kept ${n.count === 1 ? 'a "Next step updated" cell' : `${n.count} "Next step updated" cells`} on ` +
    `"${n.sheet}" (${named}): ${n.count === 1 ? 'it holds' : 'they hold'} a formula or text you wrote, which ` +
    'the automatic stamp never overwrites. Clear the cell to have edits stamped there again.'
  );
}

/** Parses the stored note; undefined when absent or unreadable. */
export function parseStampNotice(raw: string | undefined): StampNotice | undefined {
  if (!raw) return undefined;
  try {
    const n = JSON.parse(raw) as Partial<StampNotice>;
    if (typeof n.sheet !== 'string' || !Array.isArray(n.cells) || typeof n.count !== 'number')
      return undefined;
    if (typeof n.at !== 'string') return undefined;
    return { sheet: n.sheet, cells: n.cells.filter((c) => typeof c === 'string'), count: n.count, at: n.at };
  } catch {
    return undefined;
  }
}

/** Toast + note; never throws (onEdit must not fail for a message). */
export function reportKeptCells(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  sheetName: string,
  column0: number,
  rows: readonly number[],
  when: Date,
): void {
  if (rows.length === 0) return;
  const notice: StampNotice = {
    sheet: sheetName,
    cells: rows.slice(0, NAMED_CELLS).map((r) => `${columnLetters(column0 + 1)}${r}`),
    count: rows.length,
    at: when.toISOString(),
  };
  try {
    sheet.getParent().toast(stampNoticeText(notice), 'Next Step Tracker', 8);
  } catch {
    // A toast is a courtesy; the note below carries the message to the sidebar.
  }
  try {
    documentProperties()?.setProperty(STAMP_NOTICE_KEY, JSON.stringify(notice));
  } catch {
    // Properties may be unavailable to this trigger; the toast was shown.
  }
}
