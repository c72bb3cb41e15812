import { createAppsScriptGlobals } from '../../../dev/emulator';
import { shiftFormula, toEngineFormula } from '../../../dev/emulator/formulas';
import { globals, sheetOf } from './helpers';

describe('formula evaluation (HyperFormula)', () => {
  test('TODAY() is the date of "now" in the spreadsheet time zone, as a Date', () => {
    // 23:30 UTC on 10 March is already 11 March in Tokyo.
    const g = createAppsScriptGlobals({ now: new Date('2026-03-10T23:30:00Z'), timeZone: 'Asia/Tokyo' });
    const sheet = g.SpreadsheetApp.getActiveSheet();
    sheet.getRange('A1').setFormula('=TODAY()');
    const v = sheet.getRange('A1').getValue() as Date;
    expect(v).toBeInstanceOf(Date);
    expect(v.toISOString()).toBe('2026-03-10T15:00:00.000Z'); // midnight 11 March in Tokyo
    expect(sheet.getRange('A1').getDisplayValue()).toBe('11/03/2026');
  });

  test('TODAY() follows a moving clock', () => {
    let now = new Date('2026-03-11T10:00:00Z');
    const g = createAppsScriptGlobals({ now: () => now });
    const sheet = g.SpreadsheetApp.getActiveSheet();
    sheet.getRange('A1').setFormula('=TODAY()');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('11/03/2026');
    now = new Date('2026-03-13T10:00:00Z');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('13/03/2026');
  });

  test('date arithmetic against date cells', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1').setValue(new Date('2026-03-01T00:00:00Z'));
    sheet.getRange('B1').setFormula('=TODAY()-A1');
    sheet.getRange('C1').setFormula('=A1<TODAY()');
    expect(sheet.getRange('B1:C1').getValues()).toEqual([[10, true]]);
  });

  test('HYPERLINK shows its label; AND, COUNTIF and bare TRUE/FALSE work', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1:A4').setValues([['ok'], ['weak'], ['ok'], ['']]);
    sheet.getRange('B1').setFormula('=HYPERLINK("#gid=0&range=A7","Acme — Platform")');
    sheet.getRange('B2').setFormula('=COUNTIF(A1:A4,"ok")');
    sheet.getRange('B3').setFormula('=AND(A1="ok",LEN(A2)>0,TRUE)');
    sheet.getRange('B4').setFormula('=IF(FALSE,1,2)');
    expect(sheet.getRange('B1:B4').getValues()).toEqual([['Acme — Platform'], [2], [true], [2]]);
  });

  test('REGEXMATCH, REGEXEXTRACT and REGEXREPLACE, with (?i)', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1').setValue('Follow up next week');
    sheet
      .getRange('B1:E1')
      .setFormulas([
        [
          '=REGEXMATCH(A1,"(?i)^\\s*(follow up|check in)\\b")',
          '=REGEXMATCH(A1,"^follow")',
          '=REGEXEXTRACT(A1,"next (\\w+)")',
          '=REGEXREPLACE(A1,"e","E")',
        ],
      ]);
    expect(sheet.getRange('B1:E1').getValues()).toEqual([[true, false, 'week', 'Follow up nExt wEEk']]);
  });

  test('REGEX errors read as Sheets shows them', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1').setValue(5);
    sheet
      .getRange('B1:D1')
      .setFormulas([['=REGEXMATCH(A1,"5")', '=REGEXEXTRACT("abc","z")', '=REGEXMATCH("a","(")']]);
    expect(sheet.getRange('B1:D1').getValues()).toEqual([['#VALUE!', '#N/A', '#REF!']]);
  });

  test("errors read as Sheets' codes: #N/A, #DIV/0!, #NAME?, circular → #REF!", () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1:D1').setFormulas([['=NA()', '=1/0', '=NOSUCHFN(1)', '=D1']]);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['#N/A', '#DIV/0!', '#NAME?', '#REF!']]);
    expect(sheet.getRange('A1:D1').getDisplayValues()).toEqual([['#N/A', '#DIV/0!', '#NAME?', '#REF!']]);
  });

  test('results update after writes and follow references to other sheets', () => {
    const g = globals();
    const ss = g.SpreadsheetApp.getActive();
    const prices = ss.insertSheet('Price list');
    prices.getRange('A1:B2').setValues([
      ['Pro', 1200],
      ['Starter', 600],
    ]);
    const sheet = ss.getSheetByName('Sheet1')!;
    sheet.getRange('A1').setFormula('=VLOOKUP("Pro",\'Price list\'!A1:B2,2,FALSE)*2');
    expect(sheet.getRange('A1').getValue()).toBe(2400);
    prices.getRange('B1').setValue(1000);
    expect(sheet.getRange('A1').getValue()).toBe(2000);
  });

  test('text that looks like a number or formula is text to formulas too', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1').setNumberFormat('@').setValue('=1+1');
    sheet.getRange('B1').setFormula('=LEN(A1)');
    expect(sheet.getRange('B1').getValue()).toBe(4);
  });
});

describe('shiftFormula', () => {
  test('moves relative references, keeps $ parts, qualifies with the sheet, skips strings and names', () => {
    expect(shiftFormula('=AND($G3="",E3<>"Closed Won")', 2, 0, 'Pipeline')).toBe(
      '=AND(Pipeline!$G5="",Pipeline!E5<>"Closed Won")',
    );
    expect(shiftFormula('=COUNTIF($A:$A,A1)+LOG10(B2)', 1, 1, "Bob's")).toBe(
      "=COUNTIF('Bob''s'!$A:$A,'Bob''s'!B2)+LOG10('Bob''s'!C3)",
    );
    expect(shiftFormula('=Other!A1+"A1"', 1, 0, 'S')).toBe('=Other!A2+"A1"');
    expect(shiftFormula('=A1', -1, 0, null)).toBe('=#REF!');
    expect(shiftFormula('=SUM(A1:B2)', 1, 0, null)).toBe('=SUM(A2:B3)');
  });

  test('bare TRUE/FALSE become HyperFormula functions outside strings', () => {
    expect(toEngineFormula('=IF(A1=TRUE,"TRUE",FALSE)')).toBe('=IF(A1=TRUE(),"TRUE",FALSE())');
  });
});
