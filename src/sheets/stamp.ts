/**
 * Writes "when" into the next-step-updated column for exactly the given rows, in one write.
 * A contiguous block (a typed cell, a pasted block) is one getRange + one setValues. Scattered rows
 * are written as their spanning block in one setValues, with every row in between rewritten as it
 * was (formulas kept as formulas), so the write is still single and nothing else changes.
 */
import type { CellValue, ColumnMapping } from '../core/types';
import { UserError } from '../core/user-error';

export interface StampTarget {
  mapping: ColumnMapping;
  firstDataRow: number;
  /** Data rows as read (rows[i] = sheet row firstDataRow + i); used only for scattered rows. */
  rows?: CellValue[][];
}

/** Sorted, de-duplicated data-row numbers (rows above the table are dropped). */
export function normalizeRows(rowNumbers: readonly number[], firstDataRow: number): number[] {
  const set = new Set<number>();
  for (const r of rowNumbers) if (Number.isInteger(r) && r >= firstDataRow) set.add(r);
  return [...set].sort((a, b) => a - b);
}

/**
 * Returns how many rows were stamped (0 when there is no updated column or no rows). Throws a
 * UserError when the write is refused (e.g. a protected range); nothing is written in that case.
 */
export function stampRows(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  table: StampTarget,
  rowNumbers: readonly number[],
  when: Date,
): number {
  const col0 = table.mapping.nextStepUpdated;
  if (col0 === undefined) return 0;
  const rows = normalizeRows(rowNumbers, table.firstDataRow);
  if (rows.length === 0) return 0;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const span = last - first + 1;
  const range = sheet.getRange(first, col0 + 1, span, 1);
  let values: unknown[][];
  if (span === rows.length) {
    values = rows.map(() => [when]);
  } else {
    const formulas = range.getFormulas();
    const stamped = new Set(rows);
    values = [];
    for (let i = 0; i < span; i++) {
      const r = first + i;
      if (stamped.has(r)) values.push([when]);
      else {
        const f = formulas[i]?.[0];
        const v = table.rows?.[r - table.firstDataRow]?.[col0];
        values.push([f ? f : v === undefined || v === null ? '' : v]);
      }
    }
  }
  try {
    range.setValues(values);
  } catch (error) {
    throw new UserError(
      `Could not write the "next step updated" time in column ${col0 + 1}, rows ${first}–${last}: ` +
        `${(error as Error).message}. If the range is protected, ask its owner for edit access. Nothing was written.`,
    );
  }
  return rows.length;
}

function isDateValue(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]' && !Number.isNaN((v as Date).getTime());
}

/**
 * A cell onEdit may stamp: empty, or an earlier "updated" time (a date, stamped or typed: replacing it
 * with the newer edit time is what the column is for). A formula, or anything else the user put there
 * ("see CRM", a number, TRUE), is not an updated time and is kept.
 */
export function isStampable(value: unknown, formula: string): boolean {
  if (formula) return false;
  if (value === '' || value === null || value === undefined) return true;
  return isDateValue(value);
}

export interface EditStampResult {
  stamped: number;
  /** Sheet rows whose updated cell held a formula or a value the user typed (left as it was). */
  kept: number[];
}

/**
 * onEdit's stamp: like stampRows, but a cell holding a formula or a value the user typed is kept and
 * reported. One read of the span (getFormulas + getValues), then one setValues per run of stampable
 * rows (one run in the common case: a typed cell, a pasted block over stamps or blanks).
 */
export function stampEditedRows(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  table: StampTarget,
  rowNumbers: readonly number[],
  when: Date,
): EditStampResult {
  const col0 = table.mapping.nextStepUpdated;
  const rows = normalizeRows(rowNumbers, table.firstDataRow);
  if (col0 === undefined || rows.length === 0) return { stamped: 0, kept: [] };
  const first = rows[0];
  const span = rows[rows.length - 1] - first + 1;
  const range = sheet.getRange(first, col0 + 1, span, 1);
  const formulas = range.getFormulas();
  const values = range.getValues();
  const kept: number[] = [];
  const runs: Array<{ start: number; count: number }> = [];
  for (const r of rows) {
    const i = r - first;
    if (!isStampable(values[i]?.[0], formulas[i]?.[0] ?? '')) {
      kept.push(r);
      continue;
    }
    const last = runs[runs.length - 1];
    if (last && last.start + last.count === r) last.count++;
    else runs.push({ start: r, count: 1 });
  }
  for (const run of runs) {
    const target =
      run.start === first && run.count === span ? range : sheet.getRange(run.start, col0 + 1, run.count, 1);
    try {
      target.setValues(Array.from({ length: run.count }, () => [when]));
    } catch (error) {
      throw new UserError(
        `Could not write the "next step updated" time in column ${col0 + 1}, rows ${run.start}–${run.start + run.count - 1}: ` +
          `${(error as Error).message}. If the range is protected, ask its owner for edit access.`,
      );
    }
  }
  return { stamped: rows.length - kept.length, kept };
}
