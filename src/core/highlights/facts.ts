/**
 * The highlight helper's facts: per pipeline row, everything the engine knows that does NOT depend on
 * today, packed into one short text the conditional-format rules compare with TODAY().
 *
 * Why: Sheets caches a custom function's result until an argument changes (brief §4), so the helper
 * (NEXTSTEP_FACTS) may hold only date-independent facts; the rules add today. The colour of a row is
 * then the engine's own class for that row (highlightClass), every day, with no script running.
 *
 * How a row's facts stay independent of today: the engine is run at fixed probe days (never the
 * clock). When a row's dates come out the same at every probe (a due date or a written date in a
 * column, or one read against the updated stamp), they are fixed dates. When they differ, the text
 * was read against "today" (no written date): then
 *  - a forward phrase ("next Tue", "in 2 weeks", "on the 16th") lands on or after today whatever the
 *    day, so it is never overdue (and a row without a written date is never stale);
 *  - a day and month without a year ("20/03", "Fri 20 Mar") recur yearly: the engine reads the year
 *    of the first such date on or after today - K (K found by probing the engine, not copied from
 *    it), and gives a date per such year (looked up by asking it); mode D;
 *  - a year-less log date at the start ("10/03 BR …") recurs yearly too: the engine takes the latest
 *    one at most L days ahead (L probed); the due date moves with it by whole years; mode W.
 *
 * A snoozed deal (core/snooze.ts) is not stale up to the snooze's last day: its stale-after day is
 * at least that day, in mode 0 and in every year of mode W. The snooze's day is a fixed date, so the
 * colour comes back by itself the day after, with no recompute.
 *
 * Cell text, fixed width (23 characters), e.g. `K0046101046090000000000`:
 *   (blank and closed rows: an empty cell)
 *   1      class: `M` missing, `V` vague (weak or bad), `K` ok
 *   2      mode: `0` fixed dates, `D` yearly due (no written date), `W` yearly log date
 *   3-8    mode 0: due date, Sheets serial (000000: none, or never overdue)
 *   9-14   mode 0: stale after: written date + the stage's freshness days, at least the snooze's
 *          last day (000000: never stale)
 *   15-20  modes D and W: the date's month*100+day (D: the due date, W: the log date)
 *   21-23  mode D: K (days a passed date stays overdue); mode W: L (days a log date may lie ahead)
 *   24-    mode D: per year the engine reads, 2024…2040, 6 characters: the due date it gives
 *          (999999: none); mode W: per log year 2024…2040, 12 characters: the stale-after day (log
 *          date + freshness days, at least the snooze's last day) and the due date (999999: none),
 *          as serials
 */
import { analyzeRows, analyzeText, writtenOnOf, type TextContext } from '../analyze';
import { cellToIsoDate } from '../dates/cell';
import { freshnessDaysFor, type Config } from '../config';
import { addDays, dayNumber, daysInMonth, isIsoDate, toIso } from '../dates/calendar';
import { MONTH_NAMES } from '../dates/months';
import type { AnalyzeContext, CellValue, ColumnMapping, IsoDate, RowAnalysis } from '../types';
import { dealKeyOf } from '../deal-identity';
import type { SnoozeMap } from '../snooze';

export type HighlightClass = 'missing' | 'overdue' | 'vague' | 'stale' | 'none';

/**
 * The colour class the engine gives a row on a day: missing > overdue > vague > stale > none. A row
 * that is both vague and overdue is red (the passed date is the most urgent fact); vague beats stale.
 */
export function highlightClass(row: RowAnalysis): HighlightClass {
  if (row.status !== 'open') return 'none';
  if (row.verdict === 'missing') return 'missing';
  if (row.timing === 'overdue') return 'overdue';
  if (row.verdict === 'weak' || row.verdict === 'bad') return 'vague';
  if (row.timing === 'stale') return 'stale';
  return 'none';
}

/** Probe days: far from any real today, one in a leap year so 29 February survives as a pivot. */
export const FACT_PROBES: readonly IsoDate[] = ['2001-01-15', '2010-07-05', '2028-03-01'];

export const FACTS_WIDTH = 23;
const SERIAL_EPOCH = dayNumber('1899-12-30');

/** Sheets' serial number of a day (days since 1899-12-30). */
export function isoToSerial(iso: IsoDate): number {
  return dayNumber(iso) - SERIAL_EPOCH;
}

function pad(n: number, width: number): string {
  const v = Math.max(0, Math.min(10 ** width - 1, Math.round(n)));
  return String(v).padStart(width, '0');
}

function serialField(iso: IsoDate | undefined): string {
  return iso && isIsoDate(iso) ? pad(isoToSerial(iso), 6) : '000000';
}

export interface RowFacts {
  cls: '-' | 'M' | 'V' | 'K';
  mode: '0' | 'D' | 'W';
  due?: IsoDate;
  staleAfter?: IsoDate;
  pivot?: IsoDate;
  window?: number;
  /** Modes D and W: month*100 + day of the due date (D) or the log date (W). */
  monthDay?: number;
  /**
   * Modes D and W: per year from FIRST_LOG_YEAR, the due date (undefined: none) and, in mode W, the
   * day after which the step is stale (the log date + the stage's days, at least a snooze's last day).
   */
  years?: Array<{ staleAfter?: IsoDate; due?: IsoDate }>;
}

/** Mode W covers log dates in these years (the helper's text grows 12 characters per year). */
export const FIRST_LOG_YEAR = 2024;
export const LAST_LOG_YEAR = 2040;

export function encodeFacts(f: RowFacts): string {
  if (f.mode === 'D') {
    const years = (f.years ?? []).map((y) => (y.due ? serialField(y.due) : '999999')).join('');
    return f.cls + f.mode + '000000000000' + pad(f.monthDay ?? 0, 6) + pad(f.window ?? 0, 3) + years;
  }
  if (f.mode === 'W') {
    const years = (f.years ?? [])
      .map((y) => serialField(y.staleAfter) + (y.due ? serialField(y.due) : '999999'))
      .join('');
    return f.cls + f.mode + '000000000000' + pad(f.monthDay ?? 0, 6) + pad(f.window ?? 0, 3) + years;
  }
  return (
    f.cls +
    f.mode +
    serialField(f.due) +
    serialField(f.staleAfter) +
    serialField(f.pivot) +
    pad(f.window ?? 0, 3)
  );
}

export interface FactsEnv {
  timeZone: string;
  locale: string;
  config: Config;
  /**
   * Snoozed deals by key (core/snooze.ts). A snooze moves a row's stale-after day (each year's, for
   * a year-less log date) to at least the snooze's last day: no stale colour until then, and back by
   * itself after (no recompute needed).
   */
  snoozes?: SnoozeMap;
}

function envContext(env: FactsEnv, today: IsoDate): TextContext {
  return { today, timeZone: env.timeZone, locale: env.locale, config: env.config };
}

function classOf(row: RowAnalysis): RowFacts['cls'] {
  if (row.status !== 'open') return '-';
  if (row.verdict === 'missing') return 'M';
  return row.verdict === 'ok' ? 'K' : 'V';
}

const mmdd = (iso: IsoDate | undefined): string => (iso ? iso.slice(5) : '');

/** One row judged at one probe day. */
function judgeAt(row: CellValue[], mapping: ColumnMapping, env: FactsEnv, today: IsoDate): RowAnalysis {
  const ctx: AnalyzeContext & { firstRowNumber: number } = {
    today,
    timeZone: env.timeZone,
    locale: env.locale,
    firstRowNumber: 1,
  };
  return analyzeRows([row], mapping, env.config, ctx)[0];
}

/**
 * The largest k in [0, max] for which `holds(k)` (holds(0) is assumed true and holds is monotone:
 * true up to some k, false after). Binary search: about log2(max) engine calls.
 */
function largestHolding(max: number, holds: (k: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (holds(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The facts of one row (see the file comment). `probes` are the row judged at FACT_PROBES;
 * `snoozedUntil` is the last day of the deal's snooze, if it has one (no stale colour up to it).
 */
function factsOf(
  row: CellValue[],
  mapping: ColumnMapping,
  env: FactsEnv,
  probes: RowAnalysis[],
  snoozedUntil: IsoDate | undefined,
  dayWindows: Map<string, number>,
): RowFacts {
  const base = probes[0];
  const cls = classOf(base);
  if (cls === '-' || cls === 'M') return { cls, mode: '0' };
  const stage = mapping.stage === undefined ? undefined : row[mapping.stage];
  const fresh = freshnessDaysFor(stage, env.config);
  const sameDue = probes.every((p) => p.due === base.due);
  const sameWritten = probes.every((p) => p.writtenOn === base.writtenOn);
  // Stale after the written date + the stage's days; a snooze holds it off up to its last day.
  const staleAfter = (written: IsoDate | undefined): IsoDate | undefined => {
    if (!written) return undefined;
    const after = addDays(written, fresh);
    return snoozedUntil && snoozedUntil > after ? snoozedUntil : after;
  };
  if (sameDue && sameWritten)
    return { cls, mode: '0', due: base.due, staleAfter: staleAfter(base.writtenOn) };
  if (sameWritten && base.writtenOn === undefined) {
    // The due date was read against today. A day and month without a year come back every year:
    // K (how long the engine keeps a passed one) is probed; K = 0 is a date that is never overdue.
    if (probes.every((p) => p.due && mmdd(p.due) === mmdd(base.due))) {
      const [month, dayOfMonth] = [Number(mmdd(base.due).slice(0, 2)), Number(mmdd(base.due).slice(3))];
      // K: how many days after a plain "<day> <month>" the engine still reads it as that passed date
      // (the year it reads is the one of the first such date on or after today - K).
      // It depends on the day and the pivot only, not on the row: worked out once per table for each.
      const plain = `Call on ${dayOfMonth} ${MONTH_NAMES[month - 1]}`;
      const pivot = probes[0].due as IsoDate;
      const key = `${plain}@${pivot}`;
      let window = dayWindows.get(key);
      if (window === undefined) {
        window = largestHolding(
          400,
          (k) => analyzeText(plain, { ...envContext(env, addDays(pivot, k)) }).due === pivot,
        );
        dayWindows.set(key, window);
      }
      // Per year the engine reads, the date it gives (a weekday such as "Sat 17 Jan" may pick a
      // neighbouring year): asked on that year's date itself.
      const years: NonNullable<RowFacts['years']> = [];
      for (let y = FIRST_LOG_YEAR; y <= LAST_LOG_YEAR; y++) {
        const r = judgeAt(row, mapping, env, toIso(y, month, Math.min(dayOfMonth, daysInMonth(y, month))));
        years.push({ due: r.due });
      }
      return { cls, mode: 'D', monthDay: month * 100 + dayOfMonth, window, years };
    }
    // Otherwise a forward phrase ("next Tue", "in 2 weeks", "on the 16th"): on or after today
    // whatever the day, so never overdue (and without a written date never stale).
    return { cls, mode: '0' };
  }
  if (probes.every((p) => p.writtenOn && mmdd(p.writtenOn) === mmdd(base.writtenOn))) {
    const pivotAt = Math.max(
      0,
      probes.findIndex((p) => mmdd(p.writtenOn) === '02-29'),
    );
    const at = probes[pivotAt];
    const pivot = at.writtenOn as IsoDate;
    // L: how many days before the log date the engine already reads it as this year's date. Only the
    // written day is asked, so the row's text is not judged at each probe.
    const window = largestHolding(
      120,
      (k) => writtenOnOf(row, mapping, env.config, envContext(env, addDays(pivot, -k))) === pivot,
    );
    // The due date follows the log date, but not always by whole years ("next Tue" depends on the
    // log date's weekday): the engine is asked once per log year.
    const years: NonNullable<RowFacts['years']> = [];
    const [month, day] = [Number(pivot.slice(5, 7)), Number(pivot.slice(8, 10))];
    for (let y = FIRST_LOG_YEAR; y <= LAST_LOG_YEAR; y++) {
      const logDay = toIso(y, month, Math.min(day, daysInMonth(y, month)));
      const r = judgeAt(row, mapping, env, logDay);
      if (!r.writtenOn) return { cls, mode: '0' };
      years.push({ staleAfter: staleAfter(r.writtenOn), due: r.due });
    }
    return { cls, mode: 'W', monthDay: month * 100 + day, window, years };
  }
  return { cls, mode: '0' };
}

/**
 * The helper column's text for each row of a table (`rows` as read, `mapping` role → column index).
 * Never depends on the real date: the engine only ever sees FACT_PROBES and days derived from them.
 */
export function tableFacts(rows: readonly CellValue[][], mapping: ColumnMapping, env: FactsEnv): string[] {
  // Real columns repeat whole rows rarely, but blank tails and copied rows are common: judge each
  // distinct row (its mapped cells) once.
  const cols = Object.values(mapping).filter((c): c is number => typeof c === 'number' && c >= 0);
  const slot = new Map<string, number>();
  const unique: CellValue[][] = [];
  const index = rows.map((row) => {
    const cells = Array.isArray(row) ? row : [];
    const key = cols.map((c) => cellKey(cells[c])).join('\u0001');
    let at = slot.get(key);
    if (at === undefined) {
      at = unique.length;
      slot.set(key, at);
      unique.push(cells);
    }
    return at;
  });
  const judge = (subset: CellValue[][], today: IsoDate): RowAnalysis[] =>
    analyzeRows(subset, mapping, env.config, {
      today,
      timeZone: env.timeZone,
      locale: env.locale,
      firstRowNumber: 1,
    });
  // A row whose updated cell holds a date is read against that date, whatever today is: one pass
  // decides it. Only the others are judged at the other probe days too.
  const first = judge(unique, FACT_PROBES[0]);
  const floating = unique.map((_, i) => i).filter((i) => !stampedRow(unique[i], mapping, env));
  const others = FACT_PROBES.slice(1).map((today) =>
    judge(
      floating.map((i) => unique[i]),
      today,
    ),
  );
  const probesOf = new Map<number, RowAnalysis[]>(
    floating.map((i, k) => [i, [first[i], ...others.map((run) => run[k])]]),
  );
  const anySnooze = env.snoozes !== undefined && Object.keys(env.snoozes).length > 0;
  const dayWindows = new Map<string, number>();
  const out = unique.map((row, i) => {
    const probes = probesOf.get(i) ?? [first[i], first[i], first[i]];
    const snooze = anySnooze ? env.snoozes?.[dealKeyOf(row, mapping, env.timeZone)] : undefined;
    const facts = factsOf(row, mapping, env, probes, snooze?.until, dayWindows);
    // Blank and closed rows are never coloured: an empty cell says so in fewer bytes.
    return facts.cls === '-' ? '' : encodeFacts(facts);
  });
  return index.map((i) => out[i]);
}

/** The updated cell holds the same day whatever the reference day (a date, not "10/03"). */
function stampedRow(row: CellValue[], mapping: ColumnMapping, env: FactsEnv): boolean {
  const col = mapping.nextStepUpdated;
  if (col === undefined) return false;
  const ctx = { timeZone: env.config.timeZone ?? env.timeZone, locale: env.config.locale ?? env.locale };
  const a = cellToIsoDate(row[col], { ...ctx, reference: FACT_PROBES[0] });
  return a !== undefined && a === cellToIsoDate(row[col], { ...ctx, reference: FACT_PROBES[1] });
}

function cellKey(v: CellValue): string {
  if (v instanceof Date) return `d${v.getTime()}`;
  return `${typeof v}${String(v)}`;
}
