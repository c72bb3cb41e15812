import fc from 'fast-check';
import { analyzeRows, analyzeText, writtenOnOf } from '../../../src/core/analyze';
import { defaultConfig } from '../../../src/core/config';
import { cellToIsoDate } from '../../../src/core/dates/cell';
import { isIsoDate } from '../../../src/core/dates/calendar';
import type { CellValue, TextAnalysis } from '../../../src/core/types';

const VERDICTS = ['ok', 'weak', 'bad', 'missing'];
const TIMINGS = ['upcoming', 'due-today', 'overdue', 'stale', 'undated'];
const RULES = [
  'missing',
  'filler',
  'no-action',
  'no-time',
  'no-party',
  'overdue',
  'stale',
  'far-future',
  'after-close',
  'close-passed',
];
const SEVERITIES = ['error', 'warning', 'suggestion'];

const words = fc.constantFrom(
  'send',
  'follow up',
  'demo',
  'Jane',
  'CFO',
  'next week',
  'EOW',
  '10/03',
  'on the 16th',
  'waiting',
  'sent',
  'soon',
  'Q2',
  'w/c 12/3',
  'mid June',
  'Tues',
  '—',
  ';',
  '.',
  '#N/A',
  '2026-02-30',
  '31/02',
  '99/99',
  '0/0',
);
const sentence = fc.array(words, { maxLength: 12 }).map((w) => w.join(' '));
const errors = fc.constantFrom('#N/A', '#REF!', '#VALUE!', '#ERROR!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!');
const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  sentence,
  errors,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(''),
);
const day = fc
  .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2090, 0, 1)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const locale = fc.constantFrom('en_GB', 'en_US', 'de_DE', 'en', '', 'zz_ZZ');
const zone = fc.constantFrom(
  'Europe/London',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Pacific/Kiritimati',
  'Bad/Zone',
);

function valid(a: TextAnalysis, text: CellValue): void {
  expect(VERDICTS).toContain(a.verdict);
  expect(Number.isInteger(a.score)).toBe(true);
  expect(a.score).toBeGreaterThanOrEqual(0);
  expect(a.score).toBeLessThanOrEqual(100);
  if (a.due !== undefined) expect(isIsoDate(a.due)).toBe(true);
  if (a.writtenOn !== undefined) expect(isIsoDate(a.writtenOn)).toBe(true);
  const len = typeof text === 'string' ? text.length : Infinity;
  for (const f of a.findings) {
    expect(RULES).toContain(f.rule);
    expect(SEVERITIES).toContain(f.severity);
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.length).toBeGreaterThanOrEqual(0);
    if (typeof text === 'string') expect(f.start + f.length).toBeLessThanOrEqual(len);
  }
}

describe('properties of analyzeText', () => {
  it('never throws and always yields a valid result, for any cell value', () => {
    fc.assert(
      fc.property(anyCell, day, locale, zone, (cell, today, loc, tz) => {
        valid(analyzeText(cell, { today, timeZone: tz, locale: loc }), cell);
      }),
      { numRuns: 600 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(anyCell, day, (cell, today) => {
        const ctx = { today, timeZone: 'Europe/London', locale: 'en_GB' };
        expect(analyzeText(cell, ctx)).toEqual(analyzeText(cell, ctx));
      }),
      { numRuns: 300 },
    );
  });

  it('the verdict and score never depend on today', () => {
    fc.assert(
      fc.property(fc.oneof(sentence, anyCell), day, day, (cell, t1, t2) => {
        const a = analyzeText(cell, { today: t1, timeZone: 'Europe/London', locale: 'en_GB' });
        const b = analyzeText(cell, { today: t2, timeZone: 'Europe/London', locale: 'en_GB' });
        expect(a.verdict).toBe(b.verdict);
        expect(a.score).toBe(b.score);
        expect(a.findings.map((f) => f.rule)).toEqual(b.findings.map((f) => f.rule));
      }),
      { numRuns: 300 },
    );
  });

  it('handles 50,000-character strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }), (chunk) => {
        const long = chunk.repeat(Math.ceil(50_000 / chunk.length)).slice(0, 50_000);
        valid(analyzeText(long, { today: '2026-03-15', timeZone: 'UTC', locale: 'en_GB' }), long);
      }),
      { numRuns: 20 },
    );
  });

  it('an invalid Date is judged, not thrown on', () => {
    const a = analyzeText(new Date('nope'), { today: '2026-03-15', timeZone: 'UTC', locale: 'en_GB' });
    expect(a.verdict).toBe('bad');
  });
});

describe('properties of analyzeRows', () => {
  it('one valid result per row, whatever the cells', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyCell, { maxLength: 6 }), { maxLength: 8 }), day, (rows, today) => {
        const out = analyzeRows(
          rows,
          { deal: 0, stage: 1, nextStep: 2, nextStepDue: 3, nextStepUpdated: 4 },
          defaultConfig(),
          {
            today,
            timeZone: 'Europe/London',
            locale: 'en_GB',
            firstRowNumber: 2,
          },
        );
        expect(out).toHaveLength(rows.length);
        out.forEach((r, i) => {
          expect(r.row).toBe(2 + i);
          if (r.status === 'open') {
            expect(VERDICTS).toContain(r.verdict);
            expect(TIMINGS).toContain(r.timing);
          } else {
            expect(r.verdict).toBeNull();
            expect(r.timing).toBeNull();
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('properties of writtenOnOf', () => {
  // Log-style starts in the shapes real entries use, then anything.
  const logged = fc
    .tuple(
      fc.constantFrom(
        '10/03',
        '06.03,',
        '05/03/26 -',
        '12 Mar, 2026 -',
        '18/2 BR',
        'Mar 5 -',
        '29/02',
        '31/12 MF:',
        '2/29',
      ),
      fc.oneof(sentence, fc.string({ maxLength: 30 })),
    )
    .map(([prefix, rest]) => `${prefix} ${rest}`);
  const updatedCell: fc.Arbitrary<CellValue> = fc.oneof(
    anyCell,
    fc.constantFrom('10/03', '29/02', '3/4/2026', '2026-03-10', '45000', 'yesterday'),
    fc.integer({ min: 40000, max: 50000 }),
  );
  const stage = fc.constantFrom('Discovery', 'Closed Won', 'closed lost', '', null, 'Proposal');

  it("is analyzeRows' writtenOn for the same row and day, whatever the cells", () => {
    fc.assert(
      fc.property(
        fc.tuple(stage, fc.oneof(logged, anyCell), updatedCell, fc.oneof(anyCell, fc.constant('12/03'))),
        day,
        locale,
        zone,
        fc.boolean(),
        ([stageCell, step, updated, due], today, loc, timeZone, withUpdated) => {
          const mapping = withUpdated
            ? { deal: 0, stage: 1, nextStep: 2, nextStepDue: 3, nextStepUpdated: 4 }
            : { deal: 0, stage: 1, nextStep: 2, nextStepDue: 3 };
          const row: CellValue[] = ['Deal', stageCell, step, due, updated];
          const ctx = { today, timeZone, locale: loc };
          const config = defaultConfig();
          const [judged] = analyzeRows([row], mapping, config, { ...ctx, firstRowNumber: 2 });
          expect(writtenOnOf(row, mapping, config, ctx)).toBe(judged.writtenOn);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('properties of cellToIsoDate', () => {
  it('returns a valid IsoDate or undefined, never throws', () => {
    fc.assert(
      fc.property(anyCell, locale, zone, (cell, loc, tz) => {
        const d = cellToIsoDate(cell, { timeZone: tz, locale: loc, reference: '2026-03-15' });
        if (d !== undefined) expect(isIsoDate(d)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
