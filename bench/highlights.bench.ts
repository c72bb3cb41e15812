/**
 * Highlights through the built bundle and the emulator, at 200 and 50,000 rows:
 * - turning them on / off: service calls (the budget that matters on Apps Script) and local time;
 * - NEXTSTEP_FACTS, the helper's one custom-function call over the whole table (Apps Script allows
 *   30 s per call): local time on realistic rows (the 200-deal fixture's texts, each made unique,
 *   every row stamped) and on the worst case (no updated stamps, so dates written without a year
 *   are probed per year);
 * - the colours of all rows on one day (the emulator's conditional-format evaluation).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  cellColours,
  createAppsScriptGlobals,
  loadBundle,
  type FixtureValue,
  type SpreadsheetFixture,
} from '../dev/emulator';

const ROOT = path.resolve(__dirname, '..');
const NOW = new Date('2026-03-11T10:00:00Z');

function fixtureRows(): FixtureValue[][] {
  const f = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'pipeline-200.json'), 'utf8'),
  ) as SpreadsheetFixture;
  return (f.sheets[0].values ?? []).slice(2);
}

/** Deal, Stage, Next step, Next step due, Next step updated; texts unique per row. */
function pipeline(rows: number, stamped: boolean): SpreadsheetFixture {
  const source = fixtureRows();
  const values: FixtureValue[][] = [['Deal', 'Stage', 'Next step', 'Next step due', 'Next step updated']];
  for (let i = 0; i < rows; i++) {
    const r = source[i % source.length];
    const text = typeof r[6] === 'string' && r[6].trim() !== '' ? `${r[6]} (#${i})` : r[6];
    values.push([`Deal ${i}`, r[3], text, r[7], stamped ? r[8] : null]);
  }
  return {
    timeZone: 'Europe/London',
    locale: 'en_GB',
    sheets: [{ name: 'Pipeline', maxRows: rows + 1, maxColumns: 6, values }],
  };
}

function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

export async function run(log: (line: string) => void): Promise<void> {
  for (const [rows, stamped] of [
    [200, true],
    [50_000, true],
    [50_000, false],
  ] as const) {
    const g = createAppsScriptGlobals({ spreadsheet: pipeline(rows, stamped), now: NOW });
    const fns = loadBundle(path.join(ROOT, 'dist', 'Code.js'), g);
    g.ledger.reset();
    let t = process.hrtime.bigint();
    fns.turnHighlightsOn();
    const onMs = ms(t);
    const onCalls = g.ledger.total();
    const sheet = g.SpreadsheetApp.getActive().getSheets()[0];
    const table = sheet.getRange(2, 1, rows, 5).getValues();
    t = process.hrtime.bigint();
    fns.NEXTSTEP_FACTS(table, 'deal=0;stage=1;nextStep=2;nextStepDue=3;nextStepUpdated=4', 'bench');
    const factsMs = ms(t);
    t = process.hrtime.bigint();
    const coloured = Object.keys(cellColours(sheet, { now: NOW })).length;
    const coloursMs = ms(t);
    g.ledger.reset();
    t = process.hrtime.bigint();
    fns.turnHighlightsOff();
    const offMs = ms(t);
    log(
      `highlights ${rows} rows${stamped ? '' : ' (no updated stamps)'}: on ${onCalls} calls ${onMs.toFixed(0)} ms, ` +
        `off ${g.ledger.total()} calls ${offMs.toFixed(0)} ms; NEXTSTEP_FACTS ${factsMs.toFixed(0)} ms; ` +
        `helper + colours of every row ${coloursMs.toFixed(0)} ms (${coloured} coloured)`,
    );
  }
}

if (require.main === module) void run((line) => console.log(line));
