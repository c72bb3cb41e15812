import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadBundle, loadBundleSource } from '../../../dev/emulator';
import { globals } from './helpers';

const BUNDLE = `
var counter = 0;
function probe() {
  return {
    require: typeof require, process: typeof process, Buffer: typeof Buffer, module: typeof module,
    setTimeout: typeof setTimeout, global: typeof global, fetch: typeof fetch,
    SpreadsheetApp: typeof SpreadsheetApp, PropertiesService: typeof PropertiesService, Utilities: typeof Utilities,
    Logger: typeof Logger, ScriptApp: typeof ScriptApp, Session: typeof Session, LockService: typeof LockService,
    CacheService: typeof CacheService, HtmlService: typeof HtmlService,
  };
}
function readRow() {
  var v = SpreadsheetApp.getActiveSheet().getRange('A1:B1').getValues();
  return [v instanceof Array, v[0] instanceof Array, v[0][1] instanceof Date, v[0][0]];
}
function failing() {
  try { SpreadsheetApp.getActiveSheet().getRange(0, 1); } catch (e) { return [e instanceof Error, e.message]; }
}
function bump() { counter++; return counter; }
const arrow = () => 1;
`;

describe('loadBundle', () => {
  test('the vm holds only the Apps Script services and JS builtins', () => {
    const fns = loadBundleSource(BUNDLE, globals());
    expect(fns.probe()).toEqual({
      require: 'undefined',
      process: 'undefined',
      Buffer: 'undefined',
      module: 'undefined',
      setTimeout: 'undefined',
      global: 'undefined',
      fetch: 'undefined',
      SpreadsheetApp: 'object',
      PropertiesService: 'object',
      Utilities: 'object',
      Logger: 'object',
      ScriptApp: 'object',
      Session: 'object',
      LockService: 'object',
      CacheService: 'object',
      HtmlService: 'object',
    });
  });

  test('returns top-level function declarations only, which keep their state', () => {
    const fns = loadBundleSource(BUNDLE, globals());
    expect(Object.keys(fns).sort()).toEqual(['bump', 'failing', 'probe', 'readRow']);
    fns.bump();
    expect(fns.bump()).toBe(2);
  });

  test("values and errors crossing into the bundle belong to the bundle's realm", () => {
    const g = globals();
    g.SpreadsheetApp.getActiveSheet()
      .getRange('A1:B1')
      .setValues([['x', new Date('2026-03-10T00:00:00Z')]]);
    const fns = loadBundleSource(BUNDLE, g);
    expect(fns.readRow()).toEqual([true, true, true, 'x']);
    expect(fns.failing()).toEqual([true, 'The starting row of the range is too small.']);
  });

  test('calls from the bundle are counted', () => {
    const g = globals();
    loadBundleSource(BUNDLE, g).readRow();
    expect(g.ledger.count('Range.getValues')).toBe(1);
  });

  test('loadBundle reads the file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'emu-bundle-')), 'Code.js');
    fs.writeFileSync(file, 'function hello() { return Session.getActiveUser().getEmail(); }');
    expect(loadBundle(file, globals({ user: { email: 'a@b.c' } })).hello()).toBe('a@b.c');
  });
});

describe('the bundle clock', () => {
  test('new Date() and Date.now() inside the bundle read the emulator "now"; other Date uses work', () => {
    const g = globals({ now: new Date('2026-03-11T10:00:00Z') });
    const fns = loadBundleSource(
      `function clock() {
        var d = new Date(2026, 0, 31);
        return [new Date().toISOString(), Date.now(), new Date('2020-01-01T00:00:00Z').getTime(),
          d.getDate(), d instanceof Date, typeof Date(), Date.UTC(2026, 0, 1)];
      }`,
      g,
    );
    expect(fns.clock()).toEqual([
      '2026-03-11T10:00:00.000Z',
      Date.parse('2026-03-11T10:00:00Z'),
      Date.parse('2020-01-01T00:00:00Z'),
      31,
      true,
      'string',
      Date.UTC(2026, 0, 1),
    ]);
  });
});
