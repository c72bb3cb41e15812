/**
 * The sidebar's link to the in-sheet highlights (src/addon/highlights.ts, the in-sheet helper's):
 * whether they are on, and re-applying them after a settings change so the sheet follows.
 */
import type { HighlightsHealthView } from '../core/rpc-contract';
import { enableHighlights, highlightsAreOn, highlightsHealth, refreshHighlightsIfOn } from './highlights';
import { rpcGuard } from './sidebar';

/** Whether the add-on's highlights are on in this spreadsheet; null when it can't be told. */
export function highlightsState(): boolean | null {
  try {
    return highlightsAreOn(SpreadsheetApp.getActiveSpreadsheet());
  } catch {
    return null;
  }
}

/**
 * Re-applies the highlights when they are on; true when they were re-applied. A failure here (say the
 * new mapping has no next-step column) must not undo a save that already happened: it throws a
 * UserError-free false, and the sidebar says the highlights were not updated.
 */
export function reapplyHighlightsIfOn(): boolean {
  try {
    return refreshHighlightsIfOn(SpreadsheetApp.getActiveSpreadsheet());
  } catch {
    return false;
  }
}

/**
 * Whether highlights are on and their helper column intact: a user may delete the hidden helper or
 * paste over it, and the colours then vanish; the sidebar offers to restore them.
 */
export function getHighlightsHealth(): HighlightsHealthView {
  return rpcGuard(() => highlightsHealth(SpreadsheetApp.getActiveSpreadsheet()));
}

/** Re-applies the highlights (rules and helper column), as the menu's Turn highlights on does. */
export function restoreHighlights(): HighlightsHealthView {
  return rpcGuard(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    enableHighlights(ss);
    return highlightsHealth(ss);
  });
}
