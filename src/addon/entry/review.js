// Type-free entry file: scripts/build.js turns each `global.NAME = ...` below into a top-level
// Apps Script stub carrying the JSDoc above it. Keep the JSDoc directly above the assignment.
// The weekly review: menu items, sidebar RPCs (src/core/rpc-contract.ts) and the trigger handler.
import { buildWeeklyReview, buildReviewNow } from '../review';
import {
  turnWeeklyReviewOn,
  turnWeeklyReviewOff,
  runWeeklyReview,
  getWeeklyReviewStatus,
} from '../weekly-trigger';

/**
 * Menu handler: builds this week's pipeline-review tab ("Pipeline review 2026-W11").
 */
global.buildWeeklyReview = function () {
  return buildWeeklyReview();
};

/**
 * Sidebar RPC: builds this week's review now.
 * @param {{now?: string, includeModel?: boolean}=} options now: ISO instant to build as of (CLI, tests)
 * @return {{ok: boolean, weekId: string, sheetName: string, summary: Object, message: string, problems: string[]}}
 */
global.buildReviewNow = function (options) {
  return buildReviewNow(options);
};

/**
 * Menu handler and sidebar RPC: builds the review every Monday between 8:00 and 9:00 (one trigger per user per document).
 * @return {{scheduled: boolean, schedule: string, lastRun: Object, failures: Object[], message: string}}
 */
global.turnWeeklyReviewOn = function () {
  return turnWeeklyReviewOn();
};

/**
 * Menu handler and sidebar RPC: stops the Monday build.
 * @return {{scheduled: boolean, schedule: string, lastRun: Object, failures: Object[], message: string}}
 */
global.turnWeeklyReviewOff = function () {
  return turnWeeklyReviewOff();
};

/**
 * Time-driven trigger handler (every Monday, some time between 8:00 and 9:00): builds the review and records the outcome.
 * @param {Object} e time-driven event
 */
global.runWeeklyReview = function (e) {
  return runWeeklyReview(e);
};

/**
 * Sidebar RPC: whether the Monday build is on, and the last run's outcome and recent failures.
 * @return {{scheduled: boolean, schedule: string, lastRun: Object, failures: Object[], message: string}}
 */
global.getWeeklyReviewStatus = function () {
  return getWeeklyReviewStatus();
};
