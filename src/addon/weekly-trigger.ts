/**
 * "Build every Monday between 8:00 and 9:00": a time-driven installable trigger, on and off from the menu and the
 * sidebar. Add-on rules (brief §4): one trigger of each type per user per document, FULL auth, and
 * no failure email, so every run's outcome is recorded in document properties and the sidebar reads it
 * with getWeeklyReviewStatus().
 *
 * The trigger is created with inTimezone(<the spreadsheet's time zone>) so 8:00 is the team's 8:00,
 * not the script project's. `atHour(8)` runs the trigger at a time Apps Script picks within that hour
 * (ClockTriggerBuilder.atHour reference), so every text says "between 8:00 and 9:00", never "at 8:00".
 */
import { zonedMidnight } from '../sheets/zoned-date';
import { buildReviewIn, readStatus, recordRun, withReviewLock, type RunRecord } from './review';
import { UserError, isUserError, userMessage } from './user-error';

export const TRIGGER_HANDLER = 'runWeeklyReview';
export const TRIGGER_HOUR = 8;
const TITLE = 'Next Step Tracker: weekly review';

export interface WeeklyReviewStatusView {
  /** Whether this user's weekly trigger exists in this document. */
  scheduled: boolean;
  /** Same as scheduled (the sidebar's contract names it `on`). */
  on: boolean;
  /** e.g. "Every Monday between 8:00 and 9:00 (Europe/London)". */
  schedule: string;
  lastRun: RunRecord | null;
  /** Recorded failures, newest first (at most 5). */
  failures: RunRecord[];
  /** '' or why the schedule could not be read or changed. */
  message: string;
}

function spreadsheetZone(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  try {
    return ss.getSpreadsheetTimeZone() || 'UTC';
  } catch {
    return 'UTC';
  }
}

function ownTriggers(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(ss).filter((t) => t.getHandlerFunction() === TRIGGER_HANDLER);
}

/** Serialization-safe status for the sidebar. Never throws. */
export function getWeeklyReviewStatus(): WeeklyReviewStatusView {
  const status = readStatus();
  let scheduled = false;
  let message = '';
  let zone = 'UTC';
  try {
    const ss = SpreadsheetApp.getActive();
    zone = spreadsheetZone(ss);
    scheduled = ownTriggers(ss).length > 0;
  } catch (error) {
    message = `The schedule could not be read (${(error as Error).message}).`;
  }
  return JSON.parse(
    JSON.stringify({
      scheduled,
      on: scheduled,
      schedule: `Every Monday between ${TRIGGER_HOUR}:00 and ${TRIGGER_HOUR + 1}:00 (${zone})`,
      lastRun: status.lastRun,
      failures: status.failures,
      message,
    }),
  ) as WeeklyReviewStatusView;
}

/** Creates the trigger unless this user already has it in this document (idempotent). */
export function scheduleWeeklyReview(): WeeklyReviewStatusView {
  const ss = SpreadsheetApp.getActive();
  if (ownTriggers(ss).length === 0) {
    ScriptApp.newTrigger(TRIGGER_HANDLER)
      .timeBased()
      .onWeekDay(ScriptApp.WeekDay.MONDAY)
      .atHour(TRIGGER_HOUR)
      .inTimezone(spreadsheetZone(ss))
      .create();
  }
  return getWeeklyReviewStatus();
}

/** Deletes this user's weekly trigger(s) in this document (idempotent). */
export function unscheduleWeeklyReview(): WeeklyReviewStatusView {
  const ss = SpreadsheetApp.getActive();
  for (const t of ownTriggers(ss)) ScriptApp.deleteTrigger(t);
  return getWeeklyReviewStatus();
}

function friendly(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/too many time-based triggers/i.test(text)) {
    return 'Google allows one scheduled job per add-on per user in a spreadsheet, and another one is already set up here.';
  }
  return userMessage(error);
}

function toast(text: string): void {
  try {
    SpreadsheetApp.getActive().toast(text, TITLE, 8);
  } catch {
    // No toast outside the editor.
  }
}

/**
 * Menu and sidebar: turn the Monday build on. Returns the status; when Google refuses, throws a
 * UserError (the sidebar's failure handler, or Sheets' error bar from the menu, shows it).
 */
export function turnWeeklyReviewOn(): WeeklyReviewStatusView {
  try {
    const status = scheduleWeeklyReview();
    toast(`Weekly review is on: ${status.schedule.toLowerCase()}.`);
    return status;
  } catch (error) {
    throw new UserError(`The weekly review could not be turned on: ${friendly(error)}`, TITLE);
  }
}

/** Menu and sidebar: turn the Monday build off. */
export function turnWeeklyReviewOff(): WeeklyReviewStatusView {
  try {
    const status = unscheduleWeeklyReview();
    toast('Weekly review is off.');
    return status;
  } catch (error) {
    throw new UserError(`The weekly review could not be turned off: ${friendly(error)}`, TITLE);
  }
}

interface ClockEvent {
  year?: unknown;
  month?: unknown;
  'day-of-month'?: unknown;
  hour?: unknown;
  minute?: unknown;
  second?: unknown;
  timezone?: unknown;
}

/** The instant a time-driven trigger event names (its documented fields), else undefined. */
export function eventInstant(e: unknown): Date | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const ev = e as ClockEvent;
  const int = (x: unknown, min: number, max: number): number | undefined =>
    typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max ? x : undefined;
  const y = int(ev.year, 1970, 9999);
  const mo = int(ev.month, 1, 12);
  const d = int(ev['day-of-month'], 1, 31);
  if (y === undefined || mo === undefined || d === undefined) return undefined;
  const day = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const midnight = zonedMidnight(day, typeof ev.timezone === 'string' ? ev.timezone : 'UTC');
  if (!midnight) return undefined;
  const ms =
    ((int(ev.hour, 0, 23) ?? 0) * 60 + (int(ev.minute, 0, 59) ?? 0)) * 60_000 +
    (int(ev.second, 0, 59) ?? 0) * 1000;
  return new Date(midnight.getTime() + ms);
}

/**
 * The trigger's handler (FULL auth). Never throws: success and failure are both recorded in document
 * properties (add-on triggers send no failure email), and failures are logged.
 */
export function runWeeklyReview(e?: unknown): RunRecord {
  const now = eventInstant(e) ?? new Date();
  let record: RunRecord;
  try {
    const ss = SpreadsheetApp.getActive();
    const outcome = withReviewLock(() => buildReviewIn(ss, now));
    const s = outcome.model.summary;
    record = {
      at: new Date().toISOString(),
      ok: true,
      message:
        `Built "${outcome.sheetName}": ${s.openDeals} open deals, ${Math.round(s.okShare * 100)}% OK, ${s.overdue} overdue.` +
        (outcome.problems.length ? ` Notes: ${outcome.problems.join(' ')}` : ''),
      weekId: outcome.weekId,
      sheetName: outcome.sheetName,
      source: 'trigger',
    };
  } catch (error) {
    const message = isUserError(error)
      ? error.message
      : `Unexpected error: ${(error as Error)?.message ?? String(error)}`;
    try {
      console.error(
        `Weekly review failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    } catch {
      // console may be unavailable.
    }
    record = { at: new Date().toISOString(), ok: false, message, weekId: '', source: 'trigger' };
  }
  recordRun(record);
  return record;
}
