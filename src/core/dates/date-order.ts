/**
 * Which way round a file writes its numeric dates, read from the file itself. A date whose first part
 * is over 12 ("20/03/2026") can only be day-first; one whose second part is over 12 ("03/13/2026") only
 * month-first. Dates with both parts ≤ 12 ("03/04/2026") say nothing. When the data tells, it wins;
 * when it cannot tell (no such date, or both kinds), the given locale (a flag, the spreadsheet's, the
 * machine's) decides. A given locale the data contradicts is reported once, as a warning.
 *
 * Pure: the caller feeds cell values in (all at once or row by row, for streaming) and gets a decision.
 */
import type { CellValue } from '../types';
import { numericDateOrder } from './locale';

export type DateOrder = 'day-first' | 'month-first';

export interface DateOrderEvidence {
  /** Dates that can only be day-first, and the first one seen (for the message). */
  dayFirst: number;
  dayFirstExample?: string;
  monthFirst: number;
  monthFirstExample?: string;
}

export function emptyEvidence(): DateOrderEvidence {
  return { dayFirst: 0, monthFirst: 0 };
}

// d/m, d/m/y with '/', or d.m.y / d-m-y with a year (a bare "2.13" is a number, "3-4" a range).
const SLASHED = /(?<![\d/.:-])(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?(?![\d/])/g;
const DOTTED = /(?<![\d/.:-])(\d{1,2})[.-](\d{1,2})[.-](\d{4}|\d{2})(?![\d.-])/g;

function note(ev: DateOrderEvidence, a: number, b: number, text: string): void {
  if (a < 1 || b < 1 || a > 31 || b > 31) return;
  if (a > 12 && b <= 12) {
    ev.dayFirst++;
    ev.dayFirstExample ??= text;
  } else if (b > 12 && a <= 12) {
    ev.monthFirst++;
    ev.monthFirstExample ??= text;
  }
}

/** Adds what one cell says. Date cells and numbers say nothing (they carry no written order). */
export function scanCell(ev: DateOrderEvidence, value: CellValue): void {
  if (typeof value !== 'string' || value.length < 3 || value.length > 2000) return;
  if (!/\d[/.-]\d/.test(value)) return;
  for (const re of [SLASHED, DOTTED]) {
    re.lastIndex = 0;
    for (let m = re.exec(value); m; m = re.exec(value)) note(ev, Number(m[1]), Number(m[2]), m[0]);
  }
}

/** Adds a row's cells (only text cells count). */
export function scanRow(ev: DateOrderEvidence, row: readonly CellValue[]): void {
  for (const v of row) scanCell(ev, v);
}

export function scanRows(rows: Iterable<readonly CellValue[]>, ev = emptyEvidence()): DateOrderEvidence {
  for (const row of rows) scanRow(ev, row);
  return ev;
}

/** What the data says on its own: an order, or undefined when it cannot tell. */
export function orderFromData(ev: DateOrderEvidence): DateOrder | undefined {
  if (ev.dayFirst > 0 && ev.monthFirst === 0) return 'day-first';
  if (ev.monthFirst > 0 && ev.dayFirst === 0) return 'month-first';
  return undefined;
}

export function orderOfLocale(locale: string): DateOrder {
  return numericDateOrder(locale) === 'MDY' ? 'month-first' : 'day-first';
}

export interface DateOrderDecision {
  /** The locale to read the file with. */
  locale: string;
  order: DateOrder;
  /** Where the order came from. */
  source: 'data' | 'locale';
  /** Said once when the data contradicts a locale the user gave, or mixes both orders. */
  warning?: string;
}

/**
 * Decides the locale to read numeric dates with. `given` is a locale the user chose explicitly (a
 * flag, the spreadsheet's setting); `fallback` the machine's or the product default, used only when
 * the data cannot tell and nothing was given.
 */
export function decideDateOrder(
  ev: DateOrderEvidence,
  options: { given?: string; givenWhat?: string; fallback: string },
): DateOrderDecision {
  const fromData = orderFromData(ev);
  const base = options.given ?? options.fallback;
  if (fromData === undefined) {
    const mixed =
      ev.dayFirst > 0 && ev.monthFirst > 0
        ? `The file writes dates both ways ("${ev.dayFirstExample}" is day-first, "${ev.monthFirstExample}" ` +
          `month-first); reading them as ${orderOfLocale(base)} (${base}).`
        : undefined;
    return { locale: base, order: orderOfLocale(base), source: 'locale', warning: mixed };
  }
  const example = fromData === 'day-first' ? ev.dayFirstExample : ev.monthFirstExample;
  if (options.given !== undefined) {
    if (orderOfLocale(options.given) === fromData) {
      return { locale: options.given, order: fromData, source: 'data' };
    }
    // The user said so explicitly: keep their locale, but say once that the data disagrees.
    return {
      locale: options.given,
      order: orderOfLocale(options.given),
      source: 'locale',
      warning:
        `The file's dates look ${fromData} ("${example}"), but ${options.givenWhat ?? 'the locale'} ` +
        `${options.given} reads them ${orderOfLocale(options.given)}; using ${options.given}.`,
    };
  }
  const locale =
    orderOfLocale(options.fallback) === fromData
      ? options.fallback
      : fromData === 'day-first'
        ? 'en_GB'
        : 'en_US';
  return { locale, order: fromData, source: 'data' };
}
