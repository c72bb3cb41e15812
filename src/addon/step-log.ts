/**
 * Writing the next-step log from the add-on's entry points (sidebar writes and outcomes, onEdit).
 * A log failure never fails the user's action: the step is written, the problem is reported back.
 */
import type { RowView } from '../core/rpc-contract';
import type { StepEvent, StepLogEntry } from '../core/step-log/entry';
import { latestClosedStep, type ClosedStep } from '../core/step-log/closed-step';
import { appendStepLog, readRecentStepLog, type AppendResult } from '../sheets/step-log';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The signed-in user's email; '' when Apps Script does not reveal it (or in a simple trigger). */
export function whoIsActing(): string {
  try {
    return Session.getActiveUser().getEmail() || '';
  } catch {
    return '';
  }
}

export function stepEvent(
  row: Pick<RowView, 'dealKey' | 'deal' | 'account' | 'owner'>,
  event: StepEvent,
  text: string,
  due: string,
  now: Date,
  by: string = whoIsActing(),
): StepLogEntry {
  return {
    at: now.toISOString(),
    dealKey: row.dealKey,
    deal: row.deal || row.account,
    owner: row.owner,
    event,
    text,
    due,
    by,
  };
}

/** Appends the events (deals without an identity are left out: they cannot be followed). */
export function logStepEvents(ss: Spreadsheet, now: Date, entries: StepLogEntry[]): AppendResult {
  const keyed = entries.filter((e) => e.dealKey !== '');
  try {
    return appendStepLog(ss, keyed, now);
  } catch (error) {
    const message = `The next-step log could not be written: ${(error as Error)?.message ?? String(error)}`;
    try {
      console.warn(`Next Step Tracker: ${message}`);
    } catch {
      // No console: the problem is returned anyway.
    }
    return { written: 0, dropped: 0, problems: [message] };
  }
}

/**
 * How many of the log's newest rows are read to find a deal's latest event (40,000 cells at most).
 * The write that follows a closed step comes minutes after it; a deal whose latest event is older than
 * that many events is treated as having no closed step (its due cell is kept, the safe side).
 */
export const RECENT_LOG_ROWS = 5_000;

/** The deal's step that ended last, when its latest logged event ended one (one read of the log). */
export function closedStepOf(ss: Spreadsheet, dealKey: string): ClosedStep | null {
  if (dealKey === '') return null;
  return latestClosedStep(readRecentStepLog(ss, RECENT_LOG_ROWS), dealKey);
}
