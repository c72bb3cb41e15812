import { daysBetween } from '../dates/calendar';
import { MessageMemo } from './message-memo';
import { NO_HITS, type TimingRule } from './types';

const messages = new MessageMemo();

/** Due further out than config.farFutureDays: there is probably a nearer step to agree. */
export const farFutureRule: TimingRule = {
  id: 'far-future',
  scope: 'timing',
  defaultSeverity: 'suggestion',
  parameters: { farFutureDays: 30 },
  message: 'The step is far in the future',
  suggestion: 'Add the step that happens before then',
  check(facts, config) {
    if (!facts.due) return NO_HITS;
    const ahead = daysBetween(facts.today, facts.due);
    if (ahead <= config.farFutureDays) return NO_HITS;
    return [
      {
        message:
          messages.get(facts.due, ahead) ??
          messages.keep(`Due in ${ahead} days (${facts.due}): is there a nearer step?`, facts.due, ahead),
        suggestion: this.suggestion,
        start: facts.dueSpan?.start ?? 0,
        length: facts.dueSpan?.length ?? 0,
      },
    ];
  },
};
