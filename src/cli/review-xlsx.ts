/**
 * The review tab as an XLSX worksheet (exceljs): the second renderer of core/review/layout.ts, beside
 * the Apps Script writer in src/sheets/review-writer.ts. Same cells, same number formats, same colours
 * and widths; deal links are Excel internal hyperlinks (`location="'Pipeline'!A5"`, no external
 * target: the form Excel itself writes for a link inside a workbook). exceljs writes no charts, so
 * the layout's charts are added to the written file as DrawingML parts (addCharts), placed like the
 * Sheets ones.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Block, ChartSpec, ReviewLayout, StyledCell } from '../core/review/layout';
import { WIDTH } from '../core/review/layout';

/** Characters Excel refuses in a sheet name. */
const BAD_SHEET_CHARS = /[[\]:*?/\\]/g;

/**
 * A sheet name Excel accepts: `[ ] : * ? / \` become `-`, no leading or trailing apostrophe, 1–31
 * characters, and not one of `taken` (case-insensitive; ` (2)`, ` (3)`… added).
 */
export function safeSheetName(name: string, taken: Iterable<string> = []): string {
  let base = name
    .replace(BAD_SHEET_CHARS, '-')
    .replace(/^'+|'+$/g, '')
    .trim();
  if (base === '' || /^history$/i.test(base)) base = base === '' ? 'Sheet1' : `${base} sheet`;
  base = base.slice(0, 31).replace(/'+$/, '') || 'Sheet1';
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  let out = base;
  for (let n = 2; used.has(out.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    out = `${base.slice(0, 31 - suffix.length).replace(/'+$/, '')}${suffix}`;
  }
  return out;
}

/** `'Pipeline data'!A5`: a cell reference Excel reads, quotes doubled inside the sheet name. */
export function internalTarget(sheetName: string, row: number): string {
  return `'${sheetName.replace(/'/g, "''")}'!A${row}`;
}

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

/** Excel serial days count from 1899-12-30 like Sheets; exceljs takes a UTC Date for a day. */
function utcDay(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

function writeCell(ws: ExcelJS.Worksheet, r: number, c: number, styled: StyledCell, source: string): void {
  const cell = ws.getCell(r, c);
  const x = styled.cell;
  if (!x) cell.numFmt = '@';
  else if (x.kind === 'text') {
    // A string value is never a formula in exceljs: `=IMPORTXML(...)` stays text.
    cell.value = x.text;
    cell.numFmt = '@';
  } else if (x.kind === 'number') {
    cell.value = x.value;
    cell.numFmt = x.format;
  } else if (x.kind === 'date') {
    cell.value = utcDay(x.iso);
    cell.numFmt = x.format;
  } else {
    cell.value = { text: linkLabelOf(x.label, x.row), hyperlink: internalTarget(source, x.row) };
    cell.font = { color: { argb: 'FF1155CC' }, underline: true, bold: styled.bold };
  }
  if (styled.bold && x?.kind !== 'link') cell.font = { bold: true };
  if (styled.background) {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(styled.background) } };
  }
}

function linkLabelOf(label: string, row: number): string {
  return label.trim() === '' ? `(row ${row})` : label.length > 200 ? `${label.slice(0, 199)}…` : label;
}

function eachCell(ws: ExcelJS.Worksheet, b: Block, apply: (cell: ExcelJS.Cell) => void): void {
  for (let r = b.row; r < b.row + b.rows; r++) {
    for (let c = b.column; c < b.column + b.columns; c++) apply(ws.getCell(r, c));
  }
}

/** Adds the review worksheet for `layout` to `wb`, linking deals to rows of `sourceSheetName`. */
export function addReviewSheet(
  wb: ExcelJS.Workbook,
  name: string,
  layout: ReviewLayout,
  sourceSheetName: string,
  note: string,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: layout.frozenRows, xSplit: 0 }],
  });
  layout.rows.forEach((row, i) => {
    for (let c = 0; c < WIDTH; c++) writeCell(ws, i + 1, c + 1, row[c], sourceSheetName);
  });
  for (const b of layout.rightAligned) eachCell(ws, b, (cell) => (cell.alignment = { horizontal: 'right' }));
  for (const b of layout.wrapped)
    eachCell(ws, b, (cell) => (cell.alignment = { ...cell.alignment, wrapText: true }));
  for (const b of layout.topAligned)
    eachCell(ws, b, (cell) => (cell.alignment = { ...cell.alignment, vertical: 'top' }));
  // Excel widths are in characters of the default font (about 7 px each).
  layout.columnWidths.forEach((px, i) => (ws.getColumn(i + 1).width = Math.round((px / 7) * 10) / 10));
  ws.getCell(1, 1).note = note;
  return ws;
}

/**
 * exceljs gives every hyperlink an external relationship, even an internal one; Excel then treats
 * `'Pipeline'!A5` as a file name. Rewrites the workbook so internal links carry only `location`.
 */
export async function internalLinksOnly(data: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
  for (const file of sheets) {
    const xml = await zip.file(file)!.async('string');
    if (!xml.includes('location=')) continue;
    const dropped = new Set<string>();
    const fixed = xml.replace(/<hyperlink\b[^>]*\/>/g, (tag) => {
      if (!/\blocation="/.test(tag)) return tag;
      const rid = /\br:id="([^"]+)"/.exec(tag);
      if (rid) dropped.add(rid[1]);
      return tag.replace(/\s+r:id="[^"]*"/, '');
    });
    zip.file(file, fixed);
    const relsFile = file.replace(/^xl\/worksheets\//, 'xl/worksheets/_rels/') + '.rels';
    const rels = zip.file(relsFile);
    if (rels && dropped.size > 0) {
      const text = await rels.async('string');
      zip.file(
        relsFile,
        text.replace(/<Relationship\b[^>]*\/>/g, (tag) => {
          const id = /\bId="([^"]+)"/.exec(tag);
          return id && dropped.has(id[1]) ? '' : tag;
        }),
      );
    }
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// ---- Charts (exceljs writes none): DrawingML parts added to the written workbook. ----

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const REL_CHART = `${NS_R}/chart`;
const REL_DRAWING = `${NS_R}/drawing`;
/** English Metric Units per pixel (at 96 dpi). */
const EMU_PER_PX = 9525;

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** An absolute reference to a block of one column: `'Sheet'!$A$5:$A$9`. */
function ref(sheet: string, column: number, first: number, last: number): string {
  const c = columnLetters(column);
  return `'${sheet.replace(/'/g, "''")}'!$${c}$${first}:$${c}$${last}`;
}

/** One chart's XML: categories from the first range's first column, a series per other column. */
export function chartXml(chart: ChartSpec, sheet: string): string {
  const [first, ...rest] = chart.ranges;
  const head = first.row;
  const last = first.row + first.rows - 1;
  const categories = `<c:cat><c:${chart.kind === 'line' ? 'numRef' : 'strRef'}><c:f>${xmlText(ref(sheet, first.column, head + 1, last))}</c:f></c:${chart.kind === 'line' ? 'numRef' : 'strRef'}></c:cat>`;
  const seriesColumns =
    rest.length > 0
      ? rest.flatMap((r) => Array.from({ length: r.columns }, (_, i) => r.column + i))
      : Array.from({ length: first.columns - 1 }, (_, i) => first.column + 1 + i);
  const series = seriesColumns
    .map((col, i) => {
      const colour = chart.colors?.[i]?.replace('#', '').toUpperCase();
      const fill = colour
        ? chart.kind === 'line'
          ? `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></a:ln></c:spPr>`
          : `<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr>`
        : '';
      const marker =
        chart.kind === 'line' ? '<c:marker><c:symbol val="circle"/><c:size val="6"/></c:marker>' : '';
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${xmlText(ref(sheet, col, head, head))}</c:f></c:strRef></c:tx>` +
        fill +
        marker +
        categories +
        `<c:val><c:numRef><c:f>${xmlText(ref(sheet, col, head + 1, last))}</c:f></c:numRef></c:val>` +
        (chart.kind === 'line' ? '<c:smooth val="0"/>' : '') +
        '</c:ser>'
      );
    })
    .join('');
  const plot =
    chart.kind === 'line'
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/><c:axId val="1001"/><c:axId val="1002"/></c:lineChart>`
      : `<c:barChart><c:barDir val="col"/><c:grouping val="${chart.stacked ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>${series}` +
        `<c:gapWidth val="80"/>${chart.stacked ? '<c:overlap val="100"/>' : ''}<c:axId val="1001"/><c:axId val="1002"/></c:barChart>`;
  const valueFormat = chart.vAxisFormat === 'percent' ? '<c:numFmt formatCode="0%" sourceLinked="0"/>' : '';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${xmlText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}` +
    `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `${chart.kind === 'line' ? '<c:numFmt formatCode="General" sourceLinked="1"/>' : ''}<c:tickLblPos val="nextTo"/><c:crossAx val="1002"/></c:catAx>` +
    `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/>${chart.vAxisFormat === 'percent' ? '<c:max val="1"/><c:min val="0"/>' : ''}</c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>` +
    `${valueFormat}<c:tickLblPos val="nextTo"/><c:crossAx val="1001"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`
  );
}

/** The drawing part that places the charts: one-cell anchors at the layout's cell, offset and size. */
function drawingXml(charts: ChartSpec[], firstRelId: number): string {
  const anchors = charts
    .map(
      (c, i) =>
        `<xdr:oneCellAnchor><xdr:from><xdr:col>${c.anchorColumn - 1}</xdr:col><xdr:colOff>${c.offsetX * EMU_PER_PX}</xdr:colOff>` +
        `<xdr:row>${c.anchorRow - 1}</xdr:row><xdr:rowOff>${c.offsetY * EMU_PER_PX}</xdr:rowOff></xdr:from>` +
        `<xdr:ext cx="${c.width * EMU_PER_PX}" cy="${c.height * EMU_PER_PX}"/>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${xmlText(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="rId${firstRelId + i}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${anchors}</xdr:wsDr>`;
}

/** The zip path of a worksheet, by its name (workbook.xml → its relationship → the part). */
async function worksheetPath(zip: JSZip, sheetName: string): Promise<string> {
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const escaped = xmlText(sheetName).replace(/'/g, '&apos;');
  const sheetTag = [...workbook.matchAll(/<sheet\b[^>]*>/g)]
    .map((m) => m[0])
    .find((t) => t.includes(`name="${escaped}"`) || t.includes(`name="${xmlText(sheetName)}"`));
  const rid = sheetTag ? /\br:id="([^"]+)"/.exec(sheetTag)?.[1] : undefined;
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((t) => t.includes(`Id="${rid}"`));
  const target = rel ? /\bTarget="([^"]+)"/.exec(rel)?.[1] : undefined;
  if (!target) throw new Error(`worksheet ${sheetName} not found in the workbook`);
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

function nextFree(zip: JSZip, dir: string, stem: string): number {
  let n = 1;
  while (zip.file(`${dir}/${stem}${n}.xml`)) n++;
  return n;
}

/** Adds the layout's charts to `sheetName` of a written workbook (a drawing part and a chart part each). */
export async function addCharts(data: Buffer, sheetName: string, charts: ChartSpec[]): Promise<Buffer> {
  if (charts.length === 0) return data;
  const zip = await JSZip.loadAsync(data);
  const sheetFile = await worksheetPath(zip, sheetName);
  const drawingNo = nextFree(zip, 'xl/drawings', 'drawing');
  let chartNo = nextFree(zip, 'xl/charts', 'chart');
  const chartRels: string[] = [];
  const overrides: string[] = [];
  charts.forEach((c, i) => {
    while (zip.file(`xl/charts/chart${chartNo}.xml`)) chartNo++;
    zip.file(`xl/charts/chart${chartNo}.xml`, chartXml(c, sheetName));
    chartRels.push(
      `<Relationship Id="rId${i + 1}" Type="${REL_CHART}" Target="../charts/chart${chartNo}.xml"/>`,
    );
    overrides.push(
      `<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
    );
    chartNo++;
  });
  zip.file(`xl/drawings/drawing${drawingNo}.xml`, drawingXml(charts, 1));
  zip.file(
    `xl/drawings/_rels/drawing${drawingNo}.xml.rels`,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${chartRels.join('')}</Relationships>`,
  );
  overrides.push(
    `<Override PartName="/xl/drawings/drawing${drawingNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`,
  );
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file('[Content_Types].xml', types.replace('</Types>', `${overrides.join('')}</Types>`));

  // The sheet's relationship to its drawing, and the <drawing> element (before legacyDrawing, which the
  // A1 note uses, as the schema orders them).
  const relsFile = sheetFile.replace(/^(.*\/)([^/]+)$/, '$1_rels/$2.rels');
  const existing = zip.file(relsFile);
  let rels = existing
    ? await existing.async('string')
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  const used = new Set([...rels.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]));
  let n = 1;
  while (used.has(`rId${n}`)) n++;
  const drawingRel = `rId${n}`;
  rels = rels.replace(
    '</Relationships>',
    `<Relationship Id="${drawingRel}" Type="${REL_DRAWING}" Target="../drawings/drawing${drawingNo}.xml"/></Relationships>`,
  );
  zip.file(relsFile, rels);
  let sheet = await zip.file(sheetFile)!.async('string');
  if (!/xmlns:r="/.test(sheet.slice(0, 600)))
    sheet = sheet.replace('<worksheet ', `<worksheet xmlns:r="${NS_R}" `);
  const tag = `<drawing r:id="${drawingRel}"/>`;
  const before = [
    '<legacyDrawing ',
    '<legacyDrawingHF',
    '<picture ',
    '<oleObjects',
    '<controls',
    '<webPublishItems',
    '<tableParts',
    '<extLst',
    '</worksheet>',
  ];
  const at = before.map((t) => sheet.indexOf(t)).filter((i) => i >= 0);
  const pos = Math.min(...at);
  sheet = sheet.slice(0, pos) + tag + sheet.slice(pos);
  zip.file(sheetFile, sheet);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
