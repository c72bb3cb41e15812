/** Choosing the year of a date written without one. */
import type { IsoDate } from '../types';
import { dayNumber, isValidYmd, parseIso, toIso } from './calendar';

/**
 * The year that puts month/day nearest the reference, leaning forward: a next step is usually ahead,
 * but one a few months back is more likely overdue than a year away. Window: 3 months back, 9 ahead.
 */
export function inferYear(month: number, day: number, reference: IsoDate): number {
  const ref = parseIso(reference);
  if (!ref) return 2000;
  const refDay = dayNumber(reference);
  for (const year of [ref.year, ref.year + 1, ref.year - 1]) {
    if (!isValidYmd(year, month, Math.min(day, 28)) && !isValidYmd(year, month, day)) continue;
    const iso = toIso(year, month, isValidYmd(year, month, day) ? day : 28);
    const diff = dayNumber(iso) - refDay;
    if (diff >= -92 && diff < 274) return year;
  }
  return ref.year;
}

/** The year for a log entry's written date: on or before the reference (allowing a week's skew). */
export function inferPastYear(month: number, day: number, reference: IsoDate): number {
  const ref = parseIso(reference);
  if (!ref) return 2000;
  const safeDay = isValidYmd(ref.year, month, day) ? day : 28;
  const diff = dayNumber(toIso(ref.year, month, safeDay)) - dayNumber(reference);
  return diff > 7 ? ref.year - 1 : ref.year;
}
