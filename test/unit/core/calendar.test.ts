import fc from 'fast-check';
import {
  addDays,
  addMonths,
  dayNumber,
  daysBetween,
  endOfMonth,
  fridayOfWeek,
  fromDayNumber,
  isIsoDate,
  parseIso,
  startOfWeek,
  toIso,
  weekday,
} from '../../../src/core/dates/calendar';
import { sortSmall } from '../../../src/core/small-sort';

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

describe('integer day arithmetic agrees with Date', () => {
  it('fromDayNumber and dayNumber match Date.UTC for any day from year 1000 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -354_285, max: 2_932_896 }), (n) => {
        const d = new Date(n * 86_400_000);
        const iso = `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
        expect(fromDayNumber(n)).toBe(iso);
        expect(dayNumber(iso)).toBe(n);
      }),
    );
  });

  it('toIso pads like the template it replaced', () => {
    expect(toIso(2026, 3, 5)).toBe('2026-03-05');
    expect(toIso(999, 1, 1)).toBe('0999-01-01');
    expect(toIso(2026, 12, 31)).toBe('2026-12-31');
  });

  it('toIso gives the same text for any day, valid or not, however full its cache of days is', () => {
    const template = (y: number, m: number, d: number): string =>
      `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          expect(toIso(y, m, d)).toBe(template(y, m, d));
          expect(toIso(y, m, d)).toBe(template(y, m, d)); // the second time from the cache
        },
      ),
      { numRuns: 3000 },
    );
    // Past the cache's bound (4,096 days) it starts over and still answers right.
    for (let n = 0; n < 10_000; n++) {
      const day = new Date((20_000 + n) * 86_400_000);
      const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
      expect(toIso(y, m, d)).toBe(day.toISOString().slice(0, 10));
    }
  });
});

describe('sortSmall', () => {
  it('orders like the built-in stable sort, for short and long lists', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ k: fc.integer({ min: 0, max: 5 }), id: fc.nat() }), { maxLength: 40 }),
        (xs) => {
          const cmp = (a: { k: number }, b: { k: number }): number => a.k - b.k;
          expect(sortSmall([...xs], cmp)).toEqual([...xs].sort(cmp));
        },
      ),
    );
  });
});
