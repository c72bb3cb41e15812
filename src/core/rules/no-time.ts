import { NO_HITS, type TextRule } from './types';

const SUGGESTION = 'Add a day or date: "Fri 14 Mar", "by EOW", "next Tuesday 3pm"';

/** A forward action with no point in time. "soon", "when ready", "sometime next week" do not count. */
export const noTimeRule: TextRule = {
  id: 'no-time',
  scope: 'text',
  defaultSeverity: 'warning',
  parameters: { notAnchors: 'soon, when ready, sometime next week, next week/month, ASAP' },
  message: 'The step has no date, day or time',
  suggestion: SUGGESTION,
  check(facts) {
    const r = facts.reading;
    if (!r || (!r.hasConcrete && !r.hasFiller) || facts.dueDate) return NO_HITS;
    // A concrete step needs its own date: a dated follow-up beside it ("..., call 17/03") does not
    // date the step, and the verdict says weak; this finding says why.
    if (r.hasConcrete ? r.anchoredConcrete : r.anchor) return NO_HITS;
    const forward = r.hasConcrete
      ? (r.clauses.find((c) => c.kind === 'concrete' && c.mentions.length === 0) ??
        r.clauses.find((c) => c.kind === 'concrete'))
      : r.clauses.find((c) => c.kind === 'filler');
    const vague =
      r.vague.find((v) => !forward || (v.start >= forward.start && v.start < forward.end)) ?? r.vague[0];
    if (vague) {
      return [
        {
          message: `"${vague.text}" is not a date`,
          suggestion: SUGGESTION,
          start: vague.start,
          length: vague.length,
        },
      ];
    }
    const start = forward?.start ?? 0;
    const length = forward ? forward.end - forward.start : 0;
    return [{ message: 'No date: when will this happen?', suggestion: SUGGESTION, start, length }];
  },
};
