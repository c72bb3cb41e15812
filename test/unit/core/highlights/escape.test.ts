import fc from 'fast-check';
import { columnLetters, formulaString } from '../../../../src/core/highlights/escape';

/** Reads a formula string literal back: strips the outer quotes and un-doubles inner ones. */
function unquote(literal: string): string | undefined {
  if (!literal.startsWith('"') || !literal.endsWith('"') || literal.length < 2) return undefined;
  const body = literal.slice(1, -1);
  // Every quote inside must come in pairs.
  if (/(^|[^"])"("")*([^"]|$)/.test(body.replace(/""/g, ''))) return undefined;
  return body.replace(/""/g, '"');
}

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

describe('formulaString', () => {
  test('any text round-trips through a formula string literal', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const lit = formulaString(s);
        expect(unquote(lit)).toBe(s);
      }),
    );
  });

  test('quotes are doubled, backslashes left alone (Sheets has no backslash escapes)', () => {
    expect(formulaString('say "hi"')).toBe('"say ""hi"""');
    expect(formulaString('a\\b')).toBe('"a\\b"');
  });
});

describe('columnLetters', () => {
  test.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [702, 'ZZ'],
    [703, 'AAA'],
    [18278, 'ZZZ'],
  ])('%i → %s', (n, letters) => {
    expect(columnLetters(n)).toBe(letters);
  });

  test('rejects non-columns', () => {
    expect(() => columnLetters(0)).toThrow(RangeError);
    expect(() => columnLetters(1.5)).toThrow(RangeError);
  });
});
