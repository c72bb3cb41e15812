/**
 * Compiles the highlights: one helper formula (NEXTSTEP_FACTS in a hidden, add-on-owned column) and a
 * handful of short conditional-format rules that compare the helper's facts (facts.ts) with TODAY().
 * The engine decides every row once, in the helper; the rules only add today. So a cell's colour is
 * the engine's class for its row (highlightClass) on every day, and no rule re-implements the engine.
 *
 * Every rule formula ends with the marker term `ISTEXT("NextStepTracker:v2:<id>")` (always TRUE): that
 * is how the add-on recognises its own rules (isOwnHighlightFormula, any version, so the v1 regex
 * rules of earlier releases are removed too). The helper's header cell shows HELPER_MARKER.
 *
 * Rule order is the priority (Sheets applies the first matching rule to a cell): missing, overdue,
 * vague, stale. So a vague step whose date has passed is red, and a vague stale one amber.
 */
import type { ColumnMapping, ColumnRole, RuleId } from '../types';
import type { Config } from '../config';
import { columnLetters, formulaString } from './escape';
import { HIGHLIGHT_LEGEND, type HighlightId } from './legend';
import { FIRST_LOG_YEAR } from './facts';

export const MARKER_PREFIX = 'NextStepTracker:v2:';
const MARKER_RE = /ISTEXT\("NextStepTracker:v\d+:(missing|overdue|weak|stale)(?:-(\d+))?"\)\s*\)\s*$/;

/** What the helper's header cell shows (and how the add-on recognises the helper column). */
export const HELPER_MARKER = 'NextStepTracker:v2:facts';
/** The custom function the helper calls. */
export const FACTS_FUNCTION = 'NEXTSTEP_FACTS';
/** Sheets documents no limit on a conditional-format formula's length; we keep each this short. */
export const MAX_RULE_CHARS = 500;

export interface HighlightOptions {
  /** Rules switched off (config rule switches); all on by default. */
  enabled?: Partial<Record<HighlightId, boolean>>;
  /**
   * A fingerprint of the saved settings, passed to the helper as an argument: Sheets recomputes a
   * custom function only when an argument changes, so new settings must change the formula.
   */
  settingsKey?: string;
}

/** Highlight options from the engine config: its rule switches (vague needs filler or no-action). */
export function highlightOptionsFromConfig(config: Config, settingsKey?: string): HighlightOptions {
  const on = (id: RuleId): boolean => config.rules[id]?.enabled !== false;
  return {
    enabled: {
      missing: on('missing'),
      overdue: on('overdue'),
      weak: on('filler') || on('no-action') || on('no-time'),
      stale: on('stale'),
    },
    ...(settingsKey ? { settingsKey } : {}),
  };
}

export interface HighlightLayout {
  /** 1-based sheet row of the first data row (the header row is the row above). */
  firstDataRow: number;
  /** Role → 0-based column index within the table. */
  mapping: ColumnMapping;
  /** 1-based sheet column where the table's column 0 sits (default 1: the table starts in column A). */
  firstColumn?: number;
  /** 1-based sheet column of the helper. */
  helperColumn: number;
}

export interface CompiledHighlight {
  id: HighlightId;
  /** Background colour (from the legend). */
  background: string;
  /** The custom formula, relative to the first data cell of the next-step column. */
  formula: string;
  /** 1-based sheet column the rule applies to (the next-step column). */
  column: number;
  /** 1-based first sheet row the rule applies to. */
  firstRow: number;
  /** Highlights that need several rules (one per kind of date) number them 1, 2, …. */
  part?: number;
}

export interface CompiledHelper {
  /** 1-based sheet column and row of the helper's formula (the header row). */
  column: number;
  row: number;
  formula: string;
}

export class HighlightCompileError extends Error {}

/** True when a conditional-format formula was made by compileHighlights (any version). */
export function isOwnHighlightFormula(formula: unknown): boolean {
  return typeof formula === 'string' && MARKER_RE.test(formula);
}

/** Which highlight an own formula is, or undefined for a user's formula. */
export function highlightIdOf(formula: unknown): HighlightId | undefined {
  if (typeof formula !== 'string') return undefined;
  const m = MARKER_RE.exec(formula);
  return m ? (m[1] as HighlightId) : undefined;
}

/** Whether a cell formula is the add-on's helper (it calls NEXTSTEP_FACTS under the marker). */
export function isHelperFormula(formula: unknown): boolean {
  return (
    typeof formula === 'string' &&
    formula.includes(HELPER_MARKER) &&
    new RegExp(`\\b${FACTS_FUNCTION}\\s*\\(`, 'i').test(formula)
  );
}

function marker(id: HighlightId, part?: number): string {
  return `ISTEXT(${formulaString(MARKER_PREFIX + id + (part === undefined ? '' : `-${part}`))})`;
}

function validLayout(layout: HighlightLayout): { first: number; cols: number[] } {
  const { firstDataRow, mapping, helperColumn } = layout;
  const first = layout.firstColumn ?? 1;
  if (!Number.isInteger(firstDataRow) || firstDataRow < 2) {
    throw new HighlightCompileError(`firstDataRow must be a whole number from 2, got ${firstDataRow}`);
  }
  if (mapping.nextStep === undefined) throw new HighlightCompileError('No next-step column to highlight');
  const cols = (Object.values(mapping) as Array<number | undefined>).filter(
    (c): c is number => typeof c === 'number' && Number.isInteger(c) && c >= 0,
  );
  if (!Number.isInteger(helperColumn) || helperColumn <= first + Math.max(...cols)) {
    throw new HighlightCompileError(`The helper column must lie right of the table, got ${helperColumn}`);
  }
  return { first, cols };
}

/** The mapping as the helper reads it: `nextStep=6;stage=3;…` (0-based, from the range's column). */
export function encodeMapping(mapping: ColumnMapping): string {
  return (Object.entries(mapping) as Array<[ColumnRole, number | undefined]>)
    .filter(([, c]) => typeof c === 'number' && Number.isInteger(c) && c >= 0)
    .map(([role, c]) => `${role}=${c}`)
    .join(';');
}

/**
 * The helper's formula, in the header row of the helper column: a header label, then one fact text
 * per data row, computed by one NEXTSTEP_FACTS call over the table's open-ended range (so inserted and
 * appended rows are covered, and a sort of the table re-computes it in place). It sits in the header
 * row so that sorting or filtering the data rows never moves it.
 */
export function compileHelper(layout: HighlightLayout, options: HighlightOptions = {}): CompiledHelper {
  const { first, cols } = validLayout(layout);
  const from = columnLetters(first);
  const to = columnLetters(first + Math.max(...cols));
  const row = layout.firstDataRow;
  const args = [
    `${from}${row}:${to}`,
    formulaString(encodeMapping(layout.mapping)),
    formulaString(options.settingsKey ?? ''),
  ];
  return {
    column: layout.helperColumn,
    row: row - 1,
    formula: `={${formulaString(HELPER_MARKER)};${FACTS_FUNCTION}(${args.join(',')})}`,
  };
}

/**
 * The rules for a layout. Each is a comparison of the helper cell of the same row with TODAY();
 * field positions are those of facts.ts.
 */
export function compileHighlights(
  layout: HighlightLayout,
  options: HighlightOptions = {},
): CompiledHighlight[] {
  const { first } = validLayout(layout);
  const x = `$${columnLetters(layout.helperColumn)}${layout.firstDataRow}`;
  const field = (start: number, length: number): string => `VALUE(MID(${x},${start},${length}))`;
  const due = field(3, 6);
  const staleAfter = field(9, 6);
  const pivot = field(15, 6);
  const window = field(21, 3);
  const kind = (re: string): string => `REGEXMATCH(${x},${formulaString(re)})`;
  // Mode D: y = the year the engine reads today (of the first such date on or after today - K);
  // its due date is looked up in the helper's per-year table.
  const back = `TODAY()-${window}`;
  const yearRead = `(YEAR(${back})+(MONTH(${back})*100+DAY(${back})>${pivot})-${FIRST_LOG_YEAR})`;
  const dueRead = `VALUE(MID(${x},24+6*${yearRead},6))`;
  // Mode W: n = the log year (from 2024) the engine reads today: the latest log date at most L days
  // ahead. Its stale-after day (snoozes included) and due date are in the helper's per-year table.
  const ahead = `TODAY()+${window}`;
  const n = `(YEAR(${ahead})-${FIRST_LOG_YEAR}-(MONTH(${ahead})*100+DAY(${ahead})<${pivot}))`;
  const staleOf = `VALUE(MID(${x},24+12*${n},6))`;
  const dueOf = `VALUE(MID(${x},30+12*${n},6))`;

  const rules: Array<{ id: HighlightId; part?: number; terms: string[] }> = [
    { id: 'missing', terms: [`LEFT(${x},1)="M"`] },
    { id: 'overdue', part: 1, terms: [kind('^[VK]0'), `${due}>0`, `${due}<TODAY()`] },
    { id: 'overdue', part: 2, terms: [kind('^[VK]D'), `${dueRead}<TODAY()`] },
    { id: 'overdue', part: 3, terms: [kind('^[VK]W'), `${dueOf}<TODAY()`] },
    { id: 'weak', terms: [`LEFT(${x},1)="V"`] },
    {
      id: 'stale',
      part: 1,
      terms: [kind('^K0'), `${staleAfter}>0`, `TODAY()>${staleAfter}`, `${due}<>TODAY()`],
    },
    // Past the stage's days (and any snooze), and before the due day (on it: due today; after it:
    // overdue).
    { id: 'stale', part: 2, terms: [kind('^KW'), `TODAY()>${staleOf}`, `TODAY()<${dueOf}`] },
  ];
  const enabled = (id: HighlightId): boolean => options.enabled?.[id] !== false;
  const column = first + (layout.mapping.nextStep as number);
  return rules
    .filter((r) => enabled(r.id))
    .map((r) => {
      const formula = `=AND(${[...r.terms, marker(r.id, r.part)].join(',')})`;
      if (formula.length > MAX_RULE_CHARS) {
        throw new HighlightCompileError(
          `Rule ${r.id} is ${formula.length} characters, over ${MAX_RULE_CHARS}`,
        );
      }
      const entry = HIGHLIGHT_LEGEND.find((e) => e.id === r.id);
      return {
        id: r.id,
        background: entry ? entry.color : '#ffffff',
        formula,
        column,
        firstRow: layout.firstDataRow,
        ...(r.part === undefined ? {} : { part: r.part }),
      };
    });
}
