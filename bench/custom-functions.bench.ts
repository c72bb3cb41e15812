/**
 * Custom functions through the BUILT bundle (dist/Code.js) in a bare vm with the minimal stand-in a
 * custom function may read: 10,000 rows in one call each, as Sheets would pass E2:E10001.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

const ROWS = 10_000;

const TEXTS = [
  'Send revised MSA to Jane in Legal by Fri 24/04',
  'follow up',
  '10/03 BR Agreed pricing. Board final approval on the 16th',
  'Pricing review call with the CFO next Tue 3pm',
  'Waiting for legal',
  '',
  'Demo of reporting module for procurement, Thu 3pm',
  'TBD',
  'Workshop with their IT team to agree rollout plan 18/03',
  'Circle back after their peak season',
];

export async function run(log: (line: string) => void): Promise<void> {
  const code = fs.readFileSync(path.resolve(__dirname, '..', 'dist', 'Code.js'), 'utf8');
  const context = vm.createContext({
    SpreadsheetApp: {
      getActive: () => ({
        getSpreadsheetTimeZone: () => 'Europe/London',
        getSpreadsheetLocale: () => 'en_GB',
      }),
    },
  });
  vm.runInContext(code, context);
  const fn = (name: string): ((...a: unknown[]) => unknown) =>
    (context as Record<string, (...a: unknown[]) => unknown>)[name];
  // A realistic column repeats entries ("follow up", "TBD"): here 1 row in 7 is unique.
  const steps = Array.from({ length: ROWS }, (_, i) => [
    `${TEXTS[i % TEXTS.length]}${i % 7 === 0 ? ` #${i}` : ''}`,
  ]);
  // Worst case: every row different, so nothing is shared within the call.
  const unique = Array.from({ length: ROWS }, (_, i) => [`${TEXTS[i % TEXTS.length]} #${i}`]);
  const written = Array.from({ length: ROWS }, (_, i) => [
    vm.runInContext(`new Date(${Date.UTC(2026, 2, 1 + (i % 20), 9)})`, context),
  ]);
  // One warm-up call: Apps Script keeps nothing between cells, but V8's first compile is not the steady state.
  fn('NEXTSTEP_CHECK')(steps.slice(0, 100));
  for (const [name, label, args] of [
    ['NEXTSTEP_CHECK', 'realistic column', [steps]],
    ['NEXTSTEP_SCORE', 'realistic column', [steps]],
    ['NEXTSTEP_DUE', 'realistic column', [steps]],
    ['NEXTSTEP_DUE', 'realistic column, with written_on', [steps, written]],
    ['NEXTSTEP_CHECK', 'every row unique', [unique]],
  ] as const) {
    const started = process.hrtime.bigint();
    const out = fn(name)(...args) as unknown[][];
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log(
      `${name} (${label}): ${out.length} rows in ${ms.toFixed(0)} ms (${Math.round((out.length / ms) * 1000)} rows/s)`,
    );
  }
}

if (require.main === module) void run((line) => console.log(line));
