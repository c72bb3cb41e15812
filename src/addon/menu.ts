/**
 * The Extensions ▸ Next Step Tracker menu. `onOpen` may run in AuthMode.NONE (brief §4): it only
 * builds the menu and touches neither the document nor properties, so it works in every mode.
 */

/** Menu label → name of the top-level function it runs. */
export const MENU_ITEMS: ReadonlyArray<readonly [label: string, handler: string] | null> = [
  ['Open sidebar', 'openSidebar'],
  ['Set up this sheet', 'setUpSheet'],
  null,
  ['Turn highlights on', 'turnHighlightsOn'],
  ['Turn highlights off', 'turnHighlightsOff'],
  null,
  ['Build weekly review', 'buildWeeklyReview'],
  ['Build every Monday 8–9 am: on', 'turnWeeklyReviewOn'],
  ['Build every Monday 8–9 am: off', 'turnWeeklyReviewOff'],
  null,
  ['Help', 'showHelp'],
  ['Run self-test', 'runSelfTest'],
];

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}

/** Apps Script calls onInstall in place of onOpen when a user installs the add-on from an open sheet. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}
