import fc from 'fast-check';
import { defaultConfig } from '../../../../src/core/config';
import { analyzeText } from '../../../../src/core/analyze';
import { highlightOptionsFromConfig, weakTextOptions } from '../../../../src/core/highlights/compile';
import {
  isMissingText,
  matchesWeakText,
  MISSING_TEXT_PATTERN,
  WEAK_PART_CHARS,
  weakParts,
  weakPatterns,
} from '../../../../src/core/highlights/text-tests';

/** RE2 accepts these escapes; the patterns may use no others. */
function re2SafeEscapes(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== '\\') continue;
    const next = pattern[i + 1];
    if (next === 'x') {
      if (!/^[0-9a-f]{2}$/i.test(pattern.slice(i + 2, i + 4))) return false;
      i += 3;
      continue;
    }
    if (next === undefined || !'\\^$.|?*+()[]{}sn-'.includes(next)) return false;
    i++;
  }
  return true;
}

const config = defaultConfig();
const options = weakTextOptions(highlightOptionsFromConfig(config));
const ctx = { today: '2026-03-11', timeZone: 'Europe/London', locale: 'en_GB', config };

describe('missing text', () => {
  test.each(['', '   ', '???', '---', '…', '— / —', '#N/A', ' #REF! ', null, undefined])(
    '%p is missing',
    (cell) => {
      expect(isMissingText(cell)).toBe(true);
    },
  );
  test.each(['x', 'n/a', '42', 'Встреча', '会議', 42, 0, true, new Date(0)])('%p is not missing', (cell) => {
    expect(isMissingText(cell)).toBe(false);
  });

  test('agrees with the engine: missing text ⇒ verdict "missing" (any string)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('#N/A', '#VALUE!', '...', '  ', '“”')), (s) => {
        if (isMissingText(s)) expect(analyzeText(s, ctx).verdict).toBe('missing');
      }),
      { numRuns: 500 },
    );
  });

  test('the pattern is valid JS and uses only RE2 escapes', () => {
    expect(re2SafeEscapes(MISSING_TEXT_PATTERN)).toBe(true);
    expect(() => new RegExp(MISSING_TEXT_PATTERN)).not.toThrow();
  });
});

describe('vague text (the one-sided approximation of the engine)', () => {
  test('all patterns use only RE2 escapes and compile in JS', () => {
    const p = weakPatterns(options);
    for (const pattern of [p.only, p.startsNoAction, p.clause, p.action]) {
      expect(re2SafeEscapes(pattern as string)).toBe(true);
      expect(() => new RegExp(pattern as string)).not.toThrow();
    }
  });

  test('split into parts: every part pattern is RE2-safe; (A) parts fit the budget; (B) is split exactly', () => {
    const parts = weakParts(options);
    const only = parts.filter((p) => 'only' in p);
    const starts = parts.filter((p) => 'startsNoAction' in p);
    expect(only.length).toBeGreaterThan(1);
    expect(starts.length).toBeGreaterThan(1);
    for (const part of parts) {
      for (const pattern of Object.values(part) as string[]) {
        expect(re2SafeEscapes(pattern)).toBe(true);
        expect(() => new RegExp(pattern, 'u')).not.toThrow();
      }
    }
    for (const p of only) expect((p as { only: string }).only.length).toBeLessThanOrEqual(WEAK_PART_CHARS);
    // (B): the parts' start patterns together accept exactly what the unsplit one accepts.
    const whole = new RegExp(weakPatterns(options).startsNoAction as string);
    const split = starts.map((p) => new RegExp((p as { startsNoAction: string }).startsNoAction));
    for (const phrase of [...config.waitingPhrases, ...config.statusPhrases, 'follow up', 'send the msa']) {
      for (const text of [phrase, `${phrase} for legal`, `— ${phrase}`, `x${phrase}`]) {
        const t = text.toLowerCase();
        expect(split.some((r) => r.test(t))).toBe(whole.test(t));
      }
    }
  });

  test('everyday mixes of common filler phrases still fall in one part', () => {
    for (const text of ['Check in / touch base', 'follow up and check in', 'Chase, nudge, follow-up'])
      expect(matchesWeakText(text, options)).toBe(true);
  });

  test('urgency shorthand joins any filler part: "Follow up ASAP" is vague, "Demo ASAP" is not', () => {
    for (const text of ['Follow up ASAP', 'check in TBD', 'Chase EOW', 'ping them asap!'])
      expect(matchesWeakText(text, options)).toBe(true);
    for (const text of ['Demo ASAP', 'Send proposal EOD', 'asap demo for the CFO'])
      expect(matchesWeakText(text, options)).toBe(false);
  });

  test('sound on generated texts: whatever it colours, the engine finds filler or no-action and does not call it ok', () => {
    const pieces = [
      ...config.fillerPhrases.slice(0, 20),
      ...config.waitingPhrases.slice(0, 20),
      ...config.statusPhrases.slice(0, 15),
      'jane',
      'legal',
      'the cfo',
      'their it team',
      'on fri',
      'next week',
      '24/03',
      'send the msa',
      'pricing call',
      'demo',
      'and',
      'then',
      'again',
      ',',
      ';',
      '-',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }), (words) => {
        const text = words.join(' ');
        if (!matchesWeakText(text, options)) return;
        const a = analyzeText(text, ctx);
        const rules = a.findings.map((f) => f.rule);
        expect(rules.some((r) => r === 'filler' || r === 'no-action')).toBe(true);
        expect(a.verdict === 'weak' || a.verdict === 'bad').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
