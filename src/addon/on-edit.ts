/**
 * Auto-stamp: when next-step cells change (typing, a multi-row paste, clearing), write the current
 * time into the "Next step updated" column for exactly those rows, in one write.
 *
 * onEdit is a simple trigger (brief §4: LIMITED auth, 30 s, no dialogs, runs for every edit of every
 * user). It must never throw, so everything runs inside one try/catch and failures are only logged.
 *
 * Cost of the stamp for a typed cell or a 500-row paste (asserted in test/integration/in-sheet): 10
 * calls, whatever the row count — Range.getSheet; the saved settings (getDocumentProperties,
 * getProperties) and Sheet.getName, because after setup only the chosen pipeline sheet is stamped;
 * Sheet.getRange + Range.getValues for the rows above the edit (the header area); Sheet.getRange,
 * Range.getFormulas, Range.getValues and Range.setValues for the stamps. The edited box comes from the
 * event's own rowStart/rowEnd/columnStart/columnEnd fields (present on real Sheets edit events); when
 * they are absent, one Range.getA1Notation call replaces them. An edit on another sheet costs 4 calls
 * and changes nothing.
 *
 * Columns are found from the headers above the edit (same detection as everywhere else), else from the
 * header names confirmed in setup. Those reads live in src/sheets/edited-table.ts (editBox,
 * locateEditedTable); this file decides which rows to stamp (planStamp) and hands them to
 * src/sheets/stamp.ts (stampEditedRows), which keeps any formula or value the user typed in the
 * updated column (only empty cells and earlier dates are overwritten, see isStampable). Kept cells are reported by a toast and a note the sidebar shows
 * (src/sheets/stamp-notice.ts).
 *
 * Deliberately not stamped:
 *  - edits that also cover the updated column (the user wrote it: a full-row paste or clear keeps theirs);
 *  - rows at or above the header row, and edits outside the next-step column;
 *  - sheets without both a next-step and an updated column;
 *  - after setup, every sheet but the chosen pipeline sheet;
 *  - updated cells holding a formula or a value the user typed that is not a date.
 *
 * The next-step log (on-edit-log.ts) runs between locating the table and stamping: keep this order
 * (locate → log → plan → stamp → report) when adding to it.
 */
import type { ColumnMapping } from '../core/types';
import { editBox, locateEditedTable, type EditBox } from '../sheets/edited-table';
import { stampEditedRows } from '../sheets/stamp';
import { reportKeptCells } from '../sheets/stamp-notice';
import { logEditedSteps } from './on-edit-log';

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
    const table = locateEditedTable(range, box);
    if (!table) return 0;
    logEditedSteps(table, box, now()); // the next-step log (on-edit-log.ts); never throws
    const plan = planStamp(box, table.headerRow, table.mapping);
    if (!plan) return 0;
    const when = now();
    const result = stampEditedRows(
      table.sheet,
      { mapping: plan.mapping, firstDataRow: plan.firstDataRow },
      plan.rows,
      when,
    );
    // A formula or a value the user typed in the updated column is kept, and the user is told so.
    if (result.kept.length > 0) {
      reportKeptCells(
        table.sheet,
        table.sheet.getName(),
        plan.mapping.nextStepUpdated as number,
        result.kept,
        when,
      );
    }
    return result.stamped;
  } catch (error) {
    try {
      console.warn(`Next Step Tracker: auto-stamp skipped: ${(error as Error)?.message ?? String(error)}`);
    } catch {
      // No console: nothing else to do.
    }
    return 0;
  }
}
