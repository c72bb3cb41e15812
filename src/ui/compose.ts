/**
 * The compose form's text: what / who on the buyer side / when → one next step, e.g.
 * `Send the revised MSA to Jane (CFO) by Fri 13 Mar` or `Pricing review call with the CFO on Tue 17 Mar`.
 * Pure, so it is unit-tested in node; the same engine then checks the result in the client.
 */
import { formatDay, isIsoDay, type IsoDay } from './dates';

export interface ComposeInput {
  what: string;
  who: string;
  /** ISO day from the date input or a quick pick; '' for none. */
  when: string;
  /** Today in the spreadsheet's zone (decides whether the year is written). */
  today: IsoDay;
  locale: string;
}

/** Verbs whose object is handed to someone: "send X to Jane". */
const GIVING_VERBS =
  /^(send|email|e-mail|mail|share|forward|give|deliver|submit|return|present|hand|provide|issue)\b/i;
/** Words that make the step a meeting: "call with Jane on Tue". */
const MEETING_WORDS =
  /\b(call|meeting|meet|demo|review|workshop|session|presentation|lunch|dinner|visit|walkthrough|walk-through|sync|kick-?off|onsite|on-site|webinar|interview|debrief|qbr|negotiation)\b/i;
/** Already phrased with its own party ("… with Jane") or date preposition: don't add another. */
const ENDS_WITH_PREPOSITION = /\b(to|with|for|by|on|at|before|until)$/i;

/** Control characters (C0 and DEL) become spaces; runs of whitespace one space. */
export function tidy(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || c === 0x7f ? ' ' : ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}

function capitalize(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** "to" for things handed over, else "with". */
export function partyPreposition(what: string): string {
  const w = tidy(what);
  if (ENDS_WITH_PREPOSITION.test(w)) return '';
  return GIVING_VERBS.test(w) && !MEETING_WORDS.test(w.split(' ').slice(1).join(' ')) ? 'to' : 'with';
}

/** "on" for meetings (they happen on a day), "by" for deliverables (due by a day). */
export function datePreposition(what: string): string {
  return MEETING_WORDS.test(tidy(what)) ? 'on' : 'by';
}

/** The composed next step ('' when nothing is filled in). */
export function composeText(input: ComposeInput): string {
  const what = tidy(input.what).replace(/[.;,\s]+$/, '');
  const who = tidy(input.who);
  const whenDay = isIsoDay(input.when) ? formatDay(input.when, input.today, input.locale) : '';
  const parts: string[] = [];
  if (what) parts.push(capitalize(what));
  if (who) {
    if (what) {
      const prep = partyPreposition(what);
      parts.push(prep ? `${prep} ${who}` : who);
    } else parts.push(capitalize(who));
  }
  if (whenDay) parts.push(what || who ? `${datePreposition(what)} ${whenDay}` : whenDay);
  return parts.join(' ');
}

/** What is still missing from the form, in words (for the hint under the preview). */
export function composeGaps(input: Pick<ComposeInput, 'what' | 'who' | 'when'>): string[] {
  const gaps: string[] = [];
  if (!tidy(input.what)) gaps.push('what will happen (an action or a meeting)');
  if (!tidy(input.who)) gaps.push('who on the buyer side');
  if (!isIsoDay(input.when)) gaps.push('when');
  return gaps;
}
