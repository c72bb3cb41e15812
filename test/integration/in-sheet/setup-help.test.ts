/** Set up this sheet and Help, through the built bundle with scripted answers to the dialogs. */
import { createAppsScriptGlobals, loadBundle } from '../../../dev/emulator';
import { HIGHLIGHT_LEGEND } from '../../../src/core/highlights/legend';
import { CODE, FIXTURE_NOW, harness, pipelineFixture } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function saved(g: ReturnType<typeof harness>['g']): Record<string, unknown> {
  return JSON.parse(g.PropertiesService.getDocumentProperties().getProperty('nst.settings') ?? '{}');
}

/** The fixture without its "Next step updated" column (I). */
function withoutUpdated(): ReturnType<typeof pipelineFixture> {
  const f = pipelineFixture();
  const s = f.sheets[0];
  s.values = s.values?.map((r) => r.slice(0, 8));
  s.numberFormats = { 'E3:E202': '£#,##0', 'F3:F202': 'dd/MM/yyyy', 'H3:H202': 'dd/MM/yyyy', G10: '@' };
  s.merges = ['A1:H1'];
  return f;
}

describe('Set up this sheet', () => {
  test('finds the table, confirms the mapping, saves it', () => {
    const h = harness();
    h.g.ui.answerAlerts('YES', 'OK');
    h.fns.setUpSheet();
    const confirm = h.g.ui.alerts[0];
    expect(confirm.buttons).toBe('YES_NO');
    expect(confirm.prompt).toMatch(/Sheet "Pipeline", headers in row 2/);
    expect(confirm.prompt).toMatch(/Next step: "Next step" \(column G\)/);
    expect(confirm.prompt).toMatch(/Next step updated: "Next step updated" \(column I\)/);
    expect(saved(h.g)).toEqual({
      sheetName: 'Pipeline',
      headerRow: 2,
      columns: {
        nextStep: 'Next step',
        nextStepDue: 'Next step due',
        nextStepUpdated: 'Next step updated',
        stage: 'Stage',
        deal: 'Deal',
        account: 'Account',
        owner: 'Owner',
        amount: 'Amount',
        closeDate: 'Close date',
      },
    });
    // No "add a column?" question: the sheet has one.
    expect(h.g.ui.alerts.some((a) => /Add a "Next step updated" column/.test(a.title))).toBe(false);
  });

  test('answering No saves nothing and opens the column picker', () => {
    const h = harness();
    h.g.ui.answerAlerts('NO');
    h.fns.setUpSheet();
    expect(h.g.PropertiesService.getDocumentProperties().getProperty('nst.settings')).toBeNull();
    expect(h.g.ui.dialogs.map((d) => d.title)).toEqual(['Next Step Tracker: choose your columns']);
  });

  test('offers a "Next step updated" column and inserts it after the next step, overwriting nothing', () => {
    const g = createAppsScriptGlobals({ spreadsheet: withoutUpdated(), now: FIXTURE_NOW });
    const fns = loadBundle(CODE, g);
    const sheet = g.SpreadsheetApp.getActive().getSheetByName('Pipeline') as Sheet;
    const before = sheet.getRange(1, 1, 202, 8).getValues();
    g.ui.answerAlerts('YES', 'YES', 'OK');
    fns.setUpSheet();
    expect(g.ui.alerts[1].title).toMatch(/Add a "Next step updated" column/);
    const after = sheet.getRange(1, 1, 202, 9).getValues();
    expect(after[1][7]).toBe('Next step updated');
    // Every original cell is still there, columns after G shifted one to the right.
    after.forEach((row, i) => {
      expect(row.slice(0, 7)).toEqual(before[i].slice(0, 7));
      expect(row[8]).toEqual(before[i][7]);
      if (i >= 2) expect(row[7]).toBe('');
    });
    expect((saved(g).columns as Record<string, string>).nextStepUpdated).toBe('Next step updated');
    expect((saved(g).columns as Record<string, string>).nextStepDue).toBe('Next step due');
  });

  test('declining the new column still saves the mapping and leaves the sheet as it was', () => {
    const g = createAppsScriptGlobals({ spreadsheet: withoutUpdated(), now: FIXTURE_NOW });
    const fns = loadBundle(CODE, g);
    const sheet = g.SpreadsheetApp.getActive().getSheetByName('Pipeline') as Sheet;
    g.ui.answerAlerts('YES', 'NO', 'OK');
    fns.setUpSheet();
    expect(sheet.getLastColumn()).toBe(8);
    expect(saved(g).sheetName).toBe('Pipeline');
  });

  test('a protected sheet: the column is not inserted, a message says why, nothing saved', () => {
    const f = withoutUpdated();
    f.sheets[0].protections = [{ range: 'A1:A5', description: 'Locked' }];
    const g = createAppsScriptGlobals({
      spreadsheet: f,
      now: FIXTURE_NOW,
      user: { email: 'rep@example.com', canEdit: false },
    });
    const fns = loadBundle(CODE, g);
    const sheet = g.SpreadsheetApp.getActive().getSheetByName('Pipeline') as Sheet;
    g.ui.answerAlerts('YES', 'YES');
    fns.setUpSheet();
    expect(sheet.getLastColumn()).toBe(8);
    expect(g.ui.alerts.at(-1)?.prompt).toMatch(/protected cells.*Nothing was changed/);
    expect(g.PropertiesService.getDocumentProperties().getProperty('nst.settings')).toBeNull();
  });

  /** A "Deals" sheet whose headers name no next-step column. */
  function dealsWithoutNextStep(authMode: 'FULL' | 'LIMITED' = 'FULL'): {
    g: ReturnType<typeof createAppsScriptGlobals>;
    fns: ReturnType<typeof loadBundle>;
  } {
    const g = createAppsScriptGlobals({
      spreadsheet: {
        sheets: [
          {
            name: 'Deals',
            values: [
              ['Deal', 'Notes'],
              ['A', 'x'],
            ],
          },
        ],
      },
      now: FIXTURE_NOW,
      authMode,
    });
    return { g, fns: loadBundle(CODE, g) };
  }

  test('no next-step column: the column picker opens (the choice is saved from it, see setup-picker.test.ts)', () => {
    const { g, fns } = dealsWithoutNextStep();
    fns.setUpSheet();
    expect(g.ui.prompts).toHaveLength(0);
    expect(g.ui.dialogs.map((d) => d.title)).toEqual(['Next Step Tracker: choose your columns']);
    expect(g.ui.dialogs[0].html).toMatch(
      /Add a new &quot;Next step&quot; column|Add a new "Next step" column/,
    );
    // Nothing is saved until the picker's Save.
    expect(g.PropertiesService.getDocumentProperties().getProperty('nst.settings')).toBeNull();
  });

  test('where no dialog can open, it asks for the header by name; a typed header is used', () => {
    const g = createAppsScriptGlobals({
      spreadsheet: {
        sheets: [
          {
            name: 'Deals',
            values: [
              ['Deal', 'What we do next', 'Last updated'],
              ['A', 'x', ''],
            ],
          },
        ],
      },
      now: FIXTURE_NOW,
      authMode: 'LIMITED', // Ui.showModalDialog needs FULL: the prompt is the fallback
    });
    const fns = loadBundle(CODE, g);
    g.ui.answerPrompts({ text: 'What we do next' });
    g.ui.answerAlerts('YES', 'OK');
    fns.setUpSheet();
    expect(g.ui.prompts[0].prompt).toMatch(/No column of "Deals" has a next-step header such as "Next step"/);
    expect(g.ui.prompts[0].prompt).not.toMatch(/Set up this sheet/);
    expect((saved(g).columns as Record<string, string>).nextStep).toBe('What we do next');
    expect((saved(g).columns as Record<string, string>).nextStepUpdated).toBe('Last updated');
  });

  test('the fallback prompt: Cancel saves nothing, no error', () => {
    const { g, fns } = dealsWithoutNextStep('LIMITED');
    g.ui.answerPrompts({ text: '', button: 'CANCEL' });
    expect(() => fns.setUpSheet()).not.toThrow();
    expect(g.PropertiesService.getDocumentProperties().getProperty('nst.settings')).toBeNull();
  });

  test('the fallback prompt: a typed header that does not exist gets a clear message', () => {
    const { g, fns } = dealsWithoutNextStep('LIMITED');
    g.ui.answerPrompts({ text: 'Nope' });
    fns.setUpSheet();
    expect(g.ui.alerts.at(-1)?.prompt).toBe(
      'No column headed "Nope" was found in "Deals". Nothing was saved.',
    );
  });

  test('with highlights on, adding the updated column re-applies them: the helper reads the new column', () => {
    const g = createAppsScriptGlobals({ spreadsheet: withoutUpdated(), now: FIXTURE_NOW });
    const fns = loadBundle(CODE, g);
    fns.turnHighlightsOn();
    const helperFormula = (): string => {
      const sheet = g.spreadsheet.sheets[0];
      const found = [...sheet.formulas.entries()].find(([, , f]) => f.includes('NEXTSTEP_FACTS('));
      return found ? found[2] : '';
    };
    expect(helperFormula()).toMatch(/NEXTSTEP_FACTS\(/);
    expect(helperFormula()).not.toContain('nextStepUpdated=');
    g.ui.answerAlerts('YES', 'YES', 'OK');
    fns.setUpSheet();
    // Re-applied for the new mapping: the stale facts now come from the added column.
    expect(helperFormula()).toMatch(/nextStepUpdated=\d+/);
    expect(
      g.spreadsheet.sheets[0].conditionalFormats
        .map((r) => r.criteria.type === 'CUSTOM_FORMULA' && r.criteria.formula)
        .filter((f) => typeof f === 'string' && f.includes(':stale-')),
    ).toHaveLength(2);
  });
});

describe('Help', () => {
  test('a dialog with the colour legend, the same as the sidebar', () => {
    const h = harness();
    h.fns.showHelp();
    const dialog = h.g.ui.dialogs.at(-1);
    expect(dialog?.title).toBe('Next Step Tracker: help');
    for (const e of HIGHLIGHT_LEGEND) {
      expect(dialog?.html).toContain(`background:${e.color}`);
      expect(dialog?.html).toContain(e.label);
    }
    expect(dialog?.html).not.toMatch(/<script/i);
  });

  test('where a dialog cannot open, an alert carries the same legend', () => {
    const h = harness({ authMode: 'LIMITED' });
    h.fns.showHelp();
    const alert = h.g.ui.alerts.at(-1);
    for (const e of HIGHLIGHT_LEGEND) expect(alert?.prompt).toContain(`${e.colorName} — ${e.label}`);
  });
});
