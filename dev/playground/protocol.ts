/**
 * Messages between the HTTP server (main thread) and the worker thread that holds the emulated
 * spreadsheet and runs the bundle. The worker runs one call at a time, as a single Apps Script user
 * session would; a call that opens a dialog blocks (Atomics.wait) until the page answers it.
 */

export interface PlaygroundOptions {
  /** A user's CSV/XLSX export to open instead of the embedded 200-deal fixture. */
  file?: string;
  /** `YYYY-MM-DD`: the emulated "today". Default: the fixture's reference date, or the real date with --file. */
  today?: string;
  /** The bundle to run (default dist/Code.js) and the folder HtmlService reads (default dist/). */
  codePath?: string;
  htmlDir?: string;
  /** The embedded default (test/fixtures/pipeline-200.json). */
  fixturePath?: string;
  /** The emulated user (default rep@example.com). */
  user?: string;
  /** How the user's file's numeric dates read (en_GB, en_US); default: from the file's own dates. */
  locale?: string;
  /**
   * Set by the server when a worker died while opening `file` (e.g. out of memory): the next worker
   * opens the sample instead and shows this in the red banner, rather than dying again.
   */
  startupFailure?: string;
}

/** A dialog the add-on opened with showModalDialog / showModelessDialog (its HTML is at /dialog). */
export interface HtmlDialogState {
  serial: number;
  title: string;
  width: number;
  height: number;
  modal: boolean;
}

export type DialogButton = 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';

export interface DialogRequest {
  id: number;
  kind: 'alert' | 'prompt';
  title: string;
  message: string;
  /** The buttons to show, first is the default: ['OK'], ['OK','CANCEL'], ['YES','NO'], ['YES','NO','CANCEL']. */
  buttons: DialogButton[];
}

export interface DialogAnswer {
  button: DialogButton;
  text: string;
}

export interface ToastEvent {
  title: string;
  message: string;
  timeoutSeconds?: number;
}

export interface MenuEntry {
  label: string;
  fn?: string;
  items?: Array<MenuEntry | null>;
}

export interface SidebarState {
  title: string;
  /** Bumped each time the bundle calls showSidebar, so the page reloads the frame. */
  serial: number;
}

export interface SelectionState {
  sheet: string;
  box: { row: number; col: number; rows: number; cols: number };
}

export interface DocState {
  title: string;
  addonName: string;
  today: string;
  todaySource: string;
  user: string;
  sheets: Array<{ name: string; hidden: boolean }>;
  activeSheet: string | null;
  menu: Array<MenuEntry | null>;
  sidebar: SidebarState | null;
  loadError: string | null;
  /** A note that is not an error (the file's dates disagree with --locale). */
  notice: string | null;
  /** The spreadsheet's locale and where it came from (a user's file: its own dates, or --locale). */
  locale: string;
  localeSource: string;
  htmlDialog: HtmlDialogState | null;
  selection: SelectionState | null;
  version: number;
  serverFunctions: string[];
}

export interface CellView {
  /** Display value (what Sheets shows). */
  v: string;
  /** What the formula bar and the cell editor show: the formula, else the display value. */
  e?: string;
  /** Alignment class: n (numbers, dates: right), b (booleans), e (errors); text has none. */
  t?: 'n' | 'b' | 'e';
  bold?: boolean;
  italic?: boolean;
  bg?: string;
  fc?: string;
  align?: string;
  /** Vertical alignment when not Sheets' default (bottom): 'top' or 'middle'. */
  valign?: string;
  wrap?: boolean;
  note?: string;
  /** Set when a conditional-format rule coloured the cell (its colour). */
  cf?: string;
}

/** An embedded chart, reduced to what the page draws: categories down the first column, series after. */
export interface ChartView {
  id: string;
  type: string;
  title: string;
  row: number;
  col: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
  stacked: boolean;
  percent: boolean;
  categories: string[];
  series: Array<{ name: string; color: string; values: number[] }>;
}

export interface SheetView {
  name: string;
  rows: number;
  cols: number;
  /** Rows the sheet has beyond the drawn ones (0 when all are drawn). */
  truncatedRows: number;
  frozenRows: number;
  frozenColumns: number;
  colWidths: number[];
  cells: Array<Array<CellView | null>>;
  merges: Array<{ row: number; col: number; rows: number; cols: number }>;
  charts: ChartView[];
  version: number;
}

/**
 * Events the worker reports alongside a reply; the server forwards them to the page (SSE), numbered.
 * A new event name must also be added to the names the page counts as seen (connectEvents in
 * public/playground.js), or the page would wait for it and stay busy.
 */
export type PageEvent =
  | { name: 'toast'; data: ToastEvent }
  | { name: 'changed'; data: { version: number } }
  | { name: 'selection'; data: SelectionState }
  | { name: 'sidebar'; data: SidebarState }
  | { name: 'html-dialog'; data: HtmlDialogState };

export type WorkerOp =
  | { op: 'state' }
  | { op: 'sheet'; name: string }
  | { op: 'run'; fn: string }
  | { op: 'edit'; sheet: string; a1: string; text: string; clear?: boolean }
  | { op: 'paste'; sheet: string; a1: string; rows: string[][] }
  | { op: 'select'; sheet: string; a1: string }
  | { op: 'activate-sheet'; sheet: string }
  | { op: 'sidebar-closed' }
  | { op: 'sidebar-html' }
  | { op: 'rpc'; fn: string; args: unknown[] }
  | { op: 'dialog-html' }
  | { op: 'html-dialog-closed'; serial: number }
  | { op: 'set-today'; today: string }
  | { op: 'reset' };

export interface RpcReply {
  ok: boolean;
  result?: unknown;
  error?: { name: string; message: string };
  warning?: string;
  changed?: boolean;
}

export type ToMain =
  | { type: 'reply'; id: number; ok: true; value: unknown; events: PageEvent[] }
  | { type: 'reply'; id: number; ok: false; error: string; events: PageEvent[] }
  | { type: 'dialog'; dialog: DialogRequest }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'ready'; loadError: string | null; url?: string };
