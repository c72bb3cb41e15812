/**
 * The polled RPC reads the settings on every call. Properties reads have a daily quota (50,000 a day on
 * consumer accounts), and the sidebar polls about once a second, so the two settings values are kept
 * in the document cache for 30 seconds. The sidebar's own saveSettings clears the cache at once; a
 * change made elsewhere (the Setup menu) reaches the polled view within 30 seconds.
 */
import { CONFIG_KEY, loadSettings, SETTINGS_KEY, type LoadedSettings } from '../sheets/settings';

export const SETTINGS_CACHE_KEY = 'nst.sidebar.settings';
export const SETTINGS_CACHE_SECONDS = 30;

function documentCache(): GoogleAppsScript.Cache.Cache | null {
  try {
    return CacheService.getDocumentCache();
  } catch {
    return null;
  }
}

/** loadSettings, through the document cache (falls back to properties whenever the cache fails). */
export function loadSettingsCached(): LoadedSettings {
  const cache = documentCache();
  if (!cache) return loadSettings();
  return loadSettings({
    getProperties(): Record<string, string> {
      try {
        const hit = cache.get(SETTINGS_CACHE_KEY);
        if (hit !== null) return JSON.parse(hit) as Record<string, string>;
      } catch {
        // A corrupt or unreadable entry: read the properties below.
      }
      const all = PropertiesService.getDocumentProperties().getProperties() ?? {};
      const wanted: Record<string, string> = {};
      for (const key of [SETTINGS_KEY, CONFIG_KEY]) if (all[key] !== undefined) wanted[key] = all[key];
      try {
        cache.put(SETTINGS_CACHE_KEY, JSON.stringify(wanted), SETTINGS_CACHE_SECONDS);
      } catch {
        // Too large for the cache or the cache is down: the next call reads the properties again.
      }
      return wanted;
    },
    setProperties(): never {
      throw new Error('read-only');
    },
  } as unknown as Parameters<typeof loadSettings>[0]);
}

/** After the sidebar saves settings: the next poll reads them fresh. */
export function forgetCachedSettings(): void {
  try {
    documentCache()?.remove(SETTINGS_CACHE_KEY);
  } catch {
    // Nothing cached, or the cache is down: either way the entry expires within 30 s.
  }
}
