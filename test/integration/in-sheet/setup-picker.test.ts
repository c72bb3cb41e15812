/**
 * Setup's column picker through the built bundle: when it opens, what it shows (a dropdown per role
 * over the sheet's headers, three rows of each), and saving from it (saveSetupChoice), including the
 * add-a-"Next step"-column path.
 */
import { createAppsScriptGlobals, loadBundle, type FixtureValue } from '../../../dev/emulator';
import { CODE, FIXTURE_NOW } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function setup(values: FixtureValue[][], extra: Record<string, unknown> = {}) {
  const g = createAppsScriptGlobals({
    spreadsheet: { sheets: [{ name: 'Deals', values, ...extra }] },
    now: FIXTURE_NOW,
  });
  const fns = loadBundle(CODE, g);
  const sheet = g.SpreadsheetApp.getActive().getSheetByName('Deals') as Sheet;
  return { g, fns, sheet };
}

function saved(g: ReturnType<typeof setup>['g']): Record<string, unknown> {
  return JSON.parse(g.PropertiesService.getDocumentProperties().getProperty('nst.settings') ?? 'null');
}

/** The picker's embedded data and each select's preselected value, read from its HTML. */
function picker(html: string) {
  const model = JSON.parse(/var MODEL=(\{.*?\});\n?\(function/s.exec(html)?.[1] ?? 'null') as {
    sheetName: string;
    headerRow: number;
    headers: string[];
    preview: string[][];
  };
  const selected: Record<string, string> = {};
  for (const m of html.matchAll(/<select id="r-(\w+)"[^>]*>(.*?)<\/select>/g)) {
    selected[m[1]] = /<option value="([^"]*)" selected>/.exec(m[2])?.[1] ?? '';
  }
  return { model, selected };
}

const NO_STEP: FixtureValue[][] = [
  ['Deal', 'Stage', 'Value (USD)', 'Plan', 'Owner'],
  ['Acme', 'Demo', 1200, 'Pricing call with Jane on 20/03', 'Ann'],
  ['', '', '', '', ''],
  ['Globex', 'Proposal', 900, 'Send MSA to the CFO', 'Bo'],
  ['Initech', 'Demo', 300, 'Follow up', 'Cy'],
  ['Hooli', 'Demo', 100, 'Intro', 'Di'],
];

describe('the column picker', () => {
  test('no next-step column: a dropdown per role over the headers, three data rows, "add" preselected', () => {
    const { g, fns } = setup(NO_STEP);
    fns.setUpSheet();
    expect(g.ui.dialogs).toHaveLength(1);
    const { html, modal, title } = g.ui.dialogs[0];
    expect([title, modal]).toEqual(['Next Step Tracker: choose your columns', true]);
    const { model, selected } = picker(html);
    expect(model.headers).toEqual(['Deal', 'Stage', 'Value (USD)', 'Plan', 'Owner']);
    expect(model.headerRow).toBe(1);
    // Three non-empty data rows (the blank row is skipped).
    expect(model.preview.map((r) => r[0])).toEqual(['Acme', 'Globex', 'Initech']);
    expect(selected).toMatchObject({
      nextStep: 'add',
      nextStepUpdated: 'add',
      deal: '0',
      stage: '1',
      amount: '2',
      owner: '4',
      nextStepDue: '',
    });
    expect(html).toContain('Add a new &quot;Next step&quot; column');
  });

  test('picking an existing column saves its header text; nothing is inserted', () => {
    const { g, fns, sheet } = setup(NO_STEP);
    fns.setUpSheet();
    const { model } = picker(g.ui.dialogs[0].html);
    const r = fns.saveSetupChoice({
      ...model,
      columns: { nextStep: 3, deal: 0, stage: 1, amount: 2, owner: 4 },
    }) as {
      message: string;
    };
    expect(r.message).toMatch(/Saved the columns of "Deals"/);
    expect(sheet.getLastColumn()).toBe(5);
    expect(saved(g)).toEqual({
      sheetName: 'Deals',
      headerRow: 1,
      columns: { nextStep: 'Plan', deal: 'Deal', stage: 'Stage', amount: 'Value (USD)', owner: 'Owner' },
    });
  });

  test('adding a "Next step" column: appended after the table, nothing moves; the updated column after it', () => {
    const { g, fns, sheet } = setup(NO_STEP);
    const before = sheet.getRange(1, 1, 6, 5).getValues();
    fns.setUpSheet();
    const { model } = picker(g.ui.dialogs[0].html);
    const r = fns.saveSetupChoice({
      ...model,
      columns: { nextStep: 'add', nextStepUpdated: 'add', deal: 0, stage: 1 },
    }) as { message: string };
    expect(sheet.getRange(1, 1, 6, 5).getValues()).toEqual(before);
    expect(sheet.getRange(1, 6, 1, 2).getValues()).toEqual([['Next step', 'Next step updated']]);
    expect(r.message).toMatch(/Added "Next step" \(column F\) and "Next step updated" \(column G\)/);
    expect(saved(g)).toMatchObject({
      columns: { nextStep: 'Next step', nextStepUpdated: 'Next step updated', deal: 'Deal', stage: 'Stage' },
    });
    // The table now reads: the sidebar and the review find the new next-step column.
    g.ui.answerAlerts('YES', 'OK');
    fns.setUpSheet();
    expect(g.ui.alerts[0].prompt).toMatch(/Next step: "Next step" \(column F\)/);
  });

  test('the same role named twice: the picker opens at once', () => {
    const { g, fns } = setup([
      ['Deal', 'Next step', 'Next Step', 'Stage'],
      ['Acme', 'Call Jane Fri', 'old', 'Demo'],
    ]);
    fns.setUpSheet();
    expect(g.ui.alerts).toHaveLength(0);
    expect(picker(g.ui.dialogs[0].html).selected.nextStep).toBe('1');
    expect(g.ui.dialogs[0].html).toMatch(/Duplicate nextStep headers/);
  });

  test('refusals: headers changed meanwhile, one column for two roles, no next step; nothing saved', () => {
    const { g, fns, sheet } = setup(NO_STEP);
    fns.setUpSheet();
    const { model } = picker(g.ui.dialogs[0].html);
    expect(() => fns.saveSetupChoice({ ...model, columns: { nextStep: 3, deal: 3 } })).toThrow(/two roles/);
    expect(() => fns.saveSetupChoice({ ...model, columns: { deal: 0 } })).toThrow(
      /next-step column is required/,
    );
    expect(() => fns.saveSetupChoice({ ...model, columns: { nextStep: 99 } })).toThrow(
      /not one of the sheet's columns/,
    );
    expect(() => fns.saveSetupChoice({ ...model, columns: { constructor: 1, nextStep: 3 } })).toThrow(
      /"constructor" is not a column role/,
    );
    expect(() => fns.saveSetupChoice(null)).toThrow(/sent nothing/);
    sheet.getRange('D1').setValue('Plan (renamed)');
    expect(() => fns.saveSetupChoice({ ...model, columns: { nextStep: 3 } })).toThrow(
      /headers in row 1 of "Deals" changed while the picker was open/,
    );
    expect(saved(g)).toBeNull();
    expect(sheet.getLastColumn()).toBe(5);
  });

  test('hostile header and cell text is escaped in the dialog and inert in its data', () => {
    const { g, fns } = setup([
      ['Deal', '<img src=x onerror=alert(1)>', 'Stage'],
      ['</script><script>alert(2)</script>', '=HYPERLINK("http://x","y")', 'Demo'],
    ]);
    fns.setUpSheet();
    const { html } = g.ui.dialogs[0];
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('</script><script>alert(2)');
    expect(picker(html).model.preview[0][0]).toBe('</script><script>alert(2)</script>');
  });
});
