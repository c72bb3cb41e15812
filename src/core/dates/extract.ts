/**
 * Free-text date extraction. Order matters: vague phrases, business speak, bare ordinals and numeric
 * dates are matched by our own patterns and masked out (same-length blanks keep offsets), then
 * chrono-node reads what is left, but only when a cheap pre-check sees something date-like: most
 * entries never reach chrono.
 */
import * as chrono from 'chrono-node/en';
import type { IsoDate } from '../types';
import { endOfMonth, isValidYmd, parseIso, toIso, weekday } from './calendar';
import { BUSINESS_PATTERNS, ORDINAL_DAY, resolveOrdinalDay } from './business';
import { COMMON_PATTERNS } from './common';
import type { DateExtraction, DateMention, ExtractOptions, VagueMention } from './mentions';
import { NUMERIC_DATE, matchToIso } from './numeric';
import { VAGUE_PATTERNS } from './vague';
import { wordsOf, type Word } from '../reading/words';
import { inferYear } from './year';

/** What chrono could possibly read in masked text; if this fails, chrono is skipped. */
const CHRONO_PRECHECK =
  /\b(?:january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|midnight|weeks?|months?|years?|days?|hours?|fortnight)\b|\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri)\s*\d|\d\s*(?:am|pm)\b/i;

// Same-length rewrites chrono understands ("Tues" → "Tue "); offsets stay valid.
const WEEKDAY_SPELLINGS: Array<[RegExp, string]> = [
  [/\btues\b/gi, 'tue '],
  [/\bweds\b/gi, 'wed '],
  [/\bthurs\b/gi, 'thu  '],
  [/\bthur\b/gi, 'thu '],
];

// Lower-case words chrono takes for dates that in a note are ordinary words ("sat with", "mon").
const FALSE_FRIENDS = /^(?:sat|sun|mon|wed|march|may|second|now|right now|sec|a sec|tonight)$/;

const PAST_RELATIVE = /\b(?:last|ago|yesterday|earlier|previous|past)\b/i;

const DMY_CHRONO = new chrono.Chrono(chrono.configuration.createCasualConfiguration(true));
const MDY_CHRONO = new chrono.Chrono(chrono.configuration.createCasualConfiguration(false));

function mask(text: string, start: number, length: number): string {
  return text.slice(0, start) + ' '.repeat(length) + text.slice(start + length);
}

interface Family {
  name: string;
  /** Words a match can start with: the family's regex is only tried where such a word starts. */
  starts(word: string): boolean;
  /** The family's regex in sticky form, tried at those word starts. */
  sticky: RegExp;
  kind: DateMention['kind'];
  source: DateMention['source'];
  resolve(m: RegExpExecArray, opts: ExtractOptions): string | undefined;
}

const MONTH3 = new Set(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']);
const WEEK3 = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const QUALIFIERS = ['early', 'beginning', 'start', 'mid', 'middle', 'late', 'end', 'by', 'the'];

const isDigitWord = (w: string): boolean => w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57;
const isMonthWord = (w: string): boolean => MONTH3.has(w.slice(0, 3));
const isWeekdayWord = (w: string): boolean => WEEK3.has(w.slice(0, 3));

function words(...list: string[]): (w: string) => boolean {
  const set = new Set(list);
  return (w) => set.has(w);
}

const STARTS: Record<string, (w: string) => boolean> = {
  'end-of-day': words('eod', 'cob', 'eob', 'end', 'close', 'by'),
  'tomorrow-abbrev': words('tmrw', 'tmr', 'tmw', '2moro', 'tomoz'),
  'week-commencing': words('w', 'wc', 'week'),
  'next-week': words(...QUALIFIERS, 'next'),
  'this-week': words(...QUALIFIERS, 'eow', 'eotw', 'this'),
  'next-month': words(...QUALIFIERS, 'next'),
  'this-month': words(...QUALIFIERS, 'eom', 'eotm', 'month', 'this'),
  'next-quarter': words('next', 'following'),
  'this-quarter': words('eoq', 'end', 'quarter', 'this'),
  quarter: (w) => /^(?:in|by|for|during|end|before)$|^(?:c|fy)?q[1-4]/.test(w),
  'year-end': words('eoy', 'end', 'year'),
  'part-of-month': words(...QUALIFIERS),
  fortnight: words('in', 'within'),
  'worded-day-month': (w) => isDigitWord(w) || isWeekdayWord(w) || w === 'the',
  'worded-month-day': (w) => isMonthWord(w) || isWeekdayWord(w),
  weekday: (w) => isWeekdayWord(w) || /^(?:next|this|coming|on|by|before|until|from|till)$/.test(w),
  'relative-day': words('the', 'day', 'today', 'tonight', 'tomorrow', 'this'),
  'in-n-units': words('in', 'within'),
  'month-only': (w) => isMonthWord(w) || /^(?:in|by|during|for|until|till|before|from|over|around)$/.test(w),
  time: (w) => isDigitWord(w) || /^(?:at|from|noon|midday)$/.test(w),
  numeric: isDigitWord,
  ordinal: (w) => isDigitWord(w) || /^(?:on|by|before|for|until|till|from|due|the)$/.test(w),
};

function sticky(re: RegExp): RegExp {
  return new RegExp(re.source, `${re.flags.replace('g', '')}y`);
}

function family(
  name: string,
  re: RegExp,
  kind: DateMention['kind'],
  source: DateMention['source'],
  resolve: Family['resolve'],
): Family {
  return { name, starts: STARTS[name] ?? (() => true), sticky: sticky(re), kind, source, resolve };
}

const POSSESSIVE = /['’]s\b/y;
const TEMPORAL_BEFORE = /\b(?:before|at|during|after|ahead of|in|by|until|till)\s+$/i;

/**
 * "Follow up on next week's conversation": a possessive date names another event, not the step's
 * time. But "before Wednesday's meeting" or "at Thursday's call" times the step by that event.
 */
function possessiveOfOtherEvent(text: string, start: number, end: number): boolean {
  POSSESSIVE.lastIndex = end;
  if (!POSSESSIVE.test(text)) return false;
  return !TEMPORAL_BEFORE.test(text.slice(Math.max(0, start - 12), start));
}

const VAGUE = VAGUE_PATTERNS.map((p) => ({ hint: p.hint, starts: new Set(p.starts), sticky: sticky(p.re) }));

// Most specific first: each family masks what it read, so later ones cannot re-read it.
// At most 31 families and vague patterns together: familyMask packs them into the bits of a number.
const FAMILIES: Family[] = [
  ...BUSINESS_PATTERNS.map((p) => family(p.name, p.re, p.kind, 'business', p.resolve)),
  ...COMMON_PATTERNS.filter((p) => p.name.startsWith('worded') || p.name === 'weekday').map((p) =>
    family(p.name, p.re, p.kind, 'common', p.resolve),
  ),
  family('numeric', NUMERIC_DATE, 'day', 'numeric', matchToIso),
  family('ordinal', ORDINAL_DAY, 'day', 'ordinal', (m, o) => resolveOrdinalDay(Number(m[1]), o.reference)),
  ...COMMON_PATTERNS.filter((p) => !p.name.startsWith('worded') && p.name !== 'weekday').map((p) =>
    family(p.name, p.re, p.kind, 'common', p.resolve),
  ),
];

// Which families can start at a word, as a bit mask; words repeat across rows, so it is remembered.
const maskCache = new Map<string, number>();

function familyMask(word: string): number {
  let mask = maskCache.get(word);
  if (mask === undefined) {
    mask = 0;
    for (let fi = 0; fi < FAMILIES.length; fi++) if (FAMILIES[fi].starts(word)) mask |= 2 ** fi;
    for (let vi = 0; vi < VAGUE.length; vi++)
      if (VAGUE[vi].starts.has(word)) mask |= 2 ** (FAMILIES.length + vi);
    if (maskCache.size > 20_000) maskCache.clear();
    maskCache.set(word, mask);
  }
  return mask;
}

function hinted(lower: string, hint: readonly string[]): boolean {
  for (const h of hint) if (lower.includes(h)) return true;
  return false;
}

/**
 * `pre` lets a caller that already lower-cased and walked the words of `text` share that work
 * (readText does); the lower-cased text must have the same length and word positions.
 */
export function extractDates(
  text: string,
  opts: ExtractOptions,
  pre?: { lower: string; words: readonly Word[] },
): DateExtraction {
  const mentions: DateMention[] = [];
  const vague: VagueMention[] = [];
  const lower = pre?.lower ?? text.toLowerCase();
  let work = text;

  const tokens = pre?.words ?? wordsOf(lower);
  let any = 0;
  const masks = tokens.map((t) => {
    const m = familyMask(t.word);
    any |= m;
    return m;
  });
  // The cheap pre-check: no word that any pattern (or chrono) could start a date with → no dates.
  if (any === 0) return { mentions, vague };
  for (let vi = 0; vi < VAGUE.length; vi++) {
    const bit = 2 ** (FAMILIES.length + vi);
    if ((any & bit) === 0) continue;
    const p = VAGUE[vi];
    if (!hinted(lower, p.hint)) continue;
    let after = 0;
    for (let ti = 0; ti < tokens.length; ti++) {
      const t = tokens[ti];
      if (t.index < after || (masks[ti] & bit) === 0) continue;
      p.sticky.lastIndex = t.index;
      const m = p.sticky.exec(work);
      if (!m) continue;
      vague.push({ start: m.index, length: m[0].length, text: m[0] });
      work = mask(work, m.index, m[0].length);
      after = m.index + m[0].length;
    }
  }
  vague.sort((a, b) => a.start - b.start);
  // Only the words where some family can start.
  const live: number[] = [];
  for (let ti = 0; ti < tokens.length; ti++) if (masks[ti] !== 0) live.push(ti);
  for (let fi = 0; fi < FAMILIES.length; fi++) {
    const bit = 2 ** fi;
    if ((any & bit) === 0) continue;
    const f = FAMILIES[fi];
    let after = 0;
    for (const ti of live) {
      const t = tokens[ti];
      if (t.index < after || (masks[ti] & bit) === 0) continue;
      f.sticky.lastIndex = t.index;
      const m = f.sticky.exec(work);
      if (!m || m[0].trim() === '') continue;
      const date = f.resolve(m, opts);
      if (!date) continue;
      if (possessiveOfOtherEvent(text, m.index, m.index + m[0].length)) continue;
      const start = m.index + (m[0].length - m[0].trimStart().length);
      const raw = m[0].trim();
      mentions.push({
        start,
        length: raw.length,
        text: text.substr(start, raw.length),
        date,
        kind: f.kind,
        source: f.source,
      });
      work = mask(work, m.index, m[0].length);
      after = m.index + m[0].length;
    }
  }
  if (CHRONO_PRECHECK.test(work)) mentions.push(...chronoMentions(work, text, opts));
  mentions.sort((a, b) => a.start - b.start);
  return { mentions, vague };
}

function chronoMentions(work: string, original: string, opts: ExtractOptions): DateMention[] {
  for (const [re, to] of WEEKDAY_SPELLINGS) work = work.replace(re, to);
  const r = parseIso(opts.reference);
  if (!r) return [];
  const instant = new Date(Date.UTC(r.year, r.month - 1, r.day, 12));
  const parser = opts.locale && /_US|-US|_PH|-PH/i.test(opts.locale) ? MDY_CHRONO : DMY_CHRONO;
  let results: chrono.ParsedResult[];
  try {
    results = parser.parse(work, { instant, timezone: 0 });
  } catch {
    return []; // chrono is third-party code: a parse failure must never sink the analysis
  }
  const out: DateMention[] = [];
  for (const res of results) {
    const raw = original.substr(res.index, res.text.length);
    // "last week", "2 days ago", "yesterday": a past event, never a step's time.
    if (PAST_RELATIVE.test(res.text)) continue;
    // Only when the word stood alone in the original: "weds" was rewritten to "wed " and is a day.
    const wholeWord = /^[a-z]+/i.exec(original.slice(res.index))?.[0] ?? '';
    if (FALSE_FRIENDS.test(raw.trim()) && wholeWord.length <= raw.trim().length) continue;
    if (possessiveOfOtherEvent(original, res.index, res.index + res.text.length)) continue;
    const resolved = resolveChrono(res, opts);
    if (!resolved) continue;
    out.push({ start: res.index, length: res.text.length, text: raw, source: 'chrono', ...resolved });
  }
  return out;
}

function resolveChrono(
  res: chrono.ParsedResult,
  opts: ExtractOptions,
): Pick<DateMention, 'date' | 'kind'> | undefined {
  const s = res.start;
  const certain = (c: chrono.Component): boolean => s.isCertain(c);
  const get = (c: chrono.Component): number => s.get(c) ?? NaN;
  if (certain('year') && certain('month') && certain('day')) {
    return ymd(get('year'), get('month'), get('day'));
  }
  if (certain('month') && certain('day')) {
    const [month, day] = [get('month'), get('day')];
    let year = inferYear(month, day, opts.reference);
    if (certain('weekday')) {
      // "Wed 18 Feb": prefer the nearby year in which that day is a Wednesday.
      const want = get('weekday');
      const fit = [year, year - 1, year + 1].find(
        (y) => isValidYmd(y, month, day) && weekday(toIso(y, month, day)) === want,
      );
      if (fit !== undefined) year = fit;
    }
    return ymd(year, month, day);
  }
  if (certain('month') && certain('year') && !certain('day')) {
    // "Jun 26" is the 26th of June, not June 2026 (chrono's day-first mode reads a year).
    const tail = /\s(\d{1,2})$/.exec(res.text);
    if (tail && Number(tail[1]) >= 1 && Number(tail[1]) <= 31) {
      const month = get('month');
      const day = Number(tail[1]);
      return ymd(inferYear(month, day, opts.reference), month, day);
    }
  }
  if (certain('month') && !certain('day')) {
    const month = get('month');
    const year = certain('year') ? get('year') : inferYear(month, 28, opts.reference);
    return isValidYmd(year, month, 1) ? { date: endOfMonth(year, month), kind: 'period' } : undefined;
  }
  if (certain('year') && !certain('month')) {
    const year = get('year');
    return isValidYmd(year, 12, 31) ? { date: toIso(year, 12, 31), kind: 'period' } : undefined;
  }
  // Weekdays and relative phrases ("Friday", "tomorrow", "in 2 weeks"): chrono computed them from the
  // reference instant given in UTC, so its implied fields are the calendar day we want.
  const date = ymdIso(get('year'), get('month'), get('day'));
  if (!date) return undefined;
  const dayKnown =
    certain('weekday') ||
    certain('day') ||
    res.text.match(/\b(?:day|week|month|year|tomorrow|today|tonight|fortnight)s?\b/i);
  if (dayKnown) return { date, kind: 'day' };
  if (certain('hour')) return { date: opts.reference, kind: 'time' };
  return undefined;
}

function ymd(y: number, m: number, d: number): Pick<DateMention, 'date' | 'kind'> | undefined {
  const date = ymdIso(y, m, d);
  return date ? { date, kind: 'day' } : undefined;
}

function ymdIso(y: number, m: number, d: number): IsoDate | undefined {
  return isValidYmd(y, m, d) ? toIso(y, m, d) : undefined;
}
