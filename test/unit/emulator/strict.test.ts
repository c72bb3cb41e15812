/**
 * The stricter emulator (issue 11): scopes checked against the manifest for every service, the empty
 * email outside FULL, the no-document-context mode, and the builder-sharing belief.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  createAppsScriptGlobals,
  manifestScopes,
  SCOPE,
  type AppsScriptGlobals,
} from '../../../dev/emulator';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ALL = [SCOPE.spreadsheetsCurrentOnly, SCOPE.containerUi, SCOPE.scriptApp, SCOPE.userinfoEmail];
const without = (scope: string): string[] => ALL.filter((s) => s !== scope);

function g(scopes: readonly string[] | null, extra: Parameters<typeof createAppsScriptGlobals>[0] = {}) {
  return createAppsScriptGlobals({ oauthScopes: scopes, ...extra });
}

const refused = (method: string, _scope: string) =>
  `Specified permissions are not sufficient to call ${method}. Required permissions: `;

describe('scopes', () => {
  test('the default grant is the repository manifest’s oauthScopes', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')) as {
      oauthScopes: string[];
    };
    expect(manifestScopes()).toEqual(manifest.oauthScopes);
    expect(new Set(manifest.oauthScopes)).toEqual(new Set(ALL));
    expect([...(createAppsScriptGlobals().boundary.scopes ?? [])].sort()).toEqual([...ALL].sort());
  });

  // One case per scoped service: the call fails without its scope, with Apps Script's wording, and works with it.
  const cases: Array<[string, string, (x: AppsScriptGlobals) => unknown]> = [
    ['SpreadsheetApp.getActive', SCOPE.spreadsheetsCurrentOnly, (x) => x.SpreadsheetApp.getActive()],
    [
      'SpreadsheetApp.getActiveSpreadsheet',
      SCOPE.spreadsheetsCurrentOnly,
      (x) => x.SpreadsheetApp.getActiveSpreadsheet(),
    ],
    ['Ui.alert', SCOPE.containerUi, (x) => x.SpreadsheetApp.getUi().alert('hi')],
    ['Ui.createAddonMenu', SCOPE.containerUi, (x) => x.SpreadsheetApp.getUi().createAddonMenu()],
    [
      'Ui.showModalDialog',
      SCOPE.containerUi,
      (x) => x.SpreadsheetApp.getUi().showModalDialog(x.HtmlService.createHtmlOutput('<p>x</p>'), 'T'),
    ],
    [
      'ScriptApp.getUserTriggers',
      SCOPE.scriptApp,
      (x) => x.ScriptApp.getUserTriggers(createAppsScriptGlobals().SpreadsheetApp.getActive()),
    ],
    ['ScriptApp.getProjectTriggers', SCOPE.scriptApp, (x) => x.ScriptApp.getProjectTriggers()],
    ['ScriptApp.newTrigger', SCOPE.scriptApp, (x) => x.ScriptApp.newTrigger('f')],
    ['Session.getActiveUser', SCOPE.userinfoEmail, (x) => x.Session.getActiveUser()],
    ['Session.getEffectiveUser', SCOPE.userinfoEmail, (x) => x.Session.getEffectiveUser()],
  ];
  test.each(cases)('%s needs %s', (method, scope, call) => {
    expect(() => call(g(without(scope)))).toThrow(refused(method, scope) + scope);
    expect(() => call(g(ALL))).not.toThrow();
  });

  test('Sheet, Range and Spreadsheet objects need a spreadsheets scope too (e.g. an event’s range)', () => {
    const full = g(ALL);
    const range = full.SpreadsheetApp.getActive().getRange('A1');
    full.boundary.scopes = new Set(without(SCOPE.spreadsheetsCurrentOnly));
    expect(() => range.getValue()).toThrow(refused('Range.getValue', '') + SCOPE.spreadsheetsCurrentOnly);
    full.boundary.scopes = new Set([SCOPE.spreadsheets]);
    expect(() => range.getValue()).not.toThrow();
  });

  test('services with no Authorization section need no scope', () => {
    const x = g([]);
    const props = x.PropertiesService.getDocumentProperties()!;
    props.setProperty('k', 'v');
    expect(props.getProperty('k')).toBe('v');
    const lock = x.LockService.getDocumentLock()!;
    expect(lock.tryLock(10)).toBe(true);
    lock.releaseLock();
    x.CacheService.getScriptCache().put('a', 'b');
    expect(x.Utilities.formatDate(new Date(0), 'UTC', 'yyyy')).toBe('1970');
    expect(x.HtmlService.createHtmlOutput('<b>x</b>').getContent()).toBe('<b>x</b>');
    expect(x.Session.getScriptTimeZone()).toBe('Europe/London');
    x.Logger.log('ok');
    expect(x.SpreadsheetApp.newConditionalFormatRule()).toBeTruthy();
  });

  test('null turns the check off', () => {
    expect(() => g(null).Session.getActiveUser().getEmail()).not.toThrow();
  });
});

describe('Session email by auth mode', () => {
  test.each([
    ['FULL', 'rep@example.com'],
    ['LIMITED', ''],
    ['CUSTOM_FUNCTION', ''],
    ['NONE', ''],
  ] as const)('%s → %j', (authMode, email) => {
    const x = g(ALL, { authMode, user: { email: 'rep@example.com' } });
    expect(x.Session.getActiveUser().getEmail()).toBe(email);
    expect(x.Session.getEffectiveUser().getEmail()).toBe(email);
  });
});

describe('noDocumentContext belief', () => {
  test('document lock, properties and cache are null; script and user ones still work', () => {
    const x = g(ALL, { beliefs: { noDocumentContext: true } });
    expect(x.LockService.getDocumentLock()).toBeNull();
    expect(x.PropertiesService.getDocumentProperties()).toBeNull();
    expect(x.CacheService.getDocumentCache()).toBeNull();
    expect(x.LockService.getUserLock().tryLock(1)).toBe(true);
    expect(x.PropertiesService.getUserProperties().getProperties()).toEqual({});
  });

  test('by default they are objects', () => {
    const x = g(ALL);
    expect(x.LockService.getDocumentLock()).not.toBeNull();
    expect(x.PropertiesService.getDocumentProperties()).not.toBeNull();
  });
});

describe('customFunctionsReadProperties belief', () => {
  test('default: a custom function reads document properties but cannot write them', () => {
    const owner = g(ALL);
    owner.PropertiesService.getDocumentProperties()!.setProperty('k', 'v');
    const cf = g(ALL, { spreadsheet: owner.spreadsheet, authMode: 'CUSTOM_FUNCTION' });
    expect(cf.PropertiesService.getDocumentProperties()!.getProperty('k')).toBe('v');
    expect(() => cf.PropertiesService.getDocumentProperties()!.setProperty('k', 'w')).toThrow(
      'You do not have permission to call setProperty',
    );
  });

  test('switched off: the call is refused in custom functions only', () => {
    const beliefs = { customFunctionsReadProperties: false };
    const cf = g(ALL, { authMode: 'CUSTOM_FUNCTION', beliefs });
    expect(() => cf.PropertiesService.getDocumentProperties()).toThrow(
      'You do not have permission to call PropertiesService.getDocumentProperties',
    );
    expect(g(ALL, { beliefs }).PropertiesService.getDocumentProperties()).not.toBeNull();
  });
});

describe('builderSharesState belief', () => {
  function twoRulesFromOneBuilder(x: AppsScriptGlobals): string[] {
    const sheet = x.SpreadsheetApp.getActive().getSheets()[0];
    const builder = x.SpreadsheetApp.newConditionalFormatRule().setRanges([sheet.getRange('A1:A5')]);
    const first = builder.whenFormulaSatisfied('=A1="x"').setBackground('#ff0000').build();
    const second = builder.whenFormulaSatisfied('=A1="y"').setBackground('#00ff00').build();
    sheet.setConditionalFormatRules([first, second]);
    return sheet
      .getConditionalFormatRules()
      .map((r) => String(r.getBooleanCondition()!.getCriteriaValues()[0]));
  }

  test('default: build() snapshots the builder', () => {
    expect(twoRulesFromOneBuilder(g(ALL))).toEqual(['=A1="x"', '=A1="y"']);
  });

  test('switched on: every rule from one builder ends with its last settings', () => {
    expect(twoRulesFromOneBuilder(g(ALL, { beliefs: { builderSharesState: true } }))).toEqual([
      '=A1="y"',
      '=A1="y"',
    ]);
  });

  test('switched on: fresh builders still give distinct rules', () => {
    const x = g(ALL, { beliefs: { builderSharesState: true } });
    const sheet = x.SpreadsheetApp.getActive().getSheets()[0];
    const rule = (f: string) =>
      x.SpreadsheetApp.newConditionalFormatRule()
        .setRanges([sheet.getRange('A1:A5')])
        .whenFormulaSatisfied(f)
        .build();
    sheet.setConditionalFormatRules([rule('=A1="x"'), rule('=A1="y"')]);
    expect(
      sheet.getConditionalFormatRules().map((r) => r.getBooleanCondition()!.getCriteriaValues()[0]),
    ).toEqual(['=A1="x"', '=A1="y"']);
  });
});
