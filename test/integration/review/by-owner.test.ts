/**
 * The review tab's by-owner table: per owner, the completion of last week's steps ("Done (due last
 * week)", a rate whose number format carries the counts) and the slipped count, then an "All owners"
 * line (issue 15). Through the BUILT bundle on the four-week close-the-loop scenario (the next-step
 * log), with odd, renamed and missing owner columns; the XLSX renderer held to the Sheets tab cell by
 * cell; and the CLI (`review --history --out`, the snapshot heuristic) against the bundle on a second
 * week of the 200-deal pipeline.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { createAppsScriptGlobals, exportXlsx } from '../../../dev/emulator';
import { main } from '../../../src/cli/main';
import { addReviewSheet, internalLinksOnly } from '../../../src/cli/review-xlsx';
import { layoutReview, reviewMarker } from '../../../src/core/review/layout';
import type { ReviewModel } from '../../../src/core/review/model';
import { closeLoopHarness, playWeekTwo, type CloseLoop } from '../sidebar/close-loop-scenario';
import { expectSameCells, sheetsCells, xlsxCells, xlsxLinks, type Cell } from './cells';
import { build, execution, fixture200 } from './harness';

jest.setTimeout(180_000);

const TAB = 'Pipeline review 2026-W12';
const DONE = 'Done (due last week)';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nst-by-owner-'));
}

/** The by-owner block: its header row (0-based) and each row by its column-A text. */
function ownerTable(cells: Cell[][]) {
  const header = cells.findIndex((row) => row[0].text === 'Owner' && row[8].text === DONE);
  expect(header).toBeGreaterThan(0);
  const rows = new Map<string, Cell[]>();
  const order: string[] = [];
  for (let r = header + 1; cells[r] && cells[r][0].kind !== 'empty'; r++) {
    rows.set(cells[r][0].text, cells[r]);
    order.push(cells[r][0].text);
  }
  return { header, rows, order, get: (name: string) => rows.get(name)! };
}

/** [value, number format, displayed text] of a cell. */
const shown = (c: Cell) => [c.kind === 'text' ? c.text : c.value, c.format, c.text];

/** The XLSX renderer on the same model and layout options as the Sheets tab; read back as cells. */
async function xlsxOf(
  model: ReviewModel,
  sheets: Cell[][],
): Promise<Cell[][] & { rightAligned: string[]; wrapped: string[]; topAligned: string[] }> {
  // The Sheets writer read the pipeline's amount format; the tab's "Amount at risk" cell carries it.
  const amountColumnFormat = sheets.find((r) => r[0].text === 'Amount at risk')![1].format;
  const layout = layoutReview(model, { locale: 'en_GB', amountColumnFormat });
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Pipeline');
  addReviewSheet(wb, TAB, layout, 'Pipeline', reviewMarker(model.header.weekId, 'Pipeline'));
  const file = path.join(tmpDir(), 'review.xlsx');
  fs.writeFileSync(file, await internalLinksOnly(Buffer.from(await wb.xlsx.writeBuffer())));
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(file);
  const ws = back.getWorksheet(TAB)!;
  const cells = xlsxCells(ws, sheets.length, await xlsxLinks(file, TAB));
  // The addresses of right-aligned, wrapped and top-aligned cells, read back from the file, row by row.
  const rightAligned: string[] = [];
  const wrapped: string[] = [];
  const topAligned: string[] = [];
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (cell.alignment?.horizontal === 'right') rightAligned.push(cell.address);
      if (cell.alignment?.wrapText) wrapped.push(cell.address);
      if (cell.alignment?.vertical === 'top') topAligned.push(cell.address);
    }),
  );
  return Object.assign(cells, { rightAligned, wrapped, topAligned });
}

describe('the by-owner table on the four-week scenario (the next-step log), through the bundle', () => {
  let scenario: CloseLoop;
  let h: CloseLoop['h'];
  let model: ReviewModel;
  let cells: Cell[][];
  const rebuild = () => {
    model = scenario.review('2026-03-16T08:00:00Z');
    cells = sheetsCells(h.g.SpreadsheetApp.getActiveSpreadsheet(), TAB);
    return ownerTable(cells);
  };

  beforeAll(() => {
    scenario = closeLoopHarness();
    playWeekTwo(scenario);
    h = scenario.h;
  });

  it('shows each owner’s completion and slipped count, "–" when nothing was due, and all owners', () => {
    const t = rebuild();
    expect(model.closeLoop?.completionSource).toBe('log');
    expect(cells[t.header].slice(8).map((c) => c.text)).toEqual([DONE, 'Slipped']);
    expect(t.order).toEqual([...model.byOwner.map((g) => g.name), 'All owners']);
    // Rate as a number, counts in its format; as Sheets shows it.
    expect(shown(t.get('Maria Fernandez')[8])).toEqual([1, '0%" (1 of 1)"', '100% (1 of 1)']);
    expect(shown(t.get('Priya Patel')[8]).slice(0, 2)).toEqual([0, '0%" (0 of 2)"']);
    expect(shown(t.get('Ben Reid')[8]).slice(0, 2)).toEqual([0, '0%" (0 of 3)"']);
    for (const name of ['James Smith', 'Tom Walker']) {
      expect(shown(t.get(name)[8])).toEqual(['–', '@', '–']); // nothing of theirs was due last week
    }
    expect(shown(t.get('Ben Reid')[9])).toEqual([1, '#,##0', '1']);
    for (const name of ['Maria Fernandez', 'Priya Patel', 'James Smith', 'Tom Walker']) {
      expect(shown(t.get(name)[9])).toEqual([0, '#,##0', '0']);
    }
    const all = t.get('All owners');
    expect(shown(all[8])).toEqual([1 / 6, '0%" (1 of 6)"', '17% (1 of 6)']);
    expect(shown(all[9])).toEqual([1, '#,##0', '1']);
    expect(all[1].value).toBe(model.summary.openDeals);
    // "–" and the rates line up on the right (the playground and Sheets show text left-aligned).
    const tab = h.g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(TAB)!;
    const rowOf = (name: string) => t.header + 1 + t.order.indexOf(name);
    expect(tab.getRange(rowOf('James Smith'), 9).getHorizontalAlignment()).toBe('right');
    expect(tab.getRange(rowOf('All owners'), 10).getHorizontalAlignment()).toBe('right');
    expect(tab.getRange(rowOf('All owners') + 2, 9).getHorizontalAlignment()).toBe('general');
    expect(tab.getRange(t.header, 9).getHorizontalAlignment()).toBe('general');
    // The summary's line counts the same steps.
    expect(cells.find((r) => r[0].text === 'Steps due last week completed')![1].value).toBe(1 / 6);
  });

  it('the XLSX renderer gives the same cells (values and formats), by-owner columns included', async () => {
    rebuild();
    const xlsx = await xlsxOf(model, cells);
    expect(expectSameCells(cells, xlsx)).toBeGreaterThan(2000);
    const x = ownerTable(xlsx);
    expect([x.get('All owners')[8].value, x.get('All owners')[8].format]).toEqual([1 / 6, '0%" (1 of 6)"']);
    expect([x.get('James Smith')[8].kind, x.get('James Smith')[8].text]).toEqual(['text', '–']);
    // The same cells wrap as on the Sheets tab: the deal tables' next steps (I).
    const tab = h.g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(TAB)!;
    const wrappedOnTab: string[] = [];
    for (let r = 1; r <= cells.length; r++)
      for (let c = 1; c <= 10; c++)
        if (tab.getRange(r, c).getWrap()) wrappedOnTab.push(`${'ABCDEFGHIJ'[c - 1]}${r}`);
    expect(wrappedOnTab.length).toBeGreaterThan(10);
    expect(wrappedOnTab.every((a) => a.startsWith('I'))).toBe(true);
    expect(xlsx.wrapped).toEqual(wrappedOnTab);
    // And the same rows sit at the top: every cell of the deal tables' rows, A..J.
    const topOnTab: string[] = [];
    for (let r = 1; r <= cells.length; r++)
      for (let c = 1; c <= 10; c++)
        if (tab.getRange(r, c).getVerticalAlignment() === 'top') topOnTab.push(`${'ABCDEFGHIJ'[c - 1]}${r}`);
    expect(topOnTab.length).toBe(wrappedOnTab.length * 10);
    expect(xlsx.topAligned).toEqual(topOnTab);
    // Done and Slipped right-aligned on every owner row and the All owners line, nothing else.
    expect(xlsx.rightAligned).toEqual(
      Array.from(
        { length: x.order.length * 2 },
        (_, k) => `${'IJ'[k % 2]}${x.header + 2 + Math.floor(k / 2)}`,
      ),
    );
  });

  it('formula- and HTML-looking owner names are shown as typed; the log keeps each step’s owner', () => {
    const pipeline = h.sheet();
    // As typed text (a person typing "=…" into a plain-text column): rows 4–5 were Priya's, 6 Ben's.
    pipeline
      .getRange('C4:C5')
      .setNumberFormat('@')
      .setValues([['=HYPERLINK("http://evil","x")'], ['=HYPERLINK("http://evil","x")']]);
    pipeline.getRange('C6').setNumberFormat('@').setValue('<img src=x onerror=alert(1)>');
    const t = rebuild();
    const formula = t.get('=HYPERLINK("http://evil","x")');
    const html = t.get('<img src=x onerror=alert(1)>');
    expect([formula[0].kind, formula[0].format, formula[1].value]).toEqual(['text', '@', 2]);
    expect([html[0].kind, html[0].format, html[1].value]).toEqual(['text', '@', 1]);
    // Completion stays with whoever owned the step (the log), slippage goes with the deal.
    expect(shown(formula[8])).toEqual(['–', '@', '–']);
    expect(shown(html[9])).toEqual([1, '#,##0', '1']);
    expect(shown(t.get('Ben Reid')[8]).slice(0, 2)).toEqual([0, '0%" (0 of 3)"']);
    expect(shown(t.get('Ben Reid')[9])).toEqual([0, '#,##0', '0']);
    expect(shown(t.get('All owners')[8]).slice(0, 2)).toEqual([1 / 6, '0%" (1 of 6)"']);
    // No formula anywhere on the tab but the deal links in column A.
    const tab = h.g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(TAB)!;
    const formulas = tab.getDataRange().getFormulas();
    formulas.forEach((r) => r.forEach((f, c) => f && expect(c).toBe(0)));
    const charts = tab.getCharts();
    expect(charts[0].getRanges()[0].getNumRows()).toBe(model.byOwner.length + 1);
  });

  it('an owner column renamed to a known name keeps the table; to an unknown one, owners come from the log', async () => {
    const pipeline = h.sheet();
    pipeline.getRange('C4:C6').setValues([['Priya Patel'], ['Priya Patel'], ['Ben Reid']]);
    const baseline = rebuild();
    const before = baseline.order.map((n) => baseline.get(n).map((c) => [c.value, c.format, c.text]));

    pipeline.getRange('C2').setValue('Sales rep'); // a synonym the column reader knows
    const renamed = rebuild();
    expect(renamed.order.map((n) => renamed.get(n).map((c) => [c.value, c.format, c.text]))).toEqual(before);

    pipeline.getRange('C2').setValue('Person'); // not an owner column any more
    let t = rebuild();
    const expectFromLog = () => {
      // Every open deal under "(no owner)"; last week's steps still under the owners the log recorded,
      // on rows of their own (no open deal) after it, and outside the owners chart.
      expect(t.order).toEqual(['(no owner)', 'Ben Reid', 'Maria Fernandez', 'Priya Patel', 'All owners']);
      expect(t.get('(no owner)')[1].value).toBe(model.summary.openDeals);
      expect(shown(t.get('(no owner)')[8])).toEqual(['–', '@', '–']);
      expect(shown(t.get('(no owner)')[9])).toEqual([1, '#,##0', '1']);
      expect(shown(t.get('Maria Fernandez')[8])).toEqual([1, '0%" (1 of 1)"', '100% (1 of 1)']);
      expect(t.get('Maria Fernandez')[1].value).toBe(0);
      expect(shown(t.get('Priya Patel')[8]).slice(0, 2)).toEqual([0, '0%" (0 of 2)"']);
      expect(shown(t.get('Ben Reid')[8]).slice(0, 2)).toEqual([0, '0%" (0 of 3)"']);
      expect(shown(t.get('All owners')[8])).toEqual([1 / 6, '0%" (1 of 6)"', '17% (1 of 6)']);
      expect(shown(t.get('All owners')[9])).toEqual([1, '#,##0', '1']);
      const tab = h.g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(TAB)!;
      const first = t.header + 1;
      expect(
        tab
          .getCharts()[0]
          .getRanges()
          .map((r) => r.getA1Notation()),
      ).toEqual([`A${first}:A${first + 1}`, `D${first}:F${first + 1}`]);
    };
    expectFromLog();
    // Every non-empty cell of the tab compared (over a thousand: the table is not vacuous).
    const filled = cells.flat().filter((c) => c.kind !== 'empty').length;
    expect(filled).toBeGreaterThan(1000);
    expect(expectSameCells(cells, await xlsxOf(model, cells))).toBe(filled);

    pipeline.deleteColumn(3); // no owner column at all
    t = rebuild();
    expectFromLog();
  });
});

describe('the CLI’s XLSX and the bundle’s tab agree on a second week (the snapshot heuristic)', () => {
  async function cli(args: string[]): Promise<number> {
    let err = '';
    const code = await main(
      args,
      { stdout: { write: () => undefined }, stderr: { write: (s: string) => (err += s) } },
      { now: new Date('2026-03-18T08:00:00Z'), timeZone: 'Europe/London', locale: 'en_GB' },
    );
    expect(err).toBe('');
    return code;
  }

  it('per-owner completion and slipped counts, cell for cell', async () => {
    const run = execution(fixture200(), { now: '2026-03-11T08:00:00Z' });
    const w11 = build(run, '2026-03-11T08:00:00Z');
    expect(w11.ok).toBe(true);
    // Steps due in week 12 (16–22 March), as week 11 saw them: replace some, move one on a stage,
    // leave the rest. The edits are made by script, so no log: completion is the heuristic's.
    const due = (w11.model as ReviewModel).sections
      .flatMap((s) => s.rows)
      .filter((r) => r.due && r.due >= '2026-03-09' && r.due <= '2026-03-15' && r.verdict !== null);
    const rows = [...new Set(due.map((r) => r.row))].sort((a, b) => a - b);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const edit = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => {
      const sheet = ss.getSheetByName('Pipeline')!;
      sheet.getRange(rows[0], 7).setValue('Security review with their IT team on 25/03');
      sheet.getRange(rows[1], 7).setValue('Send the order form to procurement by 27/03');
      sheet.getRange(rows[2], 4).setValue('Legal review');
    };
    const dir = tmpDir();
    const history = path.join(dir, 'history.json');
    const plain = createAppsScriptGlobals({ spreadsheet: fixture200() });
    const before = path.join(dir, 'week11.xlsx');
    await exportXlsx(plain.spreadsheet, before);
    const common = ['--tz', 'Europe/London', '--locale', 'en_GB', '--history', history];
    expect(await cli(['review', before, '--today', '2026-03-11', ...common])).toBe(0);
    edit(plain.SpreadsheetApp.getActive());
    const after = path.join(dir, 'week12.xlsx');
    await exportXlsx(plain.spreadsheet, after);
    const out = path.join(dir, 'review.xlsx');
    expect(await cli(['review', after, '--today', '2026-03-18', ...common, '--out', out])).toBe(0);

    edit(run.ss);
    const again = execution(run.g.spreadsheet, { now: '2026-03-18T08:00:00Z' });
    const w12 = build(again, '2026-03-18T08:00:00Z');
    expect(w12.ok).toBe(true);
    const sheets = sheetsCells(again.ss, TAB);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const xlsx = xlsxCells(wb.getWorksheet(TAB)!, sheets.length, await xlsxLinks(out, TAB));
    expect(expectSameCells(sheets, xlsx)).toBeGreaterThan(2000);

    // The figures themselves: the by-owner rows add up to the summary's completion line.
    const model = w12.model as ReviewModel;
    expect(model.closeLoop?.completionSource).toBe('heuristic');
    const t = ownerTable(xlsx);
    const counts = model.byOwner.map((g) => {
      const c = t.get(g.name)[8];
      if (!g.completion || g.completion.due === 0) {
        expect([c.kind, c.text]).toEqual(['text', '–']);
        return [0, 0];
      }
      expect([c.value, c.format]).toEqual([
        g.completion.rate,
        `0%" (${g.completion.done} of ${g.completion.due})"`,
      ]);
      return [g.completion.done, g.completion.due];
    });
    const total = counts.reduce((a, b) => [a[0] + b[0], a[1] + b[1]], [0, 0]);
    expect(total[0]).toBeGreaterThanOrEqual(3); // the two replaced steps and the stage move
    expect(total[1]).toBe(rows.length);
    const all = t.get('All owners')[8];
    expect([all.value, all.format]).toEqual([total[0] / total[1], `0%" (${total[0]} of ${total[1]})"`]);
    expect(all.value).toBe(sheets.find((r) => r[0].text === 'Steps due last week completed')![1].value);
  });
});
