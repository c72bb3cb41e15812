import * as fc from 'fast-check';
import {
  addDays,
  formatDay,
  nextWeekday,
  quickPicks,
  resolveQuickPick,
  startOfWeek,
  weekdayNextWeek,
  weekdayOf,
  isIsoDay,
} from '../../../src/ui/dates';

// 2026-03-11 is a Wednesday (the fixture's reference today).
const WED = '2026-03-11';

describe('quick picks', () => {
  test('weekday arithmetic agrees with the calendar', () => {
    expect(weekdayOf('2026-03-11')).toBe(3);
    expect(weekdayOf('2026-03-15')).toBe(0);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(startOfWeek(WED, 'monday')).toBe('2026-03-09');
    expect(startOfWeek(WED, 'sunday')).toBe('2026-03-08');
  });

  test('"Fri" on a Wednesday is this Friday; on a Friday it is next Friday', () => {
    expect(resolveQuickPick('fri', WED, 'monday')).toBe('2026-03-13');
    expect(resolveQuickPick('fri', '2026-03-13', 'monday')).toBe('2026-03-20');
    expect(resolveQuickPick('fri', '2026-03-14', 'monday')).toBe('2026-03-20');
  });

  test('"next Tue" is the Tuesday of next week, by the configured week start', () => {
    expect(resolveQuickPick('next-tue', WED, 'monday')).toBe('2026-03-17');
    // On a Monday, "Tue" would be tomorrow; "next Tue" is a week later.
    expect(resolveQuickPick('next-tue', '2026-03-09', 'monday')).toBe('2026-03-17');
    // On a Sunday, with Monday weeks, next week starts tomorrow.
    expect(resolveQuickPick('next-tue', '2026-03-15', 'monday')).toBe('2026-03-17');
    // With Sunday weeks, Sunday 15th starts a new week: next week starts on the 22nd.
    expect(resolveQuickPick('next-tue', '2026-03-15', 'sunday')).toBe('2026-03-24');
    expect(resolveQuickPick('next-mon', WED, 'monday')).toBe('2026-03-16');
  });

  test('"Tomorrow" skips the weekend, "In 2 weeks" is 14 days', () => {
    expect(resolveQuickPick('tomorrow', WED, 'monday')).toBe('2026-03-12');
    expect(resolveQuickPick('tomorrow', '2026-03-13', 'monday')).toBe('2026-03-16');
    expect(resolveQuickPick('in-2-weeks', '2026-12-25', 'monday')).toBe('2027-01-08');
  });

  test('quickPicks labels each pick with its date', () => {
    const picks = quickPicks(WED, 'monday', 'en_GB');
    expect(picks.map((p) => p.label)).toEqual(['Tomorrow', 'Fri', 'Next Mon', 'Next Tue', 'In 2 weeks']);
    expect(picks[1].description).toBe('Fri: Fri 13 Mar');
    expect(quickPicks('2026-03-13', 'monday', 'en_GB')[0].label).toBe('Mon');
  });

  test('property: every pick is after today, within 14 days, and "next X" lands in next week', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.constantFrom<'monday' | 'sunday'>('monday', 'sunday'),
        (n, ws) => {
          const today = addDays('2000-01-01', n);
          for (const p of quickPicks(today, ws, 'en_US')) {
            expect(isIsoDay(p.date)).toBe(true);
            expect(p.date > today).toBe(true);
            expect(p.date <= addDays(today, 14)).toBe(true);
          }
          const nextWeek = addDays(startOfWeek(today, ws), 7);
          const tue = weekdayNextWeek(today, 2, ws);
          expect(startOfWeek(tue, ws)).toBe(nextWeek);
          expect(weekdayOf(nextWeekday(today, 5))).toBe(5);
        },
      ),
    );
  });
});

describe('formatDay', () => {
  test('day first for en_GB, month first for en_US', () => {
    expect(formatDay('2026-03-13', WED, 'en_GB')).toBe('Fri 13 Mar');
    expect(formatDay('2026-03-13', WED, 'en_US')).toBe('Fri Mar 13');
  });

  test('adds the year when the day is far ahead or past', () => {
    expect(formatDay('2026-12-01', WED, 'en_GB')).toBe('Tue 1 Dec 2026');
    expect(formatDay('2026-03-01', WED, 'en_US')).toBe('Sun Mar 1, 2026');
  });

  test('rejects invalid days', () => {
    expect(isIsoDay('2026-02-30')).toBe(false);
    expect(isIsoDay('2026-2-3')).toBe(false);
    expect(formatDay('not a day', WED, 'en_GB')).toBe('not a day');
  });
});
