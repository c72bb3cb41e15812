/**
 * Nothing is lost on failure. Through the BUILT bundle in the emulator: when the chart insert or the
 * tab write throws, the previous tab, the history sheet and every other tab are exactly as they were.
 * Through the CLI: when a disk write fails, the --out and --history files are exactly as they were;
 * `review X --out X` exits 2 leaving X unchanged.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SheetImpl } from '../../../dev/emulator/sheet';
import { RangeImpl } from '../../../dev/emulator/range';
import { main } from '../../../src/cli/main';
import { fileOps } from '../../../src/cli/review';
import { build, execution, fixture200, type Run } from './harness';

jest.setTimeout(60_000);

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Everything a user could see or the add-on keeps: every sheet's name, cells, notes and charts. */
function picture(ss: Spreadsheet) {
  return ss.getSheets().map((s) => {
    const rows = Math.max(1, s.getLastRow());
    const cols = Math.max(1, s.getLastColumn());
    const range = s.getRange(1, 1, rows, cols);
    return {
      name: s.getName(),
      hidden: s.isSheetHidden(),
      values: JSON.stringify(range.getDisplayValues()),
      formulas: JSON.stringify(range.getFormulas()),
      note: s.getRange(1, 1).getNote(),
      charts: s.getCharts().map((c) =>
        c
          .getRanges()
          .map((r) => r.getA1Notation())
          .join(','),
      ),
    };
  });
}

describe('a failed rebuild loses nothing (bundle + emulator)', () => {
  let run: Run;
  beforeEach(() => {
    run = execution(fixture200(), { now: '2026-03-11T08:00:00Z' });
    expect(build(run, '2026-03-11T08:00:00Z', false).ok).toBe(true); // week 11: tab + history
  });
  afterEach(() => jest.restoreAllMocks());

  const cases: Array<[string, () => void]> = [
    [
      'the chart insert throws',
      () =>
        jest.spyOn(SheetImpl.prototype, 'insertChart').mockImplementation(() => {
          throw new Error('Service Spreadsheets failed while accessing document');
        }),
    ],
    [
      'the tab write throws',
      () => {
        const real = RangeImpl.prototype.setValues;
        jest.spyOn(RangeImpl.prototype, 'setValues').mockImplementation(function (this: RangeImpl, v) {
          if (this.getSheet().getName().startsWith('Pipeline review'))
            throw new Error('Exceeded maximum execution time');
          return real.call(this, v);
        });
      },
    ],
  ];

  for (const [what, inject] of cases) {
    for (const [when, now] of [
      ['rebuilding the same week', '2026-03-11T09:00:00Z'],
      ['building the next week', '2026-03-18T08:00:00Z'],
    ]) {
      it(`${what}, ${when}: the previous tab and the history are exactly as they were`, () => {
        const before = picture(execution(run.g.spreadsheet).ss);
        inject();
        const next = execution(run.g.spreadsheet, { now });
        expect(() => next.fns.buildReviewNow({ now })).toThrow();
        next.g.endExecution();
        jest.restoreAllMocks();
        expect(picture(execution(run.g.spreadsheet).ss)).toEqual(before);
        // And the next build (the fault gone) works and compares with week 10's... nothing older: W11.
        const again = execution(run.g.spreadsheet, { now });
        const r = build(again, now, true);
        expect(r.ok).toBe(true);
        if (now.startsWith('2026-03-18')) expect(r.model.header.previousWeekId).toBe('2026-W11');
      });
    }
  }
});

describe('a history write that fails after the tab was built', () => {
  afterEach(() => jest.restoreAllMocks());

  it('keeps the new tab and says the history was not saved; the old history stays as it was', () => {
    const run = execution(fixture200(), { now: '2026-03-11T08:00:00Z' });
    expect(build(run, '2026-03-11T08:00:00Z', false).ok).toBe(true);
    const history = () =>
      JSON.stringify(
        execution(run.g.spreadsheet)
          .ss.getSheetByName('Next Step Tracker history')!
          .getDataRange()
          .getValues(),
      );
    const before = history();
    const real = RangeImpl.prototype.setValues;
    jest.spyOn(RangeImpl.prototype, 'setValues').mockImplementation(function (this: RangeImpl, v) {
      if (this.getSheet().getName() === 'Next Step Tracker history')
        throw new Error('The range is protected');
      return real.call(this, v);
    });
    const next = execution(run.g.spreadsheet, { now: '2026-03-18T08:00:00Z' });
    const r = build(next, '2026-03-18T08:00:00Z', false);
    jest.restoreAllMocks();
    expect(r.ok).toBe(true);
    expect(r.sheetName).toBe('Pipeline review 2026-W12');
    expect(r.problems.join(' ')).toMatch(/Review history was not saved \(The range is protected\)/);
    expect(history()).toBe(before);
  });
});

describe('a refused alignment (cosmetic)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('the review is built in full; only the by-owner "–" cells stay left-aligned', () => {
    jest.spyOn(RangeImpl.prototype, 'setHorizontalAlignment').mockImplementation(() => {
      throw new Error('Invalid argument: alignment');
    });
    const run = execution(fixture200(), { now: '2026-03-11T08:00:00Z' });
    const r = build(run, '2026-03-11T08:00:00Z', false);
    jest.restoreAllMocks();
    expect(r.ok).toBe(true);
    expect(r.problems).toEqual([]);
    const tab = execution(run.g.spreadsheet).ss.getSheetByName(r.sheetName!)!;
    const values = tab.getDataRange().getValues();
    const owner = values.findIndex((row) => row[0] === 'Owner' && row[8] === 'Done (due last week)');
    expect(owner).toBeGreaterThan(0);
    expect(values.some((row) => row[0] === 'All owners')).toBe(true);
    expect(tab.getRange(owner + 2, 9).getHorizontalAlignment()).toBe('general');
    expect(tab.getCharts()).toHaveLength(2);
  });
});

describe('document properties full', () => {
  it('the build still works and says the properties are full and what to remove', () => {
    const run = execution(fixture200(), { now: '2026-03-11T08:00:00Z' });
    const props = run.g.PropertiesService.getDocumentProperties();
    // Fill the store (500 KB) to the last byte, as years of other saved data might.
    let n = 0;
    for (const size of [8000, 1000, 100, 10, 1]) {
      for (;;) {
        try {
          props.setProperty(`j${n++}`, 'x'.repeat(size));
        } catch {
          break;
        }
      }
    }
    const r = build(run, '2026-03-11T08:00:00Z', false);
    expect(r.ok).toBe(true);
    expect(r.problems.join(' ')).toMatch(
      /document properties are full \(Apps Script allows 500 KB per document\)\. Remove/,
    );
  });
});

describe('the CLI loses nothing on failure', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nst-faults-'));
  const csv = path.join(__dirname, '..', '..', 'fixtures', 'review', 'small-week11.csv');
  const csv12 = path.join(__dirname, '..', '..', 'fixtures', 'review', 'small-week12.csv');
  const env = { now: new Date('2026-03-11T08:00:00Z'), timeZone: 'Europe/London', locale: 'en_GB' };
  async function cli(args: string[]) {
    let out = '';
    let err = '';
    const code = await main(
      args,
      { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
      env,
    );
    return { code, out, err };
  }
  const bytes = (f: string) => fs.readFileSync(f).toString('base64');

  afterEach(() => jest.restoreAllMocks());

  it('review X --out X exits 2 and leaves X unchanged (also through ./ and ..)', async () => {
    const xlsx = path.join(dir, 'pipeline.xlsx');
    expect((await cli(['review', csv, '--today', '2026-03-11', '--out', xlsx])).code).toBe(0);
    const before = bytes(xlsx);
    const sub = path.join(dir, 'sub');
    fs.mkdirSync(sub, { recursive: true });
    for (const out of [xlsx, path.join(sub, '..', 'pipeline.xlsx')]) {
      const r = await cli(['review', xlsx, '--today', '2026-03-18', '--out', out]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/is the input file/);
      expect(bytes(xlsx)).toBe(before);
    }
  });

  it('a failed disk write (the workbook or the history) leaves both files exactly as they were', async () => {
    const out = path.join(dir, 'week.xlsx');
    const history = path.join(dir, 'history.json');
    expect(
      (await cli(['review', csv, '--today', '2026-03-11', '--out', out, '--history', history])).code,
    ).toBe(0);
    const before = { out: bytes(out), history: bytes(history) };
    const args = ['review', csv12, '--today', '2026-03-18', '--out', out, '--history', history];

    // 1. Writing the temporary workbook fails (disk full).
    const realWrite = fileOps.writeFileSync;
    jest.spyOn(fileOps, 'writeFileSync').mockImplementation((file, data) => {
      if (String(file).includes('week.xlsx'))
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return realWrite(file, data);
    });
    let r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/could not write .*no space left.*no file was changed/);
    expect({ out: bytes(out), history: bytes(history) }).toEqual(before);
    jest.restoreAllMocks();

    // 2. The second rename (the workbook, after the history was renamed into place) fails.
    const realRename = fileOps.renameSync;
    jest.spyOn(fileOps, 'renameSync').mockImplementation((from, to) => {
      if (String(to).endsWith('week.xlsx'))
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return realRename(from, to);
    });
    r = await cli(args);
    expect(r.code).toBe(2);
    expect({ out: bytes(out), history: bytes(history) }).toEqual(before);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    jest.restoreAllMocks();

    // 3. A directory that does not exist: refused before anything is written.
    r = await cli([
      'review',
      csv12,
      '--today',
      '2026-03-18',
      '--out',
      path.join(dir, 'nope', 'x.xlsx'),
      '--history',
      history,
    ]);
    expect(r.code).toBe(2);
    expect(bytes(history)).toBe(before.history);

    // With the fault gone, the same run works and writes both.
    r = await cli(args);
    expect(r.code).toBe(0);
    expect(bytes(out)).not.toBe(before.out);
    expect(JSON.parse(fs.readFileSync(history, 'utf8')).weeks.map((w: string[]) => w[0])).toEqual([
      '2026-W11',
      '2026-W12',
    ]);
  });

  it('a file name with [ ] : * ? / \\ characters gives a workbook Excel can open', async () => {
    const odd = path.join(dir, 'Q1 [EMEA] pipeline: *final*?.csv');
    fs.copyFileSync(csv, odd);
    const history = path.join(dir, 'odd-history.json');
    const out = path.join(dir, 'odd.xlsx');
    const r = await cli(['review', odd, '--today', '2026-03-11', '--out', out, '--history', history]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(['Q1 -EMEA- pipeline- -final--', 'Pipeline review 2026-W11']);
    for (const n of names) {
      expect(n).not.toMatch(/[[\]:*?/\\]/);
      expect(n.length).toBeLessThanOrEqual(31);
    }
  });
});
