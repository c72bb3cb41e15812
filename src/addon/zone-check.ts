/**
 * Whether `Intl.DateTimeFormat` with a `timeZone` gives the same wall-clock time as Apps Script's own
 * `Utilities.formatDate` in this runtime. The engine reads dates through Intl; the Apps Script reference
 * documents Utilities.formatDate but says nothing of Intl time-zone data in V8, so the add-on checks
 * once per execution (per zone) and, where they disagree, takes today's date from Utilities.
 */
const verdicts = new Map<string, boolean>();

/** Two instants either side of a DST change in most zones, at times where an hour's error shows. */
const PROBES = [Date.UTC(2026, 0, 15, 23, 30), Date.UTC(2026, 6, 15, 23, 30)];

type Formatter = (date: Date, zone: string, pattern: string) => string;

function utilitiesFormatter(): Formatter | undefined {
  try {
    if (typeof Utilities !== 'undefined' && Utilities && typeof Utilities.formatDate === 'function')
      return (d, z, p) => Utilities.formatDate(d, z, p);
  } catch {
    // No Utilities here (tests, CLI): nothing to compare with.
  }
  return undefined;
}

/** `yyyy-MM-dd HH:mm` of `ms` in `zone` by Intl, or undefined when Intl refuses the zone. */
export function intlWallClock(ms: number, zone: string): string | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(ms));
    const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
  } catch {
    return undefined;
  }
}

export interface ZoneComparison {
  zone: string;
  /** Intl's and Utilities' readings of each probe instant ('' where one is unavailable). */
  intl: string[];
  utilities: string[];
  agree: boolean;
}

/** Compares Intl with Utilities.formatDate in `zone` (no memo): what the self-test reports. */
export function compareZone(zone: string, probes: readonly number[] = PROBES): ZoneComparison {
  const format = utilitiesFormatter();
  const intl = probes.map((ms) => intlWallClock(ms, zone) ?? '');
  const utilities = probes.map((ms) => (format ? format(new Date(ms), zone, 'yyyy-MM-dd HH:mm') : ''));
  const agree = !format || intl.every((v, i) => v !== '' && v === utilities[i]);
  return { zone, intl, utilities, agree };
}

/** Memoised per execution: true when Intl can be trusted in `zone` (or there is nothing to check against). */
export function intlAgrees(zone: string): boolean {
  let v = verdicts.get(zone);
  if (v === undefined) {
    try {
      v = compareZone(zone).agree;
    } catch {
      v = true;
    }
    verdicts.set(zone, v);
  }
  return v;
}

/** Today's date (`yyyy-MM-dd`) in `zone` from Utilities.formatDate, or undefined without Utilities. */
export function utilitiesDay(now: Date, zone: string): string | undefined {
  const format = utilitiesFormatter();
  if (!format) return undefined;
  try {
    return format(now, zone, 'yyyy-MM-dd');
  } catch {
    return undefined;
  }
}

/** Whether Utilities.formatDate accepts `zone` (used when Intl has no time-zone data at all). */
export function utilitiesKnowsZone(zone: string): boolean {
  return utilitiesDay(new Date(0), zone) !== undefined;
}

/** For tests: forget the verdicts, as a new execution would. */
export function resetZoneCheck(): void {
  verdicts.clear();
}
