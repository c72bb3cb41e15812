import { NO_HITS, type TextRule } from './types';

/** No buyer-side person or role named. Seller initials in a log stamp do not count. */
export const noPartyRule: TextRule = {
  id: 'no-party',
  scope: 'text',
  defaultSeverity: 'suggestion',
  parameters: { words: 'config.buyerPartyWords' },
  message: 'No buyer-side person or role is named',
  suggestion: 'Name who on the buyer side: "with Jane", "the CFO", "their IT team"',
  check(facts) {
    const r = facts.reading;
    if (!r || r.party || (!r.hasConcrete && !r.hasFiller)) return NO_HITS;
    const forward =
      r.clauses.find((c) => c.kind === 'concrete') ?? r.clauses.find((c) => c.kind === 'filler');
    return [
      {
        message: "No one on the buyer's side is named",
        suggestion: this.suggestion,
        start: forward?.start ?? 0,
        length: forward ? forward.end - forward.start : 0,
      },
    ];
  },
};
