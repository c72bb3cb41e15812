/**
 * Menu handlers and server functions for the live highlights (conditional formatting). The rules
 * themselves are compiled in core/highlights and written by sheets/highlights.
 */
import { highlightOptionsFromConfig } from '../core/highlights/compile';
import { HIGHLIGHT_LEGEND, type HighlightId } from '../core/highlights/legend';
import { hashString } from '../core/review/hash';
import type { HighlightsHealthView } from '../core/rpc-contract';
import {
  anySheetHasHighlights,
  applyHighlights,
  findHelper,
  helperShowsError,
  isOwnRule,
  removeHighlights,
} from '../sheets/highlights';
import { readTableLayout } from '../sheets/pipeline';
import { loadSettings } from '../sheets/settings';
import { loadSnoozes } from '../sheets/snoozes';
import { encodeSnoozes } from '../core/snooze';
import { runWithUserErrors } from './user-error';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface HighlightsOnResult {
  sheetName: string;
  added: HighlightId[];
  /** First data row highlighted (1-based) and how many rows the rules cover. */
  firstRow: number;
  rows: number;
  problems: string[];
}

/** Turns highlights on for the configured table (no UI). Throws UserError on bad input. */
export function enableHighlights(ss: Spreadsheet = SpreadsheetApp.getActive()): HighlightsOnResult {
  const { settings, config, problems } = loadSettings();
  const layout = readTableLayout(ss, settings, config);
  // The helper formula carries a fingerprint of the settings it judges with: new settings, new
  // formula, so Sheets computes the helper again (it caches custom functions by their arguments).
  // Snoozes move stale days (core/highlights/facts.ts): a new snooze is a new fingerprint too.
  const key = hashString(JSON.stringify(config) + encodeSnoozes(loadSnoozes().snoozes));
  const result = applyHighlights(
    ss,
    { sheet: layout.sheet, firstDataRow: layout.firstDataRow, mapping: layout.mapping },
    highlightOptionsFromConfig(config, key),
  );
  return {
    sheetName: layout.sheetName,
    added: result.added,
    firstRow: layout.firstDataRow,
    rows: result.rows,
    problems: [...problems, ...layout.problems],
  };
}

/** Removes the add-on's highlight rules from every sheet (no UI). Returns how many were removed. */
export function disableHighlights(ss: Spreadsheet = SpreadsheetApp.getActive()): number {
  return removeHighlights(ss);
}

/** Whether any sheet carries the add-on's rules. */
export function highlightsAreOn(ss: Spreadsheet = SpreadsheetApp.getActive()): boolean {
  return anySheetHasHighlights(ss);
}

export type HighlightsHealth = HighlightsHealthView;

/**
 * Whether highlights are on and whether their helper column is intact (a user may delete it, paste
 * over its header, or remove its formula). Constant calls per sheet.
 */
export function highlightsHealth(ss: Spreadsheet = SpreadsheetApp.getActive()): HighlightsHealth {
  for (const sheet of ss.getSheets()) {
    if (!sheet.getConditionalFormatRules().some(isOwnRule)) continue;
    const helper = findHelper(sheet);
    const broken = !helper || !helper.intact || helperShowsError(sheet, helper.row ?? 1, helper.column);
    return { on: true, helperBroken: broken, sheetName: sheet.getName() };
  }
  return { on: false, helperBroken: false };
}

/**
 * After settings change (columns, phrases, freshness days): re-applies the highlights when they are
 * on, so they follow the new settings. Returns true when they were re-applied.
 */
export function refreshHighlightsIfOn(ss: Spreadsheet = SpreadsheetApp.getActive()): boolean {
  if (!highlightsAreOn(ss)) return false;
  enableHighlights(ss);
  return true;
}

function legendLine(id: HighlightId): string {
  const e = HIGHLIGHT_LEGEND.find((x) => x.id === id);
  return e ? `${e.colorName}: ${e.label.toLowerCase()}` : id;
}

/** Menu: Turn highlights on. */
export function turnHighlightsOn(): void {
  runWithUserErrors('Next Step Tracker: highlights', () => {
    const ss = SpreadsheetApp.getActive();
    const r = enableHighlights(ss);
    const message =
      r.added.length === 0
        ? `No rows to highlight in "${r.sheetName}" yet: add deals below the header and turn highlights on again.`
        : `Highlights on in "${r.sheetName}" from row ${r.firstRow}: ${r.added.map(legendLine).join(', ')}.` +
          (r.problems.length ? ` Note: ${r.problems.join(' ')}` : '');
    ss.toast(message, 'Next Step Tracker', 8);
  });
}

/** Menu: Turn highlights off. */
export function turnHighlightsOff(): void {
  runWithUserErrors('Next Step Tracker: highlights', () => {
    const ss = SpreadsheetApp.getActive();
    const removed = disableHighlights(ss);
    ss.toast(
      removed > 0
        ? 'Highlights off. Your own conditional formatting was left as it was.'
        : 'Highlights were already off. Your own conditional formatting was left as it was.',
      'Next Step Tracker',
      6,
    );
  });
}
