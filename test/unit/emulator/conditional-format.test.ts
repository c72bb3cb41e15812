import { cellColours, evaluateConditionalFormats, spreadsheetFromFixture } from '../../../dev/emulator';
import { globals, sheetOf } from './helpers';

function rule(g: ReturnType<typeof globals>) {
  return g.SpreadsheetApp.newConditionalFormatRule();
}

describe('ConditionalFormatRuleBuilder', () => {
  test('builds a rule whose getters return what was set', () => {
    const g = globals();
    const sheet = sheetOf(g);
    const built = rule(g)
      .whenFormulaSatisfied('=$A2=""')
      .setBackground('#F4CCCC')
      .setFontColor('#990000')
      .setRanges([sheet.getRange('A2:C10')])
      .build();
    const c = built.getBooleanCondition()!;
    expect(String(c.getCriteriaType())).toBe('CUSTOM_FORMULA');
    expect(c.getCriteriaValues()).toEqual(['=$A2=""']);
    expect(c.getBackground()).toBe('#f4cccc');
    expect(c.getFontColor()).toBe('#990000');
    expect(built.getRanges().map((r) => r.getA1Notation())).toEqual(['A2:C10']);
  });

  test('whenTextContains and whenCellEmpty criteria; copy() gives an independent builder', () => {
    const g = globals();
    const sheet = sheetOf(g);
    const base = rule(g)
      .whenTextContains('tbd')
      .setBackground('#ffff00')
      .setRanges([sheet.getRange('A1:A5')]);
    const copy = base.build().copy().whenCellEmpty().setBackground('#cccccc');
    expect(base.build().getBooleanCondition()!.getCriteriaValues()).toEqual(['tbd']);
    const c = copy.build().getBooleanCondition()!;
    expect(String(c.getCriteriaType())).toBe('CELL_EMPTY');
    expect(c.getCriteriaValues()).toEqual([]);
    expect(c.getBackground()).toBe('#cccccc');
  });

  test('setConditionalFormatRules replaces the sheet rules; getConditionalFormatRules reads them', () => {
    const g = globals();
    const sheet = sheetOf(g);
    const r1 = rule(g)
      .whenCellEmpty()
      .setBackground('#cccccc')
      .setRanges([sheet.getRange('A1:A3')])
      .build();
    sheet.setConditionalFormatRules([r1, r1]);
    expect(sheet.getConditionalFormatRules()).toHaveLength(2);
    sheet.setConditionalFormatRules([]);
    expect(sheet.getConditionalFormatRules()).toHaveLength(0);
    const other = g.SpreadsheetApp.getActive().insertSheet('Other');
    const foreign = rule(g)
      .whenCellEmpty()
      .setRanges([other.getRange('A1')])
      .build();
    expect(() => sheet.setConditionalFormatRules([foreign])).toThrow();
  });
});

describe('evaluateConditionalFormats', () => {
  test('formula references are relative to the top-left cell of the first range', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.getRange('A2:B5').setValues([
      ['a', 1],
      ['', 2],
      ['c', 3],
      ['', 4],
    ]);
    sheet.setConditionalFormatRules([
      rule(g)
        .whenFormulaSatisfied('=$A2=""')
        .setBackground('#cccccc')
        .setRanges([sheet.getRange('A2:B5')])
        .build(),
    ]);
    expect(evaluateConditionalFormats(sheet)).toEqual([
      { ruleIndex: 0, background: '#cccccc', cells: ['A3', 'B3', 'A5', 'B5'] },
    ]);
  });

  test('TODAY() in a rule uses "now" (overdue due dates)', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet
      .getRange('A1:A3')
      .setValues([
        [new Date('2026-03-10T00:00:00Z')],
        [new Date('2026-03-11T00:00:00Z')],
        [new Date('2026-03-12T00:00:00Z')],
      ]);
    sheet.setConditionalFormatRules([
      rule(g)
        .whenFormulaSatisfied('=AND(ISNUMBER($A1),$A1<TODAY())')
        .setBackground('#f4cccc')
        .setRanges([sheet.getRange('A1:A3')])
        .build(),
    ]);
    expect(evaluateConditionalFormats(sheet)[0].cells).toEqual(['A1']);
    expect(evaluateConditionalFormats(sheet, { now: new Date('2026-03-13T09:00:00Z') })[0].cells).toEqual([
      'A1',
      'A2',
      'A3',
    ]);
  });

  test('REGEXMATCH rules, text-contains (case-insensitive) and cell-empty rules', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.getRange('A1:A4').setValues([['Follow up'], ['Send MSA to Jane 24/03'], [''], ['TBD']]);
    const range = [sheet.getRange('A1:A4')];
    sheet.setConditionalFormatRules([
      rule(g)
        .whenFormulaSatisfied('=REGEXMATCH($A1,"(?i)^(follow up|check in)$")')
        .setBackground('#fce5cd')
        .setRanges(range)
        .build(),
      rule(g).whenTextContains('tbd').setBackground('#ffff00').setRanges(range).build(),
      rule(g).whenCellEmpty().setBackground('#cccccc').setRanges(range).build(),
    ]);
    expect(evaluateConditionalFormats(sheet).map((m) => m.cells)).toEqual([['A1'], ['A4'], ['A3']]);
  });

  test('cellColours: the first matching rule wins', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.getRange('A1:A2').setValues([['x'], ['']]);
    const range = [sheet.getRange('A1:A2')];
    sheet.setConditionalFormatRules([
      rule(g).whenCellEmpty().setBackground('#cccccc').setRanges(range).build(),
      rule(g).whenFormulaSatisfied('=TRUE').setBackground('#ff0000').setRanges(range).build(),
    ]);
    expect(cellColours(sheet)).toEqual({ A1: '#ff0000', A2: '#cccccc' });
  });

  test('works on a bare model with its spreadsheet', () => {
    const ss = spreadsheetFromFixture({
      sheets: [
        {
          name: 'S',
          values: [[1], [5]],
          conditionalFormats: [{ ranges: ['A1:A2'], formula: '=A1>2', background: '#00ff00' }],
        },
      ],
    });
    expect(cellColours(ss.sheets[0], { spreadsheet: ss })).toEqual({ A2: '#00ff00' });
    expect(cellColours(ss.sheets[0])).toEqual({ A2: '#00ff00' });
  });
});

describe('rule checks and diagnostics', () => {
  test('a custom formula may not reference another sheet (Sheets requires INDIRECT)', () => {
    const g = globals();
    const sheet = sheetOf(g);
    g.SpreadsheetApp.getActive().insertSheet('Config');
    const bad = rule(g)
      .whenFormulaSatisfied('=A1>Config!A1')
      .setRanges([sheet.getRange('A1:A3')])
      .build();
    expect(() => sheet.setConditionalFormatRules([bad])).toThrow(
      'Conditional format rule cannot reference a different sheet.',
    );
    const ok = rule(g)
      .whenFormulaSatisfied('=A1>INDIRECT("Config!A1")')
      .setRanges([sheet.getRange('A1:A3')])
      .build();
    sheet.setConditionalFormatRules([ok]);
  });

  test('a formula without "=" is text and never applies', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.getRange('A1').setValue(5);
    sheet.setConditionalFormatRules([
      rule(g)
        .whenFormulaSatisfied('A1>1')
        .setBackground('#ff0000')
        .setRanges([sheet.getRange('A1')])
        .build(),
    ]);
    expect(evaluateConditionalFormats(sheet)[0].cells).toEqual([]);
  });

  test('cells where the formula errors are reported', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.getRange('A1:A2').setValues([[5], ['text']]);
    sheet.setConditionalFormatRules([
      rule(g)
        .whenFormulaSatisfied('=REGEXMATCH(A1,"z")')
        .setBackground('#ff0000')
        .setRanges([sheet.getRange('A1:A2')])
        .build(),
    ]);
    expect(evaluateConditionalFormats(sheet)[0]).toMatchObject({
      cells: [],
      errors: [{ cell: 'A1', error: '#VALUE!' }],
    });
  });

  test('deleting rows shrinks rule ranges and drops rules left with none', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.setConditionalFormatRules([
      rule(g)
        .whenCellEmpty()
        .setRanges([sheet.getRange('A5:A10')])
        .build(),
      rule(g)
        .whenCellEmpty()
        .setRanges([sheet.getRange('B2:B3')])
        .build(),
    ]);
    sheet.deleteRows(2, 4);
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(1);
    expect(rules[0].getRanges()[0].getA1Notation()).toBe('A2:A6');
  });
});
