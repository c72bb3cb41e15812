import fc from 'fast-check';
import { hashString, normaliseStepText, stepHash } from '../../../../src/core/review/hash';

describe('hashString', () => {
  it('is deterministic, short base-36 and seed-dependent', () => {
    expect(hashString('Send the revised MSA to Jane by Fri')).toBe(
      hashString('Send the revised MSA to Jane by Fri'),
    );
    expect(hashString('a')).not.toBe(hashString('b'));
    expect(hashString('a', 1)).not.toBe(hashString('a'));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => /^[0-9a-z]{1,11}$/.test(hashString(s))));
  });

  it('is cyrb53: matches the published reference values (stored history depends on them)', () => {
    expect(parseInt(hashString('a'), 36)).toBe(7929297801672961);
    expect(parseInt(hashString('b'), 36)).toBe(8684336938537663);
    expect(parseInt(hashString('revenge'), 36)).toBe(4051478007546757);
    expect(parseInt(hashString('revenue'), 36)).toBe(8309097637345594);
  });

  it('has no collisions over 20,000 distinct short strings', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(hashString(`deal ${i}|acme ${i % 97}`));
    expect(seen.size).toBe(20_000);
  });
});

describe('stepHash', () => {
  it('ignores case and spacing, not wording', () => {
    expect(stepHash('  Pricing call  with Jane\tFri ')).toBe(stepHash('pricing call with jane fri'));
    expect(stepHash('Pricing call with Jane Fri')).not.toBe(stepHash('Pricing call with Jane Mon'));
  });

  it('is empty for blank steps', () => {
    expect(stepHash('')).toBe('');
    expect(stepHash('   \n ')).toBe('');
    expect(normaliseStepText(' A\u00a0 B ')).toBe('a b');
  });
});

describe('hashString output', () => {
  it('is the base-36 text of the 53-bit value', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const h = hashString(s);
        return parseInt(h, 36).toString(36) === h && parseInt(h, 36) < 2 ** 53;
      }),
    );
  });
});
