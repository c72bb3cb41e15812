/**
 * A rendered review tab as renderer-neutral cells, from the Sheets tab (the bundle in the emulator) or
 * from the XLSX tab (exceljs), so the two renderers of core/review/layout.ts can be held to the same
 * cells.
 */
import * as fs from 'fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** One cell of a rendered tab, renderer-neutral. */
export interface Cell {
  kind: 'empty' | 'text' | 'number' | 'date' | 'link';
  text: string;
  value: number | null;
  format: string;
  linkRow: number | null;
  background: string | null;
}

/** The Sheets tab as cells (values, display values, formulas, formats, backgrounds). */
export function sheetsCells(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string): Cell[][] {
  const tab = ss.getSheetByName(name)!;
  const range = tab.getRange(1, 1, tab.getLastRow(), 10);
  const values = range.getValues();
  const display = range.getDisplayValues();
  const formulas = range.getFormulas();
  const formats = range.getNumberFormats();
  const bgs = range.getBackgrounds();
  return values.map((row, r) =>
    row.map((v, c) => {
      const f = formulas[r][c];
      const background = bgs[r][c] === '#ffffff' ? null : bgs[r][c];
      const base = { format: formats[r][c], background, linkRow: null, value: null, text: display[r][c] };
      if (f) {
        const m = /^=HYPERLINK\("#gid=\d+&range=A(\d+)", "((?:[^"]|"")*)"\)$/.exec(f)!;
        return { ...base, kind: 'link', linkRow: Number(m[1]), text: m[2].replace(/""/g, '"') };
      }
      if (v === '' || v === null) return { ...base, kind: 'empty', text: '' };
      if (typeof v === 'string') return { ...base, kind: 'text', text: v };
      const date = /[dy]/.test(formats[r][c]) && !/[0#]/.test(formats[r][c]);
      // Dates come back from the bundle's realm, so instanceof Date is false: duck-type them.
      const asDate = v as unknown as { getTime?: () => number };
      const serial =
        typeof asDate.getTime === 'function' ? Math.round(asDate.getTime() / 864e5 + 25569) : (v as number);
      return { ...base, kind: date ? 'date' : 'number', value: serial };
    }),
  );
}

/**
 * The internal links of a worksheet, cell address → location, read from the file itself: exceljs
 * reads only links with an external target, and ours have none.
 */
export async function xlsxLinks(file: string, sheetName: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const escaped = sheetName.replace(/&/g, '&amp;').replace(/'/g, '&apos;');
  const rid = new RegExp(`<sheet [^>]*name="${escaped}"[^>]*r:id="([^"]+)"`).exec(workbook)![1];
  const target =
    new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1];
  const xml = await zip.file(`xl/${target.replace(/^\/?xl\//, '')}`)!.async('string');
  const links = new Map<string, string>();
  for (const m of xml.matchAll(/<hyperlink\b[^>]*\bref="([A-Z]+\d+)"[^>]*\blocation="([^"]+)"/g)) {
    links.set(m[1], m[2].replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
  }
  return links;
}

/** The XLSX tab as cells. */
export function xlsxCells(ws: ExcelJS.Worksheet, rows: number, links: Map<string, string>): Cell[][] {
  const out: Cell[][] = [];
  for (let r = 1; r <= rows; r++) {
    const row: Cell[] = [];
    for (let c = 1; c <= 10; c++) {
      const cell = ws.getCell(r, c);
      const v = cell.value;
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      const argb = fill?.fgColor?.argb;
      const base = {
        format: cell.numFmt ?? '',
        background: argb ? `#${argb.slice(2).toLowerCase()}` : null,
        linkRow: null,
        value: null,
        text: '',
      };
      const link = links.get(cell.address);
      if (link)
        row.push({ ...base, kind: 'link', text: String(v), linkRow: Number(/!A(\d+)$/.exec(link)![1]) });
      else if (v === null || v === undefined || v === '') row.push({ ...base, kind: 'empty' });
      else if (typeof v === 'string') row.push({ ...base, kind: 'text', text: v });
      else if (typeof v === 'number') row.push({ ...base, kind: 'number', value: v });
      else if (v instanceof Date)
        row.push({ ...base, kind: 'date', value: Math.round(v.getTime() / 864e5 + 25569) });
      else row.push({ ...base, kind: 'text', text: JSON.stringify(v) });
    }
    out.push(row);
  }
  return out;
}

/**
 * Holds the XLSX tab to the Sheets tab cell by cell: kind, colour, number format, text, value, link
 * target. Returns how many non-empty cells were compared.
 */
export function expectSameCells(sheets: Cell[][], xlsx: Cell[][]): number {
  expect(xlsx.length).toBe(sheets.length);
  let compared = 0;
  for (let i = 0; i < sheets.length; i++) {
    for (let j = 0; j < 10; j++) {
      const s = sheets[i][j];
      const x = xlsx[i][j];
      const where = `row ${i + 1}, column ${j + 1}`;
      expect([where, x.kind]).toEqual([where, s.kind]);
      expect([where, x.background]).toEqual([where, s.background]);
      if (s.kind === 'empty') continue;
      compared++;
      expect([where, x.format]).toEqual([where, s.kind === 'link' ? x.format : s.format]);
      if (s.kind === 'text' || s.kind === 'link') expect([where, x.text]).toEqual([where, s.text]);
      if (s.kind === 'number' || s.kind === 'date') expect([where, x.value]).toEqual([where, s.value]);
      if (s.kind === 'link') expect([where, x.linkRow]).toEqual([where, s.linkRow]);
    }
  }
  return compared;
}
