/**
 * One playground document: the emulated spreadsheet, the bundle loaded against it, and everything the
 * page asks of them. Runs inside the worker thread (worker.ts); all methods are synchronous except
 * loading, so one call runs at a time as in a single Apps Script user session.
 */
import fs from 'fs';
import path from 'path';
import {
  CallLedger,
  createAppsScriptGlobals,
  evaluateConditionalFormats,
  importTableFile,
  loadBundle,
  makeEditEvent,
  spreadsheetFromFixture,
  type AppsScriptGlobals,
  type EmulatedSpreadsheet,
  type MenuEntry as RecordedMenuEntry,
  type SpreadsheetFixture,
  type UiRecorder,
} from '../emulator';
import { toRealm } from '../emulator/wrap';
import type {
  CellView,
  ChartView,
  DialogAnswer,
  DialogButton,
  DialogRequest,
  DocState,
  HtmlDialogState,
  MenuEntry,
  PageEvent,
  PlaygroundOptions,
  RpcReply,
  SelectionState,
  SheetView,
} from './protocol';
import { toWireResult } from './serialize';
import { scanTableFile } from '../../src/cli/table-file';
import { isIsoDate } from '../../src/core/dates/calendar';
import { decideDateOrder, emptyEvidence, scanRow } from '../../src/core/dates/date-order';

type Globals = AppsScriptGlobals;
type BundleFns = Record<string, unknown>;
type AuthMode = 'LIMITED' | 'FULL';

const ROOT = path.resolve(__dirname, '..', '..');
/** The default document: the 200-deal team pipeline without the test fixture's attack rows. */
export const DEFAULT_FIXTURE = path.join(ROOT, 'dev', 'playground', 'demo-pipeline.json');
/**
 * A file whose sheets reach past this many cells (last row × last column actually used) is refused
 * with the red banner: the playground holds the document in memory in one browser tab's worker.
 */
export const PLAYGROUND_MAX_CELLS = 2_000_000;
/** The fixture's reference "today" when the fixture does not record one. */
export const FIXTURE_TODAY = '2026-03-11';
export const DEFAULT_USER = 'rep@example.com';
export const ADDON_NAME = 'Next Step Tracker';
/** The grid draws at most this many rows (the rest are counted in SheetView.truncatedRows). */
export const MAX_DRAWN_ROWS = 2000;

export interface SessionHooks {
  /** Shows a dialog to the person and returns their answer (blocks the calling thread). */
  ask(d: DialogRequest): DialogAnswer;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** This machine's locale from LC_ALL / LC_TIME / LANG (as the CLI reads it), else en_US. */
function machineLocale(): string {
  const lang = process.env.LC_ALL || process.env.LC_TIME || process.env.LANG || '';
  const m = /^([a-z]{2,3})_([A-Z]{2})/.exec(lang);
  return m ? `${m[1]}_${m[2]}` : 'en_US';
}

/** Today's date in a time zone, as YYYY-MM-DD. */
function isoToday(timeZone: string, at = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function letters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function boxA1(b: { row: number; col: number; rows: number; cols: number }): string {
  const first = `${letters(b.col)}${b.row}`;
  return b.rows === 1 && b.cols === 1
    ? first
    : `${first}:${letters(b.col + b.cols - 1)}${b.row + b.rows - 1}`;
}

function errorText(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err) return String((err as Error).message);
  return String(err);
}

/** What the failure handler's Error carries, as Apps Script builds it from the thrown value. */
function thrownToWire(err: unknown): { name: string; message: string } {
  if (err && typeof err === 'object') {
    const e = err as { name?: unknown; message?: unknown };
    const name = typeof e.name === 'string' ? e.name : 'Error';
    const message = typeof e.message === 'string' ? e.message : String(err);
    return { name: 'ScriptError', message: `${name}: ${message}` };
  }
  return { name: 'ScriptError', message: String(err) };
}

export class PlaygroundSession {
  ss!: EmulatedSpreadsheet;
  private fixture: SpreadsheetFixture | null = null;
  private globals = new Map<AuthMode, Globals>();
  private bundles = new Map<AuthMode, BundleFns>();
  /** Playground reads (the grid) go through their own globals, so they never count in the add-on's ledger. */
  private viewer!: Globals;
  private recorder!: UiRecorder;
  private loadError: string | null = null;
  /** A yellow note under the menu (the file's dates disagree with --locale, or mix both orders). */
  private notice: string | null = null;
  /** The locale the user's file was read with, and why. */
  private localeSource = '';
  /** The dialog a showModalDialog / showModelessDialog call opened, until the page closes it. */
  private htmlDialog: {
    serial: number;
    title: string;
    html: string;
    width: number;
    height: number;
    modal: boolean;
  } | null = null;
  private htmlDialogSerial = 0;
  private today = FIXTURE_TODAY;
  private todaySource = 'fixture date';
  private sidebarSerial = 0;
  private sidebarOpen = false;
  private nextDialogId = 1;
  private events: PageEvent[] = [];
  /** Bumped on every change; starts from the clock so a restarted worker never repeats a number. */
  private version = Math.floor(Date.now() / 1000);
  private readonly codePath: string;
  private readonly htmlDir: string;
  private readonly user: string;

  constructor(
    private readonly options: PlaygroundOptions,
    private readonly hooks: SessionHooks,
  ) {
    this.codePath = path.resolve(options.codePath ?? path.join(ROOT, 'dist', 'Code.js'));
    this.htmlDir = path.resolve(options.htmlDir ?? path.dirname(this.codePath));
    this.user = options.user ?? DEFAULT_USER;
  }

  /** Loads the document (the user's file, else the fixture), then the bundle, then runs onOpen. */
  async load(): Promise<void> {
    this.loadError = this.options.startupFailure ?? null;
    this.notice = null;
    this.localeSource = '';
    this.htmlDialog = null;
    this.fixture = null;
    let spreadsheet: EmulatedSpreadsheet | null = null;
    if (this.options.file && !this.options.startupFailure) {
      const file = path.resolve(this.options.file);
      try {
        if (!fs.existsSync(file)) throw new Error('no such file');
        spreadsheet = await this.openUserFile(file);
      } catch (err) {
        this.loadError =
          `Could not open ${path.basename(file)}: ${errorText(err)}. ` +
          'The playground opens CSV and XLSX exports (the first row of a table holds its headers). ' +
          'Showing the sample pipeline instead.';
        spreadsheet = null;
      }
    }
    if (!spreadsheet) spreadsheet = this.openFixture();
    this.ss = spreadsheet;
    this.decideToday(Boolean(this.options.file) && !this.loadError);
    this.buildGlobals();
    this.events = [];
    this.version++;
    this.sidebarOpen = false;
    this.runOnOpen();
  }

  /**
   * Reads the file once to check its size (from its actual cells) and learn its date order from its
   * own numeric dates (core/dates/date-order.ts), then imports it with that locale: a US export reads
   * "03/04/2026" as 4 March and a day-first one as 3 April, with no flag. --locale wins when given; a
   * disagreement is said once, in the notice.
   */
  private async openUserFile(file: string): Promise<EmulatedSpreadsheet> {
    const evidence = emptyEvidence();
    await scanTableFile(
      file,
      { sheet: () => true, row: (_, cells) => scanRow(evidence, cells) },
      { maxCells: PLAYGROUND_MAX_CELLS },
    );
    const fallback = machineLocale();
    const decision = decideDateOrder(evidence, {
      given: this.options.locale,
      givenWhat: '--locale',
      fallback,
    });
    this.notice = decision.warning ?? null;
    this.localeSource =
      this.options.locale !== undefined
        ? '--locale'
        : decision.source === 'data'
          ? `dates read ${decision.order}, from the file`
          : `the file's dates cannot tell; this machine's locale`;
    const ss = await importTableFile(file, { locale: decision.locale });
    const cells = ss.sheets.reduce((n, s) => n + s.lastRow() * s.lastColumn(), 0);
    if (cells === 0) throw new Error('it holds no table');
    return ss;
  }

  private openFixture(): EmulatedSpreadsheet {
    const file = this.options.fixturePath ?? DEFAULT_FIXTURE;
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as SpreadsheetFixture;
    this.fixture = json;
    return spreadsheetFromFixture(json);
  }

  /**
   * "Now": --today wins; else the fixture's reference date for the embedded pipeline (so its overdue
   * and stale deals are what the fixture was written to show); else, for a user's own file, the real
   * date. The time of day is always the real one, so stamps look like stamps.
   */
  private decideToday(userFile: boolean): void {
    const tz = this.ss.timeZone;
    const realToday = isoToday(tz);
    if (this.options.today && isIsoDate(this.options.today)) {
      this.today = this.options.today;
      this.todaySource = '--today';
    } else if (userFile) {
      this.today = realToday;
      this.todaySource = 'real date';
    } else {
      // The fixture records its reference date in meta (e.g. meta.today); fall back to the known one.
      const meta = this.fixture?.meta ?? {};
      const candidate = Object.entries(meta)
        .filter(([k]) => /today|reference/i.test(k))
        .map(([, v]) => v)
        .find((v): v is string => typeof v === 'string' && ISO_DAY.test(v));
      this.today = candidate ?? FIXTURE_TODAY;
      this.todaySource = 'fixture date';
    }
  }

  /**
   * The emulated clock: the chosen day, at the real time of day. (The emulator recomputes TODAY() only
   * when the day changes and NOW() when the minute does, so a clock that moves every millisecond costs
   * the highlight rules nothing.)
   */
  private now = (): Date => {
    const shift = (dayNumber(this.today) - dayNumber(isoToday(this.ss.timeZone))) * 86_400_000;
    return new Date(Date.now() + shift);
  };

  private buildGlobals(): void {
    this.globals.clear();
    this.bundles.clear();
    const base = {
      spreadsheet: this.ss,
      user: { email: this.user, canEdit: true },
      now: this.now,
      htmlDir: this.htmlDir,
      addonName: ADDON_NAME,
    };
    // The UiRecorder is document-scoped: menus from onOpen and sidebars from FULL calls land together.
    const full = createAppsScriptGlobals({ ...base, authMode: 'FULL' });
    this.recorder = full.ui;
    this.globals.set('FULL', full);
    this.globals.set(
      'LIMITED',
      createAppsScriptGlobals({ ...base, authMode: 'LIMITED', ledger: full.ledger }),
    );
    this.viewer = createAppsScriptGlobals({ ...base, authMode: 'FULL', ledger: new CallLedger() });
    this.patchDialogs();
  }

  /**
   * Ui.alert/prompt block until the person answers in the page: the recorder's answer source is
   * replaced by a call to the page (hooks.ask), which holds this thread until the answer arrives.
   */
  private patchDialogs(): void {
    const rec = this.recorder as UiRecorder & { pendingText?: { title: string; prompt: string } };
    let last: { title: string; prompt: string; kind: 'alert' | 'prompt' } = {
      title: '',
      prompt: '',
      kind: 'alert',
    };
    const buttonsFor = (set: string): DialogButton[] =>
      set === 'OK_CANCEL'
        ? ['OK', 'CANCEL']
        : set === 'YES_NO'
          ? ['YES', 'NO']
          : set === 'YES_NO_CANCEL'
            ? ['YES', 'NO', 'CANCEL']
            : ['OK'];
    const ask = (kind: 'alert' | 'prompt', set: string): DialogAnswer =>
      this.hooks.ask({
        id: this.nextDialogId++,
        kind,
        title: last.title,
        message: last.prompt,
        buttons: buttonsFor(set),
      });
    rec.nextAlertAnswer = (set) => ask('alert', set).button as never;
    rec.nextPromptAnswer = (set) => {
      const a = ask('prompt', set);
      return { button: a.button as never, text: a.text };
    };
    // The recorder hears only the button set; catch the title and text on the way in.
    for (const g of this.globals.values()) {
      const app = g.SpreadsheetApp as unknown as Record<string, unknown>;
      const getUi = app.getUi as () => GoogleAppsScript.Base.Ui;
      const wrapped = new Proxy(app, {
        get(target, prop, receiver) {
          if (prop !== 'getUi') return Reflect.get(target, prop, receiver);
          return () => {
            const ui = getUi.call(target);
            return new Proxy(ui as object, {
              get(t, p, r) {
                const v = Reflect.get(t, p, r) as unknown;
                if ((p !== 'alert' && p !== 'prompt') || typeof v !== 'function') return v;
                return (a: string, b?: string, c?: string) => {
                  const sets = ['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'];
                  if (c !== undefined) last = { title: String(a), prompt: String(b), kind: p };
                  else if (b !== undefined && !sets.includes(String(b)))
                    last = { title: String(a), prompt: String(b), kind: p };
                  else last = { title: '', prompt: String(a), kind: p };
                  return (v as (...x: unknown[]) => unknown).apply(
                    t,
                    [a, b, c].filter((x) => x !== undefined),
                  );
                };
              },
            });
          };
        },
      });
      (g as { SpreadsheetApp: unknown }).SpreadsheetApp = wrapped;
    }
  }

  private bundle(mode: AuthMode): BundleFns {
    let fns = this.bundles.get(mode);
    if (!fns) {
      if (!fs.existsSync(this.codePath)) {
        throw new Error(
          `${path.relative(process.cwd(), this.codePath)} is missing: run \`npm run build\` first.`,
        );
      }
      // The emulator's loader gives the bundle our clock: its `new Date()` reads this.now.
      fns = loadBundle(this.codePath, this.globals.get(mode)!) as unknown as BundleFns;
      this.bundles.set(mode, fns);
    }
    return fns;
  }

  private call(mode: AuthMode, fn: string, args: unknown[]): unknown {
    const fns = this.bundle(mode);
    const f = Object.prototype.hasOwnProperty.call(fns, fn) ? fns[fn] : undefined;
    if (typeof f !== 'function') throw new Error(`Script function not found: ${fn}`);
    return (f as (...a: unknown[]) => unknown)(...args);
  }

  private runOnOpen(): void {
    try {
      const fns = this.bundle('LIMITED');
      if (typeof fns.onOpen === 'function') {
        (fns.onOpen as (e: unknown) => void)({
          authMode: 'LIMITED',
          source: this.globals.get('LIMITED')!.SpreadsheetApp.getActiveSpreadsheet(),
          user: this.user,
        });
      }
    } catch (err) {
      const message = `onOpen failed: ${errorText(err)}`;
      this.loadError = this.loadError ? `${this.loadError}\n${message}` : message;
      this.hooks.log('error', message);
    }
    this.drainUi();
  }

  // ---------- around every call ----------

  /** Runs one call, then collects what it did that the page must show (toasts, sidebar, selection, changes). */
  private track<T>(fn: () => T): T {
    const revisionBefore = this.ss.revision;
    const selBefore = JSON.stringify(this.ss.selection ?? null);
    const activeBefore = this.ss.activeSheetId;
    const versionBefore = this.ss.version;
    try {
      return fn();
    } finally {
      for (const g of this.globals.values()) {
        g.endExecution();
        for (const l of g.logs.splice(0)) this.hooks.log('info', `[bundle ${l.level}] ${l.text}`);
      }
      // Only changes to what the document shows (content, formats, rules, charts, sheets) redraw the
      // grid: the emulator bumps ss.revision on exactly those writes. Selection moves, toasts, cache,
      // properties, locks and triggers do not.
      if (this.ss.revision !== revisionBefore || this.ss.version !== versionBefore) {
        this.version++;
        this.events.push({ name: 'changed', data: { version: this.version } });
      }
      if (JSON.stringify(this.ss.selection ?? null) !== selBefore || this.ss.activeSheetId !== activeBefore) {
        // The page follows what the add-on activated: its active sheet, and the selection when it is there.
        const active = this.ss.activeSheet();
        const sel = this.selection();
        const data: SelectionState | null =
          active && (!sel || sel.sheet !== active.name)
            ? { sheet: active.name, box: { row: 1, col: 1, rows: 1, cols: 1 } }
            : sel;
        if (data) this.events.push({ name: 'selection', data });
      }
      this.drainUi();
    }
  }

  private drainUi(): void {
    const rec = this.recorder;
    for (const t of rec.toasts.splice(0)) this.events.push({ name: 'toast', data: t });
    if (rec.dialogs.length) {
      // showModalDialog / showModelessDialog: the page draws the last one (a new one replaces it, as in Sheets).
      const d = rec.dialogs[rec.dialogs.length - 1];
      rec.dialogs.splice(0);
      this.htmlDialog = { serial: ++this.htmlDialogSerial, ...d };
      this.events.push({ name: 'html-dialog', data: this.htmlDialogState()! });
    }
    if (rec.sidebars.length) {
      this.sidebarSerial++;
      this.sidebarOpen = true;
      this.sidebarHtml = rec.sidebars[rec.sidebars.length - 1];
      rec.sidebars.splice(0);
      this.events.push({
        name: 'sidebar',
        data: { title: this.sidebarHtml.title, serial: this.sidebarSerial },
      });
      this.events.push({ name: 'changed', data: { version: this.version } });
    }
  }

  private sidebarHtml: { title: string; html: string } | null = null;

  /** Events gathered since the last call (the worker sends them with each reply). */
  takeEvents(): PageEvent[] {
    return this.events.splice(0);
  }

  // ---------- page operations ----------

  state(): DocState {
    const rec = this.recorder;
    const menu: Array<MenuEntry | null> = [];
    const toEntry = (e: RecordedMenuEntry): MenuEntry | null =>
      e.kind === 'separator'
        ? null
        : e.kind === 'item'
          ? { label: e.caption, fn: e.functionName }
          : { label: e.caption, items: e.items.map(toEntry) };
    for (const m of rec.menus) {
      if (m.addon) menu.push(...m.items.map(toEntry));
    }
    const active = this.ss.activeSheet();
    return {
      title: this.ss.name,
      addonName: ADDON_NAME,
      today: this.today,
      todaySource: this.todaySource,
      user: this.user,
      sheets: this.ss.sheets.map((s) => ({ name: s.name, hidden: s.hidden })),
      activeSheet: active ? active.name : null,
      menu,
      sidebar:
        this.sidebarOpen && this.sidebarHtml
          ? { title: this.sidebarHtml.title, serial: this.sidebarSerial }
          : null,
      loadError: this.loadError,
      notice: this.notice,
      locale: this.ss.locale,
      localeSource: this.localeSource,
      htmlDialog: this.htmlDialogState(),
      selection: this.selection(),
      version: this.version,
      serverFunctions: this.serverFunctions(),
    };
  }

  /** The bundle's public top-level functions: what google.script.run exposes (names ending in _ are private). */
  serverFunctions(): string[] {
    try {
      const fns = this.bundle('FULL');
      return Object.keys(fns)
        .filter(
          (k) =>
            Object.prototype.hasOwnProperty.call(fns, k) && typeof fns[k] === 'function' && !k.endsWith('_'),
        )
        .sort();
    } catch {
      return [];
    }
  }

  sidebar(): { html: string | null; serverFunctions: string[] } {
    return {
      html: this.sidebarOpen && this.sidebarHtml ? this.sidebarHtml.html : null,
      serverFunctions: this.serverFunctions(),
    };
  }

  sidebarClosed(): void {
    this.sidebarOpen = false;
  }

  private htmlDialogState(): HtmlDialogState | null {
    const d = this.htmlDialog;
    return d ? { serial: d.serial, title: d.title, width: d.width, height: d.height, modal: d.modal } : null;
  }

  /** The open dialog's HTML (served at /dialog with the google.script.run shim), else null. */
  dialogHtml(): { html: string | null; serverFunctions: string[] } {
    return { html: this.htmlDialog?.html ?? null, serverFunctions: this.serverFunctions() };
  }

  /** The page closed the dialog (its × or google.script.host.close()). */
  htmlDialogClosed(serial: number): void {
    if (this.htmlDialog && this.htmlDialog.serial === serial) this.htmlDialog = null;
  }

  /**
   * Moves "today" (the page's date control) without reloading: the document, the sidebar and every
   * change stay; the add-on's clock, TODAY() in formulas and highlights follow.
   */
  setToday(iso: string): void {
    if (!isIsoDate(iso)) throw new Error(`"${iso}" is not a date (YYYY-MM-DD).`);
    this.today = iso;
    this.todaySource = 'set in the page';
    this.version++;
    this.events.push({ name: 'changed', data: { version: this.version } });
  }

  private selection(): SelectionState | null {
    const sel = this.ss.selection;
    if (!sel) return null;
    const sheet = this.ss.sheetById(sel.sheetId);
    return sheet ? { sheet: sheet.name, box: { ...sel.box } } : null;
  }

  private sheetApi(name: string, g: Globals = this.viewer): GoogleAppsScript.Spreadsheet.Sheet {
    const sheet = g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
    if (!sheet) throw new Error(`There is no sheet named "${name}".`);
    return sheet;
  }

  sheetView(name: string): SheetView {
    const model = this.ss.sheetByName(name);
    if (!model) throw new Error(`There is no sheet named "${name}".`);
    const api = this.sheetApi(name);
    const lastRow = model.lastRow();
    const lastCol = model.lastColumn();
    const wantRows = Math.min(model.maxRows, Math.max(lastRow + 20, 40));
    const rows = Math.min(wantRows, MAX_DRAWN_ROWS);
    const cols = Math.min(model.maxColumns, Math.max(lastCol + 1, 26), 104);
    const range = api.getRange(1, 1, rows, cols);
    const read = <T>(f: () => T[][], fallback: T): T[][] => {
      try {
        return f();
      } catch {
        return Array.from({ length: rows }, () => Array.from({ length: cols }, () => fallback));
      }
    };
    const values = read<unknown>(() => range.getValues(), '');
    const display = read<string>(() => range.getDisplayValues(), '');
    const formulas = read<string>(() => range.getFormulas(), '');
    const notes = read<string>(() => range.getNotes(), '');
    const backgrounds = read<string>(() => range.getBackgrounds(), '#ffffff');
    const fontColors = read<string>(() => range.getFontColors() as string[][], '#000000');
    const weights = read<string>(() => range.getFontWeights(), 'normal');

    // Conditional formatting, evaluated now: the first matching rule wins, as in Sheets.
    const cfBg = new Map<string, string>();
    const cfFc = new Map<string, string>();
    try {
      const matches = evaluateConditionalFormats(
        this.sheetApi(name, this.globals.get('FULL')!) as never,
      ) as unknown as Array<{
        background?: string;
        fontColor?: string;
        cells: string[];
      }>;
      const decided = new Set<string>();
      for (const m of matches) {
        for (const a1 of m.cells) {
          if (decided.has(a1)) continue;
          decided.add(a1);
          if (m.background) cfBg.set(a1, m.background);
          if (m.fontColor) cfFc.set(a1, m.fontColor);
        }
      }
    } catch (err) {
      this.hooks.log('warn', `conditional formats of ${name} could not be evaluated: ${errorText(err)}`);
    }

    const cells: Array<Array<CellView | null>> = [];
    const widths: number[] = [];
    const longest: number[] = new Array(cols).fill(0);
    for (let r = 0; r < rows; r++) {
      const row: Array<CellView | null> = [];
      for (let c = 0; c < cols; c++) {
        const a1 = `${letters(c + 1)}${r + 1}`;
        const v = values[r]?.[c];
        const shown = display[r]?.[c] ?? '';
        const cell: CellView = { v: shown };
        const f = formulas[r]?.[c];
        if (f) cell.e = f;
        if (typeof v === 'number' || Object.prototype.toString.call(v) === '[object Date]') cell.t = 'n';
        else if (typeof v === 'boolean') cell.t = 'b';
        else if (typeof v === 'string' && /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!)$/.test(v))
          cell.t = 'e';
        if (weights[r]?.[c] === 'bold') cell.bold = true;
        if (model.fontStyles.get(r + 1, c + 1) === 'italic') cell.italic = true;
        const bg = cfBg.get(a1) ?? backgrounds[r]?.[c];
        if (bg && bg.toLowerCase() !== '#ffffff') cell.bg = bg;
        if (cfBg.has(a1)) cell.cf = cfBg.get(a1);
        const fc = cfFc.get(a1) ?? fontColors[r]?.[c];
        if (fc && fc.toLowerCase() !== '#000000') cell.fc = fc;
        const align = model.horizontalAlignments.get(r + 1, c + 1);
        if (align) cell.align = String(align).replace(/^general-/, '');
        const valign = model.verticalAlignments.get(r + 1, c + 1);
        if (valign) cell.valign = valign;
        if (model.wraps.get(r + 1, c + 1)) cell.wrap = true;
        if (notes[r]?.[c]) cell.note = notes[r][c];
        const empty = shown === '' && !cell.bg && !cell.note;
        row.push(empty ? null : cell);
        if (!model.mergeAt(r + 1, c + 1) && r < 60)
          longest[c] = Math.max(longest[c], Math.min(shown.length, 48));
      }
      cells.push(row);
    }
    for (let c = 0; c < cols; c++) {
      const set = model.columnWidths.get(c + 1);
      // A hidden column (hideColumns, e.g. the highlights' helper) is drawn 0 px wide and empty.
      if (model.hiddenColumns.has(c + 1)) {
        widths.push(0);
        for (const row of cells) if (row[c] !== undefined) row[c] = null;
        continue;
      }
      widths.push(set ?? Math.max(90, Math.min(330, Math.round(longest[c] * 7 + 14))));
    }
    return {
      name,
      rows,
      cols,
      truncatedRows: wantRows > rows ? Math.max(lastRow, wantRows) : 0,
      frozenRows: Math.min(model.frozenRows, rows),
      frozenColumns: model.frozenColumns,
      colWidths: widths,
      cells,
      merges: model.merges.filter((m) => m.row <= rows && m.col <= cols).map((m) => ({ ...m })),
      charts: this.chartViews(model),
      version: this.version,
    };
  }

  /**
   * The sheet's charts as the page draws them: the ranges side by side, the first column the
   * categories, the other columns the series, the first numHeaders rows their names.
   */
  private chartViews(model: EmulatedSpreadsheet['sheets'][number]): ChartView[] {
    const palette = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6', '#7baaf7', '#f07b72'];
    const out: ChartView[] = [];
    for (const chart of model.charts) {
      try {
        const columns: unknown[][] = [];
        // The category column as the sheet shows it (a week's date as "9 Mar 2026", not ISO), as Sheets
        // labels a chart's axis with the cells' formatted text.
        let categories: string[] | null = null;
        for (const r of chart.ranges) {
          const sheet = this.ss.sheetById(r.sheetId);
          if (!sheet) continue;
          const range = this.sheetApi(sheet.name).getRange(r.box.row, r.box.col, r.box.rows, r.box.cols);
          const values = range.getValues();
          if (categories === null) categories = range.getDisplayValues().map((row) => row[0]);
          for (let c = 0; c < r.box.cols; c++) columns.push(values.map((row) => row[c]));
        }
        if (columns.length < 2) continue;
        const o = chart.options;
        const headers = typeof o.numHeaders === 'number' ? o.numHeaders : 1;
        const colors = Array.isArray(o.colors) ? (o.colors as unknown[]).map(String) : palette;
        const text = (v: unknown) =>
          Object.prototype.toString.call(v) === '[object Date]'
            ? (v as Date).toISOString().slice(0, 10)
            : String(v ?? '');
        out.push({
          id: chart.id,
          type: chart.chartType,
          title: typeof o.title === 'string' ? o.title : '',
          row: chart.position.row,
          col: chart.position.col,
          offsetX: chart.position.offsetX,
          offsetY: chart.position.offsetY,
          width: typeof o.width === 'number' ? o.width : 600,
          height: typeof o.height === 'number' ? o.height : 371,
          stacked: o.isStacked === true,
          percent: o['vAxis.format'] === 'percent',
          categories: (categories ?? columns[0].map(text)).slice(headers),
          series: columns.slice(1).map((col, i) => ({
            name: headers > 0 ? text(col[0]) : `Series ${i + 1}`,
            color: colors[i % colors.length],
            values: col.slice(headers).map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)),
          })),
        });
      } catch (err) {
        this.hooks.log('warn', `chart ${chart.id} could not be drawn: ${errorText(err)}`);
      }
    }
    return out;
  }

  /** Runs a menu item's function (FULL auth, as Sheets runs a menu click). */
  run(fn: string): void {
    this.track(() => this.call('FULL', fn, []));
  }

  /**
   * Writes what the person typed, as Sheets does (a leading '=' makes a formula, numbers and dates are
   * parsed), then fires the simple trigger onEdit (LIMITED auth) with the event object Sheets sends.
   */
  edit(sheetName: string, a1: string, text: string, clear = false): void {
    // The edited cell is the active one while onEdit runs (the page's own move, so not echoed back).
    this.sheetApi(sheetName).getRange(a1).activate();
    this.track(() => {
      const g = this.globals.get('LIMITED')!;
      const sheet = this.sheetApi(sheetName, this.viewer);
      const range = sheet.getRange(a1);
      const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
      const oldValue = single ? range.getValue() : undefined;
      if (clear) range.clearContent();
      else range.setValue(text);
      const userRange = this.sheetApi(sheetName, g).getRange(a1);
      const opts: { value?: unknown; oldValue?: unknown } = {};
      if (single) {
        const nv = range.getValue();
        if (nv !== '') opts.value = nv;
        if (oldValue !== '' && oldValue !== undefined) opts.oldValue = oldValue;
      }
      this.fireOnEdit(makeEditEvent(userRange, opts));
    });
  }

  /** A multi-cell paste: one write, one onEdit for the whole pasted range (as Sheets sends it). */
  paste(sheetName: string, a1: string, rows: string[][]): void {
    if (rows.length === 0) return;
    const width = Math.max(1, ...rows.map((r) => r.length));
    const grid = rows.map((r) => [...r, ...new Array<string>(width - r.length).fill('')]);
    const anchor = this.sheetApi(sheetName).getRange(a1);
    const range = this.sheetApi(sheetName).getRange(anchor.getRow(), anchor.getColumn(), grid.length, width);
    range.activate();
    this.track(() => {
      range.setValues(grid);
      const limited = this.sheetApi(sheetName, this.globals.get('LIMITED')!);
      this.fireOnEdit(makeEditEvent(limited.getRange(range.getA1Notation()), {}));
    });
  }

  private fireOnEdit(event: unknown): void {
    const fns = this.bundle('LIMITED');
    if (typeof fns.onEdit !== 'function') return;
    try {
      (fns.onEdit as (e: unknown) => void)(event);
    } catch (err) {
      // Sheets swallows simple-trigger failures (they go to the execution log); so do we, loudly.
      this.hooks.log(
        'error',
        `onEdit failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      // The edit stays (as in Sheets); the page shows the failure. ES2020 lib: no Error `cause` option.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(`onEdit failed: ${errorText(err)}`);
    }
  }

  select(sheetName: string, a1: string): void {
    this.sheetApi(sheetName).getRange(a1).activate();
  }

  activateSheet(sheetName: string): void {
    const model = this.ss.sheetByName(sheetName);
    if (!model) throw new Error(`There is no sheet named "${sheetName}".`);
    this.ss.activeSheetId = model.id;
    const sel = this.ss.selection;
    if (!sel || sel.sheetId !== model.id) this.sheetApi(sheetName).getRange('A1').activate();
  }

  /** google.script.run: the sidebar's call, with Apps Script's rules for what may come back. */
  rpc(fn: string, args: unknown[]): RpcReply {
    // Only the bundle's own public functions: not 'constructor', 'toString' or '__proto__' (which an
    // object lookup would find on Object.prototype), not private names ending in _.
    if (!this.serverFunctions().includes(fn)) {
      return { ok: false, error: { name: 'ScriptError', message: `Script function not found: ${fn}` } };
    }
    let result: unknown;
    const versionBefore = this.version;
    try {
      result = this.track(() => {
        const fns = this.bundle('FULL');
        const f = fns[fn];
        if (typeof f !== 'function')
          throw Object.assign(new Error(`Script function not found: ${fn}`), { notFound: true });
        return (f as (...a: unknown[]) => unknown)(...this.intoVm(args));
      });
    } catch (err) {
      if ((err as { notFound?: boolean }).notFound) {
        return { ok: false, error: { name: 'ScriptError', message: errorText(err) } };
      }
      this.hooks.log(
        'warn',
        `google.script.run.${fn} threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      return { ok: false, error: thrownToWire(err), changed: this.version !== versionBefore };
    }
    const wire = toWireResult(result);
    return {
      ok: true,
      result: wire.value,
      ...(wire.warning ? { warning: wire.warning } : {}),
      changed: this.version !== versionBefore,
    };
  }

  /** Arguments arrive as JSON; the bundle receives them as its own realm's objects. */
  private intoVm(args: unknown[]): unknown[] {
    const realm = this.globals.get('FULL')!.boundary.realm;
    return realm ? (toRealm(args, realm) as unknown[]) : args;
  }

  async reset(): Promise<void> {
    await this.load();
  }

  describeSelection(): string {
    const s = this.selection();
    return s ? `${s.sheet}!${boxA1(s.box)}` : '';
  }
}
