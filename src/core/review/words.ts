/**
 * The review tab's words and formats in the spreadsheet's language: the sidebar's verdict and timing
 * words (the same as src/ui/format.ts; a unit test holds them equal), dates in the locale's order with
 * English month names (the add-on's language is English), and number formats for dates, amounts,
 * shares and share changes in percentage points. Pure.
 */
import type { IsoDate, Timing, Verdict } from '../types';
import { numericDateOrder } from '../dates/locale';

export const VERDICT_WORDS: Record<Verdict, string> = {
  ok: 'OK',
  weak: 'Weak',
  bad: 'Bad',
  missing: 'Missing',
};

export const TIMING_WORDS: Record<Timing, string> = {
  upcoming: 'Upcoming',
  'due-today': 'Due today',
  overdue: 'Overdue',
  stale: 'Stale',
  undated: 'Undated',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The number format of a date cell in the locale: `d mmm yyyy` (9 Mar 2026) where days come first,
 * `mmm d, yyyy` (Mar 9, 2026) where months do (en_US), `yyyy/mm/dd` where years do. Sheets and Excel
 * both read these; a month name cannot be misread as day or month the way 09/03 can.
 */
export function dateFormatFor(locale: string): string {
  const order = numericDateOrder(locale);
  return order === 'MDY' ? 'mmm d, yyyy' : order === 'YMD' ? 'yyyy/mm/dd' : 'd mmm yyyy';
}

/** A day as text in the locale, the same as a date cell with dateFormatFor(locale) shows it. */
export function dayText(iso: IsoDate, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [m[1], Number(m[2]), Number(m[3])];
  const order = numericDateOrder(locale);
  if (order === 'MDY') return `${MONTHS[mo - 1]} ${d}, ${y}`;
  if (order === 'YMD') return `${y}/${m[2]}/${m[3]}`;
  return `${d} ${MONTHS[mo - 1]} ${y}`;
}

/**
 * Every ISO day (YYYY-MM-DD) in a sentence of the add-on's own, in the locale. For display only: a
 * finding message may quote a few words of the user's text, where an ISO day would be shown localised
 * too; cells and stored values are never passed through it.
 */
export function localiseDays(sentence: string, locale: string): string {
  return sentence.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => dayText(iso, locale));
}

/** An instant as the locale's day and a 24-hour time in the zone: `11 Mar 2026 08:00`. */
export function instantText(isoInstant: string, timeZone: string, locale: string): string {
  const d = new Date(isoInstant);
  if (Number.isNaN(d.getTime())) return isoInstant;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(d);
    const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
    return `${dayText(`${get('year')}-${get('month')}-${get('day')}`, locale)} ${get('hour')}:${get('minute')}`;
  } catch {
    return isoInstant;
  }
}

export const SHARE_FORMAT = '0.0%';
/** Share changes are shown in percentage points: the cell holds points (0.6 for +0.6 pp). */
export const PP_CHANGE_FORMAT = '+0.0" pp";-0.0" pp";0.0" pp"';
export const COUNT_FORMAT = '#,##0';
export const COUNT_CHANGE_FORMAT = '+#,##0;-#,##0;0';

const GENERAL = /^(general|0\.#+|)$/i;

function isDateOrTextFormat(format: string): boolean {
  if (format.trim() === '@') return true;
  const bare = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[dyhs]|m{3,}/i.test(bare) && !/[0#]/.test(bare);
}

/**
 * The amount format: the pipeline amount column's own number format when it formats numbers (e.g.
 * `£#,##0`, `[$€-407] #,##0.00`); else `currencySymbol` in front of the default; else the default:
 * `#,##0` when every amount is whole, `#,##0.00` otherwise.
 */
export function amountFormatFor(
  columnFormat: string | null | undefined,
  amounts: Array<number | null>,
  currencySymbol?: string | null,
): string {
  const own = (columnFormat ?? '').trim();
  if (!GENERAL.test(own) && !isDateOrTextFormat(own) && /[0#]/.test(own)) return own;
  const whole = amounts.every((a) => a === null || Number.isInteger(a));
  const base = whole ? '#,##0' : '#,##0.00';
  if (currencySymbol) return `"${currencySymbol.replace(/"/g, '')}"${base}`;
  return base;
}

/** The signed form of an amount format for changes: `+£#,##0;-£#,##0;£0`-like. */
export function signedFormat(format: string): string {
  const positive = format.split(';')[0];
  const zero = positive.replace(/#,##0|#,#|#/g, (m) => (m === '#,##0' ? '0' : '0'));
  return `+${positive};-${positive};${zero}`;
}

/** ISO 4217 codes with a well-known symbol; other codes are shown as the code and a space. */
const SYMBOLS: Record<string, string> = {
  GBP: '£',
  USD: '$',
  EUR: '€',
  JPY: '¥',
  INR: '₹',
  CNY: '¥',
  AUD: 'A$',
  CAD: 'C$',
  NZD: 'NZ$',
  CHF: 'CHF ',
  SEK: 'kr ',
};

/** `--currency GBP` or `--currency £` → the symbol to put in front; null for an unusable value. */
export function currencySymbolFor(value: string): string | null {
  const v = value.trim();
  if (v === '' || v.length > 5) return null;
  const upper = v.toUpperCase();
  if (/^[A-Z]{3}$/.test(upper)) return SYMBOLS[upper] ?? `${upper} `;
  if (/[0-9#;"@]/.test(v)) return null;
  return v;
}
