import { daysBetween } from '../dates/calendar';
import { MessageMemo } from './message-memo';
import { NO_HITS, type TimingRule } from './types';
import { dayCount } from './wording';

const messages = new MessageMemo();

/** An open deal whose expected close date has passed: the forecast is out of date. */
export const closePassedRule: TimingRule = {
  id: 'close-passed',
  scope: 'timing',
  defaultSeverity: 'warning',
  parameters: { closeDate: 'the close-date column' },
  message: "The deal's expected close date has passed and it is still open",
  suggestion: 'Close the deal as won or lost, or agree a new close date with the buyer',
  check(facts) {
    if (!facts.closeDate) return NO_HITS;
    const late = daysBetween(facts.closeDate, facts.today);
    if (late <= 0) return NO_HITS;
    return [
      {
        message:
          messages.get(facts.closeDate, late) ??
          messages.keep(
            `Expected to close ${facts.closeDate}, ${dayCount(late)} ago, and still open`,
            facts.closeDate,
            late,
          ),
        suggestion: this.suggestion,
        start: 0,
        length: 0,
      },
    ];
  },
};
