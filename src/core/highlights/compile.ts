/**
 * Compiles the highlight rules into conditional-format formulas (pure; the sheets layer turns them
 * into Sheets rules). Each formula is written for the first data cell of the next-step column and
 * applied to that column from the first data row down to the sheet's last row, so rows added later
 * are covered. Colours come from HIGHLIGHT_LEGEND.
 *
 * Every formula ends with the marker term `ISTEXT("NextStepTracker:v1:<id>")` (always TRUE): that is
 * how the add-on recognises its own rules (isOwnHighlightFormula) and removes only those.
 *
 * Priority missing > overdue > weak > stale. Missing, overdue and weak exclude each other in their
 * formulas; stale excludes missing and overdue, and relies on rule order (Sheets applies the first
 * matching rule to a cell) to give way to weak, so the long vague pattern is not repeated.
 *
 * Every term is wrapped in IFERROR: in Sheets, AND() does not short-circuit, so one error (a `#N/A`
 * cell, text in a date column) would otherwise make the whole rule an error. Errors read as FALSE,
 * except in the missing-text test, where an error cell counts as missing (as in the engine).
 */
import type { ColumnMapping, ColumnRole, RuleId } from '../types';
import type { Config } from '../config';
import { columnLetters, formulaString } from './escape';
import { matchesWeakText, MISSING_TEXT_PATTERN, weakFormulaTerms, type WeakTextOptions } from './text-tests';
import { HIGHLIGHT_LEGEND, type HighlightId } from './legend';

export const MARKER_PREFIX = 'NextStepTracker:v1:';
const MARKER_RE = /ISTEXT\("NextStepTracker:v\d+:(missing|overdue|weak|stale)(?:-(\d+))?"\)\s*\)\s*$/;

export interface HighlightOptions {
  /** Phrases that are filler on their own ("follow up", "check in", "TBD"). */
  fillerPhrases: readonly string[];
  /** Phrases that mark a status note or waiting state, not an action ("waiting on", "on hold"). */
  noActionPhrases: readonly string[];
  /** Joining words allowed between phrases (default GLUE_WORDS). */
  glueWords?: readonly string[];
  /** Action verbs, meeting nouns, deliverables (see text-tests.ts, test B). */
  actionWords?: readonly string[];
  /** Freshness days: a default and per-stage overrides (stage names compared case-insensitively). */
  freshness: { default: number; byStage: Readonly<Record<string, number>> };
  /** Stage names whose deals are not highlighted (case-insensitive, trimmed). */
  closedStages: readonly string[];
  /** Rules switched off (config rule switches); all on by default. */
  enabled?: Partial<Record<HighlightId, boolean>>;
}

/**
 * Highlight options from the engine config: filler phrases; waiting and status phrases as the
 * no-action list; per-stage freshness days; closed stages; the rule switches (`weak` needs the filler
 * or the no-action rule, each list only when its rule is on).
 */
export function highlightOptionsFromConfig(config: Config): HighlightOptions {
  const on = (id: RuleId): boolean => config.rules[id]?.enabled !== false;
  return {
    fillerPhrases: on('filler') ? config.fillerPhrases : [],
    noActionPhrases: on('no-action') ? [...config.waitingPhrases, ...config.statusPhrases] : [],
    actionWords: [...config.actionVerbs, ...config.meetingNouns, ...config.deliverableNouns],
    freshness: config.freshnessDays,
    closedStages: config.closedStages,
    enabled: {
      missing: on('missing'),
      overdue: on('overdue'),
      weak: on('filler') || on('no-action'),
      stale: on('stale'),
    },
  };
}

export interface HighlightLayout {
  /** 1-based sheet row of the first data row. */
  firstDataRow: number;
  /** Role → 0-based column index within the table. */
  mapping: ColumnMapping;
  /** 1-based sheet column where the table's column 0 sits (default 1: the table starts in column A). */
  firstColumn?: number;
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
  /** The vague test comes in parts, one rule each (1, 2, …); the marker says `weak-<part>`. */
  part?: number;
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

/** The options the vague test reads (see text-tests.ts for exactly what it colours). */
export function weakTextOptions(options: HighlightOptions): WeakTextOptions {
  return {
    fillerPhrases: options.fillerPhrases,
    noActionPhrases: options.noActionPhrases,
    actionWords: options.actionWords,
    glueWords: options.glueWords,
  };
}

/** The vague test in JavaScript, exactly as the weak rule's REGEXMATCH terms evaluate it. */
export function matchesWeakPattern(cell: unknown, options: HighlightOptions): boolean {
  return matchesWeakText(cell, weakTextOptions(options));
}

function marker(id: HighlightId, part?: number): string {
  return `ISTEXT(${formulaString(MARKER_PREFIX + id + (part === undefined ? '' : `-${part}`))})`;
}

/**
 * A stage cell as the engine compares it (config.ts normaliseStage): underscores and hyphens read as
 * spaces, runs of spaces collapsed, trimmed; `=` in Sheets is already case-insensitive.
 */
function stageKey(stageRef: string): string {
  return `TRIM(SUBSTITUTE(SUBSTITUTE(${stageRef},"_"," "),"-"," "))`;
}

/** A stage name normalised the same way, for the literal side of the comparison. */
export function normalizeStageName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

function safe(term: string): string {
  return `IFERROR(${term},FALSE)`;
}

function wholeDays(n: number): number {
  if (!Number.isFinite(n)) return 14;
  return Math.max(0, Math.round(n));
}

/** The stage's threshold as nested IFs, compiled from the per-stage table; the default at the end. */
export function freshnessExpression(
  stageRef: string | undefined,
  freshness: HighlightOptions['freshness'],
): string {
  const fallback = String(wholeDays(freshness.default));
  if (!stageRef) return fallback;
  const stages = Object.entries(freshness.byStage)
    .map(([name, days]) => [normalizeStageName(name), wholeDays(days)] as const)
    .filter(([name]) => name !== '');
  // The first entry for a stage wins, as in freshnessDaysFor.
  const seen = new Set<string>();
  let expr = fallback;
  const unique = stages.filter(([name]) => {
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  const key = stageKey(stageRef);
  for (let i = unique.length - 1; i >= 0; i--) {
    const [name, days] = unique[i];
    expr = `IF(${key}=${formulaString(name)},${days},${expr})`;
  }
  return expr;
}

/**
 * The four rules for a table layout. Rules whose columns are not mapped are left out (no due column:
 * no overdue rule; no updated column: no stale rule; no phrases: no weak rule).
 */
export function compileHighlights(layout: HighlightLayout, options: HighlightOptions): CompiledHighlight[] {
  const { firstDataRow, mapping } = layout;
  const firstColumn = layout.firstColumn ?? 1;
  if (!Number.isInteger(firstDataRow) || firstDataRow < 1) {
    throw new HighlightCompileError(`firstDataRow must be a whole number from 1, got ${firstDataRow}`);
  }
  if (mapping.nextStep === undefined) throw new HighlightCompileError('No next-step column to highlight');
  const ref = (role: ColumnRole): string | undefined => {
    const idx = mapping[role];
    if (idx === undefined || !Number.isInteger(idx) || idx < 0) return undefined;
    return `$${columnLetters(firstColumn + idx)}${firstDataRow}`;
  };
  const text = ref('nextStep') as string;
  const stage = ref('stage');
  const due = ref('nextStepDue');
  const updated = ref('nextStepUpdated');

  // Missing text as the engine sees it (no letters or digits, or an error); an error cell counts.
  const noText = `IFERROR(REGEXMATCH(LOWER(${text}&""),${formulaString(MISSING_TEXT_PATTERN)}),TRUE)`;
  const hasText = `NOT(${noText})`;
  const closed = [...new Set(options.closedStages.map(normalizeStageName).filter((s) => s !== ''))];
  const open =
    stage && closed.length > 0
      ? safe(`NOT(OR(${closed.map((s) => `${stageKey(stage)}=${formulaString(s)}`).join(',')}))`)
      : '';
  // A row is blank, and skipped, when every mapped cell is empty or spaces (the engine's blank rows);
  // the next-step cell counts too ("???" alone makes an open row with a missing step).
  const mapped = [
    ...new Set((Object.keys(mapping) as ColumnRole[]).map((r) => ref(r)).filter((r): r is string => !!r)),
  ];
  const rowUsed = `OR(${mapped.map((r) => `IFERROR(LEN(TRIM(${r}))>0,TRUE)`).join(',')})`;

  let overdueCore = due ? safe(`AND(ISNUMBER(${due}),INT(${due})<TODAY())`) : undefined;
  let weakCores = weakFormulaTerms(text, weakTextOptions(options), formulaString).map(safe);
  let staleCore = updated
    ? safe(
        `AND(ISNUMBER(${updated}),TODAY()-INT(${updated})>${freshnessExpression(stage, options.freshness)})`,
      )
    : undefined;

  const and = (id: HighlightId, terms: Array<string | undefined>, part?: number): string =>
    `=AND(${[...terms.filter((t): t is string => !!t), marker(id, part)].join(',')})`;

  const out: CompiledHighlight[] = [];
  const push = (id: HighlightId, formula: string, part?: number): void => {
    const entry = HIGHLIGHT_LEGEND.find((e) => e.id === id);
    out.push({
      id,
      background: entry ? entry.color : '#ffffff',
      formula,
      column: firstColumn + (mapping.nextStep as number),
      firstRow: firstDataRow,
      ...(part === undefined ? {} : { part }),
    });
  };
  const enabled = (id: HighlightId): boolean => options.enabled?.[id] !== false;
  if (!enabled('overdue')) overdueCore = undefined;
  if (!enabled('weak')) weakCores = [];
  if (!enabled('stale')) staleCore = undefined;
  if (enabled('missing')) push('missing', and('missing', [noText, rowUsed, open]));
  if (overdueCore) push('overdue', and('overdue', [hasText, overdueCore, open]));
  // The vague test in parts (weakParts: each formula stays around 2,000 characters), same colour.
  weakCores.forEach((weakCore, i) =>
    push('weak', and('weak', [hasText, weakCore, overdueCore && `NOT(${overdueCore})`, open], i + 1), i + 1),
  );
  if (staleCore) {
    push(
      'stale',
      and('stale', [
        hasText,
        staleCore,
        overdueCore && `NOT(${overdueCore})`,
        // Not NOT(weak): that would repeat the ~9 KB vague pattern. Where a cell is both vague and
        // stale, the vague rule (earlier in the list) wins, as Sheets applies the first matching rule.
        open,
      ]),
    );
  }
  return out;
}
