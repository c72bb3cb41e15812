/**
 * Errors meant for a person vs bugs. Anything the user can fix (no next-step column, a protected
 * range, settings too large) is thrown as a `UserError` whose message is shown as-is; anything else is a
 * bug. Plain data, no Apps Script: every layer may throw one (addon/user-error.ts shows them).
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
