/**
 * Sheets formula text the emulator must read as Sheets does: string literals with doubled quotes
 * ("Acme ""Big"" Deal"), which HyperFormula cannot parse and the emulator translates, and quoted sheet
 * names with doubled apostrophes ('O''Brien deals'!A1).
 */
import fc from 'fast-check';
import { evaluateConditionalFormats } from '../../../dev/emulator';
import {
  engineLiteral,
  formulaParts,
  sheetsLiteral,
  shiftFormula,
  splitLiterals,
  toEngineFormula,
} from '../../../dev/emulator/formulas';
import { globals, sheetOf } from './helpers';

describe('string literals with doubled quotes', () => {
  test('HYPERLINK with "" in its label shows the label with plain quotes (values and display values)', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('B1').setFormula('=HYPERLINK("#gid=0&range=A5", "Acme ""Big"" Deal")');
    expect(sheet.getRange('B1').getValue()).toBe('Acme "Big" Deal');
    expect(sheet.getRange('B1').getDisplayValues()).toEqual([['Acme "Big" Deal']]);
    // The formula itself is kept exactly as written.
    expect(sheet.getRange('B1').getFormula()).toBe('=HYPERLINK("#gid=0&range=A5", "Acme ""Big"" Deal")');
  });

  test('a literal that is only a quote, quotes at either end, and "" inside expressions', () => {
    const sheet = sheetOf(globals());
    sheet
      .getRange('A1:F1')
      .setFormulas([
        [
          '=""""',
          '="""quoted"""',
          '=LEN("say ""hi""")',
          '="a""b"="a"&CHAR(34)&"b"',
          '=IF("x""y"&"z"="x"&CHAR(34)&"yz","same","different")',
          '="back\\slash\\"',
        ],
      ]);
    expect(sheet.getRange('A1:F1').getValues()).toEqual([
      ['"', '"quoted"', 8, true, 'same', 'back\\slash\\'],
    ]);
  });

  test('the translation keeps operator precedence (the literal becomes one parenthesised term)', () => {
    expect(engineLiteral('"Acme ""Big"" Deal"')).toBe('("Acme "&CHAR(34)&"Big"&CHAR(34)&" Deal")');
    expect(engineLiteral('""""')).toBe('(CHAR(34))');
    expect(engineLiteral('"plain"')).toBe('"plain"');
    expect(engineLiteral('""')).toBe('""');
    // HyperFormula's lexer reads \\ as an escape; in Sheets it is plain text.
    expect(engineLiteral('"C:\\deals\\"')).toBe('("C:"&CHAR(92)&"deals"&CHAR(92))');
    expect(toEngineFormula('=LEN("a""b")*2')).toBe('=LEN(("a"&CHAR(34)&"b"))*2');
    // TRUE inside a literal stays text; bare TRUE becomes the function HyperFormula knows.
    expect(toEngineFormula('=IF(A1="""TRUE""",TRUE,FALSE)')).toBe(
      '=IF(A1=(CHAR(34)&"TRUE"&CHAR(34)),TRUE(),FALSE())',
    );
  });

  test('property: any string written as a Sheets literal round-trips through the emulator', () => {
    const sheet = sheetOf(globals());
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom('"', '""', '\\', 'a', ' ', '&', "'", ',', ')', '(', 'TRUE', 'A1') }),
      fc.string({ unit: 'grapheme' }),
    );
    fc.assert(
      // A column of strings per run (one engine build reads them all).
      fc.property(fc.array(text, { minLength: 1, maxLength: 25 }), (strings) => {
        const range = sheet.getRange(1, 1, strings.length, 2);
        // Alone, and inside an expression (the literal is one term).
        range.setFormulas(strings.map((s) => [`=${sheetsLiteral(s)}`, `=${sheetsLiteral(s)}&"|"`]));
        expect(range.getValues()).toEqual(strings.map((s) => [s, `${s}|`]));
        expect(range.getDisplayValues()).toEqual(strings.map((s) => [s, `${s}|`]));
      }),
      { numRuns: 60 },
    );
  });

  test('a conditional-format rule with "" in a literal matches the text with plain quotes', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.getRange('A1:A3').setValues([['say "hi"'], ['say hi'], ['say ""hi""']]);
    const rule = g.SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=A1="say ""hi"""')
      .setBackground('#f4cccc')
      .setRanges([sheet.getRange('A1:A3')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    expect(evaluateConditionalFormats(sheet)[0].cells).toEqual(['A1']);
  });
});

describe('quoted sheet names', () => {
  test("'O''Brien deals'!A1 reads the sheet named O'Brien deals", () => {
    const g = globals();
    const other = g.SpreadsheetApp.getActive().insertSheet("O'Brien deals");
    other.getRange('A1').setValue(42);
    const sheet = g.SpreadsheetApp.getActive().getSheets()[0];
    sheet.getRange('A1').setFormula("='O''Brien deals'!A1*2");
    expect(sheet.getRange('A1').getValue()).toBe(84);
  });

  test('words and quotes inside a quoted sheet name are not code', () => {
    const g = globals();
    const ss = g.SpreadsheetApp.getActive();
    ss.insertSheet('Is TRUE').getRange('B2').setValue('yes');
    ss.insertSheet('Q1 "big" deals').getRange('A1').setValue(7);
    const sheet = ss.getSheets()[0];
    sheet.getRange('A1').setFormula("='Is TRUE'!B2");
    sheet.getRange('A2').setFormula('=\'Q1 "big" deals\'!A1+1');
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['yes'], [8]]);
    expect(toEngineFormula("='Is TRUE'!B2=TRUE")).toBe("='Is TRUE'!B2=TRUE()");
  });

  test('shifting a rule formula moves references after a quoted name and leaves literals alone', () => {
    expect(shiftFormula("=A1='O''Brien deals'!$B1&\"A1\"", 2, 1, 'Pipeline')).toBe(
      "=Pipeline!B3='O''Brien deals'!$B3&\"A1\"",
    );
    expect(shiftFormula('=A1="x""A1""y"', 1, 0, null)).toBe('=A2="x""A1""y"');
  });

  test('the tokenizer: code, literals and quoted names; unterminated quotes run to the end', () => {
    expect(formulaParts('=IF(\'O\'\'B\'!A1="a""b",1)')).toEqual([
      { kind: 'code', text: '=IF(' },
      { kind: 'sheet', text: "'O''B'" },
      { kind: 'code', text: '!A1=' },
      { kind: 'string', text: '"a""b"' },
      { kind: 'code', text: ',1)' },
    ]);
    expect(splitLiterals('="a" & \'x"y\'!A1')).toEqual(['=', '"a"', " & 'x\"y'!A1"]);
    expect(formulaParts('="open')).toEqual([
      { kind: 'code', text: '=' },
      { kind: 'string', text: '"open' },
    ]);
  });

  test('property: splitting and joining the parts gives the formula back', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('"', "'", 'A1', '!', '=', 'x', '""', "''") }), (f) => {
        expect(
          formulaParts(f)
            .map((p) => p.text)
            .join(''),
        ).toBe(f);
        expect(splitLiterals(f).join('')).toBe(f);
      }),
    );
  });
});
