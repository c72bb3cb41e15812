/** How a spreadsheet locale writes numeric dates. */
export type NumericDateOrder = 'DMY' | 'MDY' | 'YMD';

// Regions whose Sheets locales write month first. Everything else English-speaking writes day first.
const MONTH_FIRST_REGIONS = new Set(['US', 'PH', 'FM', 'MH', 'PW', 'GU', 'AS', 'PR', 'UM', 'VI', 'MP', 'BZ']);
const YEAR_FIRST_LANGUAGES = new Set(['zh', 'ja', 'ko', 'hu', 'lt', 'mn']);

const orderCache = new Map<string, NumericDateOrder>();

export function numericDateOrder(locale: string | undefined): NumericDateOrder {
  const key = String(locale ?? '');
  let order = orderCache.get(key);
  if (order === undefined) {
    order = computeOrder(key);
    if (orderCache.size < 100) orderCache.set(key, order);
  }
  return order;
}

function computeOrder(locale: string): NumericDateOrder {
  const parts = String(locale ?? '')
    .trim()
    .split(/[-_]/);
  const language = (parts[0] ?? '').toLowerCase();
  const region = (parts[1] ?? '').toUpperCase();
  if (YEAR_FIRST_LANGUAGES.has(language)) return 'YMD';
  if (MONTH_FIRST_REGIONS.has(region)) return 'MDY';
  if (language === 'en' && region === '') return 'MDY'; // bare "en" is Sheets' US default
  if (language === '' && region === '') return 'MDY';
  return 'DMY';
}

export function isDayFirst(locale: string | undefined): boolean {
  return numericDateOrder(locale) !== 'MDY';
}
