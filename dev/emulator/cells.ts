/** Reading and writing single cells with Sheets' rules, shared by Range, fixtures and formats. */
import type { EmulatorContext } from './context';
import { isDate } from './context';
import { ensureEngine, formulaValue } from './formulas';
import { spilledValue } from './custom-functions';
import { displayValue, isDateFormat, parseUserInput, TEXT_FORMAT } from './format';
import type { SheetModel, Stored } from './model';
import { serialToDate } from './tz';

/** What getValues gives for one cell: '' when empty, Date for date-formatted numbers, error codes as text. */
export function readCell(ctx: EmulatorContext, sheet: SheetModel, row: number, col: number): Stored {
  if (sheet.merges.length) {
    const m = sheet.mergeAt(row, col);
    if (m && (m.row !== row || m.col !== col)) return '';
  }
  if (sheet.formulaCount > 0 && sheet.formulas.get(row, col) !== undefined) {
    return formulaValue(ctx.ss, sheet, row, col, { now: () => ctx.now() });
  }
  const v = sheet.getStored(row, col);
  if (v === null)
    return spilledValue(ctx.ss, sheet, row, col, () => ensureEngine(ctx.ss, { now: () => ctx.now() })) ?? '';
  if (typeof v === 'number') {
    const f = sheet.numberFormats.get(row, col);
    if (f && isDateFormat(f)) return serialToDate(v, ctx.ss.timeZone);
  }
  if (isDate(v)) return new Date(v.getTime());
  return v;
}

export function readDisplay(ctx: EmulatorContext, sheet: SheetModel, row: number, col: number): string {
  const v = readCell(ctx, sheet, row, col);
  const f = sheet.numberFormats.get(row, col);
  return displayValue(v, f, ctx.ss.timeZone, ctx.ss.locale);
}

/**
 * Writes one value as setValue does: '=...' (and, as when typing, '+...' or '-...' that is not a
 * number) becomes a formula unless the cell is formatted as plain text ('@'); other strings are
 * parsed like typed input (numbers, dates, TRUE) unless formatted '@'.
 */
export function writeCell(
  ctx: EmulatorContext,
  sheet: SheetModel,
  row: number,
  col: number,
  value: unknown,
  asFormula = false,
): void {
  if (sheet.merges.length) {
    const m = sheet.mergeAt(row, col);
    if (m && (m.row !== row || m.col !== col)) return; // Sheets keeps only the merge's top-left value
  }
  const format = sheet.numberFormats.get(row, col);
  if (value === null || value === undefined || value === '') {
    sheet.setFormula(row, col, undefined);
    sheet.setStored(row, col, null);
    return;
  }
  if (typeof value === 'string') {
    if (format === TEXT_FORMAT && !(asFormula && value.startsWith('='))) {
      sheet.setFormula(row, col, undefined);
      sheet.setStored(row, col, value);
      return;
    }
    if (value.startsWith('=') && value.length > 1) {
      sheet.setFormula(row, col, value);
      sheet.setStored(row, col, null);
      return;
    }
    const parsed = parseUserInput(value, ctx.ss.timeZone, ctx.ss.locale, ctx.now());
    if (parsed.value === value && /^[+-]./s.test(value)) {
      // Like typing: a leading + or - starts a formula ("+44 20 7946" and "- call Jane" give errors).
      sheet.setFormula(row, col, `=${value}`);
      sheet.setStored(row, col, null);
      return;
    }
    sheet.setFormula(row, col, undefined);
    sheet.setStored(row, col, parsed.value);
    if (parsed.format && !format) sheet.numberFormats.set(row, col, parsed.format);
    return;
  }
  sheet.setFormula(row, col, undefined);
  if (typeof value === 'number' || typeof value === 'boolean') sheet.setStored(row, col, value);
  else if (isDate(value)) sheet.setStored(row, col, new Date(value.getTime()));
  else sheet.setStored(row, col, String(value));
}
