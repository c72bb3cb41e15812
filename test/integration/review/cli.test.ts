/**
 * `next-step-tracker review` on a small pipeline, two weeks running from files: the --json model's
 * summary and sections are exactly what the rules say (worked out by hand below), and the XLSX keeps
 * formula-like text as text.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main } from '../../../src/cli/main';

jest.setTimeout(60_000);

const FIX = path.resolve(__dirname, '..', '..', 'fixtures', 'review');
const env = { now: new Date('2026-01-01T00:00:00Z'), timeZone: 'UTC', locale: 'en_US' };

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    args,
    { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
    env,
  );
  return { code, out, err };
}

type Section = {
  id: string;
  rows: Array<{
    row: number;
    deal: string;
    verdict: string | null;
    timing: string | null;
    due: string | null;
    change?: string;
    weeksUnchanged: number;
    reasons: string[];
  }>;
};

describe('next-step-tracker review', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nst-review-'));
  const history = path.join(dir, 'history.json');
  const xlsx = path.join(dir, 'review.xlsx');
  const base = ['--tz', 'Europe/London', '--locale', 'en_GB', '--history', history];

  it('week 11: summary and sections exactly right', async () => {
    const r = await cli([
      'review',
      path.join(FIX, 'small-week11.csv'),
      '--today',
      '2026-03-11',
      ...base,
      '--out',
      xlsx,
      '--json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out);
    expect(m.header).toMatchObject({
      weekId: '2026-W11',
      weekStart: '2026-03-09',
      weekEnd: '2026-03-15',
      today: '2026-03-11',
      previousWeekId: null,
    });
    const { agenda, ...summary } = m.summary;
    // Each section's count is the summary's (the tab shows them side by side).
    expect(agenda).toEqual(Object.fromEntries((m.sections as Section[]).map((s) => [s.id, s.rows.length])));
    expect(summary).toEqual({
      openDeals: 6,
      closedDeals: 1,
      verdicts: { ok: 3, weak: 0, bad: 2, missing: 1 },
      missing: 1,
      overdue: 1,
      dueThisWeek: 1,
      stale: 0,
      okShare: 0.5,
      atRisk: 4,
      amountAtRisk: 2000 + 3000 + 500 + 700,
      change: null,
    });
    // The sections this test is about (other features add their own sections beside them).
    const mine = ['overdue', 'due-this-week', 'stale', 'vague-or-missing', 'zombie', 'changed', 'closed'];
    const got = (m.sections as Section[])
      .filter((s) => mine.includes(s.id))
      .map((s) => [s.id, s.rows.map((x) => [x.row, x.deal, x.verdict, x.timing, x.due])]);
    expect(got).toEqual([
      ['overdue', [[6, 'Eps', 'ok', 'overdue', '2026-03-02']]],
      ['due-this-week', [[2, 'Acme renewal', 'ok', 'upcoming', '2026-03-13']]],
      ['stale', []],
      [
        'vague-or-missing',
        // Most at stake first: Gamma £3,000 in Negotiation (×1.5), Beta £2,000 in Discovery (×1),
        // Zeta £700 in Proposal (×1.25).
        [
          [4, 'Gamma', 'bad', 'undated', null],
          [3, 'Beta pilot', 'bad', 'undated', null],
          [7, 'Zeta', 'missing', 'undated', null],
        ],
      ],
      ['zombie', []],
      ['changed', []],
      ['closed', []], // Delta has no close date and there is no earlier review
    ]);
    expect(m.completion).toEqual({ dueLastWeek: 0, completed: 0, notFound: 0, rate: null });
    const saved = JSON.parse(fs.readFileSync(history, 'utf8'));
    expect(saved.format).toBe('next-step-tracker');
    expect(saved.weeks.map((w: string[]) => w[0])).toEqual(['2026-W11']);
  });

  it('week 11 XLSX: the pipeline and the review tab; formula-like text stays text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['small-week11', 'Pipeline review 2026-W11']);
    const tab = wb.getWorksheet('Pipeline review 2026-W11')!;
    const cells: ExcelJS.Cell[] = [];
    tab.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const step = cells.find((c) => c.value === '=IMPORTXML("http://example.com","//a")');
    expect(step).toBeDefined();
    expect(step!.formula).toBeUndefined();
    expect(step!.type).toBe(ExcelJS.ValueType.String);
    // Deal names are internal links to their rows (checked in the file: exceljs reads only external ones).
    expect(cells.some((c) => c.formula)).toBe(false);
    const zip = await JSZip.loadAsync(fs.readFileSync(xlsx));
    const sheetXml = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    const gamma = cells.find((c) => c.value === 'Gamma' && /^A\d+$/.test(c.address))!;
    expect(sheetXml.join('')).toContain(
      `<hyperlink ref="${gamma.address}" location="&apos;small-week11&apos;!A4"/>`,
    );
    const source = wb.getWorksheet('small-week11')!;
    expect(source.getCell('F4').value).toBe('=IMPORTXML("http://example.com","//a")');
    expect(source.getCell('F4').formula).toBeUndefined();
  });

  it('week 12 from the history file: changed, zombie, closed, completion exactly right', async () => {
    const r = await cli([
      'review',
      path.join(FIX, 'small-week12.csv'),
      '--today',
      '2026-03-18',
      ...base,
      '--json',
    ]);
    expect(r.err).toBe('');
    const m = JSON.parse(r.out);
    expect(m.header.previousWeekId).toBe('2026-W11');
    const { change, agenda, ...counts } = m.summary;
    expect(agenda).toEqual(Object.fromEntries((m.sections as Section[]).map((s) => [s.id, s.rows.length])));
    expect(counts).toEqual({
      openDeals: 6,
      closedDeals: 2,
      verdicts: { ok: 5, weak: 0, bad: 0, missing: 1 },
      missing: 1,
      overdue: 2,
      dueThisWeek: 2,
      stale: 0,
      okShare: 5 / 6,
      atRisk: 3,
      amountAtRisk: 700 + 1000 + 500,
    });
    const { agenda: agendaChange, ...changeCounts } = change;
    expect(agendaChange).toMatchObject({ overdue: 1, 'due-this-week': 1, 'vague-or-missing': -2, zombie: 0 });
    expect(changeCounts).toEqual({
      openDeals: 0,
      closedDeals: 1,
      verdicts: { ok: 2, weak: 0, bad: -2, missing: 0 },
      missing: 0,
      overdue: 1,
      dueThisWeek: 1,
      stale: 0,
      okShare: 5 / 6 - 0.5,
      atRisk: -1,
      amountAtRisk: 2200 - 6200,
    });
    const byId = Object.fromEntries((m.sections as Section[]).map((s) => [s.id, s.rows]));
    expect(byId.overdue.map((x) => [x.deal, x.weeksUnchanged])).toEqual([
      ['Acme renewal', 1], // moved stage: not a zombie; £1,000 at stake before Eps's £500
      ['Eps', 2],
    ]);
    expect(byId.overdue[1].reasons).toContain('Same next step in 2 weekly reviews running.');
    expect(byId['due-this-week'].map((x) => x.deal)).toEqual(['Beta pilot', 'Theta']);
    expect(byId.stale).toEqual([]);
    expect(byId['vague-or-missing'].map((x) => x.deal)).toEqual(['Zeta']);
    // Eta's step is the same as last week but due 20/04: an upcoming step is not stuck, so no zombie.
    expect(byId.zombie).toEqual([]);
    expect(byId.changed.map((x) => [x.deal, x.change])).toEqual([
      ['Acme renewal', 'completed'],
      ['Beta pilot', 'rewritten'],
      ['Theta', 'new'],
    ]);
    expect(byId.closed.map((x) => [x.deal, x.reasons])).toEqual([
      ['Gamma', ['Closed between the review of 2026-03-11 and this one (it was in Negotiation).']],
    ]);
    expect(m.completion).toEqual({ dueLastWeek: 1, completed: 1, notFound: 0, rate: 1 });
    expect(m.trend.map((p: { weekId: string }) => p.weekId)).toEqual(['2026-W11', '2026-W12']);
    const saved = JSON.parse(fs.readFileSync(history, 'utf8'));
    expect(saved.weeks.map((w: string[]) => w[0])).toEqual(['2026-W11', '2026-W12']);
  });

  it('--currency: amounts of a CSV (no number format of its own) carry the currency; else plain numbers', async () => {
    const formatsOf = async (extra: string[]) => {
      const out = path.join(dir, `currency-${extra.join('') || 'none'}.xlsx`);
      const r = await cli([
        'review',
        path.join(FIX, 'small-week11.csv'),
        '--today',
        '2026-03-11',
        '--out',
        out,
        ...extra,
      ]);
      expect(r.code).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const tab = wb.getWorksheet('Pipeline review 2026-W11')!;
      const amountAtRisk = tab.getColumn(1).values.findIndex((v) => v === 'Amount at risk');
      return tab.getCell(amountAtRisk, 2).numFmt;
    };
    await expect(formatsOf(['--currency', 'GBP'])).resolves.toBe('"£"#,##0');
    await expect(formatsOf(['--currency', '€'])).resolves.toBe('"€"#,##0');
    await expect(formatsOf([])).resolves.toBe('#,##0');
    const bad = await cli(['review', path.join(FIX, 'small-week11.csv'), '--currency', '#,##0']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--currency: "#,##0" is not a currency code/);
  });

  it('bad input: one clear line on stderr, exit 2', async () => {
    const missing = await cli(['review', path.join(dir, 'nope.csv'), '--today', '2026-03-11']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`next-step-tracker review: no such file: ${path.join(dir, 'nope.csv')}\n`);
    const badDay = await cli(['review', path.join(FIX, 'small-week11.csv'), '--today', '11/03/2026']);
    expect(badDay.code).toBe(2);
    expect(badDay.err).toMatch(
      /^next-step-tracker review: --today: "11\/03\/2026" is not a date of the form YYYY-MM-DD\n$/,
    );
    const noStep = path.join(dir, 'nostep.csv');
    fs.writeFileSync(noStep, 'Deal,Owner\nA,Ann\n');
    const r = await cli(['review', noStep, '--today', '2026-03-11']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/No next-step column found/);
    const badHistory = path.join(dir, 'bad.json');
    fs.writeFileSync(badHistory, '{"format":"other"}');
    const h = await cli([
      'review',
      path.join(FIX, 'small-week11.csv'),
      '--today',
      '2026-03-11',
      '--history',
      badHistory,
    ]);
    expect(h.code).toBe(2);
    expect(h.err).toMatch(/is not a Next Step Tracker history file/);
    const opt = await cli(['review', path.join(FIX, 'small-week11.csv'), '--bogus']);
    expect(opt.code).toBe(2);
    expect(opt.err).toBe('next-step-tracker review: Unknown option --bogus\n');
  });
});
