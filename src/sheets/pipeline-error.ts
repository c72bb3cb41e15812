/**
 * The error every table reader throws when there is no pipeline table to read: a UserError, so its
 * message (which names the headers looked for) reaches the person as-is.
 */
import { NEXT_STEP_HEADER_SYNONYMS } from '../core/columns';
import { UserError } from '../core/user-error';

export class PipelineError extends UserError {
  constructor(message: string) {
    super(message, 'Next Step Tracker');
    this.name = 'UserError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** How many header synonyms an error message names. */
const NAMED_SYNONYMS = 8;

export function lookedForHeaders(): string {
  const list = (NEXT_STEP_HEADER_SYNONYMS as readonly string[]).slice(0, NAMED_SYNONYMS);
  return list.map((h) => `"${h}"`).join(', ');
}

export function emptySheetError(sheetName: string): PipelineError {
  return new PipelineError(
    `Sheet "${sheetName}" is empty: there is no table to check. Add a header row with a next-step column ` +
      `(for example ${lookedForHeaders()}) and your deals below it.`,
  );
}
