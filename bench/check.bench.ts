/**
 * CLI check bench: 300,000 deals as CSV and as XLSX, judged by the built CLI (build/cli.js) in a
 * child process with its output going nowhere. Prints the child's peak memory (max RSS) and rows/s.
 * The target (issue 16): at most 300 MB at 300,000 rows. Files are written to the OS temp folder.
 */
import { spawnSync } from 'child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import ExcelJS from 'exceljs';

export const ROWS = 300_000;
const HEADERS = [
  'Deal',
  'Account',
  'Owner',
  'Stage',
  'Amount',
  'Next step',
  'Next step due',
  'Next step updated',
];
const STEPS = [
  'Send the revised MSA to Jane (legal) by Fri',
  'Pricing review call with the CFO on 24/03',
  'Follow up',
  '10/03 BR Agreed pricing. Board final approval on the 16th',
  'Waiting on procurement',
  'Demo for their IT team next week',
  '',
  'Check in',
];
const STAGES = ['Discovery', 'Demo', 'Proposal', 'Negotiation', 'Closed Won'];

function rowOf(i: number): Array<string | number> {
  const day = 1 + (i % 28);
  return [
    `Deal ${i}`,
    `Account ${i % 5000}`,
    `Rep ${i % 40}`,
    STAGES[i % STAGES.length],
    1000 + (i % 97) * 250,
    STEPS[i % STEPS.length],
    `${String(day).padStart(2, '0')}/04/2026`,
    `${String(day).padStart(2, '0')}/02/2026`,
  ];
}

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  const quote = (v: string | number) => (typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`);
  out.write(`${HEADERS.join(',')}\n`);
  for (let i = 0; i < ROWS; i++) {
    if (!out.write(`${rowOf(i).map(quote).join(',')}\n`))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

async function writeXlsx(file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Pipeline');
  ws.addRow(HEADERS).commit();
  for (let i = 0; i < ROWS; i++) ws.addRow(rowOf(i)).commit();
  ws.commit();
  await wb.commit();
}

/** Runs the CLI in a child; a preload prints its max RSS (KB) to stderr on exit. */
function measure(
  cli: string,
  hook: string,
  args: string[],
): { seconds: number; maxRssMb: number; code: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', hook, cli, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  const m = /NST_MAXRSS_KB=(\d+)/.exec(r.stderr ?? '');
  if (!m)
    throw new Error(`check did not report its memory (exit ${r.status}): ${(r.stderr ?? '').slice(0, 300)}`);
  return { seconds, maxRssMb: Number(m[1]) / 1024, code: r.status ?? -1 };
}

export async function run(log: (line: string) => void): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const cli = path.join(root, 'build', 'cli.js');
  const dir = mkdtempSync(path.join(tmpdir(), 'nst-bench-check-'));
  try {
    const hook = path.join(dir, 'maxrss.js');
    writeFileSync(
      hook,
      "process.on('exit', () => require('fs').writeSync(2, `NST_MAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n",
    );
    const csv = path.join(dir, 'pipeline-300k.csv');
    const xlsx = path.join(dir, 'pipeline-300k.xlsx');
    await writeCsv(csv);
    await writeXlsx(xlsx);
    const base = ['--today', '2026-03-18', '--tz', 'Europe/London'];
    const runs: Array<[string, string[]]> = [
      ['CSV, --locale given (one pass), --json', ['check', csv, ...base, '--locale', 'en_GB', '--json']],
      ['CSV, date order from the data (two passes), table', ['check', csv, ...base]],
      ['XLSX, --locale given (one pass), --json', ['check', xlsx, ...base, '--locale', 'en_GB', '--json']],
    ];
    for (const [label, args] of runs) {
      const m = measure(cli, hook, args);
      log(
        `check ${ROWS.toLocaleString('en')} rows, ${label}: peak memory ${m.maxRssMb.toFixed(0)} MB, ` +
          `${Math.round(ROWS / m.seconds).toLocaleString('en')} rows/s (${m.seconds.toFixed(1)} s, exit ${m.code})`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void run((line) => console.log(line));
