import { daysBetween } from '../dates/calendar';
import type { TimingRule } from './types';

/** Due further out than config.farFutureDays: there is probably a nearer step to agree. */
export const farFutureRule: TimingRule = {
  id: 'far-future',
  scope: 'timing',
  defaultSeverity: 'suggestion',
  parameters: { farFutureDays: 30 },
  message: 'The step is far in the future',
  suggestion: 'Add the step that happens before then',
  check(facts, config) {
    if (!facts.due) return [];
    const ahead = daysBetween(facts.today, facts.due);
    if (ahead <= config.farFutureDays) return [];
    return [
      {
        message: `Due in ${ahead} days (${facts.due}): is there a nearer step?`,
        suggestion: this.suggestion,
        start: facts.dueSpan?.start ?? 0,
        length: facts.dueSpan?.length ?? 0,
      },
    ];
  },
};
