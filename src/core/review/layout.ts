/**
 * The review tab's layout as plain data: one layout, two renderers (the Apps Script writer in
 * src/sheets/review-writer.ts and the XLSX writer in src/cli/review-xlsx.ts). Every cell is typed
 * (text, number with its format, date with its format, or a link to a deal's row in the pipeline
 * sheet), with its background and weight; plus column widths, frozen rows, charts (ranges, position,
 * size) and the A1 ownership note. Pure: the locale and the amount format are inputs.
 *
 * Reading order is the meeting's: summary (with the charts beside it, on the first screen), the
 * "This week" list, each section's top deals per owner, the by-owner and by-stage tables, the trend,
 * then every deal of each section (so nothing is hidden), then any problems.
 *
 * Columns are shared by all tables, so the tables are laid out to fit them: narrow columns A..H hold
 * the deal tables' short fields and every number of the other tables; I holds the deal tables' next
 * step (and the by-owner table's completion), J the reasons (and the by-owner slipped count). J is
 * narrow: reasons run on into the empty columns after it, and A..J fit a 1440 px screen. The next
 * steps wrap inside I (the reason beside them would otherwise cut them off).
 */
import type { IsoDate, Timing, Verdict } from '../types';
import { dayNumber } from '../dates/calendar';
import { normaliseKeyPart } from './facts';
import type { GroupRow, ReviewModel, ReviewRow, SectionId } from './model';
import { SECTIONS } from './model';
import { weekRange } from './week';
import {
  amountFormatFor,
  COUNT_CHANGE_FORMAT,
  COUNT_FORMAT,
  dateFormatFor,
  dayText,
  instantText,
  localiseDays,
  PP_CHANGE_FORMAT,
  SHARE_FORMAT,
  signedFormat,
  TIMING_WORDS,
  VERDICT_WORDS,
} from './words';

export const REVIEW_SHEET_PREFIX = 'Pipeline review ';
/** A1's note on every review tab the add-on writes: how it recognises its own tabs. */
export const REVIEW_MARKER = 'next-step-tracker:review';
export const TEXT = '@';
export const DEFAULT_FORMAT = '0.###############';
export const WIDTH = 10;

/**
 * Column widths in pixels, A..J (see the module comment): 1,370 px in all, so with the row numbers the
 * whole table, by-owner completion and slipped included, is on a 1440 px screen.
 */
export const COLUMN_WIDTHS = [265, 120, 110, 100, 100, 85, 95, 125, 260, 110];
/** Pixels per row the chart sizes are planned with (Sheets' default row height). */
export const ROW_PX = 21;

export const COLOURS = {
  green: '#d9ead3',
  amber: '#fff2cc',
  red: '#f4cccc',
  header: '#efefef',
  title: '#cfe2f3',
  lead: '#fce5cd',
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
  'Due',
  'Verdict',
  'Timing',
  'Days overdue',
  'Next step',
  'Why it is here',
];
/** The deal tables' next-step column (I), 1-based. */
const STEP_COLUMN = DEAL_COLUMNS.indexOf('Next step') + 1;
export const GROUP_COLUMNS = [
  '',
  'Deals',
  'OK share',
  'Overdue',
  'Stale',
  'Not OK',
  'At risk',
  'Amount at risk',
];
/** The by-owner table's two columns after GROUP_COLUMNS (I and J). */
export const OWNER_LOOP_COLUMNS = ['Done (due last week)', 'Slipped'];
/** The by-owner table's last line: every owner together. */
export const ALL_OWNERS = 'All owners';
/** A completion cell with nothing due last week (no rate to show). */
export const NOTHING_DUE = '–';

export type LayoutCell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; format: string }
  | { kind: 'date'; iso: IsoDate; format: string }
  /** A link to the deal's row in the pipeline sheet, labelled with the deal's name. */
  | { kind: 'link'; label: string; row: number };

export interface StyledCell {
  cell: LayoutCell | null;
  background: string | null;
  bold: boolean;
}

/** A rectangle of the tab, 1-based. */
export interface Block {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface ChartSpec {
  id: 'owners' | 'trend';
  kind: 'column' | 'line';
  title: string;
  ranges: Block[];
  stacked: boolean;
  colors?: string[];
  vAxisFormat?: string;
  /** Top-left cell and pixel offsets inside it; size in pixels. */
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
}

export interface SectionAnchor {
  title: number;
  header: number;
  /** Sheet rows of the deals listed in the agenda part (top per owner). */
  rows: number[];
  total: number;
}

export interface ReviewLayout {
  rows: StyledCell[][];
  columnWidths: number[];
  frozenRows: number;
  charts: ChartSpec[];
  /**
   * Blocks whose cells are right-aligned: the by-owner Done and Slipped cells, where a text "–" sits
   * among numbers. Cosmetic: a renderer that cannot align leaves the values as they are.
   */
  rightAligned: Block[];
  /**
   * Blocks whose cells wrap inside their column: each deal table's next steps (I), so a manager reads
   * the whole step instead of the part before the reason beside it. Cosmetic: a renderer that cannot
   * wrap leaves the text on one line.
   */
  wrapped: Block[];
  /**
   * Blocks whose cells sit at the top of their row: each deal table's rows (A..J), so in a row made
   * two lines tall by its next step, the deal's name and figures line up with the step's first line
   * instead of its last. Cosmetic, like `wrapped`.
   */
  topAligned: Block[];
  note: string;
  amountFormat: string;
  dateFormat: string;
  anchors: {
    summaryHeader: number;
    /** Summary row of each section's count, by section id. */
    summaryCounts: Partial<Record<SectionId, number>>;
    thisWeek: { header: number; rows: number[] };
    sections: Partial<Record<SectionId, SectionAnchor>>;
    /** The full lists at the end: header row and listed rows per section. */
    everyDeal: Partial<Record<SectionId, { header: number; rows: number[]; total: number }>>;
    ownerHeader: number;
    ownerLast: number;
    stageHeader: number;
    trendHeader: number;
    trendLast: number;
  };
}

export interface LayoutOptions {
  /** The spreadsheet's locale (en_GB, en_US, ...): date order. */
  locale: string;
  /** The pipeline amount column's number format, when known (read once from its first data cell). */
  amountColumnFormat?: string | null;
  /** CLI --currency: a symbol put in front of amounts when the column has no format of its own. */
  currencySymbol?: string | null;
  /** Deals listed per owner in each section before "+N more" (default 3). */
  topPerOwner?: number;
  /** At most this many rows per section in the full lists at the end (default 1,000). */
  maxRowsPerSection?: number;
}

export function reviewSheetName(weekId: string): string {
  return `${REVIEW_SHEET_PREFIX}${weekId}`;
}

export function reviewMarker(weekId: string, sourceSheetId: number | string): string {
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

/** A link's label: the deal name, `(row N)` when empty, cut at 200 characters. */
export function linkLabel(label: string, row: number): string {
  return label.trim() === '' ? `(row ${row})` : label.length > 200 ? `${label.slice(0, 199)}…` : label;
}

/** A wrapped next step is shown up to this many characters: a pasted email must not make a row a page tall. */
export const STEP_SHOWN_MAX = 240;

/** A deal table's next step as shown: cut at STEP_SHOWN_MAX with "…" (the deal's link leads to the whole entry). */
export function stepShown(step: string): string {
  if (step.length <= STEP_SHOWN_MAX) return step;
  let end = STEP_SHOWN_MAX - 1;
  // Never half of a surrogate pair (an emoji): the cell would show a broken character.
  const last = step.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${step.slice(0, end).trimEnd()}…`;
}

export function dealLink(sourceSheetId: number, row: number, label: string): string {
  return `=HYPERLINK(${formulaString(`#gid=${sourceSheetId}&range=A${row}`)}, ${formulaString(linkLabel(label, row))})`;
}

/** Sheets serial day (days since 1899-12-30): a date cell that means the same day in every zone. */
export function serialDay(iso: string): number {
  return dayNumber(iso) - dayNumber('1899-12-30');
}

const text = (t: string): LayoutCell => ({ kind: 'text', text: t });
const num = (value: number, format: string): LayoutCell => ({ kind: 'number', value, format });

class Grid {
  rows: StyledCell[][] = [];

  /** Appends a row; returns its 1-based sheet row. */
  add(
    cells: Array<LayoutCell | null | { cell: LayoutCell | null; background?: string | null }>,
    options: { bold?: boolean; background?: string | null } = {},
  ): number {
    const row: StyledCell[] = [];
    for (let c = 0; c < WIDTH; c++) {
      const given = cells[c];
      const styled = given && 'cell' in given ? given : { cell: (given as LayoutCell | null) ?? null };
      row.push({
        cell: styled.cell ?? null,
        background: ('background' in styled ? styled.background : undefined) ?? options.background ?? null,
        bold: !!options.bold,
      });
    }
    this.rows.push(row);
    return this.rows.length;
  }

  blank(): number {
    return this.add([]);
  }

  title(t: string): number {
    return this.add([text(t)], { bold: true, background: COLOURS.title });
  }

  header(cells: string[]): number {
    return this.add(cells.map(text), { bold: true, background: COLOURS.header });
  }
}

function weekNumber(weekId: string): number {
  return Number(weekId.slice(6));
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

interface Ctx {
  locale: string;
  amount: string;
  amountChange: string;
  date: string;
}

function dealRow(grid: Grid, r: ReviewRow, ctx: Ctx, background: string | null = null): number {
  let reasons = r.reasons.map((x) => localiseDays(/[.!?]$/.test(x) ? x : `${x}.`, ctx.locale)).join(' ');
  // A healthy step listed for its date (due this week) has no finding: say why it is here anyway.
  if (reasons === '' && r.due) reasons = `Due ${dayText(r.due, ctx.locale)}.`;
  return grid.add(
    [
      { kind: 'link', label: r.deal, row: r.row },
      text(r.owner),
      text(r.stage),
      r.amount === null ? text('') : num(r.amount, ctx.amount),
      r.due ? { kind: 'date', iso: r.due, format: ctx.date } : text(''),
      {
        cell: text(r.verdict ? VERDICT_WORDS[r.verdict] : ''),
        background: r.verdict ? VERDICT_COLOUR[r.verdict] : null,
      },
      {
        cell: text(r.timing ? TIMING_WORDS[r.timing] : ''),
        background: r.timing ? TIMING_COLOUR[r.timing] : null,
      },
      r.daysOverdue > 0 ? num(r.daysOverdue, COUNT_FORMAT) : text(''),
      text(stepShown(r.nextStep)),
      text(reasons),
    ],
    { background },
  );
}

/** What a group table's row shows (A..H). */
type GroupFigures = Pick<
  GroupRow,
  'name' | 'deals' | 'okShare' | 'overdue' | 'stale' | 'vague' | 'atRisk' | 'amountAtRisk'
>;

function groupCells(g: GroupFigures, ctx: Ctx): LayoutCell[] {
  return [
    text(g.name),
    num(g.deals, COUNT_FORMAT),
    num(g.okShare, SHARE_FORMAT),
    num(g.overdue, COUNT_FORMAT),
    num(g.stale, COUNT_FORMAT),
    num(g.vague, COUNT_FORMAT),
    num(g.atRisk, COUNT_FORMAT),
    num(g.amountAtRisk, ctx.amount),
  ];
}

function groupTable(grid: Grid, title: string, rows: GroupRow[], label: string, ctx: Ctx) {
  grid.title(title);
  const header = grid.header(GROUP_COLUMNS.map((h, i) => (i === 0 ? label : h)));
  for (const g of rows) grid.add(groupCells(g, ctx));
  if (rows.length === 0) grid.add([text('No open deals.')]);
  return { header, last: header + rows.length };
}

/**
 * The completion cell's format: the rate as a whole percentage with its counts as words, e.g.
 * `0%" (1 of 6)"` shows 0.1667 as "17% (1 of 6)". The cell stays a number (it sorts and charts as a
 * rate) and still says how many steps the rate is of.
 */
export function completionFormat(done: number, due: number): string {
  return `0%" (${done.toLocaleString('en-US')} of ${due.toLocaleString('en-US')})"`;
}

type Completed = { due: number; done: number; rate: number | null } | null | undefined;

/** The rate with its counts; "–" when nothing was due last week (0% would read as all missed). */
function completionCell(c: Completed): LayoutCell {
  return c && c.due > 0 && c.rate !== null && Number.isFinite(c.rate)
    ? num(c.rate, completionFormat(c.done, c.due))
    : text(NOTHING_DUE);
}

function countOrDash(n: number | undefined): LayoutCell {
  return n === undefined || !Number.isFinite(n) ? text(NOTHING_DUE) : num(n, COUNT_FORMAT);
}

/**
 * The by-owner table: the group columns, then completion of last week's steps (I) and slipped deals
 * (J), both from core/review/close-loop.ts. Owners with steps due last week but no open deal now (all
 * closed, or the owner column renamed or emptied since) get a row of their own after the others, so
 * the rows still add up to the "All owners" line; they are left out of the owners chart (nothing open
 * to draw). Without close-loop figures on the model the two cells show "–".
 */
function ownerTable(grid: Grid, model: ReviewModel, ctx: Ctx) {
  grid.title('By owner');
  const header = grid.header([
    ...GROUP_COLUMNS.map((h, i) => (i === 0 ? 'Owner' : h)),
    ...OWNER_LOOP_COLUMNS,
  ]);
  for (const g of model.byOwner) {
    grid.add([...groupCells(g, ctx), completionCell(g.completion), countOrDash(g.slipped)]);
  }
  const last = header + model.byOwner.length;
  const listed = new Set(model.byOwner.map((g) => normaliseKeyPart(g.name)));
  const elsewhere = (model.closeLoop?.completionByOwner ?? []).filter(
    (o) => o.due > 0 && !listed.has(normaliseKeyPart(o.owner)),
  );
  for (const o of elsewhere) {
    grid.add([
      text(o.owner),
      num(0, COUNT_FORMAT),
      ...Array(6).fill(null),
      completionCell(o),
      num(0, COUNT_FORMAT),
    ]);
  }
  if (model.byOwner.length === 0 && elsewhere.length === 0) {
    grid.add([text('No open deals.')]);
    return { header, last, loopCells: null };
  }
  const rows = model.byOwner;
  const sum = (f: (g: GroupRow) => number) => rows.reduce((n, g) => n + f(g), 0);
  const deals = sum((g) => g.deals);
  const mc = model.completion;
  const overall: Completed = model.closeLoop
    ? model.closeLoop.completion
    : { due: mc.dueLastWeek - mc.notFound, done: mc.completed, rate: mc.rate };
  const allOwners: GroupFigures = {
    name: ALL_OWNERS,
    deals,
    okShare: deals === 0 ? 0 : sum((g) => g.verdicts.ok) / deals,
    overdue: sum((g) => g.overdue),
    stale: sum((g) => g.stale),
    vague: sum((g) => g.vague),
    atRisk: sum((g) => g.atRisk),
    amountAtRisk: sum((g) => g.amountAtRisk),
  };
  grid.add([...groupCells(allOwners, ctx), completionCell(overall), countOrDash(model.closeLoop?.slipped)], {
    bold: true,
  });
  // Done and Slipped mix numbers with "–" text cells: all right-aligned, so the column reads as one.
  const loopCells: Block = { row: header + 1, column: 9, rows: grid.rows.length - header, columns: 2 };
  return { header, last, loopCells };
}

/** Owners in the order of their most-at-stake deal; each owner's deals most at stake first. */
function byOwner(rows: ReviewRow[]): Array<{ owner: string; rows: ReviewRow[] }> {
  const groups = new Map<string, { owner: string; rows: ReviewRow[] }>();
  for (const r of rows) {
    const key = r.owner.trim().toLowerCase();
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { owner: r.owner.trim() || '(no owner)', rows: [] }));
    g.rows.push(r);
  }
  return [...groups.values()];
}

/** The whole tab. Pure. */
export function layoutReview(model: ReviewModel, options: LayoutOptions): ReviewLayout {
  const locale = options.locale || 'en_US';
  const top = Math.max(1, Math.floor(options.topPerOwner ?? 3));
  const max = Math.max(1, Math.floor(options.maxRowsPerSection ?? 1000));
  const amountsSeen = model.sections.flatMap((s) => s.rows.map((r) => r.amount));
  const amount = amountFormatFor(options.amountColumnFormat, amountsSeen, options.currencySymbol);
  const ctx: Ctx = { locale, amount, amountChange: signedFormat(amount), date: dateFormatFor(locale) };
  const grid = new Grid();
  const h = model.header;
  const s = model.summary;
  const c = s.change;
  const day = (iso: string) => dayText(iso, locale);

  grid.add(
    [text(`Pipeline review: week ${weekNumber(h.weekId)}, ${day(h.weekStart)} to ${day(h.weekEnd)}`)],
    { bold: true, background: COLOURS.title },
  );
  const compared = h.previousWeekId
    ? `compared with the review of week ${weekNumber(h.previousWeekId)}`
    : 'first review: nothing earlier to compare with';
  grid.add(
    [
      text(
        `Source sheet "${h.sourceSheet}" · built ${instantText(h.generatedAt, h.timeZone, locale)} ` +
          `(${h.timeZone}) · ${compared}`,
      ),
    ],
    { bold: true },
  );
  grid.blank();

  // ---- Summary (charts beside it) ----
  const summaryTitle = grid.title('Summary');
  const summaryHeader = grid.header(['Measure', 'This week', 'Change since last review']);
  const change = (v: number | undefined | null, format: string): LayoutCell =>
    v === undefined || v === null || !Number.isFinite(v) ? text('') : num(v, format);
  const line = (label: string, value: LayoutCell, delta: LayoutCell = text('')) =>
    grid.add([text(label), value, delta]);
  line('Open deals', num(s.openDeals, COUNT_FORMAT), change(c?.openDeals, COUNT_CHANGE_FORMAT));
  line('Deals at risk', num(s.atRisk, COUNT_FORMAT), change(c?.atRisk, COUNT_CHANGE_FORMAT));
  line('Amount at risk', num(s.amountAtRisk, amount), change(c?.amountAtRisk, ctx.amountChange));
  line(
    'OK share of next steps',
    num(s.okShare, SHARE_FORMAT),
    change(c ? Math.round(c.okShare * 1000) / 10 : null, PP_CHANGE_FORMAT),
  );
  const comp = model.completion;
  line(
    'Steps due last week completed',
    comp.rate === null ? text('n/a') : num(comp.rate, SHARE_FORMAT),
    // Short: the note runs from C into D, and the owners chart covers E onwards (30 characters fit).
    text(
      comp.rate === null
        ? comp.dueLastWeek === 0 || !h.previousWeekId
          ? h.previousWeekId
            ? 'None were due last week.'
            : 'No earlier review.'
          : 'None still in the sheet.'
        : `${comp.completed} of ${comp.dueLastWeek - comp.notFound}` +
            (comp.notFound ? ` (${comp.notFound} not in sheet)` : ''),
    ),
  );
  const summaryCounts: Partial<Record<SectionId, number>> = {};
  for (const section of model.sections) {
    summaryCounts[section.id] = line(
      section.title,
      num(section.rows.length, COUNT_FORMAT),
      change(c?.agenda?.[section.id], COUNT_CHANGE_FORMAT),
    );
  }
  const verdictLine = (v: Verdict, label: string) =>
    line(label, num(s.verdicts[v], COUNT_FORMAT), change(c?.verdicts[v], COUNT_CHANGE_FORMAT));
  verdictLine('ok', 'Next steps judged OK');
  verdictLine('weak', 'Next steps judged weak');
  verdictLine('bad', 'Next steps judged bad');
  verdictLine('missing', 'Next steps missing');
  const summaryLast = grid.rows.length;
  grid.blank();

  // ---- This week ----
  grid.add(
    [
      text(
        s.atRisk === 0
          ? 'This week: no deal is at risk'
          : `This week: the ${plural(model.thisWeek.length, 'deal')} at risk with the most at stake` +
              (s.atRisk > model.thisWeek.length ? ` (of ${s.atRisk.toLocaleString('en-US')})` : ''),
      ),
    ],
    { bold: true, background: COLOURS.lead },
  );
  grid.add([
    text(
      'Ranked by amount × stage (later stages weigh more) × days overdue (four weeks late counts double).',
    ),
  ]);
  const wrapped: Block[] = [];
  const topAligned: Block[] = [];
  /**
   * The deal table under `header`, from its first row to the grid's last: its next steps wrap and
   * its rows are aligned to the top.
   */
  const wrapSteps = (header: number): void => {
    const rows = grid.rows.length - header;
    if (rows <= 0) return;
    wrapped.push({ row: header + 1, column: STEP_COLUMN, rows, columns: 1 });
    topAligned.push({ row: header + 1, column: 1, rows, columns: DEAL_COLUMNS.length });
  };
  const thisWeekHeader = grid.header(DEAL_COLUMNS);
  const thisWeekRows = model.thisWeek.map((r) => dealRow(grid, r, ctx));
  wrapSteps(thisWeekHeader);

  // ---- Sections: top deals per owner ----
  const sections: ReviewLayout['anchors']['sections'] = {};
  const hidden = new Set<SectionId>();
  for (const section of model.sections) {
    grid.blank();
    const def = SECTIONS.find((d) => d.id === section.id);
    const total = section.rows.length;
    const title = grid.title(`${section.title} (${total.toLocaleString('en-US')})`);
    const groups = byOwner(section.rows);
    const capped = groups.some((g) => g.rows.length > top);
    if (capped) hidden.add(section.id);
    grid.add([
      text(
        (def?.counts ?? '') +
          (capped ? ` Top ${top} per owner, most at stake first; every deal is listed at the end.` : ''),
      ),
    ]);
    const header = grid.header(DEAL_COLUMNS);
    const rows: number[] = [];
    for (const g of groups) {
      for (const r of g.rows.slice(0, top)) rows.push(dealRow(grid, r, ctx));
      if (g.rows.length > top) {
        grid.add([text(`+${g.rows.length - top} more for ${g.owner}`)]);
      }
    }
    wrapSteps(header);
    if (total === 0) grid.add([text('None.')]);
    sections[section.id] = { title, header, rows, total };
  }

  // ---- By owner, by stage, trend ----
  grid.blank();
  const owner = ownerTable(grid, model, ctx);
  grid.blank();
  const stage = groupTable(grid, 'By stage', model.byStage, 'Stage', ctx);
  grid.blank();
  grid.title('OK share by week');
  const trendHeader = grid.header(['Week of', 'OK share', 'Open deals']);
  for (const p of model.trend) {
    grid.add([
      { kind: 'date', iso: weekStartOf(p.weekId, model), format: ctx.date },
      num(p.okShare, SHARE_FORMAT),
      num(p.openDeals, COUNT_FORMAT),
    ]);
  }
  const trendLast = trendHeader + model.trend.length;

  // ---- Every deal of the sections that were cut to the top per owner ----
  const everyDeal: ReviewLayout['anchors']['everyDeal'] = {};
  for (const section of model.sections) {
    if (!hidden.has(section.id)) continue;
    grid.blank();
    const total = section.rows.length;
    grid.title(`Every deal: ${section.title.toLowerCase()} (${total.toLocaleString('en-US')})`);
    const header = grid.header(DEAL_COLUMNS);
    const shown = section.rows.slice(0, max);
    const rows = shown.map((r) => dealRow(grid, r, ctx));
    wrapSteps(header);
    if (total > shown.length) {
      grid.add([
        text(
          `… and ${(total - shown.length).toLocaleString('en-US')} more (this tab lists ` +
            `${max.toLocaleString('en-US')} per section).`,
        ),
      ]);
    }
    everyDeal[section.id] = { header, rows, total };
  }

  if (model.problems.length > 0) {
    grid.blank();
    grid.title('Problems');
    for (const p of model.problems) grid.add([text(localiseDays(p, locale))]);
  }

  // Charts beside the summary, within the first screen: E..H and I..J from the summary's title row.
  const chartHeight = Math.max(8, summaryLast - summaryTitle + 1) * ROW_PX - 8;
  const charts: ChartSpec[] = [];
  if (model.byOwner.length > 0) {
    charts.push({
      id: 'owners',
      kind: 'column',
      title: 'Next steps needing attention, by owner',
      ranges: [
        { row: owner.header, column: 1, rows: owner.last - owner.header + 1, columns: 1 },
        { row: owner.header, column: 4, rows: owner.last - owner.header + 1, columns: 3 },
      ],
      stacked: false,
      colors: ['#e06666', '#f1c232', '#999999'],
      anchorRow: summaryTitle,
      anchorColumn: 5,
      offsetX: 8,
      offsetY: 0,
      width: 370,
      height: chartHeight,
    });
  }
  charts.push({
    id: 'trend',
    kind: 'line',
    title: 'OK share of next steps by week',
    ranges: [{ row: trendHeader, column: 1, rows: trendLast - trendHeader + 1, columns: 2 }],
    stacked: false,
    vAxisFormat: 'percent',
    anchorRow: summaryTitle,
    anchorColumn: 9,
    offsetX: 10,
    offsetY: 0,
    width: 370,
    height: chartHeight,
  });

  return {
    rows: grid.rows,
    columnWidths: COLUMN_WIDTHS,
    frozenRows: 2,
    charts,
    rightAligned: owner.loopCells ? [owner.loopCells] : [],
    wrapped,
    topAligned,
    note: '', // set by the renderer (it knows the source sheet's id)
    amountFormat: amount,
    dateFormat: ctx.date,
    anchors: {
      summaryHeader,
      summaryCounts,
      thisWeek: { header: thisWeekHeader, rows: thisWeekRows },
      sections,
      everyDeal,
      ownerHeader: owner.header,
      ownerLast: owner.last,
      stageHeader: stage.header,
      trendHeader,
      trendLast,
    },
  };
}

/** A trend point's first day. */
function weekStartOf(weekId: string, model: ReviewModel): IsoDate {
  return weekRange(weekId, model.header.weekStartsOn).start;
}

/** The right edge (px from column A's left) of column `column` (1-based). */
export function columnRight(widths: number[], column: number): number {
  return widths.slice(0, column).reduce((a, b) => a + b, 0);
}

/** Where a chart ends: its last column and row (1-based), given the tab's widths and row height. */
export function chartExtent(
  chart: ChartSpec,
  widths: number[],
  rowPx = ROW_PX,
): { column: number; row: number } {
  const left = columnRight(widths, chart.anchorColumn - 1) + chart.offsetX;
  const right = left + chart.width;
  let column = chart.anchorColumn;
  while (columnRight(widths, column) < right) column++;
  const bottomRows = Math.ceil((chart.offsetY + chart.height) / rowPx);
  return { column, row: chart.anchorRow + bottomRows - 1 };
}

/**
 * The Sheets form of the layout: values (links as HYPERLINK formulas to `#gid=<id>&range=A<row>`,
 * dates as serial days), number formats ('@' on every text cell, so user text never becomes a
 * formula), backgrounds and weights.
 */
export function sheetsGrid(layout: ReviewLayout, sourceSheetId: number) {
  const values: Array<Array<string | number>> = [];
  const formats: string[][] = [];
  const backgrounds: Array<Array<string | null>> = [];
  const weights: string[][] = [];
  for (const row of layout.rows) {
    const v: Array<string | number> = [];
    const f: string[] = [];
    for (const { cell } of row) {
      if (!cell) {
        v.push('');
        f.push(TEXT);
      } else if (cell.kind === 'text') {
        v.push(cell.text);
        f.push(TEXT);
      } else if (cell.kind === 'number') {
        v.push(cell.value);
        f.push(cell.format);
      } else if (cell.kind === 'date') {
        v.push(serialDay(cell.iso));
        f.push(cell.format);
      } else {
        v.push(dealLink(sourceSheetId, cell.row, cell.label));
        f.push(DEFAULT_FORMAT);
      }
    }
    values.push(v);
    formats.push(f);
    backgrounds.push(row.map((x) => x.background));
    weights.push(row.map((x) => (x.bold ? 'bold' : 'normal')));
  }
  return { values, formats, backgrounds, weights };
}
