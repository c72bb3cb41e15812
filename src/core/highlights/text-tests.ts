/**
 * The text tests behind the "vague" and "missing" highlights, as regex patterns for REGEXMATCH on the
 * LOWER()ed cell, and the same tests in JavaScript (matchesWeakText, isMissingText) so tests and the
 * sidebar can say exactly what a colour means.
 *
 * The engine reads clauses and verbs; a conditional-format regex cannot. The approximation is
 * deliberately one-sided (a cell is coloured only when the engine would surely find filler or
 * no-action), and explicit:
 *
 *   vague  ⇔  (A) the whole text is filler / waiting / status phrases, optionally joined by glue words
 *              ("Follow up", "check in again", "TBD", "Waiting")
 *          or  (B) the text STARTS with a waiting or status phrase, is a single clause (no , ; : . ! ? / |
 *              & + ( ) - – — and no joining word such as "then", "and", "but", "after"), and names no
 *              action verb, meeting or deliverable from the configured lists ("Waiting for legal",
 *              "Lost to competitor", "Pending customer response on pricing").
 *
 *   Each test is split into parts (one conditional-format rule each, same colour) so that no formula
 *   grows past about 2,000 characters (weakParts): (B) is split exactly (its phrase list is an
 *   alternation at the start of the text); (A) is split by phrase list, so a text mixing phrases of
 *   two parts ("follow up / <a phrase of another part>") is not coloured: one more one-sided loss.
 *
 *   missing text  ⇔  empty, or only spaces and punctuation, or a Sheets error code (#N/A, #REF!, ...).
 */
import {
  escapeRegex,
  GLUE_WORDS,
  normalizePhrase,
  normalizePhrases,
  onlyPhrasesPattern,
  phraseAlternation,
} from './escape';

const SEP = '[^a-z0-9]';

export interface WeakTextOptions {
  fillerPhrases: readonly string[];
  noActionPhrases: readonly string[];
  /** Action verbs, meeting nouns and deliverables: a text naming one is never coloured by test (B). */
  actionWords?: readonly string[];
  glueWords?: readonly string[];
}

/** Words and characters that start a second clause: test (B) only colours single-clause texts. */
export const CLAUSE_WORDS: readonly string[] = [
  'then',
  'and',
  'but',
  'also',
  'plus',
  'after',
  'afterwards',
  'once',
  'before',
  'next',
  'so',
  'while',
  'meanwhile',
  'if',
  'when',
];
const CLAUSE_CHARS = '[,;:.!?/|&+()\\n\\-–—]';

/**
 * The word prefixes of the action list: "schedule" → "schedul" (matches "scheduled", "scheduling").
 * Over-matching only makes test (B) colour fewer cells.
 */
function actionPrefixes(words: readonly string[]): string[] {
  const prefixes = normalizePhrases(words).map((w) =>
    w.length > 3 && !w.includes(' ') && w.endsWith('e') ? w.slice(0, -1) : w,
  );
  // A prefix that starts with a shorter one adds nothing ("present to" after "present"): keeps the formula short.
  const sorted = [...new Set(prefixes)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

export interface WeakPatterns {
  /** (A) the whole text is phrases. */
  only?: string;
  /** (B) starts with a waiting/status phrase. */
  startsNoAction?: string;
  /** (B) fails when this matches: a second clause. */
  clause: string;
  /** (B) fails when this matches: an action word. */
  action?: string;
}

/** Longest pattern text one part of the vague test carries (the rest of its formula is ~0.5–0.8 KB). */
export const WEAK_PART_CHARS = 1400;
/** (B) parts carry the whole clause and action tests; their phrase list gets at least this much room. */
const MIN_STARTS_CHARS = 600;

function startsPattern(phrases: readonly string[]): string | undefined {
  return phrases.length > 0 ? `^${SEP}*(?:${phraseAlternation(phrases)})(?:${SEP}|$)` : undefined;
}

function clausePattern(): string {
  return `${CLAUSE_CHARS}|(?:^|${SEP})(?:${phraseAlternation(normalizePhrases(CLAUSE_WORDS))})(?:${SEP}|$)`;
}

function actionPattern(words: readonly string[]): string | undefined {
  const prefixes = actionPrefixes(words);
  return prefixes.length > 0 ? `(?:^|${SEP})(?:${phraseAlternation(prefixes)})` : undefined;
}

/** The whole vague test as four patterns (unsplit; the rules use weakParts). */
export function weakPatterns(options: WeakTextOptions): WeakPatterns {
  const only = onlyPhrasesPattern(
    [...options.fillerPhrases, ...options.noActionPhrases],
    options.glueWords ?? GLUE_WORDS,
  );
  const startsNoAction = startsPattern(normalizePhrases(options.noActionPhrases));
  return { only, startsNoAction, clause: clausePattern(), action: actionPattern(options.actionWords ?? []) };
}

/** One part of the vague test: (A) over some phrases, or (B) over some waiting/status phrases. */
export type WeakPart = { only: string } | { startsNoAction: string; clause: string; action?: string };

/** Splits `phrases` (in order) into runs whose pattern stays within `budget` (at least one phrase each). */
function chunk(phrases: readonly string[], pattern: (list: string[]) => string, budget: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const phrase of phrases) {
    if (current.length > 0 && pattern([...current, phrase]).length > budget) {
      chunks.push(current);
      current = [];
    }
    current.push(phrase);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Normalized, de-duplicated, in the order given (the config lists the common phrases first). */
function inOrder(phrases: readonly unknown[]): string[] {
  const set = new Set(normalizePhrases(phrases));
  const out: string[] = [];
  for (const p of phrases) {
    const n = normalizePhrase(p);
    if (n !== undefined && set.delete(n)) out.push(n);
  }
  return out;
}

const partsCache = new Map<string, WeakPart[]>();

/**
 * The vague test split into parts, each a rule of its own: (A) parts over the filler phrases then the
 * waiting/status phrases, in the config's order (common phrases first, so everyday mixes such as
 * "check in / touch base" fall in one part), each pattern within WEAK_PART_CHARS; then (B) parts over the
 * waiting/status phrases, each with the whole clause and action tests. Deterministic for given options.
 */
export function weakParts(options: WeakTextOptions): WeakPart[] {
  const key = JSON.stringify([
    options.fillerPhrases,
    options.noActionPhrases,
    options.actionWords ?? null,
    options.glueWords ?? null,
  ]);
  const cached = partsCache.get(key);
  if (cached) return cached;
  const glue = options.glueWords ?? GLUE_WORDS;
  const noAction = inOrder(options.noActionPhrases);
  const onlyPhrases = inOrder([...options.fillerPhrases, ...options.noActionPhrases]);
  const parts: WeakPart[] = [];
  const only = (list: string[]): string => onlyPhrasesPattern(list, glue) as string;
  for (const list of chunk(onlyPhrases, only, WEAK_PART_CHARS)) parts.push({ only: only(list) });
  if (noAction.length > 0) {
    const clause = clausePattern();
    const action = actionPattern(options.actionWords ?? []);
    const room = Math.max(WEAK_PART_CHARS - clause.length - (action?.length ?? 0), MIN_STARTS_CHARS);
    const starts = (list: string[]): string => startsPattern(list) as string;
    for (const list of chunk(noAction, starts, room)) {
      parts.push(
        action ? { startsNoAction: starts(list), clause, action } : { startsNoAction: starts(list), clause },
      );
    }
  }
  if (partsCache.size > 50) partsCache.clear();
  partsCache.set(key, parts);
  return parts;
}

/** The formula terms (without IFERROR), one per part, for a cell reference; [] when nothing can match. */
export function weakFormulaTerms(
  ref: string,
  options: WeakTextOptions,
  quote: (s: string) => string,
): string[] {
  const text = `LOWER(${ref})`;
  const match = (pattern: string): string => `REGEXMATCH(${text},${quote(pattern)})`;
  return weakParts(options).map((part) => {
    if ('only' in part) return match(part.only);
    const terms = [match(part.startsNoAction), `NOT(${match(part.clause)})`];
    if (part.action) terms.push(`NOT(${match(part.action)})`);
    return `AND(${terms.join(',')})`;
  });
}

const compiled = new Map<string, RegExp>();
function re(pattern: string): RegExp {
  let r = compiled.get(pattern);
  if (!r) {
    r = new RegExp(pattern);
    compiled.set(pattern, r);
  }
  return r;
}

/** Test (A) or (B) in JavaScript, exactly as the rules' formula terms evaluate it (only text can match). */
export function matchesWeakText(cell: unknown, options: WeakTextOptions): boolean {
  if (typeof cell !== 'string' || cell.trim() === '') return false;
  const t = cell.toLowerCase();
  return weakParts(options).some((part) => {
    if ('only' in part) return re(part.only).test(t);
    if (!re(part.startsNoAction).test(t) || re(part.clause).test(t)) return false;
    return !(part.action && re(part.action).test(t));
  });
}

const ERROR_CODES = [
  '#n/a',
  '#ref!',
  '#value!',
  '#error!',
  '#div/0!',
  '#name?',
  '#num!',
  '#null!',
  '#spill!',
  '#calc!',
];

/**
 * Text with no letters or digits, as the engine calls "missing": empty, spaces, ASCII punctuation and
 * common typographic punctuation, or a Sheets error code. (The engine also treats emoji-only text as
 * missing; this pattern does not: such cells are not coloured grey.)
 */
export const MISSING_TEXT_PATTERN = `^(?:[\\s!-/:-@\\[-\\x60{-~—–…•·“”‘’«»¡¿]*|\\s*(?:${ERROR_CODES.map(escapeRegex).join('|')})\\s*)$`;

/** The missing-text test in JavaScript, as `IFERROR(REGEXMATCH(LOWER(cell&""), pattern), TRUE)` sees it. */
export function isMissingText(cell: unknown): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell !== 'string') return false; // numbers, dates, booleans have text
  return re(MISSING_TEXT_PATTERN).test(cell.toLowerCase());
}
