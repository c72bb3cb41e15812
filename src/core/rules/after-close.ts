import { daysBetween } from '../dates/calendar';
import { MessageMemo } from './message-memo';
import { NO_HITS, type TimingRule } from './types';
import { dayCount } from './wording';

const messages = new MessageMemo();

/**
 * The next step is due after the deal's expected close date: either the step or the close date is
 * wrong, and a deal forecast to close before its next conversation is a forecast nobody checked.
 * Quiet when the close date has already passed and close-passed is on (that rule says it).
 */
export const afterCloseRule: TimingRule = {
  id: 'after-close',
  scope: 'timing',
  defaultSeverity: 'warning',
  parameters: { closeDate: 'the close-date column' },
  message: "The next step is due after the deal's expected close date",
  suggestion: 'Bring the step forward, or move the close date to when the deal can really close',
  check(facts, config) {
    if (!facts.due || !facts.closeDate) return NO_HITS;
    // A close date already passed is close-passed's finding; saying "after close" too would be noise.
    if (facts.closeDate < facts.today && config.rules['close-passed']?.enabled !== false) return NO_HITS;
    const after = daysBetween(facts.closeDate, facts.due);
    if (after <= 0) return NO_HITS;
    return [
      {
        message:
          messages.get(facts.due, after, facts.closeDate) ??
          messages.keep(
            `Due ${facts.due}, ${dayCount(after)} after the expected close date ${facts.closeDate}`,
            facts.due,
            after,
            facts.closeDate,
          ),
        suggestion: this.suggestion,
        start: facts.dueSpan?.start ?? 0,
        length: facts.dueSpan?.length ?? 0,
      },
    ];
  },
};
