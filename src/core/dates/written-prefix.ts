/**
 * Log-style entries start with the day the note was written: `10/03 BR ...`, `06.03, ...`,
 * `05/03/26 - ...`, `12 Mar, 2026 - ...`, `18/2 BR`. That date records freshness; it is never the due
 * date, and relative phrases in the note ("on the 16th", "next week") resolve against it.
 */
import type { IsoDate } from '../types';
import { isValidYmd, toIso } from './calendar';
import { numericDateOrder } from './locale';
import { MONTH_SRC, monthFromWord } from './months';
import { inferPastYear } from './year';

export interface WrittenPrefix {
  /** Always 0-based from the text's start; covers the date, author initials and separator. */
  start: number;
  length: number;
  /** The date part only, e.g. `10/03`. */
  dateText: string;
  date?: IsoDate;
  /** Seller initials after the date (`BR`, `MF`): never a buyer party. */
  initials?: string;
}

const NUMERIC_PREFIX = /^\s*(\d{1,4})([/.-])(\d{1,2})(?:\2(\d{2,4}))?(?=$|[\s:,;)\]-])/;
const DAY_MONTH_PREFIX = new RegExp(
  `^\\s*(\\d{1,2})(?:st|nd|rd|th)?[\\s-]+(${MONTH_SRC})(?:,?\\s*(\\d{4}))?`,
  'i',
);
const MONTH_DAY_PREFIX = new RegExp(
  `^\\s*(${MONTH_SRC})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s*(\\d{4}))?`,
  'i',
);
const MONTH_START = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
// A worded date only reads as a log stamp when a separator or seller initials follow (case-sensitive).
const WORDED_FOLLOW = /^\s*(?:[-–—:,]|[A-Z]{2,3}\b)/;
// What may follow the date: separators and 2-3 letter seller initials ("BR", "MF:", "AC").
const TAIL = /^(\s*[-–—:,.]?\s*)(?:([A-Z]{2,3})(?=[\s:,-])\s*[-–—:,]?\s*)?/;

function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

export function detectWrittenPrefix(
  text: string,
  locale: string,
  reference: IsoDate,
): WrittenPrefix | undefined {
  let dateText: string | undefined;
  let end = 0;
  let ymd: { y?: number; m: number; d: number } | undefined;
  const numeric = NUMERIC_PREFIX.exec(text);
  if (numeric) {
    dateText = numeric[0].trim();
    end = numeric[0].length;
    const [a, b] = [Number(numeric[1]), Number(numeric[3])];
    const c = numeric[4] === undefined ? undefined : Number(numeric[4]);
    if (numeric[1].length === 4) {
      if (c !== undefined) ymd = { y: a, m: b, d: c };
    } else if (numeric[1].length <= 2) {
      const y = c === undefined ? undefined : fullYear(c);
      const monthFirst = numericDateOrder(locale) === 'MDY';
      ymd = monthFirst ? { y, m: a, d: b } : { y, m: b, d: a };
      // A date that is impossible in the locale's order but fine the other way round was written that way.
      if (!isValidYmd(y ?? 2000, ymd.m, ymd.d) && isValidYmd(y ?? 2000, ymd.d, ymd.m)) {
        ymd = { y, m: ymd.d, d: ymd.m };
      }
    }
    if (numeric[2] === '-' && c === undefined) return undefined; // "5-7 users": a range, not a date
  } else {
    // Cheap gate: a worded stamp starts with a digit or a month's first three letters.
    const head = text.trimStart();
    const first = head.charCodeAt(0);
    const digitFirst = first >= 48 && first <= 57;
    if (!digitFirst && !MONTH_START.test(head)) return undefined;
    const dm = digitFirst ? DAY_MONTH_PREFIX.exec(text) : null;
    const md = dm || digitFirst ? undefined : MONTH_DAY_PREFIX.exec(text);
    if (dm && !WORDED_FOLLOW.test(text.slice(dm[0].length))) return undefined;
    if (md && !WORDED_FOLLOW.test(text.slice(md[0].length))) return undefined;
    if (dm) {
      const m = monthFromWord(dm[2]);
      if (m) ymd = { y: dm[3] ? Number(dm[3]) : undefined, m, d: Number(dm[1]) };
      dateText = dm[0].trim();
      end = dm[0].length;
    } else if (md) {
      const m = monthFromWord(md[1]);
      if (m) ymd = { y: md[3] ? Number(md[3]) : undefined, m, d: Number(md[2]) };
      dateText = md[0].trim();
      end = md[0].length;
    }
  }
  if (dateText === undefined || !ymd) return undefined;
  if (!isValidYmd(ymd.y ?? 2000, ymd.m, ymd.d)) return undefined;
  const tail = TAIL.exec(text.slice(end));
  const initials = tail?.[2];
  const length = end + (tail ? tail[0].length : 0);
  const year = ymd.y ?? inferPastYear(ymd.m, ymd.d, reference);
  const date = isValidYmd(year, ymd.m, ymd.d) ? toIso(year, ymd.m, ymd.d) : undefined;
  return { start: 0, length, dateText, date, initials };
}
