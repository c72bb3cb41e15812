/**
 * Finds the pipeline's columns from its header row. Headers are matched after normalising case,
 * spacing, punctuation and emoji ("📅 Next-Step Due" → "next step due"). The header row need not be
 * row 1: a title row or blank rows above it are skipped.
 */
import type { CellValue, ColumnMapping, ColumnRole } from './types';

export interface ColumnDetection {
  /** 0-based index of the header row within the grid; -1 when none was found. */
  headerRowIndex: number;
  headers: string[];
  mapping: ColumnMapping;
  missing: ColumnRole[];
  problems: string[];
}

/** Header texts that name the next-step column (shown in the "no next-step column" message). */
export const NEXT_STEP_HEADER_SYNONYMS: readonly string[] = [
  'Next step',
  'Next steps',
  'NextStep',
  'Next action',
  'Next actions',
  'Next step (what/who/when)',
  'Next step description',
  'Follow-up action',
  'Action',
  'Actions',
  'To do',
];

export const HEADER_SYNONYMS: Record<ColumnRole, readonly string[]> = {
  deal: [
    'Deal',
    'Deal name',
    'Opportunity',
    'Opportunity name',
    'Opp',
    'Opp name',
    'Deal title',
    'Name',
    'Project',
  ],
  account: [
    'Account',
    'Account name',
    'Company',
    'Company name',
    'Customer',
    'Client',
    'Organisation',
    'Organization',
    'Merchant',
    'Prospect',
  ],
  owner: [
    'Owner',
    'Deal owner',
    'Opportunity owner',
    'Account owner',
    'Sales rep',
    'Rep',
    'Salesperson',
    'AE',
    'Account executive',
    'Assigned to',
  ],
  stage: ['Stage', 'Deal stage', 'Sales stage', 'Opportunity stage', 'Pipeline stage', 'Status', 'Phase'],
  amount: [
    'Amount',
    'Value',
    'Deal value',
    'Deal size',
    'ARR',
    'ACV',
    'TCV',
    'MRR',
    'Revenue',
    'Opportunity amount',
    'Amount (USD)',
    'Amount ($)',
    'Value (£)',
  ],
  closeDate: [
    'Close date',
    'Expected close date',
    'Expected close',
    'Closing date',
    'Close',
    'Est close date',
    'Target close date',
  ],
  nextStep: NEXT_STEP_HEADER_SYNONYMS,
  nextStepDue: [
    'Next step due',
    'Next step date',
    'Next step due date',
    'Due',
    'Due date',
    'Next action date',
    'Next action due',
    'Action date',
    'Follow-up date',
    'Next activity date',
  ],
  nextStepUpdated: [
    'Next step updated',
    'Next step last updated',
    'Last activity',
    'Last activity date',
    'Last updated',
    'Last modified',
    'Updated',
    'Updated on',
    'Last contact',
    'Last contacted',
    'Modified',
  ],
  dealId: ['Deal ID', 'Opportunity ID', 'Opp ID', 'ID', 'Record ID', 'Deal #', 'Deal number', 'CRM ID'],
};

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

/** The role a header names, exactly (after normalising), else by a leading match ("Next step (Q3)"). */
export function roleOfHeader(header: CellValue): ColumnRole | undefined {
  const key = normaliseRaw(header);
  if (key === '') return undefined;
  const exact = SYNONYM_INDEX.find((s) => s.key === key);
  if (exact) return exact.role;
  const squashed = key.replace(/ /g, '');
  const glued = SYNONYM_INDEX.find((s) => s.key.replace(/ /g, '') === squashed);
  if (glued) return glued.role;
  // "Next step (what/who/when)", "Next steps - owner notes": the longest synonym the header starts with.
  const prefix = SYNONYM_INDEX.filter(
    (s) => s.key.includes(' ') && (key.startsWith(`${s.key} `) || key === s.key),
  ).sort((a, b) => b.key.length - a.key.length)[0];
  return prefix?.role;
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
  const key = normaliseRaw(header);
  const hit = SYNONYM_INDEX.find((s) => s.role === role && s.key === key);
  return hit ? hit.rank : 999;
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
