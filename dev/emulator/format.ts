/**
 * Display formatting (getDisplayValues) and the parsing Sheets applies to strings written by
 * setValue/setValues, for the en_* locales the add-on targets.
 */
import { dateToSerial, fromWallClock, wallClock } from './tz';
import type { Stored } from './model';

/** What getNumberFormat reports for a cell whose format was never set. */
export const DEFAULT_NUMBER_FORMAT = '0.###############';
export const TEXT_FORMAT = '@';

/** Month-first locales; every other locale reads numeric dates day-first. */
function isMonthFirst(locale: string): boolean {
  return /^en_(US|PH)$|^en$/.test(locale);
}

export function defaultDateFormat(locale: string): string {
  return isMonthFirst(locale) ? 'M/d/yyyy' : 'dd/MM/yyyy';
}

export function defaultDateTimeFormat(locale: string): string {
  return isMonthFirst(locale) ? 'M/d/yyyy H:mm:ss' : 'dd/MM/yyyy HH:mm:ss';
}

/** True when a Sheets number format shows dates or times. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === TEXT_FORMAT) return false;
  const stripped = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[dyhs]|m{3,}/i.test(stripped) && !/[0#]/.test(stripped);
}

/** English month names, indexed by WallClock.month - 1. */
export const MONTH_NAMES: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** English day names, indexed by WallClock.weekday (0 = Sunday). */
export const DAY_NAMES: readonly string[] = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Formats a date with a Sheets date format (d, dd, ddd, dddd, m/mm as month or minute, yy, yyyy, h, s, AM/PM). */
export function formatSheetsDate(date: Date, format: string, tz: string): string {
  const w = wallClock(date, tz);
  const tokens = format.match(/"[^"]*"|\\.|AM\/PM|am\/pm|A\/P|y+|m+|d+|h+|s+|M+|D+|Y+|H+|S+|./g) ?? [];
  const hasAmPm = tokens.some((t) => /^(AM\/PM|A\/P)$/i.test(t));
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const lower = t.toLowerCase();
    if (t.startsWith('"')) out += t.slice(1, -1);
    else if (t.startsWith('\\')) out += t.slice(1);
    else if (/^(am\/pm)$/i.test(t)) out += w.hour < 12 ? 'AM' : 'PM';
    else if (lower[0] === 'y') out += lower.length <= 2 ? pad(w.year % 100) : String(w.year);
    else if (lower[0] === 'd') {
      if (lower.length === 1) out += String(w.day);
      else if (lower.length === 2) out += pad(w.day);
      else if (lower.length === 3) out += DAY_NAMES[w.weekday].slice(0, 3);
      else out += DAY_NAMES[w.weekday];
    } else if (lower[0] === 'h') {
      const h = hasAmPm ? w.hour % 12 || 12 : w.hour;
      out += lower.length === 1 ? String(h) : pad(h);
    } else if (lower[0] === 's') out += lower.length === 1 ? String(w.second) : pad(w.second);
    else if (lower[0] === 'm') {
      // m/mm is minutes right after an hour or right before seconds, as in Sheets and Excel.
      const prev = tokens
        .slice(0, i)
        .reverse()
        .find((x) => /^[a-z]/i.test(x) && !/^(am\/pm)$/i.test(x));
      const next = tokens.slice(i + 1).find((x) => /^[a-z]/i.test(x) && !/^(am\/pm)$/i.test(x));
      const isMinute = lower.length <= 2 && ((prev && /^h/i.test(prev)) || (next && /^s/i.test(next)));
      if (isMinute) out += lower.length === 1 ? String(w.minute) : pad(w.minute);
      else if (lower.length === 1) out += String(w.month);
      else if (lower.length === 2) out += pad(w.month);
      else if (lower.length === 3) out += MONTH_NAMES[w.month - 1].slice(0, 3);
      else out += MONTH_NAMES[w.month - 1];
    } else out += t;
  }
  return out;
}

/** Formats a number with a Sheets number format: 0, 0.00, #,##0, 0%, literal prefixes/suffixes. */
export function formatSheetsNumber(value: number, format: string): string {
  const sections = format.split(';');
  let section = sections[0];
  let v = value;
  if (value < 0 && sections[1] !== undefined) {
    section = sections[1];
    v = -value;
  } else if (value === 0 && sections[2] !== undefined) section = sections[2];
  const clean = section.replace(/\[\$([^\]-]*)[^\]]*\]/g, '"$1"').replace(/\[[^\]]*\]/g, '');
  const first = clean.search(/[0#?]/);
  if (first < 0) return literal(clean);
  let last = first;
  for (let i = first; i < clean.length; i++) if (/[0#?.,]/.test(clean[i])) last = i;
  const core = clean.slice(first, last + 1);
  const prefix = literal(clean.slice(0, first));
  const suffix = literal(clean.slice(last + 1));
  const percent = /%/.test(clean);
  if (percent) v *= 100;
  const [, decPart = ''] = core.split('.');
  const minDec = (decPart.match(/0/g) ?? []).length;
  const maxDec = (decPart.match(/[0#?]/g) ?? []).length;
  const grouping = core.split('.')[0].includes(',');
  let text = Math.abs(v).toFixed(maxDec);
  if (maxDec > minDec) {
    // Optional decimals (#): drop trailing zeros down to the required ones.
    const [i, dec = ''] = text.split('.');
    let d = dec;
    while (d.length > minDec && d.endsWith('0')) d = d.slice(0, -1);
    text = d ? `${i}.${d}` : i;
  }
  const [intText, frac] = text.split('.');
  let intPart = intText;
  const minInt = (core.split('.')[0].match(/0/g) ?? []).length;
  if (minInt === 0 && intPart === '0') intPart = '';
  intPart = intPart.padStart(minInt, '0');
  if (grouping) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = v < 0 && sections.length < 2 && Number(text) !== 0 ? '-' : '';
  return `${sign}${prefix}${intPart}${frac !== undefined ? `.${frac}` : ''}${suffix}`;
}

function literal(s: string): string {
  return s
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/[_*]./g, '');
}

/** Sheets' automatic number display: up to 10 significant digits, no grouping. */
export function formatAutomaticNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-9))
    return n.toExponential(2).replace('e+', 'E+').replace('e-', 'E-');
  return String(Number(n.toPrecision(10)));
}

export function isMidnight(date: Date, tz: string): boolean {
  const w = wallClock(date, tz);
  return w.hour === 0 && w.minute === 0 && w.second === 0 && w.ms === 0;
}

/** The text Sheets shows for a stored value under a number format. */
export function displayValue(value: Stored, format: string | undefined, tz: string, locale: string): string {
  if (value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (format === TEXT_FORMAT)
    return value instanceof Date ? formatSheetsDate(value, defaultDateFormat(locale), tz) : String(value);
  if (value instanceof Date) {
    if (format && isDateFormat(format)) return formatSheetsDate(value, format, tz);
    // A date under a number format shows its serial number, as in Sheets.
    if (format && format !== DEFAULT_NUMBER_FORMAT && !/^general$/i.test(format)) {
      return formatSheetsNumber(dateToSerial(value, tz), format);
    }
    const f = isMidnight(value, tz) ? defaultDateFormat(locale) : defaultDateTimeFormat(locale);
    return formatSheetsDate(value, f, tz);
  }
  if (!format || format === DEFAULT_NUMBER_FORMAT || /^general$/i.test(format))
    return formatAutomaticNumber(value);
  if (isDateFormat(format)) return formatSheetsDate(serialToDateUtc(value), format, 'UTC');
  return formatSheetsNumber(value, format);
}

function serialToDateUtc(serial: number): Date {
  return new Date(Math.round(Date.UTC(1899, 11, 30) + serial * 86_400_000));
}

export interface ParsedInput {
  value: Stored;
  /** A number format Sheets applies automatically (dates, percentages), if any. */
  format?: string;
}

/**
 * What Sheets stores when a script writes this string to a cell that is not formatted as text:
 * numbers, TRUE/FALSE, percentages and dates in the locale's order are converted, like typing.
 * A leading apostrophe forces text (and is not stored). Formulas are handled by the caller.
 */
export function parseUserInput(text: string, tz: string, locale: string, today: Date): ParsedInput {
  if (text.startsWith("'")) return { value: text.slice(1) };
  const t = text.trim();
  if (t === '') return { value: text };
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { value: Number(t) };
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t))
    return { value: Number(t.replace(/,/g, '')), format: '#,##0.##' };
  if (/^true$/i.test(t)) return { value: true };
  if (/^false$/i.test(t)) return { value: false };
  const pct = /^([+-]?\d+(?:\.\d+)?)%$/.exec(t);
  if (pct) return { value: Number(pct[1]) / 100, format: '0%' };
  const date = parseDateInput(t, tz, locale, today);
  if (date) return { value: date, format: defaultDateFormat(locale) };
  return { value: text };
}

function parseDateInput(t: string, tz: string, locale: string, today: Date): Date | null {
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const slash = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(t);
  if (iso) {
    y = Number(iso[1]);
    m = Number(iso[2]);
    d = Number(iso[3]);
  } else if (slash) {
    const a = Number(slash[1]);
    const b = Number(slash[2]);
    [m, d] = isMonthFirst(locale) ? [a, b] : [b, a];
    if (slash[3] === undefined) y = wallClock(today, tz).year;
    else
      y =
        slash[3].length === 2
          ? 2000 + Number(slash[3]) - (Number(slash[3]) >= 30 ? 100 : 0)
          : Number(slash[3]);
  } else return null;
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1) return null;
  return fromWallClock(tz, y, m, d);
}
