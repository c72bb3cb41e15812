/**
 * Errors meant for a person vs bugs. Anything the user can fix (no next-step column, a protected
 * range, settings too large) is thrown as a `UserError` whose message is shown as-is; anything else is a
 * bug: the user sees a short generic line and the details go to the log.
 *
 * Lives in addon/ by the team contract, but imports nothing from addon/, so sheets/ may import it too.
 */
export class UserError extends Error {
  /** Optional short title for a dialog (e.g. "Next Step Tracker: setup"). */
  readonly title?: string;

  constructor(message: string, title?: string) {
    super(message);
    this.name = 'UserError';
    this.title = title;
    // Keep `instanceof` working when compiled to ES5-style classes or across bundles.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export function isUserError(error: unknown): error is UserError {
  return (
    error instanceof UserError ||
    (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'UserError')
  );
}

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
