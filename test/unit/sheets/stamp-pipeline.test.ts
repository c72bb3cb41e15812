import { createAppsScriptGlobals } from '../../../dev/emulator';
import { normalizeRows, stampRows } from '../../../src/sheets/stamp';
import { locateTable, PipelineError, readPipeline, readTableLayout } from '../../../src/sheets/pipeline';
import { defaultConfig } from '../../../src/core/config';
import { editBox, parseA1Box } from '../../../src/sheets/edited-table';
import { planStamp } from '../../../src/addon/on-edit';
import { isUserError } from '../../../src/core/user-error';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const WHEN = new Date('2026-03-11T10:30:00Z');

function sheetWith(values: unknown[][], extra: Record<string, unknown> = {}) {
  const g = createAppsScriptGlobals({
    spreadsheet: { sheets: [{ name: 'P', values: values as never, ...extra }] },
  });
  return {
    g,
    sheet: g.SpreadsheetApp.getActive().getSheetByName('P') as Sheet,
    ss: g.SpreadsheetApp.getActive(),
  };
}

describe('stampRows', () => {
  const header = ['Deal', 'Next step', 'Updated'];
  test('a contiguous block: one getRange + one setValues, exactly those rows', () => {
    const { g, sheet } = sheetWith([header, ['a', 'x', ''], ['b', 'y', ''], ['c', 'z', ''], ['d', 'w', '']]);
    g.ledger.reset();
    expect(
      stampRows(sheet, { mapping: { nextStep: 1, nextStepUpdated: 2 }, firstDataRow: 2 }, [3, 4], WHEN),
    ).toBe(2);
    expect(g.ledger.entries()).toEqual(['Sheet.getRange', 'Range.setValues']);
    expect(
      sheet
        .getRange('C2:C5')
        .getValues()
        .map((r) => (r[0] instanceof Date ? 'stamp' : r[0])),
    ).toEqual(['', 'stamp', 'stamp', '']);
  });

  test('scattered rows: one write, rows in between rewritten as they were (formulas kept)', () => {
    const { sheet } = sheetWith([header, ['a', 'x', ''], ['b', 'y', 'kept'], ['c', 'z', '']], {
      formulas: { C3: '=A3&"!"' },
    });
    const values = sheet.getRange(1, 1, 4, 3).getValues();
    stampRows(
      sheet,
      { mapping: { nextStep: 1, nextStepUpdated: 2 }, firstDataRow: 2, rows: values.slice(1) },
      [4, 2],
      WHEN,
    );
    expect(sheet.getRange('C3').getFormula()).toBe('=A3&"!"');
    expect(sheet.getRange('C2').getValue()).toEqual(WHEN);
    expect(sheet.getRange('C4').getValue()).toEqual(WHEN);
  });

  test('no updated column, no rows, rows above the table: nothing written', () => {
    const { g, sheet } = sheetWith([header, ['a', 'x', '']]);
    g.ledger.reset();
    expect(stampRows(sheet, { mapping: { nextStep: 1 }, firstDataRow: 2 }, [2], WHEN)).toBe(0);
    expect(
      stampRows(
        sheet,
        { mapping: { nextStep: 1, nextStepUpdated: 2 }, firstDataRow: 2 },
        [1, 0, -3, 2.5],
        WHEN,
      ),
    ).toBe(0);
    expect(g.ledger.total()).toBe(0);
    expect(normalizeRows([5, 3, 5, 1, 4], 2)).toEqual([3, 4, 5]);
  });

  test('a refused write becomes a UserError and writes nothing', () => {
    const g = createAppsScriptGlobals({
      spreadsheet: {
        sheets: [{ name: 'P', values: [header, ['a', 'x', '']] as never, protections: [{ range: 'C1:C9' }] }],
      },
      user: { email: 'x@example.com', canEdit: false },
    });
    const sheet = g.SpreadsheetApp.getActive().getSheetByName('P') as Sheet;
    let error: unknown;
    try {
      stampRows(sheet, { mapping: { nextStep: 1, nextStepUpdated: 2 }, firstDataRow: 2 }, [2], WHEN);
    } catch (e) {
      error = e;
    }
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toMatch(/Nothing was written/);
    expect(sheet.getRange('C2').getValue()).toBe('');
  });
});

describe('readPipeline / readTableLayout', () => {
  const grid = [
    ['Q1 pipeline'],
    ['Deal', 'Stage', 'Next steps', 'Last activity'],
    ['A', 'Open', 'x', ''],
    ['B', 'Won', 'y', ''],
  ];

  test('one getValues for the whole table; header below a title row', () => {
    const { g, ss } = sheetWith(grid);
    g.ledger.reset();
    const t = readPipeline(ss, {}, defaultConfig());
    expect(g.ledger.count('Range.getValues')).toBe(1);
    expect(t.headerRow).toBe(2);
    expect(t.firstDataRow).toBe(3);
    expect(t.rows).toHaveLength(2);
    expect(t.mapping).toMatchObject({ deal: 0, stage: 1, nextStep: 2, nextStepUpdated: 3 });
  });

  test('the layout reads only the header area', () => {
    const rows = [grid[1], ...Array.from({ length: 5000 }, (_, i) => [`D${i}`, 'Open', 'x', ''])];
    const { g, ss } = sheetWith(rows, { maxRows: 5001 });
    g.ledger.reset();
    const layout = readTableLayout(ss, {}, defaultConfig());
    expect(layout.scannedRows).toBe(20);
    expect(layout.lastRow).toBe(5001);
  });

  test('a header row moved since setup is found again and reported', () => {
    const located = locateTable(grid as never, { headerRow: 1 }, 'P');
    expect(located.headerRowIndex).toBe(1);
    expect(located.problems.join(' ')).toMatch(/moved from row 1 to row 2/);
  });

  test('a renamed column saved in setup falls back to detection, with a problem', () => {
    const located = locateTable(grid as never, { columns: { nextStep: 'Old name' } }, 'P');
    expect(located.mapping.nextStep).toBe(2);
  });

  test('no next-step column: PipelineError naming the headers looked for', () => {
    expect(() => locateTable([['Deal', 'Notes']], {}, 'P')).toThrow(PipelineError);
    expect(() => locateTable([['Deal', 'Notes']], {}, 'P')).toThrow(
      /Looked for a header such as "Next step", "Next steps"/,
    );
    const { ss } = sheetWith([]);
    expect(() => readPipeline(ss, {}, defaultConfig())).toThrow(/"P" is empty/);
  });

  test('a saved sheet that is gone: the active sheet, with a problem', () => {
    const { ss } = sheetWith(grid);
    const t = readPipeline(ss, { sheetName: 'Deleted' }, defaultConfig());
    expect(t.problems[0]).toMatch(/"Deleted" chosen in setup was not found/);
  });
});

describe('onEdit helpers', () => {
  test.each([
    ['G5', { rowStart: 5, rowEnd: 5, columnStart: 7, columnEnd: 7 }],
    ['B3:D10', { rowStart: 3, rowEnd: 10, columnStart: 2, columnEnd: 4 }],
    ["'My sheet'!$A$1:$B$2", { rowStart: 1, rowEnd: 2, columnStart: 1, columnEnd: 2 }],
    ['3:5', { rowStart: 3, rowEnd: 5, columnStart: 1, columnEnd: 18278 }],
  ])('parseA1Box(%s)', (a1, box) => {
    expect(parseA1Box(a1)).toEqual(box);
  });

  test.each(['', 'hello', 'B3:A1', 'A0'])('parseA1Box rejects %p', (a1) => {
    expect(parseA1Box(a1)).toBeUndefined();
  });

  test('editBox prefers the event fields and falls back to getA1Notation', () => {
    const withFields = { rowStart: 2, rowEnd: 4, columnStart: 3, columnEnd: 3, getA1Notation: () => 'Z9' };
    expect(editBox(withFields as never)).toEqual({ rowStart: 2, rowEnd: 4, columnStart: 3, columnEnd: 3 });
    expect(editBox({ rowStart: 'x', getA1Notation: () => 'C2:C4' } as never)).toEqual({
      rowStart: 2,
      rowEnd: 4,
      columnStart: 3,
      columnEnd: 3,
    });
  });

  test('planStamp: only data rows of the next-step column, never when the updated column was edited too', () => {
    const mapping = { nextStep: 6, nextStepUpdated: 8 };
    expect(planStamp({ rowStart: 3, rowEnd: 5, columnStart: 7, columnEnd: 7 }, 2, mapping)?.rows).toEqual([
      3, 4, 5,
    ]);
    expect(planStamp({ rowStart: 1, rowEnd: 3, columnStart: 7, columnEnd: 7 }, 2, mapping)?.rows).toEqual([
      3,
    ]);
    expect(planStamp({ rowStart: 3, rowEnd: 5, columnStart: 1, columnEnd: 9 }, 2, mapping)).toBeUndefined();
    expect(planStamp({ rowStart: 3, rowEnd: 5, columnStart: 8, columnEnd: 8 }, 2, mapping)).toBeUndefined();
    expect(planStamp({ rowStart: 1, rowEnd: 2, columnStart: 7, columnEnd: 7 }, 2, mapping)).toBeUndefined();
    expect(
      planStamp({ rowStart: 3, rowEnd: 3, columnStart: 7, columnEnd: 7 }, 2, { nextStep: 6 }),
    ).toBeUndefined();
  });
});
