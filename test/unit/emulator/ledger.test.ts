import { CallLedger } from '../../../dev/emulator';
import { globals, sheetOf } from './helpers';

describe('CallLedger', () => {
  test('counts one per service call, by Class.method', () => {
    const g = globals();
    const sheet = sheetOf(g);
    const range = sheet.getRange('A1:B2');
    range.getValues();
    range.getValues();
    range.setValues([
      [1, 2],
      [3, 4],
    ]);
    expect(g.ledger.count('SpreadsheetApp.getActiveSheet')).toBe(1);
    expect(g.ledger.count('Sheet.getRange')).toBe(1);
    expect(g.ledger.count('Range.getValues')).toBe(2);
    expect(g.ledger.count('Range.setValues')).toBe(1);
    expect(g.ledger.total()).toBe(5);
    expect(g.ledger.count()).toBe(5);
    expect(g.ledger.entries()).toEqual([
      'SpreadsheetApp.getActiveSheet',
      'Sheet.getRange',
      'Range.getValues',
      'Range.getValues',
      'Range.setValues',
    ]);
  });

  test('chained calls each count; internal work does not', () => {
    const g = globals();
    sheetOf(g).getRange('A1').setValue(1).setBackground('#ff0000').setFontWeight('bold');
    expect(g.ledger.diff({})).toEqual({
      'SpreadsheetApp.getActiveSheet': 1,
      'Sheet.getRange': 1,
      'Range.setValue': 1,
      'Range.setBackground': 1,
      'Range.setFontWeight': 1,
    });
  });

  test('snapshot/diff measure a block; reset clears', () => {
    const g = globals();
    const sheet = sheetOf(g);
    const before = g.ledger.snapshot();
    for (let i = 1; i <= 3; i++) sheet.getRange(i, 1).getValue();
    expect(g.ledger.diff(before)).toEqual({ 'Sheet.getRange': 3, 'Range.getValue': 3 });
    g.ledger.reset();
    expect(g.ledger.total()).toBe(0);
  });

  test('reading the model directly is never counted', () => {
    const g = globals();
    void g.spreadsheet.sheets[0].getStored(1, 1);
    expect(g.ledger.total()).toBe(0);
  });

  test('a ledger can be shared between globals', () => {
    const ledger = new CallLedger();
    const a = globals({ ledger });
    const b = globals({ ledger, spreadsheet: a.spreadsheet });
    a.Session.getActiveUser();
    b.Session.getActiveUser();
    expect(ledger.count('Session.getActiveUser')).toBe(2);
  });
});
