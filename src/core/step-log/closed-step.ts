/**
 * Whose date is in the due cell? After a step ends from the sidebar (Done / Didn't happen / Moved) the
 * compose form opens for the next one, but the due cell still holds the ended step's date. The log
 * keeps that date with the ended step, so when the deal's latest event ended a step and the due cell
 * holds that step's date, the cell belongs to the closed step and the next write may replace it (or
 * clear it when the new step names no date). In every other case the due cell is the user's and is
 * never overwritten (docs/sidebar.md, "Due dates after a closed step").
 */
import type { IsoDate } from '../types';
import type { StepLogEntry } from './entry';
import { stepLives, type StepOutcome } from './lives';

export interface ClosedStep {
  outcome: Extract<StepOutcome, 'done' | 'missed' | 'moved'>;
  text: string;
  /** ISO instant the step ended. */
  endedAt: string;
  /**
   * The dates the log holds for the step: the due the ending event recorded (Done, Didn't happen:
   * the row's due when it was closed) and the due it was set with. Empty when the log never saw one
   * (a step set before the log began and ended with Moved).
   */
  dues: IsoDate[];
}

/**
 * The deal's step that ended last, when the deal's latest event in the log ended a step (done,
 * missed, or moved with no new date); null when its latest step is still open (set, or moved to a
 * new date), or the log has nothing on the deal. `entries` may be any slice of the log that holds the
 * deal's latest events (a recent tail is enough: only the last life matters).
 */
export function latestClosedStep(entries: readonly StepLogEntry[], dealKey: string): ClosedStep | null {
  if (dealKey === '') return null;
  const own = entries.filter((e) => e.dealKey === dealKey);
  const lives = stepLives(own);
  const last = lives[lives.length - 1];
  if (!last || (last.outcome !== 'done' && last.outcome !== 'missed' && last.outcome !== 'moved')) {
    return null;
  }
  // The event that ended it: the latest of the deal's events at that instant with that outcome.
  const end = [...own].reverse().find((e) => e.at === last.endedAt && e.event === last.outcome);
  const dues = [end?.due ?? '', last.due].filter(
    (d, i, all): d is IsoDate => d !== '' && all.indexOf(d) === i,
  );
  return { outcome: last.outcome, text: last.text, endedAt: last.endedAt, dues };
}

/** Whether the due cell's day (`cellDay`, in the sheet's zone) is a date of the closed step. */
export function dueBelongsToClosedStep(closed: ClosedStep | null, cellDay: IsoDate | undefined): boolean {
  return closed !== null && cellDay !== undefined && closed.dues.includes(cellDay);
}
