/**
 * Showing errors to a person: a UserError's own text (the class lives in core/user-error.ts so every
 * layer may throw one), else a short generic line with the details in the log.
 */
import { isUserError } from '../core/user-error';

export { UserError, isUserError } from '../core/user-error';

const GENERIC =
  'Next Step Tracker hit an unexpected problem. Please try again; if it keeps happening, report it.';

/** The message to show a person: a UserError's own text, else a generic line (the bug is logged). */
export function userMessage(error: unknown): string {
  if (isUserError(error)) return error.message;
  try {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } catch {
    // console may be unavailable in some auth modes; never fail while reporting a failure.
  }
  return GENERIC;
}

/**
 * Runs an entry point; a UserError is shown in an alert (when a UI is available) and swallowed, any
 * other error is re-thrown after the same alert so Apps Script's execution log keeps the stack.
 */
export function runWithUserErrors<T>(title: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    const message = userMessage(error);
    try {
      SpreadsheetApp.getUi().alert(title, message, SpreadsheetApp.getUi().ButtonSet.OK);
    } catch {
      // No UI (trigger context): nothing more to do.
    }
    if (isUserError(error)) return undefined;
    throw error;
  }
}
