import fc from 'fast-check';
import {
  DEFAULT_FORMAT,
  dealLink,
  formulaString,
  layoutReview,
  reviewMarker,
  reviewWeekOf,
  serialDay,
  sheetsGrid,
  stepShown,
  STEP_SHOWN_MAX,
  chartExtent,
  ALL_OWNERS,
  completionFormat,
  GROUP_COLUMNS,
  NOTHING_DUE,
  OWNER_LOOP_COLUMNS,
  TEXT,
  WIDTH,
  type LayoutCell,
} from '../../../../src/core/review/layout';
import { buildReviewModel, type ReviewModel } from '../../../../src/core/review/model';
import { closed, deal, open } from './helpers';

/** The review's week and source, shared by the models below (Wednesday 11 March 2026, London). */
const WEEK = {
  previous: [],
  today: '2026-03-11',
  timeZone: 'Europe/London',
  generatedAt: '2026-03-11T08:00:00.000Z',
  sourceSheet: 'Pipeline',
  config: { weekStart: 'monday' as const },
};

/** 30 open deals judged bad, alternating between Ann and Bob, D29 the biggest; steps as given. */
function thirtyVagueDeals(step?: (i: number) => string): ReviewModel {
  return buildReviewModel({
    rows: Array.from({ length: 30 }, (_, i) => open(i + 2, 'bad', 'undated')),
    deals: Array.from({ length: 30 }, (_, i) =>
      deal(i + 2, `D${i}`, {
        owner: i % 2 ? 'Ann' : 'Bob',
        amount: 1000 + i,
        ...(step ? { nextStep: step(i) } : {}),
      }),
    ),
    previous: [],
    today: '2026-03-11',
    timeZone: 'UTC',
    generatedAt: '2026-03-11T08:00:00.000Z',
    sourceSheet: 'P',
    config: { weekStart: 'monday' },
  });
}

describe('links and markers', () => {
  it('escapes quotes in the HYPERLINK label', () => {
    expect(formulaString('Acme "Big" Deal')).toBe('"Acme ""Big"" Deal"');
    expect(dealLink(7, 12, 'Acme "Big" Deal')).toBe('=HYPERLINK("#gid=7&range=A12", "Acme ""Big"" Deal")');
    expect(dealLink(7, 12, '  ')).toBe('=HYPERLINK("#gid=7&range=A12", "(row 12)")');
  });

  it('a label always parses back to the same text (quotes balanced)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        const f = dealLink(0, 2, name);
        const m = /, "((?:[^"]|"")*)"\)$/.exec(f);
        if (!m) return false;
        const label = m[1].replace(/""/g, '"');
        return name.trim() === '' ? label === '(row 2)' : name.length > 200 || label === name;
      }),
    );
  });

  it('shows a next step whole up to 240 characters, else its start and "…", never half a character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', '😀', 'é', '\n'), minLength: 200, maxLength: 300 }),
        (step) => {
          const shown = stepShown(step);
          expect(shown.length).toBeLessThanOrEqual(STEP_SHOWN_MAX);
          if (step.length <= STEP_SHOWN_MAX) expect(shown).toBe(step);
          else {
            expect(shown.endsWith('…')).toBe(true);
            expect(step.startsWith(shown.slice(0, -1))).toBe(true);
            expect(shown).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
          }
        },
      ),
    );
  });

  it('recognises its own tabs only by name and A1 note together', () => {
    const note = reviewMarker('2026-W11', 5);
    expect(reviewWeekOf('Pipeline review 2026-W11', note)).toBe('2026-W11');
    expect(reviewWeekOf('Pipeline review 2026-W11', '')).toBeNull();
    expect(reviewWeekOf('Pipeline review 2026-W11', reviewMarker('2026-W10', 5))).toBeNull();
    expect(reviewWeekOf('Copy of Pipeline review 2026-W11', note)).toBeNull();
    expect(reviewWeekOf('Pipeline review 2026-W11 (old)', note)).toBeNull();
  });

  it('writes days as Sheets serial numbers', () => {
    expect(serialDay('1899-12-31')).toBe(1);
    expect(serialDay('2026-03-11')).toBe(46092);
  });
});

describe('layoutReview', () => {
  const model = buildReviewModel({
    rows: [
      open(2, 'ok', 'overdue', '2026-03-02', ['Due 2026-03-02, 9 days ago']),
      open(3, 'weak', 'undated'),
      closed(4),
    ],
    deals: [
      deal(2, '=cmd|"/c calc"!A1', { nextStep: '=IMPORTXML("http://x","//a")', owner: '+1', amount: 1500.5 }),
      deal(3, 'B', { nextStep: '@risk', stage: '-2' }),
      deal(4, 'C', { stage: 'Closed Won', closeDate: '2026-03-10' }),
    ],
    ...WEEK,
  });
  const layout = layoutReview(model, { locale: 'en_GB', amountColumnFormat: '£#,##0.00' });
  const grid = sheetsGrid(layout, 9);
  const texts = layout.rows.flat().map((c) => (c.cell?.kind === 'text' ? c.cell.text : ''));

  it('is rectangular and says what week it is, in the locale', () => {
    for (const g of [grid.values, grid.formats, grid.backgrounds, grid.weights]) {
      expect(g.every((row) => row.length === WIDTH)).toBe(true);
      expect(g).toHaveLength(layout.rows.length);
    }
    expect(grid.values[0][0]).toBe('Pipeline review: week 11, 9 Mar 2026 to 15 Mar 2026');
    expect(grid.values[1][0]).toBe(
      'Source sheet "Pipeline" · built 11 Mar 2026 08:00 (Europe/London) · first review: nothing earlier to compare with',
    );
    const us = layoutReview(model, { locale: 'en_US' });
    expect(us.rows[0][0].cell).toEqual({
      kind: 'text',
      text: 'Pipeline review: week 11, Mar 9, 2026 to Mar 15, 2026',
    });
  });

  it('every string cell is plain text, except the deal links in column A', () => {
    grid.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v !== 'string') return;
        if (v.startsWith('=HYPERLINK(')) {
          expect(c).toBe(0);
          expect(grid.formats[r][c]).toBe(DEFAULT_FORMAT);
        } else expect(grid.formats[r][c]).toBe(TEXT);
      }),
    );
    const flat = grid.values.flat();
    expect(flat).toContain('=IMPORTXML("http://x","//a")');
    expect(flat).toContain('=HYPERLINK("#gid=9&range=A2", "=cmd|""/c calc""!A1")');
  });

  it('shows words, locale dates, the amount column’s format and reasons as sentences', () => {
    const row = layout.rows.find((r) => r[0].cell?.kind === 'link' && r[0].cell.row === 2)!;
    expect(row[3].cell).toEqual({ kind: 'number', value: 1500.5, format: '£#,##0.00' });
    expect(row[4].cell).toEqual({ kind: 'date', iso: '2026-03-02', format: 'd mmm yyyy' });
    expect(row[5].cell).toEqual({ kind: 'text', text: 'OK' });
    expect(row[6].cell).toEqual({ kind: 'text', text: 'Overdue' });
    expect(row[7].cell).toEqual({ kind: 'number', value: 9, format: '#,##0' });
    expect(row[9].cell).toEqual({ kind: 'text', text: 'Due 2 Mar 2026, 9 days ago.' });
    for (const t of texts) expect(t).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    const amountAtRisk = layout.rows.find(
      (r) => r[0].cell?.kind === 'text' && r[0].cell.text === 'Amount at risk',
    )!;
    expect(amountAtRisk[1].cell).toMatchObject({ format: '£#,##0.00' });
  });

  it('lists each section’s top deals per owner with "+N more", and every deal at the end', () => {
    const l = layoutReview(thirtyVagueDeals(), { locale: 'en_GB', maxRowsPerSection: 10 });
    const a = l.anchors.sections['vague-or-missing']!;
    expect(a.total).toBe(30);
    expect(a.rows).toHaveLength(6); // three each for Ann and Bob
    const label = (r: number) => (l.rows[r - 1][0].cell as { label: string }).label;
    // Ann holds the biggest deal (D29: 1,029), so her deals come first, most at stake first.
    expect(a.rows.map(label)).toEqual(['D29', 'D27', 'D25', 'D28', 'D26', 'D24']);
    const text = l.rows.flat().map((c) => (c.cell?.kind === 'text' ? c.cell.text : ''));
    expect(text).toContain('+12 more for Ann');
    expect(text).toContain('+12 more for Bob');
    expect(l.anchors.everyDeal['vague-or-missing']).toMatchObject({ total: 30 });
    expect(l.anchors.everyDeal['vague-or-missing']!.rows).toHaveLength(10);
    expect(text).toContain('… and 20 more (this tab lists 10 per section).');
    // The "This week" list: at most 15, most at stake first.
    expect(l.anchors.thisWeek.rows.map(label)).toEqual(Array.from({ length: 15 }, (_, i) => `D${29 - i}`));
  });

  it('keeps the completion note short enough to show in C and D, beside the owners chart', () => {
    const base = thirtyVagueDeals();
    const none = { dueLastWeek: 0, completed: 0, notFound: 0, rate: null };
    const cases = [
      { previousWeekId: null, completion: none },
      { previousWeekId: '2026-W10', completion: none },
      { previousWeekId: '2026-W10', completion: { dueLastWeek: 3, completed: 0, notFound: 3, rate: null } },
      {
        previousWeekId: '2026-W10',
        completion: { dueLastWeek: 1234, completed: 999, notFound: 100, rate: 0.88 },
      },
    ];
    const notes = cases.map(({ previousWeekId, completion }) => {
      const m: ReviewModel = { ...base, header: { ...base.header, previousWeekId }, completion };
      const l = layoutReview(m, { locale: 'en_GB' });
      const row = l.rows.find(
        (r) => r[0].cell?.kind === 'text' && r[0].cell.text === 'Steps due last week completed',
      )!;
      return (row[2].cell as { text: string }).text;
    });
    expect(notes).toEqual([
      'No earlier review.',
      'None were due last week.',
      'None still in the sheet.',
      '999 of 1134 (100 not in sheet)',
    ]);
    // About 30 characters of the sheet's 10 pt font fit in C and D (220 px) before the chart.
    for (const n of notes) expect(n.length).toBeLessThanOrEqual(30);
  });

  it("wraps every deal table's next steps (I) and tops its rows, nothing else; a long step is cut at 240 characters", () => {
    const long = 'Send the revised MSA to legal and confirm the redlines with the CFO. '.repeat(6);
    const many = thirtyVagueDeals((i) => (i === 29 ? long : `step ${i}`));
    const l = layoutReview(many, { locale: 'en_GB', maxRowsPerSection: 10 });
    const tables = [
      l.anchors.thisWeek,
      ...Object.values(l.anchors.sections),
      ...Object.values(l.anchors.everyDeal),
    ].filter((t) => t.rows.length > 0);
    expect(l.wrapped).toHaveLength(tables.length);
    const wraps = (r: number, c: number) =>
      l.wrapped.some((b) => r >= b.row && r < b.row + b.rows && c >= b.column && c < b.column + b.columns);
    for (const t of tables) for (const r of t.rows) expect([r, wraps(r, 9)]).toEqual([r, true]);
    // Only column I, only inside deal tables: never a header, a title, the summary or the by-owner table.
    for (const b of l.wrapped) expect([b.column, b.columns]).toEqual([9, 1]);
    for (const t of tables) expect(wraps(t.header, 9)).toBe(false);
    // The same tables' rows, A..J, sit at the top; nothing else does (headers included).
    expect(l.topAligned).toEqual(l.wrapped.map((b) => ({ ...b, column: 1, columns: 10 })));
    const top = (r: number) => l.topAligned.some((b) => r >= b.row && r < b.row + b.rows);
    for (const t of tables) for (const r of t.rows) expect([r, top(r)]).toEqual([r, true]);
    for (const t of tables) expect(top(t.header)).toBe(false);
    for (let r = 1; r <= l.anchors.thisWeek.header; r++) expect(top(r)).toBe(false);
    for (let r = l.anchors.ownerHeader; r <= l.anchors.ownerLast; r++) expect(wraps(r, 9)).toBe(false);
    for (let r = 1; r <= l.anchors.thisWeek.header; r++) expect(wraps(r, 9)).toBe(false);
    // D29 leads "This week": its step is shown to 240 characters, ending in "…"; short steps as written.
    const [first, second] = l.anchors.thisWeek.rows.map((r) => l.rows[r - 1][8].cell);
    expect(first).toEqual({ kind: 'text', text: `${long.slice(0, 239).trimEnd()}…` });
    expect((first as { text: string }).text.length).toBeLessThanOrEqual(240);
    expect(second).toEqual({ kind: 'text', text: 'step 28' });
  });

  it('places both charts within A1:T45, beside the summary', () => {
    expect(layout.charts.map((c) => c.id)).toEqual(['owners', 'trend']);
    for (const c of layout.charts) {
      const end = chartExtent(c, layout.columnWidths.concat(Array(10).fill(100)));
      expect(end.column).toBeLessThanOrEqual(20);
      expect(end.row).toBeLessThanOrEqual(45);
      expect(c.anchorRow).toBe(layout.anchors.summaryHeader - 1);
      expect(c.anchorColumn).toBeGreaterThan(3); // right of the summary's three columns
    }
  });

  it('uses narrow columns for numbers: the wide column holds next steps, and of numbers only completion', () => {
    const wide = layout.columnWidths.map((w, i) => (w > 150 ? i : -1)).filter((i) => i > 0);
    expect(wide).toEqual([8]);
    // A..J fit a 1440 px screen beside Sheets' row numbers (46 px) and a scroll bar.
    expect(layout.columnWidths.reduce((a, b) => a + b, 0) + 46 + 15).toBeLessThanOrEqual(1440);
    for (const l of [layout, ownerLayout()]) {
      for (const row of l.rows) {
        for (const i of wide) {
          const cell = row[i].cell;
          // The completion rate carries its counts in words ("17% (1 of 6)"), so it reads in a wide cell.
          if (cell?.kind === 'number') expect(cell.format).toMatch(/^0%" \(\d+ of \d+\)"$/);
          else if (cell) expect(cell.kind).toBe('text');
        }
      }
    }
  });
});

/** A model with close-the-loop figures on its owners, as core/review/close-loop.ts leaves them. */
function ownerModel(closeLoop = true): ReviewModel {
  const model = buildReviewModel({
    rows: [
      open(2, 'ok', 'upcoming', '2026-03-20'),
      open(3, 'bad', 'overdue', '2026-03-02'),
      open(4, 'weak', 'undated'),
      open(5, 'ok', 'upcoming', '2026-03-19'),
    ],
    deals: [
      deal(2, 'Acme', { owner: 'Maria', amount: 5000 }),
      deal(3, 'Globex', { owner: '<img src=x onerror=alert(1)>', amount: 2000 }),
      deal(4, 'Initech', { owner: '=HYPERLINK("http://evil","x")', amount: 1000 }),
      deal(5, 'Umbrella', { owner: 'Maria', amount: 500 }),
    ],
    ...WEEK,
  });
  if (!closeLoop) return model;
  const completion: Record<string, { due: number; done: number; rate: number | null }> = {
    Maria: { due: 1, done: 1, rate: 1 },
    '<img src=x onerror=alert(1)>': { due: 2, done: 0, rate: 0 },
    '=HYPERLINK("http://evil","x")': { due: 0, done: 0, rate: null },
  };
  for (const g of model.byOwner) {
    g.completion = completion[g.name];
    g.slipped = g.name === 'Maria' ? 0 : g.name.startsWith('<img') ? 1 : 0;
  }
  model.closeLoop = {
    completionSource: 'log',
    // Ben's deals all closed (or his name is no longer in the owner column): his steps still count.
    completion: { due: 6, done: 1, rate: 1 / 6 },
    completionByOwner: [
      { owner: '<img src=x onerror=alert(1)>', due: 2, done: 0, rate: 0 },
      { owner: 'Ben Reid', due: 3, done: 0, rate: 0 },
      { owner: 'MARIA', due: 1, done: 1, rate: 1 },
    ],
    slipped: 1,
    snoozed: [],
  };
  return model;
}

function ownerLayout() {
  return layoutReview(ownerModel(), { locale: 'en_GB', amountColumnFormat: '£#,##0' });
}

describe('the by-owner table: completion of last week’s steps and slipped deals', () => {
  const l = ownerLayout();
  const head = l.anchors.ownerHeader;
  const row = (r: number) => l.rows[r - 1].map((c) => c.cell);
  const byName = new Map(
    l.rows.slice(head).map((r, i) => [r[0].cell?.kind === 'text' ? r[0].cell.text : '', head + 1 + i]),
  );

  it('adds "Done (due last week)" and "Slipped" in I and J of its header', () => {
    expect(row(head).map((c) => (c?.kind === 'text' ? c.text : null))).toEqual([
      'Owner',
      ...GROUP_COLUMNS.slice(1),
      ...OWNER_LOOP_COLUMNS,
    ]);
    expect(OWNER_LOOP_COLUMNS).toEqual(['Done (due last week)', 'Slipped']);
  });

  it('shows the rate as a number whose format carries the counts; "–" when nothing was due', () => {
    const maria = row(byName.get('Maria')!);
    expect(maria[8]).toEqual({ kind: 'number', value: 1, format: '0%" (1 of 1)"' });
    expect(maria[9]).toEqual({ kind: 'number', value: 0, format: '#,##0' });
    const img = row(byName.get('<img src=x onerror=alert(1)>')!);
    expect(img[0]).toEqual({ kind: 'text', text: '<img src=x onerror=alert(1)>' });
    expect(img[8]).toEqual({ kind: 'number', value: 0, format: '0%" (0 of 2)"' });
    expect(img[9]).toEqual({ kind: 'number', value: 1, format: '#,##0' });
    const formula = row(byName.get('=HYPERLINK("http://evil","x")')!);
    expect(formula[0]).toEqual({ kind: 'text', text: '=HYPERLINK("http://evil","x")' });
    expect(formula[8]).toEqual({ kind: 'text', text: NOTHING_DUE });
    expect(NOTHING_DUE).toBe('–');
    expect(completionFormat(1234, 5000)).toBe('0%" (1,234 of 5,000)"');
  });

  it('lists an owner with steps due but no open deal after the others, outside the chart', () => {
    const ben = byName.get('Ben Reid')!;
    expect(ben).toBe(l.anchors.ownerLast + 1);
    expect(row(ben)[1]).toEqual({ kind: 'number', value: 0, format: '#,##0' });
    expect(row(ben)[8]).toEqual({ kind: 'number', value: 0, format: '0%" (0 of 3)"' });
    // "MARIA" in the log is Maria's row (owners match as the model matches them): no second row.
    expect([...byName.keys()].filter((n) => /maria/i.test(n))).toEqual(['Maria']);
    const chart = l.charts.find((c) => c.id === 'owners')!;
    expect(chart.ranges).toEqual([
      { row: head, column: 1, rows: 4, columns: 1 },
      { row: head, column: 4, rows: 4, columns: 3 },
    ]);
    expect(l.anchors.ownerLast - head).toBe(3);
  });

  it('ends with an "All owners" line: the table’s totals and the overall completion, bold', () => {
    const all = byName.get(ALL_OWNERS)!;
    expect(all).toBe(l.anchors.ownerLast + 2);
    const cells = row(all);
    expect(cells[1]).toEqual({ kind: 'number', value: 4, format: '#,##0' });
    expect(cells[2]).toEqual({ kind: 'number', value: 0.5, format: '0.0%' });
    expect(cells[7]).toEqual({ kind: 'number', value: 3000, format: '£#,##0' });
    expect(cells[8]).toEqual({ kind: 'number', value: 1 / 6, format: '0%" (1 of 6)"' });
    expect(cells[9]).toEqual({ kind: 'number', value: 1, format: '#,##0' });
    expect(l.rows[all - 1].every((c) => c.bold)).toBe(true);
  });

  it('right-aligns exactly the Done and Slipped cells, "All owners" included, so "–" lines up', () => {
    expect(l.rightAligned).toEqual([
      { row: head + 1, column: 9, rows: byName.get(ALL_OWNERS)! - head, columns: 2 },
    ]);
    // Every "–" of the tab lies in a right-aligned block.
    const inBlock = (r: number, c: number) =>
      l.rightAligned.some(
        (b) => r >= b.row && r < b.row + b.rows && c >= b.column && c < b.column + b.columns,
      );
    l.rows.forEach((cells, i) =>
      cells.forEach((x, j) => {
        if (x.cell?.kind === 'text' && x.cell.text === NOTHING_DUE) expect(inBlock(i + 1, j + 1)).toBe(true);
      }),
    );
  });

  it('keeps the charts above the table, clear of its new columns', () => {
    for (const c of l.charts)
      expect(chartExtent(c, l.columnWidths.concat(Array(10).fill(100))).row).toBeLessThan(head);
  });

  it('without close-the-loop figures shows "–", and the summary’s completion on the last line', () => {
    const plain = layoutReview(ownerModel(false), { locale: 'en_GB' });
    const h = plain.anchors.ownerHeader;
    for (let r = h + 1; r <= plain.anchors.ownerLast; r++) {
      expect(plain.rows[r - 1][8].cell).toEqual({ kind: 'text', text: '–' });
      expect(plain.rows[r - 1][9].cell).toEqual({ kind: 'text', text: '–' });
    }
    const all = plain.rows[plain.anchors.ownerLast];
    expect(all[0].cell).toEqual({ kind: 'text', text: ALL_OWNERS });
    expect(all[8].cell).toEqual({ kind: 'text', text: '–' }); // first review: nothing was due
  });

  it('every owner with steps due appears once, and the rows add up to the last line (property)', () => {
    const name = fc.constantFrom('Ann', 'ann ', 'Bob', '=1+1', '<b>x</b>', '', '(no owner)');
    fc.assert(
      fc.property(
        fc.array(fc.record({ owner: name, due: fc.nat(5), done: fc.nat(5) }), { maxLength: 6 }),
        (log) => {
          const m = ownerModel();
          const merged = new Map<string, { owner: string; due: number; done: number }>();
          for (const e of log) {
            const owner = e.owner.trim() || '(no owner)';
            const key = owner.toLowerCase();
            const o = merged.get(key) ?? { owner, due: 0, done: 0 };
            o.due += e.due;
            o.done += Math.min(e.done, e.due);
            merged.set(key, o);
          }
          const byOwner = [...merged.values()].map((o) => ({ ...o, rate: o.due ? o.done / o.due : null }));
          for (const g of m.byOwner)
            g.completion = byOwner.find((o) => o.owner.toLowerCase() === g.name.toLowerCase());
          const due = byOwner.reduce((n, o) => n + o.due, 0);
          const done = byOwner.reduce((n, o) => n + o.done, 0);
          m.closeLoop = {
            ...m.closeLoop!,
            completionByOwner: byOwner,
            completion: { due, done, rate: due ? done / due : null },
          };
          const out = layoutReview(m, { locale: 'en_GB' });
          const counts = (c: LayoutCell | null) => {
            const x = c?.kind === 'number' ? /^0%" \((\d+) of (\d+)\)"$/.exec(c.format) : null;
            return x ? [Number(x[1]), Number(x[2])] : [0, 0];
          };
          const rows = out.rows.slice(out.anchors.ownerHeader);
          const end = rows.findIndex((r) => r[0].cell?.kind === 'text' && r[0].cell.text === ALL_OWNERS);
          const owners = rows.slice(0, end);
          const sums = owners
            .map((r) => counts(r[8].cell))
            .reduce((a, b) => [a[0] + b[0], a[1] + b[1]], [0, 0]);
          const listed = owners.map((r) => (r[0].cell as { text: string }).text.trim().toLowerCase());
          return (
            end >= 0 &&
            new Set(listed).size === listed.length &&
            byOwner.every((o) => o.due === 0 || listed.includes(o.owner.toLowerCase())) &&
            sums[0] === done &&
            sums[1] === due &&
            JSON.stringify(counts(rows[end][8].cell)) === JSON.stringify([done, due])
          );
        },
      ),
    );
  });
});
