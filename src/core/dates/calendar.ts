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

const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

function pad2(n: number): string {
  return (Number.isInteger(n) && n >= 0 && n < 32 ? TWO_DIGITS[n] : undefined) ?? String(n).padStart(2, '0');
}

/**
 * Every day the engine names comes from here, and a sheet names few distinct days (a pipeline's dates
 * sit within a few months): one string per day, shared, instead of a new one per row. Results keep
 * their due and written days, so this is memory kept, not only garbage (246 → 230 bytes per row).
 * Bounded like the engine's other caches.
 */
const isoByDay = new Map<number, IsoDate>();
const MAX_DAYS = 4096;

export function toIso(year: number, month: number, day: number): IsoDate {
  // Integers in range give every (year, month, day) its own key; no call and no global lookup here.
  const cacheable =
    year >= 1000 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    (year | 0) === year &&
    (month | 0) === month &&
    (day | 0) === day;
  const key = year * 512 + month * 32 + day;
  if (cacheable) {
    const known = isoByDay.get(key);
    if (known !== undefined) return known;
  }
  const y =
    Number.isInteger(year) && year >= 1000 && year <= 9999 ? String(year) : String(year).padStart(4, '0');
  const iso = `${y}-${pad2(month)}-${pad2(day)}`;
  if (cacheable) {
    if (isoByDay.size >= MAX_DAYS) isoByDay.clear();
    isoByDay.set(key, iso);
  }
  return iso;
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
  if (typeof value !== 'string' || value.length !== 10 || value[4] !== '-' || value[7] !== '-') return false;
  return isValidYmd(digits(value, 0, 4), digits(value, 5, 7), digits(value, 8, 10));
}

/** Days since 1970-01-01 for a calendar day. */
// A row compares a handful of days (today, due, written, close) several times each: remember the last
// four, in a ring, so a row's comparisons parse each day once.
const RECENT = 4;
const recentIso: string[] = ['', '', '', ''];
const recentDay: number[] = [0, 0, 0, 0];
let recentNext = 0;

export function dayNumber(iso: IsoDate): number {
  for (let i = 0; i < RECENT; i++) if (recentIso[i] === iso) return recentDay[i];
  // Parsed in place (no object): this runs for every date comparison in every row.
  let n = NaN;
  if (typeof iso === 'string' && iso.length === 10 && iso[4] === '-' && iso[7] === '-') {
    const year = digits(iso, 0, 4);
    const month = digits(iso, 5, 7);
    const day = digits(iso, 8, 10);
    if (isValidYmd(year, month, day)) n = daysFromCivil(year, month, day);
  }
  if (Number.isNaN(n)) throw new RangeError(`Not an ISO date: ${iso}`);
  recentIso[recentNext] = iso;
  recentDay[recentNext] = n;
  recentNext = (recentNext + 1) % RECENT;
  return n;
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
  if (!Number.isInteger(n)) {
    const d = new Date(n * MS_PER_DAY);
    return toIso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  // Howard Hinnant's civil_from_days: integer arithmetic, no Date object.
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return toIso(year, month, day);
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
