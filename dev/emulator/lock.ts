/**
 * LockService with real contention between executions (each createAppsScriptGlobals call is one
 * execution) sharing a LockStore. Nothing sleeps: when another execution holds the lock, tryLock returns
 * false and waitLock throws at once, as if the timeout had passed.
 */
import type { EmulatorContext } from './context';
import { permissionError } from './context';
import { asGas, wrap } from './wrap';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

export class LockStore {
  private holders = new Map<string, number>();

  holder(key: string): number | undefined {
    return this.holders.get(key);
  }

  acquire(key: string, executionId: number): boolean {
    const h = this.holders.get(key);
    if (h !== undefined && h !== executionId) return false;
    this.holders.set(key, executionId);
    return true;
  }

  release(key: string, executionId: number): void {
    if (this.holders.get(key) === executionId) this.holders.delete(key);
  }

  /** What Apps Script does when an execution ends: its locks are released. */
  releaseAll(executionId: number): void {
    for (const [k, h] of this.holders) if (h === executionId) this.holders.delete(k);
  }
}

type GasLock = GoogleAppsScript.Lock.Lock;

export class LockImpl {
  constructor(
    readonly ctx: EmulatorContext,
    private readonly store: LockStore,
    private readonly key: string,
  ) {}

  tryLock(_timeoutInMillis: number): boolean {
    return this.store.acquire(this.key, this.ctx.executionId);
  }

  waitLock(_timeoutInMillis: number): void {
    if (!this.store.acquire(this.key, this.ctx.executionId)) throw new Error(LOCK_TIMEOUT_MESSAGE);
  }

  hasLock(): boolean {
    return this.store.holder(this.key) === this.ctx.executionId;
  }

  releaseLock(): void {
    this.store.release(this.key, this.ctx.executionId);
  }
}

export class LockServiceImpl {
  constructor(
    readonly ctx: EmulatorContext,
    private readonly store: LockStore,
  ) {}

  private open(method: string, key: string): GasLock {
    if (this.ctx.authMode === 'NONE') throw permissionError(`LockService.${method}`);
    return asGas<GasLock>(wrap(new LockImpl(this.ctx, this.store, key), 'Lock', this.ctx.boundary));
  }

  getScriptLock(): GasLock {
    return this.open('getScriptLock', 'script');
  }

  getUserLock(): GasLock {
    return this.open('getUserLock', `user:${this.ctx.user.email}`);
  }

  /** null outside a document context (reference: "Lock|null"); the emulator's noDocumentContext belief. */
  getDocumentLock(): GasLock | null {
    if (this.ctx.beliefs?.noDocumentContext || this.ctx.beliefs?.nullDocumentLock) return null;
    return this.open('getDocumentLock', `document:${this.ctx.ss.id}`);
  }
}
