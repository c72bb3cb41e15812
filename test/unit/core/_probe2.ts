import { analyzeText } from '../../../src/core/analyze';
const lines = require('fs')
  .readFileSync(0, 'utf8')
  .split('\n')
  .filter((l: string) => l.trim());
let bad = 0;
for (const l of lines) {
  const [exp, text] = l.split(' | ');
  const a = analyzeText(text, { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB' });
  const [ev, ea] = exp.split('/');
  const anchored = a.due !== undefined ? 'y' : 'n';
  const ok = a.verdict === ev && (!ea || ea === anchored);
  if (!ok) bad++;
  console.log(ok ? '  ' : 'XX', exp.padEnd(7), a.verdict.padEnd(5), (a.due ?? '-').padEnd(10), text);
}
console.log('mismatches', bad, 'of', lines.length);
