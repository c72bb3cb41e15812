/**
 * Intl vs Utilities.formatDate (addon/zone-check.ts): checked once per execution; where they disagree
 * (or Intl has no time-zone data), today's date comes from Utilities, as Apps Script reads it.
 */
import { analysisContext } from '../../../src/addon/context';
import { compareZone, intlAgrees, resetZoneCheck } from '../../../src/addon/zone-check';
import { formatSimpleDate } from '../../../dev/emulator';

type G = { Utilities?: unknown };
const g = globalThis as G;

function withUtilities(formatDate: (d: Date, zone: string, pattern: string) => string, body: () => void) {
  const saved = g.Utilities;
  let calls = 0;
  g.Utilities = {
    formatDate: (d: Date, z: string, p: string) => {
      calls++;
      return formatDate(d, z, p);
    },
  };
  resetZoneCheck();
  try {
    body();
  } finally {
    g.Utilities = saved;
    resetZoneCheck();
  }
  return calls;
}

const honest = (d: Date, z: string, p: string) => formatSimpleDate(d, z, p);
/** A runtime whose Utilities reads the zone an hour later than Intl does (what the check is for). */
const shifted = (d: Date, z: string, p: string) => formatSimpleDate(new Date(d.getTime() + 3_600_000), z, p);

const ss = (timeZone: string) => ({
  getSpreadsheetTimeZone: () => timeZone,
  getSpreadsheetLocale: () => 'en_GB',
});

test('an honest runtime: Intl agrees, and the answer is remembered for the execution', () => {
  const calls = withUtilities(honest, () => {
    expect(intlAgrees('Europe/London')).toBe(true);
    expect(intlAgrees('Europe/London')).toBe(true);
    expect(compareZone('America/New_York').agree).toBe(true);
  });
  // Two probes for the first intlAgrees, none for the memoised second, two for compareZone.
  expect(calls).toBe(4);
});

test('when Utilities disagrees, today comes from Utilities', () => {
  // 23:30 in London on 15 March: Intl says the 15th, the shifted Utilities says the 16th.
  const now = new Date('2026-03-15T23:30:00Z');
  withUtilities(shifted, () => {
    expect(intlAgrees('Europe/London')).toBe(false);
    expect(analysisContext(ss('Europe/London'), now).today).toBe('2026-03-16');
  });
  withUtilities(honest, () => {
    expect(analysisContext(ss('Europe/London'), now).today).toBe('2026-03-15');
  });
});

test('with no Utilities (tests, CLI) Intl is trusted', () => {
  resetZoneCheck();
  expect(intlAgrees('Asia/Tokyo')).toBe(true);
  expect(analysisContext(ss('Asia/Tokyo'), new Date('2026-03-15T16:00:00Z')).today).toBe('2026-03-16');
});

test('compareZone reports both readings for the self-test', () => {
  withUtilities(shifted, () => {
    const c = compareZone('UTC');
    expect(c.agree).toBe(false);
    expect(c.intl).toEqual(['2026-01-15 23:30', '2026-07-15 23:30']);
    expect(c.utilities).toEqual(['2026-01-16 00:30', '2026-07-16 00:30']);
  });
});
