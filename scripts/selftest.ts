/**
 * `npm run selftest`: the add-on's in-sheet self-test (Extensions ▸ Next Step Tracker ▸ Run self-test)
 * run through the built dist/Code.js in the emulator, on the 200-deal fixture, exactly as a person
 * would run it in a real sheet. Prints the report; the last line is `self-test: N passed, M failed`.
 *
 * Flip an emulator belief to see the matching line fail (the rest still run):
 *   --flip builder   ConditionalFormatRuleBuilder.build() shares the builder's state
 *   --flip lock      LockService.getDocumentLock() returns null
 *   --flip scope     the manifest lacks userinfo.email (or --missing-scope <url> for another scope)
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  createAppsScriptGlobals,
  loadBundle,
  manifestScopes,
  SCOPE,
  spreadsheetToFixture,
  type AppsScriptGlobals,
  type Beliefs,
  type BundleFunctions,
  type SpreadsheetFixture,
} from '../dev/emulator';

const ROOT = path.resolve(__dirname, '..');
export const FIXTURE_NOW = new Date('2026-03-11T10:00:00Z');
const USER = 'ben.reid@example.com';

export interface SelfTestLine {
  id: string;
  check: string;
  expected: string;
  seen: string;
  pass: boolean;
}

export interface SelfTestRun {
  lines: SelfTestLine[];
  passed: number;
  failed: number;
  text: string;
  /** Service calls the run made (the emulator's ledger). */
  calls: number;
  /** Real time the run took in the emulator (reported, never asserted; the bundle's clock is fixed). */
  elapsedMs: number;
  /** The dialog's HTML as shown (empty if none was shown). */
  dialogHtml: string;
  /** Document state before and after (fixture JSON, properties, triggers, active sheet/range). */
  before: string;
  after: string;
}

export interface Flips {
  builder?: boolean;
  lock?: boolean;
  /** A scope to drop from the manifest's grant. */
  missingScope?: string;
  /** Tests: the spreadsheet to run on (default: the 200-deal fixture). */
  spreadsheet?: SpreadsheetFixture;
  /** Tests: runs before the "before" snapshot, with every scope and belief as the flips say. */
  prepare?: (fns: BundleFunctions, g: AppsScriptGlobals) => void;
}

function fixture(): SpreadsheetFixture {
  return JSON.parse(
    fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'pipeline-200.json'), 'utf8'),
  ) as SpreadsheetFixture;
}

/** Everything the self-test promises to leave as it was, read from the model (not counted). */
function documentState(g: AppsScriptGlobals): string {
  const ss = g.spreadsheet;
  const props = g.PropertiesService.getDocumentProperties()?.getProperties() ?? {};
  const triggers = g.ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction());
  const active = g.SpreadsheetApp.getActive().getActiveSheet().getName();
  const range = g.SpreadsheetApp.getActive().getActiveRange()?.getA1Notation() ?? '';
  return JSON.stringify({ fixture: spreadsheetToFixture(ss), props, triggers, active, range });
}

export function runSelfTestInEmulator(flips: Flips = {}): SelfTestRun {
  const beliefs: Beliefs = { builderSharesState: !!flips.builder, nullDocumentLock: !!flips.lock };
  const granted = manifestScopes() ?? [];
  const oauthScopes = flips.missingScope ? granted.filter((s) => s !== flips.missingScope) : granted;
  const g = createAppsScriptGlobals({
    spreadsheet: flips.spreadsheet ?? fixture(),
    now: FIXTURE_NOW,
    user: { email: USER },
    oauthScopes,
    beliefs,
  });
  // The observer reads state with every scope and no flipped belief, so "before = after" is judged fairly.
  const observer = createAppsScriptGlobals({
    spreadsheet: g.spreadsheet,
    now: FIXTURE_NOW,
    user: { email: USER },
    oauthScopes: null,
  });
  const fns = loadBundle(path.join(ROOT, 'dist', 'Code.js'), g);
  if (flips.prepare) {
    flips.prepare(fns, g);
    g.ui.dialogs.length = 0;
  }
  const before = documentState(observer);
  const calls0 = g.ledger.total();
  const t0 = performance.now();
  const report = fns.runSelfTest() as Omit<SelfTestRun, 'calls' | 'before' | 'after' | 'dialogHtml'>;
  g.endExecution();
  const after = documentState(observer);
  const dialog = g.ui.dialogs[g.ui.dialogs.length - 1];
  return {
    lines: report.lines,
    passed: report.passed,
    failed: report.failed,
    text: report.text,
    calls: g.ledger.total() - calls0,
    elapsedMs: Math.round(performance.now() - t0),
    dialogHtml: dialog ? String(dialog.html) : '',
    before,
    after,
  };
}

function parseFlips(argv: string[]): Flips {
  const flips: Flips = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--flip') {
      const what = argv[++i];
      if (what === 'builder') flips.builder = true;
      else if (what === 'lock') flips.lock = true;
      else if (what === 'scope') flips.missingScope = SCOPE.userinfoEmail;
      else throw new Error(`--flip takes builder, lock or scope, not ${JSON.stringify(what)}`);
    } else if (a === '--missing-scope') flips.missingScope = argv[++i];
    else throw new Error(`unknown option ${a} (see scripts/selftest.ts)`);
  }
  return flips;
}

if (require.main === module) {
  const run = runSelfTestInEmulator(parseFlips(process.argv.slice(2)));
  const lines = run.text.split('\n');
  const summary = lines.pop();
  console.log(lines.join('\n'));
  console.log(
    `${run.calls} Apps Script service calls in ${run.elapsedMs} ms (emulator); spreadsheet ${run.before === run.after ? 'unchanged' : 'CHANGED'}`,
  );
  console.log(summary);
  process.exitCode = run.failed === 0 && run.before === run.after ? 0 : 1;
}
