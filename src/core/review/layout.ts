/**
 * The review tab's layout as pure data: every cell's value, number format, background and weight,
 * so the sheets/ writer can put the whole tab down in one call per property (the call budget does not
 * grow with rows), and tests can check the tab cell by cell without a spreadsheet.
 *
 * User text (deal names aside) is written with number format '@' (plain text): a next step such as
 * `=IMPORTXML(...)` stays text. Deal names are the label of a HYPERLINK formula to the deal's row,
 * with `"` doubled inside the string literal; those cells alone use the default number format.
 */
import type { Timing, Verdict } from '../types';
import { dayNumber } from '../dates/calendar';
import type { GroupRow, ReviewModel, ReviewRow, SummaryChange } from './model';

export const REVIEW_SHEET_PREFIX = 'Pipeline review ';
/** A1's note on every review tab the add-on writes: how it recognises its own tabs. */
export const REVIEW_MARKER = 'next-step-tracker:review';
export const TEXT = '@';
export const DEFAULT_FORMAT = '0.###############';
export const COUNT = '#,##0';
export const AMOUNT = '#,##0.00';
export const SHARE = '0.0%';
export const DAY = 'yyyy-mm-dd';
export const CHANGE_COUNT = '+#,##0;-#,##0;0';
export const CHANGE_AMOUNT = '+#,##0.00;-#,##0.00;0.00';
export const CHANGE_SHARE = '+0.0%;-0.0%;0.0%';
export const WIDTH = 12;

export const COLOURS = {
  green: '#d9ead3',
  amber: '#fff2cc',
  red: '#f4cccc',
  header: '#efefef',
  title: '#cfe2f3',
};

const VERDICT_COLOUR: Record<Verdict, string> = {
  ok: COLOURS.green,
  weak: COLOURS.amber,
  bad: COLOURS.red,
  missing: COLOURS.red,
};
const TIMING_COLOUR: Record<Timing, string> = {
  upcoming: COLOURS.green,
  'due-today': COLOURS.green,
  overdue: COLOURS.red,
  stale: COLOURS.amber,
  undated: COLOURS.amber,
};

export const DEAL_COLUMNS = [
  'Deal',
  'Owner',
  'Stage',
  'Amount',
  'Next step',
  'Verdict',
  'Timing',
  'Due',
  'Reasons',
  'Row',
];
export const GROUP_COLUMNS = [
  '',
  'Deals',
  'OK',
  'Weak',
  'Bad',
  'Missing',
  'OK share',
  'Overdue',
  'Stale',
  'Vague',
  'At risk',
  'Amount at risk',
];
/** Column widths in pixels, A..L. */
export const COLUMN_WIDTHS = [220, 110, 110, 100, 320, 80, 90, 95, 320, 60, 80, 120];

export type CellOut = string | number;

export interface ReviewLayout {
  values: CellOut[][];
  formats: string[][];
  backgrounds: Array<Array<string | null>>;
  weights: string[][];
  /** 1-based sheet rows of interest, for the writer (charts) and for tests. */
  anchors: {
    /** Header row of the by-owner table and its last row (= header when empty). */
    ownerHeader: number;
    ownerLast: number;
    trendHeader: number;
    trendLast: number;
    /** Section id → its header row (the row with column titles), first and last data row. */
    sections: Record<string, { header: number; first: number; last: number; shown: number; total: number }>;
    summaryHeader: number;
  };
  note: string;
}

export interface LayoutOptions {
  /** The source sheet's id, for the `#gid=` links. */
  sourceSheetId: number;
  /** At most this many rows per section (the rest are counted in a line below it). Default 1,000. */
  maxRowsPerSection?: number;
}

export function reviewSheetName(weekId: string): string {
  return `${REVIEW_SHEET_PREFIX}${weekId}`;
}

export function reviewMarker(weekId: string, sourceSheetId: number): string {
  return `${REVIEW_MARKER} v1 week=${weekId} source=${sourceSheetId}\nBuilt by Next Step Tracker. Rebuilding this week replaces this tab.`;
}

/** The week id of a review tab, when both its name and its A1 note say it is the add-on's. */
export function reviewWeekOf(name: string, a1Note: string): string | null {
  const m = /^Pipeline review (\d{4}-W\d{2})$/.exec(name);
  if (!m) return null;
  const n = /^next-step-tracker:review v\d+ week=(\d{4}-W\d{2})\b/.exec(a1Note ?? '');
  return n && n[1] === m[1] ? m[1] : null;
}

/** A string literal for a Sheets formula: quotes doubled. */
export function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

export function dealLink(sourceSheetId: number, row: number, label: string): string {
  const shown = label.trim() === '' ? `(row ${row})` : label.length > 200 ? `${label.slice(0, 199)}…` : label;
  return `=HYPERLINK(${formulaString(`#gid=${sourceSheetId}&range=A${row}`)}, ${formulaString(shown)})`;
}

/** Sheets serial day (days since 1899-12-30): a date cell that means the same day in every zone. */
export function serialDay(iso: string): number {
  return dayNumber(iso) - dayNumber('1899-12-30');
}

function timeIn(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(d);
    const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
  } catch {
    return iso;
  }
}

class Grid {
  values: CellOut[][] = [];
  formats: string[][] = [];
  backgrounds: Array<Array<string | null>> = [];
  weights: string[][] = [];

  /** Appends a row; returns its 1-based sheet row. */
  add(
    cells: Array<{ v: CellOut; f?: string; bg?: string | null; bold?: boolean }>,
    rowBold = false,
    rowBg: string | null = null,
  ): number {
    const values: CellOut[] = [];
    const formats: string[] = [];
    const bgs: Array<string | null> = [];
    const weights: string[] = [];
    for (let c = 0; c < WIDTH; c++) {
      const cell = cells[c];
      values.push(cell ? cell.v : '');
      formats.push(cell?.f ?? TEXT);
      bgs.push(cell?.bg ?? rowBg);
      weights.push(cell?.bold || rowBold ? 'bold' : 'normal');
    }
    this.values.push(values);
    this.formats.push(formats);
    this.backgrounds.push(bgs);
    this.weights.push(weights);
    return this.values.length;
  }

  blank(): number {
    return this.add([]);
  }
}

const text = (v: string) => ({ v, f: TEXT });
const count = (v: number) => ({ v, f: COUNT });

function change(v: number | undefined | null, format: string): { v: CellOut; f: string } {
  return v === undefined || v === null ? { v: '', f: TEXT } : { v, f: format };
}

function groupTable(
  grid: Grid,
  title: string,
  rows: GroupRow[],
  label: string,
): { header: number; last: number } {
  grid.add([text(title)], true, COLOURS.title);
  const header = grid.add(
    GROUP_COLUMNS.map((h, i) => text(i === 0 ? label : h)),
    true,
    COLOURS.header,
  );
  for (const g of rows) {
    grid.add([
      text(g.name),
      count(g.deals),
      count(g.verdicts.ok),
      count(g.verdicts.weak),
      count(g.verdicts.bad),
      count(g.verdicts.missing),
      { v: g.okShare, f: SHARE },
      count(g.overdue),
      count(g.stale),
      count(g.vague),
      count(g.atRisk),
      { v: g.amountAtRisk, f: AMOUNT },
    ]);
  }
  if (rows.length === 0) grid.add([text('No open deals.')]);
  return { header, last: header + rows.length };
}

function dealRow(grid: Grid, r: ReviewRow, sourceSheetId: number): void {
  grid.add([
    { v: dealLink(sourceSheetId, r.row, r.deal), f: DEFAULT_FORMAT },
    text(r.owner),
    text(r.stage),
    r.amount === null ? text('') : { v: r.amount, f: AMOUNT },
    text(r.nextStep),
    { v: r.verdict ?? '', f: TEXT, bg: r.verdict ? VERDICT_COLOUR[r.verdict] : null },
    { v: r.timing ?? '', f: TEXT, bg: r.timing ? TIMING_COLOUR[r.timing] : null },
    r.due ? { v: serialDay(r.due), f: DAY } : text(''),
    text((r.change ? [`[${r.change}]`] : []).concat(r.reasons).join('; ')),
    { v: r.row, f: '0' },
  ]);
}

/** The whole tab. Pure. */
export function layoutReview(model: ReviewModel, options: LayoutOptions): ReviewLayout {
  const max = Math.max(1, Math.floor(options.maxRowsPerSection ?? 1000));
  const grid = new Grid();
  const h = model.header;
  const s = model.summary;
  const c: SummaryChange | null = s.change;
  grid.add([text(`Pipeline review ${h.weekId}`)], true, COLOURS.title);
  const compared = h.previousWeekId
    ? `compared with ${h.previousWeekId}`
    : 'first review: no earlier week to compare';
  grid.add(
    [
      text(
        `Week ${h.weekId} (${h.weekStart} to ${h.weekEnd}) · source sheet "${h.sourceSheet}" · ` +
          `generated ${timeIn(h.generatedAt, h.timeZone)} (${h.timeZone}) · ${compared}`,
      ),
    ],
    true,
  );
  grid.blank();
  grid.add([text('Summary')], true, COLOURS.title);
  const summaryHeader = grid.add(
    [text('Measure'), text('This week'), text('Change since last review')],
    true,
    COLOURS.header,
  );
  const line = (
    label: string,
    value: CellOut,
    format: string,
    delta: number | null | undefined,
    deltaFormat: string,
  ) => grid.add([text(label), { v: value, f: format }, change(delta, deltaFormat)]);
  line('Open deals', s.openDeals, COUNT, c?.openDeals, CHANGE_COUNT);
  grid.add([text('OK next steps'), count(s.verdicts.ok), change(c?.verdicts.ok, CHANGE_COUNT)]);
  grid.add([text('Weak next steps'), count(s.verdicts.weak), change(c?.verdicts.weak, CHANGE_COUNT)]);
  grid.add([text('Bad next steps'), count(s.verdicts.bad), change(c?.verdicts.bad, CHANGE_COUNT)]);
  line('Missing next steps', s.missing, COUNT, c?.missing, CHANGE_COUNT);
  line('Overdue', s.overdue, COUNT, c?.overdue, CHANGE_COUNT);
  line('Due this week', s.dueThisWeek, COUNT, c?.dueThisWeek, CHANGE_COUNT);
  line('Stale', s.stale, COUNT, c?.stale, CHANGE_COUNT);
  line('OK share', s.okShare, SHARE, c?.okShare, CHANGE_SHARE);
  line('Deals at risk', s.atRisk, COUNT, c?.atRisk, CHANGE_COUNT);
  line('Amount at risk', s.amountAtRisk, AMOUNT, c?.amountAtRisk, CHANGE_AMOUNT);
  line('Closed deals', s.closedDeals, COUNT, c?.closedDeals, CHANGE_COUNT);
  const comp = model.completion;
  grid.add([
    text('Steps due last week completed'),
    comp.rate === null ? text('n/a') : { v: comp.rate, f: SHARE },
    text(
      comp.rate === null
        ? comp.dueLastWeek === 0
          ? 'no steps were due last week'
          : 'no earlier review to compare'
        : `${comp.completed} of ${comp.dueLastWeek - comp.notFound}` +
            (comp.notFound ? ` (${comp.notFound} no longer in the sheet)` : ''),
    ),
  ]);
  grid.blank();
  const owner = groupTable(grid, 'By owner', model.byOwner, 'Owner');
  grid.blank();
  groupTable(grid, 'By stage', model.byStage, 'Stage');

  const sections: ReviewLayout['anchors']['sections'] = {};
  for (const section of model.sections) {
    grid.blank();
    const total = section.rows.length;
    grid.add([text(`${section.title} (${total})`)], true, COLOURS.title);
    const header = grid.add(DEAL_COLUMNS.map(text), true, COLOURS.header);
    const shown = section.rows.slice(0, max);
    for (const r of shown) dealRow(grid, r, options.sourceSheetId);
    sections[section.id] = {
      header,
      first: header + 1,
      last: header + shown.length,
      shown: shown.length,
      total,
    };
    if (total === 0) grid.add([text('None.')]);
    else if (total > shown.length) {
      grid.add([
        text(`… and ${total - shown.length} more (this tab lists ${max} per section; see the source sheet).`),
      ]);
    }
  }

  grid.blank();
  grid.add([text('OK share by week')], true, COLOURS.title);
  const trendHeader = grid.add([text('Week'), text('OK share'), text('Open deals')], true, COLOURS.header);
  for (const p of model.trend) grid.add([text(p.weekId), { v: p.okShare, f: SHARE }, count(p.openDeals)]);
  if (model.problems.length > 0) {
    grid.blank();
    grid.add([text('Problems')], true, COLOURS.title);
    for (const p of model.problems) grid.add([text(p)]);
  }
  return {
    values: grid.values,
    formats: grid.formats,
    backgrounds: grid.backgrounds,
    weights: grid.weights,
    anchors: {
      ownerHeader: owner.header,
      ownerLast: owner.last,
      trendHeader,
      trendLast: trendHeader + model.trend.length,
      sections,
      summaryHeader,
    },
    note: reviewMarker(h.weekId, options.sourceSheetId),
  };
}
