/**
 * When rows or columns are inserted or deleted, Sheets rewrites every reference into the moved area,
 * in cell formulas of all sheets and in conditional-format formulas. This does the same on formula text.
 */
import { columnToLetters, lettersToColumn } from './a1';
import { splitLiterals } from './formulas';
import type { EmulatedSpreadsheet } from './model';

export interface StructuralEdit {
  sheetName: string;
  axis: 'row' | 'col';
  /** First row/column inserted or deleted (1-based). */
  at: number;
  /** Positive: inserted count; negative: deleted count. */
  delta: number;
}

const SHEET = `(?:('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?`;
const REF = new RegExp(
  `${SHEET}(?:(\\$?[A-Za-z]{1,3}\\$?\\d+)(?::(\\$?[A-Za-z]{1,3}\\$?\\d+))?|(\\$?[A-Za-z]{1,3}):(\\$?[A-Za-z]{1,3})|(\\$?\\d+):(\\$?\\d+))(?![A-Za-z0-9_(!])`,
  'g',
);

interface Point {
  colAbs: string;
  col: number | null;
  rowAbs: string;
  row: number | null;
}

function parsePoint(text: string): Point {
  const m = /^(\$?)([A-Za-z]{1,3})?(\$?)(\d+)?$/.exec(text)!;
  return {
    colAbs: m[1],
    col: m[2] ? lettersToColumn(m[2]) : null,
    rowAbs: m[3],
    row: m[4] ? Number(m[4]) : null,
  };
}

function printPoint(p: Point): string {
  return `${p.col !== null ? `${p.colAbs}${columnToLetters(p.col)}` : ''}${p.row !== null ? `${p.rowAbs}${p.row}` : ''}`;
}

/** New position of one index, or null when it was deleted. */
function moveIndex(i: number, edit: StructuralEdit): number | null {
  if (edit.delta > 0) return i >= edit.at ? i + edit.delta : i;
  const end = edit.at - edit.delta - 1;
  if (i < edit.at) return i;
  if (i > end) return i + edit.delta;
  return null;
}

/** Moves a span [a, b]: it shrinks when part of it is deleted; null when all of it is. */
function moveSpan(a: number, b: number, edit: StructuralEdit): [number, number] | null {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (edit.delta > 0) return [moveIndex(lo, edit)!, moveIndex(hi, edit)!];
  const end = edit.at - edit.delta - 1;
  const newLo = lo < edit.at ? lo : lo > end ? lo + edit.delta : edit.at;
  const newHi = hi < edit.at ? hi : hi > end ? hi + edit.delta : edit.at - 1;
  return newHi < newLo ? null : [newLo, newHi];
}

export function adjustFormula(formula: string, homeSheet: string, edit: StructuralEdit): string {
  const target = edit.sheetName.toLowerCase();
  return splitLiterals(formula)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part.replace(REF, (whole: string, sheet: string | undefined, ...g: unknown[]) => {
        const [c1, c2, k1, k2, r1, r2, offset, src] = g as Array<string | undefined> as [
          string | undefined,
          string | undefined,
          string | undefined,
          string | undefined,
          string | undefined,
          string | undefined,
          number,
          string,
        ];
        if (offset > 0 && /[A-Za-z0-9_.$:]/.test(src[offset - 1])) return whole;
        const name = sheet
          ? sheet.startsWith("'")
            ? sheet.slice(1, -1).replace(/''/g, "'")
            : sheet
          : homeSheet;
        if (name.toLowerCase() !== target) return whole;
        const prefix = sheet ? `${sheet}!` : '';
        const key = edit.axis;
        const a = parsePoint(c1 ?? k1 ?? r1 ?? '');
        const b = parsePoint(c2 ?? k2 ?? r2 ?? c1 ?? '');
        const single = c1 !== undefined && c2 === undefined;
        const ia = a[key];
        const ib = b[key];
        if (ia === null || ib === null) return whole; // A:A for a row edit, 1:1 for a column edit
        if (single) {
          const moved = moveIndex(ia, edit);
          if (moved === null) return '#REF!';
          a[key] = moved;
          return `${prefix}${printPoint(a)}`;
        }
        const span = moveSpan(ia, ib, edit);
        if (span === null) return '#REF!';
        a[key] = span[0];
        b[key] = span[1];
        return `${prefix}${printPoint(a)}:${printPoint(b)}`;
      });
    })
    .join('');
}

/** Rewrites every cell formula and conditional-format formula of the spreadsheet for one edit. */
export function applyStructuralEdit(ss: EmulatedSpreadsheet, edit: StructuralEdit): void {
  for (const s of ss.sheets) {
    for (const [r, c, f] of [...s.formulas.entries()]) {
      const next = adjustFormula(f, s.name, edit);
      if (next !== f) s.formulas.set(r, c, next);
    }
    for (const rule of s.conditionalFormats) {
      if (rule.criteria.type === 'CUSTOM_FORMULA') {
        rule.criteria = { ...rule.criteria, formula: adjustFormula(rule.criteria.formula, s.name, edit) };
      }
    }
  }
}

/** Renaming a sheet rewrites the formulas that name it, as Sheets does. */
export function renameSheetRefs(ss: EmulatedSpreadsheet, oldName: string, newName: string): void {
  const quoted = /^[A-Za-z_][A-Za-z0-9_]*$/.test(newName) ? newName : `'${newName.replace(/'/g, "''")}'`;
  const rewrite = (formula: string): string =>
    splitLiterals(formula)
      .map((part, i) =>
        i % 2 === 1
          ? part
          : part.replace(/('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!/g, (whole: string, sheet: string) => {
              const name = sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
              return name.toLowerCase() === oldName.toLowerCase() ? `${quoted}!` : whole;
            }),
      )
      .join('');
  for (const s of ss.sheets) {
    for (const [r, c, f] of [...s.formulas.entries()]) {
      const next = rewrite(f);
      if (next !== f) s.formulas.set(r, c, next);
    }
    for (const rule of s.conditionalFormats) {
      if (rule.criteria.type === 'CUSTOM_FORMULA') {
        rule.criteria = { ...rule.criteria, formula: rewrite(rule.criteria.formula) };
      }
    }
  }
}
