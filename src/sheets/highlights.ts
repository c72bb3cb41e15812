/**
 * Turns the compiled highlight rules (core/highlights) into the sheet's conditional-format rules.
 *
 * Own rules are recognised by the marker term every compiled formula ends with,
 * `ISTEXT("NextStepTracker:v<N>:<id>")` (isOwnHighlightFormula): "off" removes exactly the rules that
 * carry it and none of the user's; "on" removes them and appends one fresh set after the user's rules
 * (so a user's own rule wins where both match), keeping the user's rules in their order.
 *
 * Calls are constant in the number of rows: the rules cover the next-step column from the first data
 * row to the sheet's last row with one range, whatever the size of the table. They grow only with
 * the number of sheets and of existing rules (one getBooleanCondition per rule).
 */
import type { ColumnMapping } from '../core/types';
import { compileHighlights, isOwnHighlightFormula, type HighlightOptions } from '../core/highlights/compile';
import type { HighlightId } from '../core/highlights/legend';
import { UserError } from '../addon/user-error';

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
}

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
 * Removes the add-on's rules from every sheet; writes only sheets that had some. Returns how many were
 * removed. User rules stay, in their order.
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
  }
  return removed;
}

/**
 * Replaces the add-on's rules on the table's sheet with a fresh set (one setConditionalFormatRules),
 * after removing any left on other sheets (e.g. the table moved). Throws UserError before writing
 * anything when a protection blocks the change.
 */
export function applyHighlights(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  target: HighlightTarget,
  options: HighlightOptions,
): HighlightApplyResult {
  const { sheet, firstDataRow, mapping } = target;
  const compiled = compileHighlights({ firstDataRow, mapping }, options);
  const column = (mapping.nextStep as number) + 1;
  assertCanFormat(sheet, column, firstDataRow);
  const maxRows = sheet.getMaxRows();
  const rows = Math.max(0, maxRows - firstDataRow + 1);
  const existing = sheet.getConditionalFormatRules();
  const keep = existing.filter((r) => !isOwnRule(r));
  const fresh: Rule[] = [];
  if (rows > 0 && compiled.length > 0) {
    // One builder for the whole set (the range is the same for every rule; build() takes a copy): the
    // vague test's parts share their colour too, so they cost a formula and a build each.
    const builder = SpreadsheetApp.newConditionalFormatRule().setRanges([
      sheet.getRange(firstDataRow, column, rows, 1),
    ]);
    let background: string | undefined;
    for (const c of compiled) {
      builder.whenFormulaSatisfied(c.formula);
      if (c.background !== background) builder.setBackground(c.background);
      background = c.background;
      fresh.push(builder.build());
    }
  }
  const removedElsewhere = removeHighlights(ss, sheet);
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
  };
}
