/**
 * Writes the weekly review tab, `Pipeline review 2026-W11`, from the review model.
 *
 * - Rebuilding a week replaces that week's tab (deleted and inserted again at the same place) and
 *   touches nothing else.
 * - The add-on recognises its own review tabs by two things together: the name `Pipeline review
 *   YYYY-Www` and a note on A1 that starts `next-step-tracker:review v1 week=YYYY-Www` naming the same
 *   week. Only such tabs are ever deleted (by retention: the newest N weeks are kept, default 8); a
 *   user's tab with a similar name, or one of ours that was renamed, is never touched.
 * - Calls are constant whatever the number of deals: the whole grid goes down with one
 *   setNumberFormats (text columns '@' first, so user text never becomes a formula), one setValues,
 *   one setBackgrounds, one setFontWeights; then a note, frozen rows, 12 column widths and two charts.
 */
import {
  COLUMN_WIDTHS,
  layoutReview,
  reviewSheetName,
  reviewWeekOf,
  WIDTH,
  type ReviewLayout,
} from '../core/review/layout';
import type { ReviewModel } from '../core/review/model';
import { UserError } from '../addon/user-error';

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

function addCharts(sheet: Sheet, layout: ReviewLayout, hasOwners: boolean): void {
  const a = layout.anchors;
  if (hasOwners) {
    const chart = sheet
      .newChart()
      .addRange(sheet.getRange(a.ownerHeader, 1, a.ownerLast - a.ownerHeader + 1, 1))
      .addRange(sheet.getRange(a.ownerHeader, 3, a.ownerLast - a.ownerHeader + 1, 4))
      .setNumHeaders(1)
      .setOption('colors', ['#6aa84f', '#f1c232', '#e06666', '#999999'])
      .setPosition(4, WIDTH + 2, 0, 0)
      .asColumnChart()
      .setStacked()
      .setTitle('Next-step verdicts by owner')
      .build();
    sheet.insertChart(chart);
  }
  const trend = sheet
    .newChart()
    .addRange(sheet.getRange(a.trendHeader, 1, a.trendLast - a.trendHeader + 1, 2))
    .setNumHeaders(1)
    .setOption('vAxis.format', 'percent')
    .setPosition(24, WIDTH + 2, 0, 0)
    .asLineChart()
    .setTitle('OK share of next steps by week')
    .build();
  sheet.insertChart(trend);
}

/** Writes (or replaces) the model's week tab, then applies retention. */
export function writeReviewTab(
  ss: Spreadsheet,
  model: ReviewModel,
  options: WriteReviewOptions,
): WriteReviewResult {
  const source = options.sourceSheet;
  const layout = layoutReview(model, {
    sourceSheetId: source.getSheetId(),
    maxRowsPerSection: options.maxRowsPerSection,
  });
  const name = reviewSheetName(model.header.weekId);
  const existing = ss.getSheetByName(name);
  let index = source.getIndex(); // 0-based position right after the source sheet
  let replaced = false;
  if (existing) {
    if (reviewWeekOf(existing.getName(), existing.getRange(1, 1).getNote()) !== model.header.weekId) {
      throw new UserError(
        `A sheet named "${name}" already exists and was not built by Next Step Tracker. ` +
          'Rename or delete it, then build the review again.',
        'Next Step Tracker: weekly review',
      );
    }
    index = existing.getIndex() - 1;
    ss.deleteSheet(existing);
    replaced = true;
  }
  const sheet = ss.insertSheet(name, index);
  const rows = layout.values.length;
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  if (sheet.getMaxColumns() < WIDTH)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), WIDTH - sheet.getMaxColumns());
  const range = sheet.getRange(1, 1, rows, WIDTH);
  // Formats first: text cells are '@' before any user text lands in them.
  range.setNumberFormats(layout.formats);
  range.setValues(layout.values);
  range.setBackgrounds(layout.backgrounds);
  range.setFontWeights(layout.weights as Array<Array<GoogleAppsScript.Spreadsheet.FontWeight | null>>);
  sheet.getRange(1, 1).setNote(layout.note);
  sheet.setFrozenRows(2);
  COLUMN_WIDTHS.forEach((w, i) => sheet.setColumnWidth(i + 1, w));
  addCharts(sheet, layout, model.byOwner.length > 0);

  const keep = Math.max(1, Math.floor(options.retention ?? DEFAULT_RETENTION));
  const tabs = listReviewTabs(ss)
    .filter((t) => t.weekId !== model.header.weekId)
    .sort((a, b) => (a.weekId < b.weekId ? 1 : -1));
  const deleted: string[] = [];
  for (const t of tabs.slice(Math.max(0, keep - 1))) {
    ss.deleteSheet(t.sheet);
    deleted.push(t.name);
  }
  return { sheetName: name, sheetId: sheet.getSheetId(), replaced, deleted, rows };
}
