/**
 * The sidebar's RPC contract: every server function the sidebar calls through `google.script.run`,
 * with its argument list and its result. Both sides import these types: src/ui/rpc.ts types each call
 * with them and src/addon/sidebar*.ts implements them, so a change to one side fails the type check
 * of the other.
 *
 * Everything here must survive `google.script.run` (brief §4): primitives, plain objects and arrays of
 * them. Days are ISO strings (`YYYY-MM-DD`), instants are ISO timestamps; never a Date, a Map, a class
 * instance, a function or `undefined` inside an array.
 */
import type { ColumnRole, IsoDate, RuleId, Severity, Timing, Verdict } from './types';
import type { ReviewSummary } from './review/model';

/** What the engine needs to judge text the way the server does (the client runs the same engine). */
export interface ClientAnalyzeContext {
  /** Today in the spreadsheet's time zone. */
  today: IsoDate;
  timeZone: string;
  locale: string;
  /** 'monday' | 'sunday' from the config: quick picks such as "next Tue" count weeks from it. */
  weekStart: 'monday' | 'sunday';
  /** The stored config JSON (settings.configJson), '' for defaults: the client parses it with parseConfig. */
  configJson: string;
}

export interface FindingView {
  rule: RuleId;
  severity: Severity;
  /** One-line reason. */
  message: string;
  /** A concrete fix. */
  suggestion: string;
  /** The span of `nextStep` the finding is about (0/0 when it is about the whole entry). */
  start: number;
  length: number;
}

/** The selected row, judged. */
export interface RowView {
  /** Sheet row number, 1-based. */
  row: number;
  deal: string;
  account: string;
  owner: string;
  stage: string;
  /** The next-step cell as displayed text ('' when empty). Sent back to writeNextStep as `expected`. */
  nextStep: string;
  status: 'open' | 'closed' | 'blank';
  verdict: Verdict | null;
  timing: Timing | null;
  score: number;
  due: IsoDate | null;
  writtenOn: IsoDate | null;
  /** The "Next step updated" cell as an ISO day, when there is one. */
  updated: IsoDate | null;
  findings: FindingView[];
  /** `OK` or e.g. `Weak: only "follow up"; no date`. */
  summary: string;
  /**
   * The deal's identity (core/deal-identity.ts: deal id, else deal + account; '' when the row has
   * neither). Sent back with every write so the server can refuse when the row holds another deal.
   */
  dealKey: string;
  /** The snooze in force ("known stall until … because …"), or null. */
  snooze: SnoozeView | null;
}

export interface SnoozeView {
  /** Last day of the snooze, YYYY-MM-DD. */
  until: IsoDate;
  reason: string;
  /** Who set it ('' when unknown). */
  by: string;
}

/**
 * What the rep view shows for the current selection. `kind` says which:
 * - `row`: the active cell is on a data row of the pipeline table;
 * - `outside`: the active cell is on the pipeline sheet, but not on a data row (header, title, below);
 * - `other-sheet`: another tab is active;
 * - `no-table`: no pipeline table could be found (message says why).
 */
export interface SelectionContext {
  kind: 'row' | 'outside' | 'other-sheet' | 'no-table';
  sheetName: string;
  /** The pipeline sheet's name ('' when there is none). */
  pipelineSheet: string;
  /** The active row number on the active sheet (0 when none). */
  activeRow: number;
  row: RowView | null;
  /** Whether a "Next step updated" column exists, i.e. whether a write stamps the row. */
  hasUpdatedColumn: boolean;
  context: ClientAnalyzeContext;
  /** For `no-table` and setup problems: a sentence for the user. */
  message: string;
  /**
   * Opaque: send it back with the next poll, so the server can skip reading the settings for 30 s
   * (properties reads have a daily quota). Drop it after saving settings.
   */
  settingsToken: string;
  /** onEdit kept updated-column cells the user wrote (a formula, text): a sentence, within 15 minutes of it. */
  stampNotice?: string;
}

export interface WriteNextStepArgs {
  /** The sheet the row was read from (SelectionContext.pipelineSheet); the settings' sheet when omitted. */
  sheetName?: string;
  /** Sheet row number, 1-based, of a data row in the pipeline table. */
  row: number;
  /** The new next step, written as text (never as a formula). */
  text: string;
  /**
   * The next step as the client last read it (RowView.nextStep). When the cell now holds something
   * else the write is refused: someone (or something) changed the row since it was read.
   */
  expected: string;
  /**
   * The deal the draft was written for (RowView.dealKey). The write is refused when the row now holds
   * another deal (rows deleted, inserted or sorted since the sidebar read it).
   */
  dealKey: string;
  /** The deal's name as the sidebar showed it, for the refusal message only. */
  deal?: string;
}

/** What happened to the current step (the sidebar's Done / Didn't happen / Moved). */
export type StepOutcomeKind = 'done' | 'missed' | 'moved';

export interface StepOutcomeArgs {
  sheetName?: string;
  row: number;
  /** RowView.dealKey: refused when the row now holds another deal. */
  dealKey: string;
  /** RowView.nextStep: refused when the step changed since the sidebar read it. */
  expected: string;
  outcome: StepOutcomeKind;
  deal?: string;
}

export interface StepOutcomeResult {
  row: RowView;
  /** Log rows written (1), 0 when the log could not be written (problems say why). */
  logged: number;
  problems: string[];
}

export interface SnoozeArgs {
  sheetName?: string;
  row: number;
  dealKey: string;
  /** Last day of the snooze, YYYY-MM-DD; '' ends the snooze. */
  until: string;
  reason: string;
  deal?: string;
}

export interface SnoozeResult {
  row: RowView;
  snooze: SnoozeView | null;
}

export interface WriteNextStepResult {
  /** The row as it is now, judged. */
  row: RowView;
  /** Whether the "Next step updated" column was stamped. */
  stamped: boolean;
  /** ISO timestamp of the stamp (also when no column was stamped: the time of the write). */
  writtenAt: string;
  /** Log rows written for this write (the new step's `set` event); 0 when the log failed. */
  logged: number;
  /** The due date read from the text and written into the empty due column, if any. */
  dueWritten?: IsoDate;
  /**
   * The due cell held the date of the step just closed (the deal's latest log event ended a step with
   * that date): `from` was replaced by the new step's date `to`, or cleared (`to` '') when the new step
   * names no date.
   */
  dueReplaced?: { from: IsoDate; to: IsoDate | '' };
  /**
   * The due cell was kept (it is the user's) and holds another day than the new text names: said in
   * the sidebar, so the rep can fix whichever is wrong.
   */
  dueKept?: { day: IsoDate; textDue: IsoDate };
}

export interface DealItem {
  row: number;
  deal: string;
  owner: string;
  stage: string;
  nextStep: string;
  verdict: Verdict | null;
  timing: Timing | null;
  /** `OK` or e.g. `Weak: only "follow up"; no date`. */
  summary: string;
}

export interface OwnerOption {
  /** The owner cell text as it appears in the sheet. */
  name: string;
  /** Open deals of this owner. */
  deals: number;
  /** Of those, how many need attention. */
  needingAttention: number;
}

export interface MyDeals {
  /** The pipeline sheet the deals were read from (selectRow takes it back). */
  sheetName: string;
  /** The signed-in user's email, '' when Apps Script does not reveal it (consumer accounts, other domains). */
  email: string;
  /** The owner the list is for: the one asked for, else the one matched to the email, else ''. */
  owner: string;
  /** How the owner was chosen. `none`: no owner column, or no match and none asked for: show the picker. */
  matchedBy: 'asked' | 'email' | 'name' | 'none';
  /** Distinct owners of open deals, for the picker, most deals first. */
  owners: OwnerOption[];
  /** The owner's open deals needing attention (not ok, overdue, due today, or stale), worst first. */
  items: DealItem[];
  /** How many items there are in total (items is capped at 50). */
  total: number;
  /** The owner's open deals. */
  openDeals: number;
  /** '' or a sentence: e.g. no owner column. */
  message: string;
}

export interface SheetHealth {
  sheetName: string;
  openDeals: number;
  closedDeals: number;
  verdicts: Record<Verdict, number>;
  timings: Record<Timing, number>;
  /** ok verdicts / open deals, 0..1 (0 when there are no open deals). */
  okShare: number;
  /** Open deals that are not ok, or overdue/stale. */
  needingAttention: number;
  /** Setup problems worth telling a manager (duplicate headers, missing columns). */
  problems: string[];
  /** Whether the add-on's highlights are on in this sheet (null when unknown). */
  highlightsOn: boolean | null;
}

/** A rule the user can switch on and off. */
export interface RuleSwitch {
  id: RuleId;
  label: string;
  enabled: boolean;
}

export interface StageFreshness {
  stage: string;
  /** Days a next step stays fresh in this stage; null = use the default. */
  days: number | null;
}

/** Settings as the sidebar edits them: no JSON anywhere. */
export interface SettingsForm {
  /** Role → header text ('' = not mapped / detect automatically). */
  columns: Partial<Record<ColumnRole, string>>;
  freshnessDefault: number;
  /** Per-stage overrides (only stages with a number are stored). */
  freshnessByStage: StageFreshness[];
  fillerPhrases: string[];
  rules: RuleSwitch[];
  /** '' = the spreadsheet's own locale. */
  locale: string;
  weekStart: 'monday' | 'sunday';
  /**
   * Weekly review tabs to keep, this week's included: a whole number from 1 to 52 (default 8). Stored
   * as `retention` in the review's own settings (`nst.review`), not in the config JSON.
   */
  reviewRetention: number;
}

export interface SettingsView {
  form: SettingsForm;
  /** The headers of the pipeline table, for the column dropdowns. */
  headers: string[];
  /** Role → the header the add-on uses now (saved choice or detected), for "(detected: …)" labels. */
  detected: Partial<Record<ColumnRole, string>>;
  /** The roles, in display order, with a label each. */
  roles: Array<{ role: ColumnRole; label: string; required: boolean }>;
  /** The stages found in the sheet (for the per-stage freshness list), plus configured ones. */
  stages: string[];
  /** The spreadsheet's own locale and time zone, for the "default" option. */
  spreadsheetLocale: string;
  timeZone: string;
  /** Locales the engine understands, for the dropdown. */
  locales: string[];
  /** Problems with the stored settings (e.g. corrupt JSON was replaced by defaults). */
  problems: string[];
}

export interface SettingsProblem {
  /** Which input the message belongs to: a role (`columns.nextStep`), `freshness.<Stage>`, `freshnessDefault`, `fillerPhrases`, `locale`, `weekStart`, `reviewRetention`, or '' for the form. */
  field: string;
  message: string;
}

export interface SaveSettingsResult {
  saved: boolean;
  problems: SettingsProblem[];
  /** Whether highlights were re-applied to follow the new settings. */
  highlightsReapplied: boolean;
  /** The settings as stored (when saved). */
  view: SettingsView | null;
}

/**
 * The review helper's RPCs (src/addon/review.ts and weekly-trigger.ts, entry stubs in
 * src/addon/entry/review.js), as they answer. Mirrored here (core must not import addon/).
 */
export interface ReviewRunRecord {
  /** ISO timestamp. */
  at: string;
  ok: boolean;
  message: string;
  weekId: string;
  sheetName?: string;
  source: 'menu' | 'sidebar' | 'trigger';
}

export interface BuildReviewResult {
  ok: boolean;
  /** `YYYY-Www`. */
  weekId: string;
  /** The review tab's name, e.g. `Pipeline review 2026-W11`. */
  sheetName: string;
  /** The review model's summary (counts and their change since last week). */
  summary: ReviewSummary;
  /** A sentence for the user. */
  message: string;
  problems: string[];
}

export interface WeeklyReviewStatus {
  /** Whether this user's weekly trigger exists in this document. */
  scheduled: boolean;
  /** Same as scheduled. */
  on: boolean;
  /** e.g. "Every Monday between 8:00 and 9:00 (Europe/London)". */
  schedule: string;
  lastRun: ReviewRunRecord | null;
  /** Recorded failures, newest first (at most 5). */
  failures: ReviewRunRecord[];
  /** '' or why the schedule could not be read or changed. */
  message: string;
}

/** The in-sheet highlights: on, and whether their hidden helper column is intact. */
export interface HighlightsHealthView {
  on: boolean;
  /** On, but the helper column was deleted or pasted over: no colours until restored. */
  helperBroken: boolean;
  sheetName?: string;
}

/** Server function name → [argument tuple, result]. */
export interface RpcContract {
  getSelectionContext: { args: [settingsToken?: string]; result: SelectionContext };
  writeNextStep: { args: [args: WriteNextStepArgs]; result: WriteNextStepResult };
  selectRow: { args: [row: number, sheetName?: string]; result: { row: number; sheetName: string } };
  recordStepOutcome: { args: [args: StepOutcomeArgs]; result: StepOutcomeResult };
  snoozeDeal: { args: [args: SnoozeArgs]; result: SnoozeResult };
  getMyDeals: { args: [owner?: string, sheetName?: string]; result: MyDeals };
  getSheetHealth: { args: [sheetName?: string]; result: SheetHealth };
  getSettings: { args: []; result: SettingsView };
  getHighlightsHealth: { args: []; result: HighlightsHealthView };
  restoreHighlights: { args: []; result: HighlightsHealthView };
  saveSettings: { args: [form: SettingsForm]; result: SaveSettingsResult };
  /** `options.now` (an ISO instant) is for the CLI and tests; the sidebar sends no options. */
  buildReviewNow: { args: [options?: { now?: string; includeModel?: boolean }]; result: BuildReviewResult };
  getWeeklyReviewStatus: { args: []; result: WeeklyReviewStatus };
  turnWeeklyReviewOn: { args: []; result: WeeklyReviewStatus };
  turnWeeklyReviewOff: { args: []; result: WeeklyReviewStatus };
}

export type RpcName = keyof RpcContract;
export type RpcArgs<K extends RpcName> = RpcContract[K]['args'];
export type RpcResult<K extends RpcName> = RpcContract[K]['result'];

/** Labels for the rule switches, in the order the settings view lists them. */
export const RULE_LABELS: ReadonlyArray<readonly [RuleId, string]> = [
  ['missing', 'Missing next step on an open deal'],
  ['filler', 'Filler phrases ("follow up", "check in")'],
  ['no-action', 'Status notes and waiting states'],
  ['no-time', 'No date or time anchor'],
  ['no-party', 'No buyer-side person or role'],
  ['overdue', 'Overdue (date has passed)'],
  ['stale', 'Stale (not updated within the stage’s days)'],
  ['far-future', 'Dated too far in the future'],
  ['after-close', 'Due after the expected close date'],
  ['close-passed', 'Expected close date has passed'],
];

export const ROLE_LABELS: ReadonlyArray<readonly [ColumnRole, string, boolean]> = [
  ['nextStep', 'Next step', true],
  ['deal', 'Deal', false],
  ['account', 'Account', false],
  ['owner', 'Owner', false],
  ['stage', 'Stage', false],
  ['amount', 'Amount', false],
  ['closeDate', 'Close date', false],
  ['nextStepDue', 'Next step due', false],
  ['nextStepUpdated', 'Next step updated', false],
  ['dealId', 'Deal ID', false],
];
