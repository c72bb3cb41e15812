import fc from 'fast-check';
import {
  CHUNK_CHARS,
  decodeMeta,
  decodeSnapshotColumn,
  encodeSnapshotColumn,
} from '../../../../src/core/review/codec';
import { buildReview, type Snapshot, type SnapshotDeal } from '../../../../src/core/review/model';
import { hashString } from '../../../../src/core/review/hash';
import { closed, deal, open } from './helpers';

function snapshotOf(deals: SnapshotDeal[]): Snapshot {
  return {
    weekId: '2026-W11',
    today: '2026-03-11',
    generatedAt: '2026-03-11T08:00:00.000Z',
    weekStart: 'monday',
    sourceSheet: 'Pipeline',
    summary: {
      openDeals: 1,
      closedDeals: 0,
      verdicts: { ok: 1, weak: 0, bad: 0, missing: 0 },
      missing: 0,
      overdue: 0,
      dueThisWeek: 0,
      stale: 0,
      okShare: 1,
      atRisk: 0,
      amountAtRisk: 0,
    },
    deals,
  };
}

const dealArb: fc.Arbitrary<SnapshotDeal> = fc.record({
  k: fc.string({ minLength: 1, maxLength: 12 }),
  h: fc.string({ maxLength: 12 }),
  v: fc.constantFrom('ok', 'weak', 'bad', 'missing', null),
  t: fc.constantFrom('upcoming', 'due-today', 'overdue', 'stale', 'undated', null),
  s: fc.string({ maxLength: 20 }),
  a: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }),
  d: fc.option(
    fc.integer({ min: 0, max: 60_000 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10)),
    { nil: null },
  ),
  c: fc.boolean(),
  z: fc.nat(60),
}) as fc.Arbitrary<SnapshotDeal>;

describe('history codec', () => {
  it('round-trips any snapshot, with any chunk size', () => {
    fc.assert(
      fc.property(fc.array(dealArb, { maxLength: 40 }), fc.integer({ min: 5, max: 500 }), (deals, chunk) => {
        const s = snapshotOf(deals);
        const col = encodeSnapshotColumn(s, chunk);
        expect(col.slice(2).every((p) => p.length <= chunk)).toBe(true);
        const back = decodeSnapshotColumn(col);
        // -0 reads back as 0 through JSON.
        expect(back.snapshot).toEqual({
          ...s,
          deals: s.deals.map((d) => ({ ...d, a: d.a === 0 ? 0 : d.a })),
        });
      }),
    );
  });

  it('round-trips a real snapshot', () => {
    const { snapshot } = buildReview({
      rows: [open(2, 'ok', 'upcoming', '2026-03-20'), closed(3)],
      deals: [deal(2, 'A'), deal(3, 'B', { stage: 'Closed Won' })],
      previous: [],
      today: '2026-03-11',
      timeZone: 'UTC',
      generatedAt: '2026-03-11T08:00:00Z',
      sourceSheet: 'Pipeline',
      config: { weekStart: 'monday' },
    });
    expect(decodeSnapshotColumn(encodeSnapshotColumn(snapshot)).snapshot).toEqual(snapshot);
  });

  it('reports damage instead of throwing', () => {
    const col = encodeSnapshotColumn(
      snapshotOf([{ k: 'a', h: 'b', v: 'ok', t: 'upcoming', s: 'P', a: 1, d: null, c: false, z: 1 }]),
      10,
    );
    expect(decodeSnapshotColumn(['', '']).empty).toBe(true);
    expect(decodeSnapshotColumn(['hello', col[1]]).problem).toMatch(/not a week id/);
    expect(decodeSnapshotColumn([col[0], '{not json']).problem).toMatch(/not readable/);
    expect(decodeSnapshotColumn([col[0], '{"app":"other"}']).problem).toMatch(
      /not written by Next Step Tracker/,
    );
    expect(decodeSnapshotColumn(['2026-W12', col[1], ...col.slice(2)]).problem).toMatch(/names another week/);
    const edited = [...col];
    edited[3] = edited[3].replace(/./, 'x');
    expect(decodeSnapshotColumn(edited).problem).toMatch(/edited or cut short/);
    expect(decodeSnapshotColumn(col.slice(0, -1)).problem).toMatch(/edited or cut short/);
    // A payload that passes the check but holds a malformed deal (hand-made).
    const payload = JSON.stringify({ stages: ['P'], deals: [['a', 'b', 'X', 'u', 0, 1, null, 0, 1]] });
    const meta = JSON.parse(col[1]);
    const bad = [
      col[0],
      JSON.stringify({ ...meta, parts: 1, length: payload.length, check: hashString(payload) }),
      payload,
    ];
    expect(decodeSnapshotColumn(bad).problem).toMatch(/malformed deal/);
    expect(decodeMeta('2026-W11', JSON.stringify({ ...meta, summary: null })).problem).toMatch(/incomplete/);
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 6 }), (cells) => {
        decodeSnapshotColumn(cells);
        return true;
      }),
    );
  });

  it('packs 50,000 deals into well under 100 cells (capacity arithmetic in docs/review.md)', () => {
    const deals: SnapshotDeal[] = [];
    for (let i = 0; i < 50_000; i++) {
      deals.push({
        k: hashString(`deal ${i}`),
        h: hashString(`step ${i}`),
        v: 'weak',
        t: 'upcoming',
        s: ['Discovery', 'Proposal', 'Negotiation', 'Closed Won'][i % 4],
        a: 125_000 + i,
        d: '2026-03-20',
        c: false,
        z: 12,
      });
    }
    const col = encodeSnapshotColumn(snapshotOf(deals));
    const chars = col.slice(2).reduce((n, p) => n + p.length, 0);
    expect(chars / 50_000).toBeLessThan(65); // characters per deal
    expect(col.length).toBeLessThan(2 + 85);
    expect(col.slice(2).every((p) => p.length <= CHUNK_CHARS)).toBe(true);
    // 26 weeks of this: cells used in the history sheet.
    expect(26 * col.length).toBeLessThan(2_300);
  });
});
