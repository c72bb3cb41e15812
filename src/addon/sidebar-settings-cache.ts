/**
 * The polled RPC needs the settings on every call, and properties reads have a daily quota (50,000 a
 * day on consumer accounts) while the sidebar polls about once a second. So getSelectionContext hands
 * the sidebar a settings token (the two settings values and when they were read) and the sidebar sends
 * it back with the next poll: for 30 seconds the server uses the token instead of reading the
 * properties. No server-side write is involved (a cache write would count as a document change in the
 * playground and costs quota of its own). The sidebar drops the token when it saves settings; a change
 * made elsewhere (the Setup menu) reaches the polled view within 30 seconds. A token can only ever
 * describe the caller's own document's settings; a bad or stale one is simply ignored.
 */
import { CONFIG_KEY, loadSettings, SETTINGS_KEY, type LoadedSettings } from '../sheets/settings';
import { SNOOZE_KEY } from '../sheets/snoozes';
import { STAMP_NOTICE_KEY } from '../sheets/stamp-notice';
import { parseSnoozes, type SnoozeMap } from '../core/snooze';

/** The property values a token carries: the settings, and the snoozes the rep view shows. */
const TOKEN_KEYS = [SETTINGS_KEY, CONFIG_KEY, SNOOZE_KEY, STAMP_NOTICE_KEY];
import { documentProperties } from '../sheets/document-store';

export const SETTINGS_TOKEN_MS = 30_000;

interface Token {
  at: number;
  values: Record<string, string>;
}

function parseToken(token: unknown, nowMs: number): Token | null {
  if (typeof token !== 'string' || token === '' || token.length > 40_000) return null;
  try {
    const t = JSON.parse(token) as Partial<Token>;
    if (typeof t.at !== 'number' || !Number.isFinite(t.at)) return null;
    if (t.at > nowMs || nowMs - t.at >= SETTINGS_TOKEN_MS) return null;
    if (!t.values || typeof t.values !== 'object' || Array.isArray(t.values)) return null;
    const values: Record<string, string> = {};
    for (const key of TOKEN_KEYS) {
      const v = (t.values as Record<string, unknown>)[key];
      if (typeof v === 'string') values[key] = v;
      else if (v !== undefined) return null;
    }
    return { at: t.at, values };
  } catch {
    return null;
  }
}

/**
 * loadSettings, from `token` when it is fresh (no properties read), else from the document properties;
 * returns the settings and the token to send back next time.
 */
export function loadSettingsWithToken(
  token: unknown,
  nowMs: number,
): { loaded: LoadedSettings; snoozes: SnoozeMap; token: string; stampNotice?: string } {
  const fresh = parseToken(token, nowMs);
  let values: Record<string, string> | null = fresh?.values ?? null;
  const loaded = loadSettings({
    getProperties(): Record<string, string> {
      if (values) return values;
      const all = documentProperties()?.getProperties() ?? {};
      values = {};
      for (const key of TOKEN_KEYS) if (all[key] !== undefined) values[key] = all[key];
      return values;
    },
    setProperties(): never {
      throw new Error('read-only');
    },
  } as unknown as Parameters<typeof loadSettings>[0]);
  const at = fresh ? fresh.at : nowMs;
  const snoozes = parseSnoozes((values ?? {})[SNOOZE_KEY]).snoozes;
  return {
    loaded,
    snoozes,
    token: JSON.stringify({ at, values: values ?? {} }),
    stampNotice: (values ?? {})[STAMP_NOTICE_KEY],
  };
}
