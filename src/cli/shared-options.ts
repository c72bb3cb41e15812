/**
 * Options `check` and `review` both take, read the same way:
 *   --column ROLE=HEADER  (repeatable) which header holds a role, when the synonyms do not find it;
 *   --config FILE         the engine's settings as JSON (rules, freshness days per stage, phrases).
 * A config file that cannot be read, is not JSON, or has any invalid setting stops the run (exit 2):
 * a CI gate must never pass on rules the user did not ask for. Messages name the file and the
 * position or setting, never echo the file's bytes.
 */
import { readFile, stat } from 'fs/promises';
import { HEADER_SYNONYMS } from '../core/columns';
import { parseConfig, type Config } from '../core/config';
import type { ColumnRole } from '../core/types';
import type { FlagSpec } from './args';
import { UsageError } from './io';

export const ROLES = Object.keys(HEADER_SYNONYMS) as ColumnRole[];

export const SHARED_FLAGS: Record<string, FlagSpec> = {
  column: { value: true, repeat: true },
  config: { value: true },
};

export const SHARED_HELP = `  --column ROLE=HEADER   Use HEADER for ROLE; repeatable. Roles: ${ROLES.join(', ')}
  --config FILE          Settings JSON (rules, freshness days per stage, phrases); see docs/engine.md.
                         An unreadable or invalid file stops with exit 2`;

/** Config files are a few KB; anything far larger is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export function parseColumnFlags(values: readonly string[]): Partial<Record<ColumnRole, string>> {
  const explicit: Partial<Record<ColumnRole, string>> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new UsageError(`--column needs ROLE=HEADER, got "${v}"`);
    const role = v.slice(0, eq).trim();
    if (!(ROLES as string[]).includes(role))
      throw new UsageError(`--column: unknown role "${role}"; roles are ${ROLES.join(', ')}`);
    if (explicit[role as ColumnRole] !== undefined) throw new UsageError(`--column: ${role} was given twice`);
    explicit[role as ColumnRole] = v.slice(eq + 1).trim();
  }
  return explicit;
}

function jsonPosition(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` (line ${line}, column ${column})`;
}

/** The config JSON text, validated; throws UsageError (exit 2) on any problem. */
export async function readConfigFile(file: string): Promise<{ config: Config; text: string }> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a regular file');
    if (info.size > MAX_CONFIG_BYTES) throw new Error('larger than 1 MB');
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new UsageError(`--config: cannot read ${file} (${why})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    // V8's message quotes the text near the error; only the position is reported.
    throw new UsageError(`--config: ${file} is not valid JSON${jsonPosition(text, (err as Error).message)}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new UsageError(`--config: ${file} must hold a JSON object of settings`);
  const { config, problems } = parseConfig(raw);
  if (problems.length > 0) {
    throw new UsageError(
      `--config: ${file} has ${problems.length === 1 ? 'an invalid setting' : `${problems.length} invalid settings`}: ${problems.join('; ')}`,
    );
  }
  return { config, text: JSON.stringify(raw) };
}

export async function loadConfigFlag(file: string | undefined): Promise<Config> {
  return file === undefined ? parseConfig(undefined).config : (await readConfigFile(file)).config;
}
