import { globals, gmt, sheetOf } from './helpers';

describe('Range values', () => {
  test("getValues gives '' for empty cells, numbers, booleans and Dates", () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.getRange('A1:D1').setValues([[1.5, true, gmt('2026-03-10'), 'text']]);
    const values = sheet.getRange('A1:E2').getValues();
    expect(values[0].slice(0, 2)).toEqual([1.5, true]);
    expect(values[0][2]).toBeInstanceOf(Date);
    expect((values[0][2] as Date).toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(values[0].slice(3)).toEqual(['text', '']);
    expect(values[1]).toEqual(['', '', '', '', '']);
  });

  test('getValue reads the top-left cell; setValue fills every cell of the range', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.getRange('A1:B2').setValue('x');
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['x', 'x'],
      ['x', 'x'],
    ]);
    expect(sheet.getRange('B2:C3').getValue()).toBe('x');
  });

  test('returned Dates are copies: mutating them does not change the cell', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.getRange('A1').setValue(gmt('2026-03-10'));
    (sheet.getRange('A1').getValue() as Date).setFullYear(1999);
    expect((sheet.getRange('A1').getValue() as Date).getUTCFullYear()).toBe(2026);
  });

  test('setValues with the wrong number of rows throws Sheets message', () => {
    const sheet = sheetOf(globals());
    expect(() => sheet.getRange('A1:B3').setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 3.',
    );
  });

  test('setValues with the wrong number of columns throws Sheets message', () => {
    const sheet = sheetOf(globals());
    expect(() => sheet.getRange('A1:C1').setValues([[1, 2]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
  });

  test("a string starting with '=' becomes a formula", () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1:B1').setValues([[2, '=A1*10']]);
    expect(sheet.getRange('B1').getValue()).toBe(20);
    expect(sheet.getRange('B1').getFormula()).toBe('=A1*10');
  });

  test("a cell formatted as plain text ('@') keeps '=...' as text", () => {
    const sheet = sheetOf(globals());
    const cell = sheet.getRange('A1');
    cell.setNumberFormat('@');
    cell.setValue('=IMPORTXML("http://evil","//a")');
    expect(cell.getValue()).toBe('=IMPORTXML("http://evil","//a")');
    expect(cell.getFormula()).toBe('');
    expect(cell.getDisplayValue()).toBe('=IMPORTXML("http://evil","//a")');
  });

  test("'@' also keeps number-like and date-like text as text", () => {
    const sheet = sheetOf(globals());
    sheet
      .getRange('A1:B1')
      .setNumberFormat('@')
      .setValues([['0123', '10/03']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['0123', '10/03']]);
  });

  test('a leading apostrophe forces text and is not stored', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1').setValue("'=1+1");
    expect(sheet.getRange('A1').getValue()).toBe('=1+1');
    expect(sheet.getRange('A1').getFormula()).toBe('');
  });

  test('strings are parsed like typed input: numbers, booleans, percentages and locale dates', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1:E1').setValues([['42', 'TRUE', '50%', '10/03/2026', 'hello']]);
    const [v] = sheet.getRange('A1:E1').getValues();
    expect(v.slice(0, 3)).toEqual([42, true, 0.5]);
    expect((v[3] as Date).toISOString()).toBe('2026-03-10T00:00:00.000Z'); // en_GB: day first
    expect(v[4]).toBe('hello');
    expect(sheet.getRange('D1').getDisplayValue()).toBe('10/03/2026');
  });

  test('numeric dates follow the locale (en_US reads month first)', () => {
    const g = globals({ locale: 'en_US', timeZone: 'America/New_York' });
    const sheet = sheetOf(g);
    sheet.getRange('A1').setValue('10/03/2026');
    const d = sheet.getRange('A1').getValue() as Date;
    expect(d.toISOString()).toBe('2026-10-03T04:00:00.000Z');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('10/3/2026');
  });

  test('null, undefined and empty string clear cells', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.getRange('A1:C1').setValues([[null, undefined, '']]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['', '', '']]);
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe('Range display values and formats', () => {
  test('getDisplayValues formats numbers, dates and booleans with the number format', () => {
    const sheet = sheetOf(globals());
    sheet
      .getRange('A1:F1')
      .setValues([[1234.5, 1234.5, 0.25, gmt('2026-03-10'), true, new Date('2026-03-10T14:05:09Z')]]);
    sheet.getRange('B1').setNumberFormat('£#,##0.00');
    sheet.getRange('C1').setNumberFormat('0%');
    sheet.getRange('D1').setNumberFormat('ddd d mmm yyyy');
    expect(sheet.getRange('A1:F1').getDisplayValues()).toEqual([
      ['1234.5', '£1,234.50', '25%', 'Tue 10 Mar 2026', 'TRUE', '10/03/2026 14:05:09'],
    ]);
  });

  test('a number in a date-formatted cell reads back as a Date', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1').setNumberFormat('dd/MM/yyyy').setValue(46092);
    const v = sheet.getRange('A1').getValue() as Date;
    expect(v).toBeInstanceOf(Date);
    expect(v.toISOString()).toBe('2026-03-11T00:00:00.000Z');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('11/03/2026');
  });

  test('format getters have Sheets defaults', () => {
    const sheet = sheetOf(globals());
    const r = sheet.getRange('A1:B1');
    expect(r.getNumberFormats()).toEqual([['0.###############', '0.###############']]);
    expect(r.getBackgrounds()).toEqual([['#ffffff', '#ffffff']]);
    expect(r.getFontWeights()).toEqual([['normal', 'normal']]);
    expect(r.getFontColors()).toEqual([['#000000', '#000000']]);
    expect(r.getFormulas()).toEqual([['', '']]);
    expect(r.getNotes()).toEqual([['', '']]);
  });

  test('setters store formats; colours are normalised to lower-case #rrggbb', () => {
    const sheet = sheetOf(globals());
    const r = sheet.getRange('A1:B1');
    r.setBackground('RED').setFontWeight('bold').setFontColor('#0F0').setNumberFormat('0.00');
    expect(r.getBackgrounds()).toEqual([['#ff0000', '#ff0000']]);
    expect(r.getFontWeights()).toEqual([['bold', 'bold']]);
    expect(r.getFontColors()).toEqual([['#00ff00', '#00ff00']]);
    expect(r.getNumberFormats()).toEqual([['0.00', '0.00']]);
    r.setBackgrounds([['#123456', null]]);
    expect(r.getBackgrounds()).toEqual([['#123456', '#ffffff']]);
    r.setFontWeights([['normal', 'bold']]);
    expect(r.getFontWeights()).toEqual([['normal', 'bold']]);
    r.setNumberFormats([['@', '0']]);
    expect(r.getNumberFormats()).toEqual([['@', '0']]);
    r.setFontColors([[null, 'blue']]);
    expect(r.getFontColors()).toEqual([['#000000', '#0000ff']]);
    r.setHorizontalAlignment('center').setWrap(true);
    expect(r.getHorizontalAlignment()).toBe('center');
    expect(r.getWrap()).toBe(true);
    expect(() => r.setBackground('not-a-colour')).toThrow('Invalid color');
  });

  test('notes are read and written per cell', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1:B1').setNotes([['first', '']]);
    expect(sheet.getRange('A1:B1').getNotes()).toEqual([['first', '']]);
    sheet.getRange('B1').setNote('second');
    expect(sheet.getRange('B1').getNote()).toBe('second');
    sheet.getRange('A1:B1').clearNote();
    expect(sheet.getRange('A1:B1').getNotes()).toEqual([['', '']]);
  });

  test('clearContent keeps formats; clear removes both; clear({formatOnly}) keeps values', () => {
    const sheet = sheetOf(globals());
    const r = sheet.getRange('A1');
    r.setValue(5).setBackground('#ff0000');
    r.clearContent();
    expect(r.getValue()).toBe('');
    expect(r.getBackground()).toBe('#ff0000');
    r.setValue(6);
    r.clear({ formatOnly: true });
    expect(r.getValue()).toBe(6);
    expect(r.getBackground()).toBe('#ffffff');
    r.setBackground('#ff0000');
    r.clear();
    expect([r.getValue(), r.getBackground()]).toEqual(['', '#ffffff']);
  });
});

describe('Range geometry', () => {
  test('row, column, sizes and A1 notation are 1-based', () => {
    const r = sheetOf(globals()).getRange(2, 3, 4, 5);
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]).toEqual([2, 3, 4, 5]);
    expect([r.getLastRow(), r.getLastColumn()]).toEqual([5, 7]);
    expect(r.getA1Notation()).toBe('C2:G5');
    expect(sheetOf(globals()).getRange('B2').getA1Notation()).toBe('B2');
  });

  test('offset moves and resizes; getCell picks a cell relative to the range', () => {
    const sheet = sheetOf(globals());
    const r = sheet.getRange('B2:C3');
    expect(r.offset(1, 1).getA1Notation()).toBe('C3:D4');
    expect(r.offset(0, 0, 1, 1).getA1Notation()).toBe('B2');
    expect(r.getCell(2, 2).getA1Notation()).toBe('C3');
    expect(() => r.offset(-2, 0)).toThrow('The starting row of the range is too small.');
  });

  test('getSheet returns the owning sheet; activate sets the selection', () => {
    const g = globals();
    const sheet = sheetOf(g);
    const r = sheet.getRange('C4:D5');
    expect(r.getSheet().getName()).toBe('Sheet1');
    r.activate();
    expect(g.SpreadsheetApp.getActiveRange()!.getA1Notation()).toBe('C4:D5');
  });

  test('setFormula on a multi-cell range fills with relative references', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.getRange('B1:B3').setFormula('=A1*2+$A$1');
    expect(sheet.getRange('B1:B3').getFormulas()).toEqual([['=A1*2+$A$1'], ['=A2*2+$A$1'], ['=A3*2+$A$1']]);
    expect(sheet.getRange('B1:B3').getValues()).toEqual([[3], [5], [7]]);
  });

  test('setFormulas writes formulas even into text-formatted cells', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1').setNumberFormat('@');
    sheet.getRange('A1:B1').setFormulas([['=1+1', '=2+2']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[2, 4]]);
  });
});

describe('Merged cells', () => {
  test('merge keeps the top-left value; other cells read as empty and ignore writes', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1:C1').setValues([['Title', 'x', 'y']]);
    sheet.getRange('A1:C1').merge();
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['Title', '', '']]);
    sheet.getRange('B1').setValue('ignored');
    expect(sheet.getRange('B1').getValue()).toBe('');
    expect(
      sheet
        .getRange('B1')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1:C1']);
    expect(sheet.getRange('B1').isPartOfMerge()).toBe(true);
    sheet.getRange('A1:C1').breakApart();
    expect(sheet.getRange('A1:C1').getMergedRanges()).toEqual([]);
  });

  test('merging across part of an existing merge throws', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1:B2').merge();
    expect(() => sheet.getRange('B2:C3').merge()).toThrow(
      'You must select all cells in a merged range to merge or unmerge them.',
    );
  });
});

describe('isBlank', () => {
  test('is true only when no cell holds a value or formula', () => {
    const sheet = sheetOf(globals());
    expect(sheet.getRange('A1:B2').isBlank()).toBe(true);
    sheet.getRange('B2').setFormula('=""');
    expect(sheet.getRange('A1:B2').isBlank()).toBe(false);
  });
});

describe('dates under number formats', () => {
  test('a date in a number-formatted cell displays its serial number', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1').setValue(gmt('2026-03-11')).setNumberFormat('0');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('46092');
  });
});

describe('text starting with + or -', () => {
  test('is read as a formula, as when typed, unless it is a number or the cell is plain text', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1:E1').setValues([['+44 20 7946 0000', '- call Jane Fri', '-12.5', '-', '+5%']]);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([['#ERROR!', '#ERROR!', -12.5, '-', 0.05]]);
    expect(sheet.getRange('A1').getFormula()).toBe('=+44 20 7946 0000');
    sheet
      .getRange('A2:B2')
      .setNumberFormat('@')
      .setValues([['+44 20 7946 0000', '- call Jane Fri']]);
    expect(sheet.getRange('A2:B2').getValues()).toEqual([['+44 20 7946 0000', '- call Jane Fri']]);
  });
});
