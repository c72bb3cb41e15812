/**
 * PropertiesService with Apps Script's quotas: 9 KB per value, 500 KB per store (key + value bytes).
 * Stores live in PropertyStores, shared by every globals built on the same spreadsheet (or passed in).
 */
import type { EmulatorContext } from './context';
import { permissionError } from './context';
import { asGas, wrap } from './wrap';

export const VALUE_LIMIT_BYTES = 9 * 1024;
export const STORE_LIMIT_BYTES = 500 * 1024;
export const QUOTA_MESSAGE =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

/** The three kinds of property store: script-wide, per user, per document. */
export class PropertyStores {
  readonly script = new Map<string, string>();
  private readonly users = new Map<string, Map<string, string>>();
  private readonly documents = new Map<string, Map<string, string>>();

  user(email: string): Map<string, string> {
    let m = this.users.get(email);
    if (!m) this.users.set(email, (m = new Map()));
    return m;
  }

  document(id: string): Map<string, string> {
    let m = this.documents.get(id);
    if (!m) this.documents.set(id, (m = new Map()));
    return m;
  }
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

function storeSize(store: Map<string, string>): number {
  let n = 0;
  for (const [k, v] of store) n += bytes(k) + bytes(v);
  return n;
}

type GasProperties = GoogleAppsScript.Properties.Properties;

export class PropertiesImpl {
  constructor(
    readonly ctx: EmulatorContext,
    private readonly store: Map<string, string>,
  ) {}

  private self(): GasProperties {
    return asGas<GasProperties>(wrap(this, 'Properties', this.ctx.boundary));
  }

  /** Custom functions may read properties but not change them. */
  private write(method: string): void {
    if (this.ctx.authMode === 'CUSTOM_FUNCTION')
      throw new Error(`You do not have permission to call ${method}`);
  }

  private check(next: Map<string, string>, changed: Array<[string, string]>): void {
    for (const [k, v] of changed) {
      if (bytes(v) > VALUE_LIMIT_BYTES) throw new Error(`Argument too large: value`);
      if (k === '') throw new Error('Invalid argument: key');
    }
    if (storeSize(next) > STORE_LIMIT_BYTES) throw new Error(QUOTA_MESSAGE);
  }

  getProperty(key: string): string | null {
    return this.store.get(String(key)) ?? null;
  }

  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store);
  }

  getKeys(): string[] {
    return [...this.store.keys()];
  }

  setProperty(key: string, value: string): GasProperties {
    this.write('setProperty');
    const k = String(key);
    const v = String(value);
    const next = new Map(this.store).set(k, v);
    this.check(next, [[k, v]]);
    this.store.set(k, v);
    return this.self();
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): GasProperties {
    this.write('setProperties');
    const entries = Object.entries(properties).map(([k, v]) => [k, String(v)] as [string, string]);
    const next = deleteAllOthers ? new Map(entries) : new Map([...this.store, ...entries]);
    this.check(next, entries);
    if (deleteAllOthers) this.store.clear();
    for (const [k, v] of entries) this.store.set(k, v);
    return this.self();
  }

  deleteProperty(key: string): GasProperties {
    this.write('deleteProperty');
    this.store.delete(String(key));
    return this.self();
  }

  deleteAllProperties(): GasProperties {
    this.write('deleteAllProperties');
    this.store.clear();
    return this.self();
  }
}

export class PropertiesServiceImpl {
  constructor(
    readonly ctx: EmulatorContext,
    private readonly stores: PropertyStores,
  ) {}

  private open(method: string, store: Map<string, string>): GasProperties {
    if (this.ctx.authMode === 'NONE') throw permissionError(`PropertiesService.${method}`);
    return asGas<GasProperties>(wrap(new PropertiesImpl(this.ctx, store), 'Properties', this.ctx.boundary));
  }

  /**
   * null when document properties are unavailable (reference); the noDocumentContext belief. Custom
   * functions read them unless the customFunctionsReadProperties belief is switched off.
   */
  getDocumentProperties(): GasProperties | null {
    if (this.ctx.beliefs?.noDocumentContext) return null;
    if (this.ctx.authMode === 'CUSTOM_FUNCTION' && this.ctx.beliefs?.customFunctionsReadProperties === false)
      throw new Error('You do not have permission to call PropertiesService.getDocumentProperties');
    return this.open('getDocumentProperties', this.stores.document(this.ctx.ss.id));
  }

  getUserProperties(): GasProperties {
    return this.open('getUserProperties', this.stores.user(this.ctx.user.email));
  }

  getScriptProperties(): GasProperties {
    return this.open('getScriptProperties', this.stores.script);
  }
}
