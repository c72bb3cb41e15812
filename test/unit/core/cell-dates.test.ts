import { cellToIsoDate, dateToIsoDay, serialToIsoDate, textToIsoDate } from '../../../src/core/dates/cell';

const GB = { timeZone: 'Europe/London', locale: 'en_GB' };
const US = { timeZone: 'America/New_York', locale: 'en_US' };

describe('cellToIsoDate', () => {
  it('reads a Date instant as the calendar day in the sheet zone', () => {
    const instant = new Date(Date.UTC(2026, 2, 10, 23, 30)); // 23:30 UTC on 10 March
    expect(cellToIsoDate(instant, GB)).toBe('2026-03-10');
    expect(cellToIsoDate(instant, { ...GB, timeZone: 'Asia/Tokyo' })).toBe('2026-03-11');
    expect(cellToIsoDate(instant, US)).toBe('2026-03-10');
    expect(cellToIsoDate(new Date(Date.UTC(2026, 2, 10, 2)), US)).toBe('2026-03-09');
  });

  it('returns undefined for an invalid Date and falls back to UTC for an unknown zone', () => {
    expect(cellToIsoDate(new Date(NaN), GB)).toBeUndefined();
    expect(dateToIsoDay(new Date(Date.UTC(2026, 0, 1, 12)), 'Not/AZone')).toBe('2026-01-01');
  });

  it('reads Sheets serial numbers (days since 1899-12-30)', () => {
    expect(serialToIsoDate(46091)).toBe('2026-03-10');
    expect(cellToIsoDate(46091.75, GB)).toBe('2026-03-10');
    expect(cellToIsoDate(0, GB)).toBeUndefined();
    expect(cellToIsoDate(-5, GB)).toBeUndefined();
    expect(cellToIsoDate(Number.NaN, GB)).toBeUndefined();
  });

  it('reads ISO and locale strings; numeric order follows the locale', () => {
    expect(cellToIsoDate('2026-03-10', GB)).toBe('2026-03-10');
    expect(cellToIsoDate('2026-03-10T09:00:00Z', GB)).toBe('2026-03-10');
    expect(cellToIsoDate('10/03/2026', GB)).toBe('2026-03-10');
    expect(cellToIsoDate('10/03/2026', US)).toBe('2026-10-03');
    expect(cellToIsoDate('10.03.26', GB)).toBe('2026-03-10');
    expect(cellToIsoDate('12 Mar 2026', US)).toBe('2026-03-12');
    expect(cellToIsoDate('Mar 12, 2026', GB)).toBe('2026-03-12');
  });

  it('needs a reference for strings without a year', () => {
    expect(textToIsoDate('10/03', 'en_GB')).toBeUndefined();
    expect(textToIsoDate('10/03', 'en_GB', '2026-03-20')).toBe('2026-03-10');
  });

  it('rejects non-dates', () => {
    expect(cellToIsoDate('soon', GB)).toBeUndefined();
    expect(cellToIsoDate('31/02/2026', GB)).toBeUndefined();
    expect(cellToIsoDate(true, GB)).toBeUndefined();
    expect(cellToIsoDate(null, GB)).toBeUndefined();
    expect(cellToIsoDate('', GB)).toBeUndefined();
  });
});
