/**
 * Turns the compiled highlights (core/highlights) into the sheet: a hidden, warning-protected helper
 * column whose header cell holds the NEXTSTEP_FACTS formula, and conditional-format rules on the
 * next-step column that read it.
 *
 * Own rules are recognised by the marker term every compiled formula ends with,
 * `ISTEXT("NextStepTracker:v<N>:<id>")` (isOwnHighlightFormula): "off" removes exactly the rules that
 * carry it and none of the user's; "on" removes them and appends one fresh set after the user's rules
 * (so a user's own rule wins where both match), keeping the user's rules in their order.
 *
 * The helper is recognised by its protection's description (HELPER_MARKER) and, should a user have
 * removed that protection, by the marker in its header formula (the first 20 rows are scanned).
 *
 * Calls are constant in the number of rows: the rules cover the next-step column from the first data
 * row to the sheet's last row with one range, whatever the size of the table. They grow only with
 * the number of sheets, of existing rules (one getBooleanCondition per rule) and of protections.
 */
import type { ColumnMapping } from '../core/types';
import {
  compileHelper,
  compileHighlights,
  HELPER_MARKER,
  isHelperFormula,
  isOwnHighlightFormula,
  type HighlightOptions,
} from '../core/highlights/compile';
import type { HighlightId } from '../core/highlights/legend';
import { UserError } from '../core/user-error';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

export interface HighlightTarget {
  sheet: Sheet;
  firstDataRow: number;
  mapping: ColumnMapping;
}

export interface HighlightApplyResult {
  /** Highlight ids added, in order, each once (the vague one comes as several rules). */
  added: HighlightId[];
  /** Own rules removed (from every sheet). */
  removed: number;
  /** Rows covered (first data row to the sheet's last row); 0 when the sheet has no room for data. */
  rows: number;
  /** 1-based sheet column of the helper (0 when nothing was added). */
  helperColumn: number;
}

/** Where the add-on's helper column is on a sheet, and whether it still holds the helper formula. */
export interface HelperState {
  column: number;
  /** 1-based row of the helper formula, when found. */
  row?: number;
  /** The protection carrying HELPER_MARKER, if it is still there. */
  protection?: GoogleAppsScript.Spreadsheet.Protection;
  /** The header cell still holds the NEXTSTEP_FACTS formula. */
  intact: boolean;
}

const HELPER_SCAN_ROWS = 20;

/** The formula of a custom-formula rule, or undefined. */
function formulaOf(rule: Rule): string | undefined {
  try {
    const condition = rule.getBooleanCondition();
    if (!condition) return undefined;
    const value = condition.getCriteriaValues()[0];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function isOwnRule(rule: Rule): boolean {
  return isOwnHighlightFormula(formulaOf(rule));
}

/** Whether the sheet carries any of the add-on's highlight rules. */
export function sheetHasHighlights(sheet: Sheet): boolean {
  return sheet.getConditionalFormatRules().some(isOwnRule);
}

/** Whether any sheet of the spreadsheet carries the add-on's highlight rules. */
export function anySheetHasHighlights(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): boolean {
  return ss.getSheets().some((sheet) => sheetHasHighlights(sheet));
}

/**
 * Refuses up front (before any write) when a protection the user cannot edit covers the rules' range
 * or the whole sheet: the rule change would be refused by Sheets, or half of a multi-sheet change
 * would be. Warning-only protections do not block.
 */
export function assertCanFormat(sheet: Sheet, column: number, firstRow: number): void {
  const SheetType = SpreadsheetApp.ProtectionType;
  const blocking = (p: GoogleAppsScript.Spreadsheet.Protection): boolean =>
    !p.isWarningOnly() && !p.canEdit();
  const name = sheet.getName();
  for (const p of sheet.getProtections(SheetType.SHEET)) {
    if (blocking(p)) {
      throw new UserError(
        `Sheet "${name}" is protected and you cannot edit it, so highlights cannot be changed there. ` +
          'Ask the sheet owner for edit access (or to turn highlights on/off). Nothing was changed.',
      );
    }
  }
  for (const p of sheet.getProtections(SheetType.RANGE)) {
    if (!blocking(p)) continue;
    const r = p.getRange();
    const c0 = r.getColumn();
    const c1 = c0 + r.getNumColumns() - 1;
    const r1 = r.getRow() + r.getNumRows() - 1;
    if (column >= c0 && column <= c1 && r1 >= firstRow) {
      throw new UserError(
        `The range ${r.getA1Notation()} in "${name}" is protected and you cannot edit it, so highlights cannot be ` +
          'changed there. Ask its owner for edit access. Nothing was changed.',
      );
    }
  }
}

/**
 * The helper column on a sheet, found by its protection's description, else by the marker in a
 * formula of the first rows. Calls: getProtections, a getDescription per range protection, one
 * getRange + getFormulas (+ getRange/getColumn of the marked protection).
 */
export function findHelper(sheet: Sheet): HelperState | undefined {
  let protection: GoogleAppsScript.Spreadsheet.Protection | undefined;
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (p.getDescription() === HELPER_MARKER) {
      protection = p;
      break;
    }
  }
  const rows = Math.min(HELPER_SCAN_ROWS, sheet.getMaxRows());
  const formulas = sheet.getRange(1, 1, rows, sheet.getMaxColumns()).getFormulas();
  let found: { column: number; row: number } | undefined;
  formulas.forEach((line, r) =>
    line.forEach((f, c) => {
      if (!found && isHelperFormula(f)) found = { column: c + 1, row: r + 1 };
    }),
  );
  const column = protection ? protection.getRange().getColumn() : found?.column;
  if (column === undefined) return undefined;
  return { column, row: found?.row, protection, intact: found?.column === column };
}

/** Whether the helper's cell shows an error (#REF!: something was pasted where it writes). */
export function helperShowsError(sheet: Sheet, row: number, column: number): boolean {
  const v = sheet.getRange(row, column).getValue();
  return typeof v === 'string' && /^#[A-Z/0!?]+/.test(v);
}

/** Removes the helper column from a sheet; true when there was one. */
function removeHelper(sheet: Sheet, helper = findHelper(sheet)): boolean {
  if (!helper) return false;
  try {
    helper.protection?.remove();
    // The column was inserted by the add-on and holds only its formula's results: delete it whole.
    sheet.deleteColumn(helper.column);
  } catch (error) {
    throw new UserError(
      `Could not remove the highlights' helper column from "${sheet.getName()}": ${(error as Error).message}`,
    );
  }
  return true;
}

/**
 * Removes the add-on's rules and its helper column from every sheet; writes only sheets that had
 * some. Returns how many rules were removed. User rules stay, in their order.
 */
export function removeHighlights(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, except?: Sheet): number {
  let removed = 0;
  const exceptId = except ? except.getSheetId() : undefined;
  for (const sheet of ss.getSheets()) {
    if (exceptId !== undefined && sheet.getSheetId() === exceptId) continue;
    const rules = sheet.getConditionalFormatRules();
    const keep = rules.filter((r) => !isOwnRule(r));
    if (keep.length !== rules.length) {
      try {
        sheet.setConditionalFormatRules(keep);
      } catch (error) {
        throw new UserError(
          `Could not remove the highlights from "${sheet.getName()}": ${(error as Error).message}`,
        );
      }
      removed += rules.length - keep.length;
    }
    removeHelper(sheet);
  }
  return removed;
}

/**
 * Replaces the add-on's highlights on the table's sheet with a fresh set: the helper column (a new
 * column after the sheet's last, hidden, warning-protected, its header cell the NEXTSTEP_FACTS
 * formula) and the rules (one setConditionalFormatRules). Removes any left on other sheets (e.g. the
 * table moved). Throws UserError before writing anything when a protection blocks the change.
 */
export function applyHighlights(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  target: HighlightTarget,
  options: HighlightOptions,
): HighlightApplyResult {
  const { sheet, firstDataRow, mapping } = target;
  const column = (mapping.nextStep as number) + 1;
  assertCanFormat(sheet, column, firstDataRow);
  const maxRows = sheet.getMaxRows();
  const rows = Math.max(0, maxRows - firstDataRow + 1);
  const old = findHelper(sheet);
  if (old) removeHelper(sheet, old);
  const helperColumn = sheet.getMaxColumns() + 1;
  const layout = { firstDataRow, mapping, helperColumn };
  const compiled = compileHighlights(layout, options);
  const helper = compileHelper(layout, options);
  const existing = sheet.getConditionalFormatRules();
  const keep = existing.filter((r) => !isOwnRule(r));
  const fresh: Rule[] = [];
  const removedElsewhere = removeHighlights(ss, sheet);
  if (rows > 0 && compiled.length > 0) {
    try {
      sheet.insertColumnAfter(helperColumn - 1);
      sheet.getRange(helper.row, helper.column).setFormula(helper.formula);
      sheet.hideColumns(helper.column);
      sheet
        .getRange(1, helper.column, sheet.getMaxRows(), 1)
        .protect()
        .setDescription(HELPER_MARKER)
        .setWarningOnly(true);
    } catch (error) {
      throw new UserError(
        `Could not add the highlights' helper column to "${sheet.getName()}": ${(error as Error).message}.`,
      );
    }
    const target = [sheet.getRange(firstDataRow, column, rows, 1)];
    for (const c of compiled) {
      // A fresh builder per rule: a builder is not documented to be reusable after build().
      fresh.push(
        SpreadsheetApp.newConditionalFormatRule()
          .setRanges(target)
          .whenFormulaSatisfied(c.formula)
          .setBackground(c.background)
          .build(),
      );
    }
  }
  try {
    sheet.setConditionalFormatRules([...keep, ...fresh]);
  } catch (error) {
    throw new UserError(
      `Could not turn highlights on in "${sheet.getName()}": ${(error as Error).message}. Nothing was changed there.`,
    );
  }
  return {
    added: fresh.length > 0 ? [...new Set(compiled.map((c) => c.id))] : [],
    removed: removedElsewhere + (existing.length - keep.length),
    rows: fresh.length > 0 ? rows : 0,
    helperColumn: fresh.length > 0 ? helperColumn : 0,
  };
}
