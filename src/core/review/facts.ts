/**
 * Deal facts: the plain, display-ready columns of each pipeline row that the review shows next to the
 * engine's judgement, plus a stable deal key that identifies the deal from week to week.
 *
 * Deal key (documented in docs/review.md):
 * - a mapped deal-id column with a value → `id:` + the normalised id;
 * - else the deal name and account → `da:` + normalised deal + `|` + normalised account;
 * - else (neither) → `row:` + the sheet row number (such a row cannot be followed across weeks).
 * Normalised = NFKC, lower case, whitespace collapsed, trimmed. When two rows share a key, the second
 * gets `#2`, the third `#3`, ... in sheet order, so every row has a unique key.
 * Keys do not involve row numbers (except the last resort), so inserting, deleting or sorting rows does
 * not break history; renaming a deal without an id column makes it a new deal (map an id column to
 * follow renames).
 */
import type { CellValue, ColumnMapping, IsoDate } from '../types';
import { cellToIsoDate, dateToIsoDay } from '../dates/cell';
import { normaliseStepText } from './hash';

export interface DealFacts {
  /** Sheet row number, 1-based. */
  row: number;
  dealKey: string;
  deal: string;
  account: string;
  owner: string;
  stage: string;
  /** A number when the amount cell holds one (or text that reads as one), else null. */
  amount: number | null;
  /** The next-step cell as text, exactly as typed (not trimmed). */
  nextStep: string;
  /** The close-date cell as a day, when it holds one. */
  closeDate?: IsoDate;
}

export interface FactsContext {
  timeZone: string;
  locale: string;
}

/** A cell as display text: strings as they are, numbers in plain form, Dates as ISO days. */
export function cellText(value: CellValue, timeZone = 'UTC'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateToIsoDay(value, timeZone) ?? '';
  return String(value);
}

export function normaliseKeyPart(text: string): string {
  return normaliseStepText(text);
}

const COMMA_DECIMAL =
  /^(de|fr|es|it|nl|pt|pl|ru|sv|da|nb|no|fi|cs|tr|id|ro|hu|uk|el|bg|hr|sk|sl|lt|lv|et)(_|-|$)/i;

/**
 * An amount cell as a number: numbers as they are; text such as `£12,500`, `USD 1,200.50`, `(300)` or
 * (in comma-decimal locales) `1.234,5 €`. Anything else (`12k`, `TBD`) → null.
 */
export function parseAmount(value: CellValue, locale = 'en_US'): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  let s = value.trim();
  if (s === '') return null;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  // Currency symbols and codes, spaces (incl. narrow no-break) as thousands separators.
  s = s
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^[A-Z]{3}|[A-Z]{3}$/g, '')
    .replace(/[£$€¥₹]/g, '');
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  }
  if (COMMA_DECIMAL.test(locale)) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  if (!Number.isFinite(n)) return null;
  return negative ? -n : n;
}

/** Whether a row has nothing in any mapped column. */
function isBlankRow(row: CellValue[], mapping: ColumnMapping): boolean {
  for (const index of Object.values(mapping)) {
    if (index === undefined) continue;
    const v = row[index];
    if (v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) return false;
  }
  return true;
}

/**
 * Facts for every non-blank data row. `rows[i]` is sheet row `firstRowNumber + i`. Blank rows (nothing
 * in any mapped column) are skipped, as the engine marks them `blank`.
 */
export function dealFactsFromRows(
  rows: CellValue[][],
  mapping: ColumnMapping,
  firstRowNumber: number,
  ctx: FactsContext,
): DealFacts[] {
  const out: DealFacts[] = [];
  const seen = new Map<string, number>();
  const col = (row: CellValue[], role: keyof ColumnMapping): CellValue =>
    mapping[role] === undefined ? '' : row[mapping[role] as number];
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || isBlankRow(row, mapping)) return;
    const rowNumber = firstRowNumber + i;
    const deal = cellText(col(row, 'deal'), ctx.timeZone).trim();
    const account = cellText(col(row, 'account'), ctx.timeZone).trim();
    const id = cellText(col(row, 'dealId'), ctx.timeZone).trim();
    let key: string;
    if (id !== '') key = `id:${normaliseKeyPart(id)}`;
    else if (deal !== '' || account !== '') key = `da:${normaliseKeyPart(deal)}|${normaliseKeyPart(account)}`;
    else key = `row:${rowNumber}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count > 1) key = `${key}#${count}`;
    const closeCell = col(row, 'closeDate');
    const closeDate = cellToIsoDate(closeCell, { timeZone: ctx.timeZone, locale: ctx.locale });
    const facts: DealFacts = {
      row: rowNumber,
      dealKey: key,
      deal,
      account,
      owner: cellText(col(row, 'owner'), ctx.timeZone).trim(),
      stage: cellText(col(row, 'stage'), ctx.timeZone).trim(),
      amount: parseAmount(col(row, 'amount'), ctx.locale),
      nextStep: cellText(col(row, 'nextStep'), ctx.timeZone),
    };
    if (closeDate) facts.closeDate = closeDate;
    out.push(facts);
  });
  return out;
}
