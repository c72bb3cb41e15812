/**
 * The next-step log sheet, `Next Step Tracker log`: hidden, protected (warning only, see below), owned
 * by the add-on. One row per event (core/step-log/entry.ts), appended in one block per write, every
 * cell plain text. Deals are named by their key (deal id, else deal + account), never by row, so
 * sorting, inserting or deleting pipeline rows cannot break it.
 *
 * Protection is warning-only: a full protection limited to the owner would also stop the edits of
 * other collaborators' onEdit triggers from appending (simple triggers run as the person editing).
 * Anyone who opens the hidden sheet and types into it is warned first; rows the add-on cannot read back
 * are skipped, never trusted.
 *
 * Calls per append, whatever the size of the log: getSheetByName, getLastRow, getMaxRows, one read of
 * the oldest row's time, one setNumberFormat + one setValues of the new block; creating the sheet the
 * first time adds about 8; pruning (over the cap, or the oldest row past the retention) adds one read
 * of the time column and one deleteRows.
 */
import {
  DEFAULT_STEP_LOG_BOUNDS,
  entriesToDrop,
  entryToRow,
  rowToEntry,
  STEP_LOG_HEADERS,
  type StepLogBounds,
  type StepLogEntry,
} from '../core/step-log/entry';

export const STEP_LOG_SHEET_NAME = 'Next Step Tracker log';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const WIDTH = STEP_LOG_HEADERS.length;

/** A first row that is the add-on's header (else the sheet is somebody else's). */
function isLogHeader(row: readonly unknown[]): boolean {
  return row.every((v, i) => v === STEP_LOG_HEADERS[i]);
}

function isLogSheet(sheet: Sheet): boolean {
  return isLogHeader(sheet.getRange(1, 1, 1, WIDTH).getValues()[0]);
}

function createLogSheet(ss: Spreadsheet): Sheet {
  const active = ss.getActiveSheet();
  const sheet = ss.insertSheet(STEP_LOG_SHEET_NAME, ss.getNumSheets());
  const all = sheet.getRange(1, 1, sheet.getMaxRows(), WIDTH);
  all.setNumberFormat('@');
  sheet.getRange(1, 1, 1, WIDTH).setValues([STEP_LOG_HEADERS]);
  sheet
    .protect()
    .setDescription('Next Step Tracker: the next-step log. Written by the add-on; edits here are ignored.')
    .setWarningOnly(true);
  sheet.hideSheet();
  if (active) ss.setActiveSheet(active);
  return sheet;
}

export interface AppendResult {
  written: number;
  dropped: number;
  problems: string[];
}

/** Appends `entries` (in one block), creating the sheet the first time and pruning to the bounds. */
export function appendStepLog(
  ss: Spreadsheet,
  entries: readonly StepLogEntry[],
  now: Date,
  bounds: StepLogBounds = DEFAULT_STEP_LOG_BOUNDS,
): AppendResult {
  if (entries.length === 0) return { written: 0, dropped: 0, problems: [] };
  let sheet = ss.getSheetByName(STEP_LOG_SHEET_NAME);
  if (!sheet) sheet = createLogSheet(ss);
  else if (sheet.getLastRow() >= 1 && !isLogSheet(sheet)) {
    return {
      written: 0,
      dropped: 0,
      problems: [
        `The sheet "${STEP_LOG_SHEET_NAME}" holds something Next Step Tracker did not write, so the next-step log was not written. Rename that sheet to let the add-on keep its log.`,
      ],
    };
  }
  let lastRow = Math.max(1, sheet.getLastRow());
  let dropped = 0;
  const stored = lastRow - 1;
  if (stored > 0) {
    const oldest = String(sheet.getRange(2, 1).getValue());
    const cutoff = new Date(now.getTime() - bounds.retentionDays * 86_400_000).toISOString();
    if (stored + entries.length > bounds.maxEntries || oldest < cutoff) {
      const times = sheet.getRange(2, 1, stored, 1).getValues();
      const kept = times.map((r) => ({ at: String(r[0]) }) as StepLogEntry);
      const drop = Math.min(
        stored,
        entriesToDrop(kept, now.toISOString(), { ...bounds, maxEntries: bounds.maxEntries - entries.length }),
      );
      if (drop > 0) {
        // Keep the header row and at least one row: a sheet cannot lose all its rows.
        if (drop >= sheet.getMaxRows() - 1) sheet.insertRowsAfter(sheet.getMaxRows(), 1);
        sheet.deleteRows(2, drop);
        dropped = drop;
        lastRow -= drop;
      }
    }
  }
  const need = lastRow + entries.length - sheet.getMaxRows();
  if (need > 0) sheet.insertRowsAfter(sheet.getMaxRows(), need);
  const block = sheet.getRange(lastRow + 1, 1, entries.length, WIDTH);
  block.setNumberFormat('@');
  block.setValues(entries.map(entryToRow));
  return { written: entries.length, dropped, problems: [] };
}

/** Every readable entry, oldest first (rows that are not the add-on's are skipped and counted). */
export function readStepLog(ss: Spreadsheet): { entries: StepLogEntry[]; problems: string[] } {
  const sheet = ss.getSheetByName(STEP_LOG_SHEET_NAME);
  if (!sheet) return { entries: [], problems: [] };
  const lastRow = sheet.getLastRow();
  if (lastRow < 2) return { entries: [], problems: [] };
  const values = sheet.getRange(1, 1, lastRow, WIDTH).getValues();
  if (!isLogHeader(values[0])) {
    return {
      entries: [],
      problems: [
        `The sheet "${STEP_LOG_SHEET_NAME}" holds something Next Step Tracker did not write; the next-step log was not used.`,
      ],
    };
  }
  const entries: StepLogEntry[] = [];
  let skipped = 0;
  for (let i = 1; i < values.length; i++) {
    const e = rowToEntry(values[i]);
    if (e) entries.push(e);
    else if (values[i].some((v) => v !== '' && v !== null)) skipped++;
  }
  return {
    entries,
    problems: skipped ? [`Next-step log: ${skipped} row(s) the add-on did not write were ignored.`] : [],
  };
}

/**
 * The newest `limit` entries, oldest first: enough to find one deal's latest event (the sidebar's
 * write after a closed step). Whatever the log's size: one read of the header and one of the tail
 * (one read in all when the log is shorter than `limit`). Never throws: a log it cannot read is none.
 */
export function readRecentStepLog(ss: Spreadsheet, limit: number): StepLogEntry[] {
  try {
    const sheet = ss.getSheetByName(STEP_LOG_SHEET_NAME);
    if (!sheet) return [];
    const lastRow = sheet.getLastRow();
    if (lastRow < 2) return [];
    const stored = lastRow - 1;
    let head: unknown[];
    let rows: unknown[][];
    if (stored <= limit) {
      const values = sheet.getRange(1, 1, lastRow, WIDTH).getValues();
      head = values[0];
      rows = values.slice(1);
    } else {
      head = sheet.getRange(1, 1, 1, WIDTH).getValues()[0];
      rows = sheet.getRange(lastRow - limit + 1, 1, limit, WIDTH).getValues();
    }
    if (!isLogHeader(head)) return [];
    return rows.map(rowToEntry).filter((e): e is StepLogEntry => e !== null);
  } catch {
    return [];
  }
}
