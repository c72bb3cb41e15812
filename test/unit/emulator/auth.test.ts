import { globals } from './helpers';

describe('AuthMode.NONE (add-on onOpen before it is enabled in the document)', () => {
  const g = globals({ authMode: 'NONE' });

  test('menus work', () => {
    g.SpreadsheetApp.getUi().createAddonMenu().addItem('Open sidebar', 'showSidebar').addToUi();
    expect(g.ui.menus[0].items).toEqual([
      { kind: 'item', caption: 'Open sidebar', functionName: 'showSidebar' },
    ]);
  });

  test('document access throws "You do not have permission to call ..."', () => {
    expect(() => g.SpreadsheetApp.getActiveSpreadsheet()).toThrow(
      /^You do not have permission to call SpreadsheetApp.getActiveSpreadsheet\./,
    );
    expect(() => g.SpreadsheetApp.getActive()).toThrow(
      'You do not have permission to call SpreadsheetApp.getActive.',
    );
    expect(() => g.SpreadsheetApp.getActiveSheet()).toThrow('You do not have permission to call');
  });

  test('properties, cache and locks throw', () => {
    expect(() => g.PropertiesService.getDocumentProperties()).toThrow(
      'You do not have permission to call PropertiesService.getDocumentProperties.',
    );
    expect(() => g.PropertiesService.getUserProperties()).toThrow('You do not have permission to call');
    expect(() => g.CacheService.getDocumentCache()).toThrow('You do not have permission to call');
    expect(() => g.LockService.getDocumentLock()).toThrow('You do not have permission to call');
  });

  test('Logger and Utilities work', () => {
    g.Logger.log('hello %s', 'world');
    expect(g.logs.map((l) => l.text)).toContain('hello world');
    expect(g.Utilities.formatDate(new Date('2026-03-11T10:00:00Z'), 'UTC', 'yyyy-MM-dd')).toBe('2026-03-11');
  });

  test('sidebars and alerts are refused', () => {
    const html = g.HtmlService.createHtmlOutput('<p>x</p>');
    expect(() => g.SpreadsheetApp.getUi().showSidebar(html)).toThrow(
      'You do not have permission to call Ui.showSidebar.',
    );
    expect(() => g.SpreadsheetApp.getUi().alert('x')).toThrow('You do not have permission to call Ui.alert.');
  });
});

describe('AuthMode.LIMITED', () => {
  test('the document and properties are usable; a sidebar is refused', () => {
    const g = globals({ authMode: 'LIMITED' });
    g.SpreadsheetApp.getActiveSheet().getRange('A1').setValue(1);
    g.PropertiesService.getDocumentProperties().setProperty('k', 'v');
    expect(g.PropertiesService.getDocumentProperties().getProperty('k')).toBe('v');
    const html = g.HtmlService.createHtmlOutput('<p>x</p>');
    expect(() => g.SpreadsheetApp.getUi().showSidebar(html)).toThrow(
      'You do not have permission to call Ui.showSidebar. Required permissions: https://www.googleapis.com/auth/script.container.ui',
    );
    expect(() => g.ScriptApp.getProjectTriggers()).toThrow(
      'You do not have permission to call ScriptApp.getProjectTriggers.',
    );
  });
});

describe('AuthMode.CUSTOM_FUNCTION', () => {
  const full = globals();
  full.SpreadsheetApp.getActiveSheet().getRange('A1').setValue('x');
  full.PropertiesService.getDocumentProperties().setProperty('mapping', '{}');
  const g = globals({ authMode: 'CUSTOM_FUNCTION', spreadsheet: full.spreadsheet });

  test('reads work', () => {
    expect(g.SpreadsheetApp.getActiveSheet().getRange('A1').getValue()).toBe('x');
    expect(g.PropertiesService.getDocumentProperties().getProperty('mapping')).toBe('{}');
  });

  test('writes throw', () => {
    const sheet = g.SpreadsheetApp.getActiveSheet();
    expect(() => sheet.getRange('A1').setValue('y')).toThrow('You do not have permission to call setValue');
    expect(() => sheet.getRange('A1').setValues([['y']])).toThrow(
      'You do not have permission to call setValues',
    );
    expect(() => sheet.getRange('A1').setBackground('#ff0000')).toThrow(
      'You do not have permission to call setBackground',
    );
    expect(() => g.SpreadsheetApp.getActive().insertSheet('x')).toThrow(
      'You do not have permission to call insertSheet',
    );
    expect(() => g.PropertiesService.getDocumentProperties().setProperty('a', 'b')).toThrow(
      'You do not have permission to call setProperty',
    );
  });

  test('there is no Ui', () => {
    expect(() => g.SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
  });

  test('the active user is anonymous', () => {
    expect(g.Session.getActiveUser().getEmail()).toBe('');
  });
});
