/**
 * What is at stake on a deal, for ranking the review's agenda (docs/review.md, "Ranking"):
 *
 *   stake = amount × stage weight × (1 + min(days overdue, 28) / 28)
 *
 * - amount: the deal's amount (no amount counts 0, so such deals rank by days overdue, then row);
 * - stage weight: 1 for early stages (prospecting, lead, discovery, qualification), 1.5 for late ones
 *   (negotiation, contract, legal, procurement, commit, verbal, closing), 1.25 for everything else
 *   (demo, proposal, evaluation, unknown names): a late-stage deal is closer to the money;
 * - days overdue: 0 unless the step is overdue; a step four weeks late counts double.
 *
 * Ties: days overdue (most first), then the sheet row. Pure.
 */
import type { IsoDate } from '../types';
import { dayNumber } from '../dates/calendar';

const EARLY = /\b(prospect\w*|leads?|new|discovery|qualif\w*|intro\w*|first call|contact\w*)\b/i;
const LATE =
  /\b(negotiat\w*|contract\w*|legal|procurement|commit\w*|verbal\w*|closing|sign\w*|approval|purchase order|po)\b/i;

export const OVERDUE_DAYS_FOR_DOUBLE = 28;

export function stageWeight(stage: string): number {
  if (LATE.test(stage)) return 1.5;
  if (EARLY.test(stage)) return 1;
  return 1.25;
}

export function daysOverdue(due: IsoDate | null | undefined, today: IsoDate, overdue: boolean): number {
  if (!overdue || !due) return 0;
  return Math.max(0, dayNumber(today) - dayNumber(due));
}

export function stakeOf(amount: number | null, stage: string, overdueDays: number): number {
  const a = amount !== null && Number.isFinite(amount) && amount > 0 ? amount : 0;
  return (
    a * stageWeight(stage) * (1 + Math.min(overdueDays, OVERDUE_DAYS_FOR_DOUBLE) / OVERDUE_DAYS_FOR_DOUBLE)
  );
}

/** Most at stake first; then most days overdue; then sheet row. */
export function byStake(
  a: { stake: number; daysOverdue: number; row: number },
  b: { stake: number; daysOverdue: number; row: number },
): number {
  return b.stake - a.stake || b.daysOverdue - a.daysOverdue || a.row - b.row;
}
