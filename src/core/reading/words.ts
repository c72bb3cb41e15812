/** The word walk shared by cue finding and date extraction: one pass per entry, no regex. */

/**
 * One distinct word, shared by every occurrence: what the date extractor and the cue index learn
 * about a word is kept here, so each occurrence costs one lookup (in wordsOf), not one per module.
 */
export interface WordEntry {
  readonly word: string;
  /** Date extraction's facts (dates/extract.ts), filled on first use. */
  dates?: unknown;
  /** The cue index that filled `cues` (a config has its own vocabulary). */
  cuesOf?: unknown;
  cues?: unknown;
  /** A base-form verb that can name a step (reading/imperative.ts). */
  actionVerb?: boolean;
}

export interface Word {
  index: number;
  word: string;
  entry: WordEntry;
}

/** Letters, digits, apostrophes and "&", tested by code unit. */
export function isWordCode(c: number): boolean {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) return true;
  if (c === 39 || c === 0x2019 || c === 38) return true;
  if (c < 128) return false;
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
}

/** Some letter or digit in `text[start, end)` (ASCII by code, the rest by Unicode class). */
export function hasLetterOrDigit(text: string, start: number, end: number): boolean {
  let nonAscii = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
    if (c > 127) nonAscii = true;
  }
  return nonAscii && /[\p{L}\p{N}]/u.test(text.slice(start, end));
}

// Pipelines reuse a small vocabulary; the cap keeps a sheet of unique tokens (ids, codes) bounded.
const entries = new Map<string, WordEntry>();
const MAX_ENTRIES = 20_000;

/** The shared entry for a word. */
export function entryOf(word: string): WordEntry {
  let entry = entries.get(word);
  if (entry === undefined) {
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entry = { word };
    entries.set(word, entry);
  }
  return entry;
}

export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordCode(text.charCodeAt(i))) i++;
    const begin = i;
    while (i < n && isWordCode(text.charCodeAt(i))) i++;
    if (i > begin) {
      const entry = entryOf(text.slice(begin, i));
      out.push({ index: begin, word: entry.word, entry });
    }
  }
  return out;
}
