/** Shared set-up for the review integration tests: the BUILT bundle in the emulator. */
import * as fs from 'fs';
import * as path from 'path';
import {
  createAppsScriptGlobals,
  loadBundle,
  type AppsScriptGlobals,
  type BundleFunctions,
  type EmulatedSpreadsheet,
  type SpreadsheetFixture,
} from '../../../dev/emulator';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CODE = path.join(ROOT, 'dist', 'Code.js');
export const FIXTURE_200 = path.join(ROOT, 'test', 'fixtures', 'pipeline-200.json');

export function fixture200(): SpreadsheetFixture {
  return JSON.parse(fs.readFileSync(FIXTURE_200, 'utf8')) as SpreadsheetFixture;
}

export interface Run {
  g: AppsScriptGlobals;
  fns: BundleFunctions;
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
}

/** One execution of the bundle on a spreadsheet (shared stores: properties, locks, triggers). */
export function execution(
  spreadsheet: EmulatedSpreadsheet | SpreadsheetFixture,
  options: { now?: string; user?: string } = {},
): Run {
  const g = createAppsScriptGlobals({
    spreadsheet,
    now: new Date(options.now ?? '2026-03-11T08:00:00Z'),
    user: options.user ? { email: options.user } : undefined,
  });
  const fns = loadBundle(CODE, g);
  return { g, fns, ss: g.SpreadsheetApp.getActive() };
}

export interface BuildResult {
  ok: boolean;
  weekId: string;
  sheetName: string;
  message: string;
  problems: string[];
  summary: Record<string, unknown> | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model?: any;
}

export function build(run: Run, nowIso: string, includeModel = true): BuildResult {
  try {
    return run.fns.buildReviewNow({ now: nowIso, includeModel }) as BuildResult;
  } catch (error) {
    // A UserError thrown inside the bundle (another realm): keep its name and message.
    const e = error as { name?: string; message?: string };
    if (e?.name !== 'UserError') throw error;
    return { ok: false, weekId: '', sheetName: '', message: String(e.message), problems: [], summary: null };
  } finally {
    run.g.endExecution();
  }
}

/** A synthetic pipeline of n deals (header row 1), deterministic. */
export function syntheticPipeline(n: number): SpreadsheetFixture {
  const owners = ['Ann Lee', 'Bob Stone', 'Cy Park', 'Dee Ray'];
  const stages = ['Discovery', 'Proposal', 'Negotiation', 'Closed Won'];
  const steps = [
    'Send the revised MSA to Jane by 20/03',
    'follow up',
    '',
    'Pricing call with the CFO on 09/03',
    'Demo for procurement Fri 3pm',
    '=IMPORTXML("http://example.com","//a")',
    'Waiting on legal',
  ];
  const values: Array<Array<string | number | null>> = [
    ['Deal', 'Account', 'Owner', 'Stage', 'Amount', 'Next step'],
  ];
  for (let i = 0; i < n; i++) {
    values.push([
      `Deal ${i} "${i % 3 === 0 ? 'big' : 'small'}"`,
      `Account ${i % 50}`,
      owners[i % owners.length],
      stages[(i * 7) % stages.length],
      1000 + ((i * 37) % 100) * 100,
      steps[i % steps.length],
    ]);
  }
  return {
    name: 'Synthetic',
    timeZone: 'Europe/London',
    locale: 'en_GB',
    sheets: [{ name: 'Pipeline', values, maxRows: n + 10, maxColumns: 10 }],
  };
}

/**
 * Locates a section on the review tab by its title prefix: rows (1-based) of the deals it lists
 * (the "+N more for …" lines skipped).
 */
export function sectionRows(values: unknown[][], titlePrefix: string): number[] {
  const start = values.findIndex(
    (r) => typeof r[0] === 'string' && (r[0] as string).startsWith(`${titlePrefix} (`),
  );
  if (start < 0) throw new Error(`section ${titlePrefix} not found`);
  const header = values.findIndex((r, i) => i > start && r[0] === 'Deal');
  const rows: number[] = [];
  for (let i = header + 1; i < values.length; i++) {
    const a = values[i][0];
    if (a === '' || a === 'None.' || (typeof a === 'string' && a.startsWith('… and '))) break;
    if (typeof a === 'string' && /^\+\d+ more for /.test(a)) continue;
    rows.push(i + 1);
  }
  return rows;
}
