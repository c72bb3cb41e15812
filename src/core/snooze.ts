/**
 * Snooze: "known stall until <date> because <reason>". A snoozed deal raises no stale flag (sidebar,
 * review, highlights) and no zombie flag (review) until the date; it never hides a missing step, an
 * overdue date or anything about the text. A snooze expires by itself (the day after `until`) and can
 * be at most `maxSnoozeDays` long (setting, default 30).
 *
 * Stored in one document property as compact JSON (src/sheets/snoozes.ts). Properties hold 9 KB per
 * value: reasons are capped at 140 characters and the whole record at 8,500 characters; expired
 * snoozes are dropped on every write, so the store only holds live ones: 30 at the longest reasons,
 * about 60 with typical ones (test/unit/core/snooze.test.ts); past that a snooze is refused with why.
 */
import { addDays, daysBetween, isIsoDate } from './dates/calendar';
import type { IsoDate, RowAnalysis } from './types';

export interface Snooze {
  dealKey: string;
  deal: string;
  owner: string;
  /** Last day of the snooze (inclusive). */
  until: IsoDate;
  reason: string;
  by: string;
  /** ISO instant it was set. */
  at: string;
}

export const DEFAULT_MAX_SNOOZE_DAYS = 30;
export const MAX_SNOOZE_REASON = 140;
export const MAX_SNOOZE_STORE_CHARS = 8_500;

export type SnoozeMap = Record<string, Snooze>;

/** A stored record back to snoozes; never throws (a damaged record is dropped with a problem line). */
export function parseSnoozes(text: unknown): { snoozes: SnoozeMap; problems: string[] } {
  const snoozes: SnoozeMap = {};
  if (typeof text !== 'string' || text.trim() === '') return { snoozes, problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { snoozes, problems: ['The saved snoozes were unreadable and were ignored.'] };
  }
  if (!Array.isArray(raw)) return { snoozes, problems: ['The saved snoozes were not a list; ignored.'] };
  let dropped = 0;
  for (const item of raw) {
    if (!Array.isArray(item)) {
      dropped++;
      continue;
    }
    const [dealKey, deal, owner, until, reason, by, at] = item as unknown[];
    if (typeof dealKey !== 'string' || dealKey === '' || !isIsoDate(until) || typeof reason !== 'string') {
      dropped++;
      continue;
    }
    const str = (v: unknown): string => (typeof v === 'string' ? v : '');
    snoozes[dealKey] = {
      dealKey,
      deal: str(deal),
      owner: str(owner),
      until,
      reason,
      by: str(by),
      at: str(at),
    };
  }
  return { snoozes, problems: dropped ? [`${dropped} damaged snooze record(s) were ignored.`] : [] };
}

export function encodeSnoozes(snoozes: SnoozeMap): string {
  return JSON.stringify(
    Object.values(snoozes).map((s) => [s.dealKey, s.deal, s.owner, s.until, s.reason, s.by, s.at]),
  );
}

/** The snooze in force for a deal today, or null (expired ones are ignored, whatever the store holds). */
export function activeSnooze(snoozes: SnoozeMap, dealKey: string, today: IsoDate): Snooze | null {
  const s = dealKey ? snoozes[dealKey] : undefined;
  return s && s.until >= today ? s : null;
}

export function liveSnoozes(snoozes: SnoozeMap, today: IsoDate): SnoozeMap {
  const out: SnoozeMap = {};
  for (const s of Object.values(snoozes)) if (s.until >= today) out[s.dealKey] = s;
  return out;
}

/** Why a snooze request cannot be saved, or '' when it can. */
export function snoozeProblem(
  req: { until: unknown; reason: unknown },
  today: IsoDate,
  maxDays: number = DEFAULT_MAX_SNOOZE_DAYS,
): string {
  if (!isIsoDate(req.until)) return 'Pick the day the snooze ends.';
  if (req.until < today) return 'The snooze must end today or later.';
  if (daysBetween(today, req.until) > maxDays)
    return `A snooze can last at most ${maxDays} days (until ${addDays(today, maxDays)}). Pick an earlier day.`;
  const reason = typeof req.reason === 'string' ? req.reason.trim() : '';
  if (reason === '') return 'Say why the deal is stalled: the review lists every snooze with its reason.';
  if (reason.length > MAX_SNOOZE_REASON)
    return `Keep the reason under ${MAX_SNOOZE_REASON} characters (it has ${reason.length}).`;
  return '';
}

/**
 * The rows' judgement with snoozes applied: a snoozed open deal loses its stale finding and its stale
 * timing (it becomes upcoming or undated, and gets back the 15 points stale took). Nothing else
 * changes: missing, overdue and the text findings stay. `keys[i]` is the deal key of `rows[i]`.
 */
export function applySnoozes(
  rows: RowAnalysis[],
  keys: readonly string[],
  snoozes: SnoozeMap,
  today: IsoDate,
): RowAnalysis[] {
  if (Object.keys(snoozes).length === 0) return rows;
  return rows.map((r, i) => {
    if (r.status !== 'open' || !activeSnooze(snoozes, keys[i] ?? '', today)) return r;
    const stale = r.timing === 'stale';
    const findings = r.findings.filter((f) => f.rule !== 'stale');
    if (!stale && findings.length === r.findings.length) return r;
    return {
      ...r,
      findings,
      timing: stale ? (r.due ? 'upcoming' : 'undated') : r.timing,
      score: stale ? Math.min(100, r.score + 15) : r.score,
    };
  });
}
