import fc from 'fast-check';
import { analyzeRows, analyzeText } from '../../../../src/core/analyze';
import { defaultConfig } from '../../../../src/core/config';
import { keptFindings, NO_HITS, RULES, runTextRules, runTimingRules } from '../../../../src/core/rules';
import type { CellValue, ColumnMapping, Finding } from '../../../../src/core/types';

// Rules that have nothing to say share one empty list; the rows built from them must not.
describe('the rules runner', () => {
  const mapping: ColumnMapping = { deal: 0, stage: 1, nextStep: 2, nextStepUpdated: 3 };
  const ctx = { today: '2026-03-15', timeZone: 'UTC', locale: 'en_GB', firstRowNumber: 2 };

  it('gives every row without findings an empty array of its own', () => {
    const rows: CellValue[][] = [
      ['A', 'Proposal', 'Pricing call with Jane on 17/03', '2026-03-14'],
      ['B', 'Proposal', 'Send the revised MSA to the CFO by 20/03', '2026-03-13'],
    ];
    const [a, b] = analyzeRows(rows, mapping, defaultConfig(), ctx);
    expect(a.findings).toEqual([]);
    expect(b.findings).toEqual([]);
    expect(a.findings).not.toBe(b.findings);
    a.findings.push({
      rule: 'stale',
      severity: 'suggestion',
      message: 'x',
      suggestion: 'y',
      start: 0,
      length: 0,
    });
    expect(b.findings).toEqual([]);
    expect(NO_HITS).toHaveLength(0);
    // The next row judged is not affected by what a caller did to an earlier row's findings.
    const [again] = analyzeRows(rows.slice(1), mapping, defaultConfig(), ctx);
    expect(again.findings).toEqual([]);
  });

  it('runs text and timing rules; each finding carries its rule and the severity the config gives it', () => {
    const config = defaultConfig();
    config.rules['no-time'] = { ...config.rules['no-time'], severity: 'error' };
    const [row] = analyzeRows(
      [['A', 'Proposal', 'Follow up with the CFO. Send pricing deck', '2026-01-02']],
      mapping,
      config,
      ctx,
    );
    const rules = row.findings.map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['no-time', 'stale']));
    expect(row.findings.find((f) => f.rule === 'no-time')?.severity).toBe('error');
    expect(row.findings.find((f) => f.rule === 'stale')?.severity).toBe(
      RULES.find((r) => r.id === 'stale')?.defaultSeverity,
    );
  });

  it('returns fresh arrays from both runners even when no rule fires', () => {
    const config = defaultConfig();
    const timing = { today: '2026-03-15', stage: 'Proposal', freshnessDays: 14 };
    const first = runTimingRules(timing, config);
    const second = runTimingRules(timing, config);
    expect(first).toEqual([]);
    expect(first).not.toBe(second);
    const text = { cellKind: 'number' as const, text: '42' };
    const t1 = runTextRules(text, config);
    expect(t1).not.toBe(runTextRules(text, config));
  });

  it('copies kept findings into a fresh array of their own length, in order', () => {
    const finding = (start: number): Finding => ({
      rule: 'no-time',
      severity: 'warning',
      message: `m${start}`,
      suggestion: 's',
      start,
      length: 1,
    });
    for (let n = 0; n <= 7; n++) {
      const list = Array.from({ length: n }, (_, i) => finding(i));
      const kept = keptFindings(list);
      expect(kept).not.toBe(list);
      expect(kept).toHaveLength(n);
      kept.forEach((f, i) => expect(f).toBe(list[i]));
    }
  });

  // A row's text and timing findings are gathered in one list and sorted once: text order, and on the
  // same span the registry's order (text rules before timing rules), as the text's own findings are.
  it("lists a row's findings in text order, its text's findings as analyzeText gives them", () => {
    const registry = RULES.map((r) => r.id);
    const text = fc
      .array(
        fc.constantFrom(
          'Follow up',
          'send the deck to Jane',
          'by 10/03',
          'next week',
          'waiting on legal',
          'demo',
          '12/02 BR',
          'call',
          'in June',
          ';',
          '.',
        ),
        { maxLength: 6 },
      )
      .map((w) => w.join(' '));
    const day = fc.integer({ min: 0, max: 120 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)));
    fc.assert(
      fc.property(
        text,
        day,
        day,
        fc.constantFrom('Proposal', 'Discovery', ''),
        (entry, updated, close, stage) => {
          const [row] = analyzeRows(
            [['A', stage, entry, updated, close]],
            { deal: 0, stage: 1, nextStep: 2, nextStepUpdated: 3, closeDate: 4 },
            defaultConfig(),
            ctx,
          );
          for (let i = 1; i < row.findings.length; i++) {
            const [a, b] = [row.findings[i - 1], row.findings[i]];
            const order = a.start - b.start || a.length - b.length;
            expect(order).toBeLessThanOrEqual(0);
            if (order === 0) expect(registry.indexOf(a.rule)).toBeLessThanOrEqual(registry.indexOf(b.rule));
          }
          const own = analyzeText(entry, {
            ...ctx,
            writtenOn: updated.toISOString().slice(0, 10),
          }).findings;
          const textRules = new Set(own.map((f) => f.rule));
          expect(row.findings.filter((f) => textRules.has(f.rule))).toEqual(own);
        },
      ),
      { numRuns: 300 },
    );
  });
});
