/**
 * The review reads as the meeting's agenda, in the sheet's language, in Sheets and in Excel (issue 14's
 * "done when"), on the 200-deal pipeline in en_GB and en_US:
 * - through the BUILT bundle in the emulator, and through the CLI (`review --out`, which runs on core
 *   and exceljs alone);
 * - one layout, two renderers: the Sheets tab and the XLSX tab hold the same cells.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { expectSameCells, sheetsCells, xlsxCells, xlsxLinks, type Cell } from './cells';
import { createAppsScriptGlobals, exportXlsx } from '../../../dev/emulator';
import { main } from '../../../src/cli/main';
import { SECTIONS } from '../../../src/core/review/model';
import { build, execution, fixture200, ROOT, type Run } from './harness';

jest.setTimeout(120_000);

const NOW = '2026-03-11T08:00:00Z';
const LOCALES = ['en_GB', 'en_US'] as const;
const DATE_FORMAT = { en_GB: 'd mmm yyyy', en_US: 'mmm d, yyyy' };
const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;
const CODES = new Set([
  'ok',
  'weak',
  'bad',
  'missing',
  'upcoming',
  'due-today',
  'overdue',
  'stale',
  'undated',
  'vague-or-missing',
  'due-this-week',
  'zombie',
  'changed',
  'closed',
]);
const TAGS = /\[(completed|rewritten|new)\]/;

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nst-agenda-'));
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    args,
    { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
    { now: new Date(NOW), timeZone: 'Europe/London', locale: 'en_GB' },
  );
  return { code, out, err };
}

/** The done-when checks every rendering of the 200-deal review must pass. */
function checkAgenda(cells: Cell[][], locale: 'en_GB' | 'en_US'): void {
  const a = (r: number) => cells[r][0].text;
  // No cell shows an internal code, a raw change tag or an ISO date (user text in the next-step column
  // is shown as typed and is not ours to rewrite).
  for (const row of cells) {
    row.forEach((cell, c) => {
      if (c === 8 && cell.kind === 'text') return;
      expect(CODES.has(cell.text)).toBe(false);
      expect(cell.text).not.toMatch(TAGS);
      expect(cell.text).not.toMatch(ISO_DAY);
    });
  }
  // Sections and the summary count the same things.
  const sectionTitles = cells
    .map((row, r) => ({ r, m: /^(.+) \((\d+)\)$/.exec(row[0].text) }))
    .filter((x) => x.m && !x.m[1].startsWith('Every deal'));
  expect(sectionTitles.map((x) => x.m![1])).toEqual(SECTIONS.map((d) => d.title));
  for (const { m } of sectionTitles) {
    const summary = cells.find((row) => row[0].text === m![1])!;
    expect(summary[1].value).toBe(Number(m![2]));
  }
  // Amounts carry the pipeline's own format, shares a percentage, share changes percentage points.
  const header = cells.findIndex((row) => row[0].text === 'Deal' && row[3].text === 'Amount');
  const dealRows = cells.filter((row) => row[0].kind === 'link');
  expect(dealRows.length).toBeGreaterThan(100);
  for (const row of dealRows) {
    if (row[3].kind === 'number') expect(row[3].format).toBe('£#,##0');
    if (row[4].kind !== 'empty') {
      expect(row[4].kind).toBe('date');
      expect(row[4].format).toBe(DATE_FORMAT[locale]);
    }
    expect(['OK', 'Weak', 'Bad', 'Missing', '']).toContain(row[5].text);
    expect(['Upcoming', 'Due today', 'Overdue', 'Stale', 'Undated', '']).toContain(row[6].text);
  }
  expect(header).toBeGreaterThan(0);
  const risk = cells.find((row) => row[0].text === 'Amount at risk')!;
  expect(risk[1].format).toBe('£#,##0');
  expect(cells.find((row) => row[0].text === 'OK share of next steps')![1].format).toBe('0.0%');
  const owners = cells.findIndex((row) => row[0].text === 'Owner' && row[2].text === 'OK share');
  expect(cells[owners + 1][2].format).toBe('0.0%');
  expect(cells[owners + 1][7].format).toBe('£#,##0');
  // "This week": at most 15 deals, most at stake first.
  const lead = cells.findIndex((row) => a(cells.indexOf(row)).startsWith('This week:'));
  const thisWeekHeader = cells.findIndex((row, r) => r > lead && row[0].text === 'Deal');
  let n = 0;
  for (let r = thisWeekHeader + 1; cells[r][0].kind === 'link'; r++) n++;
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThanOrEqual(15);
}

describe.each(LOCALES)('the 200-deal review through the bundle (%s)', (locale) => {
  let run: Run;
  let cells: Cell[][];
  beforeAll(() => {
    const fx = fixture200();
    fx.locale = locale;
    run = execution(fx, { now: NOW });
    const r = build(run, NOW, false);
    expect(r.ok).toBe(true);
    cells = sheetsCells(execution(run.g.spreadsheet, { now: NOW }).ss, r.sheetName);
  });

  it('reads as an agenda in the sheet’s language: no codes or ISO dates, formats, counts agree', () => {
    checkAgenda(cells, locale);
  });

  it('puts both charts within A1:T45 (the first screen), beside the summary', () => {
    const tab = run.ss.getSheetByName('Pipeline review 2026-W11')!;
    const charts = tab.getCharts();
    expect(charts).toHaveLength(2);
    const widths = Array.from({ length: 20 }, (_, i) => tab.getColumnWidth(i + 1));
    const right = widths.reduce((x, y) => x + y, 0);
    for (const chart of charts) {
      const info = chart.getContainerInfo();
      const options = chart.getOptions();
      const left = widths.slice(0, info.getAnchorColumn() - 1).reduce((x, y) => x + y, 0) + info.getOffsetX();
      const top = (info.getAnchorRow() - 1) * 21 + info.getOffsetY();
      expect(left + Number(options.get('width'))).toBeLessThanOrEqual(right);
      expect(top + Number(options.get('height'))).toBeLessThanOrEqual(45 * 21);
      expect(info.getAnchorRow()).toBe(4); // level with the summary's title
    }
  });
});

describe.each(LOCALES)('the 200-deal review through the CLI (%s)', (locale) => {
  const dir = tmpDir();
  const input = path.join(dir, 'pipeline.xlsx');
  const out = path.join(dir, 'review.xlsx');
  let ws: ExcelJS.Worksheet;
  let rows: number;
  let links: Map<string, string>;

  beforeAll(async () => {
    const g = createAppsScriptGlobals({ spreadsheet: fixture200() });
    await exportXlsx(g.spreadsheet, input);
    const r = await cli([
      'review',
      input,
      '--today',
      '2026-03-11',
      '--tz',
      'Europe/London',
      '--locale',
      locale,
      '--out',
      out,
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    ws = wb.getWorksheet('Pipeline review 2026-W11')!;
    rows = ws.rowCount;
    links = await xlsxLinks(out, 'Pipeline review 2026-W11');
  });

  it('reads as an agenda in the sheet’s language: no codes or ISO dates, formats, counts agree', () => {
    checkAgenda(xlsxCells(ws, rows, links), locale);
  });

  it('draws both charts (DrawingML parts) within A1:T45, over the tables they read', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const drawings = Object.keys(zip.files).filter((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f));
    expect(drawings).toHaveLength(1);
    const drawing = await zip.file(drawings[0])!.async('string');
    const anchors = [...drawing.matchAll(/<xdr:oneCellAnchor>(.*?)<\/xdr:oneCellAnchor>/g)].map((m) => m[1]);
    expect(anchors).toHaveLength(2);
    const widths = Array.from({ length: 20 }, (_, i) => (ws.getColumn(i + 1).width ?? 9.14) * 7);
    const right = widths.reduce((x, y) => x + y, 0);
    for (const a of anchors) {
      const num = (tag: string) => Number(new RegExp(`<xdr:${tag}>(\\d+)</xdr:${tag}>`).exec(a)![1]);
      const [cx, cy] = /<xdr:ext cx="(\d+)" cy="(\d+)"/
        .exec(a)!
        .slice(1)
        .map((v) => Number(v) / 9525);
      const left = widths.slice(0, num('col')).reduce((x, y) => x + y, 0) + num('colOff') / 9525;
      expect(left + cx).toBeLessThanOrEqual(right);
      // Excel's default row is 20 px (15 pt).
      expect(num('row') * 20 + num('rowOff') / 9525 + cy).toBeLessThanOrEqual(45 * 20);
    }
    const charts = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
        .sort()
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(charts).toHaveLength(2);
    const cells = xlsxCells(ws, rows, links);
    const owner = cells.findIndex((row) => row[0].text === 'Owner' && row[2].text === 'OK share') + 1;
    // The owner rows end at the "All owners" line (or an owner with no open deal, listed after them).
    const lastOwner =
      owner +
      cells
        .slice(owner)
        .findIndex((row) => row[0].kind === 'empty' || row[0].text === 'All owners' || row[1].value === 0);
    expect(cells[lastOwner][0].text).toBe('All owners');
    const sheet = "'Pipeline review 2026-W11'";
    expect(charts[0]).toContain('<c:barChart>');
    expect(charts[0]).toContain(`<c:f>${sheet}!$A$${owner + 1}:$A$${lastOwner}</c:f>`);
    expect(charts[0]).toContain(`<c:f>${sheet}!$D$${owner + 1}:$D$${lastOwner}</c:f>`);
    expect(charts[1]).toContain('<c:lineChart>');
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain('drawingml.chart+xml');
    // The workbook still reads back (exceljs ignores the charts but must not choke on them).
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(out);
    expect(again.getWorksheet('Pipeline review 2026-W11')).toBeDefined();
  });

  it('links deals with Excel internal links (location, no external target)', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const names = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    const xml = (await Promise.all(names.map((f) => zip.file(f)!.async('string')))).join('');
    const links = xml.match(/<hyperlink\b[^>]*>/g) ?? [];
    expect(links.length).toBeGreaterThan(100);
    for (const l of links) {
      expect(l).toMatch(/location="(&apos;|')Pipeline(&apos;|')!A\d+"/);
      expect(l).not.toMatch(/r:id=/);
    }
    const rels = Object.keys(zip.files).filter((f) => f.endsWith('.rels'));
    const relText = (await Promise.all(rels.map((f) => zip.file(f)!.async('string')))).join('');
    expect(relText).not.toMatch(/TargetMode="External"/);
  });
});

describe('one layout, two renderers', () => {
  it('the Sheets tab and the XLSX tab hold the same cells (values, kinds, formats, colours, links)', async () => {
    const run = execution(fixture200(), { now: NOW });
    const r = build(run, NOW, false);
    const sheets = sheetsCells(execution(run.g.spreadsheet, { now: NOW }).ss, r.sheetName);
    const dir = tmpDir();
    const input = path.join(dir, 'pipeline.xlsx');
    await exportXlsx(createAppsScriptGlobals({ spreadsheet: fixture200() }).spreadsheet, input);
    const out = path.join(dir, 'review.xlsx');
    const c = await cli([
      'review',
      input,
      '--today',
      '2026-03-11',
      '--tz',
      'Europe/London',
      '--locale',
      'en_GB',
      '--out',
      out,
    ]);
    expect(c.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const xlsx = xlsxCells(
      wb.getWorksheet('Pipeline review 2026-W11')!,
      sheets.length,
      await xlsxLinks(out, 'Pipeline review 2026-W11'),
    );
    const compared = expectSameCells(sheets, xlsx);
    expect(compared).toBeGreaterThan(2000);
  });
});

describe('the CLI review needs neither dev/ nor HyperFormula at run time', () => {
  it('build/cli.js does not reference hyperformula or dev/', () => {
    const code = fs.readFileSync(path.join(ROOT, 'build', 'cli.js'), 'utf8');
    expect(code).not.toMatch(/require\(["']hyperformula["']\)/);
    expect(code).not.toMatch(/dev\/emulator/);
  });

  it('review --out works in a Node where hyperformula cannot be resolved', () => {
    const dir = tmpDir();
    // A preload that makes `require('hyperformula')` fail, as if the package were not installed.
    const block = path.join(dir, 'no-hyperformula.js');
    fs.writeFileSync(
      block,
      `const Module = require('module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'hyperformula' || request.startsWith('hyperformula/')) {
    const e = new Error("Cannot find module '" + request + "'"); e.code = 'MODULE_NOT_FOUND'; throw e;
  }
  return resolve.call(this, request, ...rest);
};
require('hyperformula');
`,
    );
    const probe = spawnSync(process.execPath, ['-r', block, '-e', '0'], { encoding: 'utf8' });
    expect(probe.status).not.toBe(0); // the preload really blocks it
    fs.writeFileSync(block, fs.readFileSync(block, 'utf8').replace("require('hyperformula');\n", ''));
    const out = path.join(dir, 'review.xlsx');
    const csv = path.join(ROOT, 'test', 'fixtures', 'review', 'small-week11.csv');
    const r = spawnSync(
      process.execPath,
      [
        '-r',
        block,
        path.join(ROOT, 'bin', 'next-step-tracker.js'),
        'review',
        csv,
        '--today',
        '2026-03-11',
        '--tz',
        'Europe/London',
        '--locale',
        'en_GB',
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
  });
});
