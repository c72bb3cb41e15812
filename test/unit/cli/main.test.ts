import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { main } from '../../../src/cli/main';

const FIXTURES = path.resolve(__dirname, '../../fixtures/cli');
const UK = path.join(FIXTURES, 'pipeline-uk.csv');
const GOOD = path.join(FIXTURES, 'all-good.csv');
const BASE = ['--today', '2026-03-18', '--locale', 'en_GB', '--tz', 'Europe/London'];

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

interface JsonRow {
  row: number;
  deal: string;
  verdict: string;
  timing: string;
  score: number;
  due: string | null;
  writtenOn: string | null;
  findings: Array<{ rule: string; severity: string; message: string; start: number; length: number }>;
}

describe('next-step-tracker check (CSV)', () => {
  it('--json follows the contract: sheet row numbers, YYYY-MM-DD or null, findings with spans', async () => {
    const { code, out, err } = await run(['check', UK, ...BASE, '--json']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const rows = JSON.parse(out) as JsonRow[];
    // Title row is line 1, header line 2, so the first deal is row 3; the closed and blank rows are left out.
    expect(rows.map((r) => r.row)).toEqual([3, 4, 5, 7, 8, 10]);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual([
        'deal',
        'due',
        'findings',
        'row',
        'score',
        'timing',
        'verdict',
        'writtenOn',
      ]);
      for (const d of [r.due, r.writtenOn]) if (d !== null) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const f of r.findings) {
        expect(Object.keys(f).sort()).toEqual(['length', 'message', 'rule', 'severity', 'start']);
      }
    }
    const acme = rows[0];
    expect(acme).toMatchObject({
      deal: 'Acme renewal',
      verdict: 'ok',
      timing: 'overdue',
      due: '2026-03-16',
      writtenOn: '2026-03-10',
    });
    expect(rows.find((r) => r.deal === 'Stark')).toMatchObject({
      verdict: 'ok',
      timing: 'upcoming',
      due: '2026-03-20',
    });
    expect(rows.find((r) => r.deal === 'Hooli')?.verdict).toBe('bad');
    expect(rows.find((r) => r.deal === 'Initech pilot')).toMatchObject({ verdict: 'missing', due: null });
    const wayne = rows.find((r) => r.deal === 'Wayne')!;
    expect(wayne.verdict).toBe('missing');
    expect(wayne.findings[0].message).toContain('#REF!');
  });

  it('prints a readable table with row, deal, verdict, timing and reasons', async () => {
    const { code, out } = await run(['check', UK, ...BASE]);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^Row\s+Deal\s+Verdict\s+Timing\s+Reasons$/);
    expect(out).toMatch(/^3\s+Acme renewal\s+ok\s+overdue\s+Due 2026-03-16, 2 days ago/m);
    expect(out).toMatch(/^7\s+Hooli\s+BAD\s+undated\s+Waiting/m);
    expect(out).toContain(
      '6 open deals (today 2026-03-18): 2 ok, 1 weak, 1 bad, 2 missing; 1 closed skipped',
    );
  });

  it('--fail-on weak exits 1 when a row is weak or worse; 0 when all are ok', async () => {
    expect((await run(['check', UK, ...BASE, '--fail-on', 'weak'])).code).toBe(1);
    expect((await run(['check', GOOD, ...BASE, '--fail-on', 'weak'])).code).toBe(0);
  });

  it('--fail-on bad ignores weak rows but fails on bad and missing', async () => {
    expect((await run(['check', UK, ...BASE, '--fail-on', 'bad'])).code).toBe(1);
    expect((await run(['check', GOOD, ...BASE, '--fail-on=bad'])).code).toBe(0);
  });

  it('--column maps a header explicitly', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nst-'));
    const file = path.join(dir, 'odd.csv');
    writeFileSync(file, 'Deal,Plan\nAcme,Send deck to Jane Fri 20/03\n');
    const miss = await run(['check', file, ...BASE]);
    expect(miss.code).toBe(2);
    const { code, out } = await run(['check', file, ...BASE, '--column', 'nextStep=Plan', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)[0]).toMatchObject({ row: 2, deal: 'Acme', verdict: 'ok', due: '2026-03-20' });
  });

  it('numeric dates follow --locale', async () => {
    const gb = JSON.parse((await run(['check', GOOD, ...BASE, '--json'])).out) as JsonRow[];
    expect(gb[0].due).toBe('2026-03-20');
    const dir = mkdtempSync(path.join(tmpdir(), 'nst-'));
    const file = path.join(dir, 'us.csv');
    writeFileSync(file, 'Deal,Next step\nAcme,Demo for Jane 04/10\n');
    const us = JSON.parse(
      (await run(['check', file, '--today', '2026-03-18', '--locale', 'en_US', '--json'])).out,
    ) as JsonRow[];
    expect(us[0].due).toBe('2026-04-10');
  });
});

describe('next-step-tracker check (XLSX)', () => {
  it('reads Date cells, numbers, formulas and rich text from a workbook', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nst-'));
    const file = path.join(dir, 'pipeline.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['nothing here']);
    const ws = wb.addWorksheet('Pipeline');
    ws.addRow(['Deal', 'Stage', 'Amount', 'Next step', 'Next step due']);
    ws.addRow(['Acme', 'Proposal', 1200, 'Send revised MSA to Jane', new Date(Date.UTC(2026, 2, 16, 12))]);
    ws.addRow([
      'Globex',
      'Negotiation',
      { formula: 'C2*2', result: 2400 },
      { richText: [{ text: 'Follow ' }, { text: 'up' }] },
      '',
    ]);
    ws.addRow(['Initech', 'Won', 10, 'Signed', '']);
    await wb.xlsx.writeFile(file);
    const { code, out, err } = await run(['check', file, ...BASE, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as JsonRow[];
    expect(rows).toHaveLength(2);
    // The due column anchors the step (as NEXTSTEP_CHECK does): ok, and overdue by timing.
    expect(rows[0]).toMatchObject({
      row: 2,
      deal: 'Acme',
      verdict: 'ok',
      due: '2026-03-16',
      timing: 'overdue',
    });
    expect(rows[1]).toMatchObject({ row: 3, deal: 'Globex', verdict: 'bad' });
    const text = await run(['check', file, ...BASE]);
    expect(text.out).toContain('in sheet "Pipeline"');
  });
});

describe('errors exit 2 with one clear line on stderr', () => {
  it.each([
    [['check', path.join(FIXTURES, 'nope.csv')], /No such file: .*nope\.csv/],
    [['check', path.join(FIXTURES, 'no-next-step.csv'), ...BASE], /No next-step column found .*"Next step"/],
    [['check', UK, '--bogus'], /Unknown option --bogus/],
    [['check', UK, '--today', '18/03/2026'], /--today must be a date as YYYY-MM-DD/],
    [['check', UK, '--fail-on', 'ok'], /--fail-on must be weak or bad/],
    [['check', UK, '--tz', 'Mars/Base'], /unknown time zone "Mars\/Base"/],
    [['check', UK, '--column', 'nextstep'], /--column needs ROLE=HEADER/],
    [['check', UK, '--column', 'colour=Red'], /unknown role "colour"/],
    [['check'], /check needs a FILE/],
    [['check', UK, '--today'], /--today needs a value/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j', async (argv, message) => {
    const { code, out, err } = await run(argv as string[]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('an unreadable workbook is an error, not a crash', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nst-'));
    const file = path.join(dir, 'broken.xlsx');
    writeFileSync(file, 'PK\u0003\u0004 this is not really a zip');
    const { code, err } = await run(['check', file, ...BASE]);
    expect(code).toBe(2);
    expect(err).toMatch(/Cannot read .*broken\.xlsx as an XLSX workbook/);
  });

  it('a directory is an error', async () => {
    const { code, err } = await run(['check', FIXTURES, ...BASE]);
    expect(code).toBe(2);
    expect(err).toMatch(/is a directory/);
  });
});

describe('help', () => {
  it('--help lists the commands and exits 0', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('check');
  });

  it('check --help documents every option', async () => {
    const { code, out } = await run(['check', '--help']);
    expect(code).toBe(0);
    for (const flag of ['--today', '--locale', '--tz', '--column', '--json', '--fail-on', '--help'])
      expect(out).toContain(flag);
  });

  it('no arguments prints usage to stderr and exits 2', async () => {
    const { code, err } = await run([]);
    expect(code).toBe(2);
    expect(err).toContain('Usage');
  });
});
