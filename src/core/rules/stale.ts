import { daysBetween } from '../dates/calendar';
import { MessageMemo } from './message-memo';
import { NO_HITS, type TimingRule } from './types';

const messages = new MessageMemo();

/** Written or last updated longer ago than the deal's stage allows (per-stage freshness). */
export const staleRule: TimingRule = {
  id: 'stale',
  scope: 'timing',
  defaultSeverity: 'warning',
  parameters: { defaultDays: 14, byStage: 'config.freshnessDays.byStage' },
  message: 'The entry has not been updated within the days its stage allows',
  suggestion: 'Confirm the step with the buyer and date the update',
  check(facts) {
    if (!facts.writtenOn) return NO_HITS;
    const age = daysBetween(facts.writtenOn, facts.today);
    if (age <= facts.freshnessDays) return NO_HITS;
    const stage =
      typeof facts.stage === 'string' && facts.stage.trim() !== '' ? facts.stage.trim() : 'this stage';
    return [
      {
        message:
          messages.get(facts.writtenOn, age, stage, facts.freshnessDays) ??
          messages.keep(
            `Last written ${facts.writtenOn}, ${age} days ago; ${stage} allows ${facts.freshnessDays}`,
            facts.writtenOn,
            age,
            stage,
            facts.freshnessDays,
          ),
        suggestion: this.suggestion,
        start: facts.writtenSpan?.start ?? 0,
        length: facts.writtenSpan?.length ?? 0,
      },
    ];
  },
};
