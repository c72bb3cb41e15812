/**
 * Recognises an order to oneself ("Renew rates for Omar", "need to loop in legal") from a real English
 * lexicon instead of a hand-kept verb list: a base-form verb that opens a clause, or one right after
 * "to". The lexicon is WordNet's verbs, compiled at build time (scripts/lexicon.js) to one string that
 * becomes a Set on first use, so a custom function that never needs it never pays for it.
 */
import { MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES } from '../dates/months';
import { NOT_ACTION_VERBS } from '../lexicon';
import { BASE_VERBS } from './generated/verbs';
import { CUE_CATEGORIES, type CueIndex, type CueMatches } from './vocabulary';
import type { Word } from './words';

let verbs: Set<string> | undefined;
let excluded: Set<string> | undefined;

/** A base-form verb that can name a step: in the lexicon, not a state verb, not a date word. */
export function isActionVerb(word: string): boolean {
  if (word.length < 2 || word.length > 20) return false;
  if (verbs === undefined) {
    verbs = new Set(BASE_VERBS.split(' '));
    excluded = new Set([
      ...NOT_ACTION_VERBS,
      ...MONTH_NAMES,
      ...MONTH_ABBREVIATIONS,
      ...WEEKDAY_NAMES,
      ...WEEKDAY_ABBREVIATIONS,
    ]);
  }
  return verbs.has(word) && !excluded!.has(word);
}

// Words that may come before the verb of an order: "please send", "todo: renew", "next step: loop in".
// Subjects ("we will ...") are not openers: "we will save them money" is a claim, not an order; the
// verb after "need to"/"have to"/"going to" is found by the "to" rule.
const OPENERS = new Set([
  'please',
  'pls',
  'plz',
  'then',
  'also',
  'and',
  'so',
  'todo',
  'action',
  'ns',
  "let's",
  'lets',
  'quickly',
  'first',
  'next',
  'step',
  'steps',
  'to',
]);

// A verb followed by one of these is a modifier in a compound noun: "start date", "close date".
const NOUN_HEADS = new Set(['date', 'dates', 'day', 'days', 'time', 'times', 'deadline']);

// After these a word is a subject, not an order: "Contract is with legal", "Renewal will follow".
const SUBJECT_MARKERS = new Set([
  'is',
  'are',
  'was',
  'were',
  "'s",
  'has',
  'have',
  'had',
  'will',
  'would',
  'should',
  'can',
  'may',
  'might',
  'does',
  'did',
  'looks',
  'seems',
]);

// "due to", "up to", "back to": a "to" that starts no verb.
const NOT_INFINITIVE = new Set([
  'due',
  'up',
  'back',
  'next',
  'according',
  'close',
  'prior',
  'similar',
  'compared',
]);

export interface ImperativeCue {
  index: number;
  length: number;
}

/**
 * Pushes to `out` the verbs that open the clause `[start, end)` (after openers) or follow "to" in it.
 * `text` is the lower-case entry and `words` its words; a word that starts a hand-list phrase keeps its
 * sales meaning ("follow", "chase", "email", "call"), so `index` (the hand lists) is asked first.
 */
export function imperativesIn(
  text: string,
  words: readonly Word[],
  start: number,
  end: number,
  index: CueIndex,
  found: CueMatches,
  out: ImperativeCue[],
): void {
  // Plain loops, no closures: this runs for every clause of every row.
  const n = words.length;
  let i = 0;
  while (i < n && words[i].index < start) i++;
  // Skip the openers ("please", "todo:", "next step:"), then the clause's first word may be an order.
  for (let skipped = 0; i < n && words[i].index < end && skipped < 4 && OPENERS.has(words[i].word); skipped++)
    i++;
  if (i < n && words[i].index < end) pushIfVerb(text, words, i, end, index, found, out);
  // "Jane to loop in legal", "need to renew the rates": the word after "to" (not "due to", "up to").
  for (let k = i + 1; k + 1 < n && words[k + 1].index < end; k++) {
    if (words[k].word === 'to' && !NOT_INFINITIVE.has(words[k - 1].word))
      pushIfVerb(text, words, k + 1, end, index, found, out);
  }
}

function pushIfVerb(
  text: string,
  words: readonly Word[],
  at: number,
  end: number,
  index: CueIndex,
  found: CueMatches,
  out: ImperativeCue[],
): void {
  const token = words[at];
  const at0 = token.index;
  const word = token.word;
  if (CAUSATIVE.has(word)) {
    // "Get Setup Forms signed", "have legal review it": an order only with what is to be done.
    if (!causes(words, at + 1, end)) return;
  } else if (!(token.entry.actionVerb ??= isActionVerb(word))) return;
  // A word a hand-list cue reads here keeps its sales meaning ("follow up", "chase", "email").
  if (index.startsPhrase(word) && startsCue(found, at0)) return;
  const next = words[at + 1];
  if (next && next.index < end && (SUBJECT_MARKERS.has(next.word) || NOUN_HEADS.has(next.word))) return;
  // "Break-up email", "follow-on session": a hyphenated compound is a modifier, not an order.
  const after = at0 + word.length;
  if (after < text.length && text.charCodeAt(after) === 45) return;
  out.push({ index: at0, length: word.length });
}

// "get"/"have" order something only when a result follows ("get the forms signed"); "we will get the
// order" is a thing received.
const CAUSATIVE = new Set(['get', 'have']);
const RESULT = /^(?:[a-z]{3,}ed|done|sent|signed|sorted|set|built|written|made|paid|seen|given|taken)$/;

function causes(words: readonly Word[], from: number, end: number): boolean {
  for (let k = from; k < words.length && k < from + 5 && words[k].index < end; k++) {
    if (RESULT.test(words[k].word)) return true;
  }
  return false;
}

/** Some hand-list cue starts at this position. */
function startsCue(found: CueMatches, at: number): boolean {
  for (let k = 0; k < CUE_CATEGORIES.length; k++) {
    const list = found[CUE_CATEGORIES[k]];
    for (let m = 0; m < list.length; m++) if (list[m].index === at) return true;
  }
  return false;
}
