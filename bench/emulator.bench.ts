/**
 * Emulator bench: load a 50,000 × 15 fixture, round-trip getValues/setValues on it, and evaluate a
 * formula conditional-format rule over every row.
 */
import { performance } from 'perf_hooks';
import { createAppsScriptGlobals, evaluateConditionalFormats, spreadsheetFromFixture } from '../dev/emulator';
import { generateLargeFixture } from '../dev/fixtures/generate-pipeline';
import type { SpreadsheetFixture } from '../dev/emulator';

const ROWS = 50_000;
const COLS = 15;

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

export async function run(log: (line: string) => void): Promise<void> {
  const json = JSON.stringify(generateLargeFixture(ROWS, COLS));
  const [ss, loadMs] = time(() => spreadsheetFromFixture(JSON.parse(json) as SpreadsheetFixture));
  log(
    `emulator: load ${ROWS.toLocaleString('en')} × ${COLS} fixture (${(json.length / 1e6).toFixed(1)} MB JSON): ${loadMs.toFixed(0)} ms`,
  );

  let now = new Date('2026-03-11T10:00:00Z');
  const g = createAppsScriptGlobals({ spreadsheet: ss, now: () => now });
  const sheet = g.SpreadsheetApp.getActiveSheet();
  const range = sheet.getRange(2, 1, ROWS, COLS);
  const [values, getMs] = time(() => range.getValues());
  log(`emulator: getValues ${ROWS.toLocaleString('en')} × ${COLS}: ${getMs.toFixed(0)} ms`);
  const [, setMs] = time(() => range.setValues(values));
  log(`emulator: setValues ${ROWS.toLocaleString('en')} × ${COLS}: ${setMs.toFixed(0)} ms`);
  const [, getAgainMs] = time(() => range.getValues());
  log(`emulator: getValues after setValues: ${getAgainMs.toFixed(0)} ms`);
  const [, displayMs] = time(() => sheet.getRange(2, 1, ROWS, 4).getDisplayValues());
  log(`emulator: getDisplayValues ${ROWS.toLocaleString('en')} × 4: ${displayMs.toFixed(0)} ms`);

  sheet.setConditionalFormatRules([
    g.SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=AND($C2<>"",$C2<TODAY())')
      .setBackground('#f4cccc')
      .setRanges([sheet.getRange(2, 3, ROWS, 1)])
      .build(),
  ]);
  const [matches, cfMs] = time(() => evaluateConditionalFormats(sheet));
  log(
    `emulator: evaluate a formula CF rule over ${ROWS.toLocaleString('en')} cells: ${cfMs.toFixed(0)} ms (${matches[0].cells.length} coloured)`,
  );
  const [, cfAgainMs] = time(() => evaluateConditionalFormats(sheet));
  log(`emulator: re-evaluate the unchanged rule: ${cfAgainMs.toFixed(0)} ms`);
  // TODAY() is recomputed only when the day changes in the sheet's zone, not when the clock ticks.
  now = new Date(now.getTime() + 1);
  const [, tickMs] = time(() => evaluateConditionalFormats(sheet));
  log(`emulator: re-evaluate after the clock moved 1 ms (same day): ${tickMs.toFixed(0)} ms`);
  now = new Date(now.getTime() + 86_400_000);
  const [, dayMs] = time(() => evaluateConditionalFormats(sheet));
  log(
    `emulator: re-evaluate after the clock moved to the next day (TODAY() recomputed): ${dayMs.toFixed(0)} ms`,
  );
}

if (require.main === module) {
  run((line) => console.log(line)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
