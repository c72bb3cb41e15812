import fc from 'fast-check';
import {
  DEFAULT_FORMAT,
  dealLink,
  formulaString,
  layoutReview,
  reviewMarker,
  reviewWeekOf,
  serialDay,
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
    rows: [open(2, 'ok', 'overdue', '2026-03-02'), open(3, 'weak', 'undated'), closed(4)],
    deals: [
      deal(2, '=cmd|"/c calc"!A1', { nextStep: '=IMPORTXML("http://x","//a")', owner: '+1' }),
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
  const layout = layoutReview(model, { sourceSheetId: 9 });

  it('is rectangular and says what week it is', () => {
    for (const grid of [layout.values, layout.formats, layout.backgrounds, layout.weights]) {
      expect(grid.every((row) => row.length === WIDTH)).toBe(true);
      expect(grid).toHaveLength(layout.values.length);
    }
    expect(layout.values[0][0]).toBe('Pipeline review 2026-W11');
    expect(layout.values[1][0]).toBe(
      'Week 2026-W11 (2026-03-09 to 2026-03-15) · source sheet "Pipeline" · generated 2026-03-11 08:00 (Europe/London) · first review: no earlier week to compare',
    );
  });

  it('every string cell is plain text, except the deal links in column A', () => {
    layout.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v !== 'string') return;
        if (v.startsWith('=HYPERLINK(')) {
          expect(c).toBe(0);
          expect(layout.formats[r][c]).toBe(DEFAULT_FORMAT);
        } else expect(layout.formats[r][c]).toBe(TEXT);
      }),
    );
    const flat = layout.values.flat();
    expect(flat).toContain('=IMPORTXML("http://x","//a")');
    expect(flat).toContain('=HYPERLINK("#gid=9&range=A2", "=cmd|""/c calc""!A1")');
  });

  it('caps sections and says how many more there are', () => {
    const many = buildReviewModel({
      rows: Array.from({ length: 30 }, (_, i) => open(i + 2, 'bad', 'undated')),
      deals: Array.from({ length: 30 }, (_, i) => deal(i + 2, `D${i}`)),
      previous: [],
      today: '2026-03-11',
      timeZone: 'UTC',
      generatedAt: '2026-03-11T08:00:00.000Z',
      sourceSheet: 'P',
      config: { weekStart: 'monday' },
    });
    const l = layoutReview(many, { sourceSheetId: 0, maxRowsPerSection: 10 });
    expect(l.anchors.sections['vague-or-missing']).toMatchObject({ shown: 10, total: 30 });
    expect(l.values.flat()).toContain('… and 20 more (this tab lists 10 per section; see the source sheet).');
  });
});
