/**
 * The vocabulary shared by every layer. core/ is pure: dates cross its boundary as ISO day strings
 * (`YYYY-MM-DD`, a calendar day in the spreadsheet's time zone), so results survive
 * `google.script.run` (which rejects Date) and never depend on the machine's clock or zone.
 */

/** What a spreadsheet cell can hold once read (Sheets' getValues gives '' for empty cells). */
export type CellValue = string | number | boolean | Date | null | undefined;

/** A calendar day, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Quality of the next-step text alone (brief §2): never depends on today's date. */
export type Verdict = 'ok' | 'weak' | 'bad' | 'missing';

/** Where the step stands relative to today (brief §2, like a CRM's deal icons). */
export type Timing = 'upcoming' | 'due-today' | 'overdue' | 'stale' | 'undated';

export type Severity = 'error' | 'warning' | 'suggestion';

export type RuleId =
  | 'missing'
  | 'filler'
  | 'no-action'
  | 'no-time'
  | 'no-party'
  | 'overdue'
  | 'stale'
  | 'far-future'
  | 'after-close'
  | 'close-passed';

/** One thing wrong with a next step, like a prose linter's alert. `start`/`length` index the text. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  suggestion: string;
  start: number;
  length: number;
}

/** The columns a pipeline table can have. */
export type ColumnRole =
  | 'deal'
  | 'account'
  | 'owner'
  | 'stage'
  | 'amount'
  | 'closeDate'
  | 'nextStep'
  | 'nextStepDue'
  | 'nextStepUpdated'
  | 'dealId';

/** Role → 0-based column index within the table's rows. */
export type ColumnMapping = Partial<Record<ColumnRole, number>>;

/** What analysis needs to know about the world: all of it explicit, so core stays deterministic. */
export interface AnalyzeContext {
  /** Today in the spreadsheet's time zone. */
  today: IsoDate;
  /** IANA zone, e.g. `Europe/London`: Date cells are read as days in this zone. */
  timeZone: string;
  /** Sheets locale, e.g. `en_GB` (DMY) or `en_US` (MDY): decides how `10/03` reads. */
  locale: string;
}

/** The judgement of one entry's text (verdict and dates only: nothing relative to today). */
export interface TextAnalysis {
  verdict: Verdict;
  /** 0–100: how close the text is to a good next step. Independent of today. */
  score: number;
  /** Text findings only (missing, filler, no-action, no-time, no-party). */
  findings: Finding[];
  /** The due date the text names, resolved against `writtenOn`. */
  due?: IsoDate;
  /** A log-style leading date: when the note was written. */
  writtenOn?: IsoDate;
}

export type RowStatus = 'open' | 'closed' | 'blank';

/** The judgement of one pipeline row. */
export interface RowAnalysis {
  /** Sheet row number (1-based), as the user sees it. */
  row: number;
  /** `closed` rows (won/lost) and `blank` rows (nothing in any mapped column) are not judged. */
  status: RowStatus;
  /** null unless status is `open`. */
  verdict: Verdict | null;
  /** null unless status is `open`. */
  timing: Timing | null;
  score: number;
  /** Text findings and timing findings (overdue, stale, far-future), in text order. */
  findings: Finding[];
  /** From the due column when it holds a date, else from the text. */
  due?: IsoDate;
  /** From the text's log prefix, else the updated column. */
  writtenOn?: IsoDate;
}
