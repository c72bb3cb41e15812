import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import {
  exportXlsx,
  importTableFile,
  spreadsheetFromFixture,
  spreadsheetToFixture,
  type SpreadsheetFixture,
} from '../../../dev/emulator';
import { generatePipelineFixture } from '../../../dev/fixtures/generate-pipeline';
import { globals } from './helpers';

const FIXTURE_PATH = path.resolve(__dirname, '../../fixtures/pipeline-200.json');
const pipeline = JSON.parse(fs.readFileSync(FIXTURE_PATH, 'utf8')) as SpreadsheetFixture;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-fixture-'));

describe('fixture format', () => {
  test('round-trips values, dates, formulas, formats, notes, merges, rules and protections', () => {
    const f: SpreadsheetFixture = {
      timeZone: 'Europe/London',
      locale: 'en_GB',
      sheets: [
        {
          name: 'Data',
          values: [['Title'], ['Deal', 'Due'], ['Acme', { $date: '2026-03-10T00:00:00.000Z' }]],
          formulas: { C3: '=B3+1' },
          numberFormats: { 'B3:B4': 'dd/MM/yyyy', C3: 'dd/MM/yyyy' },
          notes: { A3: 'note' },
          backgrounds: { 'A2:B2': '#D9D9D9' },
          fontWeights: { 'A2:B2': 'bold' },
          merges: ['A1:C1'],
          frozenRows: 2,
          conditionalFormats: [{ ranges: ['B3:B10'], formula: '=$B3<TODAY()', background: '#f4cccc' }],
          protections: [{ range: 'A1:C2', description: 'header' }],
        },
      ],
    };
    const ss = spreadsheetFromFixture(f);
    const again = spreadsheetToFixture(spreadsheetFromFixture(spreadsheetToFixture(ss)));
    expect(again.sheets[0]).toMatchObject({
      name: 'Data',
      values: [['Title'], ['Deal', 'Due'], ['Acme', { $date: '2026-03-10T00:00:00.000Z' }]],
      formulas: { C3: '=B3+1' },
      numberFormats: { 'B3:B4': 'dd/MM/yyyy', C3: 'dd/MM/yyyy' },
      notes: { A3: 'note' },
      backgrounds: { 'A2:B2': '#d9d9d9' },
      fontWeights: { 'A2:B2': 'bold' },
      merges: ['A1:C1'],
      frozenRows: 2,
      conditionalFormats: [{ ranges: ['B3:B10'], formula: '=$B3<TODAY()', background: '#f4cccc' }],
      protections: [{ range: 'A1:C2', description: 'header', warningOnly: false }],
    });
    const g = globals({ spreadsheet: ss });
    expect(g.SpreadsheetApp.getActiveSheet().getRange('C3').getDisplayValue()).toBe('11/03/2026');
  });

  test("fixture text starting with '=' is text, not a formula", () => {
    const ss = spreadsheetFromFixture({ sheets: [{ name: 'S', values: [['=1+1']] }] });
    const g = globals({ spreadsheet: ss });
    expect(g.SpreadsheetApp.getActiveSheet().getRange('A1').getValue()).toBe('=1+1');
  });

  test('duplicate sheet names are rejected', () => {
    expect(() => spreadsheetFromFixture({ sheets: [{ name: 'A' }, { name: 'a' }] })).toThrow(
      'duplicate sheet name',
    );
  });
});

describe('the 200-deal pipeline fixture', () => {
  const g = globals({ spreadsheet: pipeline });
  const sheet = g.SpreadsheetApp.getActive().getSheetByName('Pipeline')!;
  const rows = sheet.getDataRange().getValues();
  const display = sheet.getDataRange().getDisplayValues();
  const deals = rows.slice(2);
  const col = (name: string) => rows[1].indexOf(name);

  test('is what the generator produces (deterministic)', () => {
    expect(generatePipelineFixture()).toEqual(pipeline);
  });

  test('documents its reference date, time zone and locale', () => {
    expect(pipeline.meta?.referenceToday).toBe('2026-03-11');
    expect(g.SpreadsheetApp.getActive().getSpreadsheetTimeZone()).toBe('Europe/London');
    expect(g.SpreadsheetApp.getActive().getSpreadsheetLocale()).toBe('en_GB');
  });

  test('has a merged title row above the header and 200 deals from row 3', () => {
    expect(
      sheet
        .getRange('A1')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1:I1']);
    expect(rows[1]).toEqual([
      'Deal',
      'Account',
      'Owner',
      'Stage',
      'Amount',
      'Close date',
      'Next step',
      'Next step due',
      'Next step updated',
    ]);
    expect(deals).toHaveLength(200);
    expect(sheet.getFrozenRows()).toBe(2);
  });

  test('is messy in the realistic ways', () => {
    const steps = deals.map((r) => r[col('Next step')] as string);
    const stages = new Set(deals.map((r) => r[col('Stage')]));
    expect(stages).toEqual(
      new Set([
        'Prospecting',
        'Qualification',
        'Discovery',
        'Proposal',
        'Negotiation',
        'Closed Won',
        'Closed Lost',
      ]),
    );
    expect(new Set(deals.map((r) => r[col('Owner')])).size).toBeGreaterThanOrEqual(4);
    const open = deals.filter((r) => !String(r[col('Stage')]).startsWith('Closed'));
    expect(open.filter((r) => r[col('Next step')] === '').length).toBeGreaterThan(5); // missing
    expect(steps.filter((s) => /^\d\d\/\d\d [A-Z]{2} /.test(s)).length).toBeGreaterThan(10); // log style
    expect(steps).toContain(`10/03 BR Agreed pricing. Board final approval on the 16th`);
    expect(
      steps.filter((s) => /\b\d{1,2}\/\d{1,2}\b/.test(s) && /redlines|Dave 3\/24/.test(s)).length,
    ).toBeGreaterThan(3); // US m/d
    expect(
      steps.filter((s) => /^(Follow up next week|check in|Touch base|Chase|TBD)$/.test(s)).length,
    ).toBeGreaterThan(3);
    expect(steps).toContain('=HYPERLINK("http://x","y")');
    expect(sheet.getRange('G10').getFormula()).toBe(''); // text, not a formula
    expect(steps).toContain('<img src=x onerror=alert(1)>');
    expect(deals.some((r) => r[col('Amount')] === '#N/A')).toBe(true);
    expect(sheet.getRange('E15').getFormula()).toMatch(/^=VLOOKUP/);
    expect(deals.some((r) => r[col('Next step due')] instanceof Date)).toBe(true);
    expect(deals.every((r) => r[col('Close date')] instanceof Date)).toBe(true);
    expect(display[2][col('Amount')]).toMatch(/^£[\d,]+$/);
  });
});

describe('CSV/XLSX import and XLSX export', () => {
  test('imports a CSV, reading numbers and en_GB dates and keeping =text as text', async () => {
    const file = path.join(tmp, 'pipe.csv');
    fs.writeFileSync(file, 'Deal,Amount,Due,Next step\nAcme,1200,24/03/2026,"=IMPORTXML(""x"",""y"")"\n');
    const ss = await importTableFile(file);
    const g = globals({ spreadsheet: ss });
    const values = g.SpreadsheetApp.getActiveSheet().getDataRange().getValues();
    expect(values[1][0]).toBe('Acme');
    expect(values[1][1]).toBe(1200);
    expect((values[1][2] as Date).toISOString()).toBe('2026-03-24T00:00:00.000Z');
    expect(values[1][3]).toBe('=IMPORTXML("x","y")');
    expect(g.SpreadsheetApp.getActiveSheet().getRange('D2').getFormula()).toBe('');
  });

  test('imports an XLSX workbook, one sheet per worksheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Deals').addRows([
      ['Deal', 'Close'],
      ['Acme', new Date(Date.UTC(2026, 2, 31))],
    ]);
    wb.addWorksheet('Other').addRow(['x']);
    const file = path.join(tmp, 'in.xlsx');
    await wb.xlsx.writeFile(file);
    const ss = await importTableFile(file);
    expect(ss.sheets.map((s) => s.name)).toEqual(['Deals', 'Other']);
    expect(ss.sheets[0].getStored(2, 1)).toBe('Acme');
  });

  test('exports values, formulas as formulas, user text as text, formats, bold and frozen rows', async () => {
    const g = globals();
    const sheet = g.SpreadsheetApp.getActiveSheet();
    sheet
      .getRange('A1:C1')
      .setValues([['Deal', 'Amount', 'Next step']])
      .setFontWeight('bold');
    sheet.getRange('C2').setNumberFormat('@');
    sheet.getRange('A2:C2').setValues([['Acme', 1200, '=IMPORTXML("x","y")']]);
    sheet.getRange('B3').setFormula('=B2*2');
    sheet.getRange('B2:B3').setNumberFormat('#,##0');
    sheet.getRange('D2').setValue(new Date('2026-06-01T23:00:00Z')); // 2 June 00:00 BST
    sheet.setFrozenRows(1);
    const file = path.join(tmp, 'out.xlsx');
    await exportXlsx(g.spreadsheet, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Sheet1')!;
    expect(ws.getCell('C2').value).toBe('=IMPORTXML("x","y")');
    expect(ws.getCell('B3').value).toMatchObject({ formula: 'B2*2', result: 2400 });
    expect(ws.getCell('B2').numFmt).toBe('#,##0');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect((ws.getCell('D2').value as Date).toISOString()).toBe('2026-06-02T00:00:00.000Z');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});
