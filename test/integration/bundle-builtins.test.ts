/**
 * The bundle reads JavaScript's built-ins (Math, Number, Date, ...) once, when it loads (scripts/build.js
 * passes them in as parameters), so a row's work never looks a global name up: in a Node vm context each
 * such lookup goes through the global object's interceptors and costs ~70x a local's (docs/emulator.md).
 * Shown here by taking the names off the global object after loading: the bundle still works.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

const CODE = fs.readFileSync(path.resolve(__dirname, '..', '..', 'dist', 'Code.js'), 'utf8');
const NAMES = ['Array', 'Date', 'Intl', 'JSON', 'Map', 'Math', 'Number', 'Object', 'RegExp', 'Set', 'String'];

function load(before = ''): vm.Context {
  const context = vm.createContext({
    SpreadsheetApp: {
      getActive: () => ({
        getSpreadsheetTimeZone: () => 'Europe/London',
        getSpreadsheetLocale: () => 'en_GB',
      }),
    },
  });
  if (before) vm.runInContext(before, context);
  vm.runInContext(CODE, context, { filename: 'Code.js' });
  return context;
}

const STEPS = [
  ['Send revised MSA to Jane in Legal by Fri 24/04'],
  ['follow up'],
  ['10/03 BR Agreed pricing. Board final approval on the 16th'],
  [''],
];

describe('dist/Code.js binds the built-ins at load', () => {
  test('custom functions answer the same with the built-in names gone from the global object', () => {
    const before = vm.runInContext(`NEXTSTEP_CHECK(${JSON.stringify(STEPS)})`, load()) as unknown[][];
    expect(before.map((r) => r[0])).toEqual([
      expect.stringMatching(/^OK/),
      expect.stringMatching(/^Bad/),
      expect.any(String),
      '',
    ]);

    const context = load();
    // The test's own calls go through these names too, so keep what it needs under other names first.
    vm.runInContext(
      `globalThis.__json = JSON; globalThis.__check = NEXTSTEP_CHECK; ${NAMES.map((n) => `globalThis.${n} = undefined;`).join(' ')}`,
      context,
    );
    const after = vm.runInContext(`__json.stringify(__check(${JSON.stringify(STEPS)}))`, context) as string;
    expect(JSON.parse(after)).toEqual(JSON.parse(JSON.stringify(before)));
  });

  test('a runtime without one of them still loads the bundle; only code that needs it is affected', () => {
    // Text cells never need Intl (only Date cells are formatted in the sheet's zone).
    const context = load('delete globalThis.Intl;');
    const out = vm.runInContext(
      `NEXTSTEP_CHECK([["follow up"], ["Send the deck to Jane by Fri"]])`,
      context,
    ) as unknown[][];
    expect(out.map((r) => r[0])).toEqual([expect.stringMatching(/^Bad/), expect.stringMatching(/^OK/)]);
  });
});
