/** The subcommand table. To add one, write commands/<name>.ts exporting a Command and list it here. */
import { checkCommand } from './check';
import { reviewCommand } from '../review';
import type { Command } from './types';

export type { CliEnv, Command } from './types';

export const COMMANDS: readonly Command[] = [checkCommand, reviewCommand];
