/**
 * The engine's entry points. analyzeText judges one entry's words (verdict, score, text findings,
 * dates); analyzeRows adds what depends on today (timing: overdue, stale, far-future) per row.
 */
import { sharedDefaultConfig, stageRulesFor, type Config } from './config';
import { dateToIsoDay, cellToIsoDate, type CellDateContext } from './dates/cell';
import { daysBetween, isIsoDate } from './dates/calendar';
import { detectWrittenPrefix } from './dates/written-prefix';
import { readText, type TextReading } from './reading/read';
import { hasLetterOrDigit } from './reading/words';
import {
  collectTextFindings,
  collectTimingFindings,
  keptFindings,
  type CellKind,
  type TextFacts,
} from './rules';
import type {
  AnalyzeContext,
  CellValue,
  ColumnMapping,
  Finding,
  IsoDate,
  RowAnalysis,
  TextAnalysis,
  Timing,
  Verdict,
} from './types';
import { sortSmall } from './small-sort';

/**
 * Only the first 2,000 characters of an entry are read. Real next steps are a few sentences; a pasted
 * email thread of 50,000 characters must not stall a custom function (30 s limit) or the whole sheet.
 */
export const MAX_TEXT_CHARS = 2000;

const SHEETS_ERRORS =
  /^#(?:N\/A|REF!|VALUE!|ERROR!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|LOADING\.{0,3})$/i;

export type TextContext = AnalyzeContext & {
  config?: Config;
  /** The day the entry was last updated (the updated column): relative phrases resolve against it. */
  writtenOn?: IsoDate;
  /**
   * The day in the next-step-due column, if any. It anchors the step in time like a date in the text
   * (no `no-time` finding; a concrete step is `ok`, a filler `weak`) and becomes `due`. Only its
   * presence counts for the verdict, never how it compares with today. Not an IsoDate → ignored.
   */
  dueDate?: IsoDate;
};

interface CellText {
  kind: CellKind;
  text: string;
  errorCode?: string;
  date?: IsoDate;
}

function describeCell(value: CellValue, ctx: AnalyzeContext): CellText {
  if (value === null || value === undefined) return { kind: 'empty', text: '' };
  if (typeof value === 'string') {
    const trimmed = value.includes('#') ? value.trim() : '';
    if (trimmed.startsWith('#') && SHEETS_ERRORS.test(trimmed)) {
      return { kind: 'error', text: value, errorCode: trimmed.toUpperCase() };
    }
    if (!hasLetterOrDigit(value, 0, Math.min(value.length, MAX_TEXT_CHARS)))
      return { kind: 'empty', text: value.slice(0, MAX_TEXT_CHARS) };
    return { kind: 'text', text: value.length > MAX_TEXT_CHARS ? value.slice(0, MAX_TEXT_CHARS) : value };
  }
  if (typeof value === 'number') return { kind: 'number', text: String(value) };
  if (typeof value === 'boolean') return { kind: 'boolean', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    const day = dateToIsoDay(value, ctx.timeZone);
    return day ? { kind: 'date', text: day, date: day } : { kind: 'invalid-date', text: 'Invalid Date' };
  }
  return { kind: 'empty', text: '' };
}

function verdictOf(facts: TextFacts, config: Config): Verdict {
  if (facts.cellKind === 'empty' || facts.cellKind === 'error') return 'missing';
  const r = facts.reading;
  if (!r) return 'bad';
  // Switching a rule off relaxes the verdict it feeds: no-time off → undated concrete steps pass;
  // filler off → filler verbs count as actions. A date in the due column anchors any forward step.
  const fillerIsAction = !config.rules.filler.enabled;
  const timeRequired = config.rules['no-time'].enabled;
  const dueAnchor = facts.dueDate !== undefined;
  const concrete = r.hasConcrete || (fillerIsAction && r.hasFiller);
  const anchoredConcrete = r.anchoredConcrete || (fillerIsAction && r.anchoredFiller);
  if (concrete) return anchoredConcrete || dueAnchor || !timeRequired ? 'ok' : 'weak';
  if (r.hasFiller) return r.anchoredFiller || dueAnchor || !timeRequired ? 'weak' : 'bad';
  return 'bad';
}

const BANDS: Record<Verdict, [number, number]> = {
  ok: [70, 100],
  weak: [35, 69],
  bad: [1, 34],
  missing: [0, 0],
};

/** 0–100, from the rubric's parts; always inside the verdict's band so the two never disagree. */
function scoreOf(verdict: Verdict, r: TextReading | undefined, dueAnchor: boolean): number {
  let score = 5;
  if (r) {
    if (r.hasConcrete) score += 55;
    else if (r.hasFiller) score += 15;
    if (r.anchor || (dueAnchor && (r.hasConcrete || r.hasFiller))) score += 35;
    if (r.party) score += 10;
  }
  const [lo, hi] = BANDS[verdict];
  return Math.max(lo, Math.min(hi, score));
}

/** The day an entry's words are read against: the day it was written, when known, else today. */
function readAgainst(writtenOn: IsoDate | undefined, today: IsoDate): IsoDate {
  return writtenOn && isIsoDate(writtenOn) ? writtenOn : today;
}

export function analyzeText(text: CellValue, ctx: TextContext): TextAnalysis {
  return judgeText(text, ctx).analysis;
}

/** analyzeText with the reading behind it (scripts/eval.ts tells a forward anchor from a waiting date). */
export function judgeText(
  text: CellValue,
  ctx: TextContext,
): { analysis: TextAnalysis; reading?: TextReading } {
  const entry = judgeEntry(text, ctx);
  collectTextFindings(entry.facts, entry.config, startGathering());
  const findings = keepGathered();
  const result: TextAnalysis = { verdict: entry.verdict, score: entry.score, findings };
  if (entry.due !== undefined) result.due = entry.due;
  if (entry.writtenOn) result.writtenOn = entry.writtenOn;
  return { analysis: result, reading: entry.reading };
}

/** Everything judgeText says about an entry except its findings, and the facts the text rules read. */
interface JudgedEntry {
  config: Config;
  facts: TextFacts;
  verdict: Verdict;
  score: number;
  due: IsoDate | undefined;
  writtenOn: IsoDate | undefined;
  reading: TextReading | undefined;
}

function judgeEntry(text: CellValue, ctx: TextContext): JudgedEntry {
  const config = ctx.config ?? sharedDefaultConfig();
  const locale = config.locale ?? ctx.locale;
  const cell = describeCell(text, ctx);
  const reference = readAgainst(ctx.writtenOn, ctx.today);
  const dueDate = ctx.dueDate !== undefined && isIsoDate(ctx.dueDate) ? ctx.dueDate : undefined;
  const facts: TextFacts = { cellKind: cell.kind, text: cell.text, errorCode: cell.errorCode, dueDate };
  if (cell.kind === 'text' && isIsoDate(reference)) {
    facts.reading = readText(cell.text, config, { locale, weekStart: config.weekStart, reference });
  }
  const verdict = verdictOf(facts, config);
  const r = facts.reading;
  let due: IsoDate | undefined;
  if (dueDate) due = dueDate;
  else if (r?.anchor) due = r.anchor.date;
  else if (r?.waitingAnchor) due = r.waitingAnchor.date;
  else if (cell.kind === 'date') due = cell.date;
  return {
    config,
    facts,
    verdict,
    score: scoreOf(verdict, r, dueDate !== undefined),
    due,
    writtenOn: r?.prefix?.date || undefined,
    reading: r,
  };
}

/**
 * One entry's findings are gathered here, sorted, then copied into the array the caller keeps. Reused
 * (judging is synchronous and never re-entered), so gathering allocates nothing per row.
 */
const gathered: Finding[] = [];

/** The gathering list, emptied (also of anything a rule that threw left behind). */
function startGathering(): Finding[] {
  gathered.length = 0;
  return gathered;
}

/** What was gathered, in text order, in a fresh array of its own; the list is emptied. */
function keepGathered(): Finding[] {
  const kept = keptFindings(sortFindings(gathered));
  gathered.length = 0;
  return kept;
}

function sortFindings(findings: Finding[]): Finding[] {
  return sortSmall(findings, (a, b) => a.start - b.start || a.length - b.length);
}

/**
 * An open row's result. `due` and `writtenOn` are left out, not undefined, when unknown (JSON and
 * google.script.run see no key); each shape is one literal, so the object is built in one allocation.
 */
function openRow(
  row: number,
  verdict: RowAnalysis['verdict'],
  timing: Timing,
  score: number,
  findings: Finding[],
  due: IsoDate | undefined,
  writtenOn: IsoDate | undefined,
): RowAnalysis {
  const status = 'open';
  if (due) {
    return writtenOn
      ? { row, status, verdict, timing, score, findings, due, writtenOn }
      : { row, status, verdict, timing, score, findings, due };
  }
  return writtenOn
    ? { row, status, verdict, timing, score, findings, writtenOn }
    : { row, status, verdict, timing, score, findings };
}

/** The row's cell for a mapped column; undefined for a column the sheet does not have. */
function cellAt(row: CellValue[], index: number | undefined): CellValue {
  return index === undefined || index < 0 ? undefined : row[index];
}

/** The columns a mapping names: a row blank in all of them is a blank row. */
function mappedColumns(mapping: ColumnMapping): number[] {
  return Object.values(mapping).filter((i): i is number => typeof i === 'number' && i >= 0);
}

/** No cell of the row holds anything: the mapped ones, or every one when the mapping names none. */
function blankRow(row: CellValue[], mapped: readonly number[]): boolean {
  return mapped.length > 0 ? allBlank(row, mapped) : row.every(isBlankCell);
}

function allBlank(row: CellValue[], columns: readonly number[]): boolean {
  for (let i = 0; i < columns.length; i++) if (!isBlankCell(row[columns[i]])) return false;
  return true;
}

function isBlankCell(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * Timing precedence (one value per row): overdue > due-today > stale > upcoming > undated. A passed
 * date is the most urgent fact; a step due today is being acted on even if the note is old; an old
 * note with a future date is stale (nobody has confirmed it lately); undated only when nothing else.
 */
function timingOf(
  due: IsoDate | undefined,
  writtenOn: IsoDate | undefined,
  today: IsoDate,
  freshDays: number,
): Timing {
  if (due) {
    const d = daysBetween(today, due);
    if (d < 0) return 'overdue';
    if (d === 0) return 'due-today';
  }
  if (writtenOn && daysBetween(writtenOn, today) > freshDays) return 'stale';
  return due ? 'upcoming' : 'undated';
}

/** How a table's date cells are read: the config's locale and zone over the spreadsheet's, on today. */
function cellDates(config: Config, ctx: AnalyzeContext): Required<CellDateContext> {
  return {
    timeZone: config.timeZone ?? ctx.timeZone,
    locale: config.locale ?? ctx.locale,
    reference: ctx.today,
  };
}

/**
 * The context analyzeRows hands judgeEntry, one object for the whole table with each row's days set
 * on it. Built by a constructor, not a literal: V8 keeps one shape for it from the first table on
 * (an object literal's second execution re-typed its config field, and the judging code's optimised
 * version was thrown away mid-table).
 */
class RowTextContext implements TextContext {
  readonly today: IsoDate;
  readonly timeZone: string;
  readonly locale: string;
  readonly config: Config;
  writtenOn: IsoDate | undefined;
  dueDate: IsoDate | undefined;

  constructor(today: IsoDate, timeZone: string, locale: string, config: Config) {
    this.today = today;
    this.timeZone = timeZone;
    this.locale = locale;
    this.config = config;
    this.writtenOn = undefined;
    this.dueDate = undefined;
  }
}

export function analyzeRows(
  rows: CellValue[][],
  mapping: ColumnMapping,
  config: Config,
  ctx: AnalyzeContext & { firstRowNumber: number },
): RowAnalysis[] {
  const dateCtx = cellDates(config, ctx);
  const { today, firstRowNumber } = ctx;
  const textCtx = new RowTextContext(today, dateCtx.timeZone, dateCtx.locale, config);
  const todayValid = isIsoDate(today);
  const mapped = mappedColumns(mapping);
  return rows.map((rawRow, i) => {
    const row = Array.isArray(rawRow) ? rawRow : [];
    const rowNumber = firstRowNumber + i;
    if (blankRow(row, mapped)) {
      return { row: rowNumber, status: 'blank', verdict: null, timing: null, score: 0, findings: [] };
    }
    const stage = cellAt(row, mapping.stage);
    const stageRules = stageRulesFor(stage, config);
    if (stageRules?.closed) {
      return { row: rowNumber, status: 'closed', verdict: null, timing: null, score: 0, findings: [] };
    }
    const updated = cellToIsoDate(cellAt(row, mapping.nextStepUpdated), dateCtx);
    const dueCell = cellToIsoDate(cellAt(row, mapping.nextStepDue), dateCtx);
    const closeDate = cellToIsoDate(cellAt(row, mapping.closeDate), dateCtx);
    textCtx.writtenOn = updated; // reused per row: one context object for the whole table
    textCtx.dueDate = dueCell;
    const entry = judgeEntry(cellAt(row, mapping.nextStep), textCtx);
    const anchor = entry.reading?.anchor ?? entry.reading?.waitingAnchor;
    const prefix = entry.reading?.prefix;
    const prefixDate = entry.writtenOn;
    const writtenOn = prefixDate ?? updated;
    const due = dueCell ?? entry.due;
    const freshDays = stageRules?.days ?? config.freshnessDays.default;
    // The row's text and timing findings, gathered in one list and copied once into the row's own array.
    collectTextFindings(entry.facts, config, startGathering());
    if (todayValid) {
      collectTimingFindings(
        {
          today,
          stage,
          due,
          dueSpan: !dueCell && anchor ? { start: anchor.start, length: anchor.length } : undefined,
          writtenOn,
          writtenSpan:
            prefixDate && prefix ? { start: prefix.start, length: prefix.dateText.length } : undefined,
          freshnessDays: freshDays,
          closeDate,
        },
        config,
        gathered,
      );
    }
    const findings = keepGathered();
    const timing = todayValid ? timingOf(due, writtenOn, today, freshDays) : 'undated';
    let score = entry.score;
    if (timing === 'overdue') score -= 30;
    else if (timing === 'stale') score -= 15;
    return openRow(
      rowNumber,
      entry.verdict,
      timing,
      Math.max(0, Math.min(100, score)),
      findings,
      due,
      writtenOn,
    );
  });
}

/**
 * The `writtenOn` analyzeRows gives one row on `ctx.today`, without judging its text: a log date at the
 * text's start (read against the updated cell's day, else today), else the updated cell's day. For
 * callers that ask the same row about many days (highlights/facts.ts); a property test holds it equal
 * to analyzeRows' own answer.
 */
export function writtenOnOf(
  row: CellValue[],
  mapping: ColumnMapping,
  config: Config,
  ctx: AnalyzeContext,
): IsoDate | undefined {
  const cells = Array.isArray(row) ? row : [];
  if (blankRow(cells, mappedColumns(mapping))) return undefined;
  if (stageRulesFor(cellAt(cells, mapping.stage), config)?.closed) return undefined;
  const dates = cellDates(config, ctx);
  const updated = cellToIsoDate(cellAt(cells, mapping.nextStepUpdated), dates);
  const cell = describeCell(cellAt(cells, mapping.nextStep), { ...ctx, timeZone: dates.timeZone });
  const reference = readAgainst(updated, ctx.today);
  const logged =
    cell.kind === 'text' && isIsoDate(reference)
      ? detectWrittenPrefix(cell.text, dates.locale, reference)?.date
      : undefined;
  return logged ?? updated;
}
