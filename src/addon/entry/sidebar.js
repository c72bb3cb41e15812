// Type-free entry file: scripts/build.js turns each `global.NAME = ...` below into a top-level
// Apps Script stub carrying the JSDoc above it. Keep the JSDoc directly above the assignment.
// The sidebar calls these through google.script.run; src/core/rpc-contract.ts types them.
import { openSidebar, getSelectionContext, writeNextStep, selectRow } from '../sidebar';
import { getMyDeals, getSheetHealth } from '../sidebar-deals';
import { recordStepOutcome, snoozeDeal } from '../sidebar-close-loop';
import { getSettings, saveSettings } from '../sidebar-settings';
import { getHighlightsHealth, restoreHighlights } from '../sidebar-highlights';

/**
 * Menu handler: opens the Next Step Tracker sidebar (dist/Sidebar.html).
 */
global.openSidebar = function () {
  return openSidebar();
};

/**
 * Sidebar RPC: the active row's deal, next step, verdict, timing and findings (polled about once a
 * second; reads only the header block and the active row).
 * @param {string=} settingsToken the previous answer's settingsToken (skips the settings read for 30 s)
 * @return {SelectionContext} see src/core/rpc-contract.ts
 */
global.getSelectionContext = function (settingsToken) {
  return getSelectionContext(settingsToken);
};

/**
 * Sidebar RPC: writes a next step into a row as text and stamps the row, in one call; refused when the
 * row's next step changed since the sidebar read it.
 * @param {{sheetName?: string, row: number, text: string, expected: string, dealKey: string}} args
 * @return {WriteNextStepResult} see src/core/rpc-contract.ts
 */
global.writeNextStep = function (args) {
  return writeNextStep(args);
};

/**
 * Sidebar RPC: records what happened to the row's current step (done, missed, moved) in the next-step
 * log; refused when the row no longer holds that deal or that step.
 * @param {{sheetName?: string, row: number, dealKey: string, expected: string, outcome: string}} args
 * @return {StepOutcomeResult} see src/core/rpc-contract.ts
 */
global.recordStepOutcome = function (args) {
  return recordStepOutcome(args);
};

/**
 * Sidebar RPC: snoozes the row's deal until a day with a reason (until '' ends the snooze).
 * @param {{sheetName?: string, row: number, dealKey: string, until: string, reason: string}} args
 * @return {SnoozeResult} see src/core/rpc-contract.ts
 */
global.snoozeDeal = function (args) {
  return snoozeDeal(args);
};

/**
 * Sidebar RPC: selects a row's next-step cell on the pipeline sheet.
 * @param {number} row sheet row number (1-based)
 * @param {string=} sheetName the pipeline sheet (MyDeals.sheetName); default: settings, else active
 * @return {{row: number, sheetName: string}}
 */
global.selectRow = function (row, sheetName) {
  return selectRow(row, sheetName);
};

/**
 * Sidebar RPC: the signed-in user's (or the given owner's) open deals needing attention.
 * @param {string=} owner owner cell text; omitted = match the Session email to the owner column
 * @param {string=} sheetName the pipeline sheet; default: settings, else active, else the first with a table
 * @return {MyDeals} see src/core/rpc-contract.ts
 */
global.getMyDeals = function (owner, sheetName) {
  return getMyDeals(owner, sheetName);
};

/**
 * Sidebar RPC: counts by verdict and timing and the ok share of the pipeline (manager view).
 * @param {string=} sheetName the pipeline sheet; default: settings, else active, else the first with a table
 * @return {SheetHealth} see src/core/rpc-contract.ts
 */
global.getSheetHealth = function (sheetName) {
  return getSheetHealth(sheetName);
};

/**
 * Sidebar RPC: the settings form, the sheet's headers and stages.
 * @return {SettingsView} see src/core/rpc-contract.ts
 */
global.getSettings = function () {
  return getSettings();
};

/**
 * Sidebar RPC: validates and saves the settings form; re-applies highlights when they are on.
 * @param {SettingsForm} form see src/core/rpc-contract.ts
 * @return {SaveSettingsResult} see src/core/rpc-contract.ts
 */
global.saveSettings = function (form) {
  return saveSettings(form);
};

/**
 * Sidebar RPC: whether highlights are on and their hidden helper column is intact.
 * @return {HighlightsHealthView} see src/core/rpc-contract.ts
 */
global.getHighlightsHealth = function () {
  return getHighlightsHealth();
};

/**
 * Sidebar RPC: restores the highlights (rules and helper column) after the helper was deleted.
 * @return {HighlightsHealthView} see src/core/rpc-contract.ts
 */
global.restoreHighlights = function () {
  return restoreHighlights();
};
