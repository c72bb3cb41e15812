/** Event objects shaped as Sheets sends them to onOpen, onEdit and time-driven triggers, and user edits. */
import { readCell, writeCell } from './cells';
import { isDate } from './context';
import type { AppsScriptGlobals } from './index';
import { checkProtection, makeRange, type RangeImpl } from './range';
import { makeSpreadsheet } from './spreadsheet';
import { SpreadsheetAppImpl } from './spreadsheet-app';
import { wallClock } from './tz';
import { unwrap } from './wrap';

function userObject(email: string): GoogleAppsScript.Base.User {
  // Only getEmail matters; the rest of User is deprecated.
  return {
    getEmail: () => email,
    getNickname: () => email.split('@')[0],
    toString: () => email,
  } as unknown as GoogleAppsScript.Base.User;
}

/**
 * The simple-trigger onEdit event: authMode LIMITED, the edited range, the spreadsheet as source and
 * the user; value/oldValue only when a single cell was edited (and value is left out when the cell
 * was cleared, as Sheets does). Installable-trigger fields (triggerUid) are not set.
 *
 * Observed, undocumented: the event's Range carries `rowStart`, `rowEnd`, `columnStart` and
 * `columnEnd` (1-based) as plain properties (`JSON.stringify(e)` shows `"range": {"columnStart": 1,
 * "rowStart": 1, "rowEnd": 1, "columnEnd": 1}` in real logs). They are on `e.range`, not on `e`; the
 * event's range is a fresh Range over the same cells, so the caller's Range object is not changed.
 */
export function makeEditEvent(
  range: GoogleAppsScript.Spreadsheet.Range,
  opts: { value?: unknown; oldValue?: unknown } = {},
): GoogleAppsScript.Events.SheetsOnEdit {
  const impl = unwrap(range) as unknown as RangeImpl;
  const ctx = impl.ctx;
  const event: Record<string, unknown> = {
    authMode: 'LIMITED',
    range: eventRange(impl),
    source: makeSpreadsheet(ctx),
    user: userObject(ctx.user.email),
  };
  if (impl.box.rows === 1 && impl.box.cols === 1) {
    let value = opts.value;
    if (value === undefined) {
      const v = impl.sheet.getStored(impl.box.row, impl.box.col);
      value = v === null ? undefined : v;
    }
    if (value !== undefined && value !== '') event.value = isDate(value) ? value.toString() : String(value);
    if (opts.oldValue !== undefined && opts.oldValue !== '') event.oldValue = String(opts.oldValue);
  }
  // The event is a plain object in Apps Script too; the cast covers members we do not model.
  return event as unknown as GoogleAppsScript.Events.SheetsOnEdit;
}

/** A Range over the edited cells with the observed (undocumented) rowStart/rowEnd/columnStart/columnEnd. */
function eventRange(impl: RangeImpl): GoogleAppsScript.Spreadsheet.Range {
  const { row, col, rows, cols } = impl.box;
  const range = makeRange(impl.ctx, impl.sheet, { row, col, rows, cols });
  const corners = { columnStart: col, rowStart: row, rowEnd: row + rows - 1, columnEnd: col + cols - 1 };
  // As logged from a real event: JSON.stringify(e.range) gives just these four numbers.
  Object.assign(unwrap(range) as object, corners, { toJSON: () => ({ ...corners }) });
  return range;
}

/**
 * What a person typing or pasting does: writes like typed input ('=...' becomes a formula unless the
 * cell is formatted '@'; numbers and dates are parsed), refused on protected cells for non-editors, not
 * counted in the ledger (it is not a script call). Returns the onEdit event Sheets would send.
 */
export function simulateUserEdit(
  range: GoogleAppsScript.Spreadsheet.Range,
  input: unknown | unknown[][],
): GoogleAppsScript.Events.SheetsOnEdit {
  const impl = unwrap(range) as unknown as RangeImpl;
  const { ctx, sheet, box } = impl;
  checkProtection(ctx, sheet, box);
  const single = box.rows === 1 && box.cols === 1;
  const old = single ? readCell(ctx, sheet, box.row, box.col) : undefined;
  for (let r = 0; r < box.rows; r++) {
    for (let c = 0; c < box.cols; c++) {
      const v = Array.isArray(input) ? (input as unknown[][])[r]?.[c] : input;
      writeCell(ctx, sheet, box.row + r, box.col + c, v);
    }
  }
  ctx.ss.version++;
  ctx.ss.revision++;
  return makeEditEvent(range, {
    value: single ? (Array.isArray(input) ? (input as unknown[][])[0]?.[0] : input) : undefined,
    oldValue: old === '' || old === undefined ? undefined : isDate(old) ? old.toString() : old,
  });
}

/** onOpen / onInstall event: in AuthMode.NONE Sheets gives no source. */
export function makeOpenEvent(
  globals: AppsScriptGlobals,
  authMode: 'NONE' | 'LIMITED' | 'FULL' = 'LIMITED',
): GoogleAppsScript.Events.SheetsOnOpen {
  const impl = unwrap(globals.SpreadsheetApp) as unknown as SpreadsheetAppImpl;
  const ctx = impl.ctx;
  const event: Record<string, unknown> = { authMode, user: userObject(ctx.user.email) };
  if (authMode !== 'NONE') event.source = makeSpreadsheet(ctx);
  return event as unknown as GoogleAppsScript.Events.SheetsOnOpen;
}

/** A time-driven trigger's event for "now" (fields in UTC, as Apps Script sends them). */
export function makeClockEvent(now: Date, triggerUid = '0000000001'): GoogleAppsScript.Events.TimeDriven {
  const w = wallClock(now, 'UTC');
  return {
    authMode: 'FULL',
    triggerUid,
    year: w.year,
    month: w.month,
    'day-of-month': w.day,
    'day-of-week': w.weekday === 0 ? 7 : w.weekday,
    'week-of-year': isoWeek(now),
    hour: w.hour,
    minute: w.minute,
    second: w.second,
    timezone: 'UTC',
  } as unknown as GoogleAppsScript.Events.TimeDriven;
}

function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
}
