/**
 * Snapshot history in a hidden sheet the add-on owns, `Next Step Tracker history`.
 *
 * Layout (packed, one column per weekly snapshot, every cell plain text '@'; codec in
 * core/review/codec.ts): row 1 the week id, row 2 a meta JSON record (summary, payload length and
 * check hash), rows 3… the deal payload in parts of ≤ 40,000 characters. At 50,000 deals a week fills
 * about 77 cells, so 26 weeks use about 2,000 cells (docs/review.md has the arithmetic).
 *
 * Calls are constant whatever the number of deals:
 * - read: getSheetByName, one getNote (the ownership note), getLastRow, getLastColumn, one getValues of rows 1–2 (all weeks' meta), one
 *   getValues of the previous week's payload column (one more per damaged column skipped);
 * - write: one setNumberFormat + one setValues of this week's column (plus, rarely, growing the sheet
 *   or clearing a column beyond the kept weeks).
 * Rows of the pipeline are not involved: deals are matched by deal key, so sorted, inserted, renamed
 * (with an id column) and deleted rows never break the history. A damaged or foreign column is
 * ignored with a problem line; nothing here throws on bad history.
 */
import {
  decodeMeta,
  decodePayload,
  encodeSnapshotColumn,
  HISTORY_SHEET_NAME,
  type SnapshotMeta,
} from '../core/review/codec';

export { HISTORY_SHEET_NAME };
import type { Snapshot } from '../core/review/model';

/** Weekly snapshots kept (this week's included). */
export const DEFAULT_KEEP_WEEKS = 26;

/**
 * The note on A1 of the history sheet the add-on creates: how it knows the sheet is its own. A sheet of
 * that name without the note is used only when it already holds readable weeks the add-on wrote (made
 * before the note existed; the note is added on the next write); otherwise it is never written to.
 */
export const HISTORY_MARKER =
  'next-step-tracker:history v1\nWeekly snapshots of the pipeline for the review. Do not edit.';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

interface ColumnMeta {
  col: number;
  meta: SnapshotMeta;
}

export interface HistoryState {
  sheet: Sheet | null;
  /** false when a sheet of that name exists but holds something else: then nothing is written. */
  writable: boolean;
  /** Whether the sheet carries the add-on's ownership note on A1. */
  marked: boolean;
  lastRow: number;
  lastColumn: number;
  /** Valid week columns. */
  columns: ColumnMeta[];
  /** Columns that are empty or damaged (reusable). */
  freeColumns: number[];
  /**
   * Snapshots for the review: every readable week's summary (deals: [] for all but the one loaded),
   * and the full latest week before the one being built. Oldest first.
   */
  snapshots: Snapshot[];
  problems: string[];
}

function problemLine(detail: string): string {
  return `Review history: ${detail}; that week is ignored.`;
}

function isMarked(note: unknown): boolean {
  return typeof note === 'string' && note.startsWith('next-step-tracker:history v1');
}

/** A sheet of the history's name that the add-on did not make: neither read nor written. */
function refuse(state: HistoryState): void {
  state.writable = false;
  state.freeColumns = [];
  state.problems.push(
    `The sheet "${HISTORY_SHEET_NAME}" was not made by Next Step Tracker, so review history is ` +
      'neither read nor written. Rename that sheet to let the add-on keep its history.',
  );
}

function emptyState(sheet: Sheet | null): HistoryState {
  return {
    sheet,
    marked: false,
    writable: true,
    lastRow: 0,
    lastColumn: 0,
    columns: [],
    freeColumns: [],
    snapshots: [],
    problems: [],
  };
}

/**
 * Reads the history for building `weekId`: all weeks' meta, and the deals of the latest readable week
 * before `weekId`. Never throws for bad content.
 */
export function readHistory(ss: Spreadsheet, weekId: string): HistoryState {
  const sheet = ss.getSheetByName(HISTORY_SHEET_NAME);
  if (!sheet) return emptyState(null);
  const state = emptyState(sheet);
  const marked = isMarked(sheet.getRange(1, 1).getNote());
  state.marked = marked;
  state.lastRow = sheet.getLastRow();
  state.lastColumn = sheet.getLastColumn();
  if (state.lastRow < 1 || state.lastColumn < 1) {
    if (!marked) refuse(state);
    return state;
  }
  const head = sheet.getRange(1, 1, 2, state.lastColumn).getValues();
  const seen = new Set<string>();
  let damaged = 0;
  for (let c = 0; c < state.lastColumn; c++) {
    const r = decodeMeta(head[0][c], head[1][c]);
    if (r.empty) state.freeColumns.push(c + 1);
    else if (!r.meta) {
      damaged++;
      state.freeColumns.push(c + 1);
      state.problems.push(problemLine(r.problem ?? 'a column is unreadable'));
    } else if (seen.has(r.meta.weekId)) {
      state.freeColumns.push(c + 1);
      state.problems.push(problemLine(`${r.meta.weekId} is recorded twice; the first record is used`));
    } else {
      seen.add(r.meta.weekId);
      state.columns.push({ col: c + 1, meta: r.meta });
    }
  }
  if (state.columns.length === 0 && (damaged > 0 || !marked)) {
    refuse(state);
    return state;
  }
  state.columns.sort((a, b) => (a.meta.weekId < b.meta.weekId ? -1 : 1));
  const failed = new Set<string>();
  let loaded: Snapshot | null = null;
  const before = state.columns.filter((c) => c.meta.weekId < weekId).reverse();
  for (const c of before) {
    if (c.meta.parts + 2 > state.lastRow) {
      failed.add(c.meta.weekId);
      state.problems.push(problemLine(`the record for ${c.meta.weekId} was cut short`));
      continue;
    }
    const parts = sheet
      .getRange(3, c.col, c.meta.parts, 1)
      .getValues()
      .map((row) => row[0]);
    const r = decodePayload(c.meta, parts);
    if (r.snapshot) {
      loaded = r.snapshot;
      break;
    }
    failed.add(c.meta.weekId);
    state.problems.push(problemLine(r.problem ?? `the record for ${c.meta.weekId} is unreadable`));
  }
  state.snapshots = state.columns
    .filter((c) => !failed.has(c.meta.weekId))
    .map((c) => {
      if (loaded && c.meta.weekId === loaded.weekId) return loaded;
      const { parts: _p, length: _l, check: _c, ...rest } = c.meta;
      return { ...rest, deals: [] };
    });
  return state;
}

/** Column cells written with '@' so no part is ever read as a number, date or formula. */
function writeColumn(sheet: Sheet, col: number, cells: string[], clearTo: number): void {
  const rows = Math.max(cells.length, clearTo);
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (sheet.getMaxColumns() < col)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), col - sheet.getMaxColumns());
  const values: string[][] = [];
  for (let i = 0; i < rows; i++) values.push([i < cells.length ? cells[i] : '']);
  const range = sheet.getRange(1, col, rows, 1);
  range.setNumberFormat('@');
  range.setValues(values);
}

function ensureSheet(ss: Spreadsheet): Sheet {
  const existing = ss.getSheetByName(HISTORY_SHEET_NAME);
  if (existing) return existing;
  const sheet = ss.insertSheet(HISTORY_SHEET_NAME, ss.getNumSheets());
  sheet.hideSheet();
  sheet.getRange(1, 1).setNote(HISTORY_MARKER);
  return sheet;
}

/**
 * Stores `snapshot` as its week's column (replacing that week's column when it exists, else an empty
 * or damaged column, else the oldest week's), then clears weeks beyond the newest `keepWeeks`.
 * Returns problems (nothing is written when the sheet is not the add-on's).
 */
export function writeSnapshot(
  ss: Spreadsheet,
  state: HistoryState,
  snapshot: Snapshot,
  keepWeeks = DEFAULT_KEEP_WEEKS,
): string[] {
  if (!state.writable) return ['Review history was not saved: the history sheet is not the add-on’s.'];
  const keep = Math.max(1, Math.floor(keepWeeks));
  const sheet = state.sheet ?? ensureSheet(ss);
  if (state.sheet && !state.marked) sheet.getRange(1, 1).setNote(HISTORY_MARKER); // ours, from before the note
  const cells = encodeSnapshotColumn(snapshot);
  const same = state.columns.find((c) => c.meta.weekId === snapshot.weekId);
  const others = state.columns.filter((c) => c !== same);
  let col: number;
  if (same) col = same.col;
  else if (state.freeColumns.length > 0) col = state.freeColumns[0];
  else if (others.length >= keep)
    col = others[0].col; // oldest
  else col = state.lastColumn + 1;
  writeColumn(sheet, col, cells, state.lastRow);
  // Trim: keep the newest `keep` weeks (this one included).
  const kept = [...others.filter((c) => c.col !== col), { col, meta: { weekId: snapshot.weekId } }].sort(
    (a, b) => (a.meta.weekId < b.meta.weekId ? -1 : 1),
  );
  const excess = kept.slice(0, Math.max(0, kept.length - keep));
  for (const c of excess) writeColumn(sheet, c.col, [], Math.max(state.lastRow, cells.length));
  return [];
}
