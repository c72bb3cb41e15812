/**
 * The 200-deal fixture's review, built through the BUILT bundle in the emulator, checked cell by cell
 * against the engine's own numbers (core analyzeRows run directly on the same rows).
 */
import { analyzeRows } from '../../../src/core/analyze';
import { detectColumns } from '../../../src/core/columns';
import { defaultConfig } from '../../../src/core/config';
import type { CellValue, RowAnalysis } from '../../../src/core/types';
import { createAppsScriptGlobals } from '../../../dev/emulator';
import { build, execution, fixture200, sectionRows, type Run } from './harness';

const NOW = '2026-03-11T08:00:00Z';

describe('review of the 200-deal fixture (bundle + emulator)', () => {
  let run: Run;
  let result: ReturnType<typeof build>;
  let tab: GoogleAppsScript.Spreadsheet.Sheet;
  let values: unknown[][];
  let display: string[][];
  let formulas: string[][];
  let formats: string[][];
  let analyses: Map<number, RowAnalysis>;
  let source: CellValue[][];
  let mapping: ReturnType<typeof detectColumns>['mapping'];
  let sourceId: number;

  beforeAll(() => {
    // The engine's answer, computed directly from the sheet's cells (read in Node's own realm, before
    // any bundle is loaded, so Date cells are Node Dates).
    const plain = createAppsScriptGlobals({ spreadsheet: fixture200() });
    const sheet = plain.SpreadsheetApp.getActive().getSheetByName('Pipeline')!;
    sourceId = sheet.getSheetId();
    source = sheet.getDataRange().getValues() as CellValue[][];
    run = execution(fixture200(), { now: NOW });
    const detected = detectColumns(source);
    mapping = detected.mapping;
    const first = detected.headerRowIndex + 2;
    const rows = analyzeRows(source.slice(detected.headerRowIndex + 1), mapping, defaultConfig(), {
      today: '2026-03-11',
      timeZone: 'Europe/London',
      locale: 'en_GB',
      firstRowNumber: first,
    });
    analyses = new Map(rows.map((r) => [r.row, r]));

    result = build(run, NOW);
    tab = run.ss.getSheetByName(result.sheetName)!;
    const range = tab.getDataRange();
    values = range.getValues();
    display = range.getDisplayValues();
    formulas = range.getFormulas();
    formats = range.getNumberFormats();
  });

  const open = () => [...analyses.values()].filter((a) => a.status === 'open');
  const summaryValue = (label: string) => values.find((r) => r[0] === label)?.[1];

  it('builds the week tab named after the ISO week of 2026-03-11', () => {
    expect(result.ok).toBe(true);
    expect(result.weekId).toBe('2026-W11');
    expect(result.sheetName).toBe('Pipeline review 2026-W11');
    expect(values[0][0]).toBe('Pipeline review: week 11, 9 Mar 2026 to 15 Mar 2026');
    expect(tab.getFrozenRows()).toBe(2);
    expect(tab.getRange(1, 1).getNote()).toMatch(/^next-step-tracker:review v1 week=2026-W11 /);
  });

  it('summary cells equal the engine’s counts', () => {
    const o = open();
    const count = (f: (a: RowAnalysis) => boolean) => o.filter(f).length;
    expect(o.length).toBeGreaterThan(100);
    expect(summaryValue('Open deals')).toBe(o.length);
    expect(summaryValue('Next steps judged OK')).toBe(count((a) => a.verdict === 'ok'));
    expect(summaryValue('Next steps judged weak')).toBe(count((a) => a.verdict === 'weak'));
    expect(summaryValue('Next steps judged bad')).toBe(count((a) => a.verdict === 'bad'));
    expect(summaryValue('Next steps missing')).toBe(count((a) => a.verdict === 'missing'));
    expect(summaryValue('Overdue next steps')).toBe(count((a) => a.timing === 'overdue'));
    expect(summaryValue('OK share of next steps')).toBeCloseTo(
      count((a) => a.verdict === 'ok') / o.length,
      12,
    );
    const atRisk = o.filter((a) => a.verdict !== 'ok' || a.timing === 'overdue' || a.timing === 'stale');
    expect(summaryValue('Deals at risk')).toBe(atRisk.length);
    const amountOf = (row: number) => {
      const v = source[row - 1][mapping.amount!];
      return typeof v === 'number' ? v : 0;
    };
    expect(summaryValue('Amount at risk')).toBe(atRisk.reduce((n, a) => n + amountOf(a.row), 0));
    const dueThisWeek = o.filter(
      (a) => a.timing !== 'overdue' && a.due && a.due >= '2026-03-11' && a.due <= '2026-03-15',
    );
    expect(summaryValue('Due this week')).toBe(dueThisWeek.length);
    // Stale deals due this week are discussed there, so the stale section counts the rest.
    const due = new Set(dueThisWeek.map((a) => a.row));
    expect(summaryValue('Stale next steps')).toBe(count((a) => a.timing === 'stale' && !due.has(a.row)));
  });

  /** Every deal of a section: its full list at the end when the agenda part was cut per owner. */
  const everyRow = (title: string): number[] => {
    const full = `Every deal: ${title.toLowerCase()}`;
    return values.some((r) => typeof r[0] === 'string' && r[0].startsWith(`${full} (`))
      ? sectionRows(values, full)
      : sectionRows(values, title);
  };
  const sourceRowOf = (r: number) => Number(/range=A(\d+)"/.exec(formulas[r - 1][0])![1]);

  it('every listed deal row matches the source row and the engine, cell by cell', () => {
    const titles = ['Overdue next steps', 'Due this week', 'Stale next steps', 'Vague or missing next steps'];
    const listed = new Map<number, string>();
    const words: Record<string, string> = { ok: 'OK', weak: 'Weak', bad: 'Bad', missing: 'Missing' };
    const timings: Record<string, string> = {
      upcoming: 'Upcoming',
      'due-today': 'Due today',
      overdue: 'Overdue',
      stale: 'Stale',
      undated: 'Undated',
    };
    for (const title of titles) {
      const rows = everyRow(title);
      const heading = values.find((r) => typeof r[0] === 'string' && r[0].startsWith(`${title} (`))!;
      expect(heading[0]).toBe(`${title} (${rows.length})`);
      for (const r of rows) {
        const cells = values[r - 1];
        const sourceRow = sourceRowOf(r);
        expect(listed.has(sourceRow)).toBe(false); // one agenda section per deal
        listed.set(sourceRow, title);
        const a = analyses.get(sourceRow)!;
        const src = source[sourceRow - 1];
        expect(a.status).toBe('open');
        const text = (v: CellValue) => (v === null || v === undefined ? '' : String(v));
        // A: a HYPERLINK to the deal's row, labelled with the deal name.
        expect(formulas[r - 1][0]).toBe(
          `=HYPERLINK("#gid=${sourceId}&range=A${sourceRow}", "${text(src[mapping.deal!]).trim().replace(/"/g, '""')}")`,
        );
        expect(display[r - 1][0]).toBe(text(src[mapping.deal!]).trim());
        expect(cells[1]).toBe(text(src[mapping.owner!]).trim());
        expect(cells[2]).toBe(text(src[mapping.stage!]).trim());
        const amount = src[mapping.amount!];
        expect(cells[3]).toBe(typeof amount === 'number' ? amount : '');
        expect(formats[r - 1][3]).toBe(typeof amount === 'number' ? '£#,##0' : '@');
        // The next step exactly as in the source (text cells are read as typed).
        const step = src[mapping.nextStep!];
        expect(cells[8]).toBe(step instanceof Date ? cells[8] : text(step));
        expect(formulas[r - 1][8]).toBe('');
        expect(formats[r - 1][8]).toBe('@');
        expect(cells[5]).toBe(words[a.verdict!]);
        expect(cells[6]).toBe(timings[a.timing!]);
        if (a.due) {
          expect(formats[r - 1][4]).toBe('d mmm yyyy');
          const [y, m, d] = a.due.split('-').map(Number);
          const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
          expect(display[r - 1][4]).toBe(`${d} ${months[m - 1]} ${y}`);
        } else expect(display[r - 1][4]).toBe('');
        expect(cells[7]).toBe(
          a.timing === 'overdue' ? (Date.parse('2026-03-11') - Date.parse(a.due!)) / 864e5 : '',
        );
        expect(String(cells[9]).length).toBeGreaterThanOrEqual(a.findings.length > 0 ? 1 : 0);
      }
    }
    // Section membership follows the engine's timing and verdict exactly.
    for (const a of open()) {
      const where = listed.get(a.row);
      if (a.timing === 'overdue') expect(where).toBe('Overdue next steps');
      else if (a.due && a.due >= '2026-03-11' && a.due <= '2026-03-15') expect(where).toBe('Due this week');
      else if (a.timing === 'stale') expect(where).toBe('Stale next steps');
      else if (a.verdict !== 'ok') expect(where).toBe('Vague or missing next steps');
      else expect(where).toBeUndefined();
    }
  });

  it('colours status cells red/amber/green', () => {
    const rows = sectionRows(values, 'Overdue next steps');
    const bgs = tab.getRange(rows[0], 1, rows.length, 10).getBackgrounds();
    for (let i = 0; i < rows.length; i++) {
      const bg = tab.getRange(rows[i], 1, 1, 10).getBackgrounds()[0];
      expect(bg[6]).toBe('#f4cccc'); // overdue: red
      const verdict = values[rows[i] - 1][5];
      expect(bg[5]).toBe(verdict === 'OK' ? '#d9ead3' : verdict === 'Weak' ? '#fff2cc' : '#f4cccc');
    }
    void bgs;
    const header = rows[0] - 1;
    expect(tab.getRange(header, 1).getFontWeight()).toBe('bold');
  });

  it('owner table agrees with the engine and feeds the verdicts-by-owner chart', () => {
    const start = values.findIndex((r) => r[0] === 'Owner');
    const owners = new Map<string, RowAnalysis[]>();
    for (const a of open()) {
      const owner = String(source[a.row - 1][mapping.owner!] ?? '').trim() || '(no owner)';
      owners.set(owner, [...(owners.get(owner) ?? []), a]);
    }
    let i = start + 1;
    for (; values[i][0] !== 'All owners'; i++) {
      const list = owners.get(values[i][0] as string)!;
      expect(values[i][1]).toBe(list.length);
      expect(values[i][2]).toBeCloseTo(list.filter((a) => a.verdict === 'ok').length / list.length, 12);
      expect(values[i][3]).toBe(list.filter((a) => a.timing === 'overdue').length);
      expect(values[i][4]).toBe(list.filter((a) => a.timing === 'stale').length);
      expect(values[i][5]).toBe(list.filter((a) => a.verdict !== 'ok').length);
      expect(formats[i][7]).toBe('£#,##0');
      // A first review: nothing was due last week for anyone, and nothing has slipped yet.
      expect([values[i][8], formats[i][8]]).toEqual(['–', '@']);
      expect([values[i][9], formats[i][9]]).toEqual([0, '#,##0']);
    }
    // The owners' last line: every open deal, once.
    expect(i).toBe(start + 1 + owners.size);
    expect(values[i][1]).toBe(open().length);
    expect(values[i][3]).toBe(open().filter((a) => a.timing === 'overdue').length);
    expect(values[i + 1][0]).toBe('');
    const charts = tab.getCharts();
    expect(charts).toHaveLength(2);
    expect(charts[0].getRanges().map((r) => r.getA1Notation())).toEqual([
      `A${start + 1}:A${start + 1 + owners.size}`,
      `D${start + 1}:F${start + 1 + owners.size}`,
    ]);
    expect(charts[0].getOptions().get('title')).toBe('Next steps needing attention, by owner');
    // The trend line: the "OK share by week" table (one week so far).
    const trend = values.findIndex((r) => r[0] === 'Week of');
    expect(charts[1].getRanges().map((r) => r.getA1Notation())).toEqual([`A${trend + 1}:B${trend + 2}`]);
    expect(display[trend + 1][0]).toBe('9 Mar 2026');
    expect(values[trend + 1][1]).toBe(summaryValue('OK share of next steps'));
  });

  it('keeps the history hidden and leaves the source sheet untouched', () => {
    const history = run.ss.getSheetByName('Next Step Tracker history')!;
    expect(history.isSheetHidden()).toBe(true);
    expect(history.getRange(1, 1).getValue()).toBe('2026-W11');
    const after = run.ss.getSheetByName('Pipeline')!.getDataRange().getDisplayValues();
    const plain = createAppsScriptGlobals({ spreadsheet: fixture200() });
    expect(after).toEqual(
      plain.SpreadsheetApp.getActive().getSheetByName('Pipeline')!.getDataRange().getDisplayValues(),
    );
  });
});
