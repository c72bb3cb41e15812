/**
 * Auto-stamp through the built bundle: onEdit writes the time into "Next step updated" for exactly
 * the edited next-step rows, in one write, within the call budget, and never throws.
 */
import { createAppsScriptGlobals, loadBundle, makeEditEvent } from '../../../dev/emulator';
import { bigPipeline, CODE, FIXTURE_NOW, harness, sheetsEditEvent } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function pipeline(h: ReturnType<typeof harness>): Sheet {
  return h.ss.getSheetByName('Pipeline') as Sheet;
}

/** Column I (9) holds "Next step updated" in the fixture; G (7) the next step. */
function stamps(sheet: Sheet, from: number, to: number): unknown[] {
  return sheet
    .getRange(from, 9, to - from + 1, 1)
    .getValues()
    .map((r) => r[0]);
}

/** The emulator's loader makes the bundle's clock the emulator's "now": a stamp is exactly that instant. */
function isStamp(v: unknown): boolean {
  return (
    Object.prototype.toString.call(v) === '[object Date]' && (v as Date).getTime() === FIXTURE_NOW.getTime()
  );
}

describe('auto-stamp', () => {
  test('typing one next step stamps that row only', () => {
    const h = harness();
    const sheet = pipeline(h);
    const before = stamps(sheet, 3, 202);
    const cell = sheet.getRange('G10');
    cell.setValue('Pricing call with the CFO on 20/03');
    h.fns.onEdit(sheetsEditEvent(cell, { value: 'Pricing call with the CFO on 20/03', oldValue: 'x' }));
    const after = stamps(sheet, 3, 202);
    after.forEach((v, i) => {
      if (i + 3 === 10) expect(isStamp(v)).toBe(true);
      else expect(v).toEqual(before[i]);
    });
  });

  test('a 500-row paste stamps exactly those rows in one write, within 9 calls', () => {
    const g = createAppsScriptGlobals({ spreadsheet: bigPipeline(2_000), now: FIXTURE_NOW });
    const fns = loadBundle(CODE, g);
    const sheet = g.SpreadsheetApp.getActive().getSheetByName('Pipeline') as Sheet;
    const before = sheet.getRange(2, 5, 2_000, 1).getValues();
    const pasted = sheet.getRange(702, 3, 500, 1);
    pasted.setValues(Array.from({ length: 500 }, (_, i) => [`Send proposal v${i} to Jane by Fri`]));
    const event = sheetsEditEvent(pasted);
    g.ledger.reset();
    fns.onEdit(event);
    const calls = g.ledger.snapshot();
    // 9 for the stamp (getSheet; the settings: getDocumentProperties, getProperties; the header area:
    // getRange, getValues; the stamps: getRange, getFormulas, getValues, setValues), plus the next-step
    // log (this first edit creates its sheet; on-edit-log.test.ts measures the log's steady cost).
    expect(g.ledger.total()).toBeLessThanOrEqual(9 + 24);
    expect(calls['Range.setValues']).toBe(3); // the stamps; the log's header and its block
    expect(calls['Range.getValue'] ?? 0).toBe(0);
    expect(calls['Range.setValue'] ?? 0).toBe(0);
    const after = sheet.getRange(2, 5, 2_000, 1).getValues();
    after.forEach(([v], i) => {
      const row = i + 2;
      if (row >= 702 && row <= 1201) expect(isStamp(v)).toBe(true);
      else expect(v).toEqual(before[i][0]);
    });
  });

  test('without the event range fields (older event shape) one more call reads the A1 notation', () => {
    const g = createAppsScriptGlobals({ spreadsheet: bigPipeline(600), now: FIXTURE_NOW });
    const fns = loadBundle(CODE, g);
    const sheet = g.SpreadsheetApp.getActive().getSheetByName('Pipeline') as Sheet;
    const pasted = sheet.getRange(52, 3, 500, 1);
    g.ledger.reset();
    // makeEditEvent's range now carries the fields too: hand the plain range instead.
    fns.onEdit({ ...makeEditEvent(pasted), range: pasted });
    expect(g.ledger.total()).toBeLessThanOrEqual(10 + 24); // + the next-step log, created here
    expect(g.ledger.count('Range.setValues')).toBe(3);
    expect(g.ledger.count('Range.getA1Notation')).toBe(1);
  });

  test('clearing a next step stamps the row (the step was removed just now)', () => {
    const h = harness();
    const sheet = pipeline(h);
    const cell = sheet.getRange('G20');
    cell.clearContent();
    h.fns.onEdit(sheetsEditEvent(cell, { oldValue: 'Follow up' }));
    expect(isStamp(sheet.getRange('I20').getValue())).toBe(true);
  });

  test('edits outside the next-step column, in the header or the title are ignored', () => {
    const h = harness();
    const sheet = pipeline(h);
    const before = stamps(sheet, 3, 202);
    for (const a1 of ['A10', 'H10:H20', 'G2', 'A1', 'G1:G2', 'K50']) {
      h.fns.onEdit(sheetsEditEvent(sheet.getRange(a1)));
    }
    expect(stamps(sheet, 3, 202)).toEqual(before);
  });

  test('an edit that also covers the updated column keeps what the user wrote there', () => {
    const h = harness();
    const sheet = pipeline(h);
    const before = stamps(sheet, 3, 202);
    h.fns.onEdit(sheetsEditEvent(sheet.getRange('A30:I40'))); // a full-row paste or clear
    h.fns.onEdit(sheetsEditEvent(sheet.getRange('30:40')));
    expect(stamps(sheet, 3, 202)).toEqual(before);
  });

  test('an edit that includes the header row is a restructure, not a next-step edit: nothing stamped', () => {
    const h = harness();
    const sheet = pipeline(h);
    const before = stamps(sheet, 3, 202);
    h.fns.onEdit(sheetsEditEvent(sheet.getRange('G2:G5')));
    expect(sheet.getRange('I2').getValue()).toBe('Next step updated');
    expect(stamps(sheet, 3, 202)).toEqual(before);
  });

  test('an edit far below the header (row 150) finds the header in the rows above it', () => {
    const h = harness();
    const sheet = pipeline(h);
    h.fns.onEdit(sheetsEditEvent(sheet.getRange('G150:G151')));
    for (const v of stamps(sheet, 150, 151)) expect(isStamp(v)).toBe(true);
  });

  test('a sheet without an updated column is left alone', () => {
    const g = createAppsScriptGlobals({
      spreadsheet: {
        sheets: [
          {
            name: 'S',
            values: [
              ['Deal', 'Next step', 'Notes'],
              ['A', 'x', 'keep me'],
            ],
          },
        ],
      },
      now: FIXTURE_NOW,
    });
    const fns = loadBundle(CODE, g);
    const sheet = g.SpreadsheetApp.getActive().getSheetByName('S') as Sheet;
    fns.onEdit(sheetsEditEvent(sheet.getRange('B2')));
    expect(sheet.getRange('A2:C2').getValues()).toEqual([['A', 'x', 'keep me']]);
  });

  test('custom header names confirmed in setup are honoured (read from the saved settings)', () => {
    const g = createAppsScriptGlobals({
      spreadsheet: {
        sheets: [
          {
            name: 'Deals',
            values: [
              ['Deal', 'What next', 'Touched'],
              ['A', 'x', ''],
            ],
          },
        ],
      },
      now: FIXTURE_NOW,
    });
    g.PropertiesService.getDocumentProperties().setProperties({
      'nst.settings': JSON.stringify({
        sheetName: 'Deals',
        headerRow: 1,
        columns: { nextStep: 'What next', nextStepUpdated: 'Touched' },
      }),
    });
    const fns = loadBundle(CODE, g);
    const sheet = g.SpreadsheetApp.getActive().getSheetByName('Deals') as Sheet;
    fns.onEdit(sheetsEditEvent(sheet.getRange('B2')));
    expect(isStamp(sheet.getRange('C2').getValue())).toBe(true);
  });

  test('a protected updated column: no throw, nothing written', () => {
    const h = harness({ user: { email: 'rep@example.com', canEdit: false } });
    h.g.spreadsheet.sheets[0].protections.push({
      id: 99,
      type: 'RANGE',
      box: { row: 1, col: 9, rows: 300, cols: 1 },
      description: 'stamps',
      warningOnly: false,
    });
    const sheet = pipeline(h);
    const before = stamps(sheet, 3, 202);
    expect(() => h.fns.onEdit(sheetsEditEvent(sheet.getRange('G3:G9')))).not.toThrow();
    expect(stamps(sheet, 3, 202)).toEqual(before);
    // The write was attempted, refused as a whole, and the refusal logged (no dialog in a simple trigger).
    expect(h.g.logs.some((l) => /auto-stamp skipped.*protected/i.test(l.text))).toBe(true);
    expect(h.g.ui.alerts).toHaveLength(0);
  });

  test('never throws, whatever the event', () => {
    const h = harness();
    const sheet = pipeline(h);
    const shapes: unknown[] = [
      undefined,
      null,
      {},
      { range: null },
      { range: 'G5' },
      { range: {} },
      { range: { rowStart: 'x' } },
      { authMode: 'LIMITED' },
      makeEditEvent(sheet.getRange('G5')),
      makeEditEvent(sheet.getRange('G5:G9')), // no value: a multi-row paste
      makeEditEvent(sheet.getRange('A50:Z60')), // inserted / cleared rows
      sheetsEditEvent(sheet.getRange('G200:G202')),
    ];
    for (const e of shapes) expect(() => h.fns.onEdit(e)).not.toThrow();
  });

  test('merged cells and non-text values in the next-step column are stamped like any edit', () => {
    const h = harness();
    const sheet = pipeline(h);
    sheet.getRange('G30:G32').setValues([[42], [new Date(Date.UTC(2026, 2, 20))], ['#N/A']]);
    h.fns.onEdit(sheetsEditEvent(sheet.getRange('G30:G32')));
    for (const v of stamps(sheet, 30, 32)) expect(isStamp(v)).toBe(true);
  });
});
