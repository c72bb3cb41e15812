/**
 * Which sheet holds the pipeline table. One rule for every feature (docs/sidebar.md, "Pipeline
 * sheet"; docs/review.md, "Which sheet is reviewed"):
 *
 *   1. the sheet an RPC asks for by name (a UserError when there is none);
 *   2. the sheet chosen in setup (gone: a problem line, then on as if none was chosen);
 *   3. the sheet the last review was built from (the weekly trigger has no active sheet of its own);
 *   4. the active sheet, unless it is one of the add-on's own tabs (a review tab, the history sheet);
 *   5. when the active sheet is the add-on's own or holds no table: the first other visible sheet, not
 *      the add-on's own, that holds one.
 *
 * 1–3 pin the sheet: a failed read there is the answer. 4–5 are tried in order until a read succeeds.
 */
import { isUserError, UserError } from '../core/user-error';
import { HISTORY_SHEET_NAME } from './history';
import { PipelineError } from './pipeline-error';
import type { Settings } from './settings';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Review tabs (src/sheets/review-writer.ts names them so) are never the pipeline. */
export const REVIEW_TAB_NAME = /^Pipeline review \d{4}-W\d{2}$/;
/** The note review-writer.ts puts on a review tab's A1: it survives the user renaming the tab. */
const REVIEW_NOTE = /^next-step-tracker:review /;

export function isReviewTabName(name: string): boolean {
  return REVIEW_TAB_NAME.test(name);
}

/** A review tab or the history sheet, by name. */
export function isAddonSheetName(name: string): boolean {
  return name === HISTORY_SHEET_NAME || isReviewTabName(name);
}

/** Whether the sheet's A1 carries the review tab's note (one getRange + one getNote). */
export function hasReviewNote(sheet: Sheet): boolean {
  try {
    return REVIEW_NOTE.test(sheet.getRange(1, 1).getNote());
  } catch {
    return false;
  }
}

/** The sheet called `name`, or null. */
export function sheetNamed(ss: Spreadsheet, name: string): Sheet | null {
  return ss.getSheetByName(name);
}

/** The sheet called `name` when a name is given (null when there is none), else the active sheet. */
export function namedOrActiveSheet(ss: Spreadsheet, name?: string): Sheet | null {
  return name ? ss.getSheetByName(name) : ss.getActiveSheet();
}

export function sameSheet(a: Sheet, b: Sheet): boolean {
  return a.getSheetId() === b.getSheetId();
}

export interface FindPipelineOptions {
  /** A sheet name an RPC passed (rule 1). */
  asked?: unknown;
  /** The sheet the last review was built from (rule 3). */
  lastSource?: string | null;
  /** Also recognise renamed review tabs by their A1 note (one getRange + getNote per sheet looked at). */
  byNote?: boolean;
  /** The error when no sheet is left to try. */
  noSheetMessage?: string;
}

export interface FoundPipeline<T> {
  value: T;
  /** e.g. the sheet chosen in setup is gone. */
  problems: string[];
}

/**
 * Finds the pipeline sheet (the rule above) and reads it with `read`, which is given the sheet and its
 * name and throws a UserError when the sheet holds no table. Costs nothing beyond the lookups on the
 * common path (the saved or active sheet reads fine).
 */
export function readPipelineSheet<T>(
  ss: Spreadsheet,
  settings: Settings,
  read: (sheet: Sheet, name: string) => T,
  options: FindPipelineOptions = {},
): FoundPipeline<T> {
  const problems: string[] = [];
  const asked = typeof options.asked === 'string' && options.asked.trim() ? options.asked : '';
  if (asked) {
    const sheet = ss.getSheetByName(asked);
    if (!sheet) throw new UserError(`The sheet "${asked}" was not found.`);
    return { value: read(sheet, asked), problems };
  }
  for (const name of [settings.sheetName, options.lastSource]) {
    if (!name || isAddonSheetName(name)) continue;
    const sheet = ss.getSheetByName(name);
    if (sheet) return { value: read(sheet, name), problems };
    if (name === settings.sheetName) {
      problems.push(`The sheet "${name}" chosen in setup was not found; using the active sheet.`);
    }
  }
  const own = (sheet: Sheet, name: string): boolean =>
    isAddonSheetName(name) || (options.byNote === true && hasReviewNote(sheet));
  let failure: unknown;
  const active = ss.getActiveSheet();
  const activeName = active.getName();
  if (!own(active, activeName)) {
    try {
      return { value: read(active, activeName), problems };
    } catch (error) {
      if (!isUserError(error)) throw error;
      failure = error;
    }
  }
  const activeId = active.getSheetId();
  for (const sheet of ss.getSheets()) {
    if (sheet.getSheetId() === activeId || sheet.isSheetHidden()) continue;
    const name = sheet.getName();
    if (own(sheet, name)) continue;
    try {
      return { value: read(sheet, name), problems };
    } catch (error) {
      if (!isUserError(error)) throw error;
      failure ??= error;
    }
  }
  throw (
    failure ?? new PipelineError(options.noSheetMessage ?? 'There is no pipeline sheet in this spreadsheet.')
  );
}

/** The active sheet and its name (setup works on the sheet the user is looking at). */
export function activeSheet(ss: Spreadsheet): { sheet: Sheet; name: string } {
  const sheet = ss.getActiveSheet();
  return { sheet, name: sheet.getName() };
}

/** The sheet chosen in setup when it still exists, else the active sheet. */
export function savedOrActiveSheet(ss: Spreadsheet, savedName?: string): Sheet {
  return (savedName ? ss.getSheetByName(savedName) : null) ?? ss.getActiveSheet();
}
