import fc from 'fast-check';
import { analyzeRows, analyzeText } from '../../../../src/core/analyze';
import { addDays } from '../../../../src/core/dates/calendar';
import { defaultConfig } from '../../../../src/core/config';
import { MAX_MESSAGES, MessageMemo } from '../../../../src/core/rules/message-memo';
import { TIMING_RULES } from '../../../../src/core/rules';
import type { TimingFacts } from '../../../../src/core/rules/types';
import type { CellValue, ColumnMapping } from '../../../../src/core/types';

describe('MessageMemo', () => {
  it('gives back a kept message only for the same values, telling 5 from "5"', () => {
    const memo = new MessageMemo();
    expect(memo.get('2026-03-10', 5)).toBeUndefined();
    expect(memo.keep('Due 2026-03-10, 5 days ago', '2026-03-10', 5)).toBe('Due 2026-03-10, 5 days ago');
    expect(memo.get('2026-03-10', 5)).toBe('Due 2026-03-10, 5 days ago');
    expect(memo.get('2026-03-10', '5')).toBeUndefined();
    expect(memo.get('2026-03-10', 6)).toBeUndefined();
    expect(memo.get('2026-03-11', 5)).toBeUndefined();
    memo.keep('with a stage', 'a', 1, 'Proposal', 21);
    expect(memo.get('a', 1, 'Proposal', 21)).toBe('with a stage');
    expect(memo.get('a', 1, 'Proposal', 14)).toBeUndefined();
    expect(memo.get('a', 1, 'Negotiation', 21)).toBeUndefined();
  });

  it('stays bounded: past its limit it starts again rather than grow', () => {
    const memo = new MessageMemo();
    for (let i = 0; i < MAX_MESSAGES; i++) memo.keep(`m${i}`, 'k', i);
    expect(memo.get('k', 0)).toBe('m0');
    memo.keep('one more', 'k', MAX_MESSAGES);
    expect(memo.get('k', 0)).toBeUndefined();
    expect(memo.get('k', MAX_MESSAGES)).toBe('one more');
  });
});

describe('timing-rule messages through the memo', () => {
  const iso = fc.integer({ min: -400, max: 400 }).map((n) => addDays('2026-03-15', n));
  const stage = fc.constantFrom<CellValue>('Proposal', ' Proposal ', 'Negotiation', '', null, 42);
  const facts = fc.record({
    today: fc.constantFrom('2026-03-15', '2026-03-16', '2027-01-02'),
    due: fc.option(iso, { nil: undefined }),
    writtenOn: fc.option(iso, { nil: undefined }),
    closeDate: fc.option(iso, { nil: undefined }),
    stage,
    freshnessDays: fc.constantFrom(7, 14, 30),
  });

  /** Each rule's message built afresh: what the memo must always return. */
  function expected(id: string, f: TimingFacts): string {
    const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);
    const between = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
    switch (id) {
      case 'overdue':
        return `Due ${f.due}, ${days(between(f.due!, f.today))} ago`;
      case 'stale': {
        const s = typeof f.stage === 'string' && f.stage.trim() !== '' ? f.stage.trim() : 'this stage';
        return `Last written ${f.writtenOn}, ${between(f.writtenOn!, f.today)} days ago; ${s} allows ${f.freshnessDays}`;
      }
      case 'far-future':
        return `Due in ${between(f.today, f.due!)} days (${f.due}): is there a nearer step?`;
      case 'after-close':
        return `Due ${f.due}, ${days(between(f.closeDate!, f.due!))} after the expected close date ${f.closeDate}`;
      case 'close-passed':
        return `Expected to close ${f.closeDate}, ${days(between(f.closeDate!, f.today))} ago, and still open`;
      default:
        throw new Error(id);
    }
  }

  it('every message matches its facts, whatever was asked before (1,000 runs of 20 rows)', () => {
    const config = defaultConfig();
    fc.assert(
      fc.property(fc.array(facts, { minLength: 1, maxLength: 20 }), (list) => {
        for (const f of list) {
          for (const rule of TIMING_RULES) {
            for (const hit of rule.check(f, config)) expect(hit.message).toBe(expected(rule.id, f));
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('rows repeating a date get the same message, and each row keeps its own findings array', () => {
    const mapping: ColumnMapping = { deal: 0, stage: 1, nextStep: 2, nextStepDue: 3 };
    const rows: CellValue[][] = [
      ['A', 'Proposal', 'Pricing call with Jane', '2026-03-10'],
      ['B', 'Proposal', 'Demo for the CFO', '2026-03-10'],
    ];
    const ctx = { today: '2026-03-15', timeZone: 'UTC', locale: 'en_GB', firstRowNumber: 2 };
    const [a, b] = analyzeRows(rows, mapping, defaultConfig(), ctx);
    expect(a.findings.map((f) => f.message)).toEqual(['Due 2026-03-10, 5 days ago']);
    expect(b.findings.map((f) => f.message)).toEqual(['Due 2026-03-10, 5 days ago']);
    expect(a.findings).not.toBe(b.findings);
    a.findings.push(a.findings[0]);
    expect(b.findings).toHaveLength(1);
  });
});

describe('text-rule messages through the memo', () => {
  const FRAGMENTS = [
    'Waiting on legal',
    'awaiting redlines',
    'Proposal sent',
    'Pending budget approval',
    'Update close date in CRM',
    'Follow up',
    'Check in',
    'touch base next week',
    'Circle back',
    'Good call, they liked the demo',
    'Contract with procurement',
    'TBD',
  ];
  const text = fc
    .array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 3 })
    .map((parts) => parts.join('. '));

  /** A fresh copy of the engine, its memos empty. */
  function freshAnalyzeText(): typeof analyzeText {
    let fresh: typeof analyzeText = analyzeText;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module graph of its own
      fresh = (require('../../../../src/core/analyze') as { analyzeText: typeof analyzeText }).analyzeText;
    });
    return fresh;
  }

  it('a text gets the same messages whatever was judged before it (60 runs, both orders)', () => {
    const ctx = { today: '2026-03-15', timeZone: 'UTC', locale: 'en_GB' };
    fc.assert(
      fc.property(fc.array(text, { minLength: 2, maxLength: 12 }), (texts) => {
        const judge = (analyze: typeof analyzeText, list: string[]) =>
          list.map((t) => analyze(t, ctx).findings.map((f) => f.message));
        const forward = judge(freshAnalyzeText(), texts);
        const backward = judge(freshAnalyzeText(), [...texts].reverse()).reverse();
        expect(forward).toEqual(backward);
        expect(judge(analyzeText, texts)).toEqual(forward);
      }),
      { numRuns: 60 },
    );
  });
});
