// Type-free entry file: scripts/build.js turns each `global.NAME = ...` below into a top-level
// Apps Script stub. Menu handlers (see src/addon/menu.ts) and the onEdit simple trigger.
import { setUpSheet } from '../setup';
import { turnHighlightsOn, turnHighlightsOff } from '../highlights';
import { showHelp } from '../help';
import { onEditStamp } from '../on-edit';

/** Menu: finds the pipeline table, confirms its columns and saves them for this document. */
global.setUpSheet = function () {
  return setUpSheet();
};

/** Menu: colours missing, vague, overdue and stale next steps with conditional formatting. */
global.turnHighlightsOn = function () {
  return turnHighlightsOn();
};

/** Menu: removes the add-on's highlight rules (and only those). */
global.turnHighlightsOff = function () {
  return turnHighlightsOff();
};

/** Menu: a short help dialog with the colour legend. */
global.showHelp = function () {
  return showHelp();
};

/**
 * Simple trigger: stamps "Next step updated" for the rows whose next step was edited. Never throws.
 * @param {GoogleAppsScript.Events.SheetsOnEdit} e
 */
global.onEdit = function (e) {
  onEditStamp(e);
};
