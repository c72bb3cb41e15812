/**
 * Calendar days ↔ instants in a time zone, with Intl only (Apps Script V8 and Node both have it).
 * Sheets shows a Date instant in the spreadsheet's zone, so "the 24th" must be returned as midnight
 * of the 24th *there*, not in the server's zone.
 */
import type { IsoDate } from '../core/types';
import { wallClockFormatter } from '../core/dates/wall-clock-format';

/** Offset of the zone's wall clock from UTC at an instant, in ms (London summer: +3,600,000). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of wallClockFormatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal' && p.type !== 'weekday') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant of 00:00 on `day` in `timeZone` (where a DST change skips midnight, the first instant
 * of that day). Unknown zones are read as UTC. Undefined for a malformed day.
 */
export function zonedMidnight(day: IsoDate, timeZone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(utcMidnight) || new Date(utcMidnight).toISOString().slice(0, 10) !== day) return undefined;
  let zone = timeZone;
  try {
    wallClockFormatter(zone);
  } catch {
    zone = 'UTC';
  }
  // Fast path: two passes settle the offset across a DST change; done when the wall clock reads 00:00.
  let t = utcMidnight - zoneOffsetMs(utcMidnight, zone);
  t = utcMidnight - zoneOffsetMs(t, zone);
  if (t + zoneOffsetMs(t, zone) === utcMidnight) return new Date(t);
  // Midnight does not exist that day (a DST gap at 00:00, historic odd offsets): find the first minute
  // whose wall-clock day is `day` (wall time only moves forward by whole days here).
  const wallMs = (x: number): number => x + zoneOffsetMs(x, zone);
  let lo = Math.floor((utcMidnight - 15 * 3_600_000) / 60_000);
  let hi = Math.floor((utcMidnight + 15 * 3_600_000) / 60_000);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallMs(mid * 60_000) >= utcMidnight) hi = mid;
    else lo = mid + 1;
  }
  t = lo * 60_000;
  return new Date(t);
}
