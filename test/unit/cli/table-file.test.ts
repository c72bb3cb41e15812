import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { readTableFile } from '../../../src/cli/table-file';

function tmp(name: string): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'nst-')), name);
}

describe('readTableFile', () => {
  it('reads a CSV as one sheet named after the file, keeping quoted commas and newlines', async () => {
    const file = tmp('deals.csv');
    writeFileSync(file, '\uFEFFDeal,Next step\nAcme,"Send deck, then call"\nGlobex,"line one\nline two"\n');
    const { sheets } = await readTableFile(file);
    expect(sheets).toHaveLength(1);
    expect(sheets[0].name).toBe('deals');
    expect(sheets[0].rows).toEqual([
      ['Deal', 'Next step'],
      ['Acme', 'Send deck, then call'],
      ['Globex', 'line one\nline two'],
    ]);
  });

  it('detects ; as the delimiter of European exports', async () => {
    const file = tmp('eu.csv');
    writeFileSync(file, 'Deal;Next step\nAcme;Demo 10/03\n');
    expect((await readTableFile(file)).sheets[0].rows[1]).toEqual(['Acme', 'Demo 10/03']);
  });

  it('reads every worksheet of an XLSX: dates as Date, numbers, formula results, rich text, empty as ""', async () => {
    const file = tmp('book.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Deals');
    ws.addRow(['Deal', 'Amount', 'Double', 'Next step', 'Due', 'Gap']);
    const when = new Date(Date.UTC(2026, 2, 16, 0));
    ws.addRow([
      'Acme',
      1200,
      { formula: 'B2*2', result: 2400 },
      { richText: [{ text: 'Send ' }, { text: 'deck' }] },
      when,
      null,
    ]);
    ws.addRow(['Err', 1, { formula: '1/0', result: { error: '#DIV/0!' } }, '', '', '']);
    wb.addWorksheet('Empty');
    await wb.xlsx.writeFile(file);
    const { sheets } = await readTableFile(file);
    expect(sheets.map((s) => s.name)).toEqual(['Deals', 'Empty']);
    const [, row, err] = sheets[0].rows;
    expect(row.slice(0, 4)).toEqual(['Acme', 1200, 2400, 'Send deck']);
    expect(row[4]).toBeInstanceOf(Date);
    expect((row[4] as Date).toISOString()).toBe(when.toISOString());
    expect(row[5]).toBe('');
    expect(err[2]).toBe('#DIV/0!');
  });

  it('rejects a missing file with a clear message', async () => {
    await expect(readTableFile('/no/such/file.csv')).rejects.toThrow('No such file: /no/such/file.csv');
  });
});
