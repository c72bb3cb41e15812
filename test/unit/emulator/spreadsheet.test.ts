import { globals } from './helpers';

describe('Spreadsheet', () => {
  test('insertSheet(name, index) inserts at the index and activates the new sheet', () => {
    const g = globals();
    const ss = g.SpreadsheetApp.getActive();
    ss.insertSheet('Last');
    const first = ss.insertSheet('First', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['First', 'Sheet1', 'Last']);
    expect(ss.getActiveSheet().getName()).toBe('First');
    expect(first.getIndex()).toBe(1);
    expect(ss.insertSheet().getName()).toBe('Sheet4');
  });

  test('insertSheet with an existing name throws Sheets message (names are case-insensitive)', () => {
    const ss = globals().SpreadsheetApp.getActive();
    expect(() => ss.insertSheet('SHEET1')).toThrow(
      'A sheet with the name "SHEET1" already exists. Please enter another name.',
    );
  });

  test('getSheetByName finds a sheet or returns null', () => {
    const ss = globals().SpreadsheetApp.getActive();
    expect(ss.getSheetByName('Sheet1')!.getName()).toBe('Sheet1');
    expect(ss.getSheetByName('Missing')).toBeNull();
  });

  test('deleteSheet removes it; the last sheet cannot be deleted', () => {
    const ss = globals().SpreadsheetApp.getActive();
    const two = ss.insertSheet('Two');
    ss.deleteSheet(two);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    expect(() => ss.deleteSheet(ss.getSheets()[0])).toThrow(
      "You can't remove all the visible sheets in a document.",
    );
  });

  test('active sheet and range', () => {
    const g = globals();
    const ss = g.SpreadsheetApp.getActive();
    const two = ss.insertSheet('Two');
    ss.setActiveSheet(ss.getSheets()[0]);
    expect(g.SpreadsheetApp.getActiveSheet().getName()).toBe('Sheet1');
    two.getRange('B3').activate();
    expect(ss.getActiveSheet().getName()).toBe('Two');
    expect(ss.getActiveRange()!.getA1Notation()).toBe('B3');
    expect(ss.getActiveCell().getA1Notation()).toBe('B3');
    ss.setActiveRange(two.getRange('C4:C6'));
    expect(g.SpreadsheetApp.getActiveRange()!.getA1Notation()).toBe('C4:C6');
  });

  test('getRange with a sheet-qualified A1', () => {
    const ss = globals().SpreadsheetApp.getActive();
    ss.insertSheet('My data').getRange('A2').setValue(7);
    expect(ss.getRange("'My data'!A2").getValue()).toBe(7);
  });

  test('time zone, locale, id, url and toast', () => {
    const g = globals({ timeZone: 'America/New_York', locale: 'en_US' });
    const ss = g.SpreadsheetApp.getActive();
    expect(ss.getSpreadsheetTimeZone()).toBe('America/New_York');
    expect(ss.getSpreadsheetLocale()).toBe('en_US');
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
    ss.toast('Built review', 'Next Step Tracker', 3);
    expect(g.ui.toasts).toEqual([{ message: 'Built review', title: 'Next Step Tracker', timeoutSeconds: 3 }]);
  });

  test('two globals over one EmulatedSpreadsheet share its state', () => {
    const a = globals();
    const b = globals({ spreadsheet: a.spreadsheet, authMode: 'LIMITED' });
    a.SpreadsheetApp.getActiveSheet().getRange('A1').setValue('shared');
    expect(b.SpreadsheetApp.getActiveSheet().getRange('A1').getValue()).toBe('shared');
  });

  test('unemulated methods throw loudly', () => {
    const ss = globals().SpreadsheetApp.getActive() as unknown as { addEditor(x: string): void };
    expect(() => ss.addEditor('x@example.com')).toThrow('not emulated: Spreadsheet.addEditor');
  });
});
