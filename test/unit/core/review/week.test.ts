import fc from 'fast-check';
import { addDays, fromDayNumber, weekday } from '../../../../src/core/dates/calendar';
import {
  isWeekId,
  previousWeekId,
  weekIdFor,
  weekRange,
  weeksInYear,
} from '../../../../src/core/review/week';

/** Independent ISO 8601 week from the textbook formula (ordinal day and ISO weekday). */
function isoWeekReference(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const ordinal = Math.round((date.getTime() - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
  const isoWeekday = ((date.getUTCDay() + 6) % 7) + 1;
  let week = Math.floor((ordinal - isoWeekday + 10) / 7);
  let year = y;
  const weeks = (yr: number): number => {
    const p = (x: number): number => (x + Math.floor(x / 4) - Math.floor(x / 100) + Math.floor(x / 400)) % 7;
    return p(yr) === 4 || p(yr - 1) === 3 ? 53 : 52;
  };
  if (week < 1) {
    year = y - 1;
    week = weeks(year);
  } else if (week > weeks(y)) {
    year = y + 1;
    week = 1;
  }
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const day = fc.integer({ min: -25_000, max: 60_000 }).map(fromDayNumber);

describe('weekIdFor', () => {
  it('gives ISO 8601 weeks for a Monday start', () => {
    expect(weekIdFor('2026-03-11', 'monday')).toBe('2026-W11');
    expect(weekIdFor('2026-03-09', 'monday')).toBe('2026-W11');
    expect(weekIdFor('2026-03-15', 'monday')).toBe('2026-W11');
    expect(weekIdFor('2026-03-16', 'monday')).toBe('2026-W12');
    expect(weekIdFor('2027-01-01', 'monday')).toBe('2026-W53'); // 2026 starts on a Thursday
    expect(weekIdFor('2024-12-30', 'monday')).toBe('2025-W01');
    expect(weekIdFor('2021-01-03', 'monday')).toBe('2020-W53');
  });

  it('gives a Sunday-start week the id of the ISO week holding its Monday..Saturday', () => {
    // Sunday 2026-03-08 opens the Sunday week that shares Thursday 2026-03-12 with ISO 2026-W11.
    expect(weekIdFor('2026-03-08', 'sunday')).toBe('2026-W11');
    expect(weekIdFor('2026-03-08', 'monday')).toBe('2026-W10');
    expect(weekIdFor('2026-03-14', 'sunday')).toBe('2026-W11');
    expect(weekIdFor('2026-03-15', 'sunday')).toBe('2026-W12');
    // Sunday 2021-01-03: its week's Thursday is 2021-01-07, so week 1 of 2021.
    expect(weekIdFor('2021-01-03', 'sunday')).toBe('2021-W01');
    // Sunday 2026-12-27 .. Saturday 2027-01-02: Thursday 2026-12-31 → 2026-W53.
    expect(weekIdFor('2026-12-27', 'sunday')).toBe('2026-W53');
    expect(weekIdFor('2027-01-02', 'sunday')).toBe('2026-W53');
    expect(weekIdFor('2027-01-03', 'sunday')).toBe('2027-W01');
  });

  it('rejects malformed days', () => {
    expect(() => weekIdFor('2026-02-30', 'monday')).toThrow(RangeError);
    expect(() => weekIdFor('11/03/2026', 'monday')).toThrow(RangeError);
  });

  it('matches the textbook ISO formula on any day (Monday start)', () => {
    fc.assert(fc.property(day, (d) => weekIdFor(d, 'monday') === isoWeekReference(d)));
  });

  it('Sunday start = the ISO week of the next day', () => {
    fc.assert(fc.property(day, (d) => weekIdFor(d, 'sunday') === weekIdFor(addDays(d, 1), 'monday')));
  });

  it('weekRange holds the day, starts on the week start and spans 7 days', () => {
    fc.assert(
      fc.property(day, fc.constantFrom('monday' as const, 'sunday' as const), (d, start) => {
        const id = weekIdFor(d, start);
        const r = weekRange(id, start);
        return (
          r.start <= d &&
          d <= r.end &&
          addDays(r.start, 6) === r.end &&
          weekday(r.start) === (start === 'monday' ? 1 : 0) &&
          isWeekId(id)
        );
      }),
    );
  });

  it('ids sort in calendar order', () => {
    fc.assert(
      fc.property(day, day, fc.constantFrom('monday' as const, 'sunday' as const), (a, b, start) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        return weekIdFor(x, start) <= weekIdFor(y, start);
      }),
    );
  });
});

describe('week helpers', () => {
  it('knows 52- and 53-week years', () => {
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(isWeekId('2026-W53')).toBe(true);
    expect(isWeekId('2025-W53')).toBe(false);
    expect(isWeekId('2025-W00')).toBe(false);
    expect(isWeekId('2025-w01')).toBe(false);
  });

  it('previousWeekId steps back across years', () => {
    expect(previousWeekId('2026-W11', 'monday')).toBe('2026-W10');
    expect(previousWeekId('2027-W01', 'monday')).toBe('2026-W53');
    expect(previousWeekId('2026-W01', 'sunday')).toBe('2025-W52');
  });

  it('weekRange gives the documented days', () => {
    expect(weekRange('2026-W11', 'monday')).toEqual({ start: '2026-03-09', end: '2026-03-15' });
    expect(weekRange('2026-W11', 'sunday')).toEqual({ start: '2026-03-08', end: '2026-03-14' });
    expect(() => weekRange('2026-W54', 'monday')).toThrow(RangeError);
  });
});
