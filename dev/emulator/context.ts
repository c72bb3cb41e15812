/**
 * What every emulated object needs: the document, who is running, in which auth mode, the clock, and
 * the boundary through which values reach add-on code (converted into the vm's realm when loaded).
 */
import type { CallLedger } from './ledger';
import type { EmulatedSpreadsheet } from './model';
import type { UiRecorder } from './ui';

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

/** The builtins of the vm realm the add-on runs in, so Dates/arrays/errors it receives are its own. */
export interface Realm {
  Date: DateConstructor;
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  Error: ErrorConstructor;
}

export interface Boundary {
  ledger: CallLedger;
  realm?: Realm;
  /** The OAuth scopes granted (the manifest's oauthScopes); null or absent = not checked. */
  scopes?: ReadonlySet<string> | null;
}

/**
 * Readings of undocumented (or unconfirmed) Apps Script behaviour, switchable so the add-on is tested
 * under each (docs/emulator.md, "Beliefs"). Defaults are the emulator's best reading.
 */
export interface Beliefs {
  /** ConditionalFormatRuleBuilder.build() returns a rule that keeps reading the builder (default false). */
  builderSharesState?: boolean;
  /** getDocumentLock / getDocumentProperties / getDocumentCache return null (no document context). */
  noDocumentContext?: boolean;
  /** getDocumentLock alone returns null (the lock half of noDocumentContext). */
  nullDocumentLock?: boolean;
  /** Custom functions may read document properties (default true; false = the call is refused). */
  customFunctionsReadProperties?: boolean;
}

export interface EmulatorContext {
  boundary: Boundary;
  ss: EmulatedSpreadsheet;
  authMode: AuthModeName;
  user: { email: string; canEdit: boolean };
  executionId: number;
  now(): Date;
  ui: UiRecorder;
  htmlDir: string;
  scriptTimeZone: string;
  /** Logger.log and console output, in order. */
  logs: Array<{ level: string; text: string }>;
  /** Utilities.sleep calls (nothing sleeps). */
  sleeps: number[];
  beliefs?: Beliefs;
}

export const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

const SCOPES: Record<string, string> = {
  SpreadsheetApp: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  PropertiesService: 'https://www.googleapis.com/auth/script.storage',
  CacheService: 'https://www.googleapis.com/auth/script.storage',
  LockService: 'https://www.googleapis.com/auth/script.storage',
  ScriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  Ui: 'https://www.googleapis.com/auth/script.container.ui',
};

export function permissionError(method: string): Error {
  const service = method.split('.')[0];
  const scope = SCOPES[service];
  return new Error(
    `You do not have permission to call ${method}.${scope ? ` Required permissions: ${scope}` : ''}`,
  );
}

/** Document and storage access: forbidden in AuthMode.NONE (an add-on's onOpen before it is enabled). */
export function requireDocument(ctx: EmulatorContext, method: string): void {
  if (ctx.authMode === 'NONE') throw permissionError(method);
}

/**
 * Writes: forbidden in NONE and in custom functions, which Sheets runs read-only. An allowed write
 * bumps the document's `revision` (protections excepted: they change nothing anyone sees).
 */
export function requireWrite(ctx: EmulatorContext, method: string): void {
  if (ctx.authMode === 'NONE') throw permissionError(method);
  if (ctx.authMode === 'CUSTOM_FUNCTION')
    throw new Error(`You do not have permission to call ${method.split('.').pop()}`);
  if (!method.startsWith('Protection.') && !method.endsWith('.protect')) ctx.ss.revision++;
}

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
