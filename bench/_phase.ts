import { extractDates } from '../src/core/dates/extract';
import { detectWrittenPrefix } from '../src/core/dates/written-prefix';
import { splitClauses } from '../src/core/reading/clauses';
import { vocabularyFor } from '../src/core/reading/vocabulary';
import { readText } from '../src/core/reading/read';
import { analyzeText } from '../src/core/analyze';
import { defaultConfig } from '../src/core/config';
import * as chrono from 'chrono-node/en';
import { syntheticRows } from './engine.bench';
const texts = syntheticRows(30000).map((r) => String(r[2]));
const cfg = defaultConfig();
const v = vocabularyFor(cfg);
const o = { locale: 'en_GB', reference: '2026-03-15', weekStart: 'monday' as const };
function t(name: string, fn: (s: string) => unknown) {
  for (const s of texts.slice(0, 3000)) fn(s);
  const t0 = process.hrtime.bigint();
  for (const s of texts) fn(s);
  console.log(name.padEnd(12), (Number(process.hrtime.bigint() - t0) / 1e6 / texts.length * 1000).toFixed(2), 'µs/text');
}
const ref = { instant: new Date(Date.UTC(2026, 2, 15, 12)), timezone: 0 };
for (let k = 0; k < 2; k++) {
t('chrono', (s) => chrono.parse(s, ref));
t('prefix', (s) => detectWrittenPrefix(s, 'en_GB', '2026-03-15'));
t('extract', (s) => extractDates(s, o));
t('clauses', (s) => splitClauses(s, 0));
t('scan', (s) => v.index.scan(s.toLowerCase()));
t('readText', (s) => readText(s, cfg, o));
t('analyzeText', (s) => analyzeText(s, { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB', config: cfg }));
}
import { analyzeRows } from '../src/core/analyze';
const rows = syntheticRows(30000);
for (let k = 0; k < 3; k++) {
  const t0 = process.hrtime.bigint();
  analyzeRows(rows, { deal: 0, stage: 1, nextStep: 2, nextStepUpdated: 3 }, cfg, { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB', firstRowNumber: 2 });
  console.log('analyzeRows', (Number(process.hrtime.bigint() - t0) / 1e6 / rows.length * 1000).toFixed(2), 'µs/row');
  const t1 = process.hrtime.bigint();
  for (const r of rows) analyzeText(r[2], { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB', config: cfg });
  console.log('analyzeText', (Number(process.hrtime.bigint() - t1) / 1e6 / rows.length * 1000).toFixed(2), 'µs/row');
}
