/**
 * `npm run bench`: runs every bench/*.bench.ts in turn and prints its figures. The engine's bench runs
 * last, so the run ends with its four summary lines (issue 4's contract).
 */
import * as fs from 'fs';
import * as path from 'path';

interface BenchModule {
  run(log: (line: string) => void): Promise<void>;
}

async function main(): Promise<void> {
  const dir = path.resolve(__dirname, '..', 'bench');
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort((a, b) => Number(a === 'engine.bench.ts') - Number(b === 'engine.bench.ts') || a.localeCompare(b));
  for (const file of files) {
    console.log(`\n== ${file.replace('.bench.ts', '')}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- benches are discovered at run time
    const bench = require(path.join(dir, file)) as BenchModule;
    await bench.run((line) => console.log(line));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
