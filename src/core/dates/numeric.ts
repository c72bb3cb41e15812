/** Numeric dates in free text ("24/03", "09.03", "1/25/26", "2025-01-06"), read in the locale's order. */
import type { IsoDate } from '../types';
import { isValidYmd, toIso } from './calendar';
import { numericDateOrder } from './locale';
import type { ExtractOptions } from './mentions';
import { inferYear } from './year';

// Not inside a longer number, a money amount, a version or a time; "-" needs all three parts ("5-7" is a range).
export const NUMERIC_DATE =
  /(?<![\w$£€.,/:-])(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})([/.])(\d{1,2})(?:\5(\d{4}|\d{2}))?|(\d{1,2})-(\d{1,2})-(\d{4}|\d{2}))(?![\w/:%]|[.,]\d)/g;

// Fixed expressions that look like day/month.
const IDIOMS = new Set(['24/7', '50/50', '1/2', '1/3', '2/3', '1/4', '3/4']);

function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

/** One numeric date, e.g. `10/03` → 10 March in en_GB, 3 October in en_US. */
export function numericParts(
  first: number,
  second: number,
  year: number | undefined,
  opts: Pick<ExtractOptions, 'locale' | 'reference'>,
): IsoDate | undefined {
  const monthFirst = numericDateOrder(opts.locale) === 'MDY';
  let [m, d] = monthFirst ? [first, second] : [second, first];
  if (!isValidYmd(year ?? 2000, m, d) && isValidYmd(year ?? 2000, d, m)) [m, d] = [d, m];
  const y = year ?? inferYear(m, d, opts.reference);
  return isValidYmd(y, m, d) ? toIso(y, m, d) : undefined;
}

export function matchToIso(
  m: RegExpExecArray,
  opts: Pick<ExtractOptions, 'locale' | 'reference'>,
): IsoDate | undefined {
  if (m[1]) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isValidYmd(y, mo, d) ? toIso(y, mo, d) : undefined;
  }
  if (m[4]) {
    if (IDIOMS.has(m[0])) return undefined;
    // "2.5" is a number; a dotted date writes its month with two digits ("06.03").
    if (m[5] === '.' && m[6].length !== 2) return undefined;
    return numericParts(Number(m[4]), Number(m[6]), m[7] ? fullYear(Number(m[7])) : undefined, opts);
  }
  return numericParts(Number(m[8]), Number(m[9]), fullYear(Number(m[10])), opts);
}

export function parseNumericDate(
  text: string,
  opts: Pick<ExtractOptions, 'locale' | 'reference'>,
): IsoDate | undefined {
  NUMERIC_DATE.lastIndex = 0;
  const m = NUMERIC_DATE.exec(text.trim());
  return m && m[0].length === text.trim().length ? matchToIso(m, opts) : undefined;
}
