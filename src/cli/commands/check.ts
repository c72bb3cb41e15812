/**
 * `next-step-tracker check FILE`: judge every open deal's next step in a CSV or XLSX export.
 *
 * Streams: rows are read one at a time (src/cli/table-file.ts), judged in small batches and written as
 * they are judged (table or --json), so memory does not grow with the row count. Without --locale,
 * a first pass reads the file's own numeric dates to decide day-first or month-first
 * (core/dates/date-order.ts); the second pass judges. With --locale, one pass, and a warning at the
 * end when the data disagrees with the locale given.
 */
import { analyzeRows } from '../../core/analyze';
import { detectColumns, type ColumnDetection } from '../../core/columns';
import type { Config } from '../../core/config';
import { dateToIsoDay } from '../../core/dates/cell';
import { isIsoDate } from '../../core/dates/calendar';
import { decideDateOrder, emptyEvidence, scanRow, type DateOrderEvidence } from '../../core/dates/date-order';
import type { CellValue, ColumnMapping, ColumnRole, RowAnalysis, Verdict } from '../../core/types';
import { parseArgs } from '../args';
import { UsageError, type CliIo } from '../io';
import { loadConfigFlag, parseColumnFlags, SHARED_FLAGS, SHARED_HELP } from '../shared-options';
import { MAX_SHEET_CELLS, scanTableFile, TableFileError } from '../table-file';
import { TableWriter } from '../table';
import type { CliEnv, Command } from './types';

/** ok > weak > bad > missing: --fail-on X fails when any row is at or below X. */
export const VERDICT_RANK: Record<Verdict, number> = { ok: 3, weak: 2, bad: 1, missing: 0 };

/** Rows scanned for the header (as everywhere else). */
const HEADER_SCAN_ROWS = 10;
/** Rows judged per analyzeRows call: small enough to stream, large enough to amortise. */
const BATCH = 500;

export interface JsonRow {
  row: number;
  deal: string;
  verdict: Verdict;
  timing: string;
  score: number;
  due: string | null;
  writtenOn: string | null;
  findings: Array<{ rule: string; severity: string; message: string; start: number; length: number }>;
}

const HELP = `Usage: next-step-tracker check FILE [options]

Judges the next step of every open deal in FILE (.csv, .tsv or .xlsx). The header row is found
automatically (it need not be row 1); won and lost deals and blank rows are skipped. Rows are read
and printed as a stream: memory stays flat however long the file is.

Options:
  --today YYYY-MM-DD     The day to judge timing against (default: today in --tz)
  --locale LOCALE        How numeric dates read: en_GB = day first (10/03 is 10 March), en_US = month first.
                         Default: from the file's own dates (20/03 can only be day-first, 03/20 only
                         month-first); when they cannot tell, from LANG, else en_US
  --tz ZONE              IANA time zone for date cells, e.g. Europe/London (default: the system zone)
${SHARED_HELP}
  --sheet NAME           XLSX: the worksheet to read (default: the first with a next-step column)
  --json                 Print a JSON array: {row, deal, verdict, timing, score, due, writtenOn,
                         findings: [{rule, severity, message, start, length}]}; row is the sheet row
                         (the header is row 1 when it is the first line), dates YYYY-MM-DD or null
  --fail-on weak|bad     Exit 1 when any deal's verdict is at or below this (ok > weak > bad > missing)
  -h, --help             Show this help

Verdict (the text alone): ok, weak, bad, missing. Timing (against --today): upcoming, due-today,
overdue, stale, undated. Control characters and escape sequences in cell text are printed as \\uXXXX.

Limits: a sheet whose cells reach past ${MAX_SHEET_CELLS.toLocaleString('en-US')} cells (last row × last column with
a cell; Google Sheets' own limit) is refused with exit 2, whatever range the file claims.

Exit codes: 0 done, 1 a deal failed --fail-on, 2 error (no such file, no next-step column, unreadable
file or config, a sheet over the limit, bad option).`;

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v).trim();
}

function dealName(row: CellValue[], mapping: ColumnMapping): string {
  for (const role of ['deal', 'account', 'dealId'] as const) {
    const i = mapping[role];
    if (i !== undefined && cellText(row[i]) !== '') return cellText(row[i]);
  }
  return '';
}

export function toJsonRow(a: RowAnalysis, deal: string): JsonRow {
  return {
    row: a.row,
    deal,
    verdict: a.verdict as Verdict,
    timing: a.timing as string,
    score: a.score,
    due: a.due ?? null,
    writtenOn: a.writtenOn ?? null,
    findings: a.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      start: f.start,
      length: f.length,
    })),
  };
}

interface Survey {
  sheetName: string;
  sheetCount: number;
  detection: ColumnDetection;
  evidence: DateOrderEvidence;
  /** The first sheet's detection, for the "no next-step column" message. */
  firstFailure?: ColumnDetection;
}

/**
 * Pass 1: finds the sheet and its header (the first sheet with a next-step column, or --sheet), and,
 * when `wholeSheet`, reads the rest of that sheet for its date order. Holds at most the header rows.
 */
async function survey(
  file: string,
  wanted: string | undefined,
  explicit: Partial<Record<ColumnRole, string>>,
  wholeSheet: boolean,
): Promise<{ found?: Survey; sheetNames: string[]; firstFailure?: ColumnDetection }> {
  const sheetNames: string[] = [];
  let found: Survey | undefined;
  let firstFailure: ColumnDetection | undefined;
  let grid: CellValue[][] = [];
  let gridSheet = '';
  let evidence = emptyEvidence();
  // Nothing pending until a sheet is taken.
  let decided = true;
  const detectNow = (): 'stop' | undefined => {
    decided = true;
    const detection = detectColumns(grid, { explicit, maxScanRows: HEADER_SCAN_ROWS });
    if (detection.mapping.nextStep === undefined) {
      firstFailure ??= detection;
      return undefined;
    }
    found = { sheetName: gridSheet, sheetCount: 0, detection, evidence };
    // Date evidence from the header area's data rows counts too.
    for (const row of grid.slice(detection.headerRowIndex + 1)) scanRow(evidence, row);
    return wholeSheet ? undefined : 'stop';
  };
  await scanTableFile(file, {
    sheet(name) {
      // The previous sheet ended within the header scan: decide on what it had.
      if (!decided) detectNow();
      sheetNames.push(name);
      if (found) return false;
      if (wanted !== undefined && name !== wanted) return false;
      grid = [];
      gridSheet = name;
      evidence = emptyEvidence();
      decided = false;
      return true;
    },
    row(rowNumber, cells) {
      if (found && found.sheetName !== gridSheet) return 'stop';
      if (!decided) {
        if (rowNumber <= HEADER_SCAN_ROWS) {
          while (grid.length < rowNumber - 1) grid.push([]);
          grid.push(cells);
          if (rowNumber < HEADER_SCAN_ROWS) return undefined;
          return detectNow();
        }
        const answer = detectNow();
        if (answer === 'stop' || !found) return answer;
      }
      if (found && found.sheetName === gridSheet) scanRow(evidence, cells);
      return undefined;
    },
  });
  // A sheet shorter than the header scan is detected at its end (or the file's).
  if (!decided) detectNow();
  if (found) found.sheetCount = sheetNames.length;
  return { found, sheetNames, firstFailure };
}

/** Writes JSON array elements as they come: "[", elements, "]". */
class JsonWriter {
  private count = 0;
  constructor(private readonly out: CliIo['stdout']) {}
  row(value: JsonRow): unknown {
    const text = JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
    const r = this.out.write(`${this.count === 0 ? '[\n  ' : ',\n  '}${text}`);
    this.count++;
    return r;
  }
  end(): void {
    this.out.write(this.count === 0 ? '[]\n' : '\n]\n');
  }
}

/** Waits for a stream's 'drain' when a write reported a full buffer (process.stdout piped slowly). */
function drained(out: CliIo['stdout'], wrote: unknown): Promise<void> | undefined {
  const stream = out as { once?: (e: string, f: () => void) => void };
  if (wrote !== false || typeof stream.once !== 'function') return undefined;
  return new Promise((resolve) => stream.once?.('drain', resolve));
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Judge the next steps in a CSV or XLSX pipeline export',
  help: HELP,
  async run(argv: string[], io: CliIo, env: CliEnv): Promise<number> {
    const { positionals, flags } = parseArgs(argv, {
      today: { value: true },
      locale: { value: true },
      tz: { value: true },
      ...SHARED_FLAGS,
      sheet: { value: true },
      json: {},
      'fail-on': { value: true },
      help: {},
      h: {},
    });
    if (flags.help || flags.h) {
      io.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('check needs a FILE (a .csv or .xlsx export)');
    if (positionals.length > 1)
      throw new UsageError(`check takes one FILE, got ${positionals.length}: ${positionals.join(' ')}`);
    const file = positionals[0];
    const timeZone = flags.tz?.[0] ?? env.timeZone;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      throw new UsageError(`--tz: unknown time zone "${timeZone}" (use an IANA name such as Europe/London)`);
    }
    const givenLocale = flags.locale?.[0];
    for (const l of [givenLocale, env.locale]) {
      if (l !== undefined && !/^[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?$/.test(l)) {
        throw new UsageError(`--locale must look like en_GB or en_US, got "${l}"`);
      }
    }
    const today = flags.today?.[0] ?? dateToIsoDay(env.now, timeZone);
    if (!today || !isIsoDate(today))
      throw new UsageError(`--today must be a date as YYYY-MM-DD, got "${flags.today?.[0]}"`);
    const failOn = flags['fail-on']?.[0];
    if (failOn !== undefined && failOn !== 'weak' && failOn !== 'bad') {
      throw new UsageError(`--fail-on must be weak or bad, got "${failOn}"`);
    }
    const explicit = parseColumnFlags(flags.column ?? []);
    const config = await loadConfigFlag(flags.config?.[0]);

    try {
      return await judge(file, io, {
        explicit,
        config,
        today,
        timeZone,
        givenLocale,
        fallbackLocale: env.locale,
        wantedSheet: flags.sheet?.[0],
        json: Boolean(flags.json),
        failOn: failOn as Verdict | undefined,
      });
    } catch (err) {
      if (err instanceof TableFileError) throw new UsageError(err.message);
      throw err;
    }
  },
};

interface JudgeOptions {
  explicit: Partial<Record<ColumnRole, string>>;
  config: Config;
  today: string;
  timeZone: string;
  givenLocale?: string;
  fallbackLocale: string;
  wantedSheet?: string;
  json: boolean;
  failOn?: Verdict;
}

async function judge(file: string, io: CliIo, o: JudgeOptions): Promise<number> {
  const { found, sheetNames, firstFailure } = await survey(
    file,
    o.wantedSheet,
    o.explicit,
    o.givenLocale === undefined,
  );
  if (o.wantedSheet !== undefined && !sheetNames.includes(o.wantedSheet)) {
    throw new UsageError(`${file} has no sheet "${o.wantedSheet}"; sheets: ${sheetNames.join(', ')}`);
  }
  if (!found) {
    const why =
      firstFailure?.problems.find((p) => p.startsWith('No next-step')) ?? 'No next-step column found';
    throw new UsageError(
      `${file}: ${why}${o.explicit.nextStep ? '' : '. Name it with --column nextStep=HEADER'}`,
    );
  }
  for (const p of found.detection.problems) io.stderr.write(`warning: ${p}\n`);
  const { detection } = found;
  const headerRow = detection.headerRowIndex + 1;
  // Without --locale the data decides (pass 1 read it all); with it, pass 2 collects the evidence.
  let decision =
    o.givenLocale === undefined
      ? decideDateOrder(found.evidence, { fallback: o.fallbackLocale })
      : { locale: o.givenLocale, warning: undefined as string | undefined };
  if (decision.warning) io.stderr.write(`warning: ${decision.warning}\n`);
  const locale = decision.locale;
  const lateEvidence = emptyEvidence();

  const mapping = detection.mapping;
  const width = Math.max(...(Object.values(mapping) as number[])) + 1;
  const counts: Record<Verdict, number> = { ok: 0, weak: 0, bad: 0, missing: 0 };
  let closed = 0;
  let failed = false;
  const table = o.json ? undefined : new TableWriter(io.stdout);
  const json = o.json ? new JsonWriter(io.stdout) : undefined;
  table?.header();

  let batch: CellValue[][] = [];
  let batchStart = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const rows = batch;
    const first = batchStart;
    batch = [];
    const analyses = analyzeRows(rows, mapping, o.config, {
      today: o.today,
      timeZone: o.timeZone,
      locale,
      firstRowNumber: first,
    });
    let wrote: unknown = true;
    analyses.forEach((a, i) => {
      if (a.status === 'closed') closed++;
      if (a.status !== 'open') return;
      const deal = dealName(rows[i] ?? [], mapping);
      counts[a.verdict as Verdict]++;
      if (o.failOn && VERDICT_RANK[a.verdict as Verdict] <= VERDICT_RANK[o.failOn]) failed = true;
      wrote = json ? json.row(toJsonRow(a, deal)) : table?.row(a, deal);
    });
    await drained(io.stdout, wrote);
  };

  let inSheet = false;
  await scanTableFile(file, {
    sheet(name) {
      inSheet = name === found.sheetName;
      return inSheet;
    },
    row(rowNumber, cells) {
      if (!inSheet) return 'stop';
      if (rowNumber <= headerRow) return undefined;
      if (o.givenLocale !== undefined) scanRow(lateEvidence, cells);
      // Only the mapped columns are kept: a wide row costs nothing once read.
      const row = cells.length > width ? cells.slice(0, width) : cells;
      if (batch.length > 0 && batchStart + batch.length !== rowNumber) {
        // A gap (rows without cells): judge what we have, start a new run at this row.
        const pending = flush();
        batch = [row];
        batchStart = rowNumber;
        return pending;
      }
      if (batch.length === 0) batchStart = rowNumber;
      batch.push(row);
      return batch.length >= BATCH ? flush() : undefined;
    },
  });
  await flush();
  json?.end();
  table?.footer(counts, {
    today: o.today,
    closed,
    sheetName: found.sheetCount > 1 ? found.sheetName : undefined,
  });
  if (o.givenLocale !== undefined) {
    decision = decideDateOrder(lateEvidence, {
      given: o.givenLocale,
      givenWhat: '--locale',
      fallback: o.fallbackLocale,
    });
    if (decision.warning) io.stderr.write(`warning: ${decision.warning}\n`);
  }
  return failed ? 1 : 0;
}
