import fc from 'fast-check';
import { analyzeRows } from '../../../../src/core/analyze';
import { defaultConfig } from '../../../../src/core/config';
import {
  encodeFacts,
  FACTS_WIDTH,
  highlightClass,
  isoToSerial,
  tableFacts,
} from '../../../../src/core/highlights/facts';
import type { CellValue, ColumnMapping, RowAnalysis } from '../../../../src/core/types';

const env = { timeZone: 'Europe/London', locale: 'en_GB', config: defaultConfig() };
const mapping: ColumnMapping = { stage: 0, nextStep: 1, nextStepDue: 2, nextStepUpdated: 3 };
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

describe('highlightClass', () => {
  const row = (over: Partial<RowAnalysis>): RowAnalysis => ({
    row: 2,
    status: 'open',
    verdict: 'ok',
    timing: 'upcoming',
    score: 80,
    findings: [],
    ...over,
  });
  test('missing > overdue > vague > stale > none; closed and blank rows are none', () => {
    expect(highlightClass(row({ verdict: 'missing', timing: 'overdue' }))).toBe('missing');
    expect(highlightClass(row({ verdict: 'bad', timing: 'overdue' }))).toBe('overdue');
    expect(highlightClass(row({ verdict: 'weak', timing: 'stale' }))).toBe('vague');
    expect(highlightClass(row({ verdict: 'ok', timing: 'stale' }))).toBe('stale');
    expect(highlightClass(row({ verdict: 'ok', timing: 'due-today' }))).toBe('none');
    expect(highlightClass(row({ status: 'closed', verdict: null, timing: null }))).toBe('none');
    expect(highlightClass(row({ status: 'blank', verdict: null, timing: null }))).toBe('none');
  });
});

describe('tableFacts', () => {
  test('fixed dates: class, due serial and stale-after serial', () => {
    const [f] = tableFacts(
      [['Negotiation', 'Pricing call with Jane', day('2026-03-20'), day('2026-03-01')]],
      mapping,
      env,
    );
    expect(f).toHaveLength(FACTS_WIDTH);
    expect(f.slice(0, 2)).toBe('K0');
    expect(Number(f.slice(2, 8))).toBe(isoToSerial('2026-03-20'));
    expect(Number(f.slice(8, 14))).toBeGreaterThan(isoToSerial('2026-03-01'));
  });

  test('blank and closed rows give an empty text; missing gives M', () => {
    const out = tableFacts(
      [
        ['', '', '', ''],
        ['Closed Won', 'Follow up', '', ''],
        ['Proposal', '???', '', ''],
      ],
      mapping,
      env,
    );
    expect(out[0]).toBe('');
    expect(out[1]).toBe('');
    expect(out[2].slice(0, 1)).toBe('M');
  });

  test('a year-less date with no written date recurs yearly (mode D); a log date with none, mode W', () => {
    const [d, w] = tableFacts(
      [
        ['Proposal', 'Send MSA to Jane by 20/03', '', ''],
        ['Proposal', '10/03 BR Agreed pricing. Jane reviewing with the CFO, call 17/03', '', ''],
      ],
      mapping,
      env,
    );
    expect(d.slice(1, 2)).toBe('D');
    expect(w.slice(1, 2)).toBe('W');
    expect(w.length).toBe(FACTS_WIDTH + 12 * (2040 - 2024 + 1));
    expect(d.length).toBe(FACTS_WIDTH + 6 * (2040 - 2024 + 1));
  });

  test('facts never depend on the clock, and repeated rows are judged once (same answers)', () => {
    const rows: CellValue[][] = [
      ['Proposal', 'Follow up next week', '', day('2026-02-01')],
      ['Proposal', 'Follow up next week', '', day('2026-02-01')],
    ];
    const realNow = Date.now;
    const a = tableFacts(rows, mapping, env);
    Date.now = () => 0;
    try {
      expect(tableFacts(rows, mapping, env)).toEqual(a);
    } finally {
      Date.now = realNow;
    }
    expect(a[0]).toBe(a[1]);
  });

  test("property: the class letter is the engine's verdict for any text, on any day", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.constantFrom('Proposal', 'Closed Lost', ''),
        (text, stage) => {
          const row: CellValue[] = [stage, text, '', day('2026-03-01')];
          const [f] = tableFacts([row], mapping, env);
          const [r] = analyzeRows([row], mapping, env.config, {
            today: '2026-03-11',
            timeZone: env.timeZone,
            locale: env.locale,
            firstRowNumber: 2,
          });
          if (r.status !== 'open') expect(f).toBe('');
          else expect(f.slice(0, 1)).toBe(r.verdict === 'missing' ? 'M' : r.verdict === 'ok' ? 'K' : 'V');
        },
      ),
      { numRuns: 200 },
    );
  });

  test('encodeFacts pads and clamps every field', () => {
    expect(encodeFacts({ cls: 'V', mode: '0' })).toBe('V0' + '0'.repeat(21));
    expect(
      encodeFacts({
        cls: 'K',
        mode: 'D',
        monthDay: 320,
        window: 92,
        years: [{ written: '', due: '2026-03-20' }, { written: '' }],
      }),
    ).toBe(`KD000000000000000320092${String(isoToSerial('2026-03-20')).padStart(6, '0')}999999`);
  });
});
