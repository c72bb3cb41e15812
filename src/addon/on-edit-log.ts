/**
 * onEdit's half of the next-step log: when next-step cells (or their due dates) are typed, pasted or
 * cleared in the sheet, append one log row per edited deal, in one block. A new text is a `set`; a due
 * date changed with the text left alone is a `moved` (the step keeps its text, to a new day). Cleared
 * cells and rows without a deal identity are not logged.
 *
 * Cost on top of the stamp: one getValues of the edited rows, two zone/locale reads, and the log's
 * append (src/sheets/step-log.ts); at most MAX_LOGGED_ROWS rows per edit, so a 50,000-row paste
 * cannot run past the trigger's 30 s.
 */
import { analyzeRows } from '../core/analyze';
import { sharedDefaultConfig } from '../core/config';
import { dealKeyOf, dealLabelOf } from '../core/deal-identity';
import { cellText } from '../core/review/facts';
import type { StepLogEntry } from '../core/step-log/entry';
import type { CellValue, ColumnMapping } from '../core/types';
import type { EditBox, EditedTable } from '../sheets/edited-table';
import { sheetZoneAndLocale } from './context';
import { logStepEvents } from './step-log';

export const MAX_LOGGED_ROWS = 500;

/** Pure: which rows to log and as what, or undefined when the edit touches no step or due cell. */
export function planEditLog(
  box: EditBox,
  headerRow: number,
  mapping: ColumnMapping,
): { first: number; last: number; event: 'set' | 'moved' } | undefined {
  const inBox = (i: number | undefined): boolean =>
    i !== undefined && i + 1 >= box.columnStart && i + 1 <= box.columnEnd;
  const step = inBox(mapping.nextStep);
  const due = inBox(mapping.nextStepDue);
  if (!step && !due) return undefined;
  const first = Math.max(box.rowStart, headerRow + 1);
  const last = Math.min(box.rowEnd, first + MAX_LOGGED_ROWS - 1);
  if (first > last) return undefined;
  return { first, last, event: step ? 'set' : 'moved' };
}

/** Log rows for the edited rows (pure). `rows[i]` is sheet row `first + i`. */
export function editLogEntries(
  rows: CellValue[][],
  first: number,
  mapping: ColumnMapping,
  event: 'set' | 'moved',
  ctx: { today: string; timeZone: string; locale: string },
  now: Date,
): StepLogEntry[] {
  const analyses = analyzeRows(rows, mapping, sharedDefaultConfig(), { ...ctx, firstRowNumber: first });
  const out: StepLogEntry[] = [];
  rows.forEach((row, i) => {
    const a = analyses[i];
    if (a.status !== 'open') return;
    const text = mapping.nextStep === undefined ? '' : cellText(row[mapping.nextStep], ctx.timeZone).trim();
    const dealKey = dealKeyOf(row, mapping, ctx.timeZone);
    if (!dealKey || text === '') return;
    out.push({
      at: now.toISOString(),
      dealKey,
      deal: dealLabelOf(row, mapping, ctx.timeZone),
      owner: mapping.owner === undefined ? '' : cellText(row[mapping.owner], ctx.timeZone).trim(),
      event,
      text,
      due: a.due ?? '',
      by: '',
    });
  });
  return out;
}

/** Appends the edit's log rows; returns how many. Never throws (onEdit must not fail). */
export function logEditedSteps(table: EditedTable, box: EditBox, now: Date): number {
  try {
    const plan = planEditLog(box, table.headerRow, table.mapping);
    if (!plan) return 0;
    const width = Math.max(...Object.values(table.mapping).map((i) => (i ?? 0) + 1));
    const rows = table.sheet.getRange(plan.first, 1, plan.last - plan.first + 1, width).getValues();
    const ss = table.sheet.getParent();
    const { timeZone, locale } = sheetZoneAndLocale(ss);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
    const entries = editLogEntries(
      rows,
      plan.first,
      table.mapping,
      plan.event,
      { today, timeZone, locale },
      now,
    );
    return logStepEvents(ss, now, entries).written;
  } catch (error) {
    try {
      console.warn(`Next Step Tracker: next-step log skipped: ${(error as Error)?.message ?? String(error)}`);
    } catch {
      // No console.
    }
    return 0;
  }
}
