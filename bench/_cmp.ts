import * as chrono from 'chrono-node/en';
import { analyzeRows, analyzeText } from '../src/core/analyze';
import { defaultConfig } from '../src/core/config';
import { syntheticRows } from './engine.bench';
const rows = syntheticRows(100000);
const texts = rows.map((r) => String(r[2]));
const cfg = defaultConfig();
const ref = { instant: new Date(Date.UTC(2026, 2, 15, 12)), timezone: 0 };
function time(name: string, fn: () => void) { const c0 = process.cpuUsage(); fn(); const c = process.cpuUsage(c0); const ms = (c.user + c.system) / 1e3; console.log(name.padEnd(14), ms.toFixed(0), 'ms'); }
for (let k = 0; k < 3; k++) {
  time('chrono', () => { for (const t of texts) chrono.parse(t, ref); });
  time('analyzeText', () => { for (const t of texts) analyzeText(t, { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB', config: cfg }); });
  time('analyzeRows', () => { analyzeRows(rows, { deal: 0, stage: 1, nextStep: 2, nextStepUpdated: 3 }, cfg, { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB', firstRowNumber: 2 }); });
}
