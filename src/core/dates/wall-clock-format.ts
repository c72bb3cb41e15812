/** One cached Intl formatter per time zone that reads an instant's wall clock there, part by part. */

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An en-US formatter whose formatToParts gives the wall clock in `timeZone`: numeric year, month, day,
 * hour (0-23), minute and second, and the short weekday (Sun..Sat). Throws a RangeError for an unknown
 * zone (nothing is cached then).
 */
export function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}
