/**
 * The sidebar's server side: opening it, and the RPCs the rep view calls (src/core/rpc-contract.ts
 * types them; src/ui/rpc.ts calls them). Thin: read through sheets/ (the whole table, or the header
 * area and one row), judge with core/, shape plain serializable data. Every error meant for a person
 * is a UserError; anything else is logged and replaced by a generic sentence (user-error.ts).
 */
import type { SelectionContext, WriteNextStepArgs, WriteNextStepResult } from '../core/rpc-contract';
import type { CellValue } from '../core/types';
import { loadSettings } from '../sheets/settings';
import { stampRows } from '../sheets/stamp';
import { readTableRow } from '../sheets/table-row';
import { isReviewTabName, namedOrActiveSheet, sameSheet, sheetNamed } from '../sheets/pipeline-sheet';
import { readSelection, selectCell, writeNextStepText } from '../sheets/next-step-cell';
import { analysisContext } from './context';
import { isUserError, UserError, userMessage } from './user-error';
import { loadSettingsWithToken } from './sidebar-settings-cache';
import { cellText, judgeRow } from './sidebar-read';

export const SIDEBAR_TITLE = 'Next Step Tracker';
/** Longest next step the sidebar writes (a cell holds 50,000 characters; a next step is a sentence). */
export const MAX_NEXT_STEP_LENGTH = 5_000;

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

/**
 * The active row's deal, next step, verdict, timing and findings. Polled about once a second while the
 * sidebar is visible, so it reads only the header block and the active row (≤ 2 getValues).
 */
export function getSelectionContext(settingsToken?: string): SelectionContext {
  return rpcGuard(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const now = new Date();
    const { loaded, token } = loadSettingsWithToken(settingsToken, now.getTime());
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
    return { ...result, kind: 'row', row: judgeRow(read.values, activeRow, read.mapping, config, ctx) };
  });
}

function validateWrite(args: unknown): WriteNextStepArgs {
  if (!args || typeof args !== 'object') throw new UserError('Nothing to write: the request was empty.');
  const a = args as Record<string, unknown>;
  if (typeof a.row !== 'number' || !Number.isInteger(a.row) || a.row < 1) {
    throw new UserError('Nothing was written: the row number was missing. Select the row again.');
  }
  if (typeof a.text !== 'string') throw new UserError('Nothing was written: the next step was not text.');
  if (typeof a.expected !== 'string') {
    throw new UserError(
      'Nothing was written: the sidebar did not say what the row held. Select the row again.',
    );
  }
  const text = a.text.replace(/\r\n?/g, '\n').trim();
  if (!text) throw new UserError('Type a next step first: nothing was written.');
  if (text.length > MAX_NEXT_STEP_LENGTH) {
    throw new UserError(
      `That next step is ${text.length} characters long; keep it under ${MAX_NEXT_STEP_LENGTH}. Nothing was written.`,
    );
  }
  const sheetName = typeof a.sheetName === 'string' && a.sheetName ? a.sheetName : undefined;
  return { row: a.row, text, expected: a.expected, sheetName };
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
    const { row, text, expected, sheetName } = validateWrite(args);
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const { settings, config } = loadSettings();
    const name = sheetName ?? settings.sheetName;
    const sheet = namedOrActiveSheet(ss, name);
    if (!sheet) throw new UserError(`The sheet "${name}" was not found. Nothing was written.`);
    const lock = tryLock();
    try {
      const read = readTableRow(sheet, settings, row);
      const col = read.mapping.nextStep;
      if (col === undefined) throw new UserError('No next-step column was found. Nothing was written.');
      if (!read.values) {
        throw new UserError(
          `Row ${row} is not a deal row of the pipeline table on "${read.sheetName}". Nothing was written.`,
        );
      }
      const ctx = analysisContext(ss, new Date(), config);
      const current = cellText(read.values[col], ctx);
      if (current !== expected) {
        throw new UserError(
          `Row ${row} changed since the sidebar read it: its next step now says ${quote(current)}. ` +
            'Nothing was written. Check the new text, then write again.',
        );
      }
      const now = new Date();
      writeNextStepText(sheet, row, col + 1, text);
      const stamped =
        stampRows(sheet, { mapping: read.mapping, firstDataRow: read.firstDataRow }, [row], now) > 0;
      const values: CellValue[] = [...read.values];
      values[col] = text;
      if (stamped && read.mapping.nextStepUpdated !== undefined) values[read.mapping.nextStepUpdated] = now;
      return {
        row: judgeRow(values, row, read.mapping, config, analysisContext(ss, now, config)),
        stamped,
        writtenAt: now.toISOString(),
      };
    } finally {
      if (lock) lock.releaseLock();
    }
  });
}

/** The document lock, so two writes can't interleave between the check and the write; null if unavailable. */
function tryLock(): GoogleAppsScript.Lock.Lock | null {
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
