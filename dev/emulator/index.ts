/**
 * In-memory Apps Script services for tests, the playground and the CLI. See docs/emulator.md for what
 * is emulated and every known difference from Sheets.
 */
import * as path from 'path';
import { ChartType } from './charts';
import { CacheServiceImpl, CacheStores } from './cache';
import { coloursFrom, evaluateRules, type CfMatch } from './conditional-format';
import type { AuthModeName, Beliefs, Boundary, EmulatorContext } from './context';
import { HtmlServiceImpl } from './html';
import { CallLedger } from './ledger';
import { LockServiceImpl, LockStore } from './lock';
import { EmulatedSpreadsheet, ownerOf, SheetModel } from './model';
import { PropertiesServiceImpl, PropertyStores } from './properties';
import { ScriptAppImpl, TriggerStore } from './script-app';
import type { SheetImpl } from './sheet';
import { SpreadsheetAppImpl } from './spreadsheet-app';
import { spreadsheetFromFixture, type SpreadsheetFixture } from './fixture';
import { UiRecorder } from './ui';
import { LoggerImpl, makeConsole, SessionImpl, UtilitiesImpl } from './utilities';
import { unwrap, wrap } from './wrap';
import { manifestScopes } from './scopes';

export { CallLedger } from './ledger';
export { EmulatedSpreadsheet, SheetModel } from './model';
export type { Stored } from './model';
export { PropertyStores } from './properties';
export { CacheStores } from './cache';
export { LockStore } from './lock';
export { TriggerStore } from './script-app';
export type { TriggerRecord } from './script-app';
export { UiRecorder } from './ui';
export type { MenuRecord, MenuEntry, AlertRecord, PromptRecord, ButtonName, ButtonSetName } from './ui';
export { loadBundle, loadBundleSource } from './loader';
export type { BundleFunctions } from './loader';
export { spreadsheetFromFixture, spreadsheetToFixture, encodeValue, decodeValue } from './fixture';
export type { SpreadsheetFixture, SheetFixture, FixtureValue, ConditionalFormatFixture } from './fixture';
export { importTableFile, exportXlsx } from './table-io';
export { makeEditEvent, makeOpenEvent, makeClockEvent, simulateUserEdit } from './events';
export { formatSimpleDate } from './utilities';
export { shiftFormula, sheetsRegex } from './formulas';
export type { CfMatch } from './conditional-format';
export { viewSheet } from './view';
export type { SheetView, ViewOptions } from './view';
export type { AuthModeName, Beliefs } from './context';
export { SCOPE, scopesFor, manifestScopes } from './scopes';

export interface EmulatorOptions {
  spreadsheet?: EmulatedSpreadsheet | SpreadsheetFixture;
  authMode?: AuthModeName;
  user?: { email: string; canEdit?: boolean };
  /** Script time zone, and the time zone of a new spreadsheet (a fixture's own zone wins). */
  timeZone?: string;
  /** Locale of a new spreadsheet (a fixture's own locale wins). */
  locale?: string;
  now?: Date | (() => Date);
  htmlDir?: string;
  ledger?: CallLedger;
  properties?: PropertyStores;
  cache?: CacheStores;
  locks?: LockStore;
  triggers?: TriggerStore;
  /** Caption of createAddonMenu() menus (Extensions ▸ name). */
  addonName?: string;
  /**
   * OAuth scopes granted to the script. Default: the `oauthScopes` of the repository's appsscript.json.
   * A call whose scope is missing throws Apps Script's "Specified permissions are not sufficient"
   * error. `null` turns the check off.
   */
  oauthScopes?: readonly string[] | null;
  /** Switches for behaviour the reference does not settle (docs/emulator.md, "Beliefs"). */
  beliefs?: Beliefs;
}

type Service<T> = T;

export interface AppsScriptGlobals {
  SpreadsheetApp: Service<GoogleAppsScript.Spreadsheet.SpreadsheetApp>;
  PropertiesService: Service<GoogleAppsScript.Properties.PropertiesService>;
  CacheService: Service<GoogleAppsScript.Cache.CacheService>;
  LockService: Service<GoogleAppsScript.Lock.LockService>;
  HtmlService: Service<GoogleAppsScript.HTML.HtmlService>;
  ScriptApp: Service<GoogleAppsScript.Script.ScriptApp>;
  Session: Service<GoogleAppsScript.Base.Session>;
  Utilities: Service<GoogleAppsScript.Utilities.Utilities>;
  Logger: Service<GoogleAppsScript.Base.Logger>;
  Charts: { ChartType: typeof ChartType };
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'>;
  ledger: CallLedger;
  /** The model behind SpreadsheetApp.getActive(); reading it directly is never counted. */
  spreadsheet: EmulatedSpreadsheet;
  ui: UiRecorder;
  /** Logger.log and console output of this execution. */
  logs: Array<{ level: string; text: string }>;
  /** The emulator's clock ("now" option); also what new Date() returns inside a loaded bundle. */
  now(): Date;
  /** Ends this execution: its locks are released, as when an Apps Script run returns. */
  endExecution(): void;
  /** The ledger and the vm realm of values crossing into add-on code (set by loadBundle). */
  boundary: Boundary;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
let nextExecution = 1;

function asService<T>(impl: object, name: string, boundary: Boundary): T {
  return wrap(impl, name, boundary) as unknown as T;
}

export function createAppsScriptGlobals(options: EmulatorOptions = {}): AppsScriptGlobals {
  const ss =
    options.spreadsheet instanceof EmulatedSpreadsheet
      ? options.spreadsheet
      : options.spreadsheet
        ? spreadsheetFromFixture(options.spreadsheet)
        : newSpreadsheet(options);
  const ledger = options.ledger ?? new CallLedger();
  const scopes = options.oauthScopes === undefined ? manifestScopes() : options.oauthScopes;
  const boundary: Boundary = { ledger, scopes: scopes ? new Set(scopes) : null };
  const nowOpt = options.now;
  const now = (): Date =>
    typeof nowOpt === 'function' ? nowOpt() : nowOpt ? new Date(nowOpt.getTime()) : new Date();
  const ui = ss.service('ui', () => new UiRecorder());
  if (options.addonName) ui.addonName = options.addonName;
  const ctx: EmulatorContext = {
    boundary,
    ss,
    authMode: options.authMode ?? 'FULL',
    user: { email: options.user?.email ?? 'user@example.com', canEdit: options.user?.canEdit ?? true },
    executionId: nextExecution++,
    now,
    ui,
    htmlDir: options.htmlDir ?? path.join(REPO_ROOT, 'dist'),
    scriptTimeZone: options.timeZone ?? ss.timeZone,
    logs: [],
    sleeps: [],
    beliefs: { ...options.beliefs },
  };
  const properties = options.properties ?? ss.service('properties', () => new PropertyStores());
  const cache = options.cache ?? ss.service('cache', () => new CacheStores());
  const locks = options.locks ?? ss.service('locks', () => new LockStore());
  const triggers = options.triggers ?? ss.service('triggers', () => new TriggerStore());
  return {
    SpreadsheetApp: asService(new SpreadsheetAppImpl(ctx), 'SpreadsheetApp', boundary),
    PropertiesService: asService(new PropertiesServiceImpl(ctx, properties), 'PropertiesService', boundary),
    CacheService: asService(new CacheServiceImpl(ctx, cache), 'CacheService', boundary),
    LockService: asService(new LockServiceImpl(ctx, locks), 'LockService', boundary),
    HtmlService: asService(new HtmlServiceImpl(ctx), 'HtmlService', boundary),
    ScriptApp: asService(new ScriptAppImpl(ctx, triggers), 'ScriptApp', boundary),
    Session: asService(new SessionImpl(ctx), 'Session', boundary),
    Utilities: asService(new UtilitiesImpl(ctx), 'Utilities', boundary),
    Logger: asService(new LoggerImpl(ctx), 'Logger', boundary),
    Charts: { ChartType },
    console: makeConsole(ctx),
    ledger,
    spreadsheet: ss,
    ui,
    logs: ctx.logs,
    now,
    endExecution: () => locks.releaseAll(ctx.executionId),
    boundary,
  };
}

function newSpreadsheet(options: EmulatorOptions): EmulatedSpreadsheet {
  const ss = new EmulatedSpreadsheet(
    'Untitled spreadsheet',
    options.timeZone ?? 'Europe/London',
    options.locale ?? 'en_GB',
  );
  ss.addSheet('Sheet1');
  return ss;
}

/** A sheet given as the model, by name, or as an emulated Sheet object. */
export type SheetRef = SheetModel | GoogleAppsScript.Spreadsheet.Sheet;

function resolveSheet(sheet: SheetRef): {
  ss?: EmulatedSpreadsheet;
  model: SheetModel;
  ctx?: EmulatorContext;
} {
  if (sheet instanceof SheetModel) return { model: sheet };
  const impl = unwrap(sheet) as unknown as SheetImpl;
  return { model: impl.sheet, ss: impl.ctx.ss, ctx: impl.ctx };
}

export interface EvaluateOptions {
  /** The spreadsheet holding a SheetModel (not needed for an emulated Sheet object). */
  spreadsheet?: EmulatedSpreadsheet;
  now?: Date | (() => Date);
}

/**
 * Which cells each conditional-format rule of the sheet colours, evaluated now (TODAY() from the
 * options' "now", else the globals' "now" when given an emulated Sheet, else the machine clock).
 * Not counted in the ledger: this is the test's view of the screen, not a script call.
 */
export function evaluateConditionalFormats(sheet: SheetRef, options: EvaluateOptions = {}): CfMatch[] {
  const r = resolveSheet(sheet);
  const ss = options.spreadsheet ?? r.ss ?? findOwner(r.model);
  const nowOpt = options.now;
  const ctx: EmulatorContext =
    r.ctx && nowOpt === undefined
      ? r.ctx
      : {
          ...(r.ctx ?? blankContext(ss)),
          ss,
          now: () =>
            typeof nowOpt === 'function' ? nowOpt() : nowOpt ? new Date(nowOpt.getTime()) : new Date(),
        };
  return evaluateRules(ctx, ss, r.model);
}

/** A1 → effective conditional-format background (first matching rule wins, as in Sheets). */
export function cellColours(sheet: SheetRef, options: EvaluateOptions = {}): Record<string, string> {
  return coloursFrom(evaluateConditionalFormats(sheet, options));
}

function findOwner(model: SheetModel): EmulatedSpreadsheet {
  const ss = ownerOf(model);
  if (!ss)
    throw new Error('evaluateConditionalFormats: this sheet belongs to no spreadsheet; pass { spreadsheet }');
  return ss;
}

function blankContext(ss: EmulatedSpreadsheet): EmulatorContext {
  return {
    boundary: { ledger: new CallLedger() },
    ss,
    authMode: 'FULL',
    user: { email: 'user@example.com', canEdit: true },
    executionId: 0,
    now: () => new Date(),
    ui: new UiRecorder(),
    htmlDir: path.join(REPO_ROOT, 'dist'),
    scriptTimeZone: ss.timeZone,
    logs: [],
    sleeps: [],
  };
}
