/** `next-step-tracker check FILE`: judge every open deal's next step in a CSV or XLSX export. */
import { readFile } from 'fs/promises';
import { analyzeRows } from '../../core/analyze';
import { detectColumns } from '../../core/columns';
import { parseConfig, type Config } from '../../core/config';
import { dateToIsoDay } from '../../core/dates/cell';
import { isIsoDate } from '../../core/dates/calendar';
import type { CellValue, ColumnMapping, ColumnRole, RowAnalysis, Verdict } from '../../core/types';
import { parseArgs } from '../args';
import { UsageError, type CliIo } from '../io';
import { readTableFile, TableFileError } from '../table-file';
import { renderTable } from '../table';
import type { CliEnv, Command } from './types';

const ROLES: ColumnRole[] = [
  'deal',
  'account',
  'owner',
  'stage',
  'amount',
  'closeDate',
  'nextStep',
  'nextStepDue',
  'nextStepUpdated',
  'dealId',
];

/** ok > weak > bad > missing: --fail-on X fails when any row is at or below X. */
export const VERDICT_RANK: Record<Verdict, number> = { ok: 3, weak: 2, bad: 1, missing: 0 };

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
automatically (it need not be row 1); won and lost deals and blank rows are skipped.

Options:
  --today YYYY-MM-DD     The day to judge timing against (default: today in --tz)
  --locale LOCALE        How numeric dates read: en_GB = day first (10/03 is 10 March), en_US = month first
                         (default: from LANG, else en_US)
  --tz ZONE              IANA time zone for date cells, e.g. Europe/London (default: the system zone)
  --column ROLE=HEADER   Use HEADER for ROLE; repeatable. Roles: ${ROLES.join(', ')}
  --sheet NAME           XLSX: the worksheet to read (default: the first with a next-step column)
  --config FILE          Settings JSON (rules, freshness days per stage, phrases); see docs/engine.md
  --json                 Print a JSON array: {row, deal, verdict, timing, score, due, writtenOn,
                         findings: [{rule, severity, message, start, length}]}; row is the sheet row
                         (the header is row 1 when it is the first line), dates YYYY-MM-DD or null
  --fail-on weak|bad     Exit 1 when any deal's verdict is at or below this (ok > weak > bad > missing)
  -h, --help             Show this help

Verdict (the text alone): ok, weak, bad, missing. Timing (against --today): upcoming, due-today,
overdue, stale, undated.

Exit codes: 0 done, 1 a deal failed --fail-on, 2 error (no such file, no next-step column, unreadable
file, bad option).`;

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v).trim();
}

function parseColumnFlags(values: string[]): Partial<Record<ColumnRole, string>> {
  const explicit: Partial<Record<ColumnRole, string>> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new UsageError(`--column needs ROLE=HEADER, got "${v}"`);
    const role = v.slice(0, eq).trim() as ColumnRole;
    if (!ROLES.includes(role))
      throw new UsageError(`--column: unknown role "${role}"; roles are ${ROLES.join(', ')}`);
    explicit[role] = v.slice(eq + 1).trim();
  }
  return explicit;
}

async function loadConfig(file: string | undefined, io: CliIo): Promise<Config> {
  if (!file) return parseConfig(undefined).config;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`Cannot read the config file ${file}`);
  }
  const { config, problems } = parseConfig(text);
  for (const p of problems) io.stderr.write(`warning: ${file}: ${p}\n`);
  return config;
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

export const checkCommand: Command = {
  name: 'check',
  summary: 'Judge the next steps in a CSV or XLSX pipeline export',
  help: HELP,
  async run(argv: string[], io: CliIo, env: CliEnv): Promise<number> {
    const { positionals, flags } = parseArgs(argv, {
      today: { value: true },
      locale: { value: true },
      tz: { value: true },
      column: { value: true, repeat: true },
      sheet: { value: true },
      config: { value: true },
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
    const locale = flags.locale?.[0] ?? env.locale;
    if (!/^[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?$/.test(locale)) {
      throw new UsageError(`--locale must look like en_GB or en_US, got "${locale}"`);
    }
    const today = flags.today?.[0] ?? dateToIsoDay(env.now, timeZone);
    if (!today || !isIsoDate(today))
      throw new UsageError(`--today must be a date as YYYY-MM-DD, got "${flags.today?.[0]}"`);
    const failOn = flags['fail-on']?.[0];
    if (failOn !== undefined && failOn !== 'weak' && failOn !== 'bad') {
      throw new UsageError(`--fail-on must be weak or bad, got "${failOn}"`);
    }
    const explicit = parseColumnFlags(flags.column ?? []);
    const config = await loadConfig(flags.config?.[0], io);

    let sheets;
    try {
      sheets = (await readTableFile(file)).sheets;
    } catch (err) {
      if (err instanceof TableFileError) throw new UsageError(err.message);
      throw new UsageError(`Cannot read ${file}: ${(err as Error).message}`);
    }
    const wantedSheet = flags.sheet?.[0];
    const candidates = wantedSheet ? sheets.filter((s) => s.name === wantedSheet) : sheets;
    if (wantedSheet && candidates.length === 0) {
      throw new UsageError(
        `${file} has no sheet "${wantedSheet}"; sheets: ${sheets.map((s) => s.name).join(', ')}`,
      );
    }
    const detections = candidates.map((s) => ({ sheet: s, detection: detectColumns(s.rows, { explicit }) }));
    const chosen = detections.find((d) => d.detection.mapping.nextStep !== undefined);
    if (!chosen) {
      const first = detections[0];
      const why =
        first?.detection.problems.find((p) => p.startsWith('No next-step')) ?? 'No next-step column found';
      throw new UsageError(
        `${file}: ${why}${explicit.nextStep ? '' : '. Name it with --column nextStep=HEADER'}`,
      );
    }
    for (const p of chosen.detection.problems) io.stderr.write(`warning: ${p}\n`);
    const { sheet, detection } = chosen;
    const body = sheet.rows.slice(detection.headerRowIndex + 1);
    const analyses = analyzeRows(body, detection.mapping, config, {
      today,
      timeZone,
      locale,
      firstRowNumber: detection.headerRowIndex + 2,
    });
    const open = analyses
      .map((a, i) => ({ a, deal: dealName(body[i] ?? [], detection.mapping) }))
      .filter(({ a }) => a.status === 'open');
    const closed = analyses.filter((a) => a.status === 'closed').length;
    if (flags.json) {
      io.stdout.write(
        `${JSON.stringify(
          open.map(({ a, deal }) => toJsonRow(a, deal)),
          null,
          2,
        )}\n`,
      );
    } else {
      io.stdout.write(
        renderTable(open, { today, closed, sheetName: sheets.length > 1 ? sheet.name : undefined }),
      );
    }
    if (failOn) {
      const limit = VERDICT_RANK[failOn as Verdict];
      if (open.some(({ a }) => VERDICT_RANK[a.verdict as Verdict] <= limit)) return 1;
    }
    return 0;
  },
};
