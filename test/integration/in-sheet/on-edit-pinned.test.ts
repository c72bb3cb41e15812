/**
 * onEdit after setup, through the built bundle: only the chosen pipeline sheet is stamped, and in it a
 * formula or a value the user typed in the updated column is kept and reported (toast + sidebar note).
 */
import { createAppsScriptGlobals, loadBundle, type FixtureValue } from '../../../dev/emulator';
import { CODE, FIXTURE_NOW, sheetsEditEvent } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function isStamp(v: unknown): boolean {
  return (
    Object.prototype.toString.call(v) === '[object Date]' && (v as Date).getTime() === FIXTURE_NOW.getTime()
  );
}

function workbook() {
  const contactsRows: FixtureValue[][] = [
    ['Name', 'Company', 'Action', 'Last contacted'],
    ['Jane Roe', 'Acme', 'Call back', ''],
    ['Tom Lee', 'Globex', 'Intro email', { $date: '2026-03-02T00:00:00.000Z' }],
    ['Ann Kay', 'Initech', 'Lunch', ''],
  ];
  const g = createAppsScriptGlobals({
    spreadsheet: {
      timeZone: 'Europe/London',
      sheets: [
        {
          name: 'Pipeline',
          values: [
            ['Deal', 'Stage', 'Next step', 'Next step updated'],
            ['Acme', 'Demo', 'Send deck', ''],
            ['Globex', 'Proposal', 'Call CFO', { $date: '2026-03-01T10:00:00.000Z' }],
            ['Initech', 'Proposal', 'Pricing', 'see CRM'],
            ['Hooli', 'Demo', 'Demo', ''],
            ['Stark', 'Demo', 'Demo', ''],
          ],
          formulas: { D5: '=TODAY()-3' },
        },
        {
          name: 'Contacts',
          values: contactsRows,
          formulas: { D2: '=TODAY()-1', D4: '=MAX(B2:B3)' },
        },
      ],
    },
    now: FIXTURE_NOW,
  });
  g.PropertiesService.getDocumentProperties().setProperties({
    'nst.settings': JSON.stringify({ sheetName: 'Pipeline', headerRow: 1 }),
  });
  const fns = loadBundle(CODE, g);
  const ss = g.SpreadsheetApp.getActive();
  return { g, fns, ss };
}

describe('onEdit after setup', () => {
  test('an edit on a non-pipeline sheet changes nothing, even when its headers look like a pipeline', () => {
    const { g, fns, ss } = workbook();
    const contacts = ss.getSheetByName('Contacts') as Sheet;
    const box = contacts.getRange('A1:D4');
    const before = { values: box.getValues(), formulas: box.getFormulas() };
    g.ledger.reset();
    contacts.getRange('C2:C4').setValues([['Call Fri'], ['Send pricing'], ['Demo']]);
    const event = sheetsEditEvent(contacts.getRange('C2:C4'));
    g.ledger.reset();
    fns.onEdit(event);
    const calls = g.ledger.snapshot();
    expect(box.getFormulas()).toEqual(before.formulas);
    expect(box.getValues().map((r) => r[3])).toEqual(before.values.map((r) => r[3]));
    // Cheap: the sheet, the settings and its name; no header read, no write.
    expect(calls).toEqual({
      'Range.getSheet': 1,
      'PropertiesService.getDocumentProperties': 1,
      'Properties.getProperties': 1,
      'Sheet.getName': 1,
    });
    expect(g.ui.toasts).toHaveLength(0);
  });

  test('on the pipeline sheet: blanks and earlier dates are stamped; a formula and typed text are kept and reported', () => {
    const { g, fns, ss } = workbook();
    const sheet = ss.getSheetByName('Pipeline') as Sheet;
    fns.onEdit(sheetsEditEvent(sheet.getRange('C2:C6')));
    const d = sheet.getRange('D2:D6');
    const values = d.getValues().map((r) => r[0]);
    expect(isStamp(values[0])).toBe(true); // blank
    expect(isStamp(values[1])).toBe(true); // an earlier updated time
    expect(values[2]).toBe('see CRM'); // typed text: kept
    expect(d.getFormulas()[3][0]).toBe('=TODAY()-3'); // a formula: kept
    expect(isStamp(values[4])).toBe(true);
    expect(g.ui.toasts).toHaveLength(1);
    expect(g.ui.toasts[0].message).toMatch(/Kept 2 "Next step updated" cells on "Pipeline" \(D4, D5\)/);
    const note = JSON.parse(
      g.PropertiesService.getDocumentProperties().getProperty('nst.stampNotice') ?? '{}',
    );
    expect(note).toMatchObject({ sheet: 'Pipeline', cells: ['D4', 'D5'], count: 2 });
    // The sidebar's poll carries it to the rep view.
    const sel = fns.getSelectionContext() as { stampNotice?: string };
    expect(sel.stampNotice).toMatch(
      /Kept 2 "Next step updated" cells on "Pipeline" \(D4, D5\).*Clear the cell/,
    );
  });

  test('the budget stays flat: the same calls for 2 rows as for 2,000, plus one write per run', () => {
    const calls: number[] = [];
    for (const n of [2, 2000]) {
      const g = createAppsScriptGlobals({
        spreadsheet: {
          sheets: [
            {
              name: 'Pipeline',
              values: [
                ['Deal', 'Next step', 'Next step updated'],
                ...Array.from({ length: n }, (_, i) => [`D${i}`, 'x', '']),
              ],
            },
          ],
        },
        now: FIXTURE_NOW,
      });
      g.PropertiesService.getDocumentProperties().setProperties({
        'nst.settings': JSON.stringify({ sheetName: 'Pipeline', headerRow: 1 }),
      });
      const fns = loadBundle(CODE, g);
      const sheet = g.SpreadsheetApp.getActive().getSheetByName('Pipeline') as Sheet;
      fns.onEdit(sheetsEditEvent(sheet.getRange(2, 2, 1, 1))); // creates the next-step log
      g.ledger.reset();
      fns.onEdit(sheetsEditEvent(sheet.getRange(2, 2, n, 1)));
      expect(
        sheet
          .getRange(2, 3, n, 1)
          .getValues()
          .every((r) => isStamp(r[0])),
      ).toBe(true);
      calls.push(g.ledger.total());
    }
    expect(calls[1]).toBe(calls[0]);
  });
});
