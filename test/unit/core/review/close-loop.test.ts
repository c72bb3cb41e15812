import { analyzeRows } from '../../../../src/core/analyze';
import { defaultConfig } from '../../../../src/core/config';
import { applyCloseLoop } from '../../../../src/core/review/close-loop';
import { dealFactsFromRows } from '../../../../src/core/review/facts';
import { buildReview, type ReviewInput, type Snapshot } from '../../../../src/core/review/model';
import type { StepLogEntry } from '../../../../src/core/step-log/entry';
import type { SnoozeMap } from '../../../../src/core/snooze';
import type { CellValue } from '../../../../src/core/types';

const mapping = { deal: 0, account: 1, owner: 2, stage: 3, nextStep: 4, nextStepDue: 5, nextStepUpdated: 6 };
const ctx = { timeZone: 'Europe/London', locale: 'en_GB' };

function week(
  rows: CellValue[][],
  today: string,
  previous: Snapshot[],
  entries: StepLogEntry[] = [],
  snoozes: SnoozeMap = {},
) {
  const analyses = analyzeRows(rows, mapping, defaultConfig(), { ...ctx, today, firstRowNumber: 2 });
  const input: ReviewInput = {
    rows: analyses,
    deals: dealFactsFromRows(rows, mapping, 2, ctx),
    previous,
    today,
    timeZone: ctx.timeZone,
    generatedAt: `${today}T08:00:00.000Z`,
    sourceSheet: 'Pipeline',
    config: { weekStart: 'monday' },
  };
  return applyCloseLoop(buildReview(input), input, { entries, snoozes });
}
const ids = (m: ReturnType<typeof week>['model'], id: string) =>
  m.sections.find((s) => s.id === id)!.rows.map((r) => r.deal);

test('a snoozed deal leaves stale and zombie, is listed with its reason, and comes back when it expires', () => {
  // Same undated step every week, last written long ago: stale, and a zombie from the second review.
  const rows: CellValue[][] = [
    ['Acme', 'Acme', 'Maria', 'Proposal', 'Pricing call with Jane', '', '2026-01-05'],
  ];
  const snoozes: SnoozeMap = {
    'da:acme|acme': {
      dealKey: 'da:acme|acme',
      deal: 'Acme',
      owner: 'Maria',
      until: '2026-03-15',
      reason: 'Board freeze',
      by: '',
      at: '',
    },
  };
  const w1 = week(rows, '2026-03-02', [], [], snoozes);
  expect(ids(w1.model, 'stale')).toEqual([]);
  expect(ids(w1.model, 'snoozed')).toEqual(['Acme']);
  expect(w1.model.closeLoop?.snoozed).toEqual([
    { deal: 'Acme', owner: 'Maria', until: '2026-03-15', reason: 'Board freeze', by: '' },
  ]);
  const w2 = week(rows, '2026-03-09', [w1.snapshot], [], snoozes);
  expect(ids(w2.model, 'zombie')).toEqual([]);
  expect(ids(w2.model, 'stale')).toEqual([]);
  const w3 = week(rows, '2026-03-16', [w1.snapshot, w2.snapshot], [], snoozes);
  expect(ids(w3.model, 'snoozed')).toEqual([]);
  expect([...ids(w3.model, 'stale'), ...ids(w3.model, 'zombie')]).toContain('Acme');
});

test('completion: the log for deals it knows, the heuristic for the rest, per owner', () => {
  const before: CellValue[][] = [
    ['Acme', 'Acme', 'Maria', 'Proposal', 'Pricing call with Jane', '2026-03-04', '2026-03-01'],
    ['Globex', 'Globex', 'Ben', 'Proposal', 'Demo for the CFO', '2026-03-05', '2026-03-01'],
  ];
  const w1 = week(before, '2026-03-02', []);
  // Acme's step was recorded as missed, then replaced; Globex's replaced with no log at all.
  const after: CellValue[][] = [
    ['Acme', 'Acme', 'Maria', 'Proposal', 'Send the MSA to Jane', '2026-03-13', '2026-03-06'],
    ['Globex', 'Globex', 'Ben', 'Proposal', 'Security review with their IT team', '2026-03-12', '2026-03-06'],
  ];
  const entries: StepLogEntry[] = [
    {
      at: '2026-03-05T10:00:00.000Z',
      dealKey: 'da:acme|acme',
      deal: 'Acme',
      owner: 'Maria',
      event: 'missed',
      text: 'Pricing call with Jane',
      due: '2026-03-04',
      by: '',
    },
    {
      at: '2026-03-06T10:00:00.000Z',
      dealKey: 'da:acme|acme',
      deal: 'Acme',
      owner: 'Maria',
      event: 'set',
      text: 'Send the MSA to Jane',
      due: '2026-03-13',
      by: '',
    },
  ];
  const w2 = week(after, '2026-03-09', [w1.snapshot], entries);
  expect(w2.model.closeLoop?.completionSource).toBe('mixed');
  expect(w2.model.closeLoop?.completionByOwner).toEqual([
    { owner: 'Ben', due: 1, done: 1, rate: 1 },
    { owner: 'Maria', due: 1, done: 0, rate: 0 },
  ]);
  expect(w2.model.completion).toMatchObject({ dueLastWeek: 2, completed: 1, rate: 0.5 });
  expect(w2.model.byOwner.find((g) => g.name === 'Maria')?.completion).toEqual({ due: 1, done: 0, rate: 0 });
});
