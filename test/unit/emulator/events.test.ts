import { makeClockEvent, makeEditEvent, makeOpenEvent, simulateUserEdit } from '../../../dev/emulator';
import { globals, sheetOf } from './helpers';

describe('makeEditEvent', () => {
  test('a single-cell edit carries value and oldValue as strings', () => {
    const g = globals({ user: { email: 'rep@example.com' } });
    const range = sheetOf(g).getRange('G5');
    range.setValue('Call Jane Fri');
    const e = makeEditEvent(range, { oldValue: 'check in' });
    expect(String(e.authMode)).toBe('LIMITED');
    expect(e.range.getA1Notation()).toBe('G5');
    expect(e.source.getId()).toBe(g.spreadsheet.id);
    expect(e.user.getEmail()).toBe('rep@example.com');
    expect(e.value).toBe('Call Jane Fri');
    expect(e.oldValue).toBe('check in');
  });

  test('a multi-cell paste has no value or oldValue', () => {
    const g = globals();
    const e = makeEditEvent(sheetOf(g).getRange('G5:G504'), { value: 'x', oldValue: 'y' });
    expect('value' in e).toBe(false);
    expect('oldValue' in e).toBe(false);
    expect(e.range.getNumRows()).toBe(500);
  });

  test('a cleared cell has oldValue but no value', () => {
    const g = globals();
    const e = makeEditEvent(sheetOf(g).getRange('A1'), { oldValue: 'was here' });
    expect('value' in e).toBe(false);
    expect(e.oldValue).toBe('was here');
  });
});

describe('simulateUserEdit', () => {
  test('writes like typing, returns the event with value and oldValue, and is not counted', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.getRange('A1').setValue('check in');
    const before = g.ledger.total();
    const e = simulateUserEdit(sheet.getRange('A1'), '24/03/2026');
    expect(g.ledger.total()).toBe(before + 1); // the getRange call; the edit itself is not a script call
    expect(e.value).toBe('24/03/2026');
    expect(e.oldValue).toBe('check in');
    expect((g.spreadsheet.sheets[0].getStored(1, 1) as Date).toISOString()).toBe('2026-03-24T00:00:00.000Z');
  });

  test('a paste of many rows gives no value; typing "=" makes a formula', () => {
    const g = globals();
    const sheet = sheetOf(g);
    const e = simulateUserEdit(sheet.getRange('A1:A2'), [['=1+1'], ['x']]);
    expect('value' in e).toBe(false);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([[2], ['x']]);
  });

  test('a non-editor cannot type into a protected range', () => {
    const g = globals();
    sheetOf(g).getRange('A1').protect();
    const rep = globals({ spreadsheet: g.spreadsheet, user: { email: 'rep@example.com', canEdit: false } });
    expect(() => simulateUserEdit(sheetOf(rep).getRange('A1'), 'x')).toThrow(
      'You are trying to edit a protected cell',
    );
  });
});

describe('makeOpenEvent and makeClockEvent', () => {
  test('onOpen in NONE has no source; in LIMITED it has the spreadsheet', () => {
    const g = globals();
    expect('source' in makeOpenEvent(g, 'NONE')).toBe(false);
    const e = makeOpenEvent(g, 'LIMITED');
    expect(String(e.authMode)).toBe('LIMITED');
    expect(e.source.getId()).toBe(g.spreadsheet.id);
  });

  test('time-driven event fields', () => {
    const e = makeClockEvent(new Date('2026-03-16T08:00:00Z'), '42');
    expect(e).toMatchObject({
      triggerUid: '42',
      year: 2026,
      month: 3,
      'day-of-month': 16,
      'day-of-week': 1,
      hour: 8,
    });
  });
});

describe('the edit event range: rowStart/rowEnd/columnStart/columnEnd (observed, undocumented)', () => {
  test('a single cell: all four are its own row and column, 1-based', () => {
    const g = globals();
    const e = makeEditEvent(sheetOf(g).getRange('G5'), { value: 'x' }) as unknown as {
      range: GoogleAppsScript.Spreadsheet.Range & Record<string, number>;
    };
    expect([e.range.rowStart, e.range.rowEnd, e.range.columnStart, e.range.columnEnd]).toEqual([5, 5, 7, 7]);
    expect(e.range.getA1Notation()).toBe('G5');
  });

  test('a pasted block spans its corners; JSON shows just the four numbers, as logged events do', () => {
    const g = globals();
    const e = simulateUserEdit(sheetOf(g).getRange('B3:D12'), [['a', 'b', 'c']]) as unknown as {
      range: Record<string, number>;
    };
    expect(e.range).toMatchObject({ rowStart: 3, rowEnd: 12, columnStart: 2, columnEnd: 4 });
    expect(JSON.parse(JSON.stringify(e)).range).toEqual({
      columnStart: 2,
      rowStart: 3,
      rowEnd: 12,
      columnEnd: 4,
    });
  });

  test('they are on e.range, not on the event, and the caller’s Range object is left as it was', () => {
    const g = globals();
    const range = sheetOf(g).getRange('A2:A3');
    const e = makeEditEvent(range) as unknown as Record<string, unknown>;
    for (const k of ['rowStart', 'rowEnd', 'columnStart', 'columnEnd']) {
      expect(k in e).toBe(false);
      // (An unknown property of an emulated Range is a "not emulated" thrower, never a number.)
      expect(typeof (range as unknown as Record<string, unknown>)[k]).not.toBe('number');
    }
    expect(Object.keys(e).sort()).toEqual(['authMode', 'range', 'source', 'user']);
  });
});
