/**
 * Free-text date extraction. Order matters: vague phrases, business speak, bare ordinals and numeric
 * dates are matched by our own patterns and masked out (same-length blanks keep offsets), then
 * chrono-node reads what is left, but only when a cheap pre-check sees something date-like: most
 * entries never reach chrono.
 */
import * as chrono from 'chrono-node/en';
import type { IsoDate } from '../types';
import { addDays, dayNumber, endOfMonth, isValidYmd, parseIso, toIso, weekday } from './calendar';
import { BUSINESS_PATTERNS, ORDINAL_DAY, resolveOrdinalDay } from './business';
import { COMMON_PATTERNS } from './common';
import type { DateExtraction, DateMention, ExtractOptions, VagueMention } from './mentions';
import { NUMERIC_DATE, matchToIso } from './numeric';
import { VAGUE_PATTERNS } from './vague';
import { wordsOf, type Word } from '../reading/words';
import { inferYear } from './year';
import { sortSmall } from '../small-sort';

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
  /**
   * What every match must contain, as tests on the words of the text (each test must hold for some
   * word). A family whose needs are not met is skipped without running its regex. The tests look
   * for substrings, so they stay true however earlier masking cut the words.
   */
  needs: ReadonlyArray<(word: string) => boolean>;
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
const HAS_DIGIT = /\d/;
const hasDigit = (w: string): boolean => HAS_DIGIT.test(w);
const HAS_MONTH = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/;
const hasMonth = (w: string): boolean => HAS_MONTH.test(w);
const HAS_WEEKDAY = /mon|tue|wed|thu|fri|sat|sun/;
const hasWeekday = (w: string): boolean => HAS_WEEKDAY.test(w);

function words(...list: string[]): (w: string) => boolean {
  const set = new Set(list);
  return (w) => set.has(w);
}

function containing(...needles: string[]): (w: string) => boolean {
  return (w) => {
    for (const n of needles) if (w.includes(n)) return true;
    return false;
  };
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

// Letters every match of a family contains (see Family.needs); derived from each family's regex.
const NEEDS: Record<string, ReadonlyArray<(w: string) => boolean>> = {
  'end-of-day': [containing('eod', 'cob', 'eob', 'day', 'close')],
  'tomorrow-abbrev': [containing('tmr', 'tmw', '2moro', 'tomoz')],
  'week-commencing': [hasDigit, containing('w')],
  'next-week': [containing('week', 'wk')],
  'this-week': [containing('eow', 'eotw', 'week', 'wk')],
  'next-month': [containing('month')],
  'this-month': [containing('eom', 'eotm', 'month')],
  'next-quarter': [containing('q')],
  'this-quarter': [containing('q')],
  quarter: [(w) => /q[1-4]/.test(w)],
  'year-end': [containing('eoy', 'year')],
  'part-of-month': [hasMonth],
  fortnight: [containing('fortnight')],
  'worded-day-month': [hasMonth, hasDigit],
  'worded-month-day': [hasMonth, hasDigit],
  weekday: [hasWeekday],
  'relative-day': [containing('today', 'tonight', 'tomorrow', 'morning', 'afternoon', 'evening')],
  'in-n-units': [containing('day', 'week', 'wk', 'month')],
  'month-only': [hasMonth],
  time: [containing('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'noon', 'midday')],
  numeric: [hasDigit],
  ordinal: [hasDigit],
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
  return {
    name,
    starts: STARTS[name] ?? (() => true),
    needs: NEEDS[name] ?? [],
    sticky: sticky(re),
    kind,
    source,
    resolve,
  };
}

const POSSESSIVE = /['’]s\b/y;
const TEMPORAL_BEFORE = /\b(?:before|at|during|after|ahead of|in|by|until|till)\s+$/i;

// A date read with its own "on"/"by" ("on Friday"), which times the step unless "on" belongs to a
// phrasal verb before it ("follow up on", "get back on": about, not when).
const OWN_TEMPORAL = /^(?:on|by|before|until|till)\s/i;
const ABOUT_ON = /\b(?:up|back|feedback|comments?|notes?|update|focus|based|decide|decision)\s+$/i;

/**
 * "Follow up on next week's conversation": a possessive date names another event, not the step's
 * time. But "before Wednesday's meeting", "at Thursday's call" or "confirm pricing on Friday's call"
 * times the step by that event.
 */
function possessiveOfOtherEvent(text: string, start: number, end: number): boolean {
  POSSESSIVE.lastIndex = end;
  if (!POSSESSIVE.test(text)) return false;
  const before = text.slice(Math.max(0, start - 12), start);
  if (TEMPORAL_BEFORE.test(before)) return false;
  const own = OWN_TEMPORAL.exec(text.slice(start, end));
  return !own || (own[0].toLowerCase().startsWith('on') && ABOUT_ON.test(before));
}

const VAGUE = VAGUE_PATTERNS.map((p) => ({ hint: p.hint, starts: new Set(p.starts), sticky: sticky(p.re) }));

// Most specific first: each family masks what it read, so later ones cannot re-read it.
// At most 31 families and vague patterns together: wordInfo packs them into the bits of a number.
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

const FAMILY_COUNT = FAMILIES.length;
if (FAMILY_COUNT + VAGUE.length > 31) throw new Error('date families and vague patterns must fit in 31 bits');
/** Families with a second need (both must be met); the others count their first need twice. */
const SECOND_NEED_OF = FAMILIES.map((f) => f.needs[1] ?? f.needs[0]);
/** Families that declare no needs are always candidates. */
const NO_NEEDS = FAMILIES.reduce((acc, f, fi) => (f.needs.length === 0 ? acc | (1 << fi) : acc), 0);
const VAGUE_BITS = VAGUE.reduce((acc, _v, vi) => acc | (1 << (FAMILY_COUNT + vi)), 0);

/** What one word can do for date extraction, computed once per distinct word. */
interface WordInfo {
  /** Families (bits 0..) and vague patterns (bits FAMILY_COUNT..) that can start at the word. */
  starts: number;
  /** Families whose first need the word meets. */
  needA: number;
  /** Families whose second need (or only need) the word meets. */
  needB: number;
  /** Could chrono-node read something in this word (see CHRONO_WORD)? */
  chrono: boolean;
}

// A superset of CHRONO_PRECHECK, on single words: every match of that regex contains one of these.
const CHRONO_WORD =
  /\d|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|tomorrow|tonight|midnight|week|year|day|hour|fortnight/;

/** What a word can do, remembered on its shared entry (words repeat across rows). */
function wordInfo(token: Word): WordInfo {
  const known = token.entry.dates as WordInfo | undefined;
  if (known !== undefined) return known;
  const word = token.word;
  let starts = 0;
  let needA = NO_NEEDS;
  let needB = NO_NEEDS;
  for (let fi = 0; fi < FAMILY_COUNT; fi++) {
    const f = FAMILIES[fi];
    if (f.starts(word)) starts |= 1 << fi;
    if (f.needs.length > 0 && f.needs[0](word)) needA |= 1 << fi;
    if (f.needs.length > 0 && SECOND_NEED_OF[fi](word)) needB |= 1 << fi;
  }
  for (let vi = 0; vi < VAGUE.length; vi++)
    if (VAGUE[vi].starts.has(word)) starts |= 1 << (FAMILY_COUNT + vi);
  const info: WordInfo = { starts, needA, needB, chrono: CHRONO_WORD.test(word) };
  token.entry.dates = info;
  return info;
}

function hinted(lower: string, hint: readonly string[]): boolean {
  for (const h of hint) if (lower.includes(h)) return true;
  return false;
}

/** Per-word start masks of the current call, reused across calls (extractDates is not re-entrant). */
let maskBuffer = new Int32Array(64);

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
  if (maskBuffer.length < tokens.length) maskBuffer = new Int32Array(tokens.length * 2);
  const masks = maskBuffer;
  let any = 0;
  let needA = 0;
  let needB = 0;
  let chronoWords = false;
  let bareWeekdays: Map<DateMention, number> | undefined;
  for (let ti = 0; ti < tokens.length; ti++) {
    const info = wordInfo(tokens[ti]);
    masks[ti] = info.starts;
    any |= info.starts;
    needA |= info.needA;
    needB |= info.needB;
    if (info.chrono) chronoWords = true;
  }
  // The cheap pre-check: no word that any pattern could start a date with → no dates (chrono included).
  if (any === 0) return { mentions, vague };
  // The needs are substrings of the words; when lower-casing changed the text's length ("İ"), word
  // positions may not line up with the text, so nothing is pruned.
  const aligned = lower.length === text.length;
  const candidates = aligned ? any & ((needA & needB) | VAGUE_BITS) : any;
  if (candidates & VAGUE_BITS) {
    for (let vi = 0; vi < VAGUE.length; vi++) {
      const bit = 1 << (FAMILY_COUNT + vi);
      if ((candidates & bit) === 0) continue;
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
    if (vague.length > 1) sortSmall(vague, (a, b) => a.start - b.start);
  }
  for (let fi = 0; fi < FAMILY_COUNT; fi++) {
    const bit = 1 << fi;
    if ((candidates & bit) === 0) continue;
    const f = FAMILIES[fi];
    let after = 0;
    for (let ti = 0; ti < tokens.length; ti++) {
      if ((masks[ti] & bit) === 0) continue;
      const t = tokens[ti];
      if (t.index < after) continue;
      f.sticky.lastIndex = t.index;
      const m = f.sticky.exec(work);
      if (!m || m[0].trim() === '') continue;
      const date = f.resolve(m, opts);
      if (!date) continue;
      if (possessiveOfOtherEvent(text, m.index, m.index + m[0].length)) continue;
      const start = m.index + (m[0].length - m[0].trimStart().length);
      const raw = m[0].trim();
      const mention: DateMention = {
        start,
        length: raw.length,
        text: text.substr(start, raw.length),
        date,
        kind: f.kind,
        source: f.source,
      };
      mentions.push(mention);
      if (f.name === 'weekday' && !m[3]) (bareWeekdays ??= new Map()).set(mention, weekdayOf(m[2]));
      work = mask(work, m.index, m[0].length);
      after = m.index + m[0].length;
    }
  }
  if (mentions.length > 1) sortSmall(mentions, (a, b) => a.start - b.start);
  if (bareWeekdays) joinWeekdayAndDate(text, mentions, bareWeekdays, opts);
  if ((!aligned || (chronoWords && chronoCandidate(work, tokens))) && CHRONO_PRECHECK.test(work)) {
    mentions.push(...chronoMentions(work, text, opts));
    if (mentions.length > 1) sortSmall(mentions, (a, b) => a.start - b.start);
  }
  return { mentions, vague };
}

const WEEKDAY_PREFIXES = ['su', 'mo', 'tu', 'we', 'th', 'fr', 'sa'];

function weekdayOf(word: string): number {
  return WEEKDAY_PREFIXES.indexOf(word.slice(0, 2).toLowerCase());
}

// Between a weekday and the date that follows it: spaces, a comma, an opening bracket or a dash.
const WEEKDAY_DATE_GAP = /^\s*(?:[,(\-–—]\s*)?$/;
const ORDINAL_NUMBER = /(\d{1,2})(?:st|nd|rd|th)/i;
const BARE_ORDINAL_AFTER =
  /\s*,?\s*(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:call|meeting|time|attempt|round|draft|version|floor|line|quarter|week|month|day|year|anniversary))/iy;

/**
 * "Fri 24-04-2026", "Mon 9th", "Fri (24/04)": a weekday followed by an explicit date is one date, and
 * the explicit date wins (a weekday alone is the next such day, which may be another week). A bare
 * day of the month takes the nearby month in which it falls on that weekday ("Mon 9th" written on
 * Sun 15 March is Monday 9 March, not Thursday 9 April). Mentions are sorted by start.
 */
function joinWeekdayAndDate(
  text: string,
  mentions: DateMention[],
  bareWeekdays: Map<DateMention, number>,
  opts: ExtractOptions,
): void {
  for (let i = 0; i < mentions.length; i++) {
    const day = mentions[i];
    const wanted = bareWeekdays.get(day);
    if (wanted === undefined) continue;
    const dayEnd = day.start + day.length;
    const next = mentions[i + 1] as DateMention | undefined;
    let date: IsoDate | undefined;
    let end: number;
    let source: DateMention['source'];
    let joined = 2;
    // "Mon 9th to agree pricing": a bare ordinal right after a weekday, which nothing else reads.
    BARE_ORDINAL_AFTER.lastIndex = dayEnd;
    const bare = BARE_ORDINAL_AFTER.exec(text);
    if (bare && (!next || next.start >= dayEnd + bare[0].length)) {
      date = ordinalOnWeekday(Number(bare[1]), wanted, opts.reference);
      end = dayEnd + bare[0].length;
      source = 'ordinal';
      joined = 1;
    } else {
      if (!next || next.kind !== 'day' || (next.source !== 'numeric' && next.source !== 'ordinal')) continue;
      if (!WEEKDAY_DATE_GAP.test(text.slice(dayEnd, next.start))) continue;
      date = next.date;
      if (next.source === 'ordinal') {
        const n = ORDINAL_NUMBER.exec(next.text);
        if (n) date = ordinalOnWeekday(Number(n[1]), wanted, opts.reference) ?? date;
      }
      end = next.start + next.length;
      source = next.source;
    }
    if (!date) continue;
    mentions.splice(i, joined, {
      start: day.start,
      length: end - day.start,
      text: text.slice(day.start, end),
      date,
      kind: 'day',
      source,
    });
  }
}

/** The day-of-month `day` nearest the reference (3 months back to 9 ahead) that falls on `wanted`. */
function ordinalOnWeekday(day: number, wanted: number, reference: IsoDate): IsoDate | undefined {
  const r = parseIso(reference);
  if (!r) return undefined;
  const refDay = dayNumber(reference);
  let best: IsoDate | undefined;
  let bestDistance = Infinity;
  for (let k = -3; k <= 9; k++) {
    const total = r.year * 12 + (r.month - 1) + k;
    const year = Math.floor(total / 12);
    const month = (total % 12) + 1;
    if (!isValidYmd(year, month, day)) continue;
    const iso = toIso(year, month, day);
    if (weekday(iso) !== wanted) continue;
    const diff = dayNumber(iso) - refDay;
    // Ahead is likelier than behind for a next step: a day back counts as four ahead.
    const distance = diff >= 0 ? diff : -4 * diff;
    if (distance < bestDistance) {
      best = iso;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Some word that could hold something for chrono (CHRONO_WORD) is still at least partly unmasked.
 * CHRONO_PRECHECK's letters and digits must be unmasked to match, and they lie inside such a word.
 */
function chronoCandidate(work: string, tokens: readonly Word[]): boolean {
  for (const t of tokens) {
    if (!wordInfo(t).chrono) continue;
    for (let i = t.index, end = t.index + t.word.length; i < end; i++)
      if (work.charCodeAt(i) !== 32) return true;
  }
  return false;
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
  // The same rule as the fast path (common.ts): a bare weekday that is the written day is next week's.
  if (
    certain('weekday') &&
    !certain('day') &&
    date === opts.reference &&
    !/\b(?:this|today|tonight)\b/i.test(res.text)
  )
    return { date: addDays(date, 7), kind: 'day' };
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
