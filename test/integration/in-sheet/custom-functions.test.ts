/**
 * The built Code.js, loaded in a bare vm with only a minimal stand-in for the services a custom
 * function may read (the spreadsheet's time zone and locale), answers NEXTSTEP_CHECK, NEXTSTEP_SCORE
 * and NEXTSTEP_DUE in the documented shapes. Also run through the emulator in CUSTOM_FUNCTION mode.
 */
import * as fs from 'fs';
import * as vm from 'vm';
import { createAppsScriptGlobals, loadBundle } from '../../../dev/emulator';
import { CODE, FIXTURE_NOW, pipelineFixture } from './helpers';

const source = fs.readFileSync(CODE, 'utf8');
type Fn = (...args: unknown[]) => unknown;

interface Bare {
  CHECK: Fn;
  SCORE: Fn;
  DUE: Fn;
  context: vm.Context;
  calls: string[];
}

/** Only SpreadsheetApp.getActive().getSpreadsheetTimeZone()/getSpreadsheetLocale() exist, if anything. */
function bare(zone?: { timeZone: string; locale: string }, clock?: number): Bare {
  const calls: string[] = [];
  const sandbox: Record<string, unknown> = {};
  if (zone) {
    sandbox.SpreadsheetApp = {
      getActive: () => {
        calls.push('getActive');
        return {
          getSpreadsheetTimeZone: () => (calls.push('getSpreadsheetTimeZone'), zone.timeZone),
          getSpreadsheetLocale: () => (calls.push('getSpreadsheetLocale'), zone.locale),
        };
      },
    };
  }
  const context = vm.createContext(sandbox);
  if (clock !== undefined) {
    // A different "now" for the whole vm: results must not change with it.
    vm.runInContext(
      `(() => { const D = Date; const fixed = ${clock};
        globalThis.Date = class extends D { constructor(...a) { a.length ? super(...a) : super(fixed); } static now() { return fixed; } }; })();`,
      context,
    );
  }
  vm.runInContext(source, context, { filename: 'Code.js' });
  const get = (name: string): Fn => {
    const f = (context as Record<string, unknown>)[name];
    if (typeof f !== 'function') throw new Error(`${name} is not a top-level function`);
    return f as Fn;
  };
  return {
    CHECK: get('NEXTSTEP_CHECK'),
    SCORE: get('NEXTSTEP_SCORE'),
    DUE: get('NEXTSTEP_DUE'),
    context,
    calls,
  };
}

/** A Date of the vm's own realm, as Apps Script hands date cells to a custom function. */
function vmDate(f: Bare, ms: number): Date {
  return vm.runInContext(`new Date(${ms})`, f.context) as Date;
}

/** Dates made inside the vm are another realm's: compare by instant. */
function iso(v: unknown): unknown {
  if (Object.prototype.toString.call(v) === '[object Date]') return (v as Date).toISOString();
  if (Array.isArray(v)) return v.map(iso);
  return v;
}

const london = { timeZone: 'Europe/London', locale: 'en_GB' };

describe('in a bare vm with a minimal stand-in', () => {
  const f = bare(london);

  test('one cell in, one value out', () => {
    expect(f.CHECK('Send revised MSA to Jane in Legal by Fri 24/04/2026')).toBe('OK');
    expect(f.CHECK('follow up')).toBe('Bad: only "follow up"; no date');
    expect(f.CHECK('Follow up next week')).toMatch(/^Weak: only "Follow up"/);
    const score = f.SCORE('Send revised MSA to Jane in Legal by Fri 24/04/2026');
    expect(typeof score).toBe('number');
    expect(score as number).toBeGreaterThanOrEqual(70);
    expect(f.SCORE('follow up') as number).toBeLessThan(35);
    expect(iso(f.DUE('Pricing call with Jane on 24/03/2026'))).toBe('2026-03-24T00:00:00.000Z');
  });

  test('a range in, the same shape out; blank rows give ""', () => {
    const input = [['Follow up'], [''], ['Send proposal to the CFO 20/03/2026'], [null], ['   ']];
    const check = f.CHECK(input) as unknown[][];
    expect(check).toHaveLength(5);
    expect(check.map((r) => r.length)).toEqual([1, 1, 1, 1, 1]);
    expect(check[1][0]).toBe('');
    expect(check[3][0]).toBe('');
    expect(check[4][0]).toBe('');
    expect(check[2][0]).toBe('OK');
    const score = f.SCORE(input) as unknown[][];
    expect(score.map((r) => typeof r[0])).toEqual(['number', 'string', 'number', 'string', 'string']);
    const due = iso(f.DUE(input)) as unknown[][];
    expect(due).toEqual([[''], [''], ['2026-03-20T00:00:00.000Z'], [''], ['']]);
  });

  test('several columns keep their shape', () => {
    const out = f.CHECK([
      ['follow up', ''],
      ['', 'TBD'],
    ]) as string[][];
    expect(out[0][1]).toBe('');
    expect(out[1][0]).toBe('');
    expect(out[0][0]).toMatch(/^Bad/);
    expect(out[1][1]).toMatch(/^Bad/);
  });

  test('non-text cells are handled: numbers, booleans, dates, error values, formula-like and HTML-like text', () => {
    const d = vmDate(f, Date.UTC(2026, 2, 20));
    const out = f.CHECK([
      [42],
      [true],
      [d],
      ['#N/A'],
      ['=HYPERLINK("http://x","y")'],
      ['<img src=x onerror=alert(1)>'],
    ]) as string[][];
    expect(out).toHaveLength(6);
    for (const [v] of out) expect(typeof v).toBe('string');
    expect(out[3][0]).toMatch(/^Missing/);
    expect(out[0][0]).not.toBe('');
    // A Date in the next-step cell is its own due date.
    expect(iso((f.DUE([[d]]) as unknown[][])[0][0])).toBe('2026-03-20T00:00:00.000Z');
  });

  test('due_dates: a date in the due column anchors the step in time', () => {
    const undated = f.CHECK('Send the revised MSA to Jane');
    expect(undated).toMatch(/no date/);
    const d = vmDate(f, Date.UTC(2026, 2, 20));
    expect(f.CHECK('Send the revised MSA to Jane', d)).toBe('OK');
    expect(f.SCORE('Send the revised MSA to Jane', d) as number).toBeGreaterThan(
      f.SCORE('Send the revised MSA to Jane') as number,
    );
    expect(f.CHECK([['Send the revised MSA to Jane'], ['x']], [[d], ['']])).toEqual([
      ['OK'],
      [expect.stringMatching(/^Bad/)],
    ]);
    // A Date from another realm (a harness) is read the same way.
    expect(f.CHECK('Send the revised MSA to Jane', new Date(Date.UTC(2026, 2, 20)))).toBe('OK');
  });

  test('written_on: relative dates are read from it; without it they give "" (never today)', () => {
    const written = vmDate(f, Date.UTC(2026, 2, 11, 9));
    expect(f.DUE('Demo with their IT team next Tue')).toBe('');
    expect(iso(f.DUE('Demo with their IT team next Tue', written))).toBe('2026-03-17T00:00:00.000Z');
    expect(f.DUE('Pricing call with Jane on 24/03')).toBe('');
    expect(iso(f.DUE('Pricing call with Jane on 24/03', written))).toBe('2026-03-24T00:00:00.000Z');
    expect(f.DUE('follow up')).toBe('');
  });

  test('bad arguments throw a message that says what to fix', () => {
    const rows = (n: number): string[][] => Array.from({ length: n }, () => ['x']);
    expect(() => f.CHECK(rows(120), rows(119))).toThrow(
      'NEXTSTEP_CHECK: next_steps and due_dates must have the same number of rows (120 vs 119)',
    );
    expect(() => f.CHECK(rows(3), undefined, rows(2))).toThrow(
      'NEXTSTEP_CHECK: next_steps and written_on must have the same number of rows (3 vs 2)',
    );
    expect(() =>
      f.SCORE(rows(2), [
        ['a', 'b', 'c'],
        ['a', 'b', 'c'],
      ]),
    ).toThrow('NEXTSTEP_SCORE: due_dates must be one column or as many columns as next_steps (1 vs 3)');
    expect(() => f.DUE()).toThrow('NEXTSTEP_DUE: next_steps is required, e.g. =NEXTSTEP_DUE(E2:E)');
    expect(() => f.CHECK([])).toThrow(/NEXTSTEP_CHECK: next_steps is an empty range/);
  });

  test('reads only the time zone and locale', () => {
    const g = bare(london);
    g.CHECK([['follow up'], ['Send MSA to Jane 20/03/2026']]);
    expect(new Set(g.calls)).toEqual(
      new Set(['getActive', 'getSpreadsheetTimeZone', 'getSpreadsheetLocale']),
    );
  });
});

describe('results never depend on today', () => {
  const texts = pipelineFixture()
    .sheets[0].values?.slice(2)
    .map((r) => [r[6] ?? '']) as unknown[][];
  test('the same answers under clocks years apart', () => {
    const a = bare(london, Date.UTC(2026, 2, 11, 10));
    const b = bare(london, Date.UTC(2031, 9, 2, 23));
    expect(a.CHECK(texts)).toEqual(b.CHECK(texts));
    expect(a.SCORE(texts)).toEqual(b.SCORE(texts));
    expect(iso(a.DUE(texts))).toEqual(iso(b.DUE(texts)));
  });
});

describe('time zone and locale', () => {
  test('DUE is midnight of the right day in the spreadsheet zone', () => {
    for (const [timeZone, expected] of [
      ['America/New_York', '2026-07-04T04:00:00.000Z'],
      ['Asia/Tokyo', '2026-07-03T15:00:00.000Z'],
      ['Pacific/Kiritimati', '2026-07-03T10:00:00.000Z'],
      ['Europe/London', '2026-07-03T23:00:00.000Z'],
    ]) {
      const f = bare({ timeZone, locale: 'en_GB' });
      expect(iso(f.DUE('Kick-off call with the CFO on 04/07/2026'))).toBe(expected);
    }
  });

  test('numeric dates follow the locale', () => {
    expect(iso(bare({ timeZone: 'UTC', locale: 'en_US' }).DUE('Pricing call with Jane on 10/03/2026'))).toBe(
      '2026-10-03T00:00:00.000Z',
    );
    expect(iso(bare({ timeZone: 'UTC', locale: 'en_GB' }).DUE('Pricing call with Jane on 10/03/2026'))).toBe(
      '2026-03-10T00:00:00.000Z',
    );
  });

  test('without any service: UTC and en_US defaults, no error', () => {
    const f = bare();
    expect(f.CHECK('follow up')).toMatch(/^Bad/);
    expect(iso(f.DUE('Pricing call with Jane on 10/03/2026'))).toBe('2026-10-03T00:00:00.000Z');
  });

  test('a stand-in that throws (a service this mode may not call) falls back to the defaults', () => {
    const f = bare(london);
    (f.context as Record<string, unknown>).SpreadsheetApp = {
      getActive: () => {
        throw new Error('You do not have permission to call SpreadsheetApp.getActive');
      },
    };
    expect(iso(f.DUE('Pricing call with Jane on 10/03/2026'))).toBe('2026-10-03T00:00:00.000Z');
  });
});

describe('through the emulator in CUSTOM_FUNCTION mode', () => {
  test('a whole column of the fixture in one call: same row count out, read-only services only', () => {
    const g = createAppsScriptGlobals({
      spreadsheet: pipelineFixture(),
      now: FIXTURE_NOW,
      authMode: 'CUSTOM_FUNCTION',
    });
    const fns = loadBundle(CODE, g);
    const sheet = g.SpreadsheetApp.getActive().getSheetByName(
      'Pipeline',
    ) as GoogleAppsScript.Spreadsheet.Sheet;
    const steps = sheet.getRange('G3:G202').getValues();
    const due = sheet.getRange('H3:H202').getValues();
    const written = sheet.getRange('I3:I202').getValues();
    g.ledger.reset();
    const check = fns.NEXTSTEP_CHECK(steps, due, written) as string[][];
    const score = fns.NEXTSTEP_SCORE(steps, due) as unknown[][];
    const dueOut = fns.NEXTSTEP_DUE(steps, written) as unknown[][];
    expect(check).toHaveLength(200);
    expect(score).toHaveLength(200);
    expect(dueOut).toHaveLength(200);
    // Reads only: the zone and locale, and the saved settings (docs/decisions.md D8), once per call.
    expect(g.ledger.snapshot()).toEqual({
      'Properties.getProperties': 3,
      'PropertiesService.getDocumentProperties': 3,
      'Spreadsheet.getSpreadsheetLocale': 3,
      'Spreadsheet.getSpreadsheetTimeZone': 3,
      'SpreadsheetApp.getActive': 3,
    });
    const filled = check.filter(([v]) => v !== '').length;
    expect(filled).toBeGreaterThan(150);
    expect(dueOut.filter(([v]) => v !== '').length).toBeGreaterThan(50);
  });
});
