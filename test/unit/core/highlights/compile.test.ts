import fc from 'fast-check';
import { defaultConfig } from '../../../../src/core/config';
import {
  compileHighlights,
  freshnessExpression,
  highlightIdOf,
  highlightOptionsFromConfig,
  isOwnHighlightFormula,
  matchesWeakPattern,
  MARKER_PREFIX,
  weakTextOptions,
  type HighlightOptions,
} from '../../../../src/core/highlights/compile';
import { weakPatterns } from '../../../../src/core/highlights/text-tests';
import { columnLetters } from '../../../../src/core/highlights/escape';
import { HIGHLIGHT_LEGEND, legendEntry } from '../../../../src/core/highlights/legend';
import type { ColumnMapping } from '../../../../src/core/types';

const options: HighlightOptions = {
  fillerPhrases: ['follow up', 'check in', 'tbd'],
  noActionPhrases: ['waiting', 'on hold'],
  freshness: { default: 14, byStage: { Negotiation: 7, 'Proposal "B"': 10 } },
  closedStages: ['Closed Won', 'Closed Lost'],
};
const mapping: ColumnMapping = { deal: 0, stage: 2, nextStep: 4, nextStepDue: 5, nextStepUpdated: 6 };

/** Parentheses balance outside string literals, and string literals close. */
function wellFormed(formula: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (inString) {
      if (ch === '"') {
        if (formula[i + 1] === '"') i++;
        else inString = false;
      }
    } else if (ch === '"') inString = true;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth < 0) return false;
    }
  }
  return depth === 0 && !inString;
}

/** Cell references outside string literals. */
function refsOf(formula: string): string[] {
  const outside = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return [...outside.matchAll(/\$([A-Z]{1,3})(\d+)\b/g)].map((m) => `${m[1]}${m[2]}`);
}

/** The highlight ids of a rule list, each once (the vague highlight comes as several rules). */
function idsOf(rules: Array<{ id: string }>): string[] {
  return [...new Set(rules.map((r) => r.id))];
}

describe('compileHighlights', () => {
  test('four highlights in priority order with the legend colours, all on the next-step column', () => {
    const rules = compileHighlights({ firstDataRow: 3, mapping }, options);
    expect(idsOf(rules)).toEqual(['missing', 'overdue', 'weak', 'stale']);
    for (const r of rules) {
      expect(r.background).toBe(legendEntry(r.id).color);
      expect(r.column).toBe(5);
      expect(r.firstRow).toBe(3);
      expect(r.formula.startsWith('=AND(')).toBe(true);
      expect(wellFormed(r.formula)).toBe(true);
      expect(isOwnHighlightFormula(r.formula)).toBe(true);
      expect(highlightIdOf(r.formula)).toBe(r.id);
    }
  });

  test('the formulas say what the legend says', () => {
    const byId = Object.fromEntries(
      compileHighlights({ firstDataRow: 3, mapping }, options).map((r) => [r.id, r.formula]),
    );
    expect(byId.missing).toContain('REGEXMATCH(LOWER($E3&""),');
    expect(byId.overdue).toContain('INT($F3)<TODAY()');
    expect(byId.weak).toContain('REGEXMATCH(LOWER($E3),');
    expect(byId.stale).toContain('TODAY()-INT($G3)>IF(');
    // Closed stages are excluded from every rule, compared the way the engine normalises stages.
    for (const f of Object.values(byId)) expect(f).toContain('="closed won"');
  });

  test('per-stage thresholds compile into nested IFs, quotes escaped, default last', () => {
    expect(freshnessExpression('$C3', options.freshness)).toBe(
      'IF(TRIM(SUBSTITUTE(SUBSTITUTE($C3,"_"," "),"-"," "))="negotiation",7,' +
        'IF(TRIM(SUBSTITUTE(SUBSTITUTE($C3,"_"," "),"-"," "))="proposal ""b""",10,14))',
    );
    expect(freshnessExpression(undefined, options.freshness)).toBe('14');
    // The first entry for a stage wins, as in the engine's freshnessDaysFor.
    expect(freshnessExpression('$C3', { default: 14, byStage: { Demo: 3, demo: 9 } })).toBe(
      'IF(TRIM(SUBSTITUTE(SUBSTITUTE($C3,"_"," "),"-"," "))="demo",3,14)',
    );
  });

  test('rules whose columns are missing are left out; a blank row (every mapped cell empty) is never grey', () => {
    expect(
      idsOf(compileHighlights({ firstDataRow: 2, mapping: { nextStep: 0, stage: 1 } }, options)),
    ).toEqual(['missing', 'weak']);
    const onlyStep = compileHighlights({ firstDataRow: 2, mapping: { nextStep: 0 } }, options);
    // Only the next-step column mapped: the row counts as used when that cell has anything ("???").
    expect(onlyStep.find((r) => r.id === 'missing')?.formula).toContain(
      ',OR(IFERROR(LEN(TRIM($A2))>0,TRUE)),',
    );
    expect(() => compileHighlights({ firstDataRow: 2, mapping: { stage: 1 } }, options)).toThrow(/next-step/);
    expect(() => compileHighlights({ firstDataRow: 0, mapping }, options)).toThrow(/firstDataRow/);
  });

  test('rule switches from the config turn rules off', () => {
    const config = defaultConfig();
    config.rules.stale.enabled = false;
    config.rules.filler.enabled = false;
    const opts = highlightOptionsFromConfig(config);
    expect(opts.fillerPhrases).toEqual([]);
    expect(opts.noActionPhrases.length).toBeGreaterThan(0);
    const ids = idsOf(compileHighlights({ firstDataRow: 3, mapping }, opts));
    expect(ids).toEqual(['missing', 'overdue', 'weak']);
    config.rules['no-action'].enabled = false;
    expect(
      idsOf(compileHighlights({ firstDataRow: 3, mapping }, highlightOptionsFromConfig(config))),
    ).toEqual(['missing', 'overdue']);
  });

  test('any header position and first data row: every reference points at the mapped columns of that row', () => {
    const roles = ['deal', 'stage', 'nextStep', 'nextStepDue', 'nextStepUpdated'] as const;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 800 }), {
          minLength: roles.length,
          maxLength: roles.length,
        }),
        fc.integer({ min: 1, max: 100_000 }),
        (cols, firstDataRow) => {
          const m: ColumnMapping = {};
          roles.forEach((role, i) => (m[role] = cols[i]));
          const allowed = new Set(
            roles.map((role) => `${columnLetters((m[role] as number) + 1)}${firstDataRow}`),
          );
          const rules = compileHighlights({ firstDataRow, mapping: m }, options);
          expect(idsOf(rules)).toEqual(['missing', 'overdue', 'weak', 'stale']);
          for (const r of rules) {
            expect(r.column).toBe((m.nextStep as number) + 1);
            expect(r.firstRow).toBe(firstDataRow);
            expect(wellFormed(r.formula)).toBe(true);
            const refs = refsOf(r.formula);
            expect(refs.length).toBeGreaterThan(0);
            for (const ref of refs) expect(allowed.has(ref)).toBe(true);
            expect(refs).toContain(`${columnLetters((m.nextStep as number) + 1)}${firstDataRow}`);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test('any phrase list and stage table gives well-formed formulas whose weak pattern matches each phrase', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 6 }),
        fc.array(fc.string(), { maxLength: 6 }),
        fc.dictionary(fc.string(), fc.integer({ min: 1, max: 365 }), { maxKeys: 5 }),
        (filler, waiting, byStage) => {
          const opts: HighlightOptions = {
            ...options,
            fillerPhrases: filler,
            noActionPhrases: waiting,
            freshness: { default: 14, byStage },
          };
          for (const r of compileHighlights({ firstDataRow: 2, mapping }, opts)) {
            expect(wellFormed(r.formula)).toBe(true);
            expect(isOwnHighlightFormula(r.formula)).toBe(true);
          }
          for (const p of [...filler, ...waiting]) {
            if (/[\p{L}\p{N}]/u.test(p) && p.trim() !== '') expect(matchesWeakPattern(p, opts)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('recognising own rules', () => {
  test.each([
    '=A1>0',
    '=ISTEXT("NextStepTracker")',
    '=AND($E3="",ISTEXT("something else"))',
    `=ISTEXT("${MARKER_PREFIX}bogus")`,
    '',
  ])('a user formula is not ours: %s', (formula) => {
    expect(isOwnHighlightFormula(formula)).toBe(false);
    expect(highlightIdOf(formula)).toBeUndefined();
  });

  test('non-strings are not ours', () => {
    expect(isOwnHighlightFormula(undefined)).toBe(false);
    expect(isOwnHighlightFormula(42)).toBe(false);
  });

  test('with the default phrase lists the vague highlight is split: parts marked weak-1..n, same colour, short formulas', () => {
    const opts = highlightOptionsFromConfig(defaultConfig());
    const rules = compileHighlights({ firstDataRow: 3, mapping }, opts);
    const weak = rules.filter((r) => r.id === 'weak');
    expect(weak.length).toBeGreaterThan(1);
    expect(weak.map((r) => r.part)).toEqual(weak.map((_, i) => i + 1));
    weak.forEach((r, i) => {
      expect(r.formula).toContain(`ISTEXT("NextStepTracker:v1:weak-${i + 1}"))`);
      expect(highlightIdOf(r.formula)).toBe('weak');
      expect(r.background).toBe(legendEntry('weak').color);
      expect(wellFormed(r.formula)).toBe(true);
    });
    // (A) parts stay under 2,000 characters; (B) parts carry the whole action-word exclusion (one
    // conjunction cannot be split across rules), which keeps them near 3,000. Before: one 11.5 KB rule.
    const lengths = weak.map((r) => r.formula.length);
    expect(Math.max(...lengths)).toBeLessThan(3_200);
    expect(lengths.filter((n) => n < 2_000).length).toBeGreaterThan(weak.length / 2);
    for (const r of rules.filter((x) => x.id !== 'weak')) expect(r.formula.length).toBeLessThan(2_000);
  });

  test('rules from an older marker version are still recognised (so "off" removes them)', () => {
    expect(highlightIdOf('=AND($E3="",ISTEXT("NextStepTracker:v0:missing"))')).toBe('missing');
  });
});

describe('weak text pattern', () => {
  const opts = highlightOptionsFromConfig(defaultConfig());

  test.each([
    'Follow up',
    'follow-up!',
    'Check in / touch base',
    'TBD',
    'n/a',
    'Waiting',
    'Chase again',
    'ASAP',
    'Waiting for legal',
    'Lost to competitor',
    'waiting on client',
    'Ball in their court',
  ])('flags %s', (text) => expect(matchesWeakPattern(text, opts)).toBe(true));

  test.each([
    'Send revised MSA to Jane by Fri',
    'Follow up with Jane on Fri re pricing',
    'Waiting for legal; then send MSA to Jane Fri 3pm',
    'Wants to book demo with Jane next Tue',
    'Awaiting PO, then kickoff meeting with their IT team on Mon',
    'Pricing review call 24/03',
    '',
    '   ',
  ])('does not flag %s', (text) => expect(matchesWeakPattern(text, opts)).toBe(false));

  test('only text can match (numbers, dates, booleans never do)', () => {
    expect(matchesWeakPattern(42, opts)).toBe(false);
    expect(matchesWeakPattern(new Date(0), opts)).toBe(false);
    expect(matchesWeakPattern(true, opts)).toBe(false);
  });

  test('the patterns are lower case (matched against LOWER(cell), no (?i) needed)', () => {
    const p = weakPatterns(weakTextOptions(opts));
    for (const pattern of [p.only, p.startsNoAction, p.clause, p.action]) {
      expect(pattern).toBeDefined();
      expect(pattern).toBe((pattern as string).toLowerCase());
      expect((pattern as string).startsWith('(?i)')).toBe(false);
    }
  });
});

describe('legend', () => {
  test('one entry per rule, distinct colours, CRM convention', () => {
    expect(HIGHLIGHT_LEGEND.map((e) => e.id)).toEqual(['missing', 'overdue', 'weak', 'stale']);
    expect(new Set(HIGHLIGHT_LEGEND.map((e) => e.color)).size).toBe(4);
    expect(legendEntry('overdue').colorName).toBe('Red');
    expect(legendEntry('missing').colorName).toBe('Grey');
    expect(legendEntry('weak').colorName).toMatch(/amber/i);
    expect(legendEntry('stale').colorName).toMatch(/amber/i);
    for (const e of HIGHLIGHT_LEGEND) expect(e.color).toMatch(/^#[0-9a-f]{6}$/);
  });
});
