/**
 * Auto-stamp: when next-step cells change (typing, a multi-row paste, clearing), write the current
 * time into the "Next step updated" column for exactly those rows, in one write.
 *
 * onEdit is a simple trigger (brief §4: LIMITED auth, 30 s, no dialogs, runs for every edit of every
 * user). It must never throw, so everything runs inside one try/catch and failures are only logged.
 *
 * Cost for a typed cell or a 500-row paste (asserted in test/integration/in-sheet): 5 calls —
 * Range.getSheet, Sheet.getRange + Range.getValues for the rows above the edit (the header area),
 * Sheet.getRange + Range.setValues for the stamps. The edited box comes from the event's own
 * rowStart/rowEnd/columnStart/columnEnd fields (present on real Sheets edit events); when they are
 * absent, one Range.getA1Notation call replaces them.
 *
 * Columns are found from the headers above the edit (same detection as everywhere else). The saved
 * settings (document properties, readable in LIMITED mode) are read only when the headers alone do not
 * identify a next-step and an updated column (custom header names confirmed in setup, or a header row
 * below the scanned area) — that keeps the common path within budget.
 *
 * Deliberately not stamped:
 *  - edits that also cover the updated column (the user wrote it: a full-row paste or clear keeps theirs);
 *  - rows at or above the header row, and edits outside the next-step column;
 *  - sheets without both a next-step and an updated column.
 */
import type { CellValue, ColumnMapping } from '../core/types';
import { detectColumns } from '../core/columns';
import { locateTable } from '../sheets/pipeline';
import { loadSettings } from '../sheets/settings';
import { stampRows } from '../sheets/stamp';

/** Rows above an edit scanned for the header row. */
export const HEADER_SCAN_ROWS = 20;

export interface EditBox {
  rowStart: number;
  rowEnd: number;
  columnStart: number;
  columnEnd: number;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 'B3', 'B3:D10', 'B:B', '3:5' (whole columns/rows need the sheet's size: given as max*). */
export function parseA1Box(a1: string, maxRows = 1e7, maxColumns = 18278): EditBox | undefined {
  const text = String(a1).replace(/^.*!/, '').replace(/\$/g, '').trim().toUpperCase();
  const [a, b = a] = text.split(':');
  const part = (p: string): { col?: number; row?: number } | undefined => {
    const m = /^([A-Z]{0,3})(\d*)$/.exec(p);
    if (!m || (m[1] === '' && m[2] === '')) return undefined;
    return { col: m[1] ? columnNumber(m[1]) : undefined, row: m[2] ? Number(m[2]) : undefined };
  };
  const p = part(a);
  const q = part(b);
  if (!p || !q) return undefined;
  const box = {
    rowStart: p.row ?? 1,
    rowEnd: q.row ?? maxRows,
    columnStart: p.col ?? 1,
    columnEnd: q.col ?? maxColumns,
  };
  if (
    box.rowEnd < box.rowStart ||
    box.columnEnd < box.columnStart ||
    box.rowStart < 1 ||
    box.columnStart < 1
  ) {
    return undefined;
  }
  return box;
}

function positiveInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined;
}

/** The edited box from the event's range: its plain fields, else one getA1Notation call. */
export function editBox(range: GoogleAppsScript.Spreadsheet.Range): EditBox | undefined {
  const r = range as unknown as Record<string, unknown>;
  const rowStart = positiveInt(r.rowStart);
  const rowEnd = positiveInt(r.rowEnd);
  const columnStart = positiveInt(r.columnStart);
  const columnEnd = positiveInt(r.columnEnd);
  if (rowStart && rowEnd && columnStart && columnEnd && rowEnd >= rowStart && columnEnd >= columnStart) {
    return { rowStart, rowEnd, columnStart, columnEnd };
  }
  return parseA1Box(range.getA1Notation());
}

export interface StampPlan {
  rows: number[];
  mapping: ColumnMapping;
  firstDataRow: number;
}

/**
 * Pure decision: given the edited box and the located table, which rows to stamp (none when the
 * edit misses the next-step column, covers the updated column, or lies at/above the header).
 */
export function planStamp(box: EditBox, headerRow: number, mapping: ColumnMapping): StampPlan | undefined {
  const step = mapping.nextStep;
  const updated = mapping.nextStepUpdated;
  if (step === undefined || updated === undefined) return undefined;
  const stepCol = step + 1;
  const updatedCol = updated + 1;
  if (stepCol < box.columnStart || stepCol > box.columnEnd) return undefined;
  if (updatedCol >= box.columnStart && updatedCol <= box.columnEnd) return undefined;
  const first = Math.max(box.rowStart, headerRow + 1);
  if (first > box.rowEnd) return undefined;
  const rows: number[] = [];
  for (let r = first; r <= box.rowEnd; r++) rows.push(r);
  return { rows, mapping, firstDataRow: headerRow + 1 };
}

function locate(
  grid: CellValue[][],
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  box: EditBox,
): { headerRow: number; mapping: ColumnMapping } | undefined {
  const found = detectColumns(grid, { maxScanRows: grid.length });
  if (found.mapping.nextStep !== undefined && found.mapping.nextStepUpdated !== undefined) {
    return { headerRow: found.headerRowIndex + 1, mapping: found.mapping };
  }
  // Headers alone were not enough: use what setup saved, for its own sheet only.
  const { settings } = loadSettings();
  if (!settings.columns && settings.headerRow === undefined) return undefined;
  if (settings.sheetName !== undefined && settings.sheetName !== sheet.getName()) return undefined;
  let rows = grid;
  if (settings.headerRow !== undefined && settings.headerRow > grid.length) {
    if (settings.headerRow >= box.rowStart) return undefined;
    rows = sheet.getRange(1, 1, settings.headerRow, sheet.getLastColumn()).getValues() as CellValue[][];
  }
  try {
    const located = locateTable(rows, settings, sheet.getName(), rows.length);
    return { headerRow: located.headerRowIndex + 1, mapping: located.mapping };
  } catch {
    return undefined;
  }
}

/**
 * The onEdit handler. Returns the number of rows stamped (0 when the edit is not a next-step edit);
 * never throws.
 */
export function onEditStamp(e: unknown, now: () => Date = () => new Date()): number {
  try {
    const event = e as GoogleAppsScript.Events.SheetsOnEdit | undefined;
    const range = event?.range;
    if (!range || typeof range !== 'object') return 0;
    const box = editBox(range);
    // Row 1 has nothing above it: it can only be a header or a title, never a stamped row.
    if (!box || box.rowStart < 2) return 0;
    const sheet = range.getSheet();
    const scan = Math.min(HEADER_SCAN_ROWS, box.rowStart - 1);
    const grid = sheet.getRange(`1:${scan}`).getValues() as CellValue[][];
    const table = locate(grid, sheet, box);
    if (!table) return 0;
    const plan = planStamp(box, table.headerRow, table.mapping);
    if (!plan) return 0;
    return stampRows(sheet, { mapping: plan.mapping, firstDataRow: plan.firstDataRow }, plan.rows, now());
  } catch (error) {
    try {
      console.warn(`Next Step Tracker: auto-stamp skipped: ${(error as Error)?.message ?? String(error)}`);
    } catch {
      // No console: nothing else to do.
    }
    return 0;
  }
}
