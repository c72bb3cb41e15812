/**
 * The weekly review's entry points: the menu item, the sidebar RPC and the shared build that the
 * weekly trigger (weekly-trigger.ts) also runs. Thin: read settings and the pipeline once, let core
 * judge rows and build the review model, let sheets/ write the history column and the review tab.
 *
 * Two builds never interleave: each holds LockService.getDocumentLock() (tryLock, 30 s) for its
 * whole read-compute-write; a second build meanwhile gets a clear message instead of waiting forever.
 */
import { analyzeRows } from '../core/analyze';
import type { ReviewRunRecord } from '../core/rpc-contract';
import { dealFactsFromRows } from '../core/review/facts';
import { applyCloseLoop } from '../core/review/close-loop';
import { applySnoozes } from '../core/snooze';
import { loadSnoozes } from '../sheets/snoozes';
import { readStepLog } from '../sheets/step-log';
import { buildReview, type ReviewModel, type ReviewSummary } from '../core/review/model';
import { weekIdFor } from '../core/review/week';
import { loadSettings } from '../sheets/settings';
import { readPipeline } from '../sheets/pipeline';
import { readPipelineSheet } from '../sheets/pipeline-sheet';
import { DEFAULT_KEEP_WEEKS, readHistory, writeSnapshot } from '../sheets/history';
import { DEFAULT_RETENTION, readAmountFormat, writeReviewTab } from '../sheets/review-writer';
import { analysisContext } from './context';
import { UserError, runWithUserErrors } from './user-error';
import { documentOrUserLock } from './document-lock';
import { documentProperties, requireDocumentProperties } from '../sheets/document-store';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Document property with the review's own settings: JSON {retention?, maxRowsPerSection?, keepWeeks?}. */
export const REVIEW_SETTINGS_KEY = 'nst.review';
export const LOCK_TIMEOUT_MS = 30_000;
export const BUSY_MESSAGE =
  'Another weekly review build is running in this spreadsheet. Wait a minute for it to finish, then try again.';
const TITLE = 'Next Step Tracker: weekly review';

export interface ReviewSettings {
  /** Review tabs kept, this week's included. 1..104, default 8. */
  retention: number;
  /** Rows listed per section on the tab. 10..50,000, default 1,000. */
  maxRowsPerSection: number;
  /** Weekly snapshots kept in the history sheet. 26..104, default 26. */
  keepWeeks: number;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  retention: DEFAULT_RETENTION,
  maxRowsPerSection: 1000,
  keepWeeks: DEFAULT_KEEP_WEEKS,
};

const LIMITS: Record<keyof ReviewSettings, [number, number]> = {
  retention: [1, 104],
  maxRowsPerSection: [10, 50_000],
  keepWeeks: [26, 104],
};

/** Parses stored review settings; never throws (bad values → defaults + problems). */
export function parseReviewSettings(text: string | null | undefined): {
  settings: ReviewSettings;
  problems: string[];
} {
  const settings = { ...DEFAULT_REVIEW_SETTINGS };
  const problems: string[] = [];
  if (!text) return { settings, problems };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { settings, problems: ['Saved weekly review settings are not valid JSON; using the defaults.'] };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, problems: ['Saved weekly review settings were not an object; using the defaults.'] };
  }
  for (const key of Object.keys(LIMITS) as Array<keyof ReviewSettings>) {
    const v = (raw as Record<string, unknown>)[key];
    if (v === undefined) continue;
    const [min, max] = LIMITS[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) settings[key] = v;
    else
      problems.push(
        `Weekly review setting ${key} must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}; using ${settings[key]}.`,
      );
  }
  return { settings, problems };
}

export function loadReviewSettings(): { settings: ReviewSettings; problems: string[] } {
  try {
    return parseReviewSettings(documentProperties()?.getProperty(REVIEW_SETTINGS_KEY) ?? null);
  } catch (error) {
    return {
      settings: { ...DEFAULT_REVIEW_SETTINGS },
      problems: [
        `Weekly review settings could not be read (${(error as Error).message}); using the defaults.`,
      ],
    };
  }
}

/** Saves review settings (validated; a UserError names the first bad value, nothing is saved). */
export function saveReviewSettings(input: Partial<ReviewSettings>): ReviewSettings {
  const { settings, problems } = parseReviewSettings(
    JSON.stringify({ ...loadReviewSettings().settings, ...input }),
  );
  if (problems.length > 0) throw new UserError(problems[0], TITLE);
  const store = requireDocumentProperties(TITLE);
  try {
    store.setProperty(REVIEW_SETTINGS_KEY, JSON.stringify(settings));
  } catch (error) {
    throw new UserError(propertiesProblem(error, 'the weekly review settings'), TITLE);
  }
  return settings;
}

/** Apps Script's limit on a document's properties (all of this add-on's values together). */
const PROPERTIES_FULL = /property storage quota|exceeded.*propert/i;

/**
 * A sentence for a failed document-property write: when the store is full it says so and what to
 * remove; otherwise it passes the error on.
 */
export function propertiesProblem(error: unknown, what: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (PROPERTIES_FULL.test(message)) {
    return (
      `Could not save ${what}: this spreadsheet's document properties are full (Apps Script allows ` +
      '500 KB per document). Remove saved data you no longer need: turn the weekly review off and on ' +
      'again to reset its run records, or clear snoozed deals and saved settings in the sidebar.'
    );
  }
  return `Could not save ${what}: ${message}`;
}

/** Document property: the name of the sheet the last review was built from. */
export const LAST_SOURCE_KEY = 'nst.review.source';

export interface BuildOutcome {
  weekId: string;
  sheetName: string;
  model: ReviewModel;
  replaced: boolean;
  deleted: string[];
  problems: string[];
}

/** The whole build (no lock, no UI): read once, compute, write the history column and the tab. */
export function buildReviewIn(ss: Spreadsheet, now: Date): BuildOutcome {
  const { settings, config, problems } = loadSettings();
  const review = loadReviewSettings();
  const props = documentProperties();
  const lastSource = props?.getProperty(LAST_SOURCE_KEY) ?? null;
  // The sheet chosen in setup; else the last review's source (the Monday trigger has no active sheet of
  // its own); else the active sheet unless it is one of the add-on's own tabs (renamed review tabs are
  // known by their A1 note); else the first other sheet with a table.
  const found = readPipelineSheet(ss, settings, (sheet) => readPipeline(ss, settings, config, { sheet }), {
    lastSource,
    byNote: true,
    noSheetMessage: 'There is no pipeline sheet to review in this spreadsheet.',
  });
  const table = found.value;
  table.problems.unshift(...found.problems);
  const ctx = analysisContext(ss, now, config);
  const deals = dealFactsFromRows(table.rows, table.mapping, table.firstDataRow, ctx);
  // Close the loop (core/review/close-loop.ts): snoozed deals are not stale; the log and snoozes feed
  // completion, slippage and the snoozed list.
  const snoozes = loadSnoozes();
  const stepLog = readStepLog(ss);
  const keyOfRow = new Map(deals.map((d) => [d.row, d.dealKey])); // unsuffixed = the sidebar's key
  const judged = analyzeRows(table.rows, table.mapping, config, {
    ...ctx,
    firstRowNumber: table.firstDataRow,
  });
  const rows = applySnoozes(
    judged,
    judged.map((a) => keyOfRow.get(a.row) ?? ''),
    snoozes.snoozes,
    ctx.today,
  );
  const weekId = weekIdFor(ctx.today, config.weekStart);
  const history = readHistory(ss, weekId);
  const reviewInput = {
    rows,
    deals,
    previous: history.snapshots,
    today: ctx.today,
    timeZone: ctx.timeZone,
    weekId,
    generatedAt: now.toISOString(),
    sourceSheet: table.sheetName,
    config: { weekStart: config.weekStart, trendWeeks: review.settings.keepWeeks },
    problems: [
      ...problems,
      ...review.problems,
      ...table.problems,
      ...history.problems,
      ...snoozes.problems,
      ...stepLog.problems,
    ],
  };
  const { model, snapshot } = applyCloseLoop(buildReview(reviewInput), reviewInput, {
    entries: stepLog.entries,
    snoozes: snoozes.snoozes,
  });
  // The tab first (built in full before the old one goes), then the history: a failed tab leaves the
  // history as it was, so the next build compares with the same week again.
  const written = writeReviewTab(ss, model, {
    sourceSheet: table.sheet,
    retention: review.settings.retention,
    maxRowsPerSection: review.settings.maxRowsPerSection,
    locale: ctx.locale,
    amountColumnFormat: readAmountFormat(
      table.sheet,
      table.firstDataRow,
      table.mapping.amount,
      table.rows.length,
    ),
  });
  let historyProblems: string[];
  try {
    historyProblems = writeSnapshot(ss, history, snapshot, review.settings.keepWeeks);
  } catch (error) {
    // The tab is built; a history that could not be saved only means next week compares further back.
    historyProblems = [
      `Review history was not saved (${(error as Error).message}); the next review compares with the last saved week.`,
    ];
  }
  const sourceName = table.sheetName;
  if (sourceName !== lastSource) {
    try {
      props?.setProperty(LAST_SOURCE_KEY, sourceName);
    } catch (error) {
      historyProblems.push(propertiesProblem(error, 'which sheet the review was built from'));
    }
  }
  return {
    weekId,
    sheetName: written.sheetName,
    model,
    replaced: written.replaced,
    deleted: written.deleted,
    problems: [...model.problems, ...historyProblems],
  };
}

/** Runs `fn` holding the document lock; a UserError with BUSY_MESSAGE when another build holds it. */
export function withReviewLock<T>(fn: () => T): T {
  const { lock } = documentOrUserLock();
  if (lock && !lock.tryLock(LOCK_TIMEOUT_MS)) throw new UserError(BUSY_MESSAGE, TITLE);
  try {
    return fn();
  } finally {
    lock?.releaseLock();
  }
}

function describe(outcome: BuildOutcome): string {
  const s = outcome.model.summary;
  const pct = Math.round(s.okShare * 100);
  return (
    `${outcome.replaced ? 'Rebuilt' : 'Built'} "${outcome.sheetName}": ${s.openDeals} open deals, ${pct}% with an OK next step, ` +
    `${s.overdue} overdue, ${s.dueThisWeek} due this week.` +
    (outcome.deleted.length ? ` Removed older review tabs: ${outcome.deleted.join(', ')}.` : '') +
    (outcome.problems.length ? ` Notes: ${outcome.problems.join(' ')}` : '')
  );
}

/** Menu: Extensions ▸ Next Step Tracker ▸ Build weekly review. */
export function buildWeeklyReview(): void {
  runWithUserErrors(TITLE, () => {
    const ss = SpreadsheetApp.getActive();
    const outcome = withReviewLock(() => buildReviewIn(ss, new Date()));
    recordRun({
      at: new Date().toISOString(),
      ok: true,
      message: describe(outcome),
      weekId: outcome.weekId,
      sheetName: outcome.sheetName,
      source: 'menu',
    });
    try {
      ss.toast(describe(outcome), TITLE, 10);
    } catch {
      // A toast is a courtesy; the tab is there either way.
    }
  });
}

export interface BuildReviewNowOptions {
  /** ISO instant to build "as of" (the CLI and tests); default the current time. */
  now?: string;
  /** Also return the whole review model (plain data). */
  includeModel?: boolean;
}

export interface BuildReviewNowResult {
  ok: true;
  weekId: string;
  sheetName: string;
  summary: ReviewSummary;
  message: string;
  problems: string[];
  model?: ReviewModel;
}

/**
 * Sidebar RPC: builds this week's review now and returns {ok: true, weekId, sheetName, summary, message,
 * problems} (plus the model when asked). The user's mistakes (no next-step column, a build already
 * running) are thrown as a UserError, so google.script.run's failure handler shows its message.
 * Serialization-safe.
 */
export function buildReviewNow(options?: BuildReviewNowOptions): BuildReviewNowResult {
  let now = new Date();
  if (options && typeof options.now === 'string') {
    const t = new Date(options.now);
    if (!Number.isNaN(t.getTime())) now = t;
  }
  const ss = SpreadsheetApp.getActive();
  const outcome = withReviewLock(() => buildReviewIn(ss, now));
  const message = describe(outcome);
  recordRun({
    at: new Date().toISOString(),
    ok: true,
    message,
    weekId: outcome.weekId,
    sheetName: outcome.sheetName,
    source: 'sidebar',
  });
  const result: BuildReviewNowResult = {
    ok: true,
    weekId: outcome.weekId,
    sheetName: outcome.sheetName,
    summary: outcome.model.summary,
    message,
    problems: outcome.problems,
  };
  if (options?.includeModel) result.model = outcome.model;
  return JSON.parse(JSON.stringify(result)) as BuildReviewNowResult;
}

// ---- run records (document properties; add-on triggers send no failure email) ----

export const STATUS_KEY = 'nst.review.status';
const MAX_FAILURES = 5;

/** One build's outcome, as the sidebar reads it (the RPC contract's ReviewRunRecord). */
export type RunRecord = ReviewRunRecord;

export interface StoredStatus {
  lastRun: RunRecord | null;
  /** Newest first, at most 5. */
  failures: RunRecord[];
}

export function readStatus(): StoredStatus {
  try {
    const raw = documentProperties()?.getProperty(STATUS_KEY);
    if (!raw) return { lastRun: null, failures: [] };
    const parsed = JSON.parse(raw) as Partial<StoredStatus>;
    const valid = (r: unknown): r is RunRecord =>
      !!r &&
      typeof r === 'object' &&
      typeof (r as RunRecord).at === 'string' &&
      typeof (r as RunRecord).ok === 'boolean';
    return {
      lastRun: valid(parsed.lastRun) ? parsed.lastRun : null,
      failures: Array.isArray(parsed.failures) ? parsed.failures.filter(valid).slice(0, MAX_FAILURES) : [],
    };
  } catch {
    return { lastRun: null, failures: [] };
  }
}

/** Records a run (never throws: recording must not turn a success into a failure). */
export function recordRun(run: RunRecord): void {
  try {
    const status = readStatus();
    const message = run.message.length > 1000 ? `${run.message.slice(0, 999)}…` : run.message;
    const record = { ...run, message };
    const next: StoredStatus = {
      lastRun: record,
      failures: run.ok ? status.failures : [record, ...status.failures].slice(0, MAX_FAILURES),
    };
    requireDocumentProperties().setProperty(STATUS_KEY, JSON.stringify(next));
  } catch (error) {
    try {
      console.error(propertiesProblem(error, 'the weekly review run record'));
    } catch {
      // Nothing more to do.
    }
  }
}
