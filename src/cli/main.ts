/** The CLI: `next-step-tracker <command> [options]`. Returns the exit code; never calls process.exit. */
import { COMMANDS, type CliEnv, type Command } from './commands';
import { UsageError, type CliIo } from './io';
import { safeWriter } from './safe-text';

export type { CliIo } from './io';

function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: next-step-tracker <command> [options]',
    '',
    'Keeps the "Next step" column of a sales pipeline honest: every open deal needs a concrete action',
    'with a date (and ideally a named person on the buyer side).',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run next-step-tracker <command> --help for its options.',
    '',
  ].join('\n');
}

function defaultLocale(): string {
  const lang = process.env.LC_ALL || process.env.LC_TIME || process.env.LANG || '';
  const m = /^([a-z]{2,3})_([A-Z]{2})/.exec(lang);
  return m ? `${m[1]}_${m[2]}` : 'en_US';
}

function defaultEnv(): CliEnv {
  return {
    now: new Date(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    locale: defaultLocale(),
  };
}

export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
  env: Partial<CliEnv> = {},
): Promise<number> {
  const fullEnv = { ...defaultEnv(), ...env };
  // Everything printed passes through safeText: cell text and file names can carry escape sequences.
  const raw = io;
  io = { stdout: safeWriter(raw.stdout), stderr: safeWriter(raw.stderr) };
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(usage(COMMANDS));
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage(COMMANDS));
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(
      `next-step-tracker: unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`,
    );
    return 2;
  }
  try {
    return await command.run(rest, io, fullEnv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`next-step-tracker ${command.name}: ${err.message}\n`);
      return 2;
    }
    io.stderr.write(
      `next-step-tracker ${command.name}: unexpected error: ${(err as Error).message ?? String(err)}\n`,
    );
    return 2;
  }
}
