/**
 * check on exports as teams really send them: US and day-first dates with no flags, hostile cell
 * text, broken config files, a workbook that reaches XFD1048576, shared --column/--config options.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { main } from '../../../src/cli/main';
import { safeText } from '../../../src/cli/safe-text';
import fc from 'fast-check';

const dir = mkdtempSync(path.join(tmpdir(), 'nst-check-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function run(argv: string[], env: { locale?: string } = {}) {
  let out = '';
  let err = '';
  const code = await main(
    argv,
    { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
    { now: new Date('2026-03-18T12:00:00Z'), timeZone: 'Europe/London', locale: env.locale ?? 'en_US' },
  );
  return { code, out, err };
}

interface Row {
  row: number;
  deal: string;
  due: string | null;
  writtenOn: string | null;
}

describe('date order from the file, no flags', () => {
  const US = file(
    'us.csv',
    [
      'Opportunity Name,Stage,Value (USD),Next Step,Last Touched',
      'Acme,Proposal,1200,Pricing call with Jane on 03/04/2026,03/02/2026',
      'Globex,Negotiation,900,Send MSA to the CFO by 03/13/2026,03/05/2026',
    ].join('\n'),
  );
  const UK = file(
    'uk.csv',
    [
      'Deal,Stage,Amount (£),Next step,Last activity',
      'Acme,Proposal,1200,Pricing call with Jane on 03/04/2026,02/03/2026',
      'Globex,Negotiation,900,Demo for the CFO on 20/03/2026,05/03/2026',
    ].join('\n'),
  );

  test('a US export reads month-first even on a day-first machine', async () => {
    const { code, out, err } = await run(['check', US, '--json'], { locale: 'en_GB' });
    expect(code).toBe(0);
    expect(err).toBe('');
    const rows = JSON.parse(out) as Row[];
    expect(rows.map((r) => r.due)).toEqual(['2026-03-04', '2026-03-13']);
  });

  test('a day-first export reads day-first even on a US machine', async () => {
    const { code, out, err } = await run(['check', UK, '--json'], { locale: 'en_US' });
    expect(code).toBe(0);
    expect(err).toBe('');
    const rows = JSON.parse(out) as Row[];
    expect(rows.map((r) => r.due)).toEqual(['2026-04-03', '2026-03-20']);
  });

  test('a --locale the data contradicts is kept, with one warning', async () => {
    const { code, err } = await run(['check', UK, '--locale', 'en_US', '--json']);
    expect(code).toBe(0);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/warning: The file's dates look day-first \("20\/03\/2026"\).*--locale en_US/);
  });

  test('"Last Touched" is read as when the step was updated (month-first, from the data)', async () => {
    const csv = file(
      'touched.csv',
      'Deal,Value (USD),Next step,Last Touched\nAcme,1200,Pricing call with Jane on 2026-06-30,03/02/2026\nGlobex,1,Demo for Tom on 2026-06-30,03/14/2026\n',
    );
    const rows = JSON.parse((await run(['check', csv, '--today', '2026-03-20', '--json'])).out) as Array<
      Row & { timing: string }
    >;
    // 2 March is 18 days before today (stale after 14); 14 March is 6 days (fresh).
    expect(rows.map((r) => r.timing)).toEqual(['stale', 'upcoming']);
  });
});

describe('review reads the date order from the file too', () => {
  test('a day-first export with no --locale builds the same review as with --locale en_GB', async () => {
    const uk = file(
      'uk-review.csv',
      'Deal,Stage,Next step,Next step due\nAcme,Proposal,Pricing call with Jane,03/04/2026\nGlobex,Demo,Demo for the CFO,20/03/2026\n',
    );
    const args = ['review', uk, '--today', '2026-03-18', '--tz', 'Europe/London', '--json'];
    const inferred = await run(args, { locale: 'en_US' });
    const given = await run([...args, '--locale', 'en_GB'], { locale: 'en_US' });
    const us = await run([...args, '--locale', 'en_US'], { locale: 'en_US' });
    expect(inferred.code).toBe(0);
    expect(inferred.out).toBe(given.out);
    expect(inferred.out).not.toBe(us.out);
  });
});

describe('hostile cell text', () => {
  test('escape sequences in a deal name are shown, not sent to the terminal', async () => {
    const evil = file(
      'evil.csv',
      'Deal,Next step\n"\u001b]0;pwned\u0007\u001b[2J\u001b]52;c;Y3VybA==\u0007Acme\u009b31m","Demo for Jane on 2026-03-20"\n',
    );
    const { code, out } = await run(['check', evil]);
    expect(code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('\\u001b]0;pwned\\u0007');
  });

  test('--json stays valid JSON holding the same text', async () => {
    const evil = file('evil2.csv', 'Deal,Next step\n"A\u009bB\u202eC",Demo for Jane on 2026-03-20\n');
    const { out } = await run(['check', evil, '--json']);
    expect((JSON.parse(out) as Row[])[0].deal).toBe('A\u009bB\u202eC');
    expect(out).not.toMatch(/[\u009b\u202e]/);
  });

  test('property: safeText output has no control characters, and JSON.parse of its quoted form restores the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const shown = safeText(JSON.stringify(s));
        // eslint-disable-next-line no-control-regex
        expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        expect(JSON.parse(shown)).toBe(s);
      }),
    );
  });
});

describe('--config errors stop the run', () => {
  const CSV = file('ok.csv', 'Deal,Next step\nAcme,Demo for Jane on 2026-03-20\n');
  test.each([
    ['invalid JSON', '{"rules": {"filler": "off",}', /--config: .*bad\.json is not valid JSON/],
    ['not an object', '["rules"]', /must hold a JSON object/],
    ['an invalid setting', '{"farFutureDays": -3}', /has an invalid setting: farFutureDays/],
    ['an unknown setting', '{"colour": "red"}', /colour is not a setting/],
  ])('%s: exit 2, no output, no echo of the file', async (_, content, message) => {
    const cfg = file('bad.json', content);
    for (const cmd of [['check', CSV, '--config', cfg]]) {
      const { code, out, err } = await run(cmd);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(message);
      expect(err.trim().split('\n')).toHaveLength(1);
      if (content.startsWith('{"rules"')) expect(err).not.toContain('"filler"');
    }
  });

  test('an unreadable file: exit 2', async () => {
    const { code, err } = await run(['check', CSV, '--config', path.join(dir, 'nope.json')]);
    expect(code).toBe(2);
    expect(err).toMatch(/--config: cannot read .*nope\.json \(no such file\)/);
  });

  test('a valid file applies: the filler rule switched off', async () => {
    const csv = file('filler.csv', 'Deal,Next step\nAcme,Follow up with Jane on 2026-03-20\n');
    const before = JSON.parse((await run(['check', csv, '--json'])).out) as Array<{
      findings: Array<{ rule: string }>;
    }>;
    expect(before[0].findings.map((f) => f.rule)).toContain('filler');
    const cfg = file('good.json', '{"rules": {"filler": "off"}}');
    const after = JSON.parse((await run(['check', csv, '--config', cfg, '--json'])).out) as typeof before;
    expect(after[0].findings.map((f) => f.rule)).not.toContain('filler');
  });
});

describe('sizes come from the cells, not the claimed range', () => {
  test('a workbook with one cell at XFD1048576 is refused within seconds, exit 2', async () => {
    const p = path.join(dir, 'far.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pipeline');
    ws.getCell('A1').value = 'Next step';
    ws.getCell('XFD1048576').value = 'x';
    await wb.xlsx.writeFile(p);
    const started = Date.now();
    const { code, out, err } = await run(['check', p]);
    const seconds = (Date.now() - started) / 1000;
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/sheet "Pipeline" has a cell at XFD1048576.*limit is 10,000,000 cells/);
    // Not a timing assertion on speed: a bound far above the measured ~0.1 s that an out-of-memory
    // crawl (the bug: a minute, 3.2 GB) could never meet.
    expect(seconds).toBeLessThan(20);
  });

  test('a sparse sheet with a gap of empty rows keeps its row numbers', async () => {
    const p = path.join(dir, 'gaps.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Deals');
    ws.getCell('A1').value = 'Deal';
    ws.getCell('B1').value = 'Next step';
    ws.getCell('A2').value = 'Acme';
    ws.getCell('B2').value = 'Demo for Jane on 2026-03-20';
    ws.getCell('A5000').value = 'Globex';
    ws.getCell('B5000').value = 'Follow up';
    await wb.xlsx.writeFile(p);
    const rows = JSON.parse((await run(['check', p, '--json'])).out) as Row[];
    expect(rows.map((r) => [r.row, r.deal])).toEqual([
      [2, 'Acme'],
      [5000, 'Globex'],
    ]);
  });
});

describe('check and review share --column and --config', () => {
  const CSV = file(
    'plan.csv',
    'Deal,Stage,Plan,Worth (USD)\nAcme,Proposal,Demo for Jane on 2026-03-20,1200\n',
  );

  test.each(['check', 'review'])('%s --column nextStep=Plan reads a header no synonym finds', async (cmd) => {
    const without = await run([cmd, CSV, '--today', '2026-03-18']);
    expect(without.code).toBe(2);
    expect(without.err).toMatch(/No next-step column/);
    const { code, err } = await run([
      cmd,
      CSV,
      '--today',
      '2026-03-18',
      '--column',
      'nextStep=Plan',
      '--json',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  test.each(['check', 'review'])('%s --config with invalid JSON exits 2', async (cmd) => {
    const cfg = file('broken.json', '{"rules": ');
    const { code, out, err } = await run([cmd, CSV, '--column', 'nextStep=Plan', '--config', cfg]);
    expect([code, out]).toEqual([2, '']);
    expect(err).toMatch(/is not valid JSON/);
  });
});

describe('option parsing', () => {
  test.each(['--constructor', '--__proto__', '--toString', '--hasOwnProperty'])(
    '%s is an unknown option',
    async (flag) => {
      const { code, err } = await run(['check', 'x.csv', flag]);
      expect(code).toBe(2);
      expect(err).toMatch(new RegExp(`Unknown option ${flag}`));
    },
  );

  test('a device or FIFO is refused at once, not read forever', async () => {
    const { code, err } = await run(['check', '/dev/zero']);
    expect(code).toBe(2);
    expect(err).toMatch(/not a regular file/);
  });
});
