import { daysBetween } from '../dates/calendar';
import { MessageMemo } from './message-memo';
import { NO_HITS, type TimingRule } from './types';
import { dayCount } from './wording';

const messages = new MessageMemo();

/** The due date has passed. */
export const overdueRule: TimingRule = {
  id: 'overdue',
  scope: 'timing',
  defaultSeverity: 'error',
  parameters: {},
  message: 'The due date has passed',
  suggestion: 'Do it, or agree a new date with the buyer and update the entry',
  check(facts) {
    if (!facts.due) return NO_HITS;
    const late = daysBetween(facts.due, facts.today);
    if (late <= 0) return NO_HITS;
    return [
      {
        message:
          messages.get(facts.due, late) ??
          messages.keep(`Due ${facts.due}, ${dayCount(late)} ago`, facts.due, late),
        suggestion: this.suggestion,
        start: facts.dueSpan?.start ?? 0,
        length: facts.dueSpan?.length ?? 0,
      },
    ];
  },
};
