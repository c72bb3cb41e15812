/**
 * The document's property store, which Apps Script may withhold: `getDocumentProperties()` returns
 * null "when document properties are not available" (PropertiesService reference). Reads then fall back
 * to defaults; writes refuse with a message a person can act on, and never a TypeError.
 */
import { UserError } from '../core/user-error';

export type DocumentStore = GoogleAppsScript.Properties.Properties;

export const NO_DOCUMENT_STORE =
  'Google Sheets did not give Next Step Tracker access to this spreadsheet’s saved settings here. ' +
  'Open the spreadsheet and use Extensions ▸ Next Step Tracker again.';

/** The document's properties, or null when Apps Script gives none (or refuses the call). */
export function documentProperties(): DocumentStore | null {
  try {
    return PropertiesService.getDocumentProperties() ?? null;
  } catch {
    return null;
  }
}

/** The document's properties for a write; a UserError when Apps Script gives none. */
export function requireDocumentProperties(title?: string): DocumentStore {
  const store = documentProperties();
  if (!store) throw new UserError(NO_DOCUMENT_STORE, title);
  return store;
}
