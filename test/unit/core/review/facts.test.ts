import fc from 'fast-check';
import { cellText, dealFactsFromRows, parseAmount } from '../../../../src/core/review/facts';

const ctx = { timeZone: 'Europe/London', locale: 'en_GB' };

describe('dealFactsFromRows', () => {
  const mapping = { deal: 0, account: 1, owner: 2, stage: 3, amount: 4, nextStep: 5, closeDate: 6 };

  it('reads display facts and keys deals by name + account, normalised', () => {
    const rows = [
      [
        '  Acme  Renewal ',
        'ACME Ltd',
        'Ann ',
        'Proposal',
        '£12,500',
        '=IMPORTXML("x")',
        new Date(Date.UTC(2026, 2, 4)),
      ],
      ['', '', '', '', '', '', ''],
      ['acme renewal', 'acme ltd', 'Bob', 'Closed Won', 300, 'done', '04/03/2026'],
      ['', '', 'Cy', '', '', 'Call Jane', ''],
    ];
    const facts = dealFactsFromRows(rows, mapping, 3, ctx);
    expect(facts.map((f) => [f.row, f.dealKey])).toEqual([
      [3, 'da:acme renewal|acme ltd'],
      [5, 'da:acme renewal|acme ltd#2'],
      [6, 'row:6'],
    ]);
    expect(facts[0]).toEqual({
      row: 3,
      dealKey: 'da:acme renewal|acme ltd',
      deal: 'Acme  Renewal',
      account: 'ACME Ltd',
      owner: 'Ann',
      stage: 'Proposal',
      amount: 12500,
      nextStep: '=IMPORTXML("x")',
      closeDate: '2026-03-04',
    });
    expect(facts[1].closeDate).toBe('2026-03-04');
  });

  it('prefers a mapped id column', () => {
    const facts = dealFactsFromRows([['Acme', 'D-17 ', 'x']], { deal: 0, dealId: 1, nextStep: 2 }, 2, ctx);
    expect(facts[0].dealKey).toBe('id:d-17');
  });

  it('never throws and keys are unique, on any cells', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.date({ noInvalidDate: false }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 30 }), (rows) => {
        const facts = dealFactsFromRows(rows, mapping, 2, ctx);
        return new Set(facts.map((f) => f.dealKey)).size === facts.length;
      }),
    );
  });
});

describe('parseAmount / cellText', () => {
  it('reads plain amounts in the locale', () => {
    expect(parseAmount(1200)).toBe(1200);
    expect(parseAmount('$1,200.50', 'en_US')).toBe(1200.5);
    expect(parseAmount('1.200,50 €', 'de_DE')).toBe(1200.5);
    expect(parseAmount('USD 3,000')).toBe(3000);
    expect(parseAmount('(300)')).toBe(-300);
    expect(parseAmount('12k')).toBeNull();
    expect(parseAmount('TBD')).toBeNull();
    expect(parseAmount(NaN)).toBeNull();
    expect(parseAmount(true)).toBeNull();
  });

  it('shows cells as text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(false)).toBe('FALSE');
    expect(cellText(new Date(Date.UTC(2026, 2, 10, 23, 30)), 'Europe/Berlin')).toBe('2026-03-11');
  });
});
