import { analyzeRows } from '../src/core/analyze';
import { defaultConfig } from '../src/core/config';
import { syntheticRows } from './engine.bench';
const rows = syntheticRows(100000);
const config = defaultConfig();
for (let k = 0; k < 2; k++) {
  const c0 = process.cpuUsage();
  analyzeRows(rows, { deal: 0, stage: 1, nextStep: 2, nextStepUpdated: 3 }, config, { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB', firstRowNumber: 2 });
  const c = process.cpuUsage(c0); console.log('cpu ms', (c.user + c.system) / 1000);
}
