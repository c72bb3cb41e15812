/**
 * Menu handlers and server functions for the live highlights (conditional formatting). The rules
 * themselves are compiled in core/highlights and written by sheets/highlights.
 */
import { highlightOptionsFromConfig } from '../core/highlights/compile';
import { HIGHLIGHT_LEGEND, type HighlightId } from '../core/highlights/legend';
import { anySheetHasHighlights, applyHighlights, removeHighlights } from '../sheets/highlights';
import { readTableLayout } from '../sheets/pipeline';
import { loadSettings } from '../sheets/settings';
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
  const result = applyHighlights(
    ss,
    { sheet: layout.sheet, firstDataRow: layout.firstDataRow, mapping: layout.mapping },
    highlightOptionsFromConfig(config),
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
