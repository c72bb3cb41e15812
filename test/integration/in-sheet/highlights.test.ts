/**
 * Highlights through the built bundle in the emulator: the helper column (hidden, warning-protected,
 * recognised by its marker), the rules (short, each from its own builder), what "off" removes, what
 * a user's sort / insert / delete / paste / deleting the helper does, bad input, and call budgets
 * that do not grow with rows. Day-by-day agreement with the engine: highlights-days.test.ts.
 */
import {
  cellColours,
  createAppsScriptGlobals,
  loadBundle,
  type AppsScriptGlobals,
  type BundleFunctions,
  type SpreadsheetFixture,
} from '../../../dev/emulator';
import { analyzeRows } from '../../../src/core/analyze';
import { defaultConfig } from '../../../src/core/config';
import { detectColumns } from '../../../src/core/columns';
import { HELPER_MARKER, isOwnHighlightFormula, MAX_RULE_CHARS } from '../../../src/core/highlights/compile';
import { highlightClass, type HighlightClass } from '../../../src/core/highlights/facts';
import { HIGHLIGHT_LEGEND } from '../../../src/core/highlights/legend';
import type { CellValue } from '../../../src/core/types';
import { bigPipeline, CODE, FIXTURE_NOW, pipelineFixture } from './helpers';

/** Rules of one set: missing, overdue ×3 (fixed, yearly, log-dated), vague, stale ×2. */
const FULL_SET = 7;
const CLASS_OF_COLOUR: Record<string, HighlightClass> = Object.fromEntries(
  HIGHLIGHT_LEGEND.map((e) => [e.color, e.id === 'weak' ? 'vague' : (e.id as HighlightClass)]),
);

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function setup(fixture: SpreadsheetFixture = pipelineFixture()): {
  g: AppsScriptGlobals;
  fns: BundleFunctions;
  sheet: Sheet;
} {
  const g = createAppsScriptGlobals({ spreadsheet: fixture, now: FIXTURE_NOW });
  const fns = loadBundle(CODE, g);
  return { g, fns, sheet: g.SpreadsheetApp.getActive().getSheets()[0] };
}

function formulasOf(sheet: Sheet): string[] {
  return sheet
    .getConditionalFormatRules()
    .map((r) => String(r.getBooleanCondition()?.getCriteriaValues()[0]));
}

/** Cells whose colour differs from the engine's class for the row, judged now (the sheet as it is). */
function disagreements(g: AppsScriptGlobals, now = FIXTURE_NOW): string[] {
  const plain = createAppsScriptGlobals({ spreadsheet: g.spreadsheet, now })
    .SpreadsheetApp.getActive()
    .getSheets()[0];
  const grid = plain.getDataRange().getValues() as CellValue[][];
  const found = detectColumns(grid);
  const rows = grid.slice(found.headerRowIndex + 1);
  const analysis = analyzeRows(rows, found.mapping, defaultConfig(), {
    today: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now),
    timeZone: 'Europe/London',
    locale: 'en_GB',
    firstRowNumber: found.headerRowIndex + 2,
  });
  const colours = cellColours(plain, { now });
  const letter = String.fromCharCode(65 + (found.mapping.nextStep as number));
  return analysis
    .map((r) => ({ r, colour: CLASS_OF_COLOUR[colours[`${letter}${r.row}`]] ?? 'none' }))
    .filter(({ r, colour }) => colour !== highlightClass(r))
    .map(({ r, colour }) => `${letter}${r.row}: ${colour} vs engine ${highlightClass(r)}`);
}

function colouredCount(sheet: Sheet): number {
  return Object.keys(cellColours(sheet, { now: FIXTURE_NOW })).length;
}

describe('the helper column and the rules', () => {
  const { g, fns, sheet } = setup();
  const before = { columns: sheet.getMaxColumns() };
  fns.turnHighlightsOn();
  const helperCol = before.columns + 1;
  const model = g.spreadsheet.sheets[0];

  test('a new last column, hidden, warning-protected with the marker, its header cell the formula', () => {
    expect(sheet.getMaxColumns()).toBe(helperCol);
    expect(sheet.isColumnHiddenByUser(helperCol)).toBe(true);
    const formula = sheet.getRange(2, helperCol).getFormula();
    expect(formula).toMatch(
      /^=\{"NextStepTracker:v2:facts";NEXTSTEP_FACTS\(A3:I,"[^"]*nextStep=6[^"]*","\w+"\)\}$/,
    );
    expect(sheet.getRange(2, helperCol).getValue()).toBe(HELPER_MARKER);
    const protection = sheet
      .getProtections(g.SpreadsheetApp.ProtectionType.RANGE)
      .find((p) => p.getDescription() === HELPER_MARKER);
    expect(protection?.isWarningOnly()).toBe(true);
    expect(protection?.getRange().getColumn()).toBe(helperCol);
  });

  test('one fact per data row; blank and closed rows blank; nothing depends on the clock', () => {
    const facts = sheet.getRange(3, helperCol, 200, 1).getValues().flat();
    expect(facts.filter((f) => f !== '').length).toBeGreaterThan(150);
    for (const f of facts) expect(f === '' || /^[MVK][0DW]\d{21}/.test(String(f))).toBe(true);
  });

  test('every rule is at most 500 characters, ends with the marker and reads the helper of its row', () => {
    const formulas = formulasOf(sheet);
    expect(formulas).toHaveLength(FULL_SET);
    for (const f of formulas) {
      expect(f.length).toBeLessThanOrEqual(MAX_RULE_CHARS);
      expect(isOwnHighlightFormula(f)).toBe(true);
      expect(f).toContain('$AA3');
      expect(f).not.toMatch(/\$G3|REGEXMATCH\(LOWER/);
    }
    expect(model.conditionalFormats.every((r) => r.ranges[0].col === 7 && r.ranges[0].row === 3)).toBe(true);
  });

  test('the 200-deal fixture agrees with the engine today', () => {
    expect(disagreements(g)).toEqual([]);
    expect(colouredCount(sheet)).toBeGreaterThan(100);
  });
});

describe('own rules and helper: on twice, off, user rules and data kept', () => {
  function withUserRules() {
    const fixture = pipelineFixture();
    fixture.sheets[0].conditionalFormats = [
      { ranges: ['E3:E202'], formula: '=$E3>100000', background: '#b7e1cd' },
      { ranges: ['G3:G202'], textContains: 'urgent', background: '#ff0000' },
    ];
    fixture.sheets[0].protections = [{ range: 'A1:A5', description: 'Owner column', warningOnly: true }];
    return setup(fixture);
  }

  test('on twice leaves one set after the user rules, and one helper column', () => {
    const { fns, sheet } = withUserRules();
    const userFormulas = formulasOf(sheet);
    const columns = sheet.getMaxColumns();
    fns.turnHighlightsOn();
    fns.turnHighlightsOn();
    const after = formulasOf(sheet);
    expect(after.slice(0, 2)).toEqual(userFormulas);
    expect(after.slice(2).every(isOwnHighlightFormula)).toBe(true);
    expect(after).toHaveLength(2 + FULL_SET);
    expect(sheet.getMaxColumns()).toBe(columns + 1);
  });

  test('off removes the rules and the helper column, and nothing else', () => {
    const { fns, sheet, g } = withUserRules();
    const snapshot = () => ({
      rules: formulasOf(sheet),
      columns: sheet.getMaxColumns(),
      values: sheet.getDataRange().getValues(),
      formats: sheet.getDataRange().getNumberFormats(),
      notes: sheet.getDataRange().getNotes(),
      backgrounds: sheet.getDataRange().getBackgrounds(),
      protections: sheet.getProtections(g.SpreadsheetApp.ProtectionType.RANGE).map((p) => p.getDescription()),
    });
    const before = snapshot();
    fns.turnHighlightsOn();
    fns.turnHighlightsOff();
    expect(snapshot()).toEqual(before);
    fns.turnHighlightsOff(); // already off: no error
    expect(snapshot()).toEqual(before);
    expect(g.ui.toasts.at(-1)?.message).toMatch(/already off/);
  });

  test('a user rule whose formula merely mentions the add-on is kept', () => {
    const fixture = pipelineFixture();
    fixture.sheets[0].conditionalFormats = [
      { ranges: ['G3:G202'], formula: '=ISTEXT("NextStepTracker")', background: '#cccccc' },
    ];
    const { fns, sheet } = setup(fixture);
    fns.turnHighlightsOn();
    fns.turnHighlightsOff();
    expect(formulasOf(sheet)).toEqual(['=ISTEXT("NextStepTracker")']);
  });

  test('older (v1) rules are recognised and replaced', () => {
    const fixture = pipelineFixture();
    fixture.sheets[0].conditionalFormats = [
      {
        ranges: ['G3:G202'],
        formula: '=AND($H3<TODAY(),ISTEXT("NextStepTracker:v1:overdue"))',
        background: '#f4c7c3',
      },
    ];
    const { fns, sheet } = setup(fixture);
    fns.turnHighlightsOn();
    expect(formulasOf(sheet).filter((f) => f.includes(':v1:'))).toEqual([]);
    expect(formulasOf(sheet)).toHaveLength(FULL_SET);
  });
});

describe('what users do to the sheet afterwards (no script runs)', () => {
  test('sorting the rows: the helper recomputes in place and the colours follow', () => {
    const { g, fns, sheet } = setup();
    fns.turnHighlightsOn();
    const range = sheet.getRange(3, 1, 200, 9);
    const rows = range.getValues();
    rows.sort((a, b) => String(a[6]).localeCompare(String(b[6])));
    range.setValues(rows);
    expect(disagreements(g)).toEqual([]);
  });

  test("inserting and deleting rows, typing and pasting steps: colours still the engine's", () => {
    const { g, fns, sheet } = setup();
    fns.turnHighlightsOn();
    sheet.insertRowsAfter(10, 3);
    sheet.getRange(11, 1, 3, 9).setValues([
      ['New deal', 'Acme', 'Ben Reid', 'Negotiation', 1000, '', 'Follow up', '', ''],
      [
        'New deal 2',
        'Acme',
        'Ben Reid',
        'Negotiation',
        1000,
        '',
        'Pricing call with Jane Fri 6 Mar',
        '',
        new Date('2026-03-01T09:00:00Z'),
      ],
      ['New deal 3', 'Acme', 'Ben Reid', 'Proposal', 1000, '', '', '', ''],
    ]);
    sheet.deleteRows(40, 5);
    sheet.getRange(50, 7, 3, 1).setValues([['TBD'], ['Send MSA to Jane by 01/03/2026'], ['']]);
    expect(disagreements(g)).toEqual([]);
    // The inserted rows are covered: red for the passed date in the text, amber for "Follow up".
    const c = cellColours(sheet, { now: FIXTURE_NOW });
    expect(CLASS_OF_COLOUR[c.G11]).toBe('vague');
    expect(CLASS_OF_COLOUR[c.G12]).toBe('overdue');
  });

  test('a user who deletes the helper column: no wrong colours, the health check notices, on restores', () => {
    const { g, fns, sheet } = setup();
    fns.turnHighlightsOn();
    sheet.deleteColumn(sheet.getMaxColumns());
    expect(colouredCount(sheet)).toBe(0);
    expect(fns.getHighlightsHealth()).toMatchObject({ on: true, helperBroken: true });
    fns.restoreHighlights();
    expect(fns.getHighlightsHealth()).toMatchObject({ on: true, helperBroken: false });
    expect(disagreements(g)).toEqual([]);
  });

  test('a value pasted into the hidden helper column: the helper shows #REF!, no colours, noticed', () => {
    const { fns, sheet } = setup();
    fns.turnHighlightsOn();
    sheet.getRange(10, sheet.getMaxColumns()).setValue('oops');
    expect(sheet.getRange(2, sheet.getMaxColumns()).getValue()).toBe('#REF!');
    expect(colouredCount(sheet)).toBe(0);
    expect(fns.getHighlightsHealth()).toMatchObject({ on: true, helperBroken: true });
  });

  test('health when off: not on, nothing broken', () => {
    const { fns } = setup();
    expect(fns.getHighlightsHealth()).toMatchObject({ on: false, helperBroken: false });
  });
});

describe('budgets: constant number of calls whatever the number of rows', () => {
  function callsFor(rows: number): { on: Record<string, number>; off: Record<string, number> } {
    const { g, fns } = setup(bigPipeline(rows));
    g.ledger.reset();
    fns.turnHighlightsOn();
    const on = g.ledger.snapshot();
    g.ledger.reset();
    fns.turnHighlightsOff();
    const off = g.ledger.snapshot();
    return { on, off };
  }

  test('200 and 50,000 rows make the same calls; no per-row calls; a fresh builder per rule', () => {
    const small = callsFor(200);
    const big = callsFor(50_000);
    expect(big.on).toEqual(small.on);
    expect(big.off).toEqual(small.off);
    const total = (s: Record<string, number>): number => Object.values(s).reduce((a, b) => a + b, 0);
    expect(total(big.on)).toBeLessThanOrEqual(40 + 5 * FULL_SET);
    expect(total(big.off)).toBeLessThanOrEqual(20 + FULL_SET);
    for (const method of ['Range.getValue', 'Range.setValue', 'Range.setValues', 'Range.setBackground']) {
      expect(big.on[method] ?? 0).toBe(0);
    }
    expect(big.on['SpreadsheetApp.newConditionalFormatRule']).toBe(FULL_SET);
    expect(big.on['Sheet.setConditionalFormatRules']).toBe(1);
    expect(big.on['Range.setFormula']).toBe(1);
    expect(big.off['Sheet.deleteColumn']).toBe(1);
  });

  test('the rules cover every row of a 50,000-row table with one range', () => {
    const { g, fns } = setup(bigPipeline(50_000));
    fns.turnHighlightsOn();
    const rules = g.spreadsheet.sheets[0].conditionalFormats;
    expect(rules).toHaveLength(FULL_SET);
    for (const r of rules) expect(r.ranges).toEqual([{ row: 2, col: 3, rows: 50_000, cols: 1 }]);
  });
});

describe('bad input', () => {
  test('no next-step column: a clear message naming the headers looked for; nothing changed', () => {
    const { g, fns } = setup({
      sheets: [
        {
          name: 'Deals',
          values: [
            ['Deal', 'Stage', 'Notes'],
            ['A', 'Open', 'x'],
          ],
        },
      ],
    });
    fns.turnHighlightsOn();
    const alert = g.ui.alerts.at(-1);
    expect(alert?.prompt).toMatch(/No next-step column found in sheet "Deals"/);
    expect(g.spreadsheet.sheets[0].conditionalFormats).toHaveLength(0);
    expect(g.spreadsheet.sheets[0].maxColumns).toBe(26);
  });

  test('an empty sheet: a message, no crash', () => {
    const { g, fns } = setup({ sheets: [{ name: 'Empty' }] });
    fns.turnHighlightsOn();
    expect(g.ui.alerts.at(-1)?.prompt).toMatch(/"Empty" is empty/);
  });

  test('a header with no data rows: no error, rules and helper ready for rows added later', () => {
    const { g, fns, sheet } = setup({
      sheets: [{ name: 'Pipeline', maxRows: 50, values: [['Deal', 'Next step', 'Next step due']] }],
    });
    fns.turnHighlightsOn();
    expect(g.ui.alerts).toHaveLength(0);
    expect(g.spreadsheet.sheets[0].conditionalFormats.map((r) => r.ranges[0])).toEqual(
      Array(FULL_SET).fill({ row: 2, col: 2, rows: 49, cols: 1 }),
    );
    sheet.getRange(2, 1, 2, 3).setValues([
      ['A', 'Follow up', ''],
      ['B', 'Pricing call with Jane', new Date('2026-03-02T00:00:00Z')],
    ]);
    const c = cellColours(sheet, { now: FIXTURE_NOW });
    expect(CLASS_OF_COLOUR[c.B2]).toBe('vague');
    expect(CLASS_OF_COLOUR[c.B3]).toBe('overdue');
  });

  test('a header on the last row of the sheet: no error, nothing to colour, no helper', () => {
    const { g, fns } = setup({ sheets: [{ name: 'Pipeline', maxRows: 1, values: [['Deal', 'Next step']] }] });
    fns.turnHighlightsOn();
    expect(g.ui.alerts).toHaveLength(0);
    expect(g.ui.toasts.at(-1)?.message).toMatch(/No rows to highlight/);
    expect(g.spreadsheet.sheets[0].maxColumns).toBe(26);
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
    expect(g.spreadsheet.sheets[0].maxColumns).toBe(26);
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
    const { g, fns } = setup();
    g.PropertiesService.getDocumentProperties().setProperties({
      'nst.settings': '{not json',
      'nst.config': '[1,2',
    });
    fns.turnHighlightsOn();
    expect(g.spreadsheet.sheets[0].conditionalFormats).toHaveLength(FULL_SET);
    expect(g.ui.toasts.at(-1)?.message).toMatch(/not valid JSON/);
  });

  test('changed settings change the helper formula (Sheets recomputes only on new arguments)', () => {
    const { g, fns, sheet } = setup();
    fns.turnHighlightsOn();
    const col = sheet.getMaxColumns();
    const first = sheet.getRange(2, col).getFormula();
    const config = defaultConfig();
    config.freshnessDays.default = 3;
    g.PropertiesService.getDocumentProperties().setProperty('nst.config', JSON.stringify(config));
    fns.turnHighlightsOn();
    expect(sheet.getRange(2, sheet.getMaxColumns()).getFormula()).not.toBe(first);
  });
});
