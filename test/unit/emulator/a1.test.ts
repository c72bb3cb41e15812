import { boxA1, columnToLetters, lettersToColumn, parseA1, quoteSheetName } from '../../../dev/emulator/a1';

describe('A1 notation', () => {
  test('columns convert both ways', () => {
    expect(columnToLetters(1)).toBe('A');
    expect(columnToLetters(26)).toBe('Z');
    expect(columnToLetters(27)).toBe('AA');
    expect(columnToLetters(703)).toBe('AAA');
    expect(lettersToColumn('aa')).toBe(27);
  });

  test('parses cells, ranges, whole columns, whole rows, open-ended and sheet-qualified forms', () => {
    expect(parseA1('B3', 1000, 26)).toEqual({ box: { row: 3, col: 2, rows: 1, cols: 1 } });
    expect(parseA1('$B$3:C5', 1000, 26)?.box).toEqual({ row: 3, col: 2, rows: 3, cols: 2 });
    expect(parseA1('C5:B3', 1000, 26)?.box).toEqual({ row: 3, col: 2, rows: 3, cols: 2 });
    expect(parseA1('A:C', 1000, 26)?.box).toEqual({ row: 1, col: 1, rows: 1000, cols: 3 });
    expect(parseA1('2:4', 1000, 26)?.box).toEqual({ row: 2, col: 1, rows: 3, cols: 26 });
    expect(parseA1('A3:C', 1000, 26)?.box).toEqual({ row: 3, col: 1, rows: 998, cols: 3 });
    expect(parseA1("'My ''big'' sheet'!A1", 10, 10)).toEqual({
      sheetName: "My 'big' sheet",
      box: { row: 1, col: 1, rows: 1, cols: 1 },
    });
    expect(parseA1('nonsense', 10, 10)).toBeNull();
  });

  test('formats boxes and quotes sheet names only when needed', () => {
    expect(boxA1({ row: 1, col: 1, rows: 1, cols: 1 })).toBe('A1');
    expect(boxA1({ row: 2, col: 3, rows: 2, cols: 2 })).toBe('C2:D3');
    expect(quoteSheetName('Pipeline')).toBe('Pipeline');
    expect(quoteSheetName("Bob's review")).toBe("'Bob''s review'");
  });
});
