/**
 * Finds the pipeline's columns from its header row. Headers are matched after normalising case,
 * spacing, punctuation and emoji ("📅 Next-Step Due" → "next step due"). The header row need not be
 * row 1: a title row or blank rows above it are skipped.
 */
import type { CellValue, ColumnMapping, ColumnRole } from './types';
import { mergedHeaderSynonyms } from './header-synonyms';

export interface ColumnDetection {
  /** 0-based index of the header row within the grid; -1 when none was found. */
  headerRowIndex: number;
  headers: string[];
  mapping: ColumnMapping;
  missing: ColumnRole[];
  problems: string[];
}

/**
 * Header texts per role: the generic list, then each CRM export's and template's own names (the data
 * and its sources live in header-synonyms.ts).
 */
export const HEADER_SYNONYMS: Record<ColumnRole, readonly string[]> = mergedHeaderSynonyms();

/** Header texts that name the next-step column (shown in the "no next-step column" message). */
export const NEXT_STEP_HEADER_SYNONYMS: readonly string[] = HEADER_SYNONYMS.nextStep;

const ROLES = Object.keys(HEADER_SYNONYMS) as ColumnRole[];

/** "📅 Next-Step (what/who/when)" → "next step what who when". */
export function normaliseHeader(value: CellValue): string {
  if (typeof value !== 'string') return typeof value === 'number' ? String(value) : '';
  return value
    .normalize('NFKD')
    .toLowerCase()
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[^\p{L}\p{N}#]+/gu, ' ')
    .replace(/#/g, ' number ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Camel-case headers ("NextStep") are split before lower-casing.
function normaliseRaw(value: CellValue): string {
  if (typeof value !== 'string') return normaliseHeader(value);
  return normaliseHeader(value.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

const SYNONYM_INDEX: Array<{ role: ColumnRole; key: string; rank: number }> = ROLES.flatMap((role) =>
  HEADER_SYNONYMS[role].map((s, rank) => ({ role, key: normaliseRaw(s), rank })),
);

/**
 * ISO currency codes an export appends to an amount header ("Value (USD)", "Amount EUR"). Symbols
 * ("Amount (£)") are already dropped by normalising.
 */
const CURRENCY_CODES = new Set(
  'usd eur gbp chf cad aud nzd jpy cny inr sek nok dkk pln czk huf brl mxn zar sgd hkd aed sar ils try krw'.split(
    ' ',
  ),
);

/**
 * Words that, after a synonym, make the header a different field: "Last Modified By" is a person,
 * "Deal owner ID" an id, "Next step owner" a person, "Amount currency" a code.
 */
const OTHER_FIELD_WORDS = new Set([
  'by',
  'id',
  'ids',
  'currency',
  'type',
  'count',
  'number',
  'owner',
  'source',
  'reason',
  'code',
  'probability',
  'changed',
  'history',
]);

function exactHit(key: string): { role: ColumnRole; rank: number } | undefined {
  const exact = SYNONYM_INDEX.find((s) => s.key === key);
  if (exact) return exact;
  const squashed = key.replace(/ /g, '');
  return SYNONYM_INDEX.find((s) => s.key.replace(/ /g, '') === squashed);
}

/** The role and rank a header matches: exactly, with a currency code dropped, or by a leading synonym. */
function matchHeader(header: CellValue): { role: ColumnRole; rank: number } | undefined {
  const key = normaliseRaw(header);
  if (key === '') return undefined;
  const hit = exactHit(key);
  if (hit) return hit;
  const words = key.split(' ');
  if (words.length > 1 && CURRENCY_CODES.has(words[words.length - 1])) {
    const bare = exactHit(words.slice(0, -1).join(' '));
    if (bare?.role === 'amount') return bare;
  }
  // "Next step (what/who/when)", "Next steps - Q3 plan": the longest synonym the header starts with,
  // unless the words after it name another field ("Last Modified By").
  const prefix = SYNONYM_INDEX.filter((s) => s.key.includes(' ') && key.startsWith(`${s.key} `))
    .filter((s) => !OTHER_FIELD_WORDS.has(key.slice(s.key.length + 1).split(' ')[0]))
    .sort((a, b) => b.key.length - a.key.length)[0];
  return prefix ? { role: prefix.role, rank: prefix.rank + 1000 } : undefined;
}

/** The role a header names, exactly (after normalising), else by a leading match ("Next step (Q3)"). */
export function roleOfHeader(header: CellValue): ColumnRole | undefined {
  return matchHeader(header)?.role;
}

function rowScore(row: CellValue[]): number {
  const roles = new Set(row.map(roleOfHeader).filter((r): r is ColumnRole => r !== undefined));
  return roles.size + (roles.has('nextStep') ? 2 : 0);
}

function describeSynonyms(role: ColumnRole): string {
  return HEADER_SYNONYMS[role].map((s) => `"${s}"`).join(', ');
}

export function detectColumns(
  grid: CellValue[][],
  options: { explicit?: Partial<Record<ColumnRole, string>>; maxScanRows?: number } = {},
): ColumnDetection {
  const maxScan = Math.max(1, options.maxScanRows ?? 10);
  const problems: string[] = [];
  let headerRowIndex = -1;
  let best = 0;
  const explicit = options.explicit ?? {};
  const explicitKeys = Object.values(explicit)
    .filter((h): h is string => typeof h === 'string')
    .map(normaliseRaw);
  for (let i = 0; i < Math.min(grid.length, maxScan); i++) {
    const row = Array.isArray(grid[i]) ? grid[i] : [];
    const explicitHits = row.filter((c) => explicitKeys.includes(normaliseRaw(c))).length;
    const score = rowScore(row) + explicitHits * 3;
    if (score > best) {
      best = score;
      headerRowIndex = i;
    }
  }
  if (headerRowIndex < 0) {
    const firstNonEmpty = grid.findIndex((r) => Array.isArray(r) && r.some((c) => normaliseRaw(c) !== ''));
    headerRowIndex = firstNonEmpty >= 0 && firstNonEmpty < maxScan ? firstNonEmpty : -1;
  }
  const headerRow = headerRowIndex >= 0 ? (grid[headerRowIndex] ?? []) : [];
  const headers = headerRow.map((c) =>
    c === null || c === undefined ? '' : String(c instanceof Date ? c.toISOString() : c),
  );
  const mapping: ColumnMapping = {};

  // Explicit mapping wins: the user said which header is which.
  for (const role of ROLES) {
    const wanted = explicit[role];
    if (wanted === undefined) continue;
    const key = normaliseRaw(wanted);
    const matches = headers.map((h, i) => (normaliseRaw(h) === key ? i : -1)).filter((i) => i >= 0);
    if (matches.length === 0) {
      problems.push(`The ${role} column was set to "${wanted}", but no header says "${wanted}"`);
      continue;
    }
    if (matches.length > 1) {
      problems.push(
        `"${wanted}" appears ${matches.length} times in the header row; using the first (column ${columnLetter(matches[0])})`,
      );
    }
    mapping[role] = matches[0];
  }

  const claimed = new Set(Object.values(mapping));
  const byRole = new Map<ColumnRole, number[]>();
  headers.forEach((h, i) => {
    if (claimed.has(i)) return;
    const role = roleOfHeader(h);
    if (!role || mapping[role] !== undefined) return;
    byRole.set(role, [...(byRole.get(role) ?? []), i]);
  });
  for (const [role, columns] of byRole) {
    // The earliest-listed synonym wins when several headers fit one role ("Status" vs "Stage").
    const ranked = [...columns].sort((a, b) => rankOf(role, headers[a]) - rankOf(role, headers[b]) || a - b);
    mapping[role] = ranked[0];
    const sameRank = ranked.filter((c) => rankOf(role, headers[c]) === rankOf(role, headers[ranked[0]]));
    if (sameRank.length > 1) {
      problems.push(
        `Duplicate ${role} headers: ${sameRank.map((c) => `"${headers[c]}" (column ${columnLetter(c)})`).join(', ')}; using column ${columnLetter(ranked[0])}`,
      );
    }
  }
  const missing = ROLES.filter((r) => mapping[r] === undefined);
  if (mapping.nextStep === undefined) {
    problems.push(
      `No next-step column found${headerRowIndex >= 0 ? ` in header row ${headerRowIndex + 1}` : ''}: looked for ${describeSynonyms('nextStep')}`,
    );
  }
  return { headerRowIndex, headers, mapping, missing, problems };
}

function rankOf(role: ColumnRole, header: string): number {
  const hit = matchHeader(header);
  return hit && hit.role === role ? hit.rank : 9999;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
