/**
 * "A verdict never comes without its reason" (issue 13, engine part): with the default rules, every
 * verdict other than ok carries at least one finding at warning or error level that says why, for any
 * text or cell. Any rule path that makes an entry weak or bad without saying so fails here.
 */
import fc from 'fast-check';
import { analyzeText } from '../../../src/core/analyze';
import type { CellValue } from '../../../src/core/types';

const words = fc.constantFrom(
  '10/03 BR',
  '27/02 MF:',
  'Agreed pricing.',
  'Jane reviewing with the CFO,',
  'call',
  'call 17/03',
  'Call with Priya',
  'send',
  'the revised SOW',
  'follow up',
  'Follow-up call',
  'check in',
  'with',
  'to review volumes',
  'to set up a call',
  'renew',
  'loop in legal',
  'rates',
  'to',
  'for',
  'Omar',
  'Dana?',
  'demo',
  'waiting for',
  'needs CFO sign-off',
  'update close date in CRM',
  'planned',
  'created before',
  'Jun 25',
  'Tuesday',
  'next week',
  'by Fri',
  'tomorrow',
  'soon',
  'EOW',
  'Q2',
  'hope',
  'they',
  'signed',
  'Onboard',
  'Discuss',
  'Talk about the orders',
  '.',
  ',',
  ';',
  '—',
  '?',
  '#N/A',
  '',
);
const sentence = fc.array(words, { maxLength: 14 }).map((w) => w.join(' '));
const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  sentence,
  sentence,
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.double(),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constant(null),
  fc.constant(''),
);
const day = fc
  .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2060, 0, 1)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('a verdict never comes without its reason', () => {
  it('every verdict other than ok has a warning or error finding', () => {
    fc.assert(
      fc.property(anyCell, day, fc.constantFrom('en_GB', 'en_US'), (cell, today, locale) => {
        const a = analyzeText(cell, { today, timeZone: 'Europe/London', locale });
        if (a.verdict === 'ok') return;
        expect(a.findings.some((f) => f.severity === 'warning' || f.severity === 'error')).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('holds for the issue 13 example', () => {
    const a = analyzeText('10/03 BR Agreed pricing. Jane reviewing with the CFO, call 17/03', {
      today: '2026-03-15',
      timeZone: 'Europe/London',
      locale: 'en_GB',
    });
    expect(a.verdict).not.toBe('ok');
    expect(a.findings.filter((f) => f.severity !== 'suggestion').length).toBeGreaterThan(0);
  });

  it('text read without a valid day still says why it is bad', () => {
    const a = analyzeText('Send the deck', { today: 'not a day', timeZone: 'UTC', locale: 'en_GB' });
    expect(a.verdict).toBe('bad');
    expect(a.findings.map((f) => f.rule)).toContain('no-action');
  });
});
