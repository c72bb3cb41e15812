/** A1 notation helpers. Boxes are 1-based, inclusive of their first cell, like Apps Script. */

export interface Box {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function columnToLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellA1(row: number, col: number): string {
  return `${columnToLetters(col)}${row}`;
}

export function boxA1(box: Box): string {
  const first = cellA1(box.row, box.col);
  if (box.rows === 1 && box.cols === 1) return first;
  return `${first}:${cellA1(box.row + box.rows - 1, box.col + box.cols - 1)}`;
}

/** Quotes a sheet name for use in A1 notation when Sheets would ('My sheet'!A1). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export interface ParsedA1 {
  sheetName?: string;
  box: Box;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d+)$/;

/**
 * Parses 'A1', 'A1:B2', 'A:C', '2:5', 'A2:C' (open-ended, to the last row) and 'Sheet'!A1 forms.
 * maxRows/maxCols bound whole-column and whole-row references. Returns null when it is not A1.
 */
export function parseA1(input: string, maxRows: number, maxCols: number): ParsedA1 | null {
  let text = input.trim();
  let sheetName: string | undefined;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    let name = text.slice(0, bang);
    if (name.startsWith("'") && name.endsWith("'") && name.length >= 2)
      name = name.slice(1, -1).replace(/''/g, "'");
    sheetName = name;
    text = text.slice(bang + 1);
  }
  const parts = text.split(':');
  if (parts.length > 2 || parts[0] === '') return null;
  const [a, b] = parts;
  if (b === undefined) {
    const m = CELL.exec(a);
    if (!m) return null;
    return { sheetName, box: { row: Number(m[2]), col: lettersToColumn(m[1]), rows: 1, cols: 1 } };
  }
  const ca = CELL.exec(a);
  const cb = CELL.exec(b);
  if (ca && cb)
    return {
      sheetName,
      box: normalise(Number(ca[2]), lettersToColumn(ca[1]), Number(cb[2]), lettersToColumn(cb[1])),
    };
  if (ca && COL.test(b)) {
    const colB = lettersToColumn(COL.exec(b)![1]);
    return { sheetName, box: normalise(Number(ca[2]), lettersToColumn(ca[1]), maxRows, colB) };
  }
  const ka = COL.exec(a);
  const kb = COL.exec(b);
  if (ka && kb)
    return { sheetName, box: normalise(1, lettersToColumn(ka[1]), maxRows, lettersToColumn(kb[1])) };
  const ra = ROW.exec(a);
  const rb = ROW.exec(b);
  if (ra && rb) return { sheetName, box: normalise(Number(ra[1]), 1, Number(rb[1]), maxCols) };
  return null;
}

function normalise(r1: number, c1: number, r2: number, c2: number): Box {
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  return { row, col, rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

export function intersects(a: Box, b: Box): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

export function contains(outer: Box, row: number, col: number): boolean {
  return row >= outer.row && row < outer.row + outer.rows && col >= outer.col && col < outer.col + outer.cols;
}
