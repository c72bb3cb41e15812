/**
 * Week ids for the weekly review: `YYYY-Www`, computed from a calendar day (already in the
 * spreadsheet's time zone) and the configured week start.
 *
 * Definition (one rule for both week starts): **a week belongs to the year that holds its Thursday,
 * and week 01 is the week that holds that year's first Thursday.**
 * - weekStart 'monday': weeks run Monday–Sunday and the id is exactly the ISO 8601 week
 *   (2026-03-11 → `2026-W11`; 2027-01-01, a Friday, → `2026-W53`).
 * - weekStart 'sunday': weeks run Sunday–Saturday; the week's Thursday is its fifth day. The id is the
 *   ISO id of the Monday right after the Sunday, so a Sunday-start week and the Monday-start week that
 *   share its Thursday (and Monday–Saturday) carry the same id; only the Sunday differs
 *   (Sunday 2026-03-08 is in `2026-W10` for a Monday start, `2026-W11` for a Sunday start).
 * Week numbers run 01..52 or 01..53 (53 when the year starts on a Thursday, or is a leap year starting
 * on a Wednesday — the ISO rule), and ids sort as strings in calendar order.
 */
import type { IsoDate } from '../types';
import { addDays, isIsoDate, parseIso, startOfWeek, weekday } from '../dates/calendar';

export type WeekStart = 'monday' | 'sunday';

export const WEEK_ID_RE = /^(\d{4})-W(\d{2})$/;

/** The Thursday of the week (by the configured start) that holds `day`. */
function thursdayOf(day: IsoDate, weekStart: WeekStart): IsoDate {
  const start = startOfWeek(day, weekStart);
  return addDays(start, weekStart === 'monday' ? 3 : 4);
}

/** `YYYY-Www` for the week holding `day`. Throws RangeError on a malformed day. */
export function weekIdFor(day: IsoDate, weekStart: WeekStart): string {
  if (!isIsoDate(day)) throw new RangeError(`Not an ISO date: ${JSON.stringify(day)}`);
  const thursday = thursdayOf(day, weekStart);
  const year = (parseIso(thursday) as { year: number }).year;
  // Week 1 holds the year's first Thursday; count whole weeks between the two Thursdays.
  const jan1 = `${String(year).padStart(4, '0')}-01-01`;
  const firstThursday = addDays(jan1, (4 - weekday(jan1) + 7) % 7);
  const week = 1 + Math.round((dayIndex(thursday) - dayIndex(firstThursday)) / 7);
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

function dayIndex(day: IsoDate): number {
  const d = parseIso(day) as { year: number; month: number; day: number };
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

export function isWeekId(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = WEEK_ID_RE.exec(value);
  if (!m) return false;
  const week = Number(m[2]);
  return week >= 1 && week <= weeksInYear(Number(m[1]));
}

/** 52 or 53. */
export function weeksInYear(year: number): number {
  // Dec 28 is always in the last ISO week of its year.
  const id = weekIdFor(`${String(year).padStart(4, '0')}-12-28`, 'monday');
  return Number(id.slice(6));
}

/** First and last day of a week id for the given week start. */
export function weekRange(weekId: string, weekStart: WeekStart): { start: IsoDate; end: IsoDate } {
  const m = WEEK_ID_RE.exec(weekId);
  if (!m || !isWeekId(weekId)) throw new RangeError(`Not a week id (YYYY-Www): ${JSON.stringify(weekId)}`);
  const year = m[1];
  const week = Number(m[2]);
  const jan1 = `${year}-01-01`;
  const firstThursday = addDays(jan1, (4 - weekday(jan1) + 7) % 7);
  const thursday = addDays(firstThursday, (week - 1) * 7);
  const start = addDays(thursday, weekStart === 'monday' ? -3 : -4);
  return { start, end: addDays(start, 6) };
}

/** The week id seven days before. */
export function previousWeekId(weekId: string, weekStart: WeekStart): string {
  return weekIdFor(addDays(weekRange(weekId, weekStart).start, -7), weekStart);
}
