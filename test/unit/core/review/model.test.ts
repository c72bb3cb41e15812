import fc from 'fast-check';
import {
  buildReview,
  buildReviewModel,
  previousSnapshot,
  SECTION_ORDER,
  type ReviewInput,
  type SectionId,
} from '../../../../src/core/review/model';
import type { RowAnalysis, Timing, Verdict } from '../../../../src/core/types';
import type { DealFacts } from '../../../../src/core/review/facts';
import { closed, deal, open } from './helpers';

const base = {
  timeZone: 'Europe/London',
  generatedAt: '2026-03-11T08:00:00.000Z',
  sourceSheet: 'Pipeline',
  config: { weekStart: 'monday' as const },
};

function rowsOf(model: ReturnType<typeof buildReviewModel>, id: SectionId): number[] {
  return (model.sections.find((s) => s.id === id)?.rows ?? []).map((r) => r.row);
}

describe('buildReviewModel: first review (no history)', () => {
  const rows: RowAnalysis[] = [
    open(3, 'ok', 'overdue', '2026-03-02', ['The due date has passed']),
    open(4, 'ok', 'upcoming', '2026-03-13'),
    open(5, 'weak', 'undated', undefined, ['No date']),
    open(6, 'ok', 'stale', '2026-04-20'),
    open(7, 'missing', 'undated'),
    open(8, 'ok', 'upcoming', '2026-04-01'),
    closed(9),
    closed(10),
    { row: 11, status: 'blank', verdict: null, timing: null, score: 0, findings: [] },
    open(12, 'ok', 'overdue', '2026-02-20'),
    open(13, 'bad', 'due-today', '2026-03-11'),
  ];
  const deals: DealFacts[] = [
    deal(3, 'Acme', { amount: 5000 }),
    deal(4, 'Beta', { amount: 2000, owner: 'Bob' }),
    deal(5, 'Gamma', { amount: null, owner: 'Bob', stage: 'Discovery' }),
    deal(6, 'Delta', { amount: 700 }),
    deal(7, 'Eps', { amount: 300, nextStep: '' }),
    deal(8, 'Zeta', { amount: 10_000 }),
    deal(9, 'Won A', { stage: 'Closed Won', closeDate: '2026-03-04' }),
    deal(10, 'Won B', { stage: 'Closed Won', closeDate: '2026-01-15' }),
    deal(12, 'Eta', { amount: 9000, owner: '' }),
    deal(13, 'Theta', { amount: 100 }),
  ];
  const model = buildReviewModel({ ...base, rows, deals, previous: [], today: '2026-03-11' });

  it('has the header', () => {
    expect(model.header).toEqual({
      weekId: '2026-W11',
      weekStartsOn: 'monday',
      weekStart: '2026-03-09',
      weekEnd: '2026-03-15',
      today: '2026-03-11',
      timeZone: 'Europe/London',
      generatedAt: '2026-03-11T08:00:00.000Z',
      sourceSheet: 'Pipeline',
      previousWeekId: null,
    });
  });

  it('counts the summary', () => {
    const { change, ...counts } = model.summary;
    expect(change).toBeNull();
    const { agenda, ...rest } = counts;
    expect(agenda).toEqual(Object.fromEntries(model.sections.map((x) => [x.id, x.rows.length])));
    expect(rest).toEqual({
      openDeals: 8,
      closedDeals: 2,
      verdicts: { ok: 5, weak: 1, bad: 1, missing: 1 },
      missing: 1,
      overdue: 2,
      dueThisWeek: 2, // rows 4 (Fri 13th) and 13 (due today)
      stale: 1,
      okShare: 5 / 8,
      atRisk: 6, // 3, 5, 6, 7, 12, 13
      amountAtRisk: 5000 + 0 + 700 + 300 + 9000 + 100,
    });
  });

  it('puts each open deal in the first agenda section that matches, in meeting order', () => {
    expect(model.sections.map((s) => s.id)).toEqual(SECTION_ORDER);
    expect(rowsOf(model, 'overdue')).toEqual([12, 3]); // most at stake first: £9,000 19 days late, £5,000
    expect(rowsOf(model, 'due-this-week')).toEqual([4, 13]); // £2,000, then £100
    expect(rowsOf(model, 'stale')).toEqual([6]);
    expect(rowsOf(model, 'vague-or-missing')).toEqual([7, 5]); // £300, then no amount
    expect(rowsOf(model, 'zombie')).toEqual([]);
    expect(rowsOf(model, 'changed')).toEqual([]);
    // No history: closed with a close date from the start of last week to the end of this week.
    expect(rowsOf(model, 'closed')).toEqual([9]);
  });

  it('fills section rows with the deal facts and reasons', () => {
    const overdue = model.sections[0].rows[1];
    expect(overdue).toEqual({
      row: 3,
      dealKey: 'da:acme|',
      deal: 'Acme',
      account: '',
      owner: 'Ann',
      stage: 'Proposal',
      amount: 5000,
      nextStep: 'step for Acme',
      verdict: 'ok',
      timing: 'overdue',
      due: '2026-03-02',
      reasons: ['The due date has passed'],
      weeksUnchanged: 1,
      daysOverdue: 9,
      stake: 5000 * 1.25 * (1 + 9 / 28),
    });
    const closedRow = model.sections.find((x) => x.id === 'closed')!.rows[0];
    expect(closedRow.verdict).toBeNull();
    expect(closedRow.timing).toBeNull();
    expect(closedRow.reasons).toEqual(['Closed on 2026-03-04; not in the last review.']);
  });

  it('builds owner and stage tables', () => {
    expect(model.byOwner.map((o) => [o.name, o.deals, o.atRisk, o.amountAtRisk])).toEqual([
      ['Ann', 5, 4, 5000 + 700 + 300 + 100],
      ['Bob', 2, 1, 0],
      ['(no owner)', 1, 1, 9000],
    ]);
    const ann = model.byOwner[0];
    expect(ann).toMatchObject({
      verdicts: { ok: 3, weak: 0, bad: 1, missing: 1 },
      okShare: 3 / 5,
      overdue: 1,
      stale: 1,
      vague: 2,
    });
    expect(model.byStage.map((s) => [s.name, s.deals])).toEqual([
      ['Proposal', 7],
      ['Discovery', 1],
    ]);
  });

  it('has no completion without history, and a one-point trend', () => {
    expect(model.completion).toEqual({ dueLastWeek: 0, completed: 0, notFound: 0, rate: null });
    expect(model.trend).toEqual([{ weekId: '2026-W11', okShare: 5 / 8, openDeals: 8 }]);
    expect(model.removedDeals).toBe(0);
  });
});

describe('buildReview: week over week', () => {
  // Week 10 (today 2026-03-04), then week 11 (today 2026-03-11).
  const w10rows = [
    open(3, 'ok', 'upcoming', '2026-03-06'), // due last week; replaced in w11 → completed
    open(4, 'ok', 'upcoming', '2026-03-05'), // due last week; unchanged in w11 → not completed, zombie (overdue)
    open(5, 'ok', 'upcoming', '2026-03-25'), // rewritten before due
    open(6, 'weak', 'undated'), // stage moves in w11 → completed
    open(7, 'ok', 'undated'), // unchanged, ok, no date → zombie section
    open(8, 'ok', 'upcoming', '2026-03-07'), // due last week; closes in w11 → completed, closed section
    open(9, 'ok', 'upcoming', '2026-03-08'), // due last week; deleted in w11 → notFound
    closed(10), // closed before: not in the closed section again
    open(11, 'missing', 'undated'), // step added in w11
  ];
  const w10deals = [
    deal(3, 'A', { nextStep: 'Demo with Jane on Fri' }),
    deal(4, 'B', { nextStep: 'Send MSA to legal by Thu' }),
    deal(5, 'C', { nextStep: 'Pricing call 25 Mar' }),
    deal(6, 'D', { nextStep: 'follow up', stage: 'Discovery' }),
    deal(7, 'E', { nextStep: 'Board review after the audit', amount: 50 }),
    deal(8, 'F', { nextStep: 'Sign on Sat' }),
    deal(9, 'G', { nextStep: 'Call Sun' }),
    deal(10, 'H', { stage: 'Closed Lost' }),
    deal(11, 'I', { nextStep: '' }),
  ];
  const week10 = buildReview({ ...base, rows: w10rows, deals: w10deals, previous: [], today: '2026-03-04' });

  // Week 11: row order changed (a row inserted at the top), G deleted, J new.
  const w11rows = [
    open(3, 'ok', 'upcoming', '2026-04-02'), // J (new)
    open(4, 'ok', 'upcoming', '2026-03-20'), // A, new step
    open(5, 'ok', 'overdue', '2026-03-05'), // B unchanged → overdue
    open(6, 'ok', 'upcoming', '2026-03-27'), // C rewritten
    open(7, 'weak', 'undated'), // D moved stage, same text
    open(8, 'ok', 'undated'), // E unchanged
    closed(9), // F closed
    closed(10), // H still closed
    open(11, 'ok', 'upcoming', '2026-03-30'), // I step added
  ];
  const w11deals = [
    deal(3, 'J', { nextStep: 'Intro call with CFO 2 Apr' }),
    deal(4, 'A', { nextStep: 'Security review with IT 20 Mar' }),
    deal(5, 'B', { nextStep: '  send MSA to legal by thu ' }),
    deal(6, 'C', { nextStep: 'Pricing call 27 Mar' }),
    deal(7, 'D', { nextStep: 'follow up', stage: 'Proposal' }),
    deal(8, 'E', { nextStep: 'Board review after the audit', amount: 50 }),
    deal(9, 'F', { nextStep: 'Sign on Sat', stage: 'Closed Won' }),
    deal(10, 'H', { stage: 'Closed Lost' }),
    deal(11, 'I', { nextStep: 'Kickoff with Ops 30 Mar' }),
  ];
  const week11 = buildReview({
    ...base,
    rows: w11rows,
    deals: w11deals,
    previous: [week10.snapshot],
    today: '2026-03-11',
  });
  const m = week11.model;
  const section = (id: SectionId) => m.sections.find((s) => s.id === id)!.rows;

  it('compares against the previous snapshot', () => {
    expect(week10.model.header.weekId).toBe('2026-W10');
    expect(m.header.previousWeekId).toBe('2026-W10');
  });

  it('lists what changed, with the kind of change', () => {
    expect(section('changed').map((r) => [r.deal, r.change, r.reasons[r.reasons.length - 1]])).toEqual([
      // By kind, then most at stake (all £1,000 here; D's stage and row break the ties).
      ['A', 'completed', 'Completed: the step due 2026-03-06 was replaced by a new one.'],
      ['D', 'completed', 'Completed: moved from Discovery to Proposal.'],
      ['C', 'rewritten', 'Next step rewritten before it was due.'],
      ['I', 'rewritten', 'Next step added (it was empty).'],
      ['J', 'new', 'New deal since the last review.'],
    ]);
  });

  it('finds zombies (same text in two snapshots running), re-spacing and case ignored', () => {
    expect(section('zombie').map((r) => [r.deal, r.weeksUnchanged])).toEqual([['E', 2]]);
    // B is a zombie too, but overdue comes first in the meeting; its reasons say so.
    const b = section('overdue').find((r) => r.deal === 'B')!;
    expect(b.weeksUnchanged).toBe(2);
    expect(b.reasons).toContain('Same next step in 2 weekly reviews running.');
    // D's text is unchanged too (2 snapshots), but it is weak: vague-or-missing comes first.
    expect(section('vague-or-missing').map((r) => r.deal)).toEqual(['D']);
  });

  it('lists deals closed since the last review, and only there', () => {
    expect(section('closed').map((r) => [r.deal, r.reasons])).toEqual([
      ['F', ['Closed between the review of 2026-03-04 and this one (it was in Proposal).']],
    ]);
    const elsewhere = m.sections.filter((s) => s.id !== 'closed').flatMap((s) => s.rows.map((r) => r.deal));
    expect(elsewhere).not.toContain('F');
    expect(elsewhere).not.toContain('H');
  });

  it('computes the completion rate of the steps due last week', () => {
    // Due 2 Mar..8 Mar: A (replaced), B (unchanged), F (closed), G (deleted).
    expect(m.completion).toEqual({ dueLastWeek: 4, completed: 2, notFound: 1, rate: 2 / 3 });
    expect(m.removedDeals).toBe(1);
  });

  it('reports each summary figure’s change', () => {
    expect(week10.model.summary.openDeals).toBe(8);
    expect(m.summary.openDeals).toBe(7);
    expect(m.summary.change).toMatchObject({
      openDeals: -1,
      closedDeals: 1,
      verdicts: { ok: 6 - 6, weak: 0, bad: 0, missing: -1 },
      overdue: 1,
      okShare: 6 / 7 - 6 / 8,
    });
    expect(m.trend.map((p) => p.weekId)).toEqual(['2026-W10', '2026-W11']);
  });

  it('ignores a snapshot of the same week when rebuilding, so a rebuild gives the same answer', () => {
    const again = buildReview({
      ...base,
      rows: w11rows,
      deals: w11deals,
      previous: [week10.snapshot, week11.snapshot],
      today: '2026-03-11',
    });
    expect(again.model).toEqual(m);
    expect(again.snapshot).toEqual(week11.snapshot);
  });

  it('"closed" never uses a future close date as the day a deal closed', () => {
    const input = {
      ...base,
      rows: [closed(2), closed(3)],
      deals: [
        deal(2, 'Won early', { stage: 'Closed Won', closeDate: '2026-03-13' }), // forecast, closed on the 11th
        deal(3, 'Won', { stage: 'Closed Won', closeDate: '2026-03-10' }),
      ],
    };
    const first = buildReviewModel({ ...input, previous: [], today: '2026-03-11' });
    const reasons = first.sections.find((x) => x.id === 'closed')!.rows.map((r) => [r.deal, r.reasons]);
    expect(reasons).toEqual([['Won', ['Closed on 2026-03-10; not in the last review.']]]);
    // With an earlier review that did not hold it, the review that first sees it closed says so.
    const earlier = buildReview({ ...base, rows: [], deals: [], previous: [], today: '2026-03-04' });
    const next = buildReviewModel({ ...input, previous: [earlier.snapshot], today: '2026-03-11' });
    const all = next.sections.find((x) => x.id === 'closed')!.rows.flatMap((r) => r.reasons);
    expect(all).toEqual([
      'First seen closed in this review; not in the last review.',
      'Closed on 2026-03-10; not in the last review.',
    ]);
    expect(all.join(' ')).not.toContain('2026-03-13');
  });

  it('never calls an upcoming dated step a zombie, however long it stands', () => {
    const week = (today: string) => ({
      ...base,
      rows: [open(2, 'ok', 'upcoming', '2026-03-27')],
      deals: [deal(2, 'K', { nextStep: 'Workshop with Ops 27 Mar' })],
      today,
    });
    const w10 = buildReview({ ...week('2026-03-04'), previous: [] });
    const w11 = buildReview({ ...week('2026-03-11'), previous: [w10.snapshot] });
    const w12 = buildReview({ ...week('2026-03-18'), previous: [w10.snapshot, w11.snapshot] });
    for (const w of [w11, w12]) {
      expect(w.model.sections.flatMap((s) => s.rows).map((r) => r.deal)).toEqual([]);
      expect(w.model.summary.agenda?.zombie).toBe(0);
    }
    expect(w12.snapshot.deals[0].z).toBe(3); // still counted, so it becomes a zombie once its date passes
  });

  it('counts weeks unchanged across three snapshots', () => {
    const week12 = buildReview({
      ...base,
      rows: w11rows,
      deals: w11deals,
      previous: [week10.snapshot, week11.snapshot],
      today: '2026-03-18',
    });
    const e = week12.model.sections.flatMap((s) => s.rows).find((r) => r.deal === 'E')!;
    expect(e.weeksUnchanged).toBe(3);
    expect(week12.model.header.previousWeekId).toBe('2026-W11');
    expect(week12.model.trend.map((p) => p.weekId)).toEqual(['2026-W10', '2026-W11', '2026-W12']);
  });
});

describe('previousSnapshot', () => {
  it('takes the latest week before, whatever the order', () => {
    const s = (weekId: string) => ({ weekId }) as never;
    expect(previousSnapshot([s('2026-W09'), s('2026-W12'), s('2026-W10')], '2026-W11')).toEqual(
      s('2026-W10'),
    );
    expect(previousSnapshot([s('2026-W11')], '2026-W11')).toBeNull();
  });
});

describe('bad input', () => {
  it('falls back to the week of today for a malformed week id, and records it', () => {
    const m = buildReviewModel({
      ...base,
      rows: [],
      deals: [],
      previous: [],
      today: '2026-03-11',
      weekId: 'week 11',
    });
    expect(m.header.weekId).toBe('2026-W11');
    expect(m.problems[0]).toMatch(/not of the form YYYY-Www/);
    expect(m.summary.okShare).toBe(0);
  });

  it('survives damaged snapshots in the history', () => {
    const m = buildReviewModel({
      ...base,
      rows: [open(3, 'ok', 'upcoming')],
      deals: [deal(3, 'A')],
      previous: [null as never, { weekId: '2026-W10', deals: [null, { k: 5 }] } as never],
      today: '2026-03-11',
    });
    expect(m.header.previousWeekId).toBe('2026-W10');
    expect(m.summary.change).toBeNull();
    expect(m.sections.find((s) => s.id === 'changed')!.rows.map((r) => r.change)).toEqual(['new']);
  });
});

// ---- properties ----
const verdictArb = fc.constantFrom<Verdict>('ok', 'weak', 'bad', 'missing');
const timingArb = fc.constantFrom<Timing>('upcoming', 'due-today', 'overdue', 'stale', 'undated');
const dayArb = fc.integer({ min: 0, max: 40 }).map((n) => {
  const d = new Date(Date.UTC(2026, 2, 1 + n));
  return d.toISOString().slice(0, 10);
});
const rowSpec = fc.record({
  status: fc.constantFrom('open', 'open', 'open', 'closed', 'blank'),
  verdict: verdictArb,
  timing: timingArb,
  due: fc.option(dayArb, { nil: undefined }),
  name: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G', 'a', ' b '),
  owner: fc.constantFrom('Ann', 'Bob', '', 'ann'),
  stage: fc.constantFrom('Proposal', 'Discovery', 'Closed Won'),
  amount: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
  step: fc.constantFrom('', 'Call Jane Fri', 'follow up', 'Demo 20 Mar'),
});

function inputFrom(specs: Array<typeof rowSpec extends fc.Arbitrary<infer T> ? T : never>, today: string) {
  const rows: RowAnalysis[] = [];
  const deals: DealFacts[] = [];
  const seen = new Map<string, number>();
  specs.forEach((s, i) => {
    const row = i + 2;
    if (s.status === 'blank') {
      rows.push({ row, status: 'blank', verdict: null, timing: null, score: 0, findings: [] });
      return;
    }
    rows.push(s.status === 'open' ? open(row, s.verdict, s.timing, s.due) : closed(row));
    const baseKey = `da:${s.name.trim().toLowerCase()}|`;
    const n = (seen.get(baseKey) ?? 0) + 1;
    seen.set(baseKey, n);
    deals.push(
      deal(row, s.name, {
        dealKey: n > 1 ? `${baseKey}#${n}` : baseKey,
        owner: s.owner,
        stage: s.stage,
        amount: s.amount,
        nextStep: s.step,
      }),
    );
  });
  return { rows, deals, today };
}

describe('buildReview properties', () => {
  const weeks = fc.array(fc.array(rowSpec, { maxLength: 25 }), { minLength: 1, maxLength: 4 });

  it('sections partition the open deals, closed deals only in `closed`, counts add up, deterministic', () => {
    fc.assert(
      fc.property(weeks, (ws) => {
        const history = [];
        for (let w = 0; w < ws.length; w++) {
          const today = new Date(Date.UTC(2026, 2, 4 + 7 * w)).toISOString().slice(0, 10);
          const { rows, deals } = inputFrom(ws[w], today);
          const input: ReviewInput = { ...base, rows, deals, previous: [...history], today };
          const { model, snapshot } = buildReview(input);
          const openRows = new Set(rows.filter((r) => r.status === 'open').map((r) => r.row));
          const closedRows = new Set(rows.filter((r) => r.status === 'closed').map((r) => r.row));
          const agenda = model.sections.filter((s) =>
            ['overdue', 'due-this-week', 'stale', 'vague-or-missing', 'zombie'].includes(s.id),
          );
          const agendaRows = agenda.flatMap((s) => s.rows.map((r) => r.row));
          expect(new Set(agendaRows).size).toBe(agendaRows.length); // at most one agenda section each
          for (const r of agendaRows) expect(openRows.has(r)).toBe(true);
          for (const r of model.sections.find((s) => s.id === 'changed')!.rows)
            expect(openRows.has(r.row)).toBe(true);
          for (const r of model.sections.find((s) => s.id === 'closed')!.rows)
            expect(closedRows.has(r.row)).toBe(true);
          // Every open deal that is not ok, overdue, due this week or stale is on the agenda.
          const s = model.summary;
          expect(s.openDeals).toBe(openRows.size);
          expect(s.closedDeals).toBe(closedRows.size);
          expect(s.verdicts.ok + s.verdicts.weak + s.verdicts.bad + s.verdicts.missing).toBe(s.openDeals);
          expect(agenda[0].rows.length).toBe(s.overdue);
          expect(agenda[1].rows.length).toBe(s.dueThisWeek);
          expect(s.okShare).toBeGreaterThanOrEqual(0);
          expect(s.okShare).toBeLessThanOrEqual(1);
          expect(model.byOwner.reduce((n, o) => n + o.deals, 0)).toBe(s.openDeals);
          expect(model.byStage.reduce((n, o) => n + o.amountAtRisk, 0)).toBe(s.amountAtRisk);
          expect(model.byOwner.reduce((n, o) => n + o.atRisk, 0)).toBe(s.atRisk);
          const notOk = rows.filter((r) => r.status === 'open' && r.verdict !== 'ok').length;
          expect(agendaRows.length).toBeGreaterThanOrEqual(notOk);
          for (const r of rows.filter((x) => x.status === 'open' && x.verdict !== 'ok')) {
            expect(agendaRows).toContain(r.row);
          }
          if (model.completion.rate !== null) {
            expect(model.completion.rate).toBeGreaterThanOrEqual(0);
            expect(model.completion.rate).toBeLessThanOrEqual(1);
          }
          expect(snapshot.deals.length).toBe(openRows.size + closedRows.size);
          // The summary counts each section as the section does.
          for (const sec of model.sections) expect(s.agenda?.[sec.id]).toBe(sec.rows.length);
          // "This week": at most 15, every one at risk and on the agenda, most at stake first.
          expect(model.thisWeek.length).toBe(Math.min(15, s.atRisk));
          for (let i = 1; i < model.thisWeek.length; i++)
            expect(model.thisWeek[i - 1].stake).toBeGreaterThanOrEqual(model.thisWeek[i].stake);
          for (const r of model.thisWeek) expect(agendaRows).toContain(r.row);
          // No zombie is an upcoming dated step.
          for (const r of model.sections.find((x) => x.id === 'zombie')!.rows)
            expect(r.due === null || r.due < today).toBe(true);
          // Every section is ranked by stake (changed: within each kind).
          for (const sec of model.sections.filter((x) => x.id !== 'changed'))
            for (let i = 1; i < sec.rows.length; i++)
              expect(sec.rows[i - 1].stake).toBeGreaterThanOrEqual(sec.rows[i].stake);
          // Deterministic, whatever the order of the input rows.
          const again = buildReview({ ...input, rows: [...rows].reverse(), deals: [...deals].reverse() });
          expect(again.model).toEqual(model);
          expect(again.snapshot).toEqual(snapshot);
          history.push(snapshot);
        }
      }),
      { numRuns: 150 },
    );
  });
});
