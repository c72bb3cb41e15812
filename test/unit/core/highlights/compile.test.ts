import fc from 'fast-check';
import { defaultConfig } from '../../../../src/core/config';
import {
  compileHelper,
  compileHighlights,
  encodeMapping,
  HELPER_MARKER,
  HighlightCompileError,
  highlightIdOf,
  highlightOptionsFromConfig,
  isHelperFormula,
  isOwnHighlightFormula,
  MARKER_PREFIX,
  MAX_RULE_CHARS,
} from '../../../../src/core/highlights/compile';
import { columnLetters } from '../../../../src/core/highlights/escape';
import { HIGHLIGHT_LEGEND, legendEntry } from '../../../../src/core/highlights/legend';
import type { ColumnMapping } from '../../../../src/core/types';

const mapping: ColumnMapping = { deal: 0, stage: 2, nextStep: 4, nextStepDue: 5, nextStepUpdated: 6 };
const layout = { firstDataRow: 3, mapping, helperColumn: 27 };

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

describe('compileHighlights', () => {
  test('rules in priority order (missing, overdue, vague, stale) with the legend colours, on the next-step column', () => {
    const rules = compileHighlights(layout);
    expect([...new Set(rules.map((r) => r.id))]).toEqual(['missing', 'overdue', 'weak', 'stale']);
    for (const r of rules) {
      expect(r.background).toBe(legendEntry(r.id).color);
      expect(r.column).toBe(5);
      expect(r.firstRow).toBe(3);
      expect(highlightIdOf(r.formula)).toBe(r.id);
    }
    expect(HIGHLIGHT_LEGEND.map((e) => e.id)).toEqual(['missing', 'overdue', 'weak', 'stale']);
  });

  test('each rule reads only the helper cell of its own row, compares with TODAY(), and stays under 500 characters', () => {
    for (const r of compileHighlights(layout)) {
      expect(refsOf(r.formula)).toEqual(expect.arrayContaining(['AA3']));
      expect(new Set(refsOf(r.formula))).toEqual(new Set(['AA3']));
      expect(r.formula.length).toBeLessThanOrEqual(MAX_RULE_CHARS);
      expect(wellFormed(r.formula)).toBe(true);
      expect(isOwnHighlightFormula(r.formula)).toBe(true);
    }
  });

  test('rule switches from the config leave rules out', () => {
    const config = defaultConfig();
    config.rules.stale.enabled = false;
    config.rules.overdue.enabled = false;
    const ids = compileHighlights(layout, highlightOptionsFromConfig(config)).map((r) => r.id);
    expect(new Set(ids)).toEqual(new Set(['missing', 'weak']));
  });

  test('bad layouts are refused with a reason', () => {
    expect(() => compileHighlights({ ...layout, mapping: { stage: 1 } })).toThrow(HighlightCompileError);
    expect(() => compileHighlights({ ...layout, firstDataRow: 1 })).toThrow(/firstDataRow/);
    expect(() => compileHighlights({ ...layout, helperColumn: 6 })).toThrow(/right of the table/);
  });

  test('any header position and helper column: well-formed rules reading that row of the helper', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5000 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 200 }),
        (firstDataRow, nextStep, gap) => {
          const helperColumn = nextStep + 1 + gap;
          const rules = compileHighlights({ firstDataRow, mapping: { nextStep }, helperColumn });
          for (const r of rules) {
            expect(wellFormed(r.formula)).toBe(true);
            expect(new Set(refsOf(r.formula))).toEqual(
              new Set([`${columnLetters(helperColumn)}${firstDataRow}`]),
            );
            expect(r.formula.length).toBeLessThanOrEqual(MAX_RULE_CHARS);
          }
        },
      ),
    );
  });
});

describe('compileHelper', () => {
  test('the header-row formula: marker label over one NEXTSTEP_FACTS call on the open-ended table', () => {
    const h = compileHelper(layout, { settingsKey: 'abc' });
    expect(h).toEqual({
      column: 27,
      row: 2,
      formula: `={"${HELPER_MARKER}";NEXTSTEP_FACTS(A3:G,"deal=0;stage=2;nextStep=4;nextStepDue=5;nextStepUpdated=6","abc")}`,
    });
    expect(isHelperFormula(h.formula)).toBe(true);
    expect(isHelperFormula('=NEXTSTEP_FACTS(A3:G,"nextStep=1")')).toBe(false); // no marker: a user's
    expect(isHelperFormula(`="${HELPER_MARKER}"`)).toBe(false);
  });

  test('encodeMapping keeps only valid indexes', () => {
    expect(encodeMapping({ nextStep: 2, stage: -1, deal: 1.5 })).toBe('nextStep=2');
  });
});

describe('isOwnHighlightFormula', () => {
  test('only formulas ending with the marker term are ours (any version)', () => {
    expect(isOwnHighlightFormula(`=AND(TRUE,ISTEXT("${MARKER_PREFIX}missing"))`)).toBe(true);
    expect(isOwnHighlightFormula('=AND($H3<TODAY(),ISTEXT("NextStepTracker:v1:weak-3"))')).toBe(true);
    expect(isOwnHighlightFormula('=ISTEXT("NextStepTracker")')).toBe(false);
    expect(isOwnHighlightFormula(`=AND(ISTEXT("${MARKER_PREFIX}missing"),$A1>0)`)).toBe(false);
    expect(isOwnHighlightFormula(undefined)).toBe(false);
    expect(isOwnHighlightFormula(42)).toBe(false);
  });
});
