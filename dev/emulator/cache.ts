/** CacheService: 100 KB values, 250-character keys, expiry (default 600 s, max 6 h) driven by "now". */
import type { EmulatorContext } from './context';
import { permissionError } from './context';
import { asGas, wrap } from './wrap';

export const CACHE_VALUE_LIMIT_BYTES = 100 * 1024;
const MAX_EXPIRATION_S = 21600;

interface Entry {
  value: string;
  expiresAt: number;
}

export class CacheStores {
  readonly script = new Map<string, Entry>();
  private readonly users = new Map<string, Map<string, Entry>>();
  private readonly documents = new Map<string, Map<string, Entry>>();

  user(email: string): Map<string, Entry> {
    let m = this.users.get(email);
    if (!m) this.users.set(email, (m = new Map()));
    return m;
  }

  document(id: string): Map<string, Entry> {
    let m = this.documents.get(id);
    if (!m) this.documents.set(id, (m = new Map()));
    return m;
  }
}

type GasCache = GoogleAppsScript.Cache.Cache;

export class CacheImpl {
  constructor(
    readonly ctx: EmulatorContext,
    private readonly store: Map<string, Entry>,
  ) {}

  private live(key: string): Entry | undefined {
    const e = this.store.get(key);
    if (e && e.expiresAt <= this.ctx.now().getTime()) {
      this.store.delete(key);
      return undefined;
    }
    return e;
  }

  get(key: string): string | null {
    return this.live(String(key))?.value ?? null;
  }

  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds = 600): void {
    const k = String(key);
    const v = String(value);
    if (k.length > 250) throw new Error('Argument too large: key');
    if (Buffer.byteLength(v, 'utf8') > CACHE_VALUE_LIMIT_BYTES) throw new Error('Argument too large: value');
    const seconds = Math.min(Math.max(1, expirationInSeconds), MAX_EXPIRATION_S);
    this.store.set(k, { value: v, expiresAt: this.ctx.now().getTime() + seconds * 1000 });
  }

  putAll(values: Record<string, string>, expirationInSeconds = 600): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }

  remove(key: string): void {
    this.store.delete(String(key));
  }

  removeAll(keys: string[]): void {
    for (const k of keys) this.store.delete(String(k));
  }
}

export class CacheServiceImpl {
  constructor(
    readonly ctx: EmulatorContext,
    private readonly stores: CacheStores,
  ) {}

  private open(method: string, store: Map<string, Entry>): GasCache {
    if (this.ctx.authMode === 'NONE') throw permissionError(`CacheService.${method}`);
    return asGas<GasCache>(wrap(new CacheImpl(this.ctx, store), 'Cache', this.ctx.boundary));
  }

  getScriptCache(): GasCache {
    return this.open('getScriptCache', this.stores.script);
  }

  getUserCache(): GasCache {
    return this.open('getUserCache', this.stores.user(this.ctx.user.email));
  }

  getDocumentCache(): GasCache | null {
    if (this.ctx.beliefs?.noDocumentContext) return null;
    return this.open('getDocumentCache', this.stores.document(this.ctx.ss.id));
  }
}
