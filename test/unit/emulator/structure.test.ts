import { adjustFormula } from '../../../dev/emulator/structure';
import { globals, sheetOf } from './helpers';

describe('structural edits rewrite references, as Sheets does', () => {
  test('adjustFormula moves, shrinks and breaks references', () => {
    const ins = { sheetName: 'S', axis: 'row' as const, at: 3, delta: 2 };
    expect(adjustFormula('=A2+A3+$B$5+SUM(C1:C4)+S!D9+Other!A9+"A3"+A:A', 'S', ins)).toBe(
      '=A2+A5+$B$7+SUM(C1:C6)+S!D11+Other!A9+"A3"+A:A',
    );
    const del = { sheetName: 'S', axis: 'row' as const, at: 3, delta: -2 };
    expect(adjustFormula('=A2+A3+A5+SUM(C1:C4)+SUM(C3:C4)', 'S', del)).toBe(
      '=A2+#REF!+A3+SUM(C1:C2)+SUM(#REF!)',
    );
    const col = { sheetName: 'S', axis: 'col' as const, at: 2, delta: 1 };
    expect(adjustFormula('=A1+B1+$C$1+B:C+1:1', 'S', col)).toBe('=A1+C1+$D$1+C:D+1:1');
  });

  test('inserting rows keeps formula results pointing at the same data', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.getRange('A1:A2').setValues([[10], [20]]);
    sheet.getRange('B1').setFormula('=A2*2');
    sheet.insertRowsBefore(2, 3);
    expect(sheet.getRange('B1').getFormula()).toBe('=A5*2');
    expect(sheet.getRange('B1').getValue()).toBe(40);
    sheet.insertColumnBefore(1);
    expect(sheet.getRange('C1').getFormula()).toBe('=B5*2');
  });

  test('conditional-format formulas move with their ranges; deleted references become #REF!', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.setConditionalFormatRules([
      g.SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied('=$A3=""')
        .setRanges([sheet.getRange('A3:B10')])
        .build(),
    ]);
    sheet.insertRowsBefore(1, 1);
    const rule = sheet.getConditionalFormatRules()[0];
    expect(rule.getRanges()[0].getA1Notation()).toBe('A4:B11');
    expect(rule.getBooleanCondition()!.getCriteriaValues()).toEqual(['=$A4=""']);
    sheet.getRange('C1').setFormula('=A2');
    sheet.deleteRows(2, 1);
    expect(sheet.getRange('C1').getFormula()).toBe('=#REF!');
    expect(sheet.getRange('C1').getValue()).toBe('#REF!');
  });
});

describe('renaming a sheet', () => {
  test('rewrites formulas that name it', () => {
    const g = globals();
    const ss = g.SpreadsheetApp.getActive();
    const data = ss.insertSheet('Data');
    data.getRange('A1').setValue(3);
    const main = ss.getSheetByName('Sheet1')!;
    main.getRange('A1').setFormula('=Data!A1*2&"Data!A1"');
    data.setName('Raw data');
    expect(main.getRange('A1').getFormula()).toBe(`='Raw data'!A1*2&"Data!A1"`);
    expect(main.getRange('A1').getValue()).toBe('6Data!A1');
  });
});
