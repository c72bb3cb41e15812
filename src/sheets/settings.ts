/**
 * The add-on's per-document settings, kept in document properties (brief §4: 9 KB per value, 500 KB
 * per store). Two keys, written together in one setProperties call:
 *   - `nst.settings`: JSON {sheetName?, headerRow?, columns?} (which table, confirmed in setup);
 *   - `nst.config`:   the engine Config as JSON text, '' for defaults.
 * Loading never throws: corrupted or unreadable values give defaults plus a problem line.
 */
import type { ColumnRole } from '../core/types';
import { defaultConfig, parseConfig, type Config } from '../core/config';
import { HEADER_SYNONYMS } from '../core/columns';
import { UserError } from '../core/user-error';
import { documentProperties, requireDocumentProperties } from './document-store';

export interface Settings {
  sheetName?: string;
  /** 1-based sheet row of the header. */
  headerRow?: number;
  /** Header texts the user confirmed, by role. */
  columns?: Partial<Record<ColumnRole, string>>;
  /** The engine Config as JSON text (validated by parseConfig when loaded). */
  configJson?: string;
}

export const SETTINGS_KEY = 'nst.settings';
export const CONFIG_KEY = 'nst.config';
/** Apps Script's documented limit: 9 KB per property value. */
export const MAX_PROPERTY_BYTES = 9 * 1024;

/** Every column role (the engine's synonym table has one entry per role). */
const ROLES = Object.keys(HEADER_SYNONYMS) as readonly ColumnRole[];

export interface LoadedSettings {
  settings: Settings;
  config: Config;
  problems: string[];
}

type PropertyStore = Pick<GoogleAppsScript.Properties.Properties, 'getProperties' | 'setProperties'>;

/** Keeps only well-formed fields; each dropped field becomes a problem line. */
export function sanitizeSettings(raw: unknown, problems: string[]): Settings {
  const out: Settings = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('Saved settings were not an object; using defaults. Run "Set up this sheet" again.');
    return out;
  }
  const r = raw as Record<string, unknown>;
  if (r.sheetName !== undefined) {
    if (typeof r.sheetName === 'string' && r.sheetName.trim() !== '') out.sheetName = r.sheetName;
    else problems.push('Saved sheet name was not text; ignored.');
  }
  if (r.headerRow !== undefined) {
    if (typeof r.headerRow === 'number' && Number.isInteger(r.headerRow) && r.headerRow >= 1) {
      out.headerRow = r.headerRow;
    } else
      problems.push(
        `Saved header row must be a whole number from 1, got ${JSON.stringify(r.headerRow)}; ignored.`,
      );
  }
  if (r.columns !== undefined) {
    if (r.columns !== null && typeof r.columns === 'object' && !Array.isArray(r.columns)) {
      const columns: Partial<Record<ColumnRole, string>> = {};
      for (const [role, header] of Object.entries(r.columns as Record<string, unknown>)) {
        if (!(ROLES as readonly string[]).includes(role)) {
          problems.push(`Saved column mapping has an unknown role "${role}"; ignored.`);
        } else if (typeof header !== 'string' || header.trim() === '') {
          problems.push(`Saved column for ${role} was not a header text; ignored.`);
        } else columns[role as ColumnRole] = header;
      }
      out.columns = columns;
    } else problems.push('Saved column mapping was not an object; ignored.');
  }
  if (r.configJson !== undefined) {
    if (typeof r.configJson === 'string') out.configJson = r.configJson;
    else problems.push('Saved configuration was not JSON text; using defaults.');
  }
  return out;
}

/** Parses configJson (may be undefined or '') into a Config; never throws. */
export function configFromJson(configJson: string | undefined, problems: string[]): Config {
  if (configJson === undefined || configJson.trim() === '') return defaultConfig();
  let parsed: unknown;
  try {
    parsed = JSON.parse(configJson);
  } catch (error) {
    problems.push(
      `Saved configuration is not valid JSON (${(error as Error).message}); using the defaults. Save the settings again to fix it.`,
    );
    return defaultConfig();
  }
  try {
    const result = parseConfig(parsed);
    problems.push(...result.problems);
    return result.config;
  } catch (error) {
    problems.push(`Saved configuration could not be read (${(error as Error).message}); using the defaults.`);
    return defaultConfig();
  }
}

/**
 * Reads the document's settings (one getDocumentProperties + one getProperties). Never throws:
 * a missing store (e.g. AuthMode.NONE), corrupted JSON or invalid fields give defaults + problems.
 */
export function loadSettings(store?: PropertyStore): LoadedSettings {
  const problems: string[] = [];
  let values: Record<string, string> = {};
  try {
    const source = store ?? documentProperties();
    if (source) values = source.getProperties() ?? {};
    else problems.push('Saved settings are not available here (no document properties); using defaults.');
  } catch (error) {
    problems.push(`Settings could not be read (${(error as Error).message}); using defaults.`);
  }
  let settings: Settings = {};
  const rawSettings = values[SETTINGS_KEY];
  if (rawSettings !== undefined && rawSettings !== '') {
    try {
      settings = sanitizeSettings(JSON.parse(rawSettings), problems);
    } catch (error) {
      problems.push(
        `Saved settings are not valid JSON (${(error as Error).message}); using defaults. Run "Set up this sheet" again.`,
      );
    }
  }
  const rawConfig = values[CONFIG_KEY];
  if (rawConfig !== undefined && rawConfig !== '') settings.configJson = rawConfig;
  const config = configFromJson(settings.configJson, problems);
  return { settings, config, problems };
}

function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Saves settings in one setProperties call. Throws a UserError (nothing written) when a value would
 * exceed Apps Script's 9 KB per-value limit.
 */
export function saveSettings(s: Settings, store?: PropertyStore): void {
  const { configJson, ...rest } = s;
  const settingsText = JSON.stringify(rest);
  const configText = configJson ?? '';
  for (const [what, key, text] of [
    ['table settings', SETTINGS_KEY, settingsText],
    ['configuration', CONFIG_KEY, configText],
  ] as const) {
    const bytes = utf8Bytes(key) + utf8Bytes(text);
    if (bytes > MAX_PROPERTY_BYTES) {
      throw new UserError(
        `The ${what} are too large to save (${Math.ceil(bytes / 1024)} KB; Google Sheets allows 9 KB per setting). ` +
          'Remove some phrases or stages and try again. Nothing was saved.',
        'Next Step Tracker: settings',
      );
    }
  }
  (store ?? requireDocumentProperties('Next Step Tracker: settings')).setProperties({
    [SETTINGS_KEY]: settingsText,
    [CONFIG_KEY]: configText,
  });
}
