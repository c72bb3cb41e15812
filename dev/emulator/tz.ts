/**
 * Time-zone arithmetic with Intl only. Sheets stores date-times as serial numbers of wall-clock
 * time in the spreadsheet's zone (days since 1899-12-30); Apps Script hands them to scripts as Date
 * instants in that zone.
 */
import { wallClockFormatter } from '../../src/core/dates/wall-clock-format';

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 0 = Sunday
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function isValidTimeZone(tz: string): boolean {
  try {
    wallClockFormatter(tz);
    return true;
  } catch {
    return false;
  }
}

// Sheets hold few distinct instants (mostly whole days); Intl is slow, so remember recent answers.
const wallCache = new Map<string, WallClock>();

export function wallClock(date: Date, tz: string): WallClock {
  const key = `${tz}|${date.getTime()}`;
  const hit = wallCache.get(key);
  if (hit) return { ...hit };
  const w = computeWallClock(date, tz);
  if (wallCache.size > 50_000) wallCache.clear();
  wallCache.set(key, w);
  return { ...w };
}

function computeWallClock(date: Date, tz: string): WallClock {
  const out: Partial<WallClock> = { ms: ((date.getTime() % 1000) + 1000) % 1000 };
  for (const p of wallClockFormatter(tz).formatToParts(date)) {
    switch (p.type) {
      case 'year':
        out.year = Number(p.value);
        break;
      case 'month':
        out.month = Number(p.value);
        break;
      case 'day':
        out.day = Number(p.value);
        break;
      case 'hour':
        out.hour = Number(p.value) % 24;
        break;
      case 'minute':
        out.minute = Number(p.value);
        break;
      case 'second':
        out.second = Number(p.value);
        break;
      case 'weekday':
        out.weekday = WEEKDAYS[p.value];
        break;
    }
  }
  return out as WallClock;
}

/** The instant at which the wall clock in tz shows the given time (DST gaps resolve forwards). */
export function fromWallClock(
  tz: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const w = wallClock(new Date(guess), tz);
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
    const delta = asUtc - shown;
    if (delta === 0) break;
    guess += delta;
  }
  return new Date(guess);
}

const EPOCH_1899 = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function dateToSerial(date: Date, tz: string): number {
  const w = wallClock(date, tz);
  const ms = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  return (ms - EPOCH_1899) / DAY_MS;
}

export function serialToDate(serial: number, tz: string): Date {
  // Round to the millisecond: serial fractions carry float noise.
  const ms = Math.round(EPOCH_1899 + serial * DAY_MS);
  const d = new Date(ms);
  return fromWallClock(
    tz,
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** Offset of tz from UTC at that instant, in minutes (e.g. 60 for BST). */
export function offsetMinutes(date: Date, tz: string): number {
  const w = wallClock(date, tz);
  const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  return Math.round((shown - date.getTime()) / 60000);
}
