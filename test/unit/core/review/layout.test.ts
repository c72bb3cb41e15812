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
  chartExtent,
  TEXT,
  WIDTH,
} from '../../../../src/core/review/layout';
import { buildReviewModel } from '../../../../src/core/review/model';
import { closed, deal, open } from './helpers';

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
    previous: [],
    today: '2026-03-11',
    timeZone: 'Europe/London',
    generatedAt: '2026-03-11T08:00:00.000Z',
    sourceSheet: 'Pipeline',
    config: { weekStart: 'monday' },
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
    const many = buildReviewModel({
      rows: Array.from({ length: 30 }, (_, i) => open(i + 2, 'bad', 'undated')),
      deals: Array.from({ length: 30 }, (_, i) =>
        deal(i + 2, `D${i}`, { owner: i % 2 ? 'Ann' : 'Bob', amount: 1000 + i }),
      ),
      previous: [],
      today: '2026-03-11',
      timeZone: 'UTC',
      generatedAt: '2026-03-11T08:00:00.000Z',
      sourceSheet: 'P',
      config: { weekStart: 'monday' },
    });
    const l = layoutReview(many, { locale: 'en_GB', maxRowsPerSection: 10 });
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

  it('uses narrow columns for numbers: wide columns only hold next steps and reasons', () => {
    const wide = layout.columnWidths.map((w, i) => (w > 150 ? i : -1)).filter((i) => i > 0);
    expect(wide).toEqual([8, 9]);
    for (const row of layout.rows) {
      for (const i of wide) {
        const cell = row[i].cell;
        if (cell) expect(cell.kind).toBe('text');
      }
    }
  });
});
