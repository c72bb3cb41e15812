/**
 * Calendar-day arithmetic on IsoDate strings. Everything runs on UTC-midnight epochs so the machine's
 * time zone can never shift a day: an IsoDate is a label for a day, not an instant.
 */
import type { IsoDate } from '../types';

const MS_PER_DAY = 86_400_000;

export interface YMD {
  year: number;
  month: number; // 1-12
  day: number;
}

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? 0;
}

export function toIso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

export function parseIso(iso: IsoDate): YMD | undefined {
  // Hand-rolled: this runs for every date comparison in every row.
  if (typeof iso !== 'string' || iso.length !== 10 || iso[4] !== '-' || iso[7] !== '-') return undefined;
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 7);
  const day = digits(iso, 8, 10);
  return isValidYmd(year, month, day) ? { year, month, day } : undefined;
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIso(value) !== undefined;
}

/** Days since 1970-01-01 for a calendar day. */
let lastIso = '';
let lastDay = 0;

export function dayNumber(iso: IsoDate): number {
  // Most calls repeat the last day (today, once per row): remember it.
  if (iso === lastIso) return lastDay;
  const d = parseIso(iso);
  if (!d) throw new RangeError(`Not an ISO date: ${iso}`);
  lastIso = iso;
  lastDay = daysFromCivil(d.year, d.month, d.day);
  return lastDay;
}

/** Days since 1970-01-01 by Howard Hinnant's algorithm: pure integer arithmetic, no Date object. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): IsoDate {
  const d = new Date(n * MS_PER_DAY);
  return toIso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(iso) + days);
}

/** b - a in days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: IsoDate): number {
  return (((dayNumber(iso) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function addMonths(iso: IsoDate, months: number): IsoDate {
  const d = parseIso(iso) as YMD;
  const total = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return toIso(year, month, Math.min(d.day, daysInMonth(year, month)));
}

export function endOfMonth(year: number, month: number): IsoDate {
  return toIso(year, month, daysInMonth(year, month));
}

/** Start of the week containing `iso`; weekStart 'monday' or 'sunday'. */
export function startOfWeek(iso: IsoDate, weekStart: 'monday' | 'sunday'): IsoDate {
  const wd = weekday(iso);
  const back = weekStart === 'monday' ? (wd + 6) % 7 : wd;
  return addDays(iso, -back);
}

/** The working week's last day: Friday of the week containing `iso`. */
export function fridayOfWeek(iso: IsoDate, weekStart: 'monday' | 'sunday'): IsoDate {
  const start = startOfWeek(iso, weekStart);
  return addDays(start, weekStart === 'monday' ? 4 : 5);
}

export function compareIso(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function utcDateOf(iso: IsoDate): Date {
  const d = parseIso(iso) as YMD;
  return new Date(Date.UTC(d.year, d.month - 1, d.day, 12));
}
