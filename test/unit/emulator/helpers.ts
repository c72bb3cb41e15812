import { createAppsScriptGlobals, type AppsScriptGlobals, type EmulatorOptions } from '../../../dev/emulator';

/** Wednesday 11 March 2026, 10:00 London (GMT): the fixture's reference "today". */
export const NOW = new Date('2026-03-11T10:00:00Z');

export function globals(options: EmulatorOptions = {}): AppsScriptGlobals {
  return createAppsScriptGlobals({ now: NOW, ...options });
}

export function sheetOf(g: AppsScriptGlobals): GoogleAppsScript.Spreadsheet.Sheet {
  return g.SpreadsheetApp.getActiveSheet();
}

/** A local-midnight Date in Europe/London during GMT (before 29 March 2026). */
export function gmt(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
