import { readText } from '../../../src/core/reading/read';
import { defaultConfig } from '../../../src/core/config';
const c = defaultConfig();
for (const t of process.argv.slice(2)) {
  const r = readText(t, c, { locale: 'en_GB', weekStart: 'monday', reference: '2026-03-15' });
  console.log(t, '| prefix', JSON.stringify(r.prefix?.dateText));
  for (const cl of r.clauses)
    console.log(
      '  ',
      cl.kind,
      JSON.stringify(t.slice(cl.start, cl.end)),
      cl.cue?.text ?? '',
      cl.mentions.map((m) => m.text + '=' + m.date).join(','),
    );
  console.log(
    '   anchor',
    r.anchor?.text,
    'party',
    r.party?.text,
    'label',
    r.label?.text,
    'vague',
    r.vague.map((v) => v.text),
  );
}
