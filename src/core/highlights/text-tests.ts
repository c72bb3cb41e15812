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
 *   missing text  ⇔  empty, or only spaces and punctuation, or a Sheets error code (#N/A, #REF!, ...).
 */
import { escapeRegex, GLUE_WORDS, normalizePhrases, onlyPhrasesPattern, phraseRegex } from './escape';

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

export function weakPatterns(options: WeakTextOptions): WeakPatterns {
  const only = onlyPhrasesPattern(
    [...options.fillerPhrases, ...options.noActionPhrases],
    options.glueWords ?? GLUE_WORDS,
  );
  const noAction = normalizePhrases(options.noActionPhrases);
  const startsNoAction =
    noAction.length > 0 ? `^${SEP}*(?:${noAction.map(phraseRegex).join('|')})(?:${SEP}|$)` : undefined;
  const clauseWords = normalizePhrases(CLAUSE_WORDS).map(phraseRegex).join('|');
  const clause = `${CLAUSE_CHARS}|(?:^|${SEP})(?:${clauseWords})(?:${SEP}|$)`;
  const prefixes = actionPrefixes(options.actionWords ?? []);
  const action = prefixes.length > 0 ? `(?:^|${SEP})(?:${prefixes.map(phraseRegex).join('|')})` : undefined;
  return { only, startsNoAction, clause, action };
}

/** The formula term (without IFERROR) for a cell reference, or undefined when nothing can match. */
export function weakFormulaTerm(
  ref: string,
  options: WeakTextOptions,
  quote: (s: string) => string,
): string | undefined {
  const p = weakPatterns(options);
  const text = `LOWER(${ref})`;
  const match = (pattern: string): string => `REGEXMATCH(${text},${quote(pattern)})`;
  const terms: string[] = [];
  if (p.only) terms.push(match(p.only));
  if (p.startsNoAction) {
    const parts = [match(p.startsNoAction), `NOT(${match(p.clause)})`];
    if (p.action) parts.push(`NOT(${match(p.action)})`);
    terms.push(`AND(${parts.join(',')})`);
  }
  if (terms.length === 0) return undefined;
  return terms.length === 1 ? terms[0] : `OR(${terms.join(',')})`;
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

/** Test (A) or (B) in JavaScript, exactly as the formula term evaluates it (only text can match). */
export function matchesWeakText(cell: unknown, options: WeakTextOptions): boolean {
  if (typeof cell !== 'string' || cell.trim() === '') return false;
  const t = cell.toLowerCase();
  const p = weakPatterns(options);
  if (p.only && re(p.only).test(t)) return true;
  if (!p.startsNoAction || !re(p.startsNoAction).test(t)) return false;
  if (re(p.clause).test(t)) return false;
  return !(p.action && re(p.action).test(t));
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
