/**
 * Writes the weekly review tab, `Pipeline review 2026-W11`, from the review layout (the same layout
 * the CLI's XLSX writer renders; core/review/layout.ts).
 *
 * - Nothing lost on failure: the new tab is built in full (values, formats, charts) under a building
 *   name first; only then is the old tab of that week deleted and the new one renamed into its place.
 *   If any step throws, the half-built tab is removed and the old tab is left exactly as it was.
 * - The add-on recognises its own review tabs by two things together: the name `Pipeline review
 *   YYYY-Www` and a note on A1 that starts `next-step-tracker:review v1 week=YYYY-Www` naming the same
 *   week. Only such tabs are ever deleted (by retention: the newest N weeks are kept, default 8); a
 *   user's tab with a similar name, or one of ours that was renamed, is never touched.
 * - Calls are constant whatever the number of deals: the whole grid goes down with one
 *   setNumberFormats (text cells '@' first, so user text never becomes a formula), one setValues, one
 *   setBackgrounds, one setFontWeights, one right alignment (the by-owner Done and Slipped cells), one
 *   RangeList that wraps every deal table's next steps, one that aligns the deal tables' rows to the
 *   top; then a note, frozen rows, 10 column widths and two charts.
 */
import {
  chartExtent,
  layoutReview,
  reviewMarker,
  reviewSheetName,
  reviewWeekOf,
  sheetsGrid,
  WIDTH,
  type Block,
  type ChartSpec,
  type ReviewLayout,
} from '../core/review/layout';
import { columnLetters } from '../core/highlights/escape';
import type { ReviewModel } from '../core/review/model';
import { UserError } from '../core/user-error';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const DEFAULT_RETENTION = 8;
const REVIEW_NAME_RE = /^Pipeline review \d{4}-W\d{2}$/;

export interface WriteReviewOptions {
  /** The pipeline sheet the rows link to. */
  sourceSheet: Sheet;
  /** Review tabs kept, this week's included (default 8, at least 1). */
  retention?: number;
  /** Rows listed per section (default 1,000). */
  maxRowsPerSection?: number;
}

export interface WriteReviewResult {
  sheetName: string;
  sheetId: number;
  /** Whether a tab for this week was replaced. */
  replaced: boolean;
  /** Names of older review tabs removed by retention. */
  deleted: string[];
  /** Rows written. */
  rows: number;
}

export interface ReviewTab {
  sheet: Sheet;
  name: string;
  weekId: string;
}

/** The add-on's review tabs (name and A1 marker note agree). One getNote per candidate tab. */
export function listReviewTabs(ss: Spreadsheet): ReviewTab[] {
  const out: ReviewTab[] = [];
  for (const sheet of ss.getSheets()) {
    const name = sheet.getName();
    if (!REVIEW_NAME_RE.test(name)) continue; // only tabs named like ours have their note read
    const weekId = reviewWeekOf(name, sheet.getRange(1, 1).getNote());
    if (weekId) out.push({ sheet, name, weekId });
  }
  return out;
}

function addChart(sheet: Sheet, spec: ChartSpec): void {
  let builder = sheet.newChart();
  for (const r of spec.ranges) builder = builder.addRange(sheet.getRange(r.row, r.column, r.rows, r.columns));
  builder = builder
    .setNumHeaders(1)
    .setOption('title', spec.title)
    .setOption('width', spec.width)
    .setOption('height', spec.height)
    .setPosition(spec.anchorRow, spec.anchorColumn, spec.offsetX, spec.offsetY);
  if (spec.colors) builder = builder.setOption('colors', spec.colors);
  if (spec.vAxisFormat) builder = builder.setOption('vAxis.format', spec.vAxisFormat);
  const typed = spec.kind === 'line' ? builder.asLineChart() : builder.asColumnChart();
  if (spec.stacked && spec.kind === 'column')
    (typed as GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder).setStacked();
  sheet.insertChart(typed.build());
}

/** Name the new tab is built under until it is complete. */
export function buildingName(name: string): string {
  return `${name} (building)`;
}

/**
 * The pipeline amount column's number format, read once (one getRange + one getNumberFormats of the
 * column's first data rows, at most 20), so the review's amounts look like the pipeline's (`£#,##0`):
 * the first format there that formats numbers. null when there is none (the layout then uses plain
 * numbers with separators).
 */
export function readAmountFormat(
  sheet: Sheet,
  firstDataRow: number,
  amountColumn: number | undefined,
  dataRows: number,
): string | null {
  if (amountColumn === undefined || dataRows < 1) return null;
  try {
    const formats = sheet
      .getRange(firstDataRow, amountColumn + 1, Math.min(20, dataRows), 1)
      .getNumberFormats()
      .map((row) => String(row[0] ?? ''));
    return formats.find((f) => /[0#]/.test(f) && !/^0\.#+$/.test(f)) ?? null;
  } catch {
    return null;
  }
}

function blockA1(b: Block): string {
  const last = columnLetters(b.column + b.columns - 1);
  return `${columnLetters(b.column)}${b.row}:${last}${b.row + b.rows - 1}`;
}

/** Puts the whole layout on a fresh sheet: values, formats, colours, note, frozen rows, widths, charts. */
function fill(sheet: Sheet, layout: ReviewLayout, sourceSheetId: number, note: string): void {
  // The ownership note first: a tab left behind by a run that died mid-way is still known as ours.
  sheet.getRange(1, 1).setNote(note);
  const grid = sheetsGrid(layout, sourceSheetId);
  const rows = grid.values.length;
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  if (sheet.getMaxColumns() < WIDTH)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), WIDTH - sheet.getMaxColumns());
  const range = sheet.getRange(1, 1, rows, WIDTH);
  // Formats first: text cells are '@' before any user text lands in them.
  range.setNumberFormats(grid.formats);
  range.setValues(grid.values);
  range.setBackgrounds(grid.backgrounds);
  range.setFontWeights(grid.weights as Array<Array<GoogleAppsScript.Spreadsheet.FontWeight | null>>);
  for (const b of layout.rightAligned) {
    try {
      // "right" is in @types/google-apps-script and in wide use, but Google's reference page was not
      // available to check (docs/emulator.md). Cosmetic, so a refusal must not fail the review.
      sheet.getRange(b.row, b.column, b.rows, b.columns).setHorizontalAlignment('right');
    } catch {
      // The "–" cells stay left-aligned; every value is already written.
    }
  }
  // The deal tables' next steps wrap: one RangeList for all the tables, two calls however long the
  // tab. Only `true` is set, so every other cell keeps the sheet's default (J's reasons still run on
  // into the empty columns after it).
  if (layout.wrapped.length > 0) sheet.getRangeList(layout.wrapped.map(blockA1)).setWrap(true);
  // Their rows sit at the top, so a deal's name lines up with its step's first line. The method is in
  // @types/google-apps-script and in wide use, but its reference page was not available to check
  // (docs/emulator.md). Cosmetic, so a refusal must not fail the review.
  if (layout.topAligned.length > 0) {
    try {
      sheet.getRangeList(layout.topAligned.map(blockA1)).setVerticalAlignment('top');
    } catch {
      // The rows keep Sheets' default (bottom); every value is already written.
    }
  }
  sheet.setFrozenRows(layout.frozenRows);
  layout.columnWidths.forEach((w, i) => sheet.setColumnWidth(i + 1, w));
  for (const chart of layout.charts) addChart(sheet, chart);
}

export interface WriteReviewLayoutOptions extends WriteReviewOptions {
  locale: string;
  /** The pipeline amount column's number format (readAmountFormat). */
  amountColumnFormat?: string | null;
}

/** Builds the model's week tab beside the old one, then swaps it in and applies retention. */
export function writeReviewTab(
  ss: Spreadsheet,
  model: ReviewModel,
  options: WriteReviewLayoutOptions,
): WriteReviewResult {
  const source = options.sourceSheet;
  const sourceId = source.getSheetId();
  const layout = layoutReview(model, {
    locale: options.locale,
    amountColumnFormat: options.amountColumnFormat,
    maxRowsPerSection: options.maxRowsPerSection,
  });
  const weekId = model.header.weekId;
  const name = reviewSheetName(weekId);
  const note = reviewMarker(weekId, sourceId);
  const existing = ss.getSheetByName(name);
  if (existing && reviewWeekOf(existing.getName(), existing.getRange(1, 1).getNote()) !== weekId) {
    throw new UserError(
      `A sheet named "${name}" already exists and was not built by Next Step Tracker. ` +
        'Rename or delete it, then build the review again.',
      'Next Step Tracker: weekly review',
    );
  }
  const tempName = buildingName(name);
  const leftover = ss.getSheetByName(tempName);
  if (leftover) {
    if (leftover.getRange(1, 1).getNote() !== note) {
      throw new UserError(
        `A sheet named "${tempName}" already exists and was not built by Next Step Tracker. ` +
          'Rename or delete it, then build the review again.',
        'Next Step Tracker: weekly review',
      );
    }
    ss.deleteSheet(leftover); // a half-built tab from a run that was stopped
  }
  // 0-based position: the old tab's place (the new one goes just before it), else after the source.
  const index = existing ? existing.getIndex() - 1 : source.getIndex();
  const sheet = ss.insertSheet(tempName, index);
  try {
    fill(sheet, layout, sourceId, note);
    if (existing) ss.deleteSheet(existing);
    sheet.setName(name);
  } catch (error) {
    try {
      if (ss.getSheetByName(tempName)) ss.deleteSheet(sheet);
    } catch {
      // Best effort: the error below says what failed; a leftover building tab is removed next time.
    }
    throw error;
  }

  const keep = Math.max(1, Math.floor(options.retention ?? DEFAULT_RETENTION));
  const tabs = listReviewTabs(ss)
    .filter((t) => t.weekId !== weekId)
    .sort((a, b) => (a.weekId < b.weekId ? 1 : -1));
  const deleted: string[] = [];
  for (const t of tabs.slice(Math.max(0, keep - 1))) {
    ss.deleteSheet(t.sheet);
    deleted.push(t.name);
  }
  return {
    sheetName: name,
    sheetId: sheet.getSheetId(),
    replaced: !!existing,
    deleted,
    rows: layout.rows.length,
  };
}

/** Whether every chart of the layout lies within A1:T45 (the first screen), by the tab's widths. */
export function chartsOnFirstScreen(layout: ReviewLayout): boolean {
  return layout.charts.every((c) => {
    const end = chartExtent(c, layout.columnWidths.concat(Array(20).fill(100)));
    return end.column <= 20 && end.row <= 45;
  });
}
