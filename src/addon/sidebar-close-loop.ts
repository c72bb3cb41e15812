/**
 * Closing the loop from the sidebar: record what happened to the current step (Done / Didn't happen /
 * Moved) in the next-step log, and snooze a known stall. Both carry the deal's identity and refuse,
 * like writeNextStep, when the row no longer holds that deal or that step (sidebar.ts readDealRow).
 */
import type {
  SnoozeArgs,
  SnoozeResult,
  StepOutcomeArgs,
  StepOutcomeKind,
  StepOutcomeResult,
} from '../core/rpc-contract';
import { snoozeProblem, type Snooze } from '../core/snooze';
import { loadSettings } from '../sheets/settings';
import { namedOrActiveSheet } from '../sheets/pipeline-sheet';
import { loadSnoozes, saveSnooze } from '../sheets/snoozes';
import { analysisContext } from './context';
import { refreshHighlightsIfOn } from './highlights';
import { UserError } from './user-error';
import { readDealRow, rpcGuard, tryLock } from './sidebar';
import { judgeRow } from './sidebar-read';
import { logStepEvents, stepEvent, whoIsActing } from './step-log';

const OUTCOMES: readonly StepOutcomeKind[] = ['done', 'missed', 'moved'];

function target(
  args: unknown,
  verb: string,
): { row: number; dealKey: string; sheetName?: string; deal?: string } {
  if (!args || typeof args !== 'object') throw new UserError(`Nothing was ${verb}: the request was empty.`);
  const a = args as Record<string, unknown>;
  if (typeof a.row !== 'number' || !Number.isInteger(a.row) || a.row < 1 || typeof a.dealKey !== 'string') {
    throw new UserError(`Nothing was ${verb}: the sidebar did not say which deal. Select the row again.`);
  }
  return {
    row: a.row,
    dealKey: a.dealKey,
    sheetName: typeof a.sheetName === 'string' && a.sheetName ? a.sheetName : undefined,
    deal: typeof a.deal === 'string' ? a.deal : undefined,
  };
}

function sheetFor(name: string | undefined, verb: string): GoogleAppsScript.Spreadsheet.Sheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = namedOrActiveSheet(ss, name ?? loadSettings().settings.sheetName);
  if (!sheet) throw new UserError(`The pipeline sheet was not found. Nothing was ${verb}.`);
  return sheet;
}

/** Records done / missed / moved for the row's current step: one log row. */
export function recordStepOutcome(args: StepOutcomeArgs): StepOutcomeResult {
  return rpcGuard(() => {
    const t = target(args, 'recorded');
    const outcome = (args as { outcome?: unknown }).outcome as StepOutcomeKind;
    if (!OUTCOMES.includes(outcome))
      throw new UserError('Nothing was recorded: choose Done, Didn’t happen or Moved.');
    const expected = typeof args.expected === 'string' ? args.expected : '';
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const { settings, config } = loadSettings();
    const sheet = sheetFor(t.sheetName ?? settings.sheetName, 'recorded');
    const now = new Date();
    const ctx = analysisContext(ss, now, config);
    const lock = tryLock();
    try {
      const { values, read } = readDealRow(sheet, settings, { ...t, expected }, ctx, 'recorded');
      if (expected.trim() === '') throw new UserError('This deal has no next step to mark. Write one first.');
      const view = judgeRow(values, t.row, read.mapping, config, ctx, loadSnoozes().snoozes);
      if (view.status !== 'open') throw new UserError('This deal is closed: there is no step to mark.');
      // A sidebar "Moved" ends the step; its new date comes with the next write (a `moved` with a due
      // date is the due column edited in the sheet: the same text lives on to that day).
      const due = outcome === 'moved' ? '' : (view.due ?? '');
      const result = logStepEvents(ss, now, [stepEvent(view, outcome, expected, due, now)]);
      return { row: view, logged: result.written, problems: result.problems };
    } finally {
      if (lock) lock.releaseLock();
    }
  });
}

/** Sets (until + reason) or ends (until '') the snooze of the row's deal. */
export function snoozeDeal(args: SnoozeArgs): SnoozeResult {
  return rpcGuard(() => {
    const t = target(args, 'snoozed');
    if (t.dealKey === '') {
      throw new UserError(
        'This row has no deal name, account or deal ID, so a snooze could not follow it. Fill one in first.',
      );
    }
    const until = typeof args.until === 'string' ? args.until : '';
    const reason = typeof args.reason === 'string' ? args.reason.replace(/\s+/g, ' ').trim() : '';
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const { settings, config } = loadSettings();
    const sheet = sheetFor(t.sheetName ?? settings.sheetName, 'snoozed');
    const now = new Date();
    const ctx = analysisContext(ss, now, config);
    if (until !== '') {
      const problem = snoozeProblem({ until, reason }, ctx.today, config.maxSnoozeDays);
      if (problem) throw new UserError(`${problem} Nothing was snoozed.`);
    }
    const lock = tryLock();
    try {
      const { read, values } = readDealRow(sheet, settings, { ...t, expected: '' }, ctx, 'snoozed', {
        anyText: true,
      });
      const base = judgeRow(values, t.row, read.mapping, config, ctx);
      let snooze: Snooze | null = null;
      if (until !== '') {
        snooze = {
          dealKey: t.dealKey,
          deal: base.deal || base.account,
          owner: base.owner,
          until,
          reason,
          by: whoIsActing(),
          at: now.toISOString(),
        };
      }
      const snoozes = saveSnooze(t.dealKey, snooze, ctx.today);
      // The highlights' helper takes snoozes as an input: re-apply so its fingerprint (and colours) follow.
      try {
        refreshHighlightsIfOn(ss);
      } catch (error) {
        console.warn(
          `Next Step Tracker: highlights not refreshed after a snooze: ${(error as Error).message}`,
        );
      }
      const row = judgeRow(values, t.row, read.mapping, config, ctx, snoozes);
      return { row, snooze: row.snooze };
    } finally {
      if (lock) lock.releaseLock();
    }
  });
}
