/** Pins the smaller methods not covered elsewhere, one behaviour each. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cellColours, viewSheet } from '../../../dev/emulator';
import { globals, sheetOf } from './helpers';

describe('Range extras', () => {
  test('font style, index aliases, size and grid id', () => {
    const g = globals();
    const r = sheetOf(g).getRange('B3:D4');
    r.setFontStyle('italic');
    expect(r.getFontStyle()).toBe('italic');
    expect([r.getRowIndex(), r.getHeight(), r.getWidth()]).toEqual([3, 2, 3]);
    expect(r.getGridId()).toBe(sheetOf(g).getSheetId());
    expect(() => r.setFontWeight('heavy' as never)).toThrow('Invalid argument: fontWeight');
    expect(() => r.setHorizontalAlignment('middle' as never)).toThrow('Invalid argument: alignment');
    expect(r.getVerticalAlignment()).toBe('bottom');
    r.setVerticalAlignment('middle');
    expect([r.getVerticalAlignment(), r.getCell(2, 3).getVerticalAlignment()]).toEqual(['middle', 'middle']);
    expect(() => r.setVerticalAlignment('left' as never)).toThrow('Invalid argument: alignment');
    r.clearFormat();
    expect(r.getVerticalAlignment()).toBe('bottom');
  });

  test('setWraps and clearFormat', () => {
    const r = sheetOf(globals()).getRange('A1:B1');
    r.setWraps([[true, false]]).setNumberFormat('0.00');
    expect([r.getCell(1, 1).getWrap(), r.getCell(1, 2).getWrap()]).toEqual([true, false]);
    r.clearFormat();
    expect(r.getNumberFormats()).toEqual([['0.###############', '0.###############']]);
  });
});

describe('RangeList', () => {
  test('getRangeList(...).setWrap wraps every listed range, and only them, in two calls', () => {
    const g = globals();
    const sheet = sheetOf(g);
    g.ledger.reset();
    sheet.getRangeList(['I5:I7', 'I12:I12']).setWrap(true);
    expect(g.ledger.snapshot()).toEqual({ 'Sheet.getRangeList': 1, 'RangeList.setWrap': 1 });
    const wrap = (a1: string) => sheet.getRange(a1).getWrap();
    expect(['I5', 'I6', 'I7', 'I12'].map(wrap)).toEqual([true, true, true, true]);
    expect(['I4', 'I8', 'I11', 'H5', 'J5'].map(wrap)).toEqual([false, false, false, false, false]);
    expect(
      sheet
        .getRangeList(['A1:B2', 'C3'])
        .getRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1:B2', 'C3']);
  });

  test('refuses an empty list, another sheet and a protected range (changing nothing)', () => {
    const g = globals();
    const sheet = sheetOf(g);
    expect(() => sheet.getRangeList([])).toThrow('Range not found');
    expect(() => sheet.getRangeList(['Nope!A1'])).toThrow('Range not found');
    sheet.getRange('I9').protect();
    const rep = globals({ spreadsheet: g.spreadsheet, user: { email: 'rep@example.com', canEdit: false } });
    expect(() => sheetOf(rep).getRangeList(['I5:I6', 'I9']).setWrap(true)).toThrow(
      'You are trying to edit a protected cell',
    );
    expect([sheet.getRange('I5').getWrap(), sheet.getRange('I9').getWrap()]).toEqual([false, false]);
    expect(() => sheetOf(rep).getRangeList(['A5:J6', 'A9:J9']).setVerticalAlignment('top')).toThrow(
      'You are trying to edit a protected cell',
    );
    expect(sheet.getRange('A5').getVerticalAlignment()).toBe('bottom');
  });

  test('setVerticalAlignment aligns every listed range, and only them, in two calls', () => {
    const g = globals();
    const sheet = sheetOf(g);
    g.ledger.reset();
    sheet.getRangeList(['A5:J6', 'A9:J9']).setVerticalAlignment('top');
    expect(g.ledger.snapshot()).toEqual({ 'Sheet.getRangeList': 1, 'RangeList.setVerticalAlignment': 1 });
    const align = (a1: string) => sheet.getRange(a1).getVerticalAlignment();
    expect(['A5', 'J6', 'E9'].map(align)).toEqual(['top', 'top', 'top']);
    expect(['A4', 'A7', 'K5', 'A10'].map(align)).toEqual(['bottom', 'bottom', 'bottom', 'bottom']);
    // null and 'bottom' give back Sheets' default; any other word is refused and changes nothing.
    sheet.getRangeList(['A5:J5']).setVerticalAlignment(null);
    expect(['A5', 'A6'].map(align)).toEqual(['bottom', 'top']);
    expect(() => sheet.getRangeList(['A6']).setVerticalAlignment('center' as never)).toThrow(
      'Invalid argument: alignment',
    );
    expect(align('A6')).toBe('top');
  });
});

describe('Sheet extras', () => {
  test('row and column insertion variants, deleteRow and autoResizeColumns', () => {
    const sheet = sheetOf(globals());
    sheet.getRange('A1:B2').setValues([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    sheet.insertRowBefore(1);
    sheet.insertRowAfter(1);
    sheet.insertRowsBefore(1, 2);
    expect(sheet.getRange('A5:A6').getValues()).toEqual([['a'], ['c']]);
    sheet.deleteRow(1);
    expect(sheet.getRange('A4').getValue()).toBe('a');
    sheet.insertColumnBefore(1);
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getRange('D4:E4').getValues()).toEqual([['a', 'b']]);
    sheet.setColumnWidth(4, 300).autoResizeColumns(4, 1);
    expect(sheet.getColumnWidth(4)).toBe(100);
  });

  test('clearFormats keeps values; clearConditionalFormatRules removes rules', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.getRange('A1').setValue(1).setBackground('#ff0000');
    sheet.clearFormats();
    expect([sheet.getRange('A1').getValue(), sheet.getRange('A1').getBackground()]).toEqual([1, '#ffffff']);
    sheet.setConditionalFormatRules([
      g.SpreadsheetApp.newConditionalFormatRule()
        .whenCellEmpty()
        .setRanges([sheet.getRange('A1')])
        .build(),
    ]);
    sheet.clearConditionalFormatRules();
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });

  test('activate, getActiveRange/setActiveRange and getParent', () => {
    const g = globals();
    const ss = g.SpreadsheetApp.getActive();
    const two = ss.insertSheet('Two');
    ss.getSheets()[0].activate();
    expect(ss.getActiveSheet().getName()).toBe('Sheet1');
    two.setActiveRange(two.getRange('B2'));
    expect(two.getActiveRange()!.getA1Notation()).toBe('B2');
    expect(two.getParent().getId()).toBe(ss.getId());
  });
});

describe('Spreadsheet extras', () => {
  test('getSheetById, getNumSheets, rename, moveActiveSheet, time zone and locale setters', () => {
    const g = globals();
    const ss = g.SpreadsheetApp.getActive();
    const two = ss.insertSheet('Two');
    expect(ss.getSheetById(two.getSheetId())!.getName()).toBe('Two');
    expect(ss.getSheetById(999)).toBeNull();
    expect(ss.getNumSheets()).toBe(2);
    ss.rename('Pipeline 2026');
    expect(ss.getName()).toBe('Pipeline 2026');
    ss.moveActiveSheet(1);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Two', 'Sheet1']);
    ss.setSpreadsheetTimeZone('America/New_York');
    ss.setSpreadsheetLocale('en_US');
    expect([ss.getSpreadsheetTimeZone(), ss.getSpreadsheetLocale()]).toEqual(['America/New_York', 'en_US']);
    expect(() => ss.setSpreadsheetTimeZone('Mars/Olympus')).toThrow('Invalid argument: timezone');
  });

  test('SpreadsheetApp.flush is a no-op; openById is refused (currentonly scope)', () => {
    const g = globals();
    g.SpreadsheetApp.flush();
    expect(() => g.SpreadsheetApp.openById('x')).toThrow(
      'You do not have permission to call SpreadsheetApp.openById.',
    );
  });
});

describe('Rule and chart builder extras', () => {
  test('whenTextEqualTo, whenCellNotEmpty and setBold', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet.getRange('A1:A3').setValues([['TBD'], ['tbd later'], ['']]);
    const range = [sheet.getRange('A1:A3')];
    const nb = g.SpreadsheetApp.newConditionalFormatRule;
    sheet.setConditionalFormatRules([
      nb().whenTextEqualTo('tbd').setBackground('#ff0000').setBold(true).setRanges(range).build(),
      nb().whenCellNotEmpty().setBackground('#00ff00').setRanges(range).build(),
    ]);
    expect(cellColours(sheet)).toEqual({ A1: '#ff0000', A2: '#00ff00' });
    expect(sheet.getConditionalFormatRules()[0].getBooleanCondition()!.getBold()).toBe(true);
  });

  test('chart type shortcuts and options', () => {
    const g = globals();
    const sheet = sheetOf(g);
    const b = sheet
      .newChart()
      .asLineChart()
      .setTitle('okShare trend')
      .setNumHeaders(1)
      .addRange(sheet.getRange('A1:B9'));
    expect(String(b.getChartType())).toBe('LINE');
    expect(b.getRanges()).toHaveLength(1);
    const chart = b.build();
    expect(chart.getOptions().get('title')).toBe('okShare trend');
    expect(chart.getOptions().get('missing')).toBeNull();
  });
});

describe('Service extras', () => {
  test('Protection type', () => {
    const g = globals();
    expect(String(sheetOf(g).protect().getProtectionType())).toBe('SHEET');
    expect(String(sheetOf(g).getRange('A1').protect().getProtectionType())).toBe('RANGE');
  });

  test('cache removeAll', () => {
    const cache = globals().CacheService.getUserCache()!;
    cache.putAll({ a: '1', b: '2' });
    cache.removeAll(['a', 'b']);
    expect(cache.getAll(['a', 'b'])).toEqual({});
  });

  test('spreadsheet triggers and trigger sources', () => {
    const g = globals();
    const t = g.ScriptApp.newTrigger('onEditInstalled')
      .forSpreadsheet(g.SpreadsheetApp.getActive())
      .onEdit()
      .create();
    expect([String(t.getEventType()), String(t.getTriggerSource()), t.getTriggerSourceId()]).toEqual([
      'ON_EDIT',
      'SPREADSHEETS',
      g.spreadsheet.id,
    ]);
    expect(() =>
      g.ScriptApp.newTrigger('again').forSpreadsheet(g.SpreadsheetApp.getActive()).onEdit().create(),
    ).toThrow(
      'This add-on has created too many edit triggers in this document for this Google user account.',
    );
    expect(g.ScriptApp.getScriptId()).toBe('emulated-script-id');
  });

  test('HtmlOutput setters and dialogs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-html2-'));
    const g = globals({ htmlDir: dir });
    const out = g.HtmlService.createHtmlOutput('<b>a</b>').append('<i>b</i>').setHeight(200).setWidth(400);
    expect([out.getContent(), out.getHeight(), out.getWidth()]).toEqual(['<b>a</b><i>b</i>', 200, 400]);
    out.setContent('<p>help</p>');
    const ui = g.SpreadsheetApp.getUi();
    ui.showModalDialog(out, 'Help');
    ui.showModelessDialog(out, 'Legend');
    expect(g.ui.dialogs.map((d) => [d.title, d.modal, d.html])).toEqual([
      ['Help', true, '<p>help</p>'],
      ['Legend', false, '<p>help</p>'],
    ]);
  });

  test('Utilities extras and Session locale/key; Logger.clear', () => {
    const g = globals();
    expect(g.Utilities.formatString('%s has %d deals', 'Ben', 3)).toBe('Ben has 3 deals');
    expect(g.Utilities.base64EncodeWebSafe([-1, -2, -3])).toBe('__79');
    expect(g.Utilities.base64DecodeWebSafe('__79')).toEqual([-1, -2, -3]);
    expect(g.Utilities.newBlob('hé').getDataAsString()).toBe('hé');
    expect(g.Utilities.getUuid()).toMatch(/^[0-9a-f-]{36}$/);
    expect(g.Session.getActiveUserLocale()).toBe('en');
    expect(g.Session.getTemporaryActiveUserKey()).toHaveLength(24);
    g.Logger.log('x');
    g.Logger.clear();
    expect(g.Logger.getLog()).toBe('');
  });
});

describe('viewSheet', () => {
  test('gives display values, effective colours, bold, merges and frozen rows without counting calls', () => {
    const g = globals();
    const sheet = sheetOf(g);
    sheet
      .getRange('A1:B1')
      .setValues([['Deal', 'Due']])
      .setFontWeight('bold');
    sheet.getRange('A2:B3').setValues([
      ['Acme', new Date('2026-03-01T00:00:00Z')],
      ['Initech', ''],
    ]);
    sheet.setFrozenRows(1);
    sheet.setConditionalFormatRules([
      g.SpreadsheetApp.newConditionalFormatRule()
        .whenCellEmpty()
        .setBackground('#cccccc')
        .setRanges([sheet.getRange('B2:B3')])
        .build(),
    ]);
    const before = g.ledger.total();
    const v = viewSheet(g.spreadsheet, g.spreadsheet.sheets[0], { now: new Date('2026-03-11T10:00:00Z') });
    expect(g.ledger.total()).toBe(before);
    expect(v.display).toEqual([
      ['Deal', 'Due'],
      ['Acme', '01/03/2026'],
      ['Initech', ''],
    ]);
    expect(v.backgrounds[2][1]).toBe('#cccccc');
    expect(v.bold[0]).toEqual([true, true]);
    expect(v.frozenRows).toBe(1);
  });
});
