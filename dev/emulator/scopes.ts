/**
 * OAuth scopes: which scope each emulated call needs, and the check every wrapped call goes through
 * (wrap.ts). The scopes granted are the manifest's `oauthScopes` (appsscript.json), as in Apps Script
 * where an explicit list replaces the automatic detection. Sources: docs/emulator.md ("Scopes").
 */
import * as fs from 'fs';
import * as path from 'path';

export const SCOPE = {
  spreadsheetsCurrentOnly: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
  scriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  userinfoEmail: 'https://www.googleapis.com/auth/userinfo.email',
} as const;

const SHEETS = [SCOPE.spreadsheetsCurrentOnly, SCOPE.spreadsheets];

/**
 * Classes of the Spreadsheet service whose every method needs a spreadsheets scope (their reference
 * pages list "spreadsheets.currentonly" or "spreadsheets" under Authorization). Builders that only
 * assemble data (rule and chart builders) and enums are left out: they touch no document.
 */
const SHEET_CLASSES = new Set([
  'Spreadsheet',
  'Sheet',
  'Range',
  'RangeList',
  'Protection',
  'EmbeddedChart',
  'ConditionalFormatRule',
]);

/** SpreadsheetApp methods that reach the document (getUi, builders and enums do not). */
const SPREADSHEET_APP_DOCUMENT = new Set([
  'getActive',
  'getActiveSpreadsheet',
  'getActiveSheet',
  'getActiveRange',
  'getActiveRangeList',
  'getCurrentCell',
  'getSelection',
  'setActiveSheet',
  'setActiveRange',
  'setActiveRangeList',
  'setCurrentCell',
  'flush',
  'open',
  'openById',
  'openByUrl',
  'create',
]);

const UI_METHODS = new Set([
  'alert',
  'prompt',
  'createMenu',
  'createAddonMenu',
  'showSidebar',
  'showModalDialog',
  'showModelessDialog',
]);

const SCRIPT_APP_METHODS = new Set([
  'newTrigger',
  'getProjectTriggers',
  'getUserTriggers',
  'deleteTrigger',
  'getScriptTriggers',
]);

/**
 * The scopes of which one must be granted for `Class.method`, or [] when the call needs none
 * (PropertiesService, LockService, CacheService, HtmlService, Utilities, Logger: their reference pages
 * list no Authorization section).
 */
export function scopesFor(method: string): readonly string[] {
  const dot = method.indexOf('.');
  const cls = method.slice(0, dot);
  const name = method.slice(dot + 1);
  if (SHEET_CLASSES.has(cls)) return SHEETS;
  if (cls === 'SpreadsheetApp') return SPREADSHEET_APP_DOCUMENT.has(name) ? SHEETS : [];
  if (cls === 'Ui') return UI_METHODS.has(name) ? [SCOPE.containerUi] : [];
  if (cls === 'ScriptApp') return SCRIPT_APP_METHODS.has(name) ? [SCOPE.scriptApp] : [];
  if (cls === 'Session')
    return name === 'getActiveUser' || name === 'getEffectiveUser' ? [SCOPE.userinfoEmail] : [];
  return [];
}

/**
 * Apps Script's message for a call whose scope the project does not declare. The wording is the one
 * reported from live scripts (docs/emulator.md cites them); Google's reference does not print it.
 */
export function scopeError(method: string, required: readonly string[]): Error {
  return new Error(
    `Specified permissions are not sufficient to call ${method}. Required permissions: ${required.join(' || ')}`,
  );
}

/** Throws when `granted` (null = not checking) has none of the scopes `method` needs. */
export function checkScope(granted: ReadonlySet<string> | null, method: string): void {
  if (!granted) return;
  const required = scopesFor(method);
  if (required.length === 0 || required.some((s) => granted.has(s))) return;
  throw scopeError(method, required);
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The `oauthScopes` of a manifest file (default: the repository's appsscript.json), or null when it
 * lists none (Apps Script then detects scopes from the code, so nothing can be missing).
 */
export function manifestScopes(file = path.join(REPO_ROOT, 'appsscript.json')): string[] | null {
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { oauthScopes?: unknown };
  if (!Array.isArray(manifest.oauthScopes)) return null;
  return manifest.oauthScopes.filter((s): s is string => typeof s === 'string');
}
