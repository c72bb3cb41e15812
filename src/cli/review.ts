/**
 * `next-step-tracker review FILE --today YYYY-MM-DD [--tz ZONE] [--locale en_GB] [--history FILE.json]
 * [--out review.xlsx] [--json]`
 *
 * Runs the add-on's own weekly review build (the BUILT bundle, dist/Code.js) in the Apps Script
 * emulator on a CSV or XLSX pipeline, "now" being --today at 08:00 in --tz (the Monday trigger's hour).
 * --history reads the snapshot history from a JSON file before the build and writes it back after, so
 * week over week runs from files; --out writes the pipeline sheet and the review tab as XLSX; --json
 * prints the review model.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  decodeMeta,
  decodeSnapshotColumn,
  HISTORY_APP,
  HISTORY_FORMAT,
  HISTORY_SHEET_NAME,
  type HistoryFile,
} from '../core/review/codec';
import { isIsoDate } from '../core/dates/calendar';
import { dateToIsoDay } from '../core/dates/cell';
import { parseArgs } from './args';
import { UsageError, type CliIo } from './io';
import type { CliEnv, Command } from './commands/types';

const HELP = `Usage: next-step-tracker review FILE [options]

Builds the weekly pipeline-review tab from a CSV or XLSX pipeline, exactly as the add-on does
(the built dist/Code.js, run in the Apps Script emulator).

Options:
  --today YYYY-MM-DD   the review's "today" (the build runs at 08:00 that day); default: today
  --tz ZONE            IANA time zone of the spreadsheet (default: this machine's)
  --locale en_GB       spreadsheet locale: how 10/03 reads (default: from LANG, else en_US)
  --history FILE.json  snapshot history: read before the build (if the file exists), written after
  --out FILE.xlsx      write the workbook (pipeline sheet + review tab) as XLSX
  --json               print the review model as JSON (default: a short text summary)
  --help               this text

Exit codes: 0 built; 2 bad input (no such file, no next-step column, bad history file, bad option).
`;

function bundlePath(): string {
  const candidates = [
    path.resolve(__dirname, '..', 'dist', 'Code.js'), // build/cli.js
    path.resolve(__dirname, '..', '..', 'dist', 'Code.js'), // src/cli/review.ts (tests)
  ];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new UsageError('dist/Code.js is missing; run `npm run build` first');
  return found;
}

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function readHistoryFile(file: string): string[][] {
  if (!fs.existsSync(file)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`history file ${file} is not valid JSON (${(e as Error).message})`);
  }
  const h = parsed as Partial<HistoryFile>;
  if (!h || h.format !== HISTORY_APP || h.version !== HISTORY_FORMAT || !Array.isArray(h.weeks)) {
    throw new UsageError(
      `history file ${file} is not a Next Step Tracker history file (format ${HISTORY_FORMAT})`,
    );
  }
  const weeks: string[][] = [];
  for (const w of h.weeks) {
    if (!Array.isArray(w) || !w.every((c) => typeof c === 'string')) {
      throw new UsageError(`history file ${file} has a malformed week`);
    }
    const r = decodeSnapshotColumn(w);
    if (!r.snapshot) throw new UsageError(`history file ${file}: ${r.problem ?? 'a week is unreadable'}`);
    weeks.push(w as string[]);
  }
  return weeks;
}

type Globals = import('../../dev/emulator').AppsScriptGlobals;

function putHistory(g: Globals, weeks: string[][]): void {
  if (weeks.length === 0) return;
  const ss = g.SpreadsheetApp.getActive();
  const active = ss.getActiveSheet();
  const sheet = ss.insertSheet(HISTORY_SHEET_NAME, ss.getNumSheets());
  sheet.hideSheet();
  ss.setActiveSheet(active);
  const rows = Math.max(...weeks.map((w) => w.length));
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (sheet.getMaxColumns() < weeks.length)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), weeks.length - sheet.getMaxColumns());
  const grid: string[][] = [];
  for (let r = 0; r < rows; r++) grid.push(weeks.map((w) => (r < w.length ? w[r] : '')));
  const range = sheet.getRange(1, 1, rows, weeks.length);
  range.setNumberFormat('@');
  range.setValues(grid);
}

function takeHistory(g: Globals): string[][] {
  const sheet = g.SpreadsheetApp.getActive().getSheetByName(HISTORY_SHEET_NAME);
  if (!sheet || sheet.getLastRow() < 1) return [];
  const values = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
  const weeks: Array<{ id: string; cells: string[] }> = [];
  for (let c = 0; c < values[0].length; c++) {
    const cells = values.map((row) => (row[c] == null ? '' : String(row[c])));
    const meta = decodeMeta(cells[0], cells[1]).meta;
    if (!meta) continue;
    const col = cells.slice(0, 2 + meta.parts);
    if (decodeSnapshotColumn(col).snapshot) weeks.push({ id: meta.weekId, cells: col });
  }
  return weeks.sort((a, b) => (a.id < b.id ? -1 : 1)).map((w) => w.cells);
}

interface BuildResult {
  ok: boolean;
  weekId: string;
  sheetName: string;
  message: string;
  problems: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model?: any;
}

export async function runReview(argv: string[], io: CliIo, env: CliEnv): Promise<number> {
  const args = parseArgs(argv, {
    today: { value: true },
    tz: { value: true },
    locale: { value: true },
    history: { value: true },
    out: { value: true },
    json: {},
    help: {},
    h: {},
  });
  if (args.flags.help || args.flags.h) {
    io.stdout.write(HELP);
    return 0;
  }
  if (args.positionals.length !== 1) {
    throw new UsageError(
      args.positionals.length === 0 ? 'missing FILE (a CSV or XLSX pipeline)' : 'give exactly one FILE',
    );
  }
  const file = args.positionals[0];
  const tz = args.flags.tz?.[0] ?? env.timeZone;
  if (!validZone(tz))
    throw new UsageError(`--tz: unknown time zone "${tz}" (use an IANA name such as Europe/London)`);
  const locale = args.flags.locale?.[0] ?? env.locale;
  if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(locale))
    throw new UsageError(`--locale: "${locale}" is not a locale such as en_GB`);
  const today = args.flags.today?.[0] ?? dateToIsoDay(env.now, tz) ?? env.now.toISOString().slice(0, 10);
  if (!isIsoDate(today)) throw new UsageError(`--today: "${today}" is not a date of the form YYYY-MM-DD`);
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const historyFile = args.flags.history?.[0];
  const out = args.flags.out?.[0];
  if (out && !/\.xlsx$/i.test(out)) throw new UsageError(`--out: ${out} must end in .xlsx`);
  const weeks = historyFile ? readHistoryFile(historyFile) : [];
  const code = bundlePath();

  // The emulator (and its formula engine) is loaded only for this command.
  const emulator = await import('../../dev/emulator');
  const tzmod = await import('../../dev/emulator/tz');
  let ss;
  try {
    ss = await emulator.importTableFile(file, { timeZone: tz, locale });
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const [y, m, d] = today.split('-').map(Number);
  const now = tzmod.fromWallClock(tz, y, m, d, 8, 0);
  const g = emulator.createAppsScriptGlobals({
    spreadsheet: ss,
    now,
    timeZone: tz,
    locale,
    authMode: 'FULL',
  });
  putHistory(g, weeks);
  const fns = emulator.loadBundle(code, g);
  let result: BuildResult;
  try {
    result = JSON.parse(JSON.stringify(fns.buildReviewNow({ now: now.toISOString(), includeModel: true })));
  } catch (error) {
    // The add-on's UserErrors (no next-step column, ...) are the user's to fix: one line, exit 2.
    const e = error as { name?: string; message?: string };
    if (e?.name === 'UserError') throw new UsageError(String(e.message));
    throw error;
  } finally {
    g.endExecution();
  }

  if (historyFile) {
    const file: HistoryFile = { format: HISTORY_APP, version: HISTORY_FORMAT, weeks: takeHistory(g) };
    fs.writeFileSync(historyFile, `${JSON.stringify(file)}\n`);
  }
  if (out) {
    const api = g.SpreadsheetApp.getActive();
    const history = api.getSheetByName(HISTORY_SHEET_NAME);
    if (history) api.deleteSheet(history); // the workbook holds the pipeline and the review tab
    await emulator.exportXlsx(ss, out);
  }
  if (args.flags.json) io.stdout.write(`${JSON.stringify(result.model, null, 2)}\n`);
  else {
    io.stdout.write(`${result.message}\n`);
    for (const p of result.problems) io.stdout.write(`note: ${p}\n`);
    if (out) io.stdout.write(`wrote ${out}\n`);
  }
  return 0;
}

export const reviewCommand: Command = {
  name: 'review',
  summary: 'Build the weekly pipeline-review tab (and its JSON model) from a CSV or XLSX pipeline',
  help: HELP,
  run: runReview,
};
