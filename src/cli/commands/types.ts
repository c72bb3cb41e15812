import type { CliIo } from '../io';

/** Environment the commands read, injected so tests never depend on the machine's clock or zone. */
export interface CliEnv {
  /** The instant "now" (for the default --today). */
  now: Date;
  /** Default zone and locale when no flag is given. */
  timeZone: string;
  locale: string;
}

/** One subcommand: `next-step-tracker <name> ...`. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text for `<name> --help`. */
  help: string;
  run(argv: string[], io: CliIo, env: CliEnv): Promise<number>;
}
