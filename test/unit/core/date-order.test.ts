import fc from 'fast-check';
import {
  decideDateOrder,
  emptyEvidence,
  orderFromData,
  scanCell,
  scanRows,
} from '../../../src/core/dates/date-order';

function evidenceOf(...cells: string[]) {
  return scanRows([cells]);
}

describe('date order from the data', () => {
  test('a first part over 12 means day-first', () => {
    expect(orderFromData(evidenceOf('Demo with Jane on 20/03/2026', '03/04/2026'))).toBe('day-first');
  });

  test('a second part over 12 means month-first', () => {
    expect(orderFromData(evidenceOf('03/13/2026', '03/05 AC sent the deck'))).toBe('month-first');
  });

  test('dates with both parts ≤ 12 say nothing; neither do ISO dates, times, decimals, ranges', () => {
    const ev = evidenceOf(
      '03/04/2026',
      '2026-03-20',
      '13:45',
      'price 2.13',
      'pages 3-14',
      'v1.2.3',
      '1/2 done',
    );
    expect(ev).toEqual({ dayFirst: 0, monthFirst: 0 });
    expect(orderFromData(ev)).toBeUndefined();
  });

  test('dotted and dashed dates count only with a year', () => {
    expect(orderFromData(evidenceOf('call on 20.03.2026'))).toBe('day-first');
    expect(orderFromData(evidenceOf('20-03-26'))).toBe('day-first');
    expect(orderFromData(evidenceOf('20.03'))).toBeUndefined();
  });

  test('both kinds: the data cannot tell', () => {
    expect(orderFromData(evidenceOf('20/03/2026', '03/13/2026'))).toBeUndefined();
  });

  test('date cells and numbers carry no written order', () => {
    const ev = emptyEvidence();
    scanCell(ev, new Date(2026, 2, 20));
    scanCell(ev, 20.03);
    expect(ev).toEqual({ dayFirst: 0, monthFirst: 0 });
  });
});

describe('decideDateOrder', () => {
  test('no locale given: the data decides, whatever the machine says', () => {
    expect(decideDateOrder(evidenceOf('20/03/2026'), { fallback: 'en_US' })).toMatchObject({
      locale: 'en_GB',
      order: 'day-first',
      source: 'data',
    });
    expect(decideDateOrder(evidenceOf('03/13/2026'), { fallback: 'en_GB' })).toMatchObject({
      locale: 'en_US',
      order: 'month-first',
      source: 'data',
    });
    expect(decideDateOrder(evidenceOf('20/03/2026'), { fallback: 'fr_FR' }).locale).toBe('fr_FR');
  });

  test('the data cannot tell: the fallback locale', () => {
    expect(decideDateOrder(evidenceOf('03/04/2026'), { fallback: 'en_GB' })).toMatchObject({
      locale: 'en_GB',
      source: 'locale',
    });
    expect(decideDateOrder(evidenceOf('03/04/2026'), { fallback: 'en_GB' }).warning).toBeUndefined();
  });

  test('a given locale the data contradicts: kept, with one warning naming an example', () => {
    const d = decideDateOrder(evidenceOf('20/03/2026', '21/03/2026'), {
      given: 'en_US',
      givenWhat: '--locale',
      fallback: 'en_US',
    });
    expect(d.locale).toBe('en_US');
    expect(d.warning).toMatch(/day-first \("20\/03\/2026"\).*--locale en_US/);
  });

  test('a given locale the data agrees with: no warning', () => {
    expect(
      decideDateOrder(evidenceOf('20/03/2026'), { given: 'en_GB', fallback: 'en_US' }).warning,
    ).toBeUndefined();
  });

  test('mixed orders: a warning, the locale decides', () => {
    const d = decideDateOrder(evidenceOf('20/03/2026', '03/13/2026'), { fallback: 'en_GB' });
    expect(d.locale).toBe('en_GB');
    expect(d.warning).toMatch(/both ways/);
  });

  test('property: any d/m/yyyy with d > 12 reads day-first; swapped, month-first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 13, max: 31 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2000, max: 2099 }),
        fc.string({ maxLength: 20 }).filter((s) => !/\d/.test(s)),
        (d, m, y, words) => {
          const pad = (n: number) => String(n).padStart(2, '0');
          expect(orderFromData(evidenceOf(`${words} ${pad(d)}/${pad(m)}/${y}`))).toBe('day-first');
          expect(orderFromData(evidenceOf(`${pad(m)}/${pad(d)}/${y} ${words}`))).toBe('month-first');
        },
      ),
    );
  });

  test('property: scanning never throws and counts at most one date per slash group', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const ev = emptyEvidence();
        scanCell(ev, s);
        expect(ev.dayFirst + ev.monthFirst).toBeLessThanOrEqual((s.match(/\//g) ?? []).length);
      }),
    );
  });
});
