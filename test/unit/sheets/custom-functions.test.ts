/** Property tests for the custom functions' argument handling (src/addon/custom-functions.ts). */
import fc from 'fast-check';
import { defaultConfig } from '../../../src/core/config';
import {
  nextStepCheck,
  nextStepDue,
  nextStepScore,
  type CustomFunctionEnv,
} from '../../../src/addon/custom-functions';

const env: CustomFunctionEnv = { timeZone: 'Europe/London', locale: 'en_GB', config: defaultConfig() };

const cell = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '',
    '   ',
    '#N/A',
    '=HYPERLINK("http://x","y")',
    '<img src=x onerror=alert(1)>',
    'follow up',
    'TBD',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.date(),
  fc.constant(null),
);

describe('custom functions take any cells', () => {
  test('any 2-D range: same shape out, never throws, blanks give ""', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((cols) =>
            fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 8 }),
          ),
        (grid) => {
          const check = nextStepCheck(grid, undefined, undefined, env) as unknown[][];
          const score = nextStepScore(grid, undefined, env) as unknown[][];
          const due = nextStepDue(grid, undefined, env) as unknown[][];
          for (const out of [check, score, due]) {
            expect(out).toHaveLength(grid.length);
            out.forEach((row, r) => expect(row).toHaveLength(grid[r].length));
          }
          grid.forEach((row, r) =>
            row.forEach((v, c) => {
              const blank = v === null || (typeof v === 'string' && v.trim() === '');
              if (blank) expect([check[r][c], score[r][c], due[r][c]]).toEqual(['', '', '']);
              else {
                expect(typeof check[r][c]).toBe('string');
                expect(check[r][c]).not.toBe('');
                const s = score[r][c];
                expect(typeof s === 'number' && s >= 0 && s <= 100).toBe(true);
                expect(due[r][c] === '' || due[r][c] instanceof Date).toBe(true);
              }
            }),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  test('a 50,000-character entry is answered', () => {
    expect(typeof nextStepCheck('follow up '.repeat(5000), undefined, undefined, env)).toBe('string');
  });

  test('a ragged range is padded, not rejected', () => {
    expect(nextStepCheck([['follow up', 'TBD'], ['x']], undefined, undefined, env)).toEqual([
      [expect.any(String), expect.any(String)],
      [expect.any(String), ''],
    ]);
  });
});
