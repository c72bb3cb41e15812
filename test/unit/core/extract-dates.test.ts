import { extractDates } from '../../../src/core/dates/extract';
import { detectWrittenPrefix } from '../../../src/core/dates/written-prefix';

// Tuesday 10 March 2026.
const GB = { locale: 'en_GB', reference: '2026-03-10', weekStart: 'monday' as const };
const US = { ...GB, locale: 'en_US' };

function first(text: string, opts = GB): string | undefined {
  return extractDates(text, opts).mentions[0]?.date;
}

describe('business date phrases', () => {
  it.each([
    ['send by EOD', '2026-03-10'],
    ['COB today', '2026-03-10'],
    ['close of business', '2026-03-10'],
    ['EOW', '2026-03-13'],
    ['by end of week', '2026-03-13'],
    ['this week', '2026-03-13'],
    ['EOM', '2026-03-31'],
    ['end of the month', '2026-03-31'],
    ['EOQ', '2026-03-31'],
    ['next quarter', '2026-06-30'],
    ['Q2', '2026-06-30'],
    ['in Q3 2027', '2027-09-30'],
    // A month just gone reads as this year's (likely overdue), not next year's.
    ['end of Feb', '2026-02-28'],
    ['end Feb', '2026-02-28'],
    ['end of May', '2026-05-31'],
    ['mid June', '2026-06-15'],
    ['mid-June', '2026-06-15'],
    ['early April', '2026-04-10'],
    ['late April', '2026-04-25'],
    ['early next week', '2026-03-17'],
    ['next week', '2026-03-20'],
    ['next wk', '2026-03-20'],
    ['next month', '2026-04-30'],
    ['w/c 16/3', '2026-03-20'],
    ['week commencing 23 March', '2026-03-27'],
    // Issue 17: a bare weekday that is the reference day means next week's.
    ['Tues', '2026-03-17'],
    ['Thurs 2pm', '2026-03-12'],
    ['weds', '2026-03-11'],
    ['on the 16th', '2026-03-16'],
    ['on 20th', '2026-03-20'],
    ['by the 5th', '2026-04-05'],
    ['tmrw', '2026-03-11'],
    ['tomorrow', '2026-03-11'],
    ['in 2 weeks', '2026-03-24'],
    ['in a couple of days', '2026-03-12'],
    ['next Thursday', '2026-03-19'],
    ['Friday 3pm', '2026-03-13'],
    ['Jun 26', '2026-06-26'],
    ['19th of Feb', '2026-02-19'],
    ['in January', '2026-01-31'],
  ])('%s → %s', (text, iso) => {
    expect(first(text)).toBe(iso);
  });

  it('reads "Wed 18 Feb" in the year where 18 Feb is a Wednesday', () => {
    expect(first('review (Wed 18 Feb 3pm)', { ...GB, reference: '2026-02-18' })).toBe('2026-02-18');
  });

  it('does not read "Jun 28" as June 2028', () => {
    expect(first('Call if no reply by Jun 28')).toBe('2026-06-28');
  });
});

describe('vague timing is not a date', () => {
  it.each([
    'soon',
    'when ready',
    'sometime next week',
    'next week/month',
    'any day now',
    'ASAP',
    'at some point',
  ])('%s', (text) => {
    const r = extractDates(text, GB);
    expect(r.mentions).toHaveLength(0);
    expect(r.vague.length).toBeGreaterThan(0);
  });

  it('ignores possessive dates of other events and common false friends', () => {
    expect(extractDates("Follow up on next week's conversation", GB).mentions).toHaveLength(0);
    expect(extractDates('sat down with the CFO', GB).mentions).toHaveLength(0);
    expect(extractDates('24/7 support', GB).mentions).toHaveLength(0);
    expect(extractDates('$7,800 quote', GB).mentions).toHaveLength(0);
    expect(extractDates('v2.05 rollout', GB).mentions).toHaveLength(0);
    expect(extractDates('5-7 users', GB).mentions).toHaveLength(0);
  });
});

describe('numeric dates follow the locale', () => {
  it('reads 10/03 as 10 March in en_GB and 3 October in en_US', () => {
    expect(first('demo 10/03', GB)).toBe('2026-03-10');
    expect(first('demo 10/03', US)).toBe('2026-10-03');
  });

  it('swaps the order when the locale order is impossible', () => {
    expect(first('Send proposal by 1/25/26', GB)).toBe('2026-01-25');
  });

  it('reads dotted and ISO dates', () => {
    expect(first('POS demo 09.03', GB)).toBe('2026-03-09');
    expect(first('scheduled 2025-01-06', GB)).toBe('2025-01-06');
  });
});

describe('log-style written prefix', () => {
  it.each([
    ['10/03 BR Agreed pricing', '2026-03-10', 'BR'],
    ['06.03, POS demo 09.03', '2026-03-06', undefined],
    ['05/03/26 - call booked', '2026-03-05', undefined],
    ['12 Mar, 2026 - sent deck', '2026-03-12', undefined],
    ['18/2 BR RFP has landed', '2026-02-18', 'BR'],
    ['4/03 BR BAFO sent', '2026-03-04', 'BR'],
    ['27/02 MF: Handover from Yas', '2026-02-27', 'MF'],
    ['5 Dec GK call Mr. Konte', '2025-12-05', 'GK'],
  ])('%s', (text, date, initials) => {
    const p = detectWrittenPrefix(text, 'en_GB', '2026-03-15');
    expect(p?.date).toBe(date);
    if (initials) expect(p?.initials).toBe(initials);
  });

  it('reads the prefix month-first in en_US', () => {
    expect(detectWrittenPrefix('03/10 BR note', 'en_US', '2026-03-15')?.date).toBe('2026-03-10');
  });

  it('is not a prefix when a worded date starts a sentence without a separator', () => {
    expect(detectWrittenPrefix('Jun 26 proposal review', 'en_GB', '2026-03-15')).toBeUndefined();
    expect(detectWrittenPrefix('Send proposal', 'en_GB', '2026-03-15')).toBeUndefined();
  });

  it('puts a written date after the reference into the previous year', () => {
    expect(detectWrittenPrefix('20/12 BR note', 'en_GB', '2026-01-05')?.date).toBe('2025-12-20');
  });
});
