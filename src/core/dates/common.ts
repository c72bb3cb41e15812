/**
 * The date shapes next steps use most, parsed without chrono-node: weekdays ("Tues 3pm", "next
 * Thursday"), worded dates ("19th of Feb", "Jun 26", "Wed 18 Feb 3pm"), month names ("in April"),
 * relative days ("tomorrow", "in 2 weeks", "in a couple of days") and times ("3pm", "10:15").
 * Doing these ourselves keeps chrono (the costliest step) for the rare leftovers.
 */
import type { IsoDate } from '../types';
import { addDays, addMonths, endOfMonth, isValidYmd, startOfWeek, toIso, weekday } from './calendar';
import type { ExtractOptions, MentionKind } from './mentions';
import { MONTH_SRC, monthFromWord } from './months';
import { parseNumericDate } from './numeric';
import { inferYear } from './year';

export interface CommonPattern {
  name: string;
  re: RegExp;
  kind: MentionKind;
  resolve(m: RegExpExecArray, opts: ExtractOptions): IsoDate | undefined;
}

const WEEKDAY_SRC =
  '(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\\.?';
const TIME_SRC =
  '(?:(?:at|@|from)\\s*)?(?:\\d{1,2}(?::\\d{2})?\\s*(?:-|–|to)\\s*)?(?:\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)|\\d{1,2}:\\d{2}(?:\\s*(?:am|pm))?|noon|midday)(?:\\s*(?:gmt|bst|utc|cet|est|edt|pst|pdt|et|pt|uk time))?';
const PART_OF_DAY = '(?:\\s+(?:morning|afternoon|evening|am|pm|eod|lunchtime|lunch))?';
const ORDINAL = '(?:st|nd|rd|th)?';
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  couple: 2,
  'a couple of': 2,
  'couple of': 2,
  'a few': 3,
  few: 3,
};

function weekdayIndex(word: string): number {
  const w = word.toLowerCase().slice(0, 2);
  return ['su', 'mo', 'tu', 'we', 'th', 'fr', 'sa'].indexOf(w);
}

/** "Friday" → the next Friday after the reference; "next Friday" → Friday of next week. */
function resolveWeekday(qualifier: string | undefined, word: string, opts: ExtractOptions): IsoDate {
  const target = weekdayIndex(word);
  const q = (qualifier ?? '').toLowerCase();
  if (q === 'next') {
    const nextWeek = addDays(startOfWeek(opts.reference, opts.weekStart), 7);
    const offset = (target - weekday(nextWeek) + 7) % 7;
    return addDays(nextWeek, offset);
  }
  if (q === 'this') {
    const start = startOfWeek(opts.reference, opts.weekStart);
    return addDays(start, (target - weekday(start) + 7) % 7);
  }
  // A bare weekday that is the written day means the next one: "Call Jane Tuesday" written on a
  // Tuesday is next week's call, not one already due.
  return addDays(opts.reference, (target - weekday(opts.reference) + 7) % 7 || 7);
}

function dayMonth(
  day: number,
  month: number,
  year: string | undefined,
  weekdayWord: string | undefined,
  o: ExtractOptions,
): IsoDate | undefined {
  let y = year ? Number(year) : inferYear(month, day, o.reference);
  if (!year && weekdayWord) {
    // "Wed 18 Feb": prefer the nearby year in which that day is a Wednesday.
    const want = weekdayIndex(weekdayWord);
    const fit = [y, y - 1, y + 1].find(
      (c) => isValidYmd(c, month, day) && weekday(toIso(c, month, day)) === want,
    );
    if (fit !== undefined) y = fit;
  }
  return isValidYmd(y, month, day) ? toIso(y, month, day) : undefined;
}

function amount(word: string): number {
  const w = word.toLowerCase().replace(/\s+/g, ' ').trim();
  return NUMBER_WORDS[w] ?? Number(w);
}

export const COMMON_PATTERNS: CommonPattern[] = [
  {
    name: 'worded-day-month',
    re: new RegExp(
      `\\b(?:(${WEEKDAY_SRC}),?\\s+)?(?:the\\s+)?(\\d{1,2})${ORDINAL}(?:\\s+of)?[\\s-]+(${MONTH_SRC})(?![a-z])(?:,?\\s+(\\d{4}))?(?:,?\\s*${TIME_SRC})?`,
      'gi',
    ),
    kind: 'day',
    resolve: (m, o) => {
      const month = monthFromWord(m[3]);
      return month ? dayMonth(Number(m[2]), month, m[4], m[1], o) : undefined;
    },
  },
  {
    name: 'worded-month-day',
    re: new RegExp(
      `\\b(?:(${WEEKDAY_SRC}),?\\s+)?(${MONTH_SRC})\\s+(\\d{1,2})${ORDINAL}(?![\\d:])(?:,?\\s+(\\d{4}))?(?:,?\\s*${TIME_SRC})?`,
      'gi',
    ),
    kind: 'day',
    resolve: (m, o) => {
      const month = monthFromWord(m[2]);
      return month ? dayMonth(Number(m[3]), month, m[4], m[1], o) : undefined;
    },
  },
  {
    name: 'weekday',
    re: new RegExp(
      `\\b(?:(next|this|coming|on|by|before|until|from|till)\\s+)?(${WEEKDAY_SRC})(?![a-z])(?:,?\\s+(\\d{1,2}[/.]\\d{1,2}(?:[/.]\\d{2,4})?)(?![\\d/]))?${PART_OF_DAY}(?:,?\\s*${TIME_SRC})?`,
      'gi',
    ),
    kind: 'day',
    resolve: (m, o) => {
      if (m[3]) return parseNumericDate(m[3], o);
      // Lower-case "sat", "sun", "mon", "wed" without a qualifier are words, not days ("sat with Jane").
      if (!m[1] && /^(?:sat|sun|mon|wed)$/.test(m[2])) return undefined;
      const q = m[1]?.toLowerCase();
      return resolveWeekday(q === 'next' || q === 'this' ? q : undefined, m[2], o);
    },
  },
  {
    name: 'relative-day',
    re: new RegExp(
      `\\b(?:(?:the\\s+)?(day after tomorrow)|(today|tonight|tomorrow|this (?:morning|afternoon|evening)))\\b(?:,?\\s*${TIME_SRC})?`,
      'gi',
    ),
    kind: 'day',
    resolve: (m, o) => {
      if (m[1]) return addDays(o.reference, 2);
      return addDays(o.reference, /tomorrow/i.test(m[2]) ? 1 : 0);
    },
  },
  {
    name: 'in-n-units',
    re: /\b(?:in|within)\s+(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few)\s+(business\s+days?|working\s+days?|days?|weeks?|wks?|months?)\b/gi,
    kind: 'day',
    resolve: (m, o) => {
      const n = amount(m[1]);
      if (!Number.isFinite(n) || n < 0 || n > 400) return undefined;
      const unit = m[2].toLowerCase();
      if (/business|working/.test(unit)) return addWorkingDays(o.reference, n);
      if (unit.startsWith('day')) return addDays(o.reference, n);
      if (unit.startsWith('w')) return addDays(o.reference, 7 * n);
      return addMonths(o.reference, n);
    },
  },
  {
    name: 'month-only',
    // "in April", "April": the month's last day. Abbreviations and "may"/"march" need a preposition
    // or a capital, so the modal "may" and the verb "march" are not read as months.
    re: new RegExp(
      `\\b(?:(in|by|during|for|until|till|before|from|over|around)\\s+)?(${MONTH_SRC})(?![a-z])(?:\\s+(\\d{4}))?`,
      'gi',
    ),
    kind: 'period',
    resolve: (m, o) => {
      const word = m[2];
      // Without "in"/"by" or a year, only full names that are rarely first names count: "Jan", "May"
      // and "June" are people as often as months, and lower-case "may"/"march" are verbs.
      if (!m[1] && !m[3] && !/^(?:January|February|March|September|October|November|December)$/.test(word)) {
        return undefined;
      }
      const month = monthFromWord(word);
      if (!month) return undefined;
      const year = m[3] ? Number(m[3]) : inferYear(month, 28, o.reference);
      return isValidYmd(year, month, 1) ? endOfMonth(year, month) : undefined;
    },
  },
  {
    name: 'time',
    re: new RegExp(`\\b${TIME_SRC}`, 'gi'),
    kind: 'time',
    resolve: (_m, o) => o.reference,
  },
];

function addWorkingDays(from: IsoDate, n: number): IsoDate {
  let d = from;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    const wd = weekday(d);
    if (wd !== 0 && wd !== 6) left--;
  }
  return d;
}
