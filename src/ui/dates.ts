/**
 * Calendar days for the compose form: quick picks ("Fri", "next Tue") resolved against the
 * spreadsheet's today, and the way a day is written into a next step. Pure: today is an input.
 * Days are ISO strings (`YYYY-MM-DD`) handled as UTC-midnight labels, so no machine zone shifts them.
 */
import { isDayFirst } from '../core/dates/locale';

export type IsoDay = string;

const MS_PER_DAY = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function isIsoDay(value: unknown): value is IsoDay {
  if (typeof value !== 'string') return false;
  const m = ISO.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

function toDayNumber(iso: IsoDay): number {
  const m = ISO.exec(iso);
  if (!m || !isIsoDay(iso)) throw new RangeError(`Not an ISO day: ${iso}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

function fromDayNumber(n: number): IsoDay {
  const d = new Date(n * MS_PER_DAY);
  const pad = (v: number, w = 2): string => String(v).padStart(w, '0');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDays(iso: IsoDay, days: number): IsoDay {
  return fromDayNumber(toDayNumber(iso) + days);
}

export function daysBetween(a: IsoDay, b: IsoDay): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(iso: IsoDay): number {
  return (((toDayNumber(iso) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export type WeekStart = 'monday' | 'sunday';

export function startOfWeek(iso: IsoDay, weekStart: WeekStart): IsoDay {
  const first = weekStart === 'sunday' ? 0 : 1;
  return addDays(iso, -((weekdayOf(iso) - first + 7) % 7));
}

/** The first `weekday` strictly after `today` ("Fri" said on a Friday means next Friday). */
export function nextWeekday(today: IsoDay, weekday: number): IsoDay {
  const delta = (weekday - weekdayOf(today) + 7) % 7 || 7;
  return addDays(today, delta);
}

/** `weekday` in the week after this one ("next Tue"), weeks starting on `weekStart`. */
export function weekdayNextWeek(today: IsoDay, weekday: number, weekStart: WeekStart): IsoDay {
  const nextWeek = addDays(startOfWeek(today, weekStart), 7);
  const first = weekStart === 'sunday' ? 0 : 1;
  return addDays(nextWeek, (weekday - first + 7) % 7);
}

/** The next working day (Mon–Fri) after today. */
export function nextWorkingDay(today: IsoDay): IsoDay {
  let d = addDays(today, 1);
  while (weekdayOf(d) === 0 || weekdayOf(d) === 6) d = addDays(d, 1);
  return d;
}

export type QuickPickId = 'tomorrow' | 'fri' | 'next-mon' | 'next-tue' | 'in-2-weeks';

export interface QuickPick {
  id: QuickPickId;
  /** Button text, e.g. `Fri`. */
  label: string;
  date: IsoDay;
  /** Accessible name including the date, e.g. `Fri, 13 Mar`. */
  description: string;
}

export const QUICK_PICK_IDS: readonly QuickPickId[] = [
  'tomorrow',
  'fri',
  'next-mon',
  'next-tue',
  'in-2-weeks',
];

/** The day a quick pick stands for, given today in the spreadsheet's zone. */
export function resolveQuickPick(id: QuickPickId, today: IsoDay, weekStart: WeekStart): IsoDay {
  switch (id) {
    case 'tomorrow':
      return nextWorkingDay(today);
    case 'fri':
      return nextWeekday(today, 5);
    case 'next-mon':
      return weekdayNextWeek(today, 1, weekStart);
    case 'next-tue':
      return weekdayNextWeek(today, 2, weekStart);
    case 'in-2-weeks':
      return addDays(today, 14);
  }
}

export function quickPicks(today: IsoDay, weekStart: WeekStart, locale: string): QuickPick[] {
  const labels: Record<QuickPickId, string> = {
    tomorrow: weekdayOf(today) === 5 || weekdayOf(today) === 6 ? 'Mon' : 'Tomorrow',
    fri: 'Fri',
    'next-mon': 'Next Mon',
    'next-tue': 'Next Tue',
    'in-2-weeks': 'In 2 weeks',
  };
  return QUICK_PICK_IDS.map((id) => {
    const date = resolveQuickPick(id, today, weekStart);
    return { id, label: labels[id], date, description: `${labels[id]}: ${formatDay(date, today, locale)}` };
  });
}

/** Whether the locale writes day before month (en_GB, fr_FR…) rather than month first (en_US): the engine's rule. */
export function dayFirst(locale: string): boolean {
  return isDayFirst(locale);
}

/**
 * A day as a rep would write it in a next step: `Fri 13 Mar` (en_GB) or `Fri Mar 13` (en_US), with the
 * year when it is not within the next 180 days (so the engine never has to guess it).
 */
export function formatDay(iso: IsoDay, today: IsoDay, locale: string): string {
  const m = ISO.exec(iso);
  if (!m || !isIsoDay(iso)) return iso;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const wd = WEEKDAYS[weekdayOf(iso)];
  const mon = MONTHS[month - 1];
  const ahead = isIsoDay(today) ? daysBetween(today, iso) : 0;
  const withYear = ahead < 0 || ahead > 180;
  if (dayFirst(locale)) return withYear ? `${wd} ${day} ${mon} ${year}` : `${wd} ${day} ${mon}`;
  return withYear ? `${wd} ${mon} ${day}, ${year}` : `${wd} ${mon} ${day}`;
}
