/**
 * NEXTSTEP_FACTS: the highlights' helper column (core/highlights/facts.ts). One call over the whole
 * table; one fact text per row, none of it depending on today (Sheets caches the result until an
 * argument changes), so the conditional-format rules can add TODAY() and colour each next-step cell
 * exactly as the engine judges its row.
 *
 * It reads the saved settings (phrase lists, stage thresholds, closed stages: custom functions may read
 * document properties) and the spreadsheet's zone and locale. Its third argument is a fingerprint of
 * those settings, written by "Turn highlights on": changing the settings changes the formula, which is
 * what makes Sheets compute it again.
 */
import type { CellValue, ColumnMapping, ColumnRole } from '../core/types';
import { tableFacts, type FactsEnv } from '../core/highlights/facts';
import { loadSettings } from '../sheets/settings';
import { loadSnoozes } from '../sheets/snoozes';
import { customFunctionEnv } from './custom-functions';

const ROLES: readonly ColumnRole[] = [
  'deal',
  'account',
  'owner',
  'stage',
  'amount',
  'closeDate',
  'nextStep',
  'nextStepDue',
  'nextStepUpdated',
  'dealId',
];

/** `nextStep=6;stage=3` → mapping; unknown roles and bad indexes are errors (the formula is ours). */
export function parseMapping(spec: unknown, width: number): ColumnMapping {
  if (typeof spec !== 'string' || spec.trim() === '') {
    throw new Error('NEXTSTEP_FACTS: columns is required, e.g. "nextStep=6;stage=3"');
  }
  const mapping: ColumnMapping = {};
  for (const part of spec.split(';')) {
    const m = /^\s*([A-Za-z]+)\s*=\s*(\d+)\s*$/.exec(part);
    if (!m || !ROLES.includes(m[1] as ColumnRole) || Number(m[2]) >= width) {
      throw new Error(`NEXTSTEP_FACTS: cannot read column "${part}" (the range is ${width} columns wide)`);
    }
    mapping[m[1] as ColumnRole] = Number(m[2]);
  }
  if (mapping.nextStep === undefined) throw new Error('NEXTSTEP_FACTS: columns must name nextStep');
  return mapping;
}

function factsEnv(): FactsEnv {
  const env = customFunctionEnv();
  let config = env.config;
  try {
    config = loadSettings().config;
  } catch {
    // Properties unreadable here: the engine's defaults, as the other custom functions use.
  }
  // Snoozed deals are not stale until their day (the fingerprint includes them: highlights.ts).
  return { timeZone: env.timeZone, locale: env.locale, config, snoozes: loadSnoozes().snoozes };
}

/**
 * @param table the table's data rows (a range from its first column to its last mapped one)
 * @param columns which column is which (`nextStep=6;stage=3;…`, 0-based within the range)
 * @param _settingsKey a fingerprint of the saved settings; read only by Sheets' cache
 */
export function nextStepFacts(
  table: unknown,
  columns: unknown,
  _settingsKey?: unknown,
  env: FactsEnv = factsEnv(),
): string[][] {
  const rows: CellValue[][] = Array.isArray(table)
    ? table.map((r) => (Array.isArray(r) ? (r as CellValue[]) : [r as CellValue]))
    : [[table as CellValue]];
  const width = rows.reduce((n, r) => Math.max(n, r.length), 0);
  const mapping = parseMapping(columns, width);
  return tableFacts(rows, mapping, env).map((f) => [f]);
}
