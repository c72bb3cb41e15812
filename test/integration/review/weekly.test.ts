/**
 * Week over week, rebuilds, retention, text safety, locking, the trigger and the call budget, all
 * through the BUILT bundle in the emulator.
 */
import { createAppsScriptGlobals, EmulatedSpreadsheet, type SpreadsheetFixture } from '../../../dev/emulator';
import { RangeListImpl } from '../../../dev/emulator/range-list';
import { build, execution, sectionRows, syntheticPipeline } from './harness';

const HEAD = ['Deal', 'Account', 'Owner', 'Stage', 'Amount', 'Next step'];

function pipeline(
  rows: Array<Array<string | number>>,
  extraSheets: SpreadsheetFixture['sheets'] = [],
): SpreadsheetFixture {
  return {
    name: 'Small',
    timeZone: 'Europe/London',
    locale: 'en_GB',
    sheets: [{ name: 'Deals', values: [HEAD, ...rows] }, ...extraSheets],
  };
}

const WEEK10 = [
  ['A', 'Acme', 'Ann', 'Proposal', 1000, 'Send the revised MSA to Jane by 06/03'],
  ['B', 'Beta', 'Ann', 'Proposal', 2000, 'Pricing call with the CFO on 05/03'],
  ['C', 'Gamma', 'Bob', 'Proposal', 3000, 'Demo for procurement on 25/03'],
  ['D', 'Delta', 'Bob', 'Discovery', 4000, 'Workshop with their Ops team on 30/04'],
  ['E', 'Eps', 'Bob', 'Proposal', 5000, 'Board review with the CFO on 30/04'],
  ['F', 'Zeta', 'Ann', 'Negotiation', 6000, 'Sign order form with Jane by 07/03'],
  ['G', 'Eta', 'Ann', 'Proposal', 7000, 'Call with Jane on 08/03'],
  ['H', 'Theta', 'Ann', 'Closed Lost', 8000, ''],
];

function week11(ss: EmulatedSpreadsheet): void {
  // Rewrite the sheet as the team did during the week: rows re-sorted, G deleted, J added.
  const g = createAppsScriptGlobals({ spreadsheet: ss });
  const sheet = g.SpreadsheetApp.getActive().getSheetByName('Deals')!;
  const rows = [
    HEAD,
    ['J', 'Iota', 'Cy', 'Discovery', 9000, 'Intro call with the CFO on 02/04'],
    ['H', 'Theta', 'Ann', 'Closed Lost', 8000, ''],
    ['F', 'Zeta', 'Ann', 'Closed Won', 6000, 'Sign order form with Jane by 07/03'],
    ['E', 'Eps', 'Bob', 'Proposal', 5000, 'board review with the CFO  on 30/04'],
    ['D', 'Delta', 'Bob', 'Proposal', 4000, 'Workshop with their Ops team on 30/04'],
    ['C', 'Gamma', 'Bob', 'Proposal', 3000, 'Demo for procurement and IT on 27/03'],
    ['B', 'Beta', 'Ann', 'Proposal', 2000, 'Pricing call with the CFO on 05/03'],
    ['A', 'Acme', 'Ann', 'Proposal', 1000, 'Security review with their IT team on 20/03'],
    ['', '', '', '', '', ''],
  ];
  sheet.getRange(1, 1, rows.length, HEAD.length).setValues(rows);
}

describe('week over week', () => {
  const ss = new EmulatedSpreadsheet('x', 'UTC', 'en_GB');
  let w10: ReturnType<typeof build>;
  let w11: ReturnType<typeof build>;
  let run11: ReturnType<typeof execution>;

  beforeAll(() => {
    const first = execution(pipeline(WEEK10), { now: '2026-03-04T08:00:00Z' });
    w10 = build(first, '2026-03-04T08:00:00Z');
    week11(first.g.spreadsheet);
    run11 = execution(first.g.spreadsheet, { now: '2026-03-11T08:00:00Z' });
    w11 = build(run11, '2026-03-11T08:00:00Z');
    void ss;
  });

  const section = (id: string) =>
    (w11.model.sections as Array<{ id: string; rows: Array<Record<string, unknown>> }>).find(
      (s) => s.id === id,
    )!.rows;

  it('first week has no comparison', () => {
    expect(w10.ok).toBe(true);
    expect(w10.weekId).toBe('2026-W10');
    expect(w10.model.header.previousWeekId).toBeNull();
    expect(w10.model.summary.change).toBeNull();
  });

  it('second week compares with the first', () => {
    expect(w11.weekId).toBe('2026-W11');
    expect(w11.model.header.previousWeekId).toBe('2026-W10');
    expect(w11.model.summary.openDeals).toBe(6);
    expect(w11.model.summary.change.openDeals).toBe(-1);
    expect(w11.model.summary.change.closedDeals).toBe(1);
  });

  it('changed: completed (replaced after due, stage moved), rewritten, new', () => {
    // Completed first, then rewritten, then new; most at stake first within a kind.
    expect(section('changed').map((r) => [r.deal, r.change])).toEqual([
      ['D', 'completed'],
      ['A', 'completed'],
      ['C', 'rewritten'],
      ['J', 'new'],
    ]);
  });

  it('zombie: never an upcoming dated step; the unchanged overdue step carries the note', () => {
    const all = (
      w11.model.sections as Array<{ id: string; rows: Array<{ deal: string; weeksUnchanged: number }> }>
    ).filter((s) => s.id !== 'changed');
    const listed = all.flatMap((s) => s.rows);
    // E's step is the same as last week (case and spacing ignored) but due 30/04: not stuck, not listed.
    expect(listed.find((r) => r.deal === 'E')).toBeUndefined();
    expect(listed.find((r) => r.deal === 'B')!.weeksUnchanged).toBe(2);
    // B is overdue (due 05/03): listed there, with the same-step note; the zombie section is empty.
    expect(section('overdue').map((r) => r.deal)).toEqual(['B']);
    expect(section('zombie')).toEqual([]);
    expect(section('overdue')[0].reasons).toContain('Same next step in 2 weekly reviews running.');
  });

  it('closed: F closed since last week; H (closed before) is not listed; neither is elsewhere', () => {
    expect(section('closed').map((r) => r.deal)).toEqual(['F']);
    const others = (w11.model.sections as Array<{ id: string; rows: Array<{ deal: string }> }>)
      .filter((s) => s.id !== 'closed')
      .flatMap((s) => s.rows.map((r) => r.deal));
    expect(others).not.toContain('F');
    expect(others).not.toContain('H');
  });

  it('completion: of A, B, F, G due last week, G was deleted; A replaced, F closed, B unchanged', () => {
    expect(w11.model.completion).toEqual({ dueLastWeek: 4, completed: 2, notFound: 1, rate: 2 / 3 });
    expect(w11.model.removedDeals).toBe(1);
  });

  it('the tab shows the comparison and both weeks on the trend', () => {
    const tab = run11.ss.getSheetByName('Pipeline review 2026-W11')!;
    const values = tab.getDataRange().getValues();
    expect(values.find((r) => r[0] === 'Open deals')!.slice(1, 3)).toEqual([6, -1]);
    expect(values.find((r) => r[0] === 'Steps due last week completed')!.slice(1, 3)).toEqual([
      2 / 3,
      '2 of 3 (1 not in sheet)',
    ]);
    const display = tab.getDataRange().getDisplayValues();
    const changed = sectionRows(values, 'Changed since last review').map((r) => display[r - 1]);
    expect(changed.find((r) => r[0] === 'A')![9]).toBe(
      'Completed: the step due 6 Mar 2026 was replaced by a new one.',
    );
    const trend = display.findIndex((r) => r[0] === 'Week of');
    expect(display.slice(trend + 1, trend + 3).map((r) => r[0])).toEqual(['2 Mar 2026', '9 Mar 2026']);
    // Both review tabs exist (retention 8).
    expect(run11.ss.getSheets().map((s) => s.getName())).toEqual(
      expect.arrayContaining(['Pipeline review 2026-W10', 'Pipeline review 2026-W11']),
    );
  });
});

describe('rebuilding and retention', () => {
  it('rebuilding the same week replaces that tab and nothing else', () => {
    const run = execution(pipeline(WEEK10, [{ name: 'Notes', values: [['keep me']] }]));
    build(run, '2026-03-11T08:00:00Z');
    const before = run.ss.getSheets().map((s) => [s.getName(), s.getSheetId()] as const);
    const oldTab = run.ss.getSheetByName('Pipeline review 2026-W11')!.getSheetId();
    const again = execution(run.g.spreadsheet);
    const r = build(again, '2026-03-12T09:00:00Z');
    expect(r.sheetName).toBe('Pipeline review 2026-W11');
    const after = again.ss.getSheets().map((s) => [s.getName(), s.getSheetId()] as const);
    expect(after.map((x) => x[0])).toEqual(before.map((x) => x[0])); // same tabs, same order
    for (const [name, id] of after) {
      if (name === 'Pipeline review 2026-W11') expect(id).not.toBe(oldTab);
      else expect(id).toBe(before.find((b) => b[0] === name)![1]);
    }
    expect(again.ss.getSheetByName('Notes')!.getRange(1, 1).getValue()).toBe('keep me');
    // The history holds one column for the week, rewritten.
    const history = again.ss.getSheetByName('Next Step Tracker history')!;
    expect(history.getRange(1, 1, 1, 3).getValues()[0]).toEqual(['2026-W11', '', '']);
  });

  it('keeps the newest N review tabs (configurable) and never deletes a tab it did not build', () => {
    const run = execution(
      pipeline(WEEK10, [{ name: 'Pipeline review 2026-W01', values: [['my own notes']] }]),
    );
    run.g.PropertiesService.getDocumentProperties().setProperty(
      'nst.review',
      JSON.stringify({ retention: 3 }),
    );
    const spreadsheet = run.g.spreadsheet;
    const days = ['2026-02-18', '2026-02-25', '2026-03-04', '2026-03-11', '2026-03-18'];
    let renamedDone = false;
    for (const day of days) {
      const r = build(execution(spreadsheet), `${day}T08:00:00Z`);
      expect(r.message).toMatch(/^Built/);
      if (!renamedDone) {
        // The user renames our first tab: from then on it is theirs.
        createAppsScriptGlobals({ spreadsheet })
          .SpreadsheetApp.getActive()
          .getSheetByName(r.sheetName)!
          .setName('W08 keep');
        renamedDone = true;
      }
    }
    const names = execution(spreadsheet)
      .ss.getSheets()
      .map((s) => s.getName());
    expect(names.filter((n) => n.startsWith('Pipeline review'))).toEqual(
      expect.arrayContaining([
        'Pipeline review 2026-W01',
        'Pipeline review 2026-W10',
        'Pipeline review 2026-W11',
        'Pipeline review 2026-W12',
      ]),
    );
    expect(names.filter((n) => n.startsWith('Pipeline review'))).toHaveLength(4);
    expect(names).toContain('W08 keep');
  });

  it('refuses to overwrite a same-named tab it did not build, with a clear message', () => {
    const run = execution(pipeline(WEEK10, [{ name: 'Pipeline review 2026-W11', values: [['mine']] }]));
    const r = build(run, '2026-03-11T08:00:00Z');
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/already exists and was not built by Next Step Tracker/);
    expect(run.ss.getSheetByName('Pipeline review 2026-W11')!.getRange(1, 1).getValue()).toBe('mine');
  });
});

describe('week start', () => {
  it('uses the configured Sunday start for the week id and range', () => {
    const run = execution(pipeline(WEEK10));
    run.g.PropertiesService.getDocumentProperties().setProperty(
      'nst.config',
      JSON.stringify({ weekStart: 'sunday' }),
    );
    const r = build(run, '2026-03-08T12:00:00Z'); // a Sunday
    expect(r.weekId).toBe('2026-W11');
    expect(r.model.header).toMatchObject({
      weekStartsOn: 'sunday',
      weekStart: '2026-03-08',
      weekEnd: '2026-03-14',
    });
  });
});

describe('text safety', () => {
  it('formula-like user text stays text; deal names with quotes are escaped in the link', () => {
    const run = execution(
      pipeline([
        [
          'Acme "Big" Deal',
          'Acme',
          '=HYPERLINK("http://evil")',
          'Proposal',
          10,
          '=IMPORTXML("http://example.com","//a")',
        ],
        ['+SUM(1,2)', 'X', 'Ann', '=1+1', 5, '@mention Jane -1'],
      ]),
    );
    const r = build(run, '2026-03-11T08:00:00Z');
    expect(r.ok).toBe(true);
    const tab = run.ss.getSheetByName(r.sheetName)!;
    const range = tab.getDataRange();
    const values = range.getValues();
    const formulas = range.getFormulas();
    const display = range.getDisplayValues();
    const rows = sectionRows(values, 'Vague or missing next steps');
    // Found by their source row (the link's target): the emulator's formula engine (HyperFormula) cannot
    // evaluate a string literal with doubled quotes (Sheets can), so the first link's display value is
    // not checked.
    const byRow = new Map(rows.map((row) => [Number(/range=A(\d+)/.exec(formulas[row - 1][0])![1]), row]));
    const big = byRow.get(2)!;
    expect(formulas[big - 1][0]).toBe(
      `=HYPERLINK("#gid=${run.ss.getSheetByName('Deals')!.getSheetId()}&range=A2", "Acme ""Big"" Deal")`,
    );
    expect(values[big - 1][8]).toBe('=IMPORTXML("http://example.com","//a")');
    expect(formulas[big - 1][8]).toBe('');
    expect(values[big - 1][1]).toBe('=HYPERLINK("http://evil")');
    expect(formulas[big - 1][1]).toBe('');
    const sum = byRow.get(3)!;
    expect(display[sum - 1][0]).toBe('+SUM(1,2)');
    expect(values[sum - 1][2]).toBe('=1+1');
    expect(formulas[sum - 1][2]).toBe('');
    expect(values[sum - 1][8]).toBe('@mention Jane -1');
    // No cell of the tab other than the deal links holds a formula.
    const formulaCells = formulas.flatMap((row, i) => row.map((f, j) => (f ? [i, j] : null))).filter(Boolean);
    expect(formulaCells.every((c) => (c as number[])[1] === 0)).toBe(true);
  });
});

describe('locking', () => {
  it('a second build while one holds the document lock gets a clear message; the trigger records it', () => {
    const first = execution(pipeline(WEEK10));
    expect(first.g.LockService.getDocumentLock().tryLock(1000)).toBe(true); // build #1 in progress
    const second = execution(first.g.spreadsheet);
    expect(() => second.fns.buildReviewNow({ now: '2026-03-11T08:00:00Z' })).toThrow(
      /Another weekly review build is running/,
    );
    const rec = second.fns.runWeeklyReview() as { ok: boolean; message: string };
    expect(rec.ok).toBe(false);
    expect(second.ss.getSheets().map((s) => s.getName())).toEqual(['Deals']); // nothing half-written
    const status = second.fns.getWeeklyReviewStatus() as { lastRun: { ok: boolean; message: string } };
    expect(status.lastRun.ok).toBe(false);
    expect(status.lastRun.message).toMatch(/Another weekly review build is running/);
    first.g.endExecution();
    expect(build(execution(first.g.spreadsheet), '2026-03-11T08:00:00Z').ok).toBe(true);
  });
});

describe('weekly trigger', () => {
  it('on/off is idempotent: one trigger per user per document, Monday 8:00 in the sheet’s zone', () => {
    const run = execution(pipeline(WEEK10));
    const on1 = run.fns.turnWeeklyReviewOn() as { scheduled: boolean; schedule: string; message: string };
    const on2 = run.fns.turnWeeklyReviewOn() as { scheduled: boolean; message: string };
    expect(on1.scheduled).toBe(true);
    expect(on2.scheduled).toBe(true);
    expect(on2.message).toBe('');
    expect(on1.schedule).toBe('Every Monday between 8:00 and 9:00 (Europe/London)');
    const triggers = run.g.ScriptApp.getProjectTriggers();
    expect(triggers).toHaveLength(1);
    expect(triggers[0].getHandlerFunction()).toBe('runWeeklyReview');
    expect(triggers[0].getEventType()).toBe('CLOCK');
    // Another user in the same document gets their own.
    const other = execution(run.g.spreadsheet, { user: 'other@example.com' });
    expect((other.fns.turnWeeklyReviewOn() as { scheduled: boolean }).scheduled).toBe(true);
    const off1 = run.fns.turnWeeklyReviewOff() as { scheduled: boolean };
    const off2 = run.fns.turnWeeklyReviewOff() as { scheduled: boolean };
    expect(off1.scheduled).toBe(false);
    expect(off2.scheduled).toBe(false);
    expect(run.g.ScriptApp.getProjectTriggers()).toHaveLength(0);
    expect((other.fns.getWeeklyReviewStatus() as { scheduled: boolean }).scheduled).toBe(true);
  });

  it('the handler builds the week of its event and records success; failures are recorded, not thrown', () => {
    const run = execution(pipeline(WEEK10));
    const monday = {
      year: 2026,
      month: 3,
      'day-of-month': 16,
      hour: 8,
      minute: 0,
      second: 0,
      timezone: 'Europe/London',
    };
    const ok = run.fns.runWeeklyReview(monday) as { ok: boolean; weekId: string };
    expect(ok).toMatchObject({ ok: true, weekId: '2026-W12' });
    expect(run.ss.getSheetByName('Pipeline review 2026-W12')).not.toBeNull();
    // Break the sheet: no next-step column any more.
    run.ss.getSheetByName('Deals')!.getRange(1, 6).setValue('Notes');
    const failed = run.fns.runWeeklyReview(monday) as { ok: boolean; message: string };
    expect(failed.ok).toBe(false);
    expect(failed.message).toMatch(/next-step column/i);
    const status = JSON.parse(JSON.stringify(run.fns.getWeeklyReviewStatus()));
    expect(status.lastRun).toMatchObject({ ok: false, source: 'trigger' });
    expect(status.failures).toHaveLength(1);
    expect(status.failures[0].message).toMatch(/next-step column/i);
  });
});

describe('history robustness', () => {
  it('a damaged history week is ignored with a recorded problem, never a crash', () => {
    const run = execution(pipeline(WEEK10));
    build(run, '2026-03-04T08:00:00Z');
    const history = run.ss.getSheetByName('Next Step Tracker history')!;
    history.getRange(3, 1).setValue('{"stages":[],"deals":[["tampered"]]}');
    const r = build(execution(run.g.spreadsheet), '2026-03-11T08:00:00Z');
    expect(r.ok).toBe(true);
    expect(r.model.header.previousWeekId).toBeNull();
    expect(r.problems.join(' ')).toMatch(/Review history: the record for 2026-W10 was edited or cut short/);
  });

  it('a foreign sheet with the history name is neither used nor overwritten', () => {
    const run = execution(
      pipeline(WEEK10, [{ name: 'Next Step Tracker history', values: [['my data', 'x']] }]),
    );
    const r = build(run, '2026-03-11T08:00:00Z');
    expect(r.ok).toBe(true);
    expect(r.problems.join(' ')).toMatch(/was not made by Next Step Tracker/);
    expect(run.ss.getSheetByName('Next Step Tracker history')!.getRange(1, 1, 1, 2).getValues()).toEqual([
      ['my data', 'x'],
    ]);
  });

  it('a same-named sheet with blank rows 1–2 but no ownership note is never written to', () => {
    const values = [
      ['', ''],
      ['', ''],
      ['Q3 notes', 'keep me'],
    ];
    const run = execution(pipeline(WEEK10, [{ name: 'Next Step Tracker history', values }]));
    const r = build(run, '2026-03-11T08:00:00Z');
    expect(r.ok).toBe(true);
    expect(r.problems.join(' ')).toMatch(/was not made by Next Step Tracker.*Rename that sheet/);
    const sheet = run.ss.getSheetByName('Next Step Tracker history')!;
    expect(sheet.getRange(1, 1, 3, 2).getValues()).toEqual(values);
    expect(sheet.getLastColumn()).toBe(2);
    // The add-on's own history sheet carries the note, so the next week reads it back.
    const own = execution(pipeline(WEEK10));
    build(own, '2026-03-04T08:00:00Z');
    expect(own.ss.getSheetByName('Next Step Tracker history')!.getRange(1, 1).getNote()).toMatch(
      /^next-step-tracker:history v1/,
    );
    const next = execution(own.g.spreadsheet);
    expect(build(next, '2026-03-11T08:00:00Z').model.header.previousWeekId).toBe('2026-W10');
  });
});

describe("the deal tables' next steps wrap", () => {
  it('wraps column I of every listed deal and no other cell, with one RangeList for the whole tab', () => {
    const run = execution(syntheticPipeline(60));
    run.g.ledger.reset();
    const r = build(run, '2026-03-11T08:00:00Z', false);
    expect(r.ok).toBe(true);
    expect(run.g.ledger.count('Sheet.getRangeList')).toBe(2);
    expect(run.g.ledger.count('RangeList.setWrap')).toBe(1);
    expect(run.g.ledger.count('RangeList.setVerticalAlignment')).toBe(1);
    const tab = run.ss.getSheetByName(r.sheetName)!;
    const rows = tab.getLastRow();
    const values = tab.getRange(1, 1, rows, 10).getValues();
    const wraps = Array.from({ length: rows }, (_, i) =>
      Array.from({ length: 10 }, (_, j) => tab.getRange(i + 1, j + 1).getWrap()),
    );
    // A listed deal is a row whose I holds its step under a "Deal … Next step" header.
    const listed = new Set<number>();
    values.forEach((row, i) => {
      if (row[0] !== 'Deal' || row[8] !== 'Next step') return;
      for (let k = i + 1; k < rows && values[k][0] !== '' && values[k][0] !== 'None.'; k++) {
        if (/^(\+\d+ more for |… and )/.test(String(values[k][0]))) continue;
        listed.add(k);
      }
    });
    expect(listed.size).toBeGreaterThan(20);
    for (const k of listed) expect([k + 1, wraps[k][8]]).toEqual([k + 1, true]);
    wraps.forEach((row, i) =>
      row.forEach((w, j) => {
        if (j !== 8 || !listed.has(i)) {
          // Only "+N more" lines inside a table may share its wrapped block (their I is empty).
          if (w) expect([i + 1, j + 1, values[i][j]]).toEqual([i + 1, 9, '']);
        }
      }),
    );
    // Every cell of a listed deal's row sits at the top, so its name lines up with the step's first
    // line; titles, headers and the summary keep Sheets' default (bottom).
    const aligned = Array.from({ length: rows }, (_, i) =>
      Array.from({ length: 10 }, (_, j) => tab.getRange(i + 1, j + 1).getVerticalAlignment()),
    );
    for (const k of listed) expect([k + 1, new Set(aligned[k])]).toEqual([k + 1, new Set(['top'])]);
    const firstHeader = values.findIndex((row) => row[0] === 'Deal');
    aligned.forEach((row, i) => {
      if (values[i][0] === 'Deal' || i < firstHeader)
        expect([i + 1, new Set(row)]).toEqual([i + 1, new Set(['bottom'])]);
    });
  });

  it('a refused vertical alignment leaves the tab built and wrapped, with rows at the default', () => {
    const run = execution(syntheticPipeline(60));
    const proto = RangeListImpl.prototype as { setVerticalAlignment: (a: string | null) => unknown };
    const original = proto.setVerticalAlignment;
    proto.setVerticalAlignment = () => {
      throw new Error('Exception: Service error: Spreadsheets');
    };
    try {
      const r = build(run, '2026-03-11T08:00:00Z', false);
      expect(r.ok).toBe(true);
      const tab = run.ss.getSheetByName(r.sheetName)!;
      const values = tab.getRange(1, 1, tab.getLastRow(), 10).getValues();
      const first = values.findIndex((row) => row[0] === 'Deal') + 2;
      expect(tab.getRange(first, 9).getWrap()).toBe(true);
      expect(tab.getRange(first, 1).getVerticalAlignment()).toBe('bottom');
    } finally {
      proto.setVerticalAlignment = original;
    }
  });

  it('a pipeline with no open deal builds its tab without asking for an empty RangeList', () => {
    const run = execution(pipeline([['A', 'Acme', 'Ann', 'Closed Won', 1000, '']]));
    run.g.ledger.reset();
    const r = build(run, '2026-03-11T08:00:00Z', false);
    expect(r.ok).toBe(true);
    expect(r.message).toMatch(/0 open deals/);
    expect(run.g.ledger.count('Sheet.getRangeList')).toBe(0);
  });
});

describe('call budget', () => {
  function budget(n: number): Record<string, number> {
    const run = execution(syntheticPipeline(n));
    run.g.ledger.reset();
    const r = build(run, '2026-03-04T08:00:00Z', false);
    expect(r.ok).toBe(true);
    const second = execution(run.g.spreadsheet);
    second.g.ledger.reset();
    expect(build(second, '2026-03-11T08:00:00Z', false).ok).toBe(true);
    return {
      first: run.g.ledger.total(),
      second: second.g.ledger.total(),
      values: second.g.ledger.count('Range.setValues'),
      reads: second.g.ledger.count('Range.getValues'),
    };
  }

  it('does not grow with rows (200 vs 5,000 deals)', () => {
    const small = budget(200);
    const large = budget(5000);
    // The only difference allowed: growing the new tab beyond the default 1,000 rows (one call).
    expect(large.first).toBeLessThanOrEqual(small.first + 2);
    expect(large.second).toBeLessThanOrEqual(small.second + 2);
    expect(large.values).toBe(small.values);
    expect(large.reads).toBe(small.reads);
    expect(large.second).toBeLessThan(120);
  });
});
