/**
 * Weekly review at scale: a 50,000-deal pipeline built through the BUILT bundle (dist/Code.js) in the
 * emulator, twice (week 1 with no history, week 2 compared with it), against Apps Script's 6-minute
 * execution limit. Prints wall time per build, the pure compute part (engine + review model + layout,
 * run in Node), service calls, and the history's size in cells.
 */
import * as path from 'path';
import { performance } from 'perf_hooks';
import { createAppsScriptGlobals, loadBundle, type SpreadsheetFixture } from '../dev/emulator';
import { analyzeRows } from '../src/core/analyze';
import { defaultConfig } from '../src/core/config';
import { dealFactsFromRows } from '../src/core/review/facts';
import { buildReview } from '../src/core/review/model';
import { layoutReview } from '../src/core/review/layout';
import type { CellValue } from '../src/core/types';

const CODE = path.resolve(__dirname, '..', 'dist', 'Code.js');
const N = 50_000;

const STEPS = [
  'Send the revised MSA to Jane by {d}',
  'follow up',
  '',
  'Pricing call with the CFO on {d}',
  '{w} BR Agreed pricing. Board final approval on the 16th',
  'Demo of reporting module for procurement, Fri 3pm',
  'Waiting on legal',
  'Check in next week',
  'Workshop with their IT team to agree rollout plan {d}',
  'TBD',
];

function pipeline(n: number, week: number): SpreadsheetFixture {
  const owners = ['Ann Lee', 'Bob Stone', 'Cy Park', 'Dee Ray', 'Eli Moss', 'Fay Wu', 'Gus Hill', 'Hal Ng'];
  const stages = [
    'Prospecting',
    'Discovery',
    'Qualification',
    'Proposal',
    'Negotiation',
    'Closed Won',
    'Closed Lost',
  ];
  const values: CellValue[][] = [['Deal', 'Account', 'Owner', 'Stage', 'Amount', 'Next step']];
  for (let i = 0; i < n; i++) {
    const day = String(1 + ((i * 7 + week * 3) % 28)).padStart(2, '0');
    const month = String(3 + (i % 2)).padStart(2, '0');
    // A fifth of the steps change each week, so week 2 has real changes.
    const variant = i % 5 === week % 5 ? (i + week) % STEPS.length : i % STEPS.length;
    values.push([
      `Deal ${i}`,
      `Account ${i % 4000}`,
      owners[i % owners.length],
      stages[(i * 13 + (i % 9 === 0 ? week : 0)) % stages.length],
      1000 + ((i * 37) % 500) * 100,
      STEPS[variant].replace('{d}', `${day}/${month}`).replace('{w}', `0${1 + (i % 9)}/03`),
    ]);
  }
  return {
    name: 'Bench',
    timeZone: 'Europe/London',
    locale: 'en_GB',
    sheets: [
      {
        name: 'Pipeline',
        values: values as SpreadsheetFixture['sheets'][0]['values'],
        maxRows: n + 10,
        maxColumns: 8,
      },
    ],
  };
}

export async function run(log: (line: string) => void): Promise<void> {
  // Pure compute (what the bundle does between its one read and its writes).
  const fixture = pipeline(N, 1);
  const rows = (fixture.sheets[0].values as CellValue[][]).slice(1);
  const mapping = { deal: 0, account: 1, owner: 2, stage: 3, amount: 4, nextStep: 5 };
  const ctx = { today: '2026-03-11', timeZone: 'Europe/London', locale: 'en_GB' };
  let t = performance.now();
  const analyses = analyzeRows(rows, mapping, defaultConfig(), { ...ctx, firstRowNumber: 2 });
  const analyzeMs = performance.now() - t;
  t = performance.now();
  const deals = dealFactsFromRows(rows, mapping, 2, ctx);
  const { model } = buildReview({
    rows: analyses,
    deals,
    previous: [],
    today: ctx.today,
    timeZone: ctx.timeZone,
    generatedAt: '2026-03-11T08:00:00Z',
    sourceSheet: 'Pipeline',
    config: { weekStart: 'monday' },
  });
  const layout = layoutReview(model, { locale: 'en_GB' });
  const modelMs = performance.now() - t;
  log(
    `review compute, ${N} deals: analyzeRows ${analyzeMs.toFixed(0)} ms + review model and layout ${modelMs.toFixed(0)} ms`,
  );
  log(
    `review tab rows: ${layout.rows.length} (top 3 per owner per section, then every deal, capped at 1,000 per section)`,
  );

  // Through the bundle and the emulator, two weeks running.
  const g1 = createAppsScriptGlobals({ spreadsheet: fixture });
  const fns1 = loadBundle(CODE, g1);
  t = performance.now();
  const r1 = fns1.buildReviewNow({ now: '2026-03-04T08:00:00Z' }) as { ok: boolean; message: string };
  const week1Ms = performance.now() - t;
  g1.endExecution();
  if (!r1.ok) throw new Error(r1.message);
  log(
    `review build week 1 (no history), ${N} deals, bundle + emulator: ${(week1Ms / 1000).toFixed(2)} s, ${g1.ledger.total()} service calls`,
  );

  const g2 = createAppsScriptGlobals({ spreadsheet: g1.spreadsheet });
  const fns2 = loadBundle(CODE, g2);
  t = performance.now();
  const r2 = fns2.buildReviewNow({ now: '2026-03-11T08:00:00Z' }) as { ok: boolean; message: string };
  const week2Ms = performance.now() - t;
  if (!r2.ok) throw new Error(r2.message);
  log(
    `review build week 2 (with history), ${N} deals, bundle + emulator: ${(week2Ms / 1000).toFixed(2)} s, ${g2.ledger.total()} service calls`,
  );
  const history = g2.SpreadsheetApp.getActive().getSheetByName('Next Step Tracker history')!;
  const hv = history.getRange(1, 1, history.getLastRow(), history.getLastColumn()).getValues();
  const cells = hv.flat().filter((c) => c !== '').length;
  const chars = hv.flat().reduce((n: number, c) => n + String(c).length, 0);
  log(
    `history: ${cells} cells, ${(chars / 1e6).toFixed(2)} M characters for 2 weeks of ${N} deals (26 weeks ≈ ${Math.round((cells / 2) * 26)} cells)`,
  );
  log(`6-minute limit margin (week 2): ${(360_000 / week2Ms).toFixed(0)}x`);
}

if (require.main === module) {
  run((line) => console.log(line)).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
