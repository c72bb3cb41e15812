/**
 * Building blocks for conditional-format formulas: regex escaping that is valid in both RE2 (Sheets'
 * REGEXMATCH) and JavaScript (the emulator), formula string literals, and A1 column letters.
 *
 * Case-insensitivity is done by lower-casing both sides (`REGEXMATCH(LOWER(cell), lowercasePattern)`)
 * rather than with RE2's `(?i)`, so the same pattern means the same thing in every engine.
 */
import { WORKDAY_ABBREVIATIONS, WORKDAY_NAMES } from '../dates/months';

/** RE2's and JavaScript's shared metacharacters: escaped with a backslash, nothing else is. */
const RE_META = /[\\^$.|?*+()[\]{}]/g;

/** A literal string as a regex that matches exactly it (valid RE2 and valid JS, also with the `u` flag). */
export function escapeRegex(literal: string): string {
  return literal.replace(RE_META, '\\$&');
}

/** Text inside a formula's double-quoted string literal: Sheets escapes `"` by doubling it, nothing else. */
export function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`Not a column number: ${column}`);
  let s = '';
  let n = column;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * A phrase as it is matched: trimmed, lower-cased, inner runs of spaces and hyphens collapsed to one
 * space. Empty after that → undefined (ignored).
 */
export function normalizePhrase(phrase: unknown): string | undefined {
  if (typeof phrase !== 'string') return undefined;
  const p = phrase
    .toLowerCase()
    .replace(/[\s-]+/g, ' ')
    .trim();
  return p === '' ? undefined : p;
}

/**
 * One phrase as a regex body: each space in the normalized phrase matches any run of whitespace or
 * hyphens ("follow up" matches "Follow-up" and "follow  up"), everything else literally.
 */
export function phraseRegex(phrase: string): string {
  return phrase
    .split(' ')
    .map((word) => escapeRegex(word))
    .join('[-\\s]*');
}

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

function trieBody(node: TrieNode): string {
  const branches = [...node.next.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([token, child]) => (token === ' ' ? '[-\\s]*' : escapeRegex(token)) + trieBody(child));
  if (branches.length === 0) return '';
  const inner = branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
  if (!node.end) return inner;
  // A phrase ends here and longer ones go on: the rest is optional.
  return branches.length === 1 && [...node.next.values()][0].next.size === 0 && branches[0].length === 1
    ? `${inner}?`
    : `(?:${inner})?`;
}

/**
 * One regex body matching exactly the given normalized phrases (each space as phraseRegex's run of
 * spaces or hyphens), written as a trie so shared beginnings are spelled once: "schedul|send|sent"
 * becomes "s(?:chedul|en(?:d|t))". Matches the same texts as `phrases.map(phraseRegex).join('|')`,
 * in about two thirds of the characters, which keeps the conditional-format formulas short.
 */
export function phraseAlternation(phrases: readonly string[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const phrase of phrases) {
    let node = root;
    for (const ch of Array.from(phrase)) {
      let child = node.next.get(ch);
      if (!child) {
        child = { end: false, next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
  }
  return trieBody(root);
}

/** Unique normalized phrases, longest first (so alternation prefers "follow up with" over "follow up"). */
export function normalizePhrases(phrases: readonly unknown[]): string[] {
  const set = new Set<string>();
  for (const p of phrases) {
    const n = normalizePhrase(p);
    if (n !== undefined) set.add(n);
  }
  return [...set].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}

/** Characters that separate phrases: anything that is not an ASCII letter or digit. */
const SEP = '[^a-z0-9]';

/**
 * Words allowed between and around phrases without making the text a real step: joining words,
 * pronouns and vague time words ("follow up with them next week", "reach out soon"). Never enough on
 * their own: at least one configured phrase is required.
 */
export const GLUE_WORDS: readonly string[] = [
  'and',
  'or',
  'then',
  'again',
  'to',
  're',
  'with',
  'w',
  'them',
  'him',
  'her',
  'client',
  'customer',
  'soon',
  'later',
  // Urgency and deadline shorthand: filler + "ASAP" must colour even when the vague test's parts put
  // "follow up" and "asap" in different rules (text-tests.ts, weakParts).
  'asap',
  'tbd',
  'tbc',
  'urgent',
  'urgently',
  'eod',
  'eow',
  'cob',
  'today',
  'tomorrow',
  'this week',
  'next week',
  'next month',
  ...WORKDAY_NAMES,
  ...WORKDAY_ABBREVIATIONS,
];

/**
 * Matches a lower-cased text made ONLY of the phrases (at least one), optionally joined by glue words,
 * separated or surrounded by non-alphanumeric characters (spaces, punctuation, emoji). `undefined`
 * when the list is empty.
 * Example: ["follow up", "check in"] matches "Follow up!", "check in / follow-up", "follow up again",
 * not "follow up w/ Jane" and not "and".
 */
export function onlyPhrasesPattern(
  phrases: readonly unknown[],
  glue: readonly string[] = GLUE_WORDS,
): string | undefined {
  const list = normalizePhrases(phrases);
  if (list.length === 0) return undefined;
  const alt = `(?:${phraseAlternation(list)})`;
  const glueList = normalizePhrases(glue);
  if (glueList.length === 0) return `^${SEP}*${alt}(?:${SEP}+${alt})*${SEP}*$`;
  const g = `(?:${phraseAlternation(glueList)})`;
  return `^${SEP}*(?:${g}${SEP}+)*${alt}(?:${SEP}+(?:${alt}|${g}))*${SEP}*$`;
}

/**
 * Matches a lower-cased text that CONTAINS one of the phrases as whole words (bounded by the text's
 * ends or a non-alphanumeric character). `undefined` when the list is empty.
 */
export function containsPhrasePattern(phrases: readonly unknown[]): string | undefined {
  const list = normalizePhrases(phrases);
  if (list.length === 0) return undefined;
  return `(?:^|${SEP})(?:${phraseAlternation(list)})(?:${SEP}|$)`;
}
