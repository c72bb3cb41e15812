/**
 * The next-step log: one row per event in a step's life, in the add-on's hidden sheet
 * (src/sheets/step-log.ts). Pure: what a row holds, how it is read back (never trusting the sheet)
 * and how the log is kept bounded.
 *
 * Events:
 * - `set`:   a next step was written (sidebar, or typed/pasted in the sheet). A step still open when
 *            a new one is set ends as `replaced`.
 * - `done`, `missed`: the rep recorded the outcome of the current step in the sidebar.
 * - `moved`: the step's date moved (the sidebar's "Moved", or the due column edited with the text
 *            unchanged). The step ends as `moved`; with a due date the same text lives on to that date.
 */
import { isIsoDate } from '../dates/calendar';

export type StepEvent = 'set' | 'done' | 'missed' | 'moved';
export const STEP_EVENTS: readonly StepEvent[] = ['set', 'done', 'missed', 'moved'];

export interface StepLogEntry {
  /** ISO instant. */
  at: string;
  /** The deal's identity (core/deal-identity.ts); never a row number. */
  dealKey: string;
  /** The deal's name, for a person reading the sheet. */
  deal: string;
  owner: string;
  event: StepEvent;
  /** The step the event is about (for `set`, the new step). */
  text: string;
  /** YYYY-MM-DD or ''. */
  due: string;
  /** Who: the signed-in email when Apps Script reveals it, else ''. */
  by: string;
}

export const STEP_LOG_HEADERS = ['When', 'Deal key', 'Deal', 'Owner', 'Event', 'Next step', 'Due', 'By'];
/** Cells are plain text; a long step is cut (the sidebar refuses over 500; a paste can be longer). */
export const MAX_LOG_TEXT = 1_000;

/** Bounds (docs/sidebar.md): events older than the retention go first, then the oldest over the cap. */
export interface StepLogBounds {
  retentionDays: number;
  maxEntries: number;
}
export const DEFAULT_STEP_LOG_BOUNDS: StepLogBounds = { retentionDays: 400, maxEntries: 20_000 };

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function entryToRow(e: StepLogEntry): string[] {
  return [
    e.at,
    e.dealKey,
    clip(e.deal, 200),
    clip(e.owner, 200),
    e.event,
    clip(e.text, MAX_LOG_TEXT),
    isIsoDate(e.due) ? e.due : '',
    clip(e.by, 200),
  ];
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A sheet row back to an entry; null for anything the add-on did not write (edited, blank, header). */
export function rowToEntry(row: readonly unknown[]): StepLogEntry | null {
  const s = (i: number): string => (typeof row[i] === 'string' ? (row[i] as string) : '');
  const at = s(0);
  const event = s(4) as StepEvent;
  if (!INSTANT.test(at) || !STEP_EVENTS.includes(event) || s(1) === '') return null;
  const due = s(6);
  return {
    at,
    dealKey: s(1),
    deal: s(2),
    owner: s(3),
    event,
    text: s(5),
    due: isIsoDate(due) ? due : '',
    by: s(7),
  };
}

/**
 * How many of the oldest entries to drop (entries are in time order, oldest first) so the log keeps
 * at most `maxEntries` and nothing older than `retentionDays` before `nowIso`.
 */
export function entriesToDrop(
  entries: readonly StepLogEntry[],
  nowIso: string,
  bounds: StepLogBounds,
): number {
  const cutoff = new Date(Date.parse(nowIso) - bounds.retentionDays * 86_400_000).toISOString();
  let drop = 0;
  while (drop < entries.length && entries[drop].at < cutoff) drop++;
  return Math.max(drop, entries.length - bounds.maxEntries);
}
