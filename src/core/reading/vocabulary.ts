/**
 * Compiles the config's word lists into regexes once per config object. Verbs get their -s/-ing
 * forms (a step ahead) and their past forms (a thing done: "sent", "followed up") as separate cues.
 */
import type { Config } from '../config';
import { wordsOf, type Word } from './words';
import { sortSmall } from '../small-sort';

export interface Match {
  index: number;
  length: number;
}

/**
 * Finds phrases fast: instead of one regex with hundreds of alternatives tried at every character,
 * it walks the words once and tries only the phrases that start with each word.
 */
export class PhraseMatcher {
  /** Sources per first word; each group's regex is compiled the first time a text has that word. */
  private readonly groups = new Map<string, string[]>();
  private readonly compiled = new Map<string, RegExp>();
  private readonly odd: string[] = [];
  private fallbackRe: RegExp | null | undefined;

  constructor(variants: Array<{ first: string; source: string }>) {
    for (const v of variants) {
      if (WORD_ONLY.test(v.first)) {
        const list = this.groups.get(v.first);
        if (list) list.push(v.source);
        else this.groups.set(v.first, [v.source]);
      } else this.odd.push(v.source);
    }
  }

  private regexFor(first: string): RegExp | undefined {
    let re = this.compiled.get(first);
    if (re === undefined) {
      const sources = this.groups.get(first);
      if (sources === undefined) return undefined;
      re = new RegExp(alternation(sources), 'iy');
      this.compiled.set(first, re);
    }
    return re;
  }

  private get fallback(): RegExp | undefined {
    if (this.fallbackRe === undefined)
      this.fallbackRe =
        this.odd.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}'’])${alternation(this.odd)}`, 'giu') : null;
    return this.fallbackRe ?? undefined;
  }

  /** Non-overlapping matches, left to right. */
  scan(text: string): Match[] {
    const out: Match[] = [];
    let after = 0;
    for (const token of text.matchAll(TOKEN)) {
      if (token.index < after) continue;
      const re = this.regexFor(token[0].toLowerCase());
      if (!re) continue;
      re.lastIndex = token.index;
      const m = re.exec(text);
      if (m) {
        out.push({ index: token.index, length: m[0].length });
        after = token.index + m[0].length;
      }
    }
    const fallback = this.fallback;
    if (fallback) {
      for (const m of text.matchAll(fallback)) out.push({ index: m.index, length: m[0].length });
      out.sort((a, b) => a.index - b.index);
    }
    return out;
  }

  /** The length of a phrase starting exactly at `index`, else 0. */
  matchAt(text: string, index: number): number {
    const token = /^[\p{L}\p{N}'’&]+/u.exec(text.slice(index, index + 40));
    if (!token) return 0;
    const re = this.regexFor(token[0].toLowerCase());
    if (!re) return 0;
    re.lastIndex = index;
    const m = re.exec(text);
    return m ? m[0].length : 0;
  }
}

const TOKEN = /[\p{L}\p{N}'’&]+/gu;
const WORD_ONLY = /^[\p{L}\p{N}'’&]+$/u;

function alternation(sources: string[]): string {
  // Longest first, so "follow up on" wins over "follow".
  const unique = [...new Set(sources)].sort((a, b) => b.length - a.length);
  return `(?:${unique.join('|')})(?![\\w]|['’][a-z])`;
}

export type Category =
  | 'filler'
  | 'fillerPast'
  | 'actionVerb'
  | 'actionPast'
  | 'meetingNoun'
  | 'deliverableNoun'
  | 'party'
  | 'waiting'
  | 'status'
  | 'genericPast';

export type CueMatches = Record<Category, Match[]>;

/** The shared empty list (never pushed to). */
const NONE: Match[] = [];

/** Every cue category, in matching order. */
export const CUE_CATEGORIES: readonly Category[] = [
  'filler',
  'fillerPast',
  'actionVerb',
  'actionPast',
  'meetingNoun',
  'deliverableNoun',
  'party',
  'waiting',
  'status',
  'genericPast',
];

// Reported past: irregular forms and any "-ed" word (filtered in read.ts for adjectives and "scheduled").
const IRREGULAR_PAST_WORDS = new Set(
  'got came had gave went sent met spoke said told took made did was were been caught brought wrote heard saw found kept paid bought sold left done won lost'.split(
    ' ',
  ),
);
const REGULAR_PAST_WORD = /^[a-z]{3,}ed$/;

/**
 * All categories in one pass over the words: for each word, only the phrases that start with it are
 * tried. This is what keeps the engine cheaper than a date parser.
 */
export class CueIndex {
  /**
   * The variants per first word, per category slot. Nothing is compiled up front: a word's entries
   * (regex, second words) are built the first time a text contains it, so a custom function that
   * judges one entry pays for that entry's words only (issue 17: cold start).
   */
  private readonly pending = new Map<string, Variant[][]>();
  private readonly fallback: Array<{ category: Category; re: RegExp; literal: string[] }> = [];
  /** What each distinct word does (past form? phrases starting with it?), remembered per word. */
  private readonly wordCache = new Map<string, WordCues>();

  constructor(groups: Partial<Record<Category, Variant[]>>) {
    for (let ci = 0; ci < CUE_CATEGORIES.length; ci++) {
      const category = CUE_CATEGORIES[ci];
      const variants = groups[category] ?? [];
      const odd: string[] = [];
      for (const v of variants) {
        if (!WORD_ONLY.test(v.first)) {
          odd.push(v.source);
          continue;
        }
        let slots = this.pending.get(v.first);
        if (slots === undefined) {
          slots = [];
          this.pending.set(v.first, slots);
        }
        (slots[ci] ??= []).push(v);
      }
      if (odd.length > 0) {
        const literal = odd.map((o) => o.replace(/\\/g, '').slice(0, 3));
        this.fallback.push({
          category,
          re: new RegExp(`(?<![\\p{L}\\p{N}'’])${alternation(odd)}`, 'giu'),
          literal,
        });
      }
    }
  }

  /** Compiled entries, kept for good (one per distinct first word of the vocabulary: a few hundred). */
  private readonly compiled = new Map<string, Entry[]>();

  private entriesOf(word: string): Entry[] | undefined {
    const done = this.compiled.get(word);
    if (done !== undefined) return done;
    const slots = this.pending.get(word);
    if (slots === undefined) return undefined;
    const list: Entry[] = [];
    for (let ci = 0; ci < slots.length; ci++) {
      const group = slots[ci];
      if (group === undefined) continue;
      const single = group.some((v) => v.second === undefined);
      const seconds = new Set(group.map((v) => v.second).filter((w): w is string => w !== undefined));
      const gap = group.some((v) => v.gap);
      const re = new RegExp(alternation(group.map((v) => v.source)), 'iy');
      list.push({
        category: CUE_CATEGORIES[ci],
        slot: ci,
        re,
        single,
        seconds,
        secondList: [...seconds],
        gap,
      });
    }
    this.compiled.set(word, list);
    return list;
  }

  private cuesOf(word: string): WordCues {
    let cues = this.wordCache.get(word);
    if (cues === undefined) {
      cues = {
        past: IRREGULAR_PAST_WORDS.has(word) || (word.length > 4 && REGULAR_PAST_WORD.test(word)),
        entries: this.entriesOf(word),
      };
      if (this.wordCache.size > 20_000) this.wordCache.clear();
      this.wordCache.set(word, cues);
    }
    return cues;
  }

  /** The word's cues, remembered on its shared entry when this index filled it (scan's path). */
  private cuesOfToken(token: Word): WordCues {
    const entry = token.entry;
    if (entry.cuesOf === this) return entry.cues as WordCues;
    const cues = this.cuesOf(token.word);
    entry.cuesOf = this;
    entry.cues = cues;
    return cues;
  }

  /** Some phrase of some category starts with this (lower-case) word. */
  startsPhrase(word: string): boolean {
    return this.cuesOf(word).entries !== undefined;
  }

  /** `words` may be passed when the caller already walked `text` (read.ts does, for dates too). */
  scan(text: string, words: readonly Word[] = wordsOf(text)): CueMatches {
    // Shared empty lists until the first match: most categories stay empty.
    const out: CueMatches = {
      filler: NONE,
      fillerPast: NONE,
      actionVerb: NONE,
      actionPast: NONE,
      meetingNoun: NONE,
      deliverableNoun: NONE,
      party: NONE,
      waiting: NONE,
      status: NONE,
      genericPast: NONE,
    };
    const after = AFTER;
    after.fill(0);
    for (let wi = 0; wi < words.length; wi++) {
      const token = words[wi];
      const begin = token.index;
      const word = token.word;
      const { past, entries } = this.cuesOfToken(token);
      if (past) add(out, 'genericPast', begin, word.length);
      if (entries === undefined) continue;
      const next = wi + 1 < words.length ? words[wi + 1].word : undefined;
      for (let ei = 0; ei < entries.length; ei++) {
        const entry = entries[ei];
        if (begin < after[entry.slot]) continue;
        let length: number;
        if (entry.single && !mayContinue(text, begin + word.length, entry)) {
          // No multi-word phrase of the group can go on from here, so only the word itself can match;
          // the regex would also refuse a following "_" (the only \w that is not part of a word).
          // (Bounds checked first: charCodeAt past the end is NaN, and that deoptimises this loop.)
          const endAt = begin + word.length;
          if (endAt < text.length && text.charCodeAt(endAt) === 95) continue;
          length = word.length;
        } else {
          // Multi-word phrases only: skip the regex unless the next word can continue one of them.
          if (
            !entry.single &&
            (next === undefined || !(entry.seconds.has(next) || (entry.gap && GAP_WORDS.has(next))))
          )
            continue;
          // Sticky test, not exec: the match's end is lastIndex, and no result array is allocated.
          entry.re.lastIndex = begin;
          if (!entry.re.test(text)) continue;
          length = entry.re.lastIndex - begin;
        }
        add(out, entry.category, begin, length);
        after[entry.slot] = begin + length;
      }
    }
    for (const { category, re, literal } of this.fallback) {
      if (!literal.some((l) => text.includes(l))) continue;
      for (const m of text.matchAll(re)) add(out, category, m.index, m[0].length);
      if (out[category] !== NONE) sortSmall(out[category], (a, b) => a.index - b.index);
    }
    return out;
  }
}

/**
 * Appends a match. A category's first match makes a one-slot list: an empty list grown by push
 * reserves 17 slots, and most categories of an entry hold one match (allocation is most of a row's cost).
 */
function add(out: CueMatches, category: Category, index: number, length: number): void {
  const list = out[category];
  if (list === NONE) out[category] = [{ index, length }];
  else list.push({ index, length });
}

/** Per-category "matched up to" positions of the current scan (scan is not re-entrant). */
const AFTER = new Int32Array(CUE_CATEGORIES.length);

const SPACE_CHAR = /\s/;

/**
 * Could a multi-word phrase of `entry` go on at `end` (just after its first word)? Errs towards yes:
 * "no" only when the text there (after spaces and hyphens) starts with none of the second words and
 * none of the small gap words, compared as the case-insensitive regex would.
 */
function mayContinue(text: string, end: number, entry: Entry): boolean {
  if (entry.secondList.length === 0) return false;
  let p = end;
  for (; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === 45 || c === 32) continue;
    if ((c < 33 || c > 127) && SPACE_CHAR.test(text[p])) continue;
    break;
  }
  if (p >= text.length) return false;
  for (const second of entry.secondList) if (mightStartWith(text, p, second)) return true;
  if (entry.gap) for (const g of GAP_LIST) if (mightStartWith(text, p, g)) return true;
  return false;
}

/** `text` at `at` may read as `lower` (lower-case) under a case-insensitive regex. */
function mightStartWith(text: string, at: number, lower: string): boolean {
  if (at + lower.length > text.length) return false;
  for (let i = 0; i < lower.length; i++) {
    const a = text.charCodeAt(at + i);
    const b = lower.charCodeAt(i);
    if (a === b) continue;
    if (a > 127 || b > 127) return true; // non-ASCII case folding: let the regex decide
    if (a >= 65 && a <= 90 && (a | 32) === b) continue;
    return false;
  }
  return true;
}

interface WordCues {
  /** An irregular past form or an "-ed" word. */
  past: boolean;
  /** The phrase groups that start with this word, per category. */
  entries: Entry[] | undefined;
}

export interface Vocabulary {
  /** Expects lower-case text (read.ts lower-cases once). */
  index: CueIndex;
  filler: PhraseMatcher;
  fillerPast: PhraseMatcher;
  actionVerb: PhraseMatcher;
  actionPast: PhraseMatcher;
  meetingNoun: PhraseMatcher;
  deliverableNoun: PhraseMatcher;
  party: PhraseMatcher;
  waiting: PhraseMatcher;
  status: PhraseMatcher;
}

const IRREGULAR_PAST: Record<string, string[]> = {
  send: ['sent'],
  get: ['got', 'gotten'],
  meet: ['met'],
  speak: ['spoke', 'spoken'],
  catch: ['caught'],
  give: ['gave', 'given'],
  come: ['came'],
  run: ['ran'],
  take: ['took', 'taken'],
  tell: ['told'],
  say: ['said'],
  make: ['made'],
  set: [],
  put: [],
  draw: ['drew', 'drawn'],
  write: ['wrote', 'written'],
  think: ['thought'],
  build: ['built'],
  keep: ['kept'],
  pay: ['paid'],
  buy: ['bought'],
  go: ['went', 'gone'],
  quote: ['quoted'],
  let: [],
  stay: ['stayed'],
  talk: ['talked'],
  hand: ['handed'],
};

const SHORT_DOUBLING = /^(?:[^aeiou]*[aeiou])([bdgmnprt])$/;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Forward forms of a verb: base, -s, -ing. */
function forwardForms(verb: string): string[] {
  const forms = [
    verb,
    verb.endsWith('s') || verb.endsWith('ch') || verb.endsWith('sh') ? `${verb}es` : `${verb}s`,
  ];
  if (verb.endsWith('e') && !verb.endsWith('ee')) forms.push(`${verb.slice(0, -1)}ing`);
  else if (verb.length <= 4 && SHORT_DOUBLING.test(verb))
    forms.push(`${verb}${verb.slice(-1)}ing`, `${verb}ing`);
  else forms.push(`${verb}ing`);
  return forms;
}

function pastForms(verb: string): string[] {
  if (verb in IRREGULAR_PAST) return IRREGULAR_PAST[verb];
  if (verb.endsWith('e')) return [`${verb}d`];
  if (verb.endsWith('y') && !/[aeiou]y$/.test(verb)) return [`${verb.slice(0, -1)}ied`];
  if (verb.length <= 4 && SHORT_DOUBLING.test(verb)) return [`${verb}${verb.slice(-1)}ed`, `${verb}ed`];
  return [`${verb}ed`];
}

function nounForms(noun: string): string[] {
  if (noun.endsWith('s')) return [noun];
  if (/[^aeiou]y$/.test(noun)) return [noun, `${noun.slice(0, -1)}ies`];
  if (/(?:ch|sh|x)$/.test(noun)) return [noun, `${noun}es`];
  return [noun, `${noun}s`];
}

// Between the words of a phrase: spaces, hyphens or nothing ("follow up", "follow-up", "followup"),
// and a few small words ("send me something", "call her back", "give her a call").
const GAP = '[\\s-]*(?:(?:me|you|them|him|her|us|it|over|some|the|that|this|a|an|more|all|on|in)\\s+){0,3}';

function phraseSource(words: string[]): string {
  return words.map(escape).join(GAP);
}

/** One spelling of a phrase: its first word (the index key), the word after it, and its regex source. */
type Variant = { first: string; second?: string; gap?: boolean; source: string };

interface Entry {
  category: Category;
  /** The category's index in CUE_CATEGORIES. */
  slot: number;
  re: RegExp;
  /** Some variant is the first word alone. */
  single: boolean;
  /** Words that can follow the first word in a multi-word variant. */
  seconds: Set<string>;
  secondList: string[];
  /** Small words may sit between the words ("call her back"). */
  gap: boolean;
}

const GAP_LIST = 'me you them him her us it over some the that this a an more all on in'.split(' ');
const GAP_WORDS = new Set(GAP_LIST);

function words(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .trim()
    .split(/[\s-]+/)
    .filter((w) => w !== '');
}

/** Phrases whose first word is a verb: its forms vary, the rest stays. */
function verbPhrases(list: string[], forms: (verb: string) => string[]): Variant[] {
  const out: Variant[] = [];
  for (const phrase of list) {
    const w = words(phrase);
    if (w.length === 0) continue;
    if (!/^[a-z]+$/.test(w[0])) {
      out.push({ first: w[0], second: w[1], gap: w.length > 1, source: phraseSource(w) });
      continue;
    }
    for (const f of forms(w[0]))
      out.push({ first: f, second: w[1], gap: w.length > 1, source: phraseSource([f, ...w.slice(1)]) });
  }
  return out;
}

function nounPhrases(list: string[]): Variant[] {
  const out: Variant[] = [];
  for (const phrase of list) {
    const w = words(phrase);
    if (w.length === 0) continue;
    for (const f of nounForms(w[w.length - 1])) {
      const all = w.slice(0, -1).concat(f);
      out.push({ first: all[0], second: all[1], source: all.map(escape).join('[\\s-]*') });
    }
  }
  return out;
}

function plainPhrases(list: string[]): Variant[] {
  return list
    .map(words)
    .filter((w) => w.length > 0)
    .map((w) => ({ first: w[0], second: w[1], source: w.map(escape).join('[\\s-]*') }));
}

function compile(variants: Variant[]): PhraseMatcher {
  return new PhraseMatcher(variants);
}

const cache = new WeakMap<Config, Vocabulary>();

export function vocabularyFor(config: Config): Vocabulary {
  const hit = cache.get(config);
  if (hit) return hit;
  const groups: Partial<Record<Category, Variant[]>> = {
    filler: verbPhrases(config.fillerPhrases, forwardForms),
    fillerPast: verbPhrases(config.fillerPhrases, pastForms),
    actionVerb: verbPhrases(config.actionVerbs, forwardForms),
    actionPast: verbPhrases(config.actionVerbs, pastForms),
    meetingNoun: nounPhrases(config.meetingNouns),
    deliverableNoun: nounPhrases(config.deliverableNouns),
    party: nounPhrases(config.buyerPartyWords),
    waiting: plainPhrases(config.waitingPhrases),
    status: plainPhrases(config.statusPhrases),
  };
  // The per-category matchers are built on first use: most entries never need them.
  const matchers = new Map<Category, PhraseMatcher>();
  const matcher = (c: Category) => () => {
    let m = matchers.get(c);
    if (m === undefined) {
      m = compile(groups[c] ?? []);
      matchers.set(c, m);
    }
    return m;
  };
  const vocab = { index: new CueIndex(groups) } as Vocabulary;
  for (const c of [
    'filler',
    'fillerPast',
    'actionVerb',
    'actionPast',
    'meetingNoun',
    'deliverableNoun',
    'party',
    'waiting',
    'status',
  ] as const)
    Object.defineProperty(vocab, c, { get: matcher(c), enumerable: true });
  cache.set(config, vocab);
  return vocab;
}
