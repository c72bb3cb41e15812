/**
 * Cold start (issue 17). Each `=NEXTSTEP_CHECK(G3)` filled down a column is its own Apps Script
 * execution: it loads the whole bundle and judges one entry. This bench measures that first call
 * side by side with chrono-node/en bundled alone (same esbuild options) doing the same first parse:
 * each trial is a fresh Node process that compiles and runs the bundle in a new vm context, then makes
 * one call. What is timed is the CPU time (user + system) of the process from running the bundle's
 * source to the end of the first call; reading the file and starting Node are not counted on either
 * side. Trials alternate sides so a busy machine slows both alike; medians are compared.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const CODE = path.join(ROOT, 'dist', 'Code.js');
const TRIALS = 11;
const ENTRY = 'Pricing review call with the CFO Tue 3pm';

// Runs inside the child: argv = [bundle, kind, entry]. Prints CPU and wall milliseconds as JSON.
const PROBE = `
const fs = require('fs'), vm = require('vm');
const [file, kind, entry] = process.argv.slice(1);
const source = fs.readFileSync(file, 'utf8');
const context = vm.createContext({});
const cpu0 = process.cpuUsage(), wall0 = process.hrtime.bigint();
vm.runInContext(source, context, { filename: file });
const cpuLoad = process.cpuUsage(cpu0);
context.__entry = entry;
const out = kind === 'engine'
  ? vm.runInContext('NEXTSTEP_CHECK(__entry)', context)
  : vm.runInContext('chronoOnly.parse(__entry, new Date(Date.UTC(2026, 2, 15, 12))).length', context);
const cpu = process.cpuUsage(cpu0), wall = Number(process.hrtime.bigint() - wall0) / 1e6;
process.stdout.write(JSON.stringify({
  cpu: (cpu.user + cpu.system) / 1000,
  load: (cpuLoad.user + cpuLoad.system) / 1000,
  wall,
  out: String(out),
}));
`;

interface Trial {
  cpu: number;
  load: number;
  wall: number;
  out: string;
}

function chronoBundle(): string {
  const file = path.join(os.tmpdir(), `nst-chrono-only-${process.pid}.js`);
  esbuild.buildSync({
    stdin: {
      contents: "import * as chrono from 'chrono-node/en'; globalThis.chronoOnly = { parse: chrono.parse };",
      resolveDir: ROOT,
      sourcefile: 'chrono-only.js',
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    legalComments: 'none',
    charset: 'utf8',
    outfile: file,
    logLevel: 'error',
  });
  return file;
}

function trial(file: string, kind: 'engine' | 'chrono'): Trial {
  const run = spawnSync(process.execPath, ['-e', PROBE, file, kind, ENTRY], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`cold-start probe (${kind}) failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Trial;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export async function run(log: (line: string) => void): Promise<void> {
  if (!fs.existsSync(CODE)) throw new Error(`${CODE} is missing: run npm run build first`);
  const chronoFile = chronoBundle();
  try {
    const engine: Trial[] = [];
    const chrono: Trial[] = [];
    for (let i = 0; i < TRIALS; i++) {
      // Alternate which side goes first, so neither always runs on a warmer disk cache.
      if (i % 2 === 0) {
        engine.push(trial(CODE, 'engine'));
        chrono.push(trial(chronoFile, 'chrono'));
      } else {
        chrono.push(trial(chronoFile, 'chrono'));
        engine.push(trial(CODE, 'engine'));
      }
    }
    const kb = (f: string) => Math.round(fs.statSync(f).size / 1024);
    const e = median(engine.map((t) => t.cpu));
    const c = median(chrono.map((t) => t.cpu));
    log(`entry: "${ENTRY}" → ${engine[0].out}; chrono found ${chrono[0].out} date(s)`);
    log(`bundle sizes: dist/Code.js ${kb(CODE)} KB, chrono-node/en alone ${kb(chronoFile)} KB`);
    log(
      `engine first call (CPU ms, median of ${TRIALS}): ${e.toFixed(1)} ` +
        `(load ${median(engine.map((t) => t.load)).toFixed(1)}), wall ${median(engine.map((t) => t.wall)).toFixed(1)}`,
    );
    log(
      `chrono first parse (CPU ms, median of ${TRIALS}): ${c.toFixed(1)} ` +
        `(load ${median(chrono.map((t) => t.load)).toFixed(1)}), wall ${median(chrono.map((t) => t.wall)).toFixed(1)}`,
    );
    log(`cold first call ratio: ${(e / c).toFixed(2)}`);
  } finally {
    fs.rmSync(chronoFile, { force: true });
  }
}

if (require.main === module) {
  run((line) => console.log(line)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
