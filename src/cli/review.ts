/**
 * `next-step-tracker review FILE --today YYYY-MM-DD [--tz ZONE] [--locale en_GB] [--currency GBP]
 * [--history FILE.json] [--out review.xlsx] [--json]`
 *
 * The add-on's weekly review built from a CSV or XLSX pipeline in Node, on the same core as the
 * add-on (engine, review model, the tab's layout), with the tab rendered to XLSX by exceljs
 * (review-xlsx.ts). Nothing here needs dev/ or a formula engine.
 *
 * Nothing is lost on failure: the workbook and the history are built in memory, written to temporary
 * files beside their targets, and renamed into place only when both were written; `--out` naming the
 * input (or the history file) is refused before anything is read.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { analyzeRows } from '../core/analyze';
import { detectColumns } from '../core/columns';
import { isIsoDate } from '../core/dates/calendar';
import { dateToIsoDay } from '../core/dates/cell';
import { wallClockFormatter } from '../core/dates/wall-clock-format';
import {
  decodeSnapshotColumn,
  encodeSnapshotColumn,
  HISTORY_APP,
  HISTORY_FORMAT,
  KEEP_WEEKS_DEFAULT,
  type HistoryFile,
} from '../core/review/codec';
import { dealFactsFromRows } from '../core/review/facts';
import { layoutReview, reviewMarker, reviewSheetName, reviewWeekOf } from '../core/review/layout';
import { buildReview, type Snapshot } from '../core/review/model';
import { applyCloseLoop } from '../core/review/close-loop';
import { weekIdFor } from '../core/review/week';
import { currencySymbolFor } from '../core/review/words';
import type { CellValue, ColumnRole } from '../core/types';
import { parseArgs, type FlagSpec } from './args';
import { UsageError, type CliIo } from './io';
import { addCharts, addReviewSheet, internalLinksOnly, safeSheetName } from './review-xlsx';
import { readTableFile, TableFileError } from './table-file';
import { loadConfigFlag, parseColumnFlags, SHARED_FLAGS, SHARED_HELP } from './shared-options';
import { decideDateOrder, scanRows } from '../core/dates/date-order';
import type { CliEnv, Command } from './commands/types';

const HELP = `Usage: next-step-tracker review FILE [options]

Builds the weekly pipeline-review tab from a CSV or XLSX pipeline, as the add-on does.

Options:
  --today YYYY-MM-DD   the review's "today" (the build runs at 08:00 that day); default: today
  --tz ZONE            IANA time zone of the spreadsheet (default: this machine's)
  --locale en_GB       spreadsheet locale: how 10/03 reads and how dates are shown (default: from
                       the file's own dates when they tell, else from LANG, else en_US)
  --currency GBP       currency of the amounts (a code such as GBP, USD, EUR or a symbol such as £),
                       when the pipeline's amount column has no number format of its own
  --history FILE.json  snapshot history: read before the build (if the file exists), written after
  --out FILE.xlsx      write the workbook (the pipeline sheet(s) + the review tab) as XLSX; must not be
                       the input file
  --json               print the review model as JSON (default: a short text summary)
${SHARED_HELP}
  --help               this text

Exit codes: 0 built; 2 bad input (no such file, no next-step column, bad history file, bad option,
--out naming the input) or a file that could not be written (then no file was changed).
`;

/** The review's own options (the table options shared with check are parsed beside them). */
export const REVIEW_FLAGS: Record<string, FlagSpec> = {
  today: { value: true },
  tz: { value: true },
  locale: { value: true },
  currency: { value: true },
  history: { value: true },
  out: { value: true },
  json: {},
  help: {},
  h: {},
};

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The instant of `hour`:00 on `day` in `timeZone` (two passes settle a DST offset). */
export function wallClockInstant(day: string, hour: number, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, hour);
  const offset = (t: number): number => {
    const p: Record<string, number> = {};
    for (const x of wallClockFormatter(timeZone).formatToParts(new Date(t))) {
      if (x.type !== 'literal' && x.type !== 'weekday') p[x.type] = Number(x.value);
    }
    return (
      Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) - Math.floor(t / 1000) * 1000
    );
  };
  let t = wall - offset(wall);
  t = wall - offset(t);
  return new Date(t);
}

/** Reads --history: its weeks (columns) and their snapshots. Missing file → none. */
function readHistoryFile(file: string): { weeks: string[][]; snapshots: Snapshot[] } {
  if (!fs.existsSync(file)) return { weeks: [], snapshots: [] };
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
  const snapshots: Snapshot[] = [];
  for (const w of h.weeks) {
    if (!Array.isArray(w) || !w.every((c) => typeof c === 'string')) {
      throw new UsageError(`history file ${file} has a malformed week`);
    }
    const r = decodeSnapshotColumn(w);
    if (!r.snapshot) throw new UsageError(`history file ${file}: ${r.problem ?? 'a week is unreadable'}`);
    weeks.push(w as string[]);
    snapshots.push(r.snapshot);
  }
  return { weeks, snapshots };
}

/** The history with this week's column put in (a rebuilt week replaces its own), newest 26 kept. */
function nextHistory(weeks: string[][], snapshot: Snapshot, keep = KEEP_WEEKS_DEFAULT): HistoryFile {
  const byWeek = new Map<string, string[]>(weeks.map((w) => [w[0], w]));
  byWeek.set(snapshot.weekId, encodeSnapshotColumn(snapshot));
  const sorted = [...byWeek.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, w]) => w);
  return {
    format: HISTORY_APP,
    version: HISTORY_FORMAT,
    weeks: sorted.slice(Math.max(0, sorted.length - keep)),
  };
}

/** The path a file will be written to, with symlinks and `..` resolved (for "same file" checks). */
function realTarget(file: string): string {
  const abs = path.resolve(file);
  try {
    return fs.realpathSync(abs);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

function sameFile(a: string, b: string): boolean {
  const x = realTarget(a);
  const y = realTarget(b);
  return process.platform === 'win32' || process.platform === 'darwin'
    ? x.toLowerCase() === y.toLowerCase()
    : x === y;
}

/** The file operations commitFiles uses (a seam for fault-injection tests: disk full, no permission). */
export const fileOps = {
  writeFileSync: (file: string, data: Buffer | string): void => fs.writeFileSync(file, data),
  renameSync: (from: string, to: string): void => fs.renameSync(from, to),
};

/**
 * Writes every file or none: each to a temporary file beside its target, then all renamed into place.
 * When a rename fails after another succeeded, the earlier target is put back as it was.
 */
export function commitFiles(files: Array<{ path: string; data: Buffer | string }>): void {
  const staged: Array<{ path: string; tmp: string; before: Buffer | null }> = [];
  try {
    for (const f of files) {
      const tmp = path.join(
        path.dirname(path.resolve(f.path)),
        `.${path.basename(f.path)}.${process.pid}.tmp`,
      );
      const before = fs.existsSync(f.path) ? fs.readFileSync(f.path) : null;
      staged.push({ path: f.path, tmp, before });
      fileOps.writeFileSync(tmp, f.data);
    }
  } catch (error) {
    for (const s of staged) fs.rmSync(s.tmp, { force: true });
    throw new UsageError(
      `could not write ${staged[staged.length - 1]?.path}: ${(error as Error).message}; no file was changed`,
    );
  }
  const done: typeof staged = [];
  try {
    for (const s of staged) {
      fileOps.renameSync(s.tmp, s.path);
      done.push(s);
    }
  } catch (error) {
    for (const s of done) {
      if (s.before) fs.writeFileSync(s.path, s.before);
      else fs.rmSync(s.path, { force: true });
    }
    for (const s of staged) fs.rmSync(s.tmp, { force: true });
    throw new UsageError(
      `could not write ${staged[done.length]?.path}: ${(error as Error).message}; no file was changed`,
    );
  }
}

/** CSV text cells that are plain numbers become numbers in the workbook (as Sheets' import does). */
function workbookValue(v: CellValue): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) && v.trim().length < 16) return Number(v);
  return v as ExcelJS.CellValue;
}

interface Pipeline {
  /** The workbook that will be written: the input XLSX as it is, or the CSV as one sheet. */
  workbook: ExcelJS.Workbook;
  sheetName: string;
  rows: CellValue[][];
  headerRowIndex: number;
  mapping: ReturnType<typeof detectColumns>['mapping'];
  problems: string[];
  /** The amount column's number format in an XLSX input (first data cell), else null. */
  amountFormat: string | null;
}

async function readPipelineFile(
  file: string,
  explicit: Partial<Record<ColumnRole, string>> = {},
): Promise<Pipeline> {
  let sheets;
  try {
    sheets = (await readTableFile(file)).sheets;
  } catch (err) {
    if (err instanceof TableFileError) throw new UsageError(err.message);
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const detections = sheets.map((s) => ({ sheet: s, detection: detectColumns(s.rows, { explicit }) }));
  const chosen = detections.find((d) => d.detection.mapping.nextStep !== undefined);
  if (!chosen) {
    const why =
      detections[0]?.detection.problems.find((p) => p.startsWith('No next-step')) ??
      'No next-step column found';
    throw new UsageError(`${file}: ${why}`);
  }
  const { sheet, detection } = chosen;
  const isXlsx = /\.xls[xm]$/i.test(file) || !/\.(csv|tsv)$/i.test(file);
  const workbook = new ExcelJS.Workbook();
  let sheetName: string;
  let amountFormat: string | null = null;
  if (isXlsx) {
    try {
      await workbook.xlsx.readFile(file);
    } catch (err) {
      throw new UsageError(`cannot read ${file} as an XLSX workbook: ${(err as Error).message}`);
    }
  }
  const ws = workbook.getWorksheet(sheet.name);
  if (ws) {
    sheetName = ws.name;
    const col = detection.mapping.amount;
    // The first format among the column's first 20 data cells that formats numbers (as the add-on reads it).
    for (let r = detection.headerRowIndex + 2; col !== undefined && r < detection.headerRowIndex + 22; r++) {
      const f = ws.getCell(r, col + 1).numFmt;
      if (f && /[0#]/.test(f) && !/^0\.#+$/.test(f)) {
        amountFormat = f;
        break;
      }
    }
  } else {
    sheetName = safeSheetName(sheet.name);
    const out = workbook.addWorksheet(sheetName);
    sheet.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        const value = workbookValue(v);
        if (value !== null) out.getCell(r + 1, c + 1).value = value;
      });
    });
  }
  return {
    workbook,
    sheetName,
    rows: sheet.rows,
    headerRowIndex: detection.headerRowIndex,
    mapping: detection.mapping,
    problems: detection.problems,
    amountFormat,
  };
}

export async function runReview(argv: string[], io: CliIo, env: CliEnv): Promise<number> {
  const args = parseArgs(argv, { ...REVIEW_FLAGS, ...SHARED_FLAGS });
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
  let locale = args.flags.locale?.[0] ?? env.locale;
  if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(locale))
    throw new UsageError(`--locale: "${locale}" is not a locale such as en_GB`);
  const today = args.flags.today?.[0] ?? dateToIsoDay(env.now, tz) ?? env.now.toISOString().slice(0, 10);
  if (!isIsoDate(today)) throw new UsageError(`--today: "${today}" is not a date of the form YYYY-MM-DD`);
  const currencyFlag = args.flags.currency?.[0];
  const currency = currencyFlag === undefined ? null : currencySymbolFor(currencyFlag);
  if (currencyFlag !== undefined && !currency)
    throw new UsageError(`--currency: "${currencyFlag}" is not a currency code (GBP) or symbol (£)`);
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const historyFile = args.flags.history?.[0];
  const out = args.flags.out?.[0];
  if (out && !/\.xlsx$/i.test(out)) throw new UsageError(`--out: ${out} must end in .xlsx`);
  if (out && sameFile(out, file))
    throw new UsageError(`--out ${out} is the input file; write the review to another file`);
  if (out && historyFile && sameFile(out, historyFile))
    throw new UsageError(`--out ${out} is the --history file; give them different names`);
  const history = historyFile ? readHistoryFile(historyFile) : { weeks: [], snapshots: [] };
  const explicit = parseColumnFlags(args.flags.column ?? []);
  const config = await loadConfigFlag(args.flags.config?.[0]);

  const pipeline = await readPipelineFile(file, explicit);
  // No --locale: the file's own numeric dates say day- or month-first (core/dates/date-order.ts).
  if (args.flags.locale === undefined)
    locale = decideDateOrder(scanRows(pipeline.rows), { fallback: env.locale }).locale;
  const now = wallClockInstant(today, 8, tz);
  const ctx = { today, timeZone: tz, locale };
  const body = pipeline.rows.slice(pipeline.headerRowIndex + 1);
  const firstRow = pipeline.headerRowIndex + 2;
  const rows = analyzeRows(body, pipeline.mapping, config, { ...ctx, firstRowNumber: firstRow });
  const deals = dealFactsFromRows(body, pipeline.mapping, firstRow, ctx);
  const weekId = weekIdFor(today, config.weekStart);
  const reviewInput = {
    rows,
    deals,
    previous: history.snapshots,
    today,
    timeZone: tz,
    weekId,
    generatedAt: now.toISOString(),
    sourceSheet: pipeline.sheetName,
    config: { weekStart: config.weekStart, trendWeeks: KEEP_WEEKS_DEFAULT },
    problems: pipeline.problems,
  };
  // A file has no next-step log and no snoozes: slippage and completion come from the snapshots
  // (--history), the same rules as in the add-on (core/review/close-loop.ts).
  const { model, snapshot } = applyCloseLoop(buildReview(reviewInput), reviewInput, {
    entries: [],
    snoozes: {},
  });

  const files: Array<{ path: string; data: Buffer | string }> = [];
  if (out) {
    const wb = pipeline.workbook;
    const name = reviewSheetName(weekId);
    const old = wb.getWorksheet(name);
    if (old) {
      const a1 = old.getCell(1, 1).note;
      const noteText = typeof a1 === 'string' ? a1 : (a1?.texts ?? []).map((t) => t.text).join('');
      if (reviewWeekOf(old.name, noteText) !== weekId) {
        throw new UsageError(
          `${file} has a sheet named "${name}" that Next Step Tracker did not build; rename it first`,
        );
      }
      wb.removeWorksheet(old.id);
    }
    const layout = layoutReview(model, {
      locale,
      amountColumnFormat: pipeline.amountFormat,
      currencySymbol: currency,
    });
    addReviewSheet(wb, name, layout, pipeline.sheetName, reviewMarker(weekId, pipeline.sheetName));
    const written = Buffer.from(await wb.xlsx.writeBuffer());
    files.push({ path: out, data: await addCharts(await internalLinksOnly(written), name, layout.charts) });
  }
  if (historyFile) {
    files.push({ path: historyFile, data: `${JSON.stringify(nextHistory(history.weeks, snapshot))}\n` });
  }
  commitFiles(files);

  if (args.flags.json) io.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
  else {
    const s = model.summary;
    io.stdout.write(
      `Built "${reviewSheetName(weekId)}": ${s.openDeals} open deals, ${Math.round(s.okShare * 100)}% with an OK ` +
        `next step, ${s.overdue} overdue, ${s.dueThisWeek} due this week.\n`,
    );
    for (const p of model.problems) io.stdout.write(`note: ${p}\n`);
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
