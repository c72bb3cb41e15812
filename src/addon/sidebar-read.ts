/**
 * A row as the sidebar shows it (RowView): the engine's judgement of the row plus its cells as text.
 * Pure shaping; the reads behind it are src/sheets/table-row.ts (one row) and src/sheets/pipeline.ts
 * (the whole table).
 */
import type { CellValue, ColumnMapping, RowAnalysis } from '../core/types';
import type { Config } from '../core/config';
import type { FindingView, RowView } from '../core/rpc-contract';
import { analyzeRows } from '../core/analyze';
import { summarizeFindings } from '../core/summary';
import { cellToIsoDate, dateToIsoDay } from '../core/dates/cell';
import { dealKeyOf } from '../core/deal-identity';
import { activeSnooze, applySnoozes, type SnoozeMap } from '../core/snooze';

export interface TextContext {
  timeZone: string;
  locale: string;
}

/**
 * A cell as the text the sidebar shows and sends back (the optimistic check compares these). Dates
 * become their ISO day in the spreadsheet's zone; numbers and booleans their plain string.
 */
export function cellText(value: CellValue, ctx: TextContext): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateToIsoDay(value, ctx.timeZone) ?? '';
  return String(value);
}

function pick(
  values: CellValue[],
  mapping: ColumnMapping,
  role: keyof ColumnMapping,
  ctx: TextContext,
): string {
  const i = mapping[role];
  return i === undefined ? '' : cellText(values[i], ctx);
}

export function findingView(f: RowAnalysis['findings'][number]): FindingView {
  return {
    rule: f.rule,
    severity: f.severity,
    message: String(f.message ?? ''),
    suggestion: String(f.suggestion ?? ''),
    start: Number.isFinite(f.start) ? f.start : 0,
    length: Number.isFinite(f.length) ? f.length : 0,
  };
}

/** Judges one row with the engine (snoozes applied: a snoozed deal is not stale) and shapes it. */
export function judgeRow(
  values: CellValue[],
  rowNumber: number,
  mapping: ColumnMapping,
  config: Config,
  ctx: { today: string; timeZone: string; locale: string },
  snoozes: SnoozeMap = {},
): RowView {
  const [raw] = analyzeRows([values], mapping, config, { ...ctx, firstRowNumber: rowNumber });
  const [analysis] = applySnoozes([raw], [dealKeyOf(values, mapping, ctx.timeZone)], snoozes, ctx.today);
  return rowView(values, analysis, mapping, ctx, snoozes);
}

function safeSummary(analysis: RowAnalysis): string {
  try {
    return summarizeFindings(analysis);
  } catch {
    return '';
  }
}

export function rowView(
  values: CellValue[],
  analysis: RowAnalysis,
  mapping: ColumnMapping,
  ctx: { today: string; timeZone: string; locale: string },
  snoozes: SnoozeMap = {},
): RowView {
  const dealKey = dealKeyOf(values, mapping, ctx.timeZone);
  const snooze = activeSnooze(snoozes, dealKey, ctx.today);
  const updatedIndex = mapping.nextStepUpdated;
  const updated =
    updatedIndex === undefined
      ? undefined
      : cellToIsoDate(values[updatedIndex], { timeZone: ctx.timeZone, locale: ctx.locale });
  const summary = analysis.status === 'open' ? safeSummary(analysis) : '';
  return {
    row: analysis.row,
    deal: pick(values, mapping, 'deal', ctx),
    account: pick(values, mapping, 'account', ctx),
    owner: pick(values, mapping, 'owner', ctx),
    stage: pick(values, mapping, 'stage', ctx),
    nextStep: pick(values, mapping, 'nextStep', ctx),
    status: analysis.status,
    verdict: analysis.verdict,
    timing: analysis.timing,
    score: analysis.score,
    due: analysis.due ?? null,
    writtenOn: analysis.writtenOn ?? null,
    updated: updated ?? null,
    findings: analysis.findings.map(findingView),
    summary,
    dealKey,
    snooze: snooze ? { until: snooze.until, reason: snooze.reason, by: snooze.by } : null,
  };
}
