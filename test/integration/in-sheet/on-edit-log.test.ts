/**
 * onEdit writes the next-step log: one row per edited deal, in one block, keyed by deal; a due date
 * changed alone is a `moved`. Its call cost does not grow with the sheet or the paste.
 */
import { createAppsScriptGlobals, loadBundle } from '../../../dev/emulator';
import { bigPipeline, CODE, FIXTURE_NOW, harness, sheetsEditEvent } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const LOG = 'Next Step Tracker log';

function logRows(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string[][] {
  const sheet = ss.getSheetByName(LOG);
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet.getRange(2, 1, sheet.getLastRow() - 1, 8).getValues() as string[][];
}

describe('next-step log from onEdit', () => {
  test('typing a next step logs a `set` for that deal; editing only its due date logs a `moved`', () => {
    const h = harness();
    const sheet = h.ss.getSheetByName('Pipeline') as Sheet;
    const cell = sheet.getRange('G10');
    cell.setValue('Pricing call with the CFO on 20/03');
    h.fns.onEdit(sheetsEditEvent(cell, { value: 'Pricing call with the CFO on 20/03', oldValue: 'x' }));
    const due = sheet.getRange('H10');
    due.setValue(new Date('2026-03-27T00:00:00Z'));
    h.fns.onEdit(sheetsEditEvent(due));
    const rows = logRows(h.ss);
    expect(rows.map((r) => [r[4], r[5], r[6]])).toEqual([
      ['set', 'Pricing call with the CFO on 20/03', '2026-03-20'],
      ['moved', 'Pricing call with the CFO on 20/03', '2026-03-27'],
    ]);
    const deal = String(sheet.getRange('A10').getValue());
    expect(rows[0][2]).toBe(deal);
    expect(rows[0][1]).toMatch(/^da:/);
    expect(rows[0][0]).toBe(FIXTURE_NOW.toISOString());
  });

  test('cleared steps and edits outside the step and due columns are not logged', () => {
    const h = harness();
    const sheet = h.ss.getSheetByName('Pipeline') as Sheet;
    const cell = sheet.getRange('G20');
    cell.clearContent();
    h.fns.onEdit(sheetsEditEvent(cell));
    const amount = sheet.getRange('E20');
    amount.setValue(1);
    h.fns.onEdit(sheetsEditEvent(amount));
    expect(logRows(h.ss)).toEqual([]);
  });

  test('a 500-row paste is one log block, and the cost is the same on 600 and 2,000 rows', () => {
    const measure = (size: number, start: number): { total: number; setValues: number; rows: number } => {
      const g = createAppsScriptGlobals({ spreadsheet: bigPipeline(size), now: FIXTURE_NOW });
      const fns = loadBundle(CODE, g);
      const sheet = g.SpreadsheetApp.getActive().getSheetByName('Pipeline') as Sheet;
      const pasted = sheet.getRange(start, 3, 500, 1);
      pasted.setValues(Array.from({ length: 500 }, (_, i) => [`Send proposal v${i} to Jane by Fri`]));
      fns.onEdit(sheetsEditEvent(pasted)); // creates the log
      g.ledger.reset();
      fns.onEdit(sheetsEditEvent(pasted));
      return {
        total: g.ledger.total(),
        setValues: g.ledger.count('Range.setValues'),
        rows: logRows(g.SpreadsheetApp.getActive()).length,
      };
    };
    const small = measure(600, 52);
    const big = measure(2_000, 702);
    // Two pastes of 500 rows; closed deals and rows without a deal name are not logged.
    expect(small.rows).toBeGreaterThan(800);
    expect(big.rows).toBeGreaterThan(800);
    expect(small.setValues).toBe(2); // the stamp, the log block
    expect(big.total).toBe(small.total);
    // measured 29: 9 for the stamp (settings read, kept-cell check: issue 16), 20 for the log
    expect(big.total).toBeLessThanOrEqual(29);
  });
});
