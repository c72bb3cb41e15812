import fc from 'fast-check';
import {
  amountFormatFor,
  currencySymbolFor,
  dateFormatFor,
  dayText,
  localiseDays,
  signedFormat,
  TIMING_WORDS,
  VERDICT_WORDS,
} from '../../../../src/core/review/words';
import { byStake, daysOverdue, stageWeight, stakeOf } from '../../../../src/core/review/stake';
import { TIMING_LABELS, VERDICT_LABELS } from '../../../../src/ui/format';
import { internalTarget, safeSheetName } from '../../../../src/cli/review-xlsx';

describe('the review’s words', () => {
  it('are the sidebar’s words for verdicts and timings', () => {
    expect(VERDICT_WORDS).toEqual(VERDICT_LABELS);
    expect(TIMING_WORDS).toEqual(TIMING_LABELS);
  });

  it('write days in the locale’s order with the month named', () => {
    expect(dayText('2026-03-09', 'en_GB')).toBe('9 Mar 2026');
    expect(dayText('2026-03-09', 'en_US')).toBe('Mar 9, 2026');
    expect(dayText('2026-03-09', 'ja_JP')).toBe('2026/03/09');
    expect(dateFormatFor('en_GB')).toBe('d mmm yyyy');
    expect(dateFormatFor('en_US')).toBe('mmm d, yyyy');
    expect(localiseDays('Due 2026-01-18, 52 days ago.', 'en_GB')).toBe('Due 18 Jan 2026, 52 days ago.');
  });

  it('never leave an ISO day in a sentence, whatever the day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.constantFrom('en_GB', 'en_US', 'de_DE', 'fr_FR'),
        (d, locale) => {
          const iso = d.toISOString().slice(0, 10);
          return !/\d{4}-\d{2}-\d{2}/.test(localiseDays(`Closed on ${iso}.`, locale));
        },
      ),
    );
  });
});

describe('amount formats', () => {
  it('use the amount column’s own number format when it formats numbers', () => {
    expect(amountFormatFor('£#,##0', [1])).toBe('£#,##0');
    expect(amountFormatFor('[$€-407] #,##0.00', [1])).toBe('[$€-407] #,##0.00');
  });

  it('fall back to --currency, then to plain numbers with separators', () => {
    for (const none of [null, '', 'General', '0.###############', '@', 'dd/MM/yyyy']) {
      expect(amountFormatFor(none, [1000, 2500])).toBe('#,##0');
      expect(amountFormatFor(none, [1000, 2500.5])).toBe('#,##0.00');
      expect(amountFormatFor(none, [1000], '£')).toBe('"£"#,##0');
    }
    expect(currencySymbolFor('GBP')).toBe('£');
    expect(currencySymbolFor('usd')).toBe('$');
    expect(currencySymbolFor('PLN')).toBe('PLN ');
    expect(currencySymbolFor('€')).toBe('€');
    expect(currencySymbolFor('0.00')).toBeNull();
    expect(currencySymbolFor('')).toBeNull();
  });

  it('sign changes: +£1,200 and -£300', () => {
    expect(signedFormat('£#,##0')).toBe('+£#,##0;-£#,##0;£0');
    expect(signedFormat('#,##0.00;[Red]-#,##0.00')).toBe('+#,##0.00;-#,##0.00;0.00');
  });
});

describe('what is at stake', () => {
  it('weighs amount, stage and days overdue', () => {
    expect(stageWeight('Prospecting')).toBe(1);
    expect(stageWeight('Negotiation')).toBe(1.5);
    expect(stageWeight('Proposal')).toBe(1.25);
    expect(stageWeight('')).toBe(1.25);
    expect(daysOverdue('2026-03-01', '2026-03-11', true)).toBe(10);
    expect(daysOverdue('2026-03-01', '2026-03-11', false)).toBe(0);
    expect(stakeOf(10_000, 'Negotiation', 28)).toBe(30_000);
    expect(stakeOf(10_000, 'Negotiation', 100)).toBe(30_000); // capped at double
    expect(stakeOf(null, 'Negotiation', 10)).toBe(0);
    // £100k one day late ranks below £90k a month late.
    const a = { stake: stakeOf(100_000, 'Proposal', 1), daysOverdue: 1, row: 2 };
    const b = { stake: stakeOf(90_000, 'Proposal', 30), daysOverdue: 30, row: 3 };
    expect([a, b].sort(byStake)).toEqual([b, a]);
  });

  it('ranks deterministically: a total order', () => {
    const row = fc.record({
      stake: fc.nat(1000),
      daysOverdue: fc.nat(50),
      row: fc.integer({ min: 2, max: 50 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => r.row }), (rows) => {
        const x = [...rows].sort(byStake);
        const y = [...rows].reverse().sort(byStake);
        return JSON.stringify(x) === JSON.stringify(y);
      }),
    );
  });
});

describe('sheet names Excel accepts', () => {
  it('replaces [ ] : * ? / \\, trims to 31 characters and keeps names unique', () => {
    expect(safeSheetName('Q1 [EMEA]: *final*?')).toBe('Q1 -EMEA-- -final--');
    expect(safeSheetName("'quoted'")).toBe('quoted');
    expect(safeSheetName('')).toBe('Sheet1');
    expect(safeSheetName('Pipeline', ['pipeline'])).toBe('Pipeline (2)');
    expect(internalTarget("Bob's deals", 5)).toBe("'Bob''s deals'!A5");
  });

  it('always gives a valid, unused name (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.array(fc.string({ maxLength: 40 }), { maxLength: 5 }),
        (name, taken) => {
          const out = safeSheetName(name, taken);
          return (
            out.length >= 1 &&
            out.length <= 31 &&
            !/[[\]:*?/\\]/.test(out) &&
            !out.startsWith("'") &&
            !out.endsWith("'") &&
            !taken.some((t) => t.toLowerCase() === out.toLowerCase())
          );
        },
      ),
    );
  });
});
