/**
 * The sidebar's server side: opening it, and the RPCs the rep view calls (src/core/rpc-contract.ts
 * types them; src/ui/rpc.ts calls them). Thin: read through sheets/ (the whole table, or the header
 * area and one row), judge with core/, shape plain serializable data. Every error meant for a person
 * is a UserError; anything else is logged and replaced by a generic sentence (user-error.ts).
 */
import type { RowView, SelectionContext, WriteNextStepArgs, WriteNextStepResult } from '../core/rpc-contract';
import type { CellValue, IsoDate } from '../core/types';
import { cellToIsoDate } from '../core/dates/cell';
import { dueBelongsToClosedStep } from '../core/step-log/closed-step';
import { loadSettings } from '../sheets/settings';
import { stampRows } from '../sheets/stamp';
import { readTableRow } from '../sheets/table-row';
import { isReviewTabName, namedOrActiveSheet, sameSheet, sheetNamed } from '../sheets/pipeline-sheet';
import { readSelection, selectCell, writeNextStepText } from '../sheets/next-step-cell';
import { analysisContext } from './context';
import { isUserError, UserError, userMessage } from './user-error';
import { loadSettingsWithToken } from './sidebar-settings-cache';
import { cellText, judgeRow } from './sidebar-read';
import { fillBlankDueCell, replaceDueCell } from '../sheets/due-cell';
import type { Settings } from '../sheets/settings';
import type { TableRow } from '../sheets/table-row';
import { dealKeyOf, dealLabelOf } from '../core/deal-identity';
import { loadSnoozes } from '../sheets/snoozes';
import { closedStepOf, logStepEvents, stepEvent } from './step-log';
import { parseStampNotice, stampNoticeText } from '../sheets/stamp-notice';

export const SIDEBAR_TITLE = 'Next Step Tracker';
/**
 * Longest next step the sidebar writes. A good next step is one sentence (what, who, when); CRMs cap
 * the field near this (Salesforce's Next Step holds 255). 500 leaves room for a log-style prefix and
 * a second clause, and keeps the cell readable in the sheet and in the review (docs/sidebar.md).
 */
export const MAX_NEXT_STEP_LENGTH = 500;

/** Menu handler: shows dist/Sidebar.html (the built sidebar) in the 300-px sidebar. */
export function openSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Runs an RPC: UserErrors keep their message; bugs are logged and become a generic sentence. */
export function rpcGuard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    // Only the message crosses google.script.run: a UserError's own sentence, else a generic one
    // (userMessage logs the bug). The cause is left out on purpose: it would not reach the sidebar.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(isUserError(error) ? error.message : userMessage(error));
  }
}

/** onEdit's note about kept updated-column cells, when it is recent enough to still be news. */
function recentStampNotice(raw: string | undefined, now: Date): { stampNotice?: string } {
  const notice = parseStampNotice(raw);
  if (!notice) return {};
  const age = now.getTime() - Date.parse(notice.at);
  return age >= 0 && age < 15 * 60_000 ? { stampNotice: stampNoticeText(notice) } : {};
}

/**
 * The active row's deal, next step, verdict, timing and findings. Polled about once a second while the
 * sidebar is visible, so it reads only the header block and the active row (≤ 2 getValues).
 */
export function getSelectionContext(settingsToken?: string): SelectionContext {
  return rpcGuard(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const now = new Date();
    const { loaded, token, snoozes, stampNotice } = loadSettingsWithToken(settingsToken, now.getTime());
    const { settings, config } = loaded;
    const ctx = analysisContext(ss, now, config);
    const context = {
      ...ctx,
      weekStart: config.weekStart === 'sunday' ? ('sunday' as const) : ('monday' as const),
      configJson: settings.configJson ?? '',
    };
    const { sheet: active, sheetName, activeRow } = readSelection(ss);
    const base: SelectionContext = {
      kind: 'outside',
      sheetName,
      pipelineSheet: settings.sheetName ?? '',
      activeRow,
      row: null,
      hasUpdatedColumn: false,
      context,
      message: '',
      settingsToken: token,
      ...recentStampNotice(stampNotice, now),
    };
    const pipeline = settings.sheetName ? sheetNamed(ss, settings.sheetName) : null;
    if (settings.sheetName && !pipeline) {
      return {
        ...base,
        kind: 'no-table',
        message: `The pipeline sheet "${settings.sheetName}" was not found. Choose it again in Settings or with "Set up this sheet".`,
      };
    }
    if (pipeline && !sameSheet(pipeline, active)) {
      return {
        ...base,
        kind: 'other-sheet',
        message: `Select a deal's row on the "${settings.sheetName}" sheet to see its next step.`,
      };
    }
    if (!pipeline && isReviewTabName(sheetName)) {
      return {
        ...base,
        kind: 'other-sheet',
        message: `"${sheetName}" is a review tab. Select a deal's row on the pipeline sheet to see its next step.`,
      };
    }
    let read;
    try {
      read = readTableRow(active, settings, activeRow, sheetName);
    } catch (error) {
      if (!isUserError(error)) throw error;
      return { ...base, kind: 'no-table', message: error.message };
    }
    const result: SelectionContext = {
      ...base,
      pipelineSheet: read.sheetName,
      hasUpdatedColumn: read.mapping.nextStepUpdated !== undefined,
    };
    if (!read.values) {
      return {
        ...result,
        kind: 'outside',
        message:
          activeRow <= read.headerRow
            ? `Select a deal's row (below the header in row ${read.headerRow}) to see its next step.`
            : "Select a deal's row to see its next step.",
      };
    }
    return {
      ...result,
      kind: 'row',
      row: judgeRow(read.values, activeRow, read.mapping, config, ctx, snoozes),
    };
  });
}

function validateWrite(args: unknown): WriteNextStepArgs {
  if (!args || typeof args !== 'object') throw new UserError('Nothing to write: the request was empty.');
  const a = args as Record<string, unknown>;
  if (typeof a.row !== 'number' || !Number.isInteger(a.row) || a.row < 1) {
    throw new UserError('Nothing was written: the row number was missing. Select the row again.');
  }
  if (typeof a.text !== 'string') throw new UserError('Nothing was written: the next step was not text.');
  if (typeof a.expected !== 'string' || typeof a.dealKey !== 'string') {
    throw new UserError(
      'Nothing was written: the sidebar did not say which deal the row held. Select the row again.',
    );
  }
  const text = a.text.replace(/\r\n?/g, '\n').trim();
  if (!text) throw new UserError('Type a next step first: nothing was written.');
  if (text.length > MAX_NEXT_STEP_LENGTH) {
    throw new UserError(
      `That next step is ${text.length} characters long; a next step is one sentence, at most ${MAX_NEXT_STEP_LENGTH} characters. ` +
        'Put the detail in a note or the CRM and keep the step short. Nothing was written.',
    );
  }
  const sheetName = typeof a.sheetName === 'string' && a.sheetName ? a.sheetName : undefined;
  const deal = typeof a.deal === 'string' ? a.deal : undefined;
  return { row: a.row, text, expected: a.expected, dealKey: a.dealKey, deal, sheetName };
}

/**
 * Reads `row` and checks it still holds the deal (and the next step) the sidebar read: the same deal
 * key (deal id, else deal + account) and the same next-step text. Throws a UserError saying what the
 * row holds now when not: rows deleted, inserted or sorted in between would otherwise send the write
 * to whichever deal now sits at that row number.
 */
export function readDealRow(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  settings: Settings,
  target: { row: number; dealKey: string; expected: string; deal?: string },
  ctx: { timeZone: string; locale: string },
  verb = 'written',
  options: { anyText?: boolean } = {},
): { read: TableRow; values: CellValue[]; col: number } {
  const { row, dealKey, expected } = target;
  const read = readTableRow(sheet, settings, row);
  const col = read.mapping.nextStep;
  if (col === undefined) throw new UserError(`No next-step column was found. Nothing was ${verb}.`);
  if (!read.values) {
    throw new UserError(
      `Row ${row} is not a deal row of the pipeline table on "${read.sheetName}" any more. Nothing was ${verb}. Select the deal again.`,
    );
  }
  const nowKey = dealKeyOf(read.values, read.mapping, ctx.timeZone);
  if (nowKey !== dealKey) {
    const now = dealLabelOf(read.values, read.mapping, ctx.timeZone);
    const was = target.deal ? ` (${quote(target.deal)})` : '';
    throw new UserError(
      `Row ${row} now holds ${now ? quote(now) : 'another deal'}, not the deal the sidebar showed${was}: ` +
        `rows were added, deleted or sorted since it was read. Nothing was ${verb}. Select the deal again.`,
    );
  }
  const current = cellText(read.values[col], ctx);
  if (!options.anyText && current !== expected) {
    throw new UserError(
      `Row ${row} changed since the sidebar read it: its next step now says ${quote(current)}. ` +
        `Nothing was ${verb}. Check the new text, then try again.`,
    );
  }
  return { read, values: read.values, col };
}

/** Short quote of a cell for a message. */
function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) return 'nothing (it is empty)';
  return `"${t.length > 80 ? `${t.slice(0, 77)}…` : t}"`;
}

/**
 * Writes a next step into `row` as text (the cell gets the plain-text format '@' first, so a step that
 * starts with '=' such as `=HYPERLINK(...)` stays text) and stamps the row's "Next step updated" cell,
 * in one call. Refused, with nothing written, when the cell no longer holds `expected`.
 */
export function writeNextStep(args: WriteNextStepArgs): WriteNextStepResult {
  return rpcGuard(() => {
    const { row, text, expected, dealKey, deal, sheetName } = validateWrite(args);
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const { settings, config } = loadSettings();
    const name = sheetName ?? settings.sheetName;
    const sheet = namedOrActiveSheet(ss, name);
    if (!sheet) throw new UserError(`The sheet "${name}" was not found. Nothing was written.`);
    const lock = tryLock();
    try {
      const ctx = analysisContext(ss, new Date(), config);
      const {
        read,
        values: before,
        col,
      } = readDealRow(sheet, settings, { row, dealKey, expected, deal }, ctx);
      const now = new Date();
      writeNextStepText(sheet, row, col + 1, text);
      const stamped =
        stampRows(sheet, { mapping: read.mapping, firstDataRow: read.firstDataRow }, [row], now) > 0;
      const values: CellValue[] = [...before];
      values[col] = text;
      if (stamped && read.mapping.nextStepUpdated !== undefined) values[read.mapping.nextStepUpdated] = now;
      const after = analysisContext(ss, now, config);
      const { snoozes } = loadSnoozes();
      const judge = (cells: CellValue[]): RowView =>
        judgeRow(cells, row, read.mapping, config, after, snoozes);
      const dueCol = read.mapping.nextStepDue;
      const due =
        dueCol === undefined
          ? { view: judge(values) }
          : settleDueCell(ss, sheet, { row, column: dueCol, dealKey }, values, judge, after);
      const view = due.view;
      const logged = logStepEvents(ss, now, [stepEvent(view, 'set', text, view.due ?? '', now)]).written;
      return {
        row: view,
        stamped,
        writtenAt: now.toISOString(),
        logged,
        ...(due.dueWritten ? { dueWritten: due.dueWritten } : {}),
        ...(due.dueReplaced ? { dueReplaced: due.dueReplaced } : {}),
        ...(due.dueKept ? { dueKept: due.dueKept } : {}),
      };
    } finally {
      if (lock) lock.releaseLock();
    }
  });
}

/**
 * The due cell after a new step is written (`values`: the row with the new text; updated in place).
 * - Blank: the date the new text names goes in (issue 13).
 * - The date of the step just closed (the log's latest event for the deal ended a step with that
 *   date: Done, Didn't happen, Moved): replaced by the new text's date, or cleared when it names none.
 *   The closed step keeps its date in the log.
 * - Anything else is the user's and is kept; when it is a date other than the text's, the result says so.
 * The log is read (one read) only when the cell holds a date other than the new text's.
 */
function settleDueCell(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  at: { row: number; column: number; dealKey: string },
  values: CellValue[],
  judge: (cells: CellValue[]) => RowView,
  ctx: { today: IsoDate; timeZone: string; locale: string },
): Pick<WriteNextStepResult, 'dueWritten' | 'dueReplaced' | 'dueKept'> & { view: RowView } {
  const current = values[at.column];
  // The date the new text names on its own (the due column wins over the text when both have one).
  const textDue = judge(values.map((v, i) => (i === at.column ? '' : v))).due ?? undefined;
  const blank = current === null || current === undefined || String(current).trim() === '';
  if (blank) {
    const written = fillBlankDueCell(sheet, at.row, at.column + 1, current, textDue, ctx.timeZone);
    if (written) values[at.column] = written;
    return { view: judge(values), ...(written && textDue ? { dueWritten: textDue } : {}) };
  }
  const cellDay = cellToIsoDate(current, {
    timeZone: ctx.timeZone,
    locale: ctx.locale,
    reference: ctx.today,
  });
  if (!cellDay || cellDay === textDue) return { view: judge(values) };
  if (dueBelongsToClosedStep(closedStepOf(ss, at.dealKey), cellDay)) {
    const now = replaceDueCell(sheet, at.row, at.column + 1, textDue, ctx.timeZone);
    values[at.column] = now;
    // Report what the cell now holds (a day replaceDueCell could not write leaves it cleared).
    return { view: judge(values), dueReplaced: { from: cellDay, to: now === '' ? '' : (textDue ?? '') } };
  }
  return { view: judge(values), ...(textDue ? { dueKept: { day: cellDay, textDue } } : {}) };
}

/** The document lock, so two writes can't interleave between the check and the write; null if unavailable. */
export function tryLock(): GoogleAppsScript.Lock.Lock | null {
  try {
    const lock = LockService.getDocumentLock();
    if (!lock) return null;
    if (!lock.tryLock(10_000)) {
      throw new UserError('Another update to this sheet is running. Try again in a few seconds.');
    }
    return lock;
  } catch (error) {
    if (isUserError(error)) throw error;
    return null;
  }
}

/**
 * Selects `row`'s next-step cell on the pipeline sheet (`sheetName`, else the one in settings, else the
 * active sheet): the "my deals" list jumps there, and the rep view follows.
 */
export function selectRow(row: number, sheetName?: string): { row: number; sheetName: string } {
  return rpcGuard(() => {
    if (typeof row !== 'number' || !Number.isInteger(row) || row < 1) {
      throw new UserError('That row number is not valid.');
    }
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const { settings } = loadSettings();
    const name = (typeof sheetName === 'string' && sheetName) || settings.sheetName;
    const sheet = namedOrActiveSheet(ss, name);
    if (!sheet) throw new UserError(`The sheet "${name}" was not found.`);
    const read = readTableRow(sheet, settings, 0);
    const col = read.mapping.nextStep ?? 0;
    if (row < read.firstDataRow || row > read.lastRow) {
      throw new UserError(
        `Row ${row} is not in the pipeline table any more (rows ${read.firstDataRow}–${read.lastRow}).`,
      );
    }
    selectCell(sheet, row, col + 1);
    return { row, sheetName: read.sheetName };
  });
}
