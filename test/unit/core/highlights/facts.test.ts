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
import { dealKeyOf } from '../../../../src/core/deal-identity';
import type { SnoozeMap } from '../../../../src/core/snooze';

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

  describe('snoozes', () => {
    const dealMapping: ColumnMapping = { deal: 0, ...shift(mapping) };
    function shift(m: ColumnMapping): ColumnMapping {
      return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, (v as number) + 1]));
    }
    const snooze = (deal: string, until: string): SnoozeMap => {
      const dealKey = dealKeyOf([deal], { deal: 0 }, env.timeZone);
      return { [dealKey]: { dealKey, deal, owner: '', until, reason: 'Legal', by: '', at: '' } };
    };
    // Mode W's per-year table: for log year 2024 + i, the stale-after day and the due day (serials).
    const wYear = (f: string, year: number): { staleAfter: number; due: string } => {
      const at = FACTS_WIDTH + 12 * (year - 2024);
      return { staleAfter: Number(f.slice(at, at + 6)), due: f.slice(at + 6, at + 12) };
    };

    test('a snoozed year-less log row ("10/03 BR …"): every year’s stale-after day is at least the snooze’s last day', () => {
      const row: CellValue[] = [
        'Acme renewal',
        'Proposal',
        '10/03 BR Jane (CFO) to sign the order form by 30/04',
        '',
        '',
      ];
      const [plain] = tableFacts([row], dealMapping, env);
      const [snoozed] = tableFacts([row], dealMapping, {
        ...env,
        snoozes: snooze('Acme renewal', '2026-04-05'),
      });
      expect(plain.slice(0, 2)).toBe('KW');
      expect(snoozed.slice(0, 23)).toBe(plain.slice(0, 23));
      // Not snoozed: the log date + 14 days (Proposal's default), in every year.
      expect(wYear(plain, 2026).staleAfter).toBe(isoToSerial('2026-03-24'));
      expect(wYear(plain, 2027).staleAfter).toBe(isoToSerial('2027-03-24'));
      // Snoozed to 5 April 2026: held off to that day in 2026 (and in the years before it, whose
      // stale days passed long ago); later years are untouched (the snooze is over by then).
      expect(wYear(snoozed, 2026).staleAfter).toBe(isoToSerial('2026-04-05'));
      expect(wYear(snoozed, 2025).staleAfter).toBe(isoToSerial('2026-04-05'));
      expect(wYear(snoozed, 2027).staleAfter).toBe(isoToSerial('2027-03-24'));
      // The due dates are the engine's, snoozed or not.
      for (let y = 2024; y <= 2040; y++) expect(wYear(snoozed, y).due).toBe(wYear(plain, y).due);
    });

    test('"06.03, pricing call …" and a stamped row; another deal’s snooze changes nothing', () => {
      const rows: CellValue[][] = [
        ['Beta', 'Proposal', '06.03, pricing call with Jane (CFO) on 28/04', '', ''],
        ['Gamma', 'Proposal', 'Send revised MSA to Jane (CFO) by 30/04', '', day('2026-02-20')],
      ];
      const plain = tableFacts(rows, dealMapping, env);
      const snoozes = { ...snooze('Beta', '2026-03-31'), ...snooze('Gamma', '2026-03-31') };
      const [beta, gamma] = tableFacts(rows, dealMapping, { ...env, snoozes });
      expect(wYear(plain[0], 2026).staleAfter).toBe(isoToSerial('2026-03-20'));
      expect(wYear(beta, 2026).staleAfter).toBe(isoToSerial('2026-03-31'));
      expect(gamma.slice(0, 2)).toBe('K0');
      expect(Number(gamma.slice(8, 14))).toBe(isoToSerial('2026-03-31'));
      expect(tableFacts(rows, dealMapping, { ...env, snoozes: snooze('Other', '2026-03-31') })).toEqual(
        plain,
      );
    });

    test('a snooze that ends before the stale day moves no live year; a missing step stays missing', () => {
      const rows: CellValue[][] = [
        ['Beta', 'Proposal', '06.03, pricing call with Jane (CFO) on 28/04', '', ''],
        ['Delta', 'Proposal', '', '', ''],
      ];
      const plain = tableFacts(rows, dealMapping, env);
      const snoozes = { ...snooze('Beta', '2026-03-15'), ...snooze('Delta', '2026-03-31') };
      const [beta, delta] = tableFacts(rows, dealMapping, { ...env, snoozes });
      // Earlier years (whose stale days passed before the snooze) are held to its end too: a log
      // date read in an earlier year (a December log in January) must not go stale while snoozed.
      expect(wYear(beta, 2025).staleAfter).toBe(isoToSerial('2026-03-15'));
      for (let y = 2026; y <= 2040; y++) expect(wYear(beta, y)).toEqual(wYear(plain[0], y));
      expect(delta).toBe(plain[1]);
      expect(delta.slice(0, 1)).toBe('M');
    });
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
        years: [{ due: '2026-03-20' }, {}],
      }),
    ).toBe(`KD000000000000000320092${String(isoToSerial('2026-03-20')).padStart(6, '0')}999999`);
  });
});
