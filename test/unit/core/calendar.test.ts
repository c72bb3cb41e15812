import {
  addDays,
  addMonths,
  daysBetween,
  endOfMonth,
  fridayOfWeek,
  isIsoDate,
  parseIso,
  startOfWeek,
  weekday,
} from '../../../src/core/dates/calendar';

describe('calendar arithmetic on IsoDate', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts days across a DST change as whole calendar days', () => {
    // Europe/London springs forward on 2026-03-29; calendar arithmetic must not notice.
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('knows weekdays (0 = Sunday) and week starts', () => {
    expect(weekday('2026-03-16')).toBe(1);
    expect(weekday('2026-03-15')).toBe(0);
    expect(startOfWeek('2026-03-15', 'monday')).toBe('2026-03-09');
    expect(startOfWeek('2026-03-15', 'sunday')).toBe('2026-03-15');
    expect(fridayOfWeek('2026-03-10', 'monday')).toBe('2026-03-13');
  });

  it('clamps month arithmetic to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(endOfMonth(2028, 2)).toBe('2028-02-29');
  });

  it('validates ISO strings strictly', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(parseIso('2026-03-10')).toEqual({ year: 2026, month: 3, day: 10 });
  });
});
