/**
 * Formula text in Sheets' syntax: the translation into what HyperFormula parses, reference shifting for
 * conditional-format rules, and the entry points that evaluate formulas. Nothing here imports
 * HyperFormula (GPL-3.0, a devDependency): formula-engine.ts does, and it is required lazily, only when
 * a formula result must be computed (reading a formula cell's value or display value, conditional-format
 * evaluation, XLSX export of cached results).
 */
import { columnToLetters, lettersToColumn, quoteSheetName } from './a1';
import { wallClock } from './tz';

type Engine = typeof import('./formula-engine');
let engine: Engine | undefined;

/** The HyperFormula-backed engine module, loaded on first use. */
function engineModule(): Engine {
  // A synchronous, lazy require is the point: the emulator's API is synchronous, and loading the engine
  // (and HyperFormula with it) must wait until a formula result is actually needed.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= require('./formula-engine') as Engine;
  return engine;
}

export interface EngineOptions {
  now: () => Date;
}

/** The computed value of a formula cell (loads the engine). */
export const formulaValue: Engine['formulaValue'] = (...args) => engineModule().formulaValue(...args);

/** Builds the formula engine for the document's current version (computing custom functions). */
export const ensureEngine: Engine['ensureEngine'] = (...args) => engineModule().ensureEngine(...args);

/** Evaluates rule formulas at cells of a scratch sheet (loads the engine); see formula-engine.ts. */
export const evaluateAt: Engine['evaluateAt'] = (...args) => engineModule().evaluateAt(...args);

/** Sheets' RE2 accepts a leading (?i); JavaScript (Node 20) does not, so turn it into a flag. */
export function sheetsRegex(pattern: string, global = false): RegExp {
  let flags = global ? 'g' : '';
  let p = pattern;
  const m = /^\(\?([imsU]+)\)/.exec(p);
  if (m) {
    p = p.slice(m[0].length);
    if (m[1].includes('i')) flags += 'i';
    if (m[1].includes('s')) flags += 's';
    if (m[1].includes('m')) flags += 'm';
  }
  return new RegExp(p, flags);
}

export interface FormulaPart {
  kind: 'code' | 'string' | 'sheet';
  text: string;
}

// A "string literal" (a quote inside is doubled: "Acme ""Big"" Deal") or a 'quoted sheet name' (an
// apostrophe inside is doubled: 'O''Brien deals'). An unterminated one runs to the end of the text.
const QUOTED = /"(?:[^"]|"")*"?|'(?:[^']|'')*'?/g;

/**
 * Splits formula text, as Sheets reads it, into code, string literals and quoted sheet names, so that
 * nothing inside a literal or a sheet name is mistaken for code (a `"` in a sheet name, `TRUE` or `A1`
 * in a string).
 */
export function formulaParts(formula: string): FormulaPart[] {
  const parts: FormulaPart[] = [];
  let last = 0;
  for (const m of formula.matchAll(QUOTED)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ kind: 'code', text: formula.slice(last, at) });
    parts.push({ kind: m[0][0] === '"' ? 'string' : 'sheet', text: m[0] });
    last = at + m[0].length;
  }
  if (last < formula.length) parts.push({ kind: 'code', text: formula.slice(last) });
  return parts;
}

/**
 * Code and string literals alternating (even indexes code, odd indexes literals, as
 * `String.split` with a capture group gives them); quoted sheet names stay inside the code, where
 * reference patterns expect them.
 */
export function splitLiterals(formula: string): string[] {
  const out = [''];
  for (const p of formulaParts(formula)) {
    if (p.kind === 'string') out.push(p.text, '');
    else out[out.length - 1] += p.text;
  }
  return out;
}

/** The formula with every string literal emptied (`""`): what reference scanners look at. */
export function literalFreeCode(formula: string): string {
  return splitLiterals(formula)
    .map((p, i) => (i % 2 === 1 ? '""' : p))
    .join('');
}

/** A Sheets string literal for any text: quotes doubled. */
export function sheetsLiteral(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * A Sheets string literal as HyperFormula parses it. HyperFormula has no way to put `"` in a literal,
 * and its lexer takes `\` as escaping the next character (so a `\` before the closing quote swallows
 * it), while in Sheets both are plain text. A literal holding either becomes a concatenation with
 * CHAR(34) / CHAR(92), in parentheses so that operator precedence is unchanged:
 * `"Acme ""Big"" Deal"` → `("Acme "&CHAR(34)&"Big"&CHAR(34)&" Deal")`. Other literals pass unchanged.
 */
export function engineLiteral(literal: string): string {
  if (literal.length < 2 || !literal.endsWith('"')) return literal; // unterminated: Sheets rejects it too
  const inner = literal.slice(1, -1);
  if (!inner.includes('"') && !inner.includes('\\')) return literal;
  const tokens = inner
    .replace(/""/g, '"')
    .split(/(["\\])/)
    .filter((piece) => piece !== '')
    .map((piece) => (piece === '"' ? 'CHAR(34)' : piece === '\\' ? 'CHAR(92)' : `"${piece}"`));
  return `(${tokens.join('&')})`;
}

/**
 * Sheets formula text → HyperFormula formula text: string literals with doubled quotes become
 * CHAR(34) concatenations (see engineLiteral); bare TRUE/FALSE become the functions TRUE()/FALSE(),
 * which is all HyperFormula knows. Quoted sheet names ('O''Brien deals'!A1) pass unchanged: HyperFormula
 * reads them as Sheets does.
 */
export function toEngineFormula(formula: string): string {
  return formulaParts(formula)
    .map((part) =>
      part.kind === 'string'
        ? engineLiteral(part.text)
        : part.kind === 'sheet'
          ? part.text
          : part.text.replace(
              /(?<![A-Za-z0-9_.$'!])(TRUE|FALSE)(?![A-Za-z0-9_.(!])/gi,
              (m) => `${m.toUpperCase()}()`,
            ),
    )
    .join('');
}

const SHEET = `(?:('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?`;
const CELL_REF = new RegExp(
  `${SHEET}(\\$?)([A-Za-z]{1,3})(\\$?)(\\d+)(?::(\\$?)([A-Za-z]{1,3})(\\$?)(\\d+))?(?![A-Za-z0-9_(!])`,
  'g',
);
const COL_RANGE = new RegExp(`${SHEET}(\\$?)([A-Za-z]{1,3}):(\\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_(!])`, 'g');

/**
 * Rewrites a rule formula for one cell: relative references shift by (dRow, dCol) from the rule's
 * anchor, and unqualified references are pinned to the rule's sheet (the formula is evaluated on a
 * scratch sheet). String literals are left alone. A shift past row 1 / column A gives #REF!.
 */
export function shiftFormula(formula: string, dRow: number, dCol: number, sheetName: string | null): string {
  const parts = splitLiterals(formula);
  const qualified = sheetName === null ? '' : `${quoteSheetName(sheetName)}!`;
  const precededByName = (src: string, offset: number): boolean =>
    offset > 0 && /[A-Za-z0-9_.$:]/.test(src[offset - 1]);
  const col = (abs: string, letters: string): number | null => {
    const c = abs ? lettersToColumn(letters) : lettersToColumn(letters) + dCol;
    return c < 1 ? null : c;
  };
  const row = (abs: string, digits: string): number | null => {
    const r = abs ? Number(digits) : Number(digits) + dRow;
    return r < 1 ? null : r;
  };
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return part;
      const cols = part.replace(COL_RANGE, (whole: string, sheet: string | undefined, ...g: unknown[]) => {
        const [a1, l1, a2, l2, offset, src] = g as [string, string, string, string, number, string];
        if (precededByName(src, offset)) return whole;
        const c1 = col(a1, l1);
        const c2 = col(a2, l2);
        if (c1 === null || c2 === null) return '#REF!';
        return `${sheet ? `${sheet}!` : qualified}${a1}${columnToLetters(c1)}:${a2}${columnToLetters(c2)}`;
      });
      return cols.replace(CELL_REF, (whole: string, sheet: string | undefined, ...g: unknown[]) => {
        const [ca, la, ra, da, cb, lb, rb, db, offset, src] = g as [
          string,
          string,
          string,
          string,
          string | undefined,
          string | undefined,
          string | undefined,
          string | undefined,
          number,
          string,
        ];
        if (precededByName(src, offset)) return whole;
        const c1 = col(ca, la);
        const r1 = row(ra, da);
        if (c1 === null || r1 === null) return '#REF!';
        let ref = `${ca}${columnToLetters(c1)}${ra}${r1}`;
        if (lb !== undefined && db !== undefined) {
          const c2 = col(cb ?? '', lb);
          const r2 = row(rb ?? '', db);
          if (c2 === null || r2 === null) return '#REF!';
          ref += `:${cb ?? ''}${columnToLetters(c2)}${rb ?? ''}${r2}`;
        }
        return `${sheet ? `${sheet}!` : qualified}${ref}`;
      });
    })
    .join('');
}

/**
 * Row numbers of the relative row references in a formula (string literals skipped); null when a
 * range mixes an absolute and a relative row ($A$1:A1 grows with each cell).
 */
export function relativeRows(formula: string): number[] | null {
  const code = literalFreeCode(formula);
  const rows: number[] = [];
  for (const m of code.matchAll(CELL_REF)) {
    const before = m.index !== undefined && m.index > 0 ? code[m.index - 1] : '';
    if (/[A-Za-z0-9_.$:]/.test(before)) continue;
    if (m[9] !== undefined && Boolean(m[4]) !== Boolean(m[8])) return null;
    if (!m[4]) rows.push(Number(m[5]));
    if (m[9] !== undefined && !m[8]) rows.push(Number(m[9]));
  }
  return rows;
}

/** Whether the local wall-clock date of `now` is needed elsewhere (e.g. tests): exported for reuse. */
export function todaySerial(now: Date, tz: string): number {
  const w = wallClock(now, tz);
  return Math.round((Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(1899, 11, 30)) / 86_400_000);
}
