/**
 * The sidebar's small reads. getSelectionContext is polled about once a second, so it must not read
 * the whole table: it reads the top rows (to find the header, or just the saved header row) and the
 * active row: at most two getValues, whatever the size of the sheet. The header location is the same
 * pure locateTable the full reader uses (src/sheets/pipeline.ts), so both agree on columns.
 */
import type { CellValue, ColumnMapping, RowAnalysis } from '../core/types';
import type { Config } from '../core/config';
import type { FindingView, RowView } from '../core/rpc-contract';
import { analyzeRows } from '../core/analyze';
import { summarizeFindings } from '../core/summary';
import { cellToIsoDate, dateToIsoDay } from '../core/dates/cell';
import { locateTable } from '../sheets/pipeline';
import type { Settings } from '../sheets/settings';
import { UserError } from './user-error';

/** Rows scanned for a header when settings do not pin it (the same default as readPipeline). */
export const HEADER_SCAN_ROWS = 20;

export interface RowRead {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  sheetName: string;
  headerRow: number;
  firstDataRow: number;
  lastRow: number;
  lastColumn: number;
  headers: string[];
  mapping: ColumnMapping;
  /** The requested row's values (columns 1..lastColumn), or null when the row is not a data row. */
  values: CellValue[] | null;
  problems: string[];
}

/**
 * Finds the header (one getValues over the top rows, or the saved header row only) and reads `row`
 * (a second getValues, unless the row was in the top rows already). Throws PipelineError (a UserError)
 * when there is no table or no next-step column.
 */
export function readHeaderAndRow(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  settings: Settings,
  row: number,
  knownName?: string,
): RowRead {
  const sheetName = knownName ?? sheet.getName();
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < 1 || lastColumn < 1) {
    throw new UserError(`Sheet "${sheetName}" is empty: there is no pipeline table here yet.`);
  }
  const saved = settings.headerRow;
  // With a saved header row, the top block is just rows 1..headerRow (usually 1–3 rows); otherwise the
  // first HEADER_SCAN_ROWS rows, as readPipeline scans.
  const scanRows = Math.min(lastRow, HEADER_SCAN_ROWS);
  let topRows = Math.min(lastRow, saved !== undefined && saved >= 1 ? saved : HEADER_SCAN_ROWS);
  let top = sheet.getRange(1, 1, topRows, lastColumn).getValues() as CellValue[][];
  let located: ReturnType<typeof locateTable>;
  try {
    located = locateTable(top, settings, sheetName, HEADER_SCAN_ROWS);
  } catch (error) {
    // The saved header row no longer holds the table: scan the top rows like readPipeline does.
    if (topRows >= scanRows) throw error;
    topRows = scanRows;
    top = sheet.getRange(1, 1, topRows, lastColumn).getValues() as CellValue[][];
    located = locateTable(top, settings, sheetName, HEADER_SCAN_ROWS);
  }
  const headerRow = located.headerRowIndex + 1;
  const firstDataRow = headerRow + 1;
  let values: CellValue[] | null = null;
  if (Number.isInteger(row) && row >= firstDataRow && row <= lastRow) {
    values =
      row <= topRows
        ? top[row - 1]
        : ((sheet.getRange(row, 1, 1, lastColumn).getValues() as CellValue[][])[0] ?? null);
  }
  return {
    sheet,
    sheetName,
    headerRow,
    firstDataRow,
    lastRow,
    lastColumn,
    headers: located.headers,
    mapping: located.mapping,
    values,
    problems: located.problems,
  };
}

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

/** Judges one row with the engine and shapes it for the sidebar. */
export function judgeRow(
  values: CellValue[],
  rowNumber: number,
  mapping: ColumnMapping,
  config: Config,
  ctx: { today: string; timeZone: string; locale: string },
): RowView {
  const [analysis] = analyzeRows([values], mapping, config, { ...ctx, firstRowNumber: rowNumber });
  return rowView(values, analysis, mapping, ctx);
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
): RowView {
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
  };
}
