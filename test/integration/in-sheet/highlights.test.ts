/**
 * Highlights through the built bundle and the emulator's formula evaluation: every coloured cell of
 * the 200-deal fixture matches the engine's judgement of its row (with the documented approximation
 * of what a conditional-format formula can see), rules are recognised as the add-on's own, user rules
 * survive, and the call count does not grow with rows.
 */
import { cellColours, createAppsScriptGlobals, loadBundle } from '../../../dev/emulator';
import { analyzeRows } from '../../../src/core/analyze';
import { defaultConfig, freshnessDaysFor } from '../../../src/core/config';
import { detectColumns } from '../../../src/core/columns';
import { cellToIsoDate } from '../../../src/core/dates/cell';
import { daysBetween } from '../../../src/core/dates/calendar';
import {
  highlightOptionsFromConfig,
  isOwnHighlightFormula,
  matchesWeakPattern,
} from '../../../src/core/highlights/compile';
import { isMissingText, weakParts } from '../../../src/core/highlights/text-tests';
import { weakTextOptions } from '../../../src/core/highlights/compile';
import { legendEntry } from '../../../src/core/highlights/legend';
import type { CellValue, RowAnalysis } from '../../../src/core/types';
import { bigPipeline, CODE, FIXTURE_NOW, harness, observer, pipelineFixture } from './helpers';

const GREY = legendEntry('missing').color;
const RED = legendEntry('overdue').color;
const AMBER = legendEntry('weak').color;
const STALE = legendEntry('stale').color;
const TODAY = '2026-03-11';
/** The default phrase lists' vague test comes as this many rules (weakParts); the other highlights one each. */
const WEAK_RULES = weakParts(weakTextOptions(highlightOptionsFromConfig(defaultConfig()))).length;
/** Rules of one full set on a table with due and updated columns. */
const FULL_SET = 3 + WEAK_RULES;
const CTX = { today: TODAY, timeZone: 'Europe/London', locale: 'en_GB' };

function formulasOf(sheet: GoogleAppsScript.Spreadsheet.Sheet): string[] {
  return sheet
    .getConditionalFormatRules()
    .map((r) => r.getBooleanCondition()?.getCriteriaValues()[0])
    .map((v) => String(v));
}

describe('highlights on the 200-deal fixture', () => {
  const h = harness();
  const sheet = h.ss.getSheetByName('Pipeline') as GoogleAppsScript.Spreadsheet.Sheet;
  h.fns.turnHighlightsOn();
  const colours = cellColours(sheet);
  const plain = observer(h)
    .SpreadsheetApp.getActive()
    .getSheetByName('Pipeline') as GoogleAppsScript.Spreadsheet.Sheet;
  const grid = plain.getDataRange().getValues() as CellValue[][];
  const found = detectColumns(grid);
  const m = found.mapping;
  const config = defaultConfig();
  const rows = grid.slice(found.headerRowIndex + 1);
  const analysis = analyzeRows(rows, m, config, { ...CTX, firstRowNumber: found.headerRowIndex + 2 });
  const options = highlightOptionsFromConfig(config);
  const col = String.fromCharCode(65 + (m.nextStep as number));
  const cell = (r: RowAnalysis): CellValue[] => rows[r.row - found.headerRowIndex - 2];
  const colourOf = (r: RowAnalysis): string | undefined => colours[`${col}${r.row}`];
  const dueBeforeToday = (r: RowAnalysis): boolean => {
    const v = cell(r)[m.nextStepDue as number];
    if (!(v instanceof Date) && typeof v !== 'number') return false;
    const day = cellToIsoDate(v, CTX);
    return day !== undefined && day < TODAY;
  };
  const updatedTooOld = (r: RowAnalysis): boolean => {
    const v = cell(r)[m.nextStepUpdated as number];
    if (!(v instanceof Date) && typeof v !== 'number') return false;
    const day = cellToIsoDate(v, CTX);
    return (
      day !== undefined && daysBetween(day, TODAY) > freshnessDaysFor(cell(r)[m.stage as number], config)
    );
  };

  test('the fixture exercises every colour', () => {
    const used = new Set(Object.values(colours));
    expect([...used].sort()).toEqual([AMBER, GREY, RED, STALE].sort());
    expect(analysis.length).toBe(200);
  });

  test('only next-step cells are coloured, and never on closed or blank rows', () => {
    for (const a1 of Object.keys(colours)) expect(a1.startsWith(col)).toBe(true);
    for (const r of analysis) if (r.status !== 'open') expect(colourOf(r)).toBeUndefined();
  });

  test('grey ⇔ the engine says "missing" (empty, punctuation-only or an error cell)', () => {
    for (const r of analysis) {
      if (r.status !== 'open') continue;
      expect({ row: r.row, grey: colourOf(r) === GREY }).toEqual({
        row: r.row,
        grey: r.verdict === 'missing',
      });
    }
  });

  test('red ⇔ a date in the due column before today (and the engine agrees: overdue)', () => {
    for (const r of analysis) {
      if (r.status !== 'open' || r.verdict === 'missing') continue;
      const red = colourOf(r) === RED;
      expect({ row: r.row, red }).toEqual({ row: r.row, red: dueBeforeToday(r) });
      if (red) expect(r.timing).toBe('overdue');
    }
  });

  test('amber (vague) ⇔ the JS mirror of the formula; whatever it colours, the engine finds filler/no-action', () => {
    let amber = 0;
    for (const r of analysis) {
      const c = colourOf(r);
      if (r.status !== 'open' || c === GREY || c === RED) continue;
      const text = cell(r)[m.nextStep as number];
      expect({ row: r.row, amber: c === AMBER }).toEqual({
        row: r.row,
        amber: matchesWeakPattern(text, options),
      });
      if (c === AMBER) {
        amber++;
        expect(r.findings.some((f) => f.rule === 'filler' || f.rule === 'no-action')).toBe(true);
        expect(['weak', 'bad']).toContain(r.verdict);
      }
    }
    expect(amber).toBeGreaterThan(5);
  });

  test('dark amber (stale) ⇔ the updated column is older than the stage allows; the engine finds "stale"', () => {
    for (const r of analysis) {
      const c = colourOf(r);
      if (r.status !== 'open' || c === GREY || c === RED || c === AMBER) continue;
      expect({ row: r.row, stale: c === STALE }).toEqual({ row: r.row, stale: updatedTooOld(r) });
      if (c === STALE) expect(r.findings.some((f) => f.rule === 'stale')).toBe(true);
    }
  });

  test('the missing-text mirror matches the formula on every next-step cell', () => {
    for (const r of analysis) {
      if (r.status !== 'open') continue;
      const text = cell(r)[m.nextStep as number];
      expect({ row: r.row, missing: isMissingText(text) }).toEqual({
        row: r.row,
        missing: r.verdict === 'missing',
      });
    }
  });

  test('turning highlights on never writes a cell: values, formats and notes unchanged', () => {
    const fresh = createAppsScriptGlobals({ spreadsheet: pipelineFixture(), now: FIXTURE_NOW });
    const before = fresh.SpreadsheetApp.getActive().getSheetByName(
      'Pipeline',
    ) as GoogleAppsScript.Spreadsheet.Sheet;
    const range = before.getDataRange();
    expect(plain.getDataRange().getValues()).toEqual(range.getValues());
    expect(plain.getDataRange().getNumberFormats()).toEqual(range.getNumberFormats());
    expect(plain.getDataRange().getNotes()).toEqual(range.getNotes());
    expect(plain.getDataRange().getBackgrounds()).toEqual(range.getBackgrounds());
  });
});

describe('own rules: on twice, off, user rules kept', () => {
  function withUserRules() {
    const fixture = pipelineFixture();
    fixture.sheets[0].conditionalFormats = [
      { ranges: ['E3:E202'], formula: '=$E3>100000', background: '#b7e1cd' },
      { ranges: ['G3:G202'], textContains: 'urgent', background: '#ff0000' },
    ];
    const g = createAppsScriptGlobals({ spreadsheet: fixture, now: FIXTURE_NOW });
    const fns = loadBundle(CODE, g);
    const sheet = g.SpreadsheetApp.getActive().getSheetByName(
      'Pipeline',
    ) as GoogleAppsScript.Spreadsheet.Sheet;
    return { g, fns, sheet };
  }

  test('on twice leaves one set, after the user rules, which keep their order', () => {
    const { fns, sheet } = withUserRules();
    const userFormulas = formulasOf(sheet);
    fns.turnHighlightsOn();
    fns.turnHighlightsOn();
    const after = formulasOf(sheet);
    expect(after.slice(0, 2)).toEqual(userFormulas);
    expect(after.slice(2).every(isOwnHighlightFormula)).toBe(true);
    expect(WEAK_RULES).toBeGreaterThan(1);
    expect(after).toHaveLength(2 + FULL_SET);
  });

  test('off removes exactly the add-on rules', () => {
    const { fns, sheet, g } = withUserRules();
    const userFormulas = formulasOf(sheet);
    fns.turnHighlightsOn();
    fns.turnHighlightsOff();
    expect(formulasOf(sheet)).toEqual(userFormulas);
    fns.turnHighlightsOff(); // already off: no error, nothing removed
    expect(formulasOf(sheet)).toEqual(userFormulas);
    expect(g.ui.toasts.at(-1)?.message).toMatch(/already off/);
  });

  test('a user rule whose formula merely mentions the add-on is kept', () => {
    const fixture = pipelineFixture();
    fixture.sheets[0].conditionalFormats = [
      { ranges: ['G3:G202'], formula: '=ISTEXT("NextStepTracker")', background: '#cccccc' },
    ];
    const g = createAppsScriptGlobals({ spreadsheet: fixture, now: FIXTURE_NOW });
    const fns = loadBundle(CODE, g);
    const sheet = g.SpreadsheetApp.getActive().getSheetByName(
      'Pipeline',
    ) as GoogleAppsScript.Spreadsheet.Sheet;
    fns.turnHighlightsOn();
    fns.turnHighlightsOff();
    expect(formulasOf(sheet)).toEqual(['=ISTEXT("NextStepTracker")']);
  });
});

describe('budgets: constant number of calls whatever the number of rows', () => {
  function callsFor(rows: number): { on: Record<string, number>; off: Record<string, number> } {
    const g = createAppsScriptGlobals({ spreadsheet: bigPipeline(rows), now: FIXTURE_NOW });
    const fns = loadBundle(CODE, g);
    g.ledger.reset();
    fns.turnHighlightsOn();
    const on = g.ledger.snapshot();
    g.ledger.reset();
    fns.turnHighlightsOff();
    const off = g.ledger.snapshot();
    return { on, off };
  }

  test('200 and 50,000 rows make the same calls; no per-row calls', () => {
    const small = callsFor(200);
    const big = callsFor(50_000);
    expect(big.on).toEqual(small.on);
    expect(big.off).toEqual(small.off);
    const total = (s: Record<string, number>): number => Object.values(s).reduce((a, b) => a + b, 0);
    // Grows with the number of rules (the vague test comes in parts), never with rows: one builder for
    // the set, then a formula and a build per rule (a colour only when it changes); off reads each
    // rule's condition once.
    expect(total(big.on)).toBeLessThanOrEqual(33 + 2 * FULL_SET);
    expect(total(big.off)).toBeLessThanOrEqual(6 + FULL_SET);
    for (const method of [
      'Range.getValue',
      'Range.setValue',
      'Range.setValues',
      'Range.setBackground',
      'Range.setBackgrounds',
    ]) {
      expect(big.on[method] ?? 0).toBe(0);
    }
    expect(big.on['Range.getValues']).toBe(1); // the header area only
    expect(big.on['Sheet.setConditionalFormatRules']).toBe(1);
  });

  test('the rules cover every row of a 50,000-row table with one range', () => {
    const g = createAppsScriptGlobals({ spreadsheet: bigPipeline(50_000), now: FIXTURE_NOW });
    loadBundle(CODE, g).turnHighlightsOn();
    const rules = g.spreadsheet.sheets[0].conditionalFormats;
    expect(rules).toHaveLength(FULL_SET);
    for (const r of rules) expect(r.ranges).toEqual([{ row: 2, col: 3, rows: 50_000, cols: 1 }]);
  });
});

describe('bad input', () => {
  test('no next-step column: a clear message naming the headers looked for; nothing changed', () => {
    const g = createAppsScriptGlobals({
      spreadsheet: {
        sheets: [
          {
            name: 'Deals',
            values: [
              ['Deal', 'Stage', 'Notes'],
              ['A', 'Open', 'x'],
            ],
          },
        ],
      },
      now: FIXTURE_NOW,
    });
    loadBundle(CODE, g).turnHighlightsOn();
    const alert = g.ui.alerts.at(-1);
    expect(alert?.prompt).toMatch(/No next-step column found in sheet "Deals"/);
    expect(alert?.prompt).toMatch(/"Next step", "Next steps", "NextStep", "Next action"/);
    expect(g.spreadsheet.sheets[0].conditionalFormats).toHaveLength(0);
  });

  test('an empty sheet: a message, no crash', () => {
    const g = createAppsScriptGlobals({ spreadsheet: { sheets: [{ name: 'Empty' }] }, now: FIXTURE_NOW });
    loadBundle(CODE, g).turnHighlightsOn();
    expect(g.ui.alerts.at(-1)?.prompt).toMatch(/"Empty" is empty/);
  });

  test('a header with no data rows: no error, rules ready for rows added later', () => {
    const g = createAppsScriptGlobals({
      spreadsheet: {
        sheets: [{ name: 'Pipeline', maxRows: 50, values: [['Deal', 'Next step', 'Next step due']] }],
      },
      now: FIXTURE_NOW,
    });
    loadBundle(CODE, g).turnHighlightsOn();
    expect(g.ui.alerts).toHaveLength(0);
    expect(g.spreadsheet.sheets[0].conditionalFormats.map((r) => r.ranges[0])).toEqual(
      Array(2 + WEAK_RULES).fill({ row: 2, col: 2, rows: 49, cols: 1 }),
    );
  });

  test('a header on the last row of the sheet: no error, nothing to colour', () => {
    const g = createAppsScriptGlobals({
      spreadsheet: { sheets: [{ name: 'Pipeline', maxRows: 1, values: [['Deal', 'Next step']] }] },
      now: FIXTURE_NOW,
    });
    loadBundle(CODE, g).turnHighlightsOn();
    expect(g.ui.alerts).toHaveLength(0);
    expect(g.ui.toasts.at(-1)?.message).toMatch(/No rows to highlight/);
  });

  test('a protected sheet the user cannot edit: a message and nothing changed', () => {
    const fixture = pipelineFixture();
    fixture.sheets[0].protections = [{ description: 'Locked by finance' }];
    const g = createAppsScriptGlobals({
      spreadsheet: fixture,
      now: FIXTURE_NOW,
      user: { email: 'rep@example.com', canEdit: false },
    });
    loadBundle(CODE, g).turnHighlightsOn();
    expect(g.ui.alerts.at(-1)?.prompt).toMatch(/is protected.*Nothing was changed/);
    expect(g.spreadsheet.sheets[0].conditionalFormats).toHaveLength(0);
  });

  test('a protected next-step column: a message and nothing changed', () => {
    const fixture = pipelineFixture();
    fixture.sheets[0].protections = [{ range: 'G1:G300', description: 'Managers only' }];
    const g = createAppsScriptGlobals({
      spreadsheet: fixture,
      now: FIXTURE_NOW,
      user: { email: 'rep@example.com', canEdit: false },
    });
    loadBundle(CODE, g).turnHighlightsOn();
    expect(g.ui.alerts.at(-1)?.prompt).toMatch(/G1:G300.*protected.*Nothing was changed/);
    expect(g.spreadsheet.sheets[0].conditionalFormats).toHaveLength(0);
  });

  test('corrupted saved settings: defaults are used and the problem is shown', () => {
    const h = harness();
    h.g.PropertiesService.getDocumentProperties().setProperties({
      'nst.settings': '{not json',
      'nst.config': '[1,2',
    });
    h.fns.turnHighlightsOn();
    expect(h.g.spreadsheet.sheets[0].conditionalFormats).toHaveLength(FULL_SET);
    expect(h.g.ui.toasts.at(-1)?.message).toMatch(/not valid JSON/);
  });
});
