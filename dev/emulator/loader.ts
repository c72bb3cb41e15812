/**
 * Runs a built bundle the way Apps Script does: one global scope holding only the Apps Script
 * services (and the JavaScript builtins), top-level function declarations becoming callable entry
 * points. No require, process, Buffer, setTimeout or module exist inside, as in Apps Script.
 */
import * as fs from 'fs';
import * as vm from 'vm';
import type { AppsScriptGlobals } from './index';
import type { Realm } from './context';
import { customFunctionNames, registerCustomFunctions } from './custom-functions';

const SERVICES = [
  'SpreadsheetApp',
  'PropertiesService',
  'CacheService',
  'LockService',
  'HtmlService',
  'ScriptApp',
  'Session',
  'Utilities',
  'Logger',
  'console',
  'Charts',
] as const;

const DATE_PATCH = `(function (nowMs) {
  var RealDate = Date;
  function EmulatedDate(a, b, c, d, e, f, g) {
    if (!new.target) return new RealDate(nowMs()).toString();
    switch (arguments.length) {
      case 0: return new RealDate(nowMs());
      case 1: return new RealDate(a);
      default: return new RealDate(a, b, c === undefined ? 1 : c, d || 0, e || 0, f || 0, g || 0);
    }
  }
  EmulatedDate.prototype = RealDate.prototype;
  EmulatedDate.now = function () { return nowMs(); };
  EmulatedDate.UTC = RealDate.UTC;
  EmulatedDate.parse = RealDate.parse;
  Object.defineProperty(EmulatedDate, Symbol.hasInstance, { value: function (x) { return x instanceof RealDate; } });
  globalThis.Date = EmulatedDate;
})(__emulatorNow);`;

export type BundleFunctions = Record<string, (...args: unknown[]) => unknown>;

export function loadBundleSource(
  source: string,
  globals: AppsScriptGlobals,
  filename = 'Code.js',
  options: { customFunctionCopy?: boolean } = {},
): BundleFunctions {
  const sandbox: Record<string, unknown> = {};
  for (const name of SERVICES) sandbox[name] = globals[name];
  const context = vm.createContext(sandbox, { name: filename });
  // Values crossing into the bundle are rebuilt with the vm's own Date/Array/Error, so instanceof works.
  const realm = vm.runInContext('({ Date, Array, Object, Error })', context) as Realm;
  globals.boundary.realm = realm;
  // The bundle's clock is the emulator's "now": new Date() and Date.now() read it, so a test that fixes
  // "now" fixes every date the add-on computes. Other Date uses are untouched.
  (context as Record<string, unknown>).__emulatorNow = () => globals.now().getTime();
  vm.runInContext(DATE_PATCH, context);
  delete (context as Record<string, unknown>).__emulatorNow;
  const before = new Set(Object.getOwnPropertyNames(context));
  vm.runInContext(source, context, { filename });
  const out: BundleFunctions = {};
  for (const key of Object.getOwnPropertyNames(context)) {
    if (before.has(key)) continue;
    const v = (context as Record<string, unknown>)[key];
    if (typeof v === 'function') out[key] = v as (...args: unknown[]) => unknown;
  }
  // Formulas of this spreadsheet may call the bundle's @customfunction functions: Sheets runs them in
  // AuthMode.CUSTOM_FUNCTION, so they get their own copy of the bundle, loaded on first use.
  if (!options.customFunctionCopy) {
    const names = customFunctionNames(source);
    registerCustomFunctions(globals.spreadsheet, names, () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- index imports this module
      const { createAppsScriptGlobals } = require('./index') as typeof import('./index');
      const cfGlobals = createAppsScriptGlobals({
        spreadsheet: globals.spreadsheet,
        authMode: 'CUSTOM_FUNCTION',
        now: () => globals.now(),
      });
      const fns = loadBundleSource(source, cfGlobals, filename, { customFunctionCopy: true });
      const realm = cfGlobals.boundary.realm as Realm;
      // Sheets hands over Dates the function's own code recognises: rebuild them in the vm's realm.
      const inRealm = (v: unknown): unknown =>
        Array.isArray(v)
          ? v.map(inRealm)
          : Object.prototype.toString.call(v) === '[object Date]'
            ? new realm.Date((v as Date).getTime())
            : v;
      return Object.fromEntries(
        names.filter((n) => fns[n]).map((n) => [n, (...args: unknown[]) => fns[n](...args.map(inRealm))]),
      );
    });
  }
  return out;
}

export function loadBundle(codePath: string, globals: AppsScriptGlobals): BundleFunctions {
  return loadBundleSource(fs.readFileSync(codePath, 'utf8'), globals, codePath);
}
