import fc from 'fast-check';
import {
  columnLetters,
  containsPhrasePattern,
  escapeRegex,
  formulaString,
  normalizePhrase,
  normalizePhrases,
  onlyPhrasesPattern,
  phraseAlternation,
  phraseRegex,
} from '../../../../src/core/highlights/escape';

/**
 * RE2 (Sheets' REGEXMATCH) rejects escapes JavaScript tolerates (`\-` outside a class, `\<letter>` it
 * does not know). Our patterns may only use: escaped metacharacters, `\s`, and plain characters.
 */
function re2SafeEscapes(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== '\\') continue;
    const next = pattern[i + 1];
    if (next === undefined || !'\\^$.|?*+()[]{}s'.includes(next)) return false;
    i++;
  }
  return true;
}

/** Reads a formula string literal back: strips the outer quotes and un-doubles inner ones. */
function unquote(literal: string): string | undefined {
  if (!literal.startsWith('"') || !literal.endsWith('"') || literal.length < 2) return undefined;
  const body = literal.slice(1, -1);
  // Every quote inside must come in pairs.
  if (/(^|[^"])"("")*([^"]|$)/.test(body.replace(/""/g, ''))) return undefined;
  return body.replace(/""/g, '"');
}

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

describe('escapeRegex', () => {
  test('any string escapes to a pattern that matches exactly itself (JS, with and without u)', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const p = escapeRegex(s);
        expect(new RegExp(`^${p}$`).test(s)).toBe(true);
        expect(new RegExp(`^${p}$`, 'u').test(s)).toBe(true);
        expect(re2SafeEscapes(p)).toBe(true);
      }),
    );
  });

  test('metacharacters are escaped, other punctuation is not', () => {
    expect(escapeRegex('a.b*c')).toBe('a\\.b\\*c');
    expect(escapeRegex('(n/a)?')).toBe('\\(n/a\\)\\?');
    expect(escapeRegex('[x]{2}|^$\\+')).toBe('\\[x\\]\\{2\\}\\|\\^\\$\\\\\\+');
    expect(escapeRegex('follow-up, #1 & co')).toBe('follow-up, #1 & co');
  });
});

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

describe('phrase patterns', () => {
  const phraseArb = fc.array(anyText, { maxLength: 8 });

  test('the trie alternation accepts exactly what the plain alternation accepts', () => {
    const word = fc.constantFrom('a', 'ab', 'abc', 'b', 'follow', 'follow up', 'up', 'n/a', 'c++', 'é', '😀');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), fc.array(word, { maxLength: 4 }), (words, probe) => {
        const list = normalizePhrases(words);
        if (list.length === 0) return;
        const trie = phraseAlternation(list);
        expect(trie.length).toBeLessThanOrEqual(list.map(phraseRegex).join('|').length + 8);
        const a = new RegExp(`^(?:${trie})$`, 'u');
        const b = new RegExp(`^(?:${list.map(phraseRegex).join('|')})$`, 'u');
        for (const text of [...list, probe.join(''), probe.join(' '), probe.join('-'), `${list[0]}x`]) {
          expect(a.test(text)).toBe(b.test(text));
        }
      }),
      { numRuns: 300 },
    );
  });

  test('any phrase list compiles to a valid, RE2-safe pattern matching each phrase on its own', () => {
    fc.assert(
      fc.property(phraseArb, (phrases) => {
        const only = onlyPhrasesPattern(phrases);
        const contains = containsPhrasePattern(phrases);
        const normalized = phrases.map(normalizePhrase).filter((p): p is string => p !== undefined);
        if (normalized.length === 0) {
          expect(only).toBeUndefined();
          expect(contains).toBeUndefined();
          return;
        }
        expect(only).toBeDefined();
        expect(re2SafeEscapes(only as string)).toBe(true);
        expect(re2SafeEscapes(contains as string)).toBe(true);
        const reOnly = new RegExp(only as string);
        new RegExp(only as string, 'u'); // also valid in unicode mode
        const reContains = new RegExp(contains as string);
        for (const p of normalized) {
          expect(reOnly.test(p)).toBe(true);
          expect(reOnly.test(`  ${p}!!`)).toBe(true);
          expect(reContains.test(p)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('regex metacharacters in phrases are literal', () => {
    const only = new RegExp(onlyPhrasesPattern(['n/a', 'tbd?', 'a.b', '(none)', 'c++']) as string);
    expect(only.test('n/a')).toBe(true);
    expect(only.test('tbd?')).toBe(true);
    expect(only.test('tbd')).toBe(false); // "?" is literal, not "optional d"
    expect(only.test('a.b')).toBe(true);
    expect(only.test('axb')).toBe(false);
    expect(only.test('(none)')).toBe(true);
    expect(only.test('c++')).toBe(true);
    expect(only.test('cc')).toBe(false);
  });

  test('"only" means the whole text is phrases, glue and punctuation', () => {
    const re = new RegExp(onlyPhrasesPattern(['follow up', 'check in', 'tbd']) as string);
    expect(re.test('follow up')).toBe(true);
    expect(re.test('follow-up')).toBe(true);
    expect(re.test('followup')).toBe(true);
    expect(re.test('follow up / check in.')).toBe(true);
    expect(re.test('follow up and check in again')).toBe(true);
    expect(re.test('tbd')).toBe(true);
    expect(re.test('and')).toBe(false); // glue alone is not filler
    expect(re.test('follow up with jane on fri')).toBe(false);
    expect(re.test('follow upon')).toBe(false);
    expect(re.test('tbdx')).toBe(false);
  });

  test('"contains" needs whole words', () => {
    const re = new RegExp(containsPhrasePattern(['on hold']) as string);
    expect(re.test('deal on hold till q3')).toBe(true);
    expect(re.test('on holdings')).toBe(false);
  });
});
