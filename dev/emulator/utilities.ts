/** Utilities (formatDate with SimpleDateFormat patterns, digests, base64), Session, Logger and console. */
import { createHash, randomUUID } from 'crypto';
import type { EmulatorContext } from './context';
import { isDate } from './context';
import { offsetMinutes, wallClock } from './tz';
import { DAY_NAMES, MONTH_NAMES } from './format';

/** Java SimpleDateFormat, the pattern language of Utilities.formatDate. */
export function formatSimpleDate(date: Date, timeZone: string, pattern: string): string {
  const w = wallClock(date, timeZone);
  const tokens = pattern.match(/'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return tokens
    .map((t) => {
      if (t.startsWith("'")) return t === "''" ? "'" : t.slice(1, -1).replace(/''/g, "'");
      const n = t.length;
      switch (t[0]) {
        case 'y':
        case 'Y':
          return n === 2 ? pad(w.year % 100, 2) : pad(w.year, n);
        case 'M':
        case 'L':
          if (n >= 4) return MONTH_NAMES[w.month - 1];
          if (n === 3) return MONTH_NAMES[w.month - 1].slice(0, 3);
          return pad(w.month, n);
        case 'd':
          return pad(w.day, n);
        case 'E':
          return n >= 4 ? DAY_NAMES[w.weekday] : DAY_NAMES[w.weekday].slice(0, 3);
        case 'u':
          return String(w.weekday === 0 ? 7 : w.weekday);
        case 'H':
          return pad(w.hour, n);
        case 'k':
          return pad(w.hour === 0 ? 24 : w.hour, n);
        case 'h':
          return pad(w.hour % 12 || 12, n);
        case 'K':
          return pad(w.hour % 12, n);
        case 'm':
          return pad(w.minute, n);
        case 's':
          return pad(w.second, n);
        case 'S':
          return pad(w.ms, 3).slice(0, Math.max(n, 3));
        case 'a':
          return w.hour < 12 ? 'AM' : 'PM';
        case 'Z': {
          const off = offsetMinutes(date, timeZone);
          const sign = off < 0 ? '-' : '+';
          return `${sign}${pad(Math.floor(Math.abs(off) / 60), 2)}${pad(Math.abs(off) % 60, 2)}`;
        }
        case 'X': {
          const off = offsetMinutes(date, timeZone);
          if (off === 0) return 'Z';
          const sign = off < 0 ? '-' : '+';
          const hh = pad(Math.floor(Math.abs(off) / 60), 2);
          const mm = pad(Math.abs(off) % 60, 2);
          return n === 1 ? `${sign}${hh}` : n === 2 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
        }
        case 'z': {
          const name = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
            .formatToParts(date)
            .find((p) => p.type === 'timeZoneName');
          return name?.value ?? timeZone;
        }
        default:
          if (/[A-Za-z]/.test(t[0])) throw new Error(`Illegal pattern character '${t[0]}'`);
          return t;
      }
    })
    .join('');
}

export const DigestAlgorithm = {
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const;
export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;

const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

/** Apps Script byte arrays are Java bytes: signed, -128..127. */
function toSignedBytes(buf: Buffer): number[] {
  return [...buf].map((b) => (b > 127 ? b - 256 : b));
}

function toBuffer(data: string | number[], charset?: string): Buffer {
  if (typeof data === 'string') return Buffer.from(data, charset === 'US_ASCII' ? 'ascii' : 'utf8');
  return Buffer.from(data.map((b) => (b < 0 ? b + 256 : b)));
}

export class UtilitiesImpl {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly Charset = Charset;

  constructor(readonly ctx: EmulatorContext) {}

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date))
      throw new Error(
        "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
      );
    return formatSimpleDate(date, timeZone, format);
  }

  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return template.replace(/%[sdfi%]/g, (m) => (m === '%%' ? '%' : String(args[i++])));
  }

  computeDigest(algorithm: string, value: string | number[], charset?: string): number[] {
    const name = NODE_DIGEST[String(algorithm)];
    if (!name) throw new Error(`not emulated: Utilities.computeDigest(${String(algorithm)})`);
    return toSignedBytes(createHash(name).update(toBuffer(value, charset)).digest());
  }

  base64Encode(data: string | number[], charset?: string): string {
    return toBuffer(data, charset).toString('base64');
  }

  base64EncodeWebSafe(data: string | number[], charset?: string): string {
    return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string): number[] {
    return toSignedBytes(Buffer.from(encoded, 'base64'));
  }

  base64DecodeWebSafe(encoded: string): number[] {
    return toSignedBytes(Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }

  newBlob(data: string | number[]): { getDataAsString(): string; getBytes(): number[] } {
    const buf = toBuffer(data);
    return { getDataAsString: () => buf.toString('utf8'), getBytes: () => toSignedBytes(buf) };
  }

  getUuid(): string {
    return randomUUID();
  }

  /** No real sleeping in the emulator: recorded and returns at once. */
  sleep(milliseconds: number): void {
    this.ctx.sleeps.push(milliseconds);
  }
}

export class SessionImpl {
  constructor(readonly ctx: EmulatorContext) {}

  private userFor(email: string): GoogleAppsScript.Base.User {
    const u = { getEmail: () => email, toString: () => email };
    return u as unknown as GoogleAppsScript.Base.User; // User has only deprecated members besides getEmail
  }

  /**
   * The email is "not available in any context that allows a script to run without that user's
   * authorization, like a simple onOpen(e) or onEdit(e) trigger, a custom function" (User.getEmail
   * reference): empty in NONE, LIMITED and CUSTOM_FUNCTION, the user's own in FULL.
   */
  private email(): string {
    return this.ctx.authMode === 'FULL' ? this.ctx.user.email : '';
  }

  getActiveUser(): GoogleAppsScript.Base.User {
    return this.userFor(this.email());
  }

  getEffectiveUser(): GoogleAppsScript.Base.User {
    return this.userFor(this.email());
  }

  getScriptTimeZone(): string {
    return this.ctx.scriptTimeZone;
  }

  getActiveUserLocale(): string {
    return this.ctx.ss.locale.split('_')[0];
  }

  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(this.ctx.user.email).digest('base64').slice(0, 24);
  }
}

function formatArgs(args: unknown[]): string {
  return args
    .map((a) => (typeof a === 'string' ? a : isDate(a) ? a.toString() : JSON.stringify(a)))
    .join(' ');
}

export class LoggerImpl {
  constructor(readonly ctx: EmulatorContext) {}

  log(format: unknown, ...values: unknown[]): LoggerImpl {
    const text =
      typeof format === 'string' && values.length
        ? format.replace(/%s/g, () => String(values.shift()))
        : formatArgs([format, ...values]);
    this.ctx.logs.push({ level: 'log', text });
    return this;
  }

  getLog(): string {
    return this.ctx.logs.map((l) => l.text).join('\n');
  }

  clear(): void {
    this.ctx.logs.length = 0;
  }
}

/** A console that records instead of printing, so test output stays quiet; read it from globals.logs. */
export function makeConsole(
  ctx: EmulatorContext,
): Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'> {
  const rec =
    (level: string) =>
    (...args: unknown[]): void => {
      ctx.logs.push({ level, text: formatArgs(args) });
    };
  return { log: rec('log'), info: rec('info'), warn: rec('warn'), error: rec('error'), debug: rec('debug') };
}
