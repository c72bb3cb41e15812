/** The bin entry (bundled to build/cli.js): run the CLI and hand its exit code to Node. */
import { main } from './main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`next-step-tracker: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 2;
  },
);
