/**
 * A step composed in the sidebar with a date in its text: the date goes into the empty due column
 * (never over the user's own), and the cell turns red once the clock passes it, with no script run.
 */
import { cellColours } from '../../../dev/emulator';
import { legendEntry } from '../../../src/core/highlights/legend';
import type { SelectionContext, WriteNextStepResult } from '../../../src/core/rpc-contract';
import { NOW, setup } from '../sidebar/helpers';

const DAY = 86_400_000;
const RED = legendEntry('overdue').color;
const text = 'Pricing call with Jane (CFO) Fri 20 Mar';

function compose(row: number, now: { t: Date }) {
  const h = setup({ now: () => now.t });
  h.select(`G${row}`);
  const before = h.call<SelectionContext>('getSelectionContext').row!;
  const result = h.call<WriteNextStepResult>('writeNextStep', {
    sheetName: 'Pipeline',
    row,
    text,
    expected: before.nextStep,
    dealKey: before.dealKey,
  });
  return { h, result };
}

describe('compose writes the date it read into the due column', () => {
  test('an empty due cell gets the date (midnight, the sheet zone); the result says so', () => {
    const now = { t: NOW };
    const { h, result } = compose(4, now); // row 4: due cell empty in the fixture
    expect(result.dueWritten).toBe('2026-03-20');
    const due = h.sheet().getRange('H4').getValue() as Date;
    expect(due.toISOString()).toBe('2026-03-20T00:00:00.000Z'); // London is on GMT in March before the 29th
    expect(result.row.due).toBe('2026-03-20');
  });

  test("the user's own due date, or any text in the due cell, is never overwritten", () => {
    const now = { t: NOW };
    const h = setup({ now: () => now.t });
    const sheet = h.sheet();
    sheet.getRange('H4').setValue(new Date('2026-04-02T00:00:00Z'));
    sheet.getRange('H5').setValue('tbc');
    for (const row of [4, 5]) {
      h.select(`G${row}`);
      const before = h.call<SelectionContext>('getSelectionContext').row!;
      const result = h.call<WriteNextStepResult>('writeNextStep', {
        sheetName: 'Pipeline',
        row,
        text,
        expected: before.nextStep,
        dealKey: before.dealKey,
      });
      expect(result.dueWritten).toBeUndefined();
    }
    expect((sheet.getRange('H4').getValue() as Date).toISOString()).toBe('2026-04-02T00:00:00.000Z');
    expect(sheet.getRange('H5').getValue()).toBe('tbc');
  });

  test('with highlights on, the composed step turns red once today passes 20 Mar, with no script run', () => {
    const now = { t: NOW };
    const { h } = compose(4, now);
    h.fns.turnHighlightsOn();
    const sheet = h.sheet();
    const colourOn = (t: Date): string | undefined => cellColours(sheet, { now: t }).G4;
    expect(colourOn(NOW)).not.toBe(RED);
    expect(colourOn(new Date(Date.UTC(2026, 2, 20, 12)))).not.toBe(RED); // due today
    expect(colourOn(new Date(Date.UTC(2026, 2, 21, 9)))).toBe(RED);
    expect(colourOn(new Date(NOW.getTime() + 20 * DAY))).toBe(RED);
  });

  test('even without a due column in the sheet, the date in the text alone turns the cell red', () => {
    const now = { t: NOW };
    const h = setup({ now: () => now.t });
    h.sheet().deleteColumn(8); // "Next step due"
    h.select('G4');
    const before = h.call<SelectionContext>('getSelectionContext').row!;
    const result = h.call<WriteNextStepResult>('writeNextStep', {
      sheetName: 'Pipeline',
      row: 4,
      text,
      expected: before.nextStep,
      dealKey: before.dealKey,
    });
    expect(result.dueWritten).toBeUndefined();
    h.fns.turnHighlightsOn();
    expect(cellColours(h.sheet(), { now: NOW }).G4).not.toBe(RED);
    expect(cellColours(h.sheet(), { now: new Date(Date.UTC(2026, 2, 21, 9)) }).G4).toBe(RED);
  });
});
