import { globals, sheetOf } from './helpers';

describe('Sheet.getRange', () => {
  test('accepts (row, col), (row, col, numRows), (row, col, numRows, numCols) and A1', () => {
    const sheet = sheetOf(globals());
    expect(sheet.getRange(2, 3).getA1Notation()).toBe('C2');
    expect(sheet.getRange(2, 3, 4).getA1Notation()).toBe('C2:C5');
    expect(sheet.getRange(2, 3, 4, 2).getA1Notation()).toBe('C2:D5');
    expect(sheet.getRange('B2:D4').getA1Notation()).toBe('B2:D4');
    expect(sheet.getRange('Sheet1!A1').getA1Notation()).toBe('A1');
  });

  test('throws Sheets messages for bad coordinates', () => {
    const sheet = sheetOf(globals());
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow(
      'The number of columns in the range must be at least 1.',
    );
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
    expect(() => sheet.getRange('Nope!A1')).toThrow('Range not found');
  });
});

describe('Sheet extent', () => {
  test('getLastRow/getLastColumn report the last cell with content; getDataRange spans A1 to it', () => {
    const sheet = sheetOf(globals());
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C5').setValue('x');
    sheet.getRange('B7').setBackground('#ff0000'); // formatting alone is not content
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C5');
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
  });

  test('insertColumnAfter shifts values right and grows the grid', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.insertColumnAfter(1);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['a', '', 'b', 'c']]);
    expect(sheet.getMaxColumns()).toBe(27);
  });

  test('insertRowsAfter and deleteRows move rows and formats', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1:A3').setValues([['1'], ['2'], ['3']]);
    sheet.getRange('A3').setBackground('#ff0000');
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getRange('A1:A5').getValues()).toEqual([[1], [''], [''], [2], [3]]);
    expect(sheet.getRange('A5').getBackground()).toBe('#ff0000');
    sheet.deleteRows(2, 2);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([[1], [2], [3]]);
    expect(sheet.getMaxRows()).toBe(1000);
    expect(() => sheet.deleteRows(1000, 5)).toThrow('Those rows are out of bounds.');
  });

  test('appendRow writes after the last row', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A2').setValue('x');
    sheet.appendRow(['y', 1]);
    expect(sheet.getRange('A3:B3').getValues()).toEqual([['y', 1]]);
  });
});

describe('Sheet settings', () => {
  test('frozen rows and columns', () => {
    const sheet = sheetOf(globals());
    sheet.setFrozenRows(2);
    sheet.setFrozenColumns(1);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([2, 1]);
  });

  test('column widths default to 100 px', () => {
    const sheet = sheetOf(globals());
    expect(sheet.getColumnWidth(1)).toBe(100);
    sheet.setColumnWidth(1, 250).setColumnWidths(2, 2, 80);
    expect([sheet.getColumnWidth(1), sheet.getColumnWidth(2), sheet.getColumnWidth(3)]).toEqual([
      250, 80, 80,
    ]);
  });

  test('hideSheet/showSheet; the last visible sheet cannot be hidden', () => {
    const g = globals();
    const ss = g.SpreadsheetApp.getActive();
    const first = ss.getSheets()[0];
    expect(() => first.hideSheet()).toThrow("You can't hide all the sheets in a document.");
    const second = ss.insertSheet('Two');
    first.hideSheet();
    expect(first.isSheetHidden()).toBe(true);
    first.showSheet();
    expect(first.isSheetHidden()).toBe(false);
    expect(second.isSheetHidden()).toBe(false);
  });

  test('clear and clearContents', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1').setValue(1).setBackground('#ff0000');
    sheet.clearContents();
    expect([sheet.getRange('A1').getValue(), sheet.getRange('A1').getBackground()]).toEqual(['', '#ff0000']);
    sheet.getRange('A1').setValue(1);
    sheet.clear();
    expect([sheet.getRange('A1').getValue(), sheet.getRange('A1').getBackground()]).toEqual(['', '#ffffff']);
  });

  test('setName refuses a name already used by another sheet', () => {
    const ss = globals().SpreadsheetApp.getActive();
    const two = ss.insertSheet('Two');
    expect(() => two.setName('sheet1')).toThrow(
      'A sheet with the name "sheet1" already exists. Please enter another name.',
    );
    two.setName('Renamed');
    expect(ss.getSheetByName('Renamed')!.getSheetId()).toBe(two.getSheetId());
  });
});

describe('Protections', () => {
  test('writes to a protected range by a non-editor throw Sheets message; editors may write', () => {
    const g = globals();
    const sheet = sheetOf(g);
    const p = sheet.getRange('A1:B2').protect().setDescription('Header');
    expect(p.getDescription()).toBe('Header');
    expect(p.getRange().getA1Notation()).toBe('A1:B2');
    sheet.getRange('A1').setValue('owner can write');

    const other = globals({ spreadsheet: g.spreadsheet, user: { email: 'rep@example.com', canEdit: false } });
    const otherSheet = other.SpreadsheetApp.getActiveSheet();
    expect(() =>
      otherSheet.getRange('B2:C3').setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
    expect(() => otherSheet.getRange('A1').setBackground('#ff0000')).toThrow(
      'You are trying to edit a protected cell',
    );
    expect(otherSheet.getRange('A1').getValue()).toBe('owner can write');
    otherSheet.getRange('C3').setValue('outside is fine');
    expect(otherSheet.getProtections(other.SpreadsheetApp.ProtectionType.RANGE)[0].canEdit()).toBe(false);
  });

  test('warning-only protection does not block; remove() lifts protection', () => {
    const g = globals();
    const sheet = sheetOf(g);
    const p = sheet.protect().setWarningOnly(true);
    expect(p.isWarningOnly()).toBe(true);
    const rep = globals({ spreadsheet: g.spreadsheet, user: { email: 'rep@example.com', canEdit: false } });
    rep.SpreadsheetApp.getActiveSheet().getRange('A1').setValue('ok');
    p.setWarningOnly(false);
    expect(() => rep.SpreadsheetApp.getActiveSheet().getRange('A1').setValue('no')).toThrow('protected');
    expect(() => rep.SpreadsheetApp.getActiveSheet().insertRowsAfter(1, 1)).toThrow('protected');
    sheet.getProtections(g.SpreadsheetApp.ProtectionType.SHEET)[0].remove();
    rep.SpreadsheetApp.getActiveSheet().getRange('A1').setValue('now ok');
    expect(sheet.getProtections(g.SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(0);
  });
});

describe('Charts', () => {
  test('newChart builds a recorded chart; insert, update, remove', () => {
    const g = globals();
    const sheet = sheetOf(g);
    const chart = sheet
      .newChart()
      .setChartType(g.Charts.ChartType.BAR as unknown as GoogleAppsScript.Charts.ChartType)
      .addRange(sheet.getRange('A1:C5'))
      .setPosition(2, 6, 0, 0)
      .setOption('title', 'Verdicts by owner')
      .build();
    sheet.insertChart(chart);
    const charts = sheet.getCharts();
    expect(charts).toHaveLength(1);
    expect(charts[0].getRanges().map((r) => r.getA1Notation())).toEqual(['A1:C5']);
    expect(charts[0].getOptions().get('title')).toBe('Verdicts by owner');
    expect(charts[0].getContainerInfo().getAnchorColumn()).toBe(6);
    expect(g.spreadsheet.sheets[0].charts[0].chartType).toBe('BAR');
    const updated = charts[0].modify().setOption('title', 'New').build();
    sheet.updateChart(updated);
    expect(sheet.getCharts()[0].getOptions().get('title')).toBe('New');
    sheet.removeChart(sheet.getCharts()[0]);
    expect(sheet.getCharts()).toHaveLength(0);
  });
});
