/**
 * Highlights on/off through the built bundle and the emulator on 50,000 rows: the call count (the
 * budget that matters on Apps Script) and the local compute time.
 */
import * as path from 'path';
import {
  createAppsScriptGlobals,
  loadBundle,
  type FixtureValue,
  type SpreadsheetFixture,
} from '../dev/emulator';

function pipeline(rows: number): SpreadsheetFixture {
  const values: FixtureValue[][] = [['Deal', 'Stage', 'Next step', 'Next step due', 'Next step updated']];
  for (let i = 0; i < rows; i++)
    values.push([`Deal ${i}`, 'Negotiation', 'follow up', null, { $date: '2026-02-01T09:00:00Z' }]);
  return {
    timeZone: 'Europe/London',
    locale: 'en_GB',
    sheets: [{ name: 'Pipeline', maxRows: rows + 1, maxColumns: 6, values }],
  };
}

export async function run(log: (line: string) => void): Promise<void> {
  for (const rows of [200, 50_000]) {
    const g = createAppsScriptGlobals({ spreadsheet: pipeline(rows), now: new Date('2026-03-11T10:00:00Z') });
    const fns = loadBundle(path.resolve(__dirname, '..', 'dist', 'Code.js'), g);
    g.ledger.reset();
    let t = process.hrtime.bigint();
    fns.turnHighlightsOn();
    const onMs = Number(process.hrtime.bigint() - t) / 1e6;
    const onCalls = g.ledger.total();
    g.ledger.reset();
    t = process.hrtime.bigint();
    fns.turnHighlightsOff();
    const offMs = Number(process.hrtime.bigint() - t) / 1e6;
    log(
      `highlights ${rows} rows: on ${onCalls} calls ${onMs.toFixed(1)} ms, off ${g.ledger.total()} calls ${offMs.toFixed(1)} ms`,
    );
  }
}

if (require.main === module) void run((line) => console.log(line));
