/**
 * The world an analysis runs in: today's date in the spreadsheet's time zone and its locale, with
 * config overrides winning. Every read is guarded so a missing service (custom-function or NONE
 * auth) falls back to the documented defaults instead of throwing.
 */
import type { AnalyzeContext } from '../core/types';
import type { Config } from '../core/config';
import { dateToIsoDay } from '../core/dates/cell';
import { intlAgrees, intlWallClock, utilitiesDay, utilitiesKnowsZone } from './zone-check';

/** Used when the spreadsheet's time zone cannot be read. */
export const DEFAULT_TIME_ZONE = 'UTC';
/** Used when the spreadsheet's locale cannot be read (Sheets' own default). */
export const DEFAULT_LOCALE = 'en_US';

type ZoneSource = Pick<
  GoogleAppsScript.Spreadsheet.Spreadsheet,
  'getSpreadsheetTimeZone' | 'getSpreadsheetLocale'
>;

function validZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    // A runtime whose Intl lacks time-zone data: Apps Script's own formatter decides (zone-check.ts).
    return intlWallClock(0, 'UTC') === undefined && utilitiesKnowsZone(zone);
  }
}

/** The spreadsheet's zone and locale (config overrides win); defaults when unreadable. */
export function sheetZoneAndLocale(
  ss: ZoneSource | null | undefined,
  config?: Pick<Config, 'timeZone' | 'locale'> | null,
): { timeZone: string; locale: string } {
  let timeZone: string | undefined = validZone(config?.timeZone) ? config?.timeZone : undefined;
  let locale: string | undefined = config?.locale && config.locale.trim() !== '' ? config.locale : undefined;
  if (!timeZone) {
    try {
      const zone = ss?.getSpreadsheetTimeZone();
      if (validZone(zone)) timeZone = zone;
    } catch {
      // Unavailable in this auth mode: default below.
    }
  }
  if (!locale) {
    try {
      const l = ss?.getSpreadsheetLocale();
      if (typeof l === 'string' && l.trim() !== '') locale = l;
    } catch {
      // Unavailable in this auth mode: default below.
    }
  }
  return { timeZone: timeZone ?? DEFAULT_TIME_ZONE, locale: locale ?? DEFAULT_LOCALE };
}

export function analysisContext(
  ss: ZoneSource | null | undefined,
  now: Date,
  config?: Config | null,
): AnalyzeContext {
  const { timeZone, locale } = sheetZoneAndLocale(ss, config);
  // Intl is checked against Utilities.formatDate once per execution; where they differ, Utilities wins.
  const today =
    (intlAgrees(timeZone) ? dateToIsoDay(now, timeZone) : (utilitiesDay(now, timeZone) ?? undefined)) ??
    dateToIsoDay(now, timeZone) ??
    now.toISOString().slice(0, 10);
  return { today, timeZone, locale };
}
