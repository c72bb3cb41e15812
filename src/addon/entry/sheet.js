// Type-free entry file: scripts/build.js turns each `global.NAME = ...` below into a top-level
// Apps Script stub. Menu handlers (see src/addon/menu.ts) and the onEdit simple trigger.
import { setUpSheet } from '../setup';
import { turnHighlightsOn, turnHighlightsOff } from '../highlights';
import { showHelp } from '../help';
import { runSelfTest } from '../self-test';
import { onEditStamp } from '../on-edit';
import { saveSetupChoice } from '../setup-picker';

/** Menu: finds the pipeline table, confirms its columns and saves them for this document. */
global.setUpSheet = function () {
  return setUpSheet();
};

/**
 * Called by the setup column picker (a dialog): saves the chosen columns, adding a "Next step" or
 * "Next step updated" column when asked.
 * @param {Object} choice
 */
global.saveSetupChoice = function (choice) {
  return saveSetupChoice(choice);
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

/**
 * Menu: Help ▸ Run self-test. Checks every Apps Script service the add-on relies on, on a temporary
 * sheet it removes again, and shows a report with a "copy report" block.
 */
global.runSelfTest = function () {
  return runSelfTest();
};
