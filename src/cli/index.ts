/** The bin entry (bundled to build/cli.js): run the CLI and hand its exit code to Node. */
import { main } from './main';

// `check big.csv | head`: the reader went away. Stop quietly, as Unix tools do, not with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`next-step-tracker: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 2;
  },
);
