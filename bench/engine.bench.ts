/**
 * Throughput of the engine on 100,000 realistic synthetic pipeline rows, against chrono-node's parse
 * alone and write-good over the same texts. The engine parses dates itself for the common shapes and
 * calls chrono only when a cheap pre-check sees something only chrono can read; the goal (issue 17) is
 * an analyze/chrono time ratio below 1: judging a row costs less than just date-parsing it with chrono.
 * Each side is timed in processes of its own (see runSide), so the ratio charges every thread's work
 * to the side that caused it.
 */
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import * as chrono from 'chrono-node/en';
import { analyzeRows } from '../src/core/analyze';
import { defaultConfig } from '../src/core/config';
import type { CellValue, ColumnMapping } from '../src/core/types';

type WriteGood = (text: string) => unknown[];

/**
 * write-good ships no types, and it must not be bundled (its code relies on sloppy mode, which an
 * esbuild bundle breaks), so it is loaded at run time from node_modules: next to this file, else
 * from the working directory (a bundle may live outside the repo).
 */
function loadWriteGood(): WriteGood {
  try {
    return createRequire(__filename)('write-good') as WriteGood;
  } catch {
    return createRequire(path.join(process.cwd(), 'package.json'))('write-good') as WriteGood;
  }
}

const ROWS = 100_000;

/** A small deterministic PRNG so every run benches the same rows. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PEOPLE = [
  'Jane',
  'the CFO',
  'their IT team',
  'procurement',
  'Olivia',
  'legal',
  'Marco (VP Ops)',
  'the board',
];
const ACTIONS = [
  'Send revised MSA to',
  'Pricing review call with',
  'Demo for',
  'Security questionnaire back to',
  'Walk through the pilot results with',
  'Contract review with',
  'Book discovery call with',
  'Send the deck to',
];
const WHEN = [
  'by Fri',
  'Tue 3pm',
  'on the 16th',
  'next week',
  'EOW',
  '24/03',
  'w/c 23/3',
  'end of Feb',
  'mid June',
  'Q2',
  'tomorrow',
  'in 2 weeks',
  'Jun 26',
  '',
];
const FILLER = ['Follow up', 'Check in', 'Touch base', 'Chase for an update', 'Circle back', 'Ping'];
const STATUS = [
  'Proposal sent, awaiting feedback',
  'Waiting on legal',
  'Contract with procurement',
  'Pending budget approval',
  'Good call, they liked the demo',
];
const INITIALS = ['BR', 'MF', 'AC', 'GK'];
const STAGES = ['Discovery', 'Qualification', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];

export function syntheticRows(n: number, seed = 42): CellValue[][] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const kind = r();
    let text: string;
    if (kind < 0.45) text = `${pick(ACTIONS)} ${pick(PEOPLE)} ${pick(WHEN)}`.trim();
    else if (kind < 0.65) text = `${pick(FILLER)} ${r() < 0.5 ? pick(WHEN) : ''}`.trim();
    else if (kind < 0.8) text = pick(STATUS);
    else if (kind < 0.95) {
      const day = 1 + Math.floor(r() * 28);
      const month = 1 + Math.floor(r() * 3);
      text =
        `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')} ${pick(INITIALS)} ${pick(STATUS)}. ${pick(ACTIONS)} ${pick(PEOPLE)} ${pick(WHEN)}`.trim();
    } else text = r() < 0.5 ? '' : 'TBD';
    const updated = new Date(Date.UTC(2026, 1 + Math.floor(r() * 2), 1 + Math.floor(r() * 28), 9));
    rows.push([`Deal ${i}`, pick(STAGES), text, updated]);
  }
  return rows;
}

const MAPPING: ColumnMapping = { deal: 0, stage: 1, nextStep: 2, nextStepUpdated: 3 };
const CONTEXT = { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB', firstRowNumber: 2 };
const REFERENCE = { instant: new Date(Date.UTC(2026, 2, 15, 12)), timezone: 0 };
/** Fresh processes per side; the figures are medians. */
const TRIALS = 5;

/** CPU seconds of this whole process (user + system, every thread), not wall time. */
function time(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/**
 * CPU seconds of the main thread alone (Linux /proc; USER_HZ is 100 there), else undefined. The rest of
 * a process's CPU is V8's background threads: optimising compiles and garbage collection.
 */
function mainThreadSeconds(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

type Side = 'analyze' | 'chrono';
interface SideRun {
  passes: number[];
  /** The first pass's main-thread CPU seconds, where the platform tells. */
  firstMain?: number;
  /** The first pass's system CPU seconds and minor page faults (the heap's new pages). */
  firstSystem: number;
  firstFaults: number;
  found: number;
}

/**
 * One side in a process of its own: warm up on 2,000 rows, then three timed passes over every row.
 * Each side has its own process because CPU time is per process: V8 compiles hot code and collects
 * garbage on background threads, so with both sides in one process part of one side's cost is
 * counted while the other runs (measured: the two sides interleaved in one process gave 0.76–0.95,
 * the same code 1.05–1.2 with each side's work counted against it).
 */
function runSide(side: Side): SideRun {
  const rows = syntheticRows(ROWS);
  const config = defaultConfig();
  let found = 0;
  const pass =
    side === 'analyze'
      ? (slice: CellValue[][], at: number) => {
          found += analyzeRows(slice, MAPPING, config, { ...CONTEXT, firstRowNumber: 2 + at }).length;
        }
      : (slice: CellValue[][]) => {
          for (const r of slice) found += chrono.parse(String(r[2]), REFERENCE).length;
        };
  pass(rows.slice(0, 2000), 0);
  found = 0;
  const passes: number[] = [];
  let firstMain: number | undefined;
  let firstSystem = 0;
  let firstFaults = 0;
  for (let p = 0; p < 3; p++) {
    const main = mainThreadSeconds();
    const cpu = process.cpuUsage();
    const faults = process.resourceUsage().minorPageFault;
    passes.push(
      time(() => {
        for (let at = 0; at < ROWS; at += 5_000) pass(rows.slice(at, at + 5_000), at);
      }),
    );
    const mainAfter = mainThreadSeconds();
    if (p === 0) {
      if (main !== undefined && mainAfter !== undefined) firstMain = mainAfter - main;
      firstSystem = process.cpuUsage(cpu).system / 1e6;
      firstFaults = process.resourceUsage().minorPageFault - faults;
    }
  }
  return { passes, firstMain, firstSystem, firstFaults, found: found / 3 };
}

function inChild(side: Side): SideRun {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, `--side=${side}`], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as SideRun;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(log: (line: string) => void): Promise<void> {
  const writeGood = loadWriteGood();
  const texts = syntheticRows(ROWS).map((r) => String(r[2]));
  const analyze: SideRun[] = [];
  const chronoRuns: SideRun[] = [];
  for (let t = 0; t < TRIALS; t++) {
    analyze.push(inChild('analyze'));
    chronoRuns.push(inChild('chrono'));
  }
  const dates = chronoRuns[TRIALS - 1].found;
  let flags = 0;
  const writeGoodSecs = time(() => {
    for (const t of texts) flags += writeGood(t).length;
  });
  /** The median over trials of one figure of a side's runs. */
  const med = (runs: SideRun[], figure: (r: SideRun) => number) => median(runs.map(figure));
  const first = (r: SideRun) => r.passes[0];
  const settled = (r: SideRun) => r.passes[2];
  const analyzeSecs = med(analyze, first);
  const chronoSecs = med(chronoRuns, first);

  log(`rows: ${ROWS} (chrono found ${dates} dates, write-good raised ${flags} flags)`);
  log(`method: each side in ${TRIALS} fresh processes, 2,000-row warm-up, CPU time of the process, medians`);
  log(
    `after two more passes: analyze rows/s ${Math.round(ROWS / med(analyze, settled))}, chrono-only rows/s ${Math.round(ROWS / med(chronoRuns, settled))}, ratio ${(med(analyze, settled) / med(chronoRuns, settled)).toFixed(2)}`,
  );
  if ([...analyze, ...chronoRuns].every((r) => r.firstMain !== undefined)) {
    // The rest of the process's CPU (first pass minus main thread) is V8's background threads.
    const main = (r: SideRun) => r.firstMain ?? 0;
    const other = (r: SideRun) => r.passes[0] - (r.firstMain ?? 0);
    log(
      `first pass, main thread only: analyze ${med(analyze, main).toFixed(2)} s, chrono ${med(chronoRuns, main).toFixed(2)} s, ratio ${(med(analyze, main) / med(chronoRuns, main)).toFixed(2)}; other threads (optimising compiles, GC): analyze ${med(analyze, other).toFixed(2)} s, chrono ${med(chronoRuns, other).toFixed(2)} s`,
    );
  }
  const sys = (runs: SideRun[]) => med(runs, (r) => r.firstSystem).toFixed(2);
  const faults = (runs: SideRun[]) => med(runs, (r) => r.firstFaults).toLocaleString('en-US');
  // analyzeRows returns each 5,000-row slice's results and they live until the slice is done (as
  // they do in the add-on); chrono's side keeps nothing. V8 moves such results to the old generation,
  // which grows page by page: the kernel's share of the first pass shows it.
  log(
    `first pass, system time and page faults (the heap growing): analyze ${sys(analyze)} s, ${faults(analyze)} faults; chrono ${sys(chronoRuns)} s, ${faults(chronoRuns)} faults`,
  );
  log(`analyze rows/s: ${Math.round(ROWS / analyzeSecs)}`);
  log(`chrono-only rows/s: ${Math.round(ROWS / chronoSecs)}`);
  log(`write-good rows/s: ${Math.round(ROWS / writeGoodSecs)}`);
  log(`analyze/chrono time ratio: ${(analyzeSecs / chronoSecs).toFixed(2)}`);
}

const sideArg = process.argv.find((a) => a.startsWith('--side='));
if (sideArg) {
  console.log(JSON.stringify(runSide(sideArg.slice('--side='.length) as Side)));
} else if (require.main === module) {
  run((line) => console.log(line)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
