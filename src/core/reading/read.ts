/**
 * Reads one next-step text the way a sales manager would: strip the log stamp, split into clauses,
 * decide for each clause whether it names a concrete step, a filler step, a status note or a waiting
 * state, and which dates anchor a forward step. Pure: the same text, locale and reference day always
 * read the same.
 */
import type { Config } from '../config';
import { extractDates } from '../dates/extract';
import type { DateMention, VagueMention } from '../dates/mentions';
import { detectWrittenPrefix, type WrittenPrefix } from '../dates/written-prefix';
import { MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES } from '../dates/months';
import type { IsoDate } from '../types';
import { splitClauses } from './clauses';
import { wordsOf, type Word } from './words';
import { CUE_CATEGORIES, vocabularyFor, type Category, type CueMatches, type Vocabulary } from './vocabulary';
import { imperativesIn, isActionVerb, type ImperativeCue } from './imperative';
import { CONDITION_START, CRM_OBJECT, HOUSEKEEPING_START } from '../lexicon';
import { sortSmall } from '../small-sort';

export type ClauseKind = 'concrete' | 'filler' | 'status' | 'waiting' | 'housekeeping' | 'trigger' | 'none';

export interface Span {
  start: number;
  length: number;
  text: string;
}

export interface ClauseReading {
  start: number;
  end: number;
  kind: ClauseKind;
  /** The words that decided the kind ("follow up", "awaiting", "sent", "demo"). */
  cue?: Span;
  /** Dates in this clause (after attaching date-only fragments and inherited "before then"). */
  mentions: DateMention[];
}

export interface TextReading {
  prefix?: WrittenPrefix;
  /** Where the judged part of the text starts (after the log stamp). */
  bodyStart: number;
  clauses: ClauseReading[];
  mentions: DateMention[];
  vague: VagueMention[];
  /** The first date that anchors a forward step (concrete or filler clause). */
  anchor?: DateMention;
  /**
   * The first date in a waiting clause ("waiting for redlines by 18/03"): not an anchor for the verdict,
   * but the day to chase, so it becomes `due` when no forward step is dated.
   */
  waitingAnchor?: DateMention;
  hasConcrete: boolean;
  hasFiller: boolean;
  anchoredConcrete: boolean;
  anchoredFiller: boolean;
  /** A named buyer-side person or role. */
  party?: Span;
  /** Set when the whole entry is a bare label: a stage name or a single non-verb word. */
  label?: Span;
}

export interface ReadOptions {
  locale: string;
  weekStart: 'monday' | 'sunday';
  /** Relative phrases resolve against the log stamp's date, else this day (updated cell or today). */
  reference: IsoDate;
}

type CueType = 'waiting' | 'status' | 'past' | 'filler' | 'verb' | 'noun';
interface Cue {
  type: CueType;
  start: number;
  end: number;
}

const PRIORITY: Record<CueType, number> = { waiting: 0, status: 1, past: 2, filler: 3, verb: 4, noun: 5 };

const TRIGGER_START = /^\W*(?:once|after|when|whenever|if|until|unless|as soon as|depending on)\b/i;
// A buyer doing something now ("they're reviewing it", "He is working through biz case"): a status.
const BUYER_PROGRESSIVE =
  /^\W*(?:(?:they|he|she|[a-z]+)\s*(?:is|are|'re|’re|'s|’s)|(?:the\s+|their\s+)?(?:client|customer|merchant|buyer|prospect|board|legal|procurement|finance|champion|sponsor|cfo|ceo|cto|cio|coo)(?:\s+(?:is|are|team is|team are))?)\s+(?:still\s+|just\s+|currently\s+)?[a-z]+ing\b/i;
// -ed words that look ahead or describe, not report ("demo scheduled", "VP meeting needed").
const NOT_PAST = new Set([
  'scheduled',
  'booked',
  'planned',
  'arranged',
  'penciled',
  'pencilled',
  'proposed',
  'needed',
  'required',
  'requested',
  'expected',
  'interested',
  'based',
  'related',
  'detailed',
  'dedicated',
  'advanced',
  'automated',
  'limited',
  'united',
  'red',
  'need',
  'speed',
  'seed',
  'feed',
  'embed',
  'shed',
  'wed',
  'bed',
  'led',
  'fed',
  'ted',
  'lined',
  'tied',
  'redlined',
  'revised',
  'updated',
  'combined',
  'customised',
  'customized',
  'tailored',
  'extended',
  'refined',
  'agreed',
  'signed',
  'confirmed',
]);
// Participles that report a past event even though NOT_PAST lists them as adjectives elsewhere.
const REPORTING_PARTICIPLE = /^(?:agreed|signed|confirmed|updated|revised)$/;
const FUTURE_CONTEXT =
  /\b(?:need|needs|to be|will be|must be|should be|be|get|have it|have them)\s+(?:\S+\s+){0,4}$/i;
// "-ing" words that are nouns: "Board meeting" is an event, not the board doing something.
const ING_NOUNS = new Set(
  'meeting briefing pricing onboarding signing training closing offering funding building planning licensing marketing engineering purchasing billing accounting hiring testing shipping booking scoping sourcing housing setting recording'.split(
    ' ',
  ),
);
const TRANSFER = /^(?:email|emailing|message|messaging|whatsapp|dm|send|sending)\b/;
const CALL_VERB =
  /^\W*(?:(?:i'll|i will|we'll|we will|to|will|let's|let me|need to|please)\s+)?(call|phone|ring|calling|phoning|ringing)(?!\s+(?:with|w\/|scheduled|booked|on|at|set|planned|re|about))\b/;
const CALL_PURPOSE_AFTER = /\b(?:to|about|re|regarding|for|so|on the|re:)\s+(?!\s*$)/;
const CALL_PURPOSE = /\b(?:to|about|re|regarding|for|so|and|with|on the|re:)\b/;
const NEGATION =
  /\b(?:won'?t|will not|wont|don'?t|doesn'?t|didn'?t|can'?t|cannot|not|never|no longer|refuses? to|unable to)\s+(?:\S+\s+)?$/i;
const INHERIT = /\b(?:before then|by then|that (?:same )?day|the same day|on that day|then)\b/i;
const DATE_FILLER_WORDS =
  /\b(?:on|by|at|for|due|the|until|till|before|from|of|in|@|or|and|latest|approx|around|ish|am|pm|gmt|bst|est|pst|cet|utc)\b/gi;

const CONDITION_FIRST = new Set(
  'needs need needing requires require subject depends dependent contingent conditional blocked deal it this they which still but and we'.split(
    ' ',
  ),
);
const HOUSEKEEPING_FIRST = new Set(
  "pls please need needs to must i'll we'll will then update updating change changing move moving log logging enter edit fix correct clean tidy amend adjust add record input reassign tag populate enrich fill".split(
    ' ',
  ),
);
const STATE_FIRST = new Set(
  'i we they he she still hope hoping think thinking believe feel guess assume expect expecting reckon'.split(
    ' ',
  ),
);

const STATE_START =
  /^\W*(?:(?:i|we|they|he|she|still)\s+)?(hope|hoping|think|thinking|believe|feel|guess|assume|expect|expecting|reckon)\b/;
// A capitalised name, then an -ing verb: "Jane reviewing with the CFO", "Omar still comparing quotes".
const NAMED_PROGRESSIVE = /^\W*([A-Z][a-z]{2,})\s+(?:is\s+|still\s+|now\s+|currently\s+)?([a-z]{2,}ing)\b/;

// A clause that opens with a hedge ("maybe", "perhaps", "we might"): nobody has agreed to anything.
const HEDGE = /^\W*(?:(?:we|they|i|he|she|you|it)\s+)?(maybe|perhaps|possibly|potentially|might)\b/;

/** A meeting or deliverable noun starts at the next word after `at`. */
function nounAt(lower: string, at: number, vocab: Vocabulary): boolean {
  const next = at + (/^\s*/.exec(lower.slice(at))?.[0].length ?? 0);
  return vocab.meetingNoun.matchAt(lower, next) > 0 || vocab.deliverableNoun.matchAt(lower, next) > 0;
}

function hasNoun(all: CueMatches, start: number, end: number): boolean {
  for (const m of all.meetingNoun) if (m.index >= start && m.index + m.length <= end) return true;
  for (const m of all.deliverableNoun) if (m.index >= start && m.index + m.length <= end) return true;
  return false;
}

const STAGE_LABELS = new Set(
  [
    'prospecting',
    'qualification',
    'needs analysis',
    'value proposition',
    'id decision makers',
    'perception analysis',
    'proposal',
    'proposal price quote',
    'negotiation',
    'negotiation review',
    'closed won',
    'closed lost',
    'discovery',
    'legal',
    'procurement',
    'legal procurement',
    'initial contact',
    'contacted',
    'lead',
    'new lead',
    'qualified',
    'demo',
    'contract',
    'evaluation',
    'nurture',
    'on hold',
  ].map((s) => s),
);

const SUBJECT_VERB = /^\s+(?:asked|said|confirmed|to|is|was|will|wants|needs|has|mentioned|sent)\b/;

const NAME_STOPWORDS = new Set([
  'i',
  'im',
  'ill',
  'ok',
  'okay',
  'great',
  'terrific',
  'thanks',
  'lets',
  'let',
  'the',
  'we',
  'they',
  'he',
  'she',
  'it',
  'this',
  'that',
  'next',
  'follow',
  'send',
  'schedule',
  'call',
  'demo',
  'meeting',
  'final',
  'please',
  ...WEEKDAY_NAMES,
  ...MONTH_NAMES,
  ...WEEKDAY_ABBREVIATIONS,
  ...MONTH_ABBREVIATIONS,
  'merchant',
  'partner',
  'team',
  'start',
  'section',
  'well',
  'um',
  'how',
  'any',
  'is',
  'shall',
  'can',
  'why',
  'here',
  'what',
  'once',
  'ball',
  'pending',
  'waiting',
  'not',
  'trial',
  'annual',
  'revisit',
  'keep',
  'wants',
  'needs',
]);

function pastCues(lower: string, found: Cue[], vocab: Vocabulary, out: Cue[]): void {
  for (const cue of found) {
    const phrase = lower.slice(cue.start, cue.end);
    const cut = phrase.search(/[\s-]/);
    const word = cut < 0 ? phrase : phrase.slice(0, cut);
    const adjectival = isAdjectival(lower, cue.start, cue.end, vocab); // "signed agreement", "revised quote"
    if (NOT_PAST.has(word) && !(REPORTING_PARTICIPLE.test(word) && !adjectival)) continue;
    if (adjectival && phrase === word) continue;
    // "needs the import done", "to be signed": a step still to happen.
    if (cue.start > 2 && FUTURE_CONTEXT.test(lower.slice(Math.max(0, cue.start - 60), cue.start))) continue;
    // "confirmed for Friday", "set for the 9th": forward.
    // (Dates are blanked out here, so "for" followed by blanks had a date after it.)
    if (/^\s+(?:for|on)(?:\s*$|\s{2,})/.test(lower.slice(cue.end)) && /(?:ed|set)$/.test(phrase)) continue;
    out.push(cue);
  }
}

// Before an adjectival participle comes a determiner, a preposition or a verb, never its subject:
// "send the signed agreement" vs "Jane signed agreement".
const BEFORE_ADJECTIVE =
  /(?:\b(?:the|a|an|on|of|for|with|our|their|your|his|her|this|that|these|those|and|or|to|new|final|fully|re|about|regarding)\s+)$/;

function isAdjectival(lower: string, start: number, end: number, vocab: Vocabulary): boolean {
  const rest = lower.slice(end);
  const m = /^\s+/.exec(rest);
  if (!m) return false;
  const before = lower.slice(0, start).replace(/^\W+/, '');
  if (!BEFORE_ADJECTIVE.test(before) && !endsWithVerb(before, vocab)) return false;
  const at = end + m[0].length;
  return vocab.deliverableNoun.matchAt(lower, at) > 0 || vocab.meetingNoun.matchAt(lower, at) > 0;
}

function endsWithVerb(before: string, vocab: Vocabulary): boolean {
  const tail = before.slice(-40);
  return vocab.actionVerb.scan(tail).some((m) => /^\s*$/.test(tail.slice(m.index + m.length)));
}

/** The cues inside one clause, with positions relative to the clause. */
function clauseCues(
  all: CueMatches,
  start: number,
  end: number,
  category: Category,
  type: CueType,
  out: Cue[] = [],
): Cue[] {
  for (const m of all[category]) {
    if (m.index >= start && m.index + m.length <= end)
      out.push({ type, start: m.index - start, end: m.index - start + m.length });
  }
  return out;
}

/** What readText knows about a clause beyond its lower-case text (computed once, without slicing). */
interface ClauseContext {
  /** The entry as written (capitals tell names). */
  text: string;
  /** The clause's first word, lower-case ('' when none). */
  opening: string;
  /** The clause has its own date. */
  dated: boolean;
  /** The clause ended with "?". */
  question: boolean;
}

function classifyClause(
  lower: string,
  all: CueMatches,
  imperatives: readonly ImperativeCue[],
  offset: number,
  vocab: Vocabulary,
  cx: ClauseContext,
): { kind: ClauseKind; cue?: Cue } {
  if (TRIGGER_START.test(lower)) return { kind: 'trigger' };
  const { opening, dated } = cx;
  // "Needs CFO sign-off before any trial": a condition on the buyer's side, not a step.
  // The clause's first word decides which of the opening patterns below can match at all.
  const condition = CONDITION_FIRST.has(opening) ? CONDITION_START.exec(lower) : null;
  if (condition) {
    const at = condition[0].search(/\S/);
    return { kind: 'waiting', cue: { type: 'waiting', start: at, end: condition[0].length } };
  }
  // "Update close date in CRM": record-keeping, not a step with the buyer.
  const housekeeping = HOUSEKEEPING_FIRST.has(opening) ? HOUSEKEEPING_START.exec(lower) : null;
  if (housekeeping && CRM_OBJECT.test(lower.slice(housekeeping[0].length))) {
    const at = housekeeping[0].search(/\S/);
    return { kind: 'housekeeping', cue: { type: 'status', start: at, end: housekeeping[0].length } };
  }
  // "Call with Sam", undated and for no stated purpose, is a reach-out (dated, it is a booked call).
  if (!dated && lower.includes('call') && UNTYPED_CALL.test(lower)) {
    const at = lower.search(/call/);
    return { kind: 'filler', cue: { type: 'filler', start: at, end: at + 4 } };
  }
  const end = offset + lower.length;
  const cues: Cue[] = [];
  clauseCues(all, offset, end, 'waiting', 'waiting', cues);
  clauseCues(all, offset, end, 'status', 'status', cues);
  clauseCues(all, offset, end, 'filler', 'filler', cues);
  clauseCues(all, offset, end, 'actionVerb', 'verb', cues);
  // Verbs from the English lexicon that open the clause or follow "to" ("Renew rates for Omar").
  for (const m of imperatives)
    if (m.index >= offset && m.index + m.length <= end)
      cues.push({ type: 'verb', start: m.index - offset, end: m.index - offset + m.length });
  const past: Cue[] = [];
  clauseCues(all, offset, end, 'actionPast', 'past', past);
  clauseCues(all, offset, end, 'fillerPast', 'past', past);
  clauseCues(all, offset, end, 'genericPast', 'past', past);
  pastCues(lower, past, vocab, cues);
  const verbLike = sortSmall(
    cues,
    (a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || PRIORITY[a.type] - PRIORITY[b.type],
  );
  const progressive = lower.includes('ing') ? BUYER_PROGRESSIVE.exec(lower) : null;
  const ingWord = progressive ? (/([a-z]+ing)$/.exec(progressive[0])?.[1] ?? '') : '';
  if (progressive && !ING_NOUNS.has(ingWord) && !/^\W*(?:i|we)\b/.test(lower)) {
    const first = verbLike[0];
    if (!first || first.type !== 'filler')
      return { kind: 'status', cue: { type: 'status', start: 0, end: progressive[0].length } };
  }
  // "Hope they sign soon", "think the budget is there": an expectation, not a step.
  const state = STATE_FIRST.has(opening) ? STATE_START.exec(lower) : null;
  if (state && verbLike[0]?.type !== 'filler' && verbLike[0]?.type !== 'waiting') {
    const at = state[0].length - state[1].length;
    return { kind: 'status', cue: { type: 'status', start: at, end: state[0].length } };
  }
  // "Jane reviewing with the CFO": a named person doing something now, in shorthand, is a status.
  const firstChar = lower.search(/\S/);
  const capital = firstChar < 0 ? 0 : cx.text.charCodeAt(offset + firstChar);
  const named =
    capital >= 65 && capital <= 90 && lower.includes('ing')
      ? NAMED_PROGRESSIVE.exec(cx.text.slice(offset, offset + lower.length))
      : null;
  if (
    named &&
    !ING_NOUNS.has(named[2].toLowerCase()) &&
    !NAME_STOPWORDS.has(named[1].toLowerCase()) &&
    !isActionVerb(named[1].toLowerCase()) &&
    verbLike[0]?.type !== 'filler' &&
    // "Requirements gathering session": a noun phrase, not a person busy with something.
    !nounAt(lower, named.index + named[0].length, vocab)
  ) {
    const at = named.index + named[0].length - named[2].length;
    return { kind: 'status', cue: { type: 'status', start: at, end: at + named[2].length } };
  }
  let first = verbLike[0];
  // "Demo follow-up", "pricing check-in": a filler about a topic is still a filler.
  const next = verbLike.find((c) => c.start >= (first?.end ?? 0));
  if (
    first &&
    first.type === 'verb' &&
    next?.type === 'filler' &&
    /^[\s-]*$/.test(lower.slice(first.end, next.start))
  ) {
    first = next;
  }
  // "Pilot went live", "Demo done": a word that can be a verb, used as the subject of a past event.
  if (
    first &&
    first.type === 'verb' &&
    next &&
    (next.type === 'past' || next.type === 'status') &&
    /^\s+$/.test(lower.slice(first.end, next.start))
  ) {
    return { kind: 'status', cue: next };
  }
  if (first && first.type === 'filler') {
    // "Follow up to review current volume": a filler whose purpose is a step is that step.
    // Arranging the next contact ("to set up a call") or a vague object ("to discuss it") is no purpose.
    const after = first.end;
    for (const c of verbLike) {
      if (
        c.type === 'verb' &&
        c.start > after &&
        /\bto\s+$/.test(lower.slice(after, c.start)) &&
        !SCHEDULING_VERB.test(lower.slice(c.start, c.end)) &&
        !VAGUE_OBJECT.test(lower.slice(c.end))
      )
        return { kind: 'concrete', cue: c };
    }
    // "Follow-up call Thursday 10am": a dated follow-up meeting is a scheduled meeting; undated,
    // "Follow-up call" stays a filler.
    const meeting = dated
      ? clauseCues(all, offset, end, 'meetingNoun', 'noun').find(
          (n) => n.start >= after && /^[\s-]*$/.test(lower.slice(after, n.start)),
        )
      : undefined;
    if (meeting) return { kind: 'concrete', cue: meeting };
    // "Follow up with the revised SOW": the filler carries a deliverable.
    const carried = clauseCues(all, offset, end, 'deliverableNoun', 'noun').find(
      (n) => n.start >= after && CARRIES.test(lower.slice(after, n.start)),
    );
    if (carried) return { kind: 'concrete', cue: first };
  }
  // "Email Jane the pricing deck": a contact verb that carries a deliverable is a concrete step.
  if (first && first.type === 'filler' && TRANSFER.test(lower.slice(first.start, first.end))) {
    // "Email about our pricing" only talks about a topic; the email must carry the thing itself.
    const deliverable = clauseCues(all, offset, end, 'deliverableNoun', 'noun').find(
      (n) => n.start >= first!.end && !/\b(?:about|re|regarding|on)\b/.test(lower.slice(first!.end, n.start)),
    );
    if (deliverable) return { kind: 'concrete', cue: first };
  }
  // "Need to speak to Jim" is a reach-out; "Speak to Jim about renewal terms" is a step.
  if (
    first &&
    first.type === 'verb' &&
    /^(?:speak|speaks|speaking|talk|talks|talking)\b/.test(lower.slice(first.start, first.end))
  ) {
    const later = verbLike.filter((c) => c.start >= first.end && (c.type === 'verb' || c.type === 'filler'));
    if (!CALL_PURPOSE_AFTER.test(lower.slice(first.end)) && later.length === 0)
      return { kind: 'filler', cue: first };
  }
  // "won't approve", "not signing": a refusal or a state, not a step.
  if (first && first.type === 'verb' && first.start > 2 && NEGATION.test(lower.slice(0, first.start))) {
    return { kind: 'status', cue: first };
  }
  // "Maybe a demo", "we might do a workshop": a hedged step is not agreed; it reads as a filler.
  const hedge = HEDGE.exec(lower);
  if (hedge && (!first || first.start >= hedge[0].length) && (first || hasNoun(all, offset, end))) {
    const at = hedge[0].length - hedge[1].length;
    return { kind: 'filler', cue: { type: 'filler', start: at, end: hedge[0].length } };
  }
  if (first) {
    if (first.type === 'waiting') return { kind: 'waiting', cue: first };
    if (first.type === 'status' || first.type === 'past') return { kind: 'status', cue: first };
    if (first.type === 'filler') return { kind: 'filler', cue: first };
    return { kind: 'concrete', cue: first };
  }
  const nouns = [
    ...clauseCues(all, offset, end, 'meetingNoun', 'noun'),
    ...clauseCues(all, offset, end, 'deliverableNoun', 'noun'),
  ];
  const question = cx.question;
  if (nouns.length > 0 && !question) {
    // "Call Tom Tuesday" is a reach-out; "Call Tom to agree pricing" and "Call with Tom" are steps.
    const call = CALL_VERB.exec(lower);
    if (
      call &&
      !CALL_PURPOSE.test(lower.slice(call[0].length)) &&
      nouns.every((n) => n.start < call[0].length)
    ) {
      return {
        kind: 'filler',
        cue: { type: 'filler', start: call.index + call[0].length - call[1].length, end: call[0].length },
      };
    }
    return { kind: 'concrete', cue: sortSmall(nouns, (a, b) => a.start - b.start)[0] };
  }
  // "Rates for next year?": a verbless question names no step.
  if (question) return { kind: 'none' };
  // "Samples to Omar", "Forms for Dana": verbless shorthand for handing something to a named person.
  const shorthand = SHORTHAND_HANDOVER.exec(lower);
  if (
    shorthand &&
    !SHORTHAND_NOT_THING.has(shorthand[1]) &&
    CAPITALISED_START.test(cx.text.slice(offset + shorthand[0].length, offset + lower.length))
  ) {
    const at = shorthand[0].search(/\S/);
    return { kind: 'concrete', cue: { type: 'noun', start: at, end: at + shorthand[1].length } };
  }
  return { kind: 'none' };
}

const SCHEDULING_VERB = /^(?:schedul|set|book|arrang|organi[sz]|plan|find|fix)/;
const VAGUE_OBJECT =
  /^\s+(?:it|this|that|them|things|further|more|next steps?|options|everything|details|anything)\b/;
const UNTYPED_CALL =
  /^\W*(?:a\s+)?(?:phone\s+)?call\s+(?:with|w\/)\s+[a-z][\w'&.-]*(?:\s+[a-z][\w'&.-]*){0,2}\W*$/;
// Between a filler and the deliverable it carries: "with" or "over" and a few modifiers.
const CARRIES =
  /^\s+(?:with|over)\s+(?:(?:the|a|an|our|my|your|their|revised|updated|new|final|signed|latest|draft|amended|redlined|full)\s+){0,3}$/;
// One or two words, then "to"/"for" and (checked on the original text) a capitalised name.
const SHORTHAND_HANDOVER = /^\W*([a-z][a-z'&-]+)(?:\s+[a-z][a-z'&-]+)?\s+(?:to|for)\s+(?=\S)/;
const CAPITALISED_START = /^(?:[A-Z][a-z]+|[A-Z]{2,})\b/;
// Words that are not things handed over ("back to Jane", "up to Omar", "thanks for Dana").
const SHORTHAND_NOT_THING = new Set(
  'back up over out down on in off due next same thanks thank sorry welcome talk talking speak speaking spoke chat chatting went go going gone come came coming looking looks look moved moving intro introduced it this that he she they we i you'.split(
    ' ',
  ),
);

const CURLY = /[‘’`´]/g;

function normalise(text: string): string {
  // Same length as the input, so offsets carry over.
  const lower = text.toLowerCase();
  CURLY.lastIndex = 0;
  return CURLY.test(lower) ? lower.replace(CURLY, "'") : lower;
}

function findParty(
  text: string,
  from: number,
  clauses: Array<{ start: number }>,
  all: CueMatches,
  words: readonly Word[],
): Span | undefined {
  // A listed role ("CFO", "procurement") or a name, whichever comes first.
  const listed = all.party.find((m) => m.index >= from);
  const name = findName(text, from, clauses, words, listed?.index ?? Infinity);
  if (name) return name;
  return listed
    ? { start: listed.index, length: listed.length, text: text.substr(listed.index, listed.length) }
    : undefined;
}

const CAPITALISED = /^[A-Z][a-z]+$/;

/** The first name-like word before `before`: "IT", "Mr. Konte", "Person6", or a capitalised word. */
function findName(
  text: string,
  from: number,
  clauses: Array<{ start: number }>,
  words: readonly Word[],
  before: number,
): Span | undefined {
  for (let i = 0; i < words.length; i++) {
    const { index: at, word } = words[i];
    if (at >= before) return undefined;
    if (at < from) continue;
    const c0 = text.charCodeAt(at);
    if (c0 < 65 || c0 > 90) {
      if (word.startsWith('person') && /^person\d+$/.test(word)) {
        return { start: at, length: word.length, text: text.substr(at, word.length) };
      }
      continue;
    }
    if (word === 'it' && text.substr(at, 2) === 'IT') return { start: at, length: 2, text: 'IT' };
    if (
      word.length <= 3 &&
      /^(?:mr|mrs|ms|dr)$/.test(word) &&
      words[i + 1] &&
      CAPITALISED.test(text.substr(words[i + 1].index, words[i + 1].word.length))
    ) {
      const end = words[i + 1].index + words[i + 1].word.length;
      return { start: at, length: end - at, text: text.slice(at, end) };
    }
    if (word.startsWith('person') && /^person\d+$/.test(word)) {
      return { start: at, length: word.length, text: text.substr(at, word.length) };
    }
    let n = 0;
    while (n < word.length && word.charCodeAt(n) >= 97 && word.charCodeAt(n) <= 122) n++;
    const letters = n === word.length ? word : word.slice(0, n);
    if (letters.length < 3 || NAME_STOPWORDS.has(letters)) continue;
    if (!lowerAfterFirst(text, at, letters.length)) continue;
    // Sentence-initial capitals are grammar, not names, unless the word acts as a subject ("Andy asked").
    if (
      clauseInitialAt(text, at, from, clauses) &&
      !SUBJECT_VERB.test(text.slice(at + letters.length, at + letters.length + 14))
    )
      continue;
    return { start: at, length: letters.length, text: text.substr(at, letters.length) };
  }
  return undefined;
}

/** `text[at+1 .. at+length)` is all a-z (the word at `at` is capitalised like a name: "Dana"). */
function lowerAfterFirst(text: string, at: number, length: number): boolean {
  for (let i = at + 1; i < at + length; i++) {
    const c = text.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return length > 1;
}

function clauseInitialAt(text: string, at: number, from: number, clauses: Array<{ start: number }>): boolean {
  if (at === from) return true;
  for (const c of clauses) if (c.start === at) return true;
  return CLAUSE_INITIAL.test(text.slice(Math.max(0, at - 4), at));
}

const CLAUSE_INITIAL = /(?:^|[.!?:;(]\s*|\s[-–—]\s*)$/;

const labelCache = new WeakMap<Config, Set<string>>();

function labelKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function stageLabels(config: Config): Set<string> {
  let set = labelCache.get(config);
  if (!set) {
    set = new Set([
      ...STAGE_LABELS,
      ...config.closedStages.map(labelKey),
      ...Object.keys(config.freshnessDays.byStage).map(labelKey),
    ]);
    labelCache.set(config, set);
  }
  return set;
}

const SPACE_AT = /\s/;

function bareLabel(text: string, from: number, config: Config, vocab: Vocabulary): Span | undefined {
  // Most entries are longer than any label: when neither end has a space to trim, the length decides.
  if (text.length - from > 40 && !SPACE_AT.test(text[from]) && !SPACE_AT.test(text[text.length - 1]))
    return undefined;
  const body = text.slice(from).trim();
  if (body.length === 0 || body.length > 40) return undefined;
  const start = text.indexOf(body, from);
  if (/^\S+$/.test(body)) {
    // A lone verb ("Onboard", "Renew") names a step, unless it is a stage name ("Demo", "Contract")
    // or a verb that needs its object to mean anything ("Discuss", "Send").
    const word = body.toLowerCase();
    if (
      /^[a-z]+$/.test(word) &&
      !isStageLabel(body, config) &&
      !NEEDS_OBJECT.has(word) &&
      (isActionVerb(word) || vocab.actionVerb.matchAt(word, 0) === word.length)
    )
      return undefined;
    return { start, length: body.length, text: body };
  }
  // Stage names are one to four words.
  if (spacesAtMost(body, 3) && isStageLabel(body, config)) {
    return { start, length: body.length, text: body };
  }
  return undefined;
}

function spacesAtMost(body: string, max: number): boolean {
  let n = 0;
  for (let at = body.indexOf(' '); at >= 0; at = body.indexOf(' ', at + 1)) if (++n > max) return false;
  return true;
}

const NEEDS_OBJECT = new Set(
  'discuss talk speak send share present answer respond reply confirm provide request raise issue return introduce support compare ask tell call email check review meet agree approve sign'.split(
    ' ',
  ),
);

const labelAnswers = new WeakMap<Config, Map<string, boolean>>();

/** Is this short body a stage name? Remembered per config: pipelines repeat their short entries. */
function isStageLabel(body: string, config: Config): boolean {
  let answers = labelAnswers.get(config);
  if (!answers) {
    answers = new Map();
    labelAnswers.set(config, answers);
  }
  let answer = answers.get(body);
  if (answer === undefined) {
    answer = stageLabels(config).has(labelKey(body));
    if (answers.size > 5_000) answers.clear();
    answers.set(body, answer);
  }
  return answer;
}

export function readText(text: string, config: Config, opts: ReadOptions): TextReading {
  const vocab = vocabularyFor(config);
  const prefix = detectWrittenPrefix(text, opts.locale, opts.reference);
  const bodyStart = prefix ? prefix.length : 0;
  const reference = prefix?.date ?? opts.reference;
  const masked = bodyStart > 0 ? ' '.repeat(bodyStart) + text.slice(bodyStart) : text;
  const lower = normalise(text);
  const lowerBody = maskSpans(lower, bodyStart, []);
  const words = wordsOf(lowerBody);
  const found = vocab.index.scan(lowerBody, words);
  const rawClauses = splitClauses(masked, bodyStart);
  const imperatives: ImperativeCue[] = [];
  for (const c of rawClauses)
    imperativesIn(lowerBody, words, c.start, c.end, vocab.index, found, imperatives);
  // Dates only matter when something could be dated: a pure status note skips date work entirely.
  // Waiting clauses are dated too: "waiting for redlines by 18/03" still has a due day for timing.
  const forwardCue =
    found.filler.length +
      found.actionVerb.length +
      found.meetingNoun.length +
      found.deliverableNoun.length +
      found.waiting.length +
      imperatives.length >
      0 || mayStateCondition(lowerBody);
  const { mentions, vague } = forwardCue
    ? extractDates(
        masked,
        { locale: opts.locale, reference, weekStart: opts.weekStart },
        { lower: lowerBody, words },
      )
    : { mentions: [] as DateMention[], vague: [] as VagueMention[] };
  // Dates are not words: "may" in "7 May" or "sat" in "Sat 3pm" must not read as anything.
  const all = mentions.length > 0 ? withoutSpans(found, mentions) : found;
  const lowerMasked = mentions.length > 0 ? maskSpans(lowerBody, 0, mentions) : lowerBody;

  const label = bareLabel(text, bodyStart, config, vocab);
  const clauses: ClauseReading[] = [];
  const cx: ClauseContext = { text, opening: '', dated: false, question: false };
  let wi = 0;
  // Dates are not verbs: "march" in "March 3" or "may" in "7 May" must not read as an order.
  const liveImperatives =
    mentions.length > 0 && imperatives.length > 0
      ? imperatives.filter((m) => !overlapsMention(m, mentions))
      : imperatives;
  for (const c of rawClauses) {
    const own = mentions.length === 0 ? [] : forwardMentionsIn(mentions, c, lowerMasked);
    const clauseText = lowerMasked.slice(c.start, c.end);
    while (wi < words.length && words[wi].index < c.start) wi++;
    cx.opening = wi < words.length && words[wi].index < c.end ? words[wi].word : '';
    cx.dated = own.length > 0;
    // Clauses drop their boundary: a "?" there tells a question.
    cx.question = c.end < text.length && text.charCodeAt(c.end) === 63;
    const classified = classifyClause(clauseText, all, liveImperatives, c.start, vocab, cx);
    // A bare label ("Viewings", "Legal/procurement") names no step, even when the word is a meeting noun.
    const { kind, cue } =
      label && classified.kind === 'concrete' ? { kind: 'none' as ClauseKind, cue: undefined } : classified;
    const reading: ClauseReading = {
      start: c.start,
      end: c.end,
      kind,
      mentions: own,
      cue: cue
        ? {
            start: c.start + cue.start,
            length: cue.end - cue.start,
            text: text.slice(c.start + cue.start, c.start + cue.end),
          }
        : undefined,
    };
    // A fragment that is only a date ("— 7 May") dates the clause before it.
    const prev = clauses[clauses.length - 1];
    if (kind === 'none' && own.length > 0 && prev && dateOnly(clauseText)) {
      prev.mentions.push(...own);
      prev.end = c.end;
      continue;
    }
    clauses.push(reading);
  }
  // "Follow up with Sam tomorrow. Talk about the Q3 orders": an undated discussion right after a dated
  // contact is that contact's agenda, so the contact is a concrete step, dated.
  for (let i = 1; i < clauses.length; i++) {
    const c = clauses[i];
    const prev = clauses[i - 1];
    if (c.kind !== 'concrete' || c.mentions.length > 0 || !c.cue) continue;
    if (prev.kind !== 'filler' || prev.mentions.length === 0) continue;
    if (c.cue.start !== firstWordAt(lower, c.start) || !AGENDA_VERB.test(c.cue.text.toLowerCase())) continue;
    prev.kind = 'concrete';
  }
  // Dated triggers ("once the board meets on the 24th, send the contract") date the step they gate.
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i];
    if (c.kind !== 'trigger' || c.mentions.length === 0) continue;
    const target = clauses.slice(i + 1).find(isForward) ?? clauses.slice(0, i).reverse().find(isForward);
    if (target) target.mentions.push(...c.mentions);
  }
  // "needs the import done before then": the previous clause's date.
  for (let i = 1; i < clauses.length; i++) {
    const c = clauses[i];
    if (!isForward(c) || c.mentions.length > 0 || !INHERIT.test(lower.slice(c.start, c.end))) continue;
    const source = clauses
      .slice(0, i)
      .reverse()
      .find((p) => p.mentions.length > 0);
    if (source) c.mentions.push(...source.mentions);
  }
  // The anchor: the first date of a forward clause, but a bare time ("at 2pm") dates a step only when
  // no day is named ("at 2pm tomorrow" is due tomorrow).
  let anchor: DateMention | undefined;
  let hasConcrete = false;
  let hasFiller = false;
  let anchoredConcrete = false;
  let anchoredFiller = false;
  let waitingAnchor: DateMention | undefined;
  for (const c of clauses) {
    if (c.kind === 'waiting' && waitingAnchor === undefined) {
      for (const m of c.mentions)
        if (waitingAnchor === undefined || earlierAnchor(m, waitingAnchor)) waitingAnchor = m;
    }
    if (c.kind === 'concrete') {
      hasConcrete = true;
      if (c.mentions.length > 0) anchoredConcrete = true;
    } else if (c.kind === 'filler') {
      hasFiller = true;
      if (c.mentions.length > 0) anchoredFiller = true;
    } else continue;
    for (const m of c.mentions) if (anchor === undefined || earlierAnchor(m, anchor)) anchor = m;
  }
  return {
    prefix,
    bodyStart,
    clauses,
    mentions,
    vague,
    anchor,
    waitingAnchor,
    hasConcrete,
    hasFiller,
    anchoredConcrete,
    anchoredFiller,
    // A party matters only to a step (the no-party rule and the score): status notes skip the search.
    party: hasConcrete || hasFiller ? findParty(text, bodyStart, clauses, all, words) : undefined,
    label,
  };
}

/** The clause's own dates, except those that date a past event ("signed on 3 March"). */
function forwardMentionsIn(mentions: DateMention[], c: { start: number; end: number }, lowerMasked: string) {
  const own: DateMention[] = [];
  for (const m of mentions) {
    if (m.start >= c.start && m.start < c.end && !describesPast(lowerMasked.slice(c.start, m.start), m.text))
      own.push(m);
  }
  return own;
}

/** A day before a bare time, then the earlier in the text. */
function earlierAnchor(a: DateMention, b: DateMention): boolean {
  const at = a.kind === 'time';
  const bt = b.kind === 'time';
  if (at !== bt) return bt;
  return a.start < b.start;
}

function mayStateCondition(lower: string): boolean {
  return (
    (lower.includes('need') ||
      lower.includes('requir') ||
      lower.includes('subject') ||
      lower.includes('depend')) &&
    /\b(?:needs?|requires?|subject to|depends on)\b/.test(lower)
  );
}

function overlapsMention(m: ImperativeCue, mentions: readonly DateMention[]): boolean {
  for (const d of mentions) if (m.index < d.start + d.length && d.start < m.index + m.length) return true;
  return false;
}

function overlapsAny(
  m: { index: number; length: number },
  spans: ReadonlyArray<{ start: number; length: number }>,
) {
  for (const s of spans) if (m.index < s.start + s.length && s.start < m.index + m.length) return true;
  return false;
}

function withoutSpans(found: CueMatches, spans: Array<{ start: number; length: number }>): CueMatches {
  const out = { ...found };
  for (const key of CUE_CATEGORIES) {
    const list = found[key];
    let i = 0;
    while (i < list.length && !overlapsAny(list[i], spans)) i++;
    if (i === list.length) continue; // nothing to drop: keep the list as it is
    const kept = list.slice(0, i);
    for (i++; i < list.length; i++) if (!overlapsAny(list[i], spans)) kept.push(list[i]);
    out[key] = kept;
  }
  return out;
}

/** `text` with its first `prefix` characters and every span blanked (same length). */
function maskSpans(text: string, prefix: number, spans: Array<{ start: number; length: number }>): string {
  if (prefix === 0 && spans.length === 0) return text;
  let out = ' '.repeat(prefix);
  let at = prefix;
  for (const s of spans) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + ' '.repeat(s.length);
    at = s.start + s.length;
  }
  return out + text.slice(at);
}

// A date right after a past participle describes a thing, not when the step happens: "redo the rates
// created before July 13". Participles that look ahead ("scheduled for", "moved to") still date it.
const AFTER_PARTICIPLE = /\b([a-z]{3,}ed)\s+(?:before|on|in|after|since|from|at)?\s*$/;
const FORWARD_PARTICIPLES = new Set(
  'scheduled booked planned arranged penciled pencilled proposed needed required requested expected moved pushed postponed rescheduled delayed slated targeted aimed confirmed agreed due set'.split(
    ' ',
  ),
);

function describesPast(before: string, mention: string): boolean {
  // Cheap pre-check: an "-ed" word must end within the last few characters.
  const ed = before.lastIndexOf('ed');
  if (ed < 0 || ed < before.length - 12) return false;
  // "to be signed by Friday", "sent by the 20th": a deadline word always dates the step.
  if (/^\W*(?:by|until|till|due|no later)\b/i.test(mention)) return false;
  const tail = before.slice(-40);
  const m = AFTER_PARTICIPLE.exec(tail);
  if (m === null || FORWARD_PARTICIPLES.has(m[1])) return false;
  // "to be signed on the 3rd", "will be delivered on Monday": still to happen.
  return !/\b(?:be|been|get|got|have it|have them)\s+$/.test(tail.slice(0, m.index));
}

const AGENDA_VERB = /^(?:talk|discuss|go over|review|walk through|cover)/;

function firstWordAt(lower: string, from: number): number {
  let at = from;
  while (at < lower.length && !/[a-z0-9]/.test(lower[at])) at++;
  return at;
}

function dateOnly(clauseText: string): boolean {
  return clauseText.replace(DATE_FILLER_WORDS, ' ').replace(/[^\p{L}]+/gu, '') === '';
}

function isForward(c: ClauseReading): boolean {
  return c.kind === 'concrete' || c.kind === 'filler';
}
