// Type-free entry file: scripts/build.js turns each `global.NAME = ...` below into a top-level
// Apps Script stub carrying the JSDoc above it. Keep the JSDoc directly above the assignment.
import { onOpen, onInstall } from '../menu';

/**
 * Builds the Extensions ▸ Next Step Tracker menu (safe in AuthMode.NONE).
 * @param {GoogleAppsScript.Events.SheetsOnOpen} e
 */
global.onOpen = function (e) {
  return onOpen(e);
};

/**
 * Runs when the add-on is installed from an open sheet: builds the menu.
 * @param {GoogleAppsScript.Events.AddonOnInstall} e
 */
global.onInstall = function (e) {
  return onInstall(e);
};
