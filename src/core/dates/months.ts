/** English month and weekday names as regex sources and lookups. */
export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Monday to Friday. */
export const WORKDAY_NAMES: readonly string[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

/** Monday to Sunday. */
export const WEEKDAY_NAMES: readonly string[] = [...WORKDAY_NAMES, 'saturday', 'sunday'];

/** The usual abbreviations of Monday to Friday ("Tues", "Thurs"). */
export const WORKDAY_ABBREVIATIONS: readonly string[] = [
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
];

/** The usual abbreviations of Monday to Sunday. */
export const WEEKDAY_ABBREVIATIONS: readonly string[] = [...WORKDAY_ABBREVIATIONS, 'sat', 'sun'];

/** The usual abbreviations of the months whose names are longer than three letters ("Sept" too). */
export const MONTH_ABBREVIATIONS: readonly string[] = [
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
];

/** Matches a month name or its usual abbreviation ("Sept", "Feb."). */
export const MONTH_SRC =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

export function monthFromWord(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTH_NAMES.findIndex(
    (m) => m.startsWith(w.slice(0, 3)) && m.startsWith(w.replace('sept', 'sep')),
  );
  if (i >= 0) return i + 1;
  if (w === 'sept') return 9;
  return undefined;
}
