/**
 * The lock that keeps two writers of one spreadsheet apart. `LockService.getDocumentLock()` returns
 * null outside a document context (LockService reference: "Lock|null"); then the user's lock is the
 * next best guard (it still keeps a user's Monday trigger and menu run apart, and, unlike the script
 * lock, never blocks other spreadsheets). Never a TypeError on null.
 */
export type LockKind = 'document' | 'user' | 'none';

export function documentOrUserLock(): { lock: GoogleAppsScript.Lock.Lock | null; kind: LockKind } {
  try {
    const doc = LockService.getDocumentLock();
    if (doc) return { lock: doc, kind: 'document' };
  } catch {
    // Refused in this context: try the user's lock.
  }
  try {
    const user = LockService.getUserLock();
    if (user) return { lock: user, kind: 'user' };
  } catch {
    // No lock service at all: run unguarded rather than not at all.
  }
  return { lock: null, kind: 'none' };
}
