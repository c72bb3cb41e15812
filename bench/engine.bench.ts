/**
 * Throughput of the engine on 100,000 realistic synthetic pipeline rows, against chrono-node's parse
 * alone and write-good over the same texts. The engine parses dates itself for the common shapes and
 * calls chrono only when a cheap pre-check sees something only chrono can read, so the goal is an
 * analyze/chrono time ratio below 1: judging a row costs less than just date-parsing it with chrono.
 */
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

/**
 * CPU seconds of this process (user + system), not wall time: the bench shares machines with other
 * work, and CPU time is what the code costs. GC threads count against whichever side allocates.
 */
function time(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

export async function run(log: (line: string) => void): Promise<void> {
  const writeGood = loadWriteGood();
  const rows = syntheticRows(ROWS);
  const texts = rows.map((r) => String(r[2]));
  const config = defaultConfig();
  const ctx = { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB', firstRowNumber: 2 };
  const ref = { instant: new Date(Date.UTC(2026, 2, 15, 12)), timezone: 0 };

  // Warm up the JIT and the regex caches on a slice, so neither side pays a first-call cost.
  analyzeRows(rows.slice(0, 2000), MAPPING, config, ctx);
  for (const t of texts.slice(0, 2000)) chrono.parse(t, ref);

  // Interleave the two sides in chunks so a busy machine slows both alike; the ratio is what matters.
  const CHUNK = 5_000;
  let judged = 0;
  let found = 0;
  let analyzeSecs = 0;
  let chronoSecs = 0;
  for (let at = 0; at < ROWS; at += CHUNK) {
    const slice = rows.slice(at, at + CHUNK);
    const sliceTexts = texts.slice(at, at + CHUNK);
    analyzeSecs += time(() => {
      judged += analyzeRows(slice, MAPPING, config, { ...ctx, firstRowNumber: 2 + at }).length;
    });
    chronoSecs += time(() => {
      for (const t of sliceTexts) found += chrono.parse(t, ref).length;
    });
  }
  let flags = 0;
  const writeGoodSecs = time(() => {
    for (const t of texts) flags += writeGood(t).length;
  });

  log(`rows: ${judged} (chrono found ${found} dates, write-good raised ${flags} flags)`);
  log(`analyze rows/s: ${Math.round(ROWS / analyzeSecs)}`);
  log(`chrono-only rows/s: ${Math.round(ROWS / chronoSecs)}`);
  log(`write-good rows/s: ${Math.round(ROWS / writeGoodSecs)}`);
  log(`analyze/chrono time ratio: ${(analyzeSecs / chronoSecs).toFixed(2)}`);
}

if (require.main === module) {
  run((line) => console.log(line)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
