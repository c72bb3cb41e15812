/**
 * Splits an entry into clauses, each judged on its own: log entries string several notes together
 * ("BAFO sent and awaiting feedback. Next Board meeting 11/03"), and a date anchors only the clause
 * it sits in.
 */
import { hasLetterOrDigit } from './words';

export interface Clause {
  start: number;
  end: number;
}

// Sentence ends (not after Mr/Dr/etc. or inside numbers), semicolons, line breaks, spaced dashes,
// "+", commas followed by a space, conjunctions that start a new subject ("and we'll ..."), and the
// words "next step:" and "deadline", which start a new thought in log entries.
// Every alternative starts with a character from a small set, so the regex engine skips most text fast.
const BOUNDARY = new RegExp(
  [
    '[.!?]+(?=\\s|$)',
    '[;\\n\\r•|]+',
    '\\s[-–—]+\\s',
    '[–—]',
    '\\s\\+\\s?|\\+\\s',
    ',\\s',
    "\\s(?:and|so|but|then)\\s+(?=(?:i|we|you|they|he|she|i'll|we'll|i’ll|we’ll|i'm|i’m|let's|let’s|that|it|can|will)\\b)",
    '\\sbut\\s',
    '\\s(?=next steps?\\b\\s*[:-])',
    '\\s(?=deadlines?\\b)',
  ].join('|'),
  'gi',
);
// A full stop after these is an abbreviation ("Mr. Konte", "Feb. 19"), not a sentence end.
const ABBREVIATION =
  /\b(?:mr|mrs|ms|dr|st|vs|etc|e\.g|i\.e|approx|no|inc|ltd|co|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/i;

export function splitClauses(text: string, from = 0): Clause[] {
  const clauses: Clause[] = [];
  let start = from;
  const re = BOUNDARY;
  re.lastIndex = from;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0][0] === '.' && ABBREVIATION.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    if (m.index > start) clauses.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) clauses.push({ start, end: text.length });
  // Only clauses with a letter or digit count ("—", "..." are punctuation, not clauses).
  let kept = 0;
  for (const c of clauses) if (hasLetterOrDigit(text, c.start, c.end)) clauses[kept++] = c;
  clauses.length = kept;
  return clauses;
}
