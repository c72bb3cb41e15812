// Type-free entry file: scripts/build.js turns each `global.NAME = ...` below into a top-level
// Apps Script stub carrying the JSDoc above it (that JSDoc is what Sheets shows in autocomplete).
// Keep the JSDoc directly above the assignment. Results never depend on today's date (brief §4).
import { nextStepCheck, nextStepScore, nextStepDue } from '../custom-functions';
import { nextStepFacts } from '../facts-function';

/**
 * Checks next-step text and says what is wrong with it: OK, or the verdict and its reasons in a few
 * words. Judges the text only (action, time anchor, buyer-side party), never whether it is overdue,
 * so the answer does not change with today's date. Blank cells give a blank.
 * Example: =NEXTSTEP_CHECK("follow up") returns Weak: only "follow up"; no date
 * Example: =NEXTSTEP_CHECK(E2:E, F2:F) checks a whole column, using the due dates in F.
 *
 * @param {string|Array<Array<string>>} next_steps The next-step text: one cell or a range, e.g. E2:E.
 * @param {Date|Array<Array<Date>>} [due_dates] Optional due dates, same rows as next_steps, e.g. F2:F.
 *     A date here counts as the step's time anchor.
 * @param {Date|Array<Array<Date>>} [written_on] Optional dates the entries were written or updated,
 *     same rows as next_steps; relative phrases ("next Fri") are read from this day.
 * @return {string|Array<Array<string>>} OK, or e.g. Weak: only "follow up"; no date, one per cell.
 * @customfunction
 */
global.NEXTSTEP_CHECK = function (next_steps, due_dates, written_on) {
  return nextStepCheck(next_steps, due_dates, written_on);
};

/**
 * Scores next-step text from 0 (missing or no action) to 100 (a concrete action with a date and a
 * named buyer-side party). Judges the text only, so the score does not change with today's date.
 * Blank cells give a blank.
 * Example: =NEXTSTEP_SCORE("Send revised MSA to Jane (legal) by Fri 24/03") returns a high score;
 * =NEXTSTEP_SCORE("follow up") a low one.
 *
 * @param {string|Array<Array<string>>} next_steps The next-step text: one cell or a range, e.g. E2:E.
 * @param {Date|Array<Array<Date>>} [due_dates] Optional due dates, same rows as next_steps, e.g. F2:F.
 * @return {number|Array<Array<number>>} 0 to 100 per cell.
 * @customfunction
 */
global.NEXTSTEP_SCORE = function (next_steps, due_dates) {
  return nextStepScore(next_steps, due_dates);
};

/**
 * The due date a next step's text names, as a date (midnight in the spreadsheet's time zone), or a
 * blank when it names none. Relative dates ("next Fri", "24/03" without a year) need written_on, the
 * day the entry was written (or a log-style date at the start of the text); without it they give a
 * blank rather than a date that would silently depend on today.
 * Example: =NEXTSTEP_DUE("Pricing call with Jane on 24/03/2026") returns 24/03/2026.
 * Example: =NEXTSTEP_DUE("Demo with their IT team next Tue", G2) reads "next Tue" from the date in G2.
 *
 * @param {string|Array<Array<string>>} next_steps The next-step text: one cell or a range, e.g. E2:E.
 * @param {Date|Array<Array<Date>>} [written_on] Optional dates the entries were written or updated,
 *     same rows as next_steps.
 * @return {Date|Array<Array<Date>>} The due date per cell, or a blank.
 * @customfunction
 */
global.NEXTSTEP_DUE = function (next_steps, written_on) {
  return nextStepDue(next_steps, written_on);
};

/**
 * The highlights' helper (written by Turn highlights on, in a hidden column): for each row of the
 * table, the engine's date-independent facts (verdict class, due date, stale-after date) as a short
 * code that the highlight rules compare with TODAY(). Not meant to be typed by hand.
 *
 * @param {Array<Array<string>>} table The table's data rows, from its first column to its last mapped one.
 * @param {string} columns Which column is which, e.g. "nextStep=6;stage=3" (0-based within table).
 * @param {string} [settings_key] A fingerprint of the saved settings (changing it recomputes).
 * @return {Array<Array<string>>} One fact code per row; blank for blank and closed rows.
 * @customfunction
 */
global.NEXTSTEP_FACTS = function (table, columns, settings_key) {
  return nextStepFacts(table, columns, settings_key);
};
