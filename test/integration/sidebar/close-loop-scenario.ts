/**
 * The close-the-loop scenario shared by sidebar/four-weeks.test.ts and review/by-owner.test.ts: the
 * 200-deal fixture without its due column (each step's date is the one its text names; row 3 Maria
 * Fernandez, rows 4–5 Priya Patel, row 6 Ben Reid, row 9 James Smith), a clock the test moves, and
 * the sidebar calls a rep makes.
 */
import type { RowView, SelectionContext } from '../../../src/core/rpc-contract';
import type { ReviewModel } from '../../../src/core/review/model';
import { setup, type Harness } from './helpers';

export interface CloseLoop {
  h: Harness;
  /** Moves the clock. */
  at(iso: string): void;
  row(n: number): RowView;
  write(n: number, text: string): void;
  outcome(n: number, kind: 'done' | 'missed' | 'moved'): void;
  /** Builds the review on that Monday (the clock moves there) and returns its model. */
  review(mondayIso: string): ReviewModel;
}

export function closeLoopHarness(): CloseLoop {
  let now = new Date('2026-03-09T10:00:00Z');
  const h = setup({ now: () => now });
  // Without the due column (H): each step's date is the one its text names. (With one, a step written
  // after Done takes over the closed step's date in it: test/integration/sidebar/due-after-close.)
  h.sheet().deleteColumn(8);
  const at = (iso: string): void => {
    now = new Date(iso);
  };
  const row = (n: number): RowView => {
    h.select(`G${n}`);
    return h.call<SelectionContext>('getSelectionContext').row!;
  };
  return {
    h,
    at,
    row,
    write(n, text) {
      const r = row(n);
      h.call('writeNextStep', { row: n, text, expected: r.nextStep, dealKey: r.dealKey });
    },
    outcome(n, kind) {
      const r = row(n);
      h.call('recordStepOutcome', { row: n, dealKey: r.dealKey, expected: r.nextStep, outcome: kind });
    },
    review(mondayIso) {
      at(mondayIso);
      return h.call<{ model: ReviewModel }>('buildReviewNow', { now: mondayIso, includeModel: true }).model;
    },
  };
}

/** Week 2 (9–15 March): steps set, then done, missed, replaced, moved twice. */
export function playWeekTwo({ at, write, outcome }: CloseLoop): void {
  at('2026-03-09T10:00:00Z');
  write(3, 'Pricing call with Jane on 11/03');
  write(4, 'Send the MSA to the CFO by 12/03');
  write(5, 'Demo for the COO on 13/03');
  write(6, 'Workshop with procurement on 10/03');
  at('2026-03-10T10:00:00Z');
  outcome(6, 'moved');
  write(6, 'Workshop with procurement on 12/03');
  at('2026-03-11T10:00:00Z');
  outcome(3, 'done');
  write(3, 'Send the MSA to Jane by 20/03');
  at('2026-03-12T10:00:00Z');
  outcome(4, 'missed');
  write(4, 'Call the CFO on 19/03');
  outcome(6, 'moved');
  write(6, 'Workshop with procurement on 14/03');
  at('2026-03-13T10:00:00Z');
  write(5, 'Demo for the COO on 17/03'); // replaced without an outcome
}
