/**
 * A deal's identity, independent of its row number: the key the weekly review follows deals by
 * (core/review/facts.ts, docs/review.md) without the `#2` suffix for duplicates, which needs the whole
 * table. `id:` + the deal-id column when it has a value, else `da:` + deal name + `|` + account, else ''
 * (a row with no key columns has no identity beyond its row number).
 */
import type { CellValue, ColumnMapping } from './types';
import { cellText, normaliseKeyPart } from './review/facts';

export function dealKeyOf(row: readonly CellValue[], mapping: ColumnMapping, timeZone = 'UTC'): string {
  const at = (i: number | undefined): string =>
    i === undefined ? '' : cellText(row[i] as CellValue, timeZone).trim();
  const id = at(mapping.dealId);
  if (id !== '') return `id:${normaliseKeyPart(id)}`;
  const deal = at(mapping.deal);
  const account = at(mapping.account);
  if (deal !== '' || account !== '') return `da:${normaliseKeyPart(deal)}|${normaliseKeyPart(account)}`;
  return '';
}

/** The deal as a person names it: deal, else account, else the id; '' when none. */
export function dealLabelOf(row: readonly CellValue[], mapping: ColumnMapping, timeZone = 'UTC'): string {
  for (const role of ['deal', 'account', 'dealId'] as const) {
    const i = mapping[role];
    const text = i === undefined ? '' : cellText(row[i] as CellValue, timeZone).trim();
    if (text !== '') return text;
  }
  return '';
}
