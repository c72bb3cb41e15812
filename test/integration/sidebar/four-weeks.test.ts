/**
 * The close-the-loop scenario through the built bundle: steps done, missed, replaced, moved twice,
 * a deal snoozed then expired; the review built each Monday. Exact numbers from the log.
 * (200-deal fixture without its due column: row 3 Maria Fernandez, rows 4–5 Priya Patel, row 6 Ben Reid,
 * row 9 James Smith.)
 */
import type { ReviewModel } from '../../../src/core/review/model';
import { closeLoopHarness, playWeekTwo } from './close-loop-scenario';

const section = (m: ReviewModel, id: string) => m.sections.find((s) => s.id === id)!;

test('four weeks: completion per owner, slipped deals, snoozes with reasons, no stale flag while snoozed', () => {
  const scenario = closeLoopHarness();
  const { h, row, review } = scenario;
  // Week 1 has no review yet (the add-on was installed in week 2), so week 3's completion comes
  // from the log alone and its numbers are exact; week 4 compares with week 3's snapshot too.

  // Week 2 (9–15 March): steps set, then done, missed, replaced, moved twice; a stall snoozed.
  playWeekTwo(scenario);
  const nine = row(9);
  expect(nine.findings.map((f) => f.rule)).toContain('stale');
  h.call('snoozeDeal', { row: 9, dealKey: nine.dealKey, until: '2026-03-20', reason: 'Architect on leave' });

  // Week 3 review (Monday 16 March): last week is 9–15 March.
  const w3 = review('2026-03-16T08:00:00Z');
  expect(w3.closeLoop?.completionSource).toBe('log');
  expect(w3.closeLoop?.completion).toEqual({ due: 6, done: 1, rate: 1 / 6 });
  expect(w3.completion.rate).toBe(1 / 6);
  const byOwner = Object.fromEntries(w3.closeLoop!.completionByOwner.map((o) => [o.owner, [o.done, o.due]]));
  expect(byOwner['Maria Fernandez']).toEqual([1, 1]);
  expect(byOwner['Priya Patel']).toEqual([0, 2]);
  expect(byOwner['Ben Reid']).toEqual([0, 3]);
  expect(section(w3, 'slipped').rows.map((r) => r.row)).toEqual([6]);
  expect(section(w3, 'slipped').rows[0].reasons.join(' ')).toMatch(
    /pushed 2 times in 14 days: 2026-03-10 → 2026-03-12 → 2026-03-14/,
  );
  expect(w3.byOwner.find((g) => g.name === 'Ben Reid')?.slipped).toBe(1);
  expect(w3.closeLoop?.snoozed).toEqual([
    {
      deal: 'Globex UK — Pilot',
      owner: 'James Smith',
      until: '2026-03-20',
      reason: 'Architect on leave',
      by: 'ben.reid@example.com',
    },
  ]);
  const snoozedSection = section(w3, 'snoozed').rows;
  expect(snoozedSection.map((r) => [r.row, r.reasons[0]])).toEqual([
    [9, 'Known stall until 2026-03-20: Architect on leave (ben.reid@example.com)'],
  ]);
  const everywhere = (m: ReviewModel) =>
    m.sections.filter((s) => s.id !== 'snoozed').flatMap((s) => s.rows.filter((r) => r.row === 9));
  for (const r of everywhere(w3)) expect(r.reasons.join(' ')).not.toMatch(/Last written/);
  expect(section(w3, 'stale').rows.map((r) => r.row)).not.toContain(9);
  expect(section(w3, 'zombie').rows.map((r) => r.row)).not.toContain(9);

  // Week 4 review (Monday 23 March): the snooze has expired by itself.
  const w4 = review('2026-03-23T08:00:00Z');
  expect(w4.closeLoop?.snoozed).toEqual([]);
  expect(section(w4, 'snoozed').rows).toEqual([]);
  expect(everywhere(w4).some((r) => /Last written/.test(r.reasons.join(' ')))).toBe(true);
  expect(section(w4, 'slipped').rows.map((r) => r.row)).toEqual([6]);
});
