/**
 * Business speak chrono-node does not know: EOD/COB, EOW, EOM, EOQ, "end of Feb", "mid June",
 * "early next week", "w/c 12/3", "Q2", "next wk", "the 16th". Each pattern is data: a regex and a
 * resolver from the reference day to a calendar day.
 */
import type { IsoDate } from '../types';
import {
  addDays,
  addMonths,
  daysInMonth,
  endOfMonth,
  fridayOfWeek,
  isValidYmd,
  parseIso,
  startOfWeek,
  toIso,
  type YMD,
} from './calendar';
import type { ExtractOptions, MentionKind } from './mentions';
import { MONTH_SRC, monthFromWord } from './months';
import { parseNumericDate } from './numeric';
import { inferYear } from './year';

export interface BusinessPattern {
  name: string;
  re: RegExp;
  kind: MentionKind;
  resolve(m: RegExpExecArray, opts: ExtractOptions): IsoDate | undefined;
}

function ref(opts: ExtractOptions): YMD {
  return parseIso(opts.reference) as YMD;
}

function endOfQuarter(year: number, quarter: number): IsoDate {
  return endOfMonth(year, quarter * 3);
}

/** Where in a week or month a qualifier points: "early" → start, "mid" → middle, else the end. */
function weekDay(qualifier: string | undefined, weekStartDay: IsoDate, opts: ExtractOptions): IsoDate {
  const q = (qualifier ?? '').toLowerCase();
  const monday = opts.weekStart === 'monday' ? weekStartDay : addDays(weekStartDay, 1);
  if (/early|beginning|start/.test(q)) return addDays(monday, 1);
  if (/mid|middle/.test(q)) return addDays(monday, 2);
  return addDays(monday, 4);
}

function monthDay(qualifier: string | undefined, year: number, month: number): IsoDate {
  const q = (qualifier ?? '').toLowerCase();
  if (/beginning|start/.test(q)) return toIso(year, month, 7);
  if (/early/.test(q)) return toIso(year, month, 10);
  if (/mid|middle/.test(q)) return toIso(year, month, 15);
  if (/late/.test(q)) return toIso(year, month, Math.min(25, daysInMonth(year, month)));
  return endOfMonth(year, month);
}

const Q = '(early|beginning of|start of|mid|middle of|late|end of|end|by the end of)';
const W = '\\b';

export const BUSINESS_PATTERNS: BusinessPattern[] = [
  {
    name: 'end-of-day',
    re: /\b(?:eod|cob|eob|end of (?:the )?(?:business )?day|close of (?:business|play)|by close)\b/gi,
    kind: 'day',
    resolve: (_m, o) => o.reference,
  },
  {
    name: 'tomorrow-abbrev',
    re: /\b(?:tmrw|tmrw?|tmw|2moro|tomoz)\b/gi,
    kind: 'day',
    resolve: (_m, o) => addDays(o.reference, 1),
  },
  {
    name: 'week-commencing',
    re: new RegExp(
      `${W}(?:w/?c|wc|week commencing|week of|w/b|week beginning)\\.?\\s+((?:\\d{1,2}[/.]\\d{1,2}(?:[/.]\\d{2,4})?)|(?:\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH_SRC})|(?:${MONTH_SRC}\\s+\\d{1,2}(?:st|nd|rd|th)?))`,
      'gi',
    ),
    kind: 'period',
    resolve: (m, o) => {
      const day = parseNumericDate(m[1], o) ?? parseWordedDay(m[1], o);
      return day ? fridayOfWeek(day, o.weekStart) : undefined;
    },
  },
  {
    name: 'next-week',
    re: new RegExp(`${W}(?:${Q}\\s+)?(?:the\\s+)?next\\s+(?:week|wk)\\b(?![/'’]|\\s+or\\b)`, 'gi'),
    kind: 'period',
    resolve: (m, o) => weekDay(m[1], addDays(startOfWeek(o.reference, o.weekStart), 7), o),
  },
  {
    name: 'this-week',
    re: new RegExp(
      `${W}(?:eow|eotw|end of (?:the |this )?week|(?:${Q}\\s+)?this\\s+(?:week|wk)|by the weekend)\\b(?![/'’])`,
      'gi',
    ),
    kind: 'period',
    resolve: (m, o) => weekDay(m[1] ?? 'end', startOfWeek(o.reference, o.weekStart), o),
  },
  {
    name: 'next-month',
    re: new RegExp(`${W}(?:${Q}\\s+)?next\\s+month\\b(?![/'’]|\\s+or\\b)`, 'gi'),
    kind: 'period',
    resolve: (m, o) => {
      const d = parseIso(addMonths(toIso(ref(o).year, ref(o).month, 1), 1)) as YMD;
      return monthDay(m[1], d.year, d.month);
    },
  },
  {
    name: 'this-month',
    re: new RegExp(
      `${W}(?:eom|eotm|end of (?:the |this )?month|month[- ]end|(?:${Q}\\s+)?this\\s+month)\\b(?![/'’])`,
      'gi',
    ),
    kind: 'period',
    resolve: (m, o) => monthDay(m[1] ?? 'end', ref(o).year, ref(o).month),
  },
  {
    name: 'next-quarter',
    re: /\b(?:next|following)\s+(?:quarter|qtr|q)\b(?![/'’])/gi,
    kind: 'period',
    resolve: (_m, o) => {
      const r = ref(o);
      const q = Math.ceil(r.month / 3) + 1;
      return q > 4 ? endOfQuarter(r.year + 1, 1) : endOfQuarter(r.year, q);
    },
  },
  {
    name: 'this-quarter',
    re: /\b(?:eoq|end of (?:the |this )?(?:quarter|qtr|q)|quarter[- ]end|this\s+(?:quarter|qtr|q))\b(?![/'’])/gi,
    kind: 'period',
    resolve: (_m, o) => endOfQuarter(ref(o).year, Math.ceil(ref(o).month / 3)),
  },
  {
    name: 'quarter',
    re: /\b(?:(?:in|by|for|during|end of|before)\s+)?(?:c|fy)?q([1-4])(?:\s*(?:fy)?'?(\d{2}|\d{4}))?\b/gi,
    kind: 'period',
    resolve: (m, o) => {
      const q = Number(m[1]);
      if (m[2]) return endOfQuarter(m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]), q);
      const last = parseIso(endOfQuarter(ref(o).year, q)) as YMD;
      return endOfQuarter(inferYear(last.month, last.day, o.reference), q);
    },
  },
  {
    name: 'year-end',
    // "this year" alone is too broad to anchor a next step; a year-end deadline is not.
    re: /\b(?:eoy|end of (?:the |this )?year|year[- ]end)\b/gi,
    kind: 'period',
    resolve: (_m, o) => toIso(ref(o).year, 12, 31),
  },
  {
    name: 'part-of-month',
    re: new RegExp(`${W}${Q}[\\s-]+(?:of\\s+)?(${MONTH_SRC})(?![a-z])(?:\\s+(\\d{4}))?`, 'gi'),
    kind: 'period',
    resolve: (m, o) => {
      const month = monthFromWord(m[2]);
      if (!month) return undefined;
      const year = m[3] ? Number(m[3]) : inferYear(month, 15, o.reference);
      return monthDay(m[1], year, month);
    },
  },
  {
    name: 'fortnight',
    re: /\b(?:in|within)\s+a\s+fortnight\b/gi,
    kind: 'day',
    resolve: (_m, o) => addDays(o.reference, 14),
  },
];

/**
 * A bare day of the month ("on the 16th", "by 20th", "the 28th"): the next such day on or after the
 * reference. Not when a month follows ("19th of Feb" is chrono's).
 */
export const ORDINAL_DAY = new RegExp(
  `\\b(?:(?:on|by|before|for|until|till|from|due)\\s+(?:the\\s+)?|the\\s+|(?=\\d{1,2}(?:st|nd|rd|th)(?:\\s*(?:[-–—,.;:@(]|at\\b|$))))(\\d{1,2})(?:st|nd|rd|th)\\b(?!\\s*(?:of\\s+)?${MONTH_SRC}(?![a-z]))(?!\\s+(?:call|meeting|time|attempt|round|draft|version|floor|line|quarter|week|month|day|year|anniversary))`,
  'gi',
);

export function resolveOrdinalDay(day: number, reference: IsoDate): IsoDate | undefined {
  const r = parseIso(reference);
  if (!r || day < 1 || day > 31) return undefined;
  if (day >= r.day && isValidYmd(r.year, r.month, day)) return toIso(r.year, r.month, day);
  for (let k = 1; k <= 3; k++) {
    const next = parseIso(addMonths(toIso(r.year, r.month, 1), k)) as YMD;
    if (isValidYmd(next.year, next.month, day)) return toIso(next.year, next.month, day);
  }
  return undefined;
}

const WORDED_DM = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_SRC})$`, 'i');
const WORDED_MD = new RegExp(`^(${MONTH_SRC})\\s+(\\d{1,2})(?:st|nd|rd|th)?$`, 'i');

function parseWordedDay(text: string, o: ExtractOptions): IsoDate | undefined {
  const dm = WORDED_DM.exec(text.trim());
  const md = dm ? undefined : WORDED_MD.exec(text.trim());
  const month = dm ? monthFromWord(dm[2]) : md ? monthFromWord(md[1]) : undefined;
  const day = dm ? Number(dm[1]) : md ? Number(md[2]) : NaN;
  if (!month) return undefined;
  const year = inferYear(month, day, o.reference);
  return isValidYmd(year, month, day) ? toIso(year, month, day) : undefined;
}
