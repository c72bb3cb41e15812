/** Building blocks for formulas: string literals and A1 column letters. */

/** Text inside a formula's double-quoted string literal: Sheets escapes `"` by doubling it, nothing else. */
export function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`Not a column number: ${column}`);
  let s = '';
  let n = column;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
