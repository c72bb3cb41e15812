/** A small, strict flag parser: unknown flags are errors, never silently ignored. */
import { UsageError } from './io';

export interface FlagSpec {
  /** Takes a value (`--today 2026-03-01` or `--today=2026-03-01`). */
  value?: boolean;
  /** May be given more than once (values collected). */
  repeat?: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string[]>;
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/^--?/, '');
    // Own keys only: --constructor or --__proto__ must not find Object.prototype's members.
    const s = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (!s) throw new UsageError(`Unknown option ${arg.split('=')[0]}`);
    let value = 'true';
    if (s.value) {
      if (eq >= 0) value = arg.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('--') && next.length > 2)) {
          throw new UsageError(`Option --${name} needs a value`);
        }
        value = next;
        i++;
      }
    } else if (eq >= 0) {
      throw new UsageError(`Option --${name} takes no value`);
    }
    if (flags[name] && !s.repeat) throw new UsageError(`Option --${name} was given twice`);
    flags[name] = [...(flags[name] ?? []), value];
  }
  return { positionals, flags };
}
