/** Pure helpers of the review entry points (no services needed). */
import { parseReviewSettings, DEFAULT_REVIEW_SETTINGS } from '../../../src/addon/review';
import { eventInstant } from '../../../src/addon/weekly-trigger';

describe('parseReviewSettings', () => {
  it('reads valid settings and replaces bad ones with defaults, saying why', () => {
    expect(parseReviewSettings(undefined)).toEqual({ settings: DEFAULT_REVIEW_SETTINGS, problems: [] });
    expect(parseReviewSettings('{"retention":3,"keepWeeks":52}').settings).toEqual({
      ...DEFAULT_REVIEW_SETTINGS,
      retention: 3,
      keepWeeks: 52,
    });
    const bad = parseReviewSettings('{"retention":0,"maxRowsPerSection":"lots","keepWeeks":10}');
    expect(bad.settings).toEqual(DEFAULT_REVIEW_SETTINGS);
    expect(bad.problems).toEqual([
      'Weekly review setting retention must be a whole number from 1 to 104, got 0; using 8.',
      'Weekly review setting maxRowsPerSection must be a whole number from 10 to 50000, got "lots"; using 1000.',
      'Weekly review setting keepWeeks must be a whole number from 26 to 104, got 10; using 26.',
    ]);
    expect(parseReviewSettings('{oops').problems[0]).toMatch(/not valid JSON/);
    expect(parseReviewSettings('[1]').problems[0]).toMatch(/not an object/);
  });
});

describe('eventInstant', () => {
  it('reads a time-driven event’s clock fields in its zone', () => {
    const e = {
      year: 2026,
      month: 3,
      'day-of-month': 16,
      hour: 8,
      minute: 0,
      second: 0,
      timezone: 'Europe/London',
    };
    expect(eventInstant(e)?.toISOString()).toBe('2026-03-16T08:00:00.000Z');
    expect(eventInstant({ ...e, month: 7, timezone: 'Europe/London' })?.toISOString()).toBe(
      '2026-07-16T07:00:00.000Z',
    );
    expect(eventInstant({ ...e, timezone: 'America/New_York' })?.toISOString()).toBe(
      '2026-03-16T12:00:00.000Z',
    );
  });

  it('gives undefined for anything else', () => {
    expect(eventInstant(undefined)).toBeUndefined();
    expect(eventInstant({ authMode: 'FULL' })).toBeUndefined();
    expect(eventInstant({ year: '2026', month: 3, 'day-of-month': 16 })).toBeUndefined();
    expect(eventInstant({ year: 2026, month: 13, 'day-of-month': 1 })).toBeUndefined();
  });
});
