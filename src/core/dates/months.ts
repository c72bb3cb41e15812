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
