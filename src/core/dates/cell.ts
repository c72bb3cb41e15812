/** Reading a spreadsheet cell (Date, serial number, or text) as a calendar day. */
import type { CellValue, IsoDate } from '../types';
import { addDays, isValidYmd, toIso } from './calendar';
import { numericDateOrder } from './locale';
import { inferYear } from './year';

export interface CellDateContext {
  timeZone: string;
  locale: string;
  /** For strings without a year ("12/03"): the day they are read relative to. */
  reference?: IsoDate;
}

// Sheets' serial day 0 is 1899-12-30; accept 1900..2199, which excludes small counts and amounts.
const SERIAL_MIN = 1;
const SERIAL_MAX = 109_574;
const SHEETS_EPOCH: IsoDate = '1899-12-30';

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatterCache.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    } catch {
      // An unknown zone name must not break analysis: read the day in UTC instead.
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: 'UTC',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      });
    }
    formatterCache.set(timeZone, f);
  }
  return f;
}

/** The calendar day a Date instant falls on in `timeZone`. */
export function dateToIsoDay(date: Date, timeZone: string): IsoDate | undefined {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return undefined;
  // Intl formatting is the slow part of a row; sheets repeat the same dates, so remember recent ones.
  let zoneCache = dayCache.get(timeZone);
  if (!zoneCache) {
    zoneCache = new Map<number, string>();
    dayCache.set(timeZone, zoneCache);
  }
  const key = date.getTime();
  const hit = zoneCache.get(key);
  if (hit !== undefined) return hit || undefined;
  const parts = formatterFor(timeZone || 'UTC').formatToParts(date);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const [y, m, d] = [get('year'), get('month'), get('day')];
  const day = isValidYmd(y, m, d) ? toIso(y, m, d) : undefined;
  if (zoneCache.size >= 5000) zoneCache.clear();
  zoneCache.set(key, day ?? '');
  return day;
}

const dayCache = new Map<string, Map<number, string>>();

export function serialToIsoDate(serial: number): IsoDate | undefined {
  if (!Number.isFinite(serial) || serial < SERIAL_MIN || serial > SERIAL_MAX) return undefined;
  return addDays(SHEETS_EPOCH, Math.floor(serial));
}

const ISO_TEXT = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC_TEXT = /^(\d{1,4})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MONTH_TEXT = /^(?:[a-z]{3,9},?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s*(\d{4})?$/i;
const MONTH_DAY_TEXT = /^(?:[a-z]{3,9},?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})?$/i;

function monthIndex(word: string): number | undefined {
  const w = word.toLowerCase().slice(0, 3);
  const i = MONTHS.indexOf(w);
  return i >= 0 && (word.length <= 3 || word.toLowerCase().startsWith(MONTHS[i])) ? i + 1 : undefined;
}

function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

function fromParts(y: number | undefined, m: number, d: number, reference?: IsoDate): IsoDate | undefined {
  if (y === undefined) {
    if (!reference) return undefined;
    y = inferYear(m, d, reference);
  }
  return isValidYmd(y, m, d) ? toIso(y, m, d) : undefined;
}

/** A date written as the whole content of a text cell, read in the sheet's locale. */
export function textToIsoDate(text: string, locale: string, reference?: IsoDate): IsoDate | undefined {
  const s = text.trim();
  if (s.length === 0 || s.length > 40) return undefined;
  let m = ISO_TEXT.exec(s);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC_TEXT.exec(s);
  if (m) {
    const [a, b, c] = [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
    if (m[1].length === 4) return c === undefined ? undefined : fromParts(a, b, c);
    const year = c === undefined ? undefined : fullYear(c);
    const order = numericDateOrder(locale);
    return order === 'MDY' ? fromParts(year, a, b, reference) : fromParts(year, b, a, reference);
  }
  m = DAY_MONTH_TEXT.exec(s);
  if (m) {
    const month = monthIndex(m[2]);
    if (month) return fromParts(m[3] ? Number(m[3]) : undefined, month, Number(m[1]), reference);
  }
  m = MONTH_DAY_TEXT.exec(s);
  if (m) {
    const month = monthIndex(m[1]);
    if (month) return fromParts(m[3] ? Number(m[3]) : undefined, month, Number(m[2]), reference);
  }
  return undefined;
}

/**
 * A cell as a calendar day: Date objects are read in the sheet's zone (Sheets hands dates over as
 * instants), numbers as Sheets serial days, strings as ISO or locale dates. Anything else: undefined.
 */
export function cellToIsoDate(value: CellValue, ctx: CellDateContext): IsoDate | undefined {
  if (value instanceof Date) return dateToIsoDay(value, ctx.timeZone);
  if (typeof value === 'number') return serialToIsoDate(value);
  if (typeof value === 'string') return textToIsoDate(value, ctx.locale, ctx.reference);
  return undefined;
}
