import { MessageMemo } from './message-memo';
import { NO_HITS, type TextRule } from './types';

const messages = new MessageMemo();

/** The only forward action is a filler verb: "follow up", "check in", "touch base", "TBD". */
export const fillerRule: TextRule = {
  id: 'filler',
  scope: 'text',
  defaultSeverity: 'warning',
  parameters: { phrases: 'config.fillerPhrases' },
  message: 'The step is only a filler ("follow up", "check in", "touch base")',
  suggestion:
    'Say what the contact is for: a meeting or a deliverable ("Send pricing options to Jane by Fri")',
  check(facts) {
    const r = facts.reading;
    if (!r || r.hasConcrete || !r.hasFiller) return NO_HITS;
    const clause = r.clauses.find((c) => c.kind === 'filler');
    const cue = clause?.cue;
    const start = cue?.start ?? clause?.start ?? 0;
    const length = cue?.length ?? (clause ? clause.end - clause.start : 0);
    const phrase = cue ? cue.text.trim() : facts.text.slice(start, start + length).trim();
    return [
      {
        message:
          messages.get(phrase, '') ?? messages.keep(`"${phrase}" on its own is not an action`, phrase, ''),
        suggestion: this.suggestion,
        start,
        length,
      },
    ];
  },
};
