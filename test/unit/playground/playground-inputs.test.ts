/**
 * The playground with files as teams send them and requests as an attacker sends them, without a
 * browser: date order read from the file, the XFD1048576 workbook refused with the red banner, the
 * RPC allow-list, "today" moved without losing the document, HTML dialogs recorded for the page.
 */
import { execFileSync, spawnSync } from 'child_process';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { PlaygroundSession } from '../../../dev/playground/session';
import { startPlaygroundServer } from '../../../dev/playground/server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nst-pg-'));
const BUNDLE = path.join(dir, 'Code.js');
fs.writeFileSync(
  BUNDLE,
  `
function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Help', 'help').addToUi(); }
function help() {
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput('<p>Colours</p>').setWidth(460).setHeight(420), 'Help');
}
function palette() {
  SpreadsheetApp.getUi().showModelessDialog(HtmlService.createHtmlOutput('<p>Side</p>'), 'Palette');
}
function whatDay() { return Utilities.formatDate(new Date(), 'UTC', 'yyyy-MM-dd'); }
function cell(a1) { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(a1).getValue(); }
function private_() { return 'secret'; }
`,
);

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

async function session(
  options: ConstructorParameters<typeof PlaygroundSession>[0],
): Promise<PlaygroundSession> {
  const s = new PlaygroundSession(
    { codePath: BUNDLE, htmlDir: dir, ...options },
    { ask: () => ({ button: 'OK', text: '' }), log: () => undefined },
  );
  await s.load();
  return s;
}

const US = file(
  'us.csv',
  'Deal,Next step,Next step due,Next step updated\nAcme,Pricing call with Jane,03/04/2026,03/05/2026\nGlobex,Send MSA to the CFO,03/13/2026,03/02/2026\n',
);
const UK = file(
  'uk.csv',
  'Deal,Next step,Next step due,Next step updated\nAcme,Pricing call with Jane,03/04/2026,05/03/2026\nGlobex,Send MSA to the CFO,20/03/2026,02/03/2026\n',
);

/** A date cell as the spreadsheet shows it: the calendar day in its time zone. */
function iso(v: unknown, timeZone: string): string {
  return Object.prototype.toString.call(v) === '[object Date]'
    ? (v as Date).toLocaleDateString('en-CA', { timeZone })
    : `not a date: ${String(v)}`;
}

describe('import date order, no flags', () => {
  test('a US export: month-first, "03/13/2026" is a date', async () => {
    const s = await session({ file: US });
    expect(s.state()).toMatchObject({ locale: 'en_US', loadError: null, notice: null });
    expect(s.state().localeSource).toMatch(/month-first, from the file/);
    const sheet = s.ss.sheets[0];
    expect(iso(sheet.values[1][2], s.ss.timeZone)).toBe('2026-03-04');
    expect(iso(sheet.values[2][2], s.ss.timeZone)).toBe('2026-03-13');
  });

  test('a day-first export: "03/04/2026" is 3 April, "20/03/2026" a date', async () => {
    const s = await session({ file: UK });
    expect(s.state().locale).toBe('en_GB');
    const sheet = s.ss.sheets[0];
    expect(iso(sheet.values[1][2], s.ss.timeZone)).toBe('2026-04-03');
    expect(iso(sheet.values[2][2], s.ss.timeZone)).toBe('2026-03-20');
  });

  test('--locale wins, and the disagreement is said once in the notice', async () => {
    const s = await session({ file: UK, locale: 'en_US' });
    expect(s.state().locale).toBe('en_US');
    expect(s.state().notice).toMatch(/day-first \("20\/03\/2026"\).*--locale en_US/);
  });
});

describe('files that must not take the playground down', () => {
  test('a workbook with a cell at XFD1048576: the red banner, the sample pipeline, within seconds', async () => {
    const p = path.join(dir, 'far.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pipeline');
    ws.getCell('A1').value = 'Next step';
    ws.getCell('XFD1048576').value = 'x';
    await wb.xlsx.writeFile(p);
    const started = Date.now();
    const s = await session({ file: p });
    expect(s.state().loadError).toMatch(
      /Could not open far\.xlsx: .*XFD1048576.*Showing the sample pipeline instead/,
    );
    expect(s.state().title).toBe('Pipeline tracker');
    expect(Date.now() - started).toBeLessThan(20_000); // measured well under a second; the bug took minutes
  });

  test('a FIFO as --file: refused at once (never opened for reading)', async () => {
    const fifo = path.join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const s = await session({ file: fifo });
    expect(s.state().loadError).toMatch(/not a regular file/);
  });

  test('the default document reads like a team pipeline: no attack rows', async () => {
    const s = await session({});
    const text = JSON.stringify(s.ss.sheets[0].values);
    expect(text).not.toMatch(/onerror|<img|HYPERLINK\("http:\/\/x"/);
    expect(s.ss.sheets[0].values.length).toBe(202);
  });
});

describe('RPC allow-list', () => {
  test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'private_', ''])(
    '%j is "Script function not found"',
    async (fn) => {
      const s = await session({});
      expect(s.rpc(fn, [])).toEqual({
        ok: false,
        error: { name: 'ScriptError', message: `Script function not found: ${fn}` },
      });
    },
  );

  test("the bundle's own functions still answer", async () => {
    const s = await session({});
    expect(s.rpc('cell', ['A1'])).toMatchObject({ ok: true, result: 'Pipeline — Q1 2026 (EMEA)' });
  });
});

describe('today moves without losing the document', () => {
  test('+1 week keeps an edit, and the add-on sees the new day', async () => {
    const s = await session({ today: '2026-03-11' });
    s.edit('Pipeline', 'G5', 'Pricing call with Jane Fri');
    s.setToday('2026-03-18');
    expect(s.state()).toMatchObject({ today: '2026-03-18', todaySource: 'set in the page' });
    expect(s.rpc('cell', ['G5'])).toMatchObject({ result: 'Pricing call with Jane Fri' });
    expect(s.rpc('whatDay', [])).toMatchObject({ result: '2026-03-18' });
    expect(() => s.setToday('2026-13-45')).toThrow(/not a date/);
  });
});

describe('HTML dialogs reach the page', () => {
  test('showModalDialog: the state names it, /dialog serves its HTML; closing clears it', async () => {
    const s = await session({});
    s.run('help');
    expect(s.state().htmlDialog).toMatchObject({ title: 'Help', width: 460, height: 420, modal: true });
    expect(s.takeEvents().some((e) => e.name === 'html-dialog')).toBe(true);
    expect(s.dialogHtml().html).toBe('<p>Colours</p>');
    s.htmlDialogClosed(s.state().htmlDialog!.serial);
    expect(s.state().htmlDialog).toBeNull();
  });

  test('showModelessDialog is drawn too, marked modeless', async () => {
    const s = await session({});
    s.run('palette');
    expect(s.state().htmlDialog).toMatchObject({ title: 'Palette', modal: false });
  });
});

describe('the server', () => {
  function post(url: string, pathName: string, body: string): Promise<{ status: number; text: string }> {
    const u = new URL(pathName, url);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  test('null, arrays and numbers as a body are 400; the RPC allow-list holds over HTTP', async () => {
    const pg = await startPlaygroundServer({ port: 0, codePath: BUNDLE, htmlDir: dir, log: () => undefined });
    try {
      for (const body of ['null', '[]', '7', '"x"']) {
        const r = await post(pg.url, '/rpc', body);
        expect([body, r.status]).toEqual([body, 400]);
        expect(r.text).toMatch(/must be a JSON object/);
      }
      const r = await post(pg.url, '/rpc', JSON.stringify({ fn: 'constructor', args: [] }));
      expect(JSON.parse(r.text)).toMatchObject({
        ok: false,
        error: { message: 'Script function not found: constructor' },
      });
      const bad = await post(pg.url, '/api/today', JSON.stringify({ today: '2026-02-30' }));
      expect(bad.status).toBe(400);
    } finally {
      await pg.close();
    }
  });

  test('an impossible --today is refused before anything starts', async () => {
    await expect(
      startPlaygroundServer({ port: 0, today: '2026-13-45', log: () => undefined }),
    ).rejects.toThrow(/"2026-13-45" is not a date/);
  });
});

describe('npm start refuses bad flags before starting anything', () => {
  const start = path.resolve(__dirname, '..', '..', '..', 'scripts', 'start.js');
  const fifo = path.join(dir, 'start-fifo.csv');
  beforeAll(() => execFileSync('mkfifo', [fifo]));
  test.each([
    [['--constructor'], /unknown option --constructor/],
    [['--__proto__'], /unknown option --__proto__/],
    [['--today', '2026-13-45'], /--today must be YYYY-MM-DD \(a real calendar day\), got "2026-13-45"/],
    [['--today', '2026-02-29'], /got "2026-02-29"/],
    [['--locale', 'english'], /--locale must look like en_GB/],
    [['--file', '/dev/zero'], /not a regular file/],
    [['--file', fifo], /not a regular file/],
  ])('%j', (args, message) => {
    const r = spawnSync(process.execPath, [start, ...args], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
