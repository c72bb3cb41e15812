import fc from 'fast-check';
import { zonedMidnight } from '../../../src/sheets/zoned-date';

const ZONES = [
  'UTC',
  'Europe/London',
  'America/New_York',
  'America/Santiago',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'America/Sao_Paulo',
  'Asia/Kolkata',
];

function wall(d: Date, timeZone: string): { day: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) % 24 };
}

describe('zonedMidnight', () => {
  test('any day in any zone: the first instant whose wall-clock day is that day (00:00 unless DST skips it)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2060-12-31'), noInvalidDate: true }),
        fc.constantFrom(...ZONES),
        (d, zone) => {
          const day = d.toISOString().slice(0, 10);
          const t = zonedMidnight(day, zone) as Date;
          const w = wall(t, zone);
          // A day a zone skipped entirely (Pacific/Kiritimati, 1994-12-31) gives the next day's start.
          expect(w.day >= day).toBe(true);
          expect(wall(new Date(t.getTime() - 60_000), zone).day < day).toBe(true);
          if (w.day === day) expect(w.hour).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('a midnight skipped by DST (America/Santiago) gives the first instant of the day', () => {
    const t = zonedMidnight('2022-09-11', 'America/Santiago') as Date;
    expect(wall(t, 'America/Santiago')).toEqual({ day: '2022-09-11', hour: 1 });
  });

  test('examples', () => {
    expect(zonedMidnight('2026-07-04', 'America/New_York')?.toISOString()).toBe('2026-07-04T04:00:00.000Z');
    expect(zonedMidnight('2026-01-04', 'Europe/London')?.toISOString()).toBe('2026-01-04T00:00:00.000Z');
    expect(zonedMidnight('2026-07-04', 'Europe/London')?.toISOString()).toBe('2026-07-03T23:00:00.000Z');
  });

  test('bad input', () => {
    expect(zonedMidnight('2026-13-45', 'UTC')).toBeUndefined();
    expect(zonedMidnight('yesterday', 'UTC')).toBeUndefined();
    expect(zonedMidnight('2026-07-04', 'Not/AZone')?.toISOString()).toBe('2026-07-04T00:00:00.000Z');
  });
});
