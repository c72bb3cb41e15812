import fc from 'fast-check';
import {
  activeSnooze,
  applySnoozes,
  encodeSnoozes,
  MAX_SNOOZE_STORE_CHARS,
  parseSnoozes,
  snoozeProblem,
  type Snooze,
} from '../../../src/core/snooze';
import type { RowAnalysis } from '../../../src/core/types';

const s = (dealKey: string, until: string, reason = 'Board freeze'): Snooze => ({
  dealKey,
  deal: 'Acme',
  owner: 'Maria',
  until,
  reason,
  by: 'maria@example.com',
  at: '2026-03-09T10:00:00.000Z',
});

describe('snooze', () => {
  test('stored and read back; damaged records are dropped with a problem, never a throw', () => {
    const map = { a: s('a', '2026-03-20') };
    expect(parseSnoozes(encodeSnoozes(map))).toEqual({ snoozes: map, problems: [] });
    expect(parseSnoozes('{oops').problems[0]).toMatch(/unreadable/);
    expect(parseSnoozes('[["a","x","y","not a date","r"],5]').problems[0]).toMatch(/2 damaged/);
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => parseSnoozes(text)).not.toThrow();
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(() => parseSnoozes(JSON.stringify(v))).not.toThrow();
      }),
    );
  });

  test('active through its last day, expired the day after', () => {
    const map = { a: s('a', '2026-03-20') };
    expect(activeSnooze(map, 'a', '2026-03-20')).not.toBeNull();
    expect(activeSnooze(map, 'a', '2026-03-21')).toBeNull();
    expect(activeSnooze(map, '', '2026-03-10')).toBeNull();
  });

  test('requests: a day from today to the maximum, and a reason under 140 characters', () => {
    expect(snoozeProblem({ until: '2026-04-08', reason: 'x' }, '2026-03-09')).toBe('');
    expect(snoozeProblem({ until: '2026-04-09', reason: 'x' }, '2026-03-09')).toMatch(/at most 30 days/);
    expect(snoozeProblem({ until: '2026-03-16', reason: 'x' }, '2026-03-09', 5)).toMatch(/at most 5 days/);
    expect(snoozeProblem({ until: '2026-03-08', reason: 'x' }, '2026-03-09')).toMatch(/today or later/);
    expect(snoozeProblem({ until: 'soon', reason: 'x' }, '2026-03-09')).toMatch(/Pick the day/);
    expect(snoozeProblem({ until: '2026-03-10', reason: ' ' }, '2026-03-09')).toMatch(/Say why/);
    expect(snoozeProblem({ until: '2026-03-10', reason: 'y'.repeat(141) }, '2026-03-09')).toMatch(/140/);
  });

  test('30 snoozes with the longest reasons fit the 9 KB property; 60 with typical ones', () => {
    const map = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [
        `da:deal ${i}|account ${i}`,
        s(`da:deal ${i}|account ${i}`, '2026-03-20', 'r'.repeat(140)),
      ]),
    );
    expect(encodeSnoozes(map).length).toBeLessThan(MAX_SNOOZE_STORE_CHARS);
    const typical = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [
        `da:deal ${i}|acme`,
        s(`da:deal ${i}|acme`, '2026-03-20', 'Board freeze until the 24th'),
      ]),
    );
    expect(encodeSnoozes(typical).length).toBeLessThan(MAX_SNOOZE_STORE_CHARS);
  });

  test('applied: stale goes (finding and timing), missing and overdue stay', () => {
    const stale: RowAnalysis = {
      row: 3,
      status: 'open',
      verdict: 'ok',
      timing: 'stale',
      score: 80,
      due: '2026-03-20',
      findings: [
        { rule: 'stale', severity: 'warning', message: 'Last written', suggestion: '', start: 0, length: 0 },
      ],
    };
    const missing: RowAnalysis = {
      ...stale,
      row: 4,
      verdict: 'missing',
      timing: 'overdue',
      findings: [
        { rule: 'missing', severity: 'error', message: 'No next step', suggestion: '', start: 0, length: 0 },
        { rule: 'overdue', severity: 'error', message: 'Due', suggestion: '', start: 0, length: 0 },
      ],
    };
    const map = { a: s('a', '2026-03-20'), b: s('b', '2026-03-20') };
    const [a, b] = applySnoozes([stale, missing], ['a', 'b'], map, '2026-03-10');
    expect(a).toMatchObject({ timing: 'upcoming', findings: [], score: 95 });
    expect(b).toBe(missing);
    const [late] = applySnoozes([stale], ['a'], map, '2026-03-21');
    expect(late).toBe(stale);
  });
});
