/**
 * The playground in a real browser (Chromium via playwright-core): the page, the menu, the real
 * sidebar, edits that fire onEdit, the review tab, google.script.run's rules and the server's guards.
 * Needs the built dist/ (`npm test` builds first). Saves sidebar.png and review-tab.png with
 * screenshotPath (a temporary folder; `npm run screenshots` points it at docs/images).
 */
import { spawn } from 'child_process';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { Frame, Page } from 'playwright-core';
import {
  SELECTORS,
  cellBackground,
  cellText,
  clickMenu,
  editCell,
  hexToRgb,
  openBrowser,
  openSheet,
  openSidebar,
  pasteCells,
  screenshotPath,
  selectCell,
  startPlayground,
  waitForPage,
  waitIdle,
  type OpenBrowser,
  type RunningPlayground,
} from './harness';

jest.setTimeout(120_000);

// Code passed to evaluate() runs in the browser; the project's tsconfig has no DOM lib (on purpose),
// so these module-scoped declarations type just what that code touches.
interface PageElement {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
}
declare const document: {
  querySelector(selector: string): { value: string; offsetTop: number; scrollTop: number } | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
};
declare const window: {
  google: { script: { run: Record<string, unknown>; host: { close(): void } } };
};

const ROOT = path.resolve(__dirname, '..', '..');
const DIST_CODE = path.join(ROOT, 'dist', 'Code.js');
const DIST_SIDEBAR = path.join(ROOT, 'dist', 'Sidebar.html');

function letters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Finds the header row and the column whose header matches, by reading the rendered grid. */
async function findColumn(page: Page, header: RegExp): Promise<{ col: string; headerRow: number }> {
  const found = await page.evaluate(
    ({ source, flags }) => {
      const re = new RegExp(source, flags);
      for (const td of Array.from(document.querySelectorAll('[data-testid="grid"] td[data-a1]'))) {
        if (Number(td.dataset.row) > 12) break;
        if (re.test((td.textContent ?? '').trim()))
          return { col: Number(td.dataset.col), row: Number(td.dataset.row) };
      }
      return null;
    },
    { source: header.source, flags: header.flags },
  );
  if (!found) throw new Error(`no column header matches ${header}`);
  return { col: letters(found.col), headerRow: found.row };
}

/** The first data row whose cell in `col` matches. */
async function findRow(page: Page, col: string, text: RegExp, after: number): Promise<number> {
  const row = await page.evaluate(
    ({ col, source, flags, after }) => {
      const re = new RegExp(source, flags);
      for (const td of Array.from(document.querySelectorAll(`[data-testid="grid"] td[data-a1^="${col}"]`))) {
        const r = Number(td.dataset.row);
        if (td.dataset.a1 !== `${col}${r}` || r <= after) continue;
        if (re.test(td.textContent ?? '')) return r;
      }
      return 0;
    },
    { col, source: text.source, flags: text.flags, after },
  );
  if (!row) throw new Error(`no row has ${text} in column ${col}`);
  return row;
}

function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

beforeAll(() => {
  if (!fs.existsSync(DIST_CODE) || !fs.existsSync(DIST_SIDEBAR)) {
    throw new Error('dist/ is not built: run `npm run build` (npm test does it first).');
  }
});

describe('the playground page on the 200-deal sample', () => {
  let pg: RunningPlayground;
  let browser: OpenBrowser;
  let page: Page;
  const alerts: string[] = [];

  beforeAll(async () => {
    pg = await startPlayground();
    browser = await openBrowser();
    page = browser.page;
    page.on('dialog', (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
    await page.goto(pg.url);
    await waitForPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await pg?.close();
  });

  test('shows the product name, the sheet tabs and the pipeline grid with frozen, merged header rows', async () => {
    expect(pg.loadError).toBeNull();
    await expect(page.textContent(SELECTORS.appTitle)).resolves.toContain('Next Step Tracker');
    const tab = page.locator(SELECTORS.sheetTab('Pipeline'));
    await expect(tab.getAttribute('aria-selected')).resolves.toBe('true');
    // The merged title row: A1 spans several columns and holds the title.
    const a1 = page.locator(SELECTORS.cell('A1'));
    expect(Number(await a1.getAttribute('colspan'))).toBeGreaterThan(1);
    expect((await cellText(page, 'A1')).trim().length).toBeGreaterThan(0);
    // The headers and the next-step column are there, and the header row is frozen.
    const { headerRow } = await findColumn(page, /^next step$/i);
    await expect(
      page.locator(`[data-testid="grid"] tr[data-row="${headerRow}"]`).getAttribute('class'),
    ).resolves.toMatch(/frozen/);
    expect(await page.locator('[data-testid="grid"] td[data-a1]').count()).toBeGreaterThan(200 * 5);
    await expect(page.textContent(SELECTORS.today)).resolves.toContain('2026-03-11');
  });

  test("the Extensions menu lists the add-on's own items, read from its onOpen", async () => {
    await page.click(SELECTORS.extensionsMenu);
    await page.click(SELECTORS.addonSubmenu);
    const labels = await page
      .locator('[data-testid="addon-menu"] [data-testid="menu-item"]')
      .evaluateAll((els) => els.map((e) => (e as unknown as PageElement).dataset.label));
    expect(labels).toEqual(
      expect.arrayContaining(['Open sidebar', 'Build weekly review', 'Turn highlights on']),
    );
    await page.keyboard.press('Escape');
  });

  test('opens the real dist/Sidebar.html in a 300-px panel from the menu', async () => {
    const frame = await openSidebar(page);
    const box = await page.locator(SELECTORS.sidebarFrame).boundingBox();
    expect(Math.round(box!.width)).toBe(300);
    await expect(frame.title()).resolves.toContain('Next Step Tracker');
    // The shim is in front of the sidebar's scripts, and the frame is sandboxed like Apps Script's IFRAME mode.
    await expect(frame.evaluate(() => typeof window.google.script.run)).resolves.toBe('object');
    await expect(page.locator(SELECTORS.sidebarFrame).getAttribute('sandbox')).resolves.not.toContain(
      'allow-same-origin',
    );
  });

  test('turning highlights on colours next-step cells live (conditional formats evaluated by the emulator)', async () => {
    await clickMenu(page, 'Turn highlights on');
    await page.waitForSelector('[data-testid="grid"] td[data-cf]', { timeout: 15_000 });
    const coloured = page.locator('[data-testid="grid"] td[data-cf]').first();
    const a1 = (await coloured.getAttribute('data-a1'))!;
    const cf = (await coloured.getAttribute('data-cf'))!;
    // The rule's colour is what the cell shows, and only next-step cells are coloured.
    await expect(cellBackground(page, a1)).resolves.toBe(hexToRgb(cf));
    const { col } = await findColumn(page, /^next step$/i);
    const columns = await page
      .locator('[data-testid="grid"] td[data-cf]')
      .evaluateAll((els) => [
        ...new Set(els.map((e) => (e as unknown as PageElement).dataset.a1!.replace(/\d+$/, ''))),
      ]);
    expect(columns).toEqual([col]);
    // Off again: the colours go.
    await clickMenu(page, 'Turn highlights off');
    expect(await page.locator('[data-testid="grid"] td[data-cf]').count()).toBe(0);
    await clickMenu(page, 'Turn highlights on');
    await page.waitForSelector('[data-testid="grid"] td[data-cf]', { timeout: 15_000 });
  });

  test('selecting a row with a vague next step shows its verdict and findings in the sidebar', async () => {
    const frame = await openSidebar(page);
    const { col, headerRow } = await findColumn(page, /^next step$/i);
    const row = await findRow(
      page,
      col,
      /^\s*(follow up|check in|touch base|circle back|chase)\b/i,
      headerRow,
    );
    await selectCell(page, String(row));
    const verdict = frame.locator('[data-testid="verdict"]').first();
    await verdict.waitFor({ timeout: 15_000 });
    await expect(verdict.textContent()).resolves.toMatch(/weak|bad/i);
    await frame.locator('[data-testid="finding"]').first().waitFor({ timeout: 15_000 });
    expect(await frame.locator('[data-testid="finding"]').count()).toBeGreaterThan(0);
    // The README's picture: wide enough for the deal, its next step (highlighted) and the sidebar.
    await page.setViewportSize({ width: 1680, height: 940 });
    if (await page.isVisible(SELECTORS.toast)) await page.click(SELECTORS.toastClose);
    await waitIdle(page);
    await page.screenshot({ path: screenshotPath('sidebar.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test('editing a next step fires onEdit, which stamps the "updated" column of that row', async () => {
    const { col, headerRow } = await findColumn(page, /^next step$/i);
    const stamp = await findColumn(page, /next step updated|updated/i);
    const row = headerRow + 3;
    const before = await cellText(page, `${stamp.col}${row}`);
    await editCell(page, `${col}${row}`, 'Send the revised MSA to Jane (CFO) by Fri 13 Mar');
    await expect(cellText(page, `${col}${row}`)).resolves.toBe(
      'Send the revised MSA to Jane (CFO) by Fri 13 Mar',
    );
    const after = await cellText(page, `${stamp.col}${row}`);
    expect(after).not.toBe(before);
    expect(after).toMatch(/11\/03\/2026|2026-03-11|3\/11\/2026/);
  });

  test('pasting several next steps stamps exactly the pasted rows, in one onEdit', async () => {
    const { col, headerRow } = await findColumn(page, /^next step$/i);
    const stamp = await findColumn(page, /next step updated|updated/i);
    const first = headerRow + 10;
    const rows = [first, first + 1, first + 2];
    const untouched = first + 3;
    const before = await cellText(page, `${stamp.col}${untouched}`);
    await pasteCells(page, `${col}${first}`, [
      ['Pricing review call with Jane (CFO) on Fri 13 Mar'],
      ['Send the signed SOW to their procurement by 20/03'],
      ['Security questionnaire walkthrough with their IT team next Tue'],
    ]);
    await expect(cellText(page, `${col}${first + 1}`)).resolves.toBe(
      'Send the signed SOW to their procurement by 20/03',
    );
    for (const r of rows) await expect(cellText(page, `${stamp.col}${r}`)).resolves.toMatch(/11\/03\/2026/);
    await expect(cellText(page, `${stamp.col}${untouched}`)).resolves.toBe(before);
  });

  test('typed text starting with "=" becomes a formula; markup shows literally, never as HTML', async () => {
    const far = 'Z5';
    await editCell(page, far, '=2+3');
    await expect(cellText(page, far)).resolves.toBe('5');
    await selectCell(page, far);
    await expect(page.inputValue(SELECTORS.formulaBar)).resolves.toBe('=2+3');

    const xss = '<img src=x onerror=alert(1)>';
    await editCell(page, 'Z6', xss);
    await expect(cellText(page, 'Z6')).resolves.toBe(xss);
    expect(await page.locator('[data-testid="grid"] img').count()).toBe(0);
    expect(alerts).toEqual([]);
  });

  test('building the weekly review from the menu adds its tab', async () => {
    await clickMenu(page, 'Build weekly review');
    // The build may confirm with a dialog or a toast; answer a dialog if one is open.
    if (await page.isVisible(SELECTORS.dialog)) {
      await page.click('[data-testid="dialog-button"]');
      await waitIdle(page);
    }
    const tab = page.locator('[data-testid="sheet-tab"]', { hasText: /Pipeline review 2026-W11/ });
    await tab.waitFor({ timeout: 30_000 });
    await tab.click();
    await waitIdle(page);
    expect(await page.locator('[data-testid="grid"] td[data-a1]').count()).toBeGreaterThan(20);
    // Its embedded chart (verdicts by owner) is drawn over the grid.
    await expect(page.locator('[data-testid="chart"]').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('[data-testid="chart"] rect').count()).resolves.toBeGreaterThan(4);
    // Axis labels are readable: no two owner names overlap, and the trend's weeks are the sheet's
    // dates, not ISO.
    const boxes = await page
      .locator('[data-testid="chart"][data-chart] [data-testid="chart-category"]')
      .evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return {
            chart: el.closest('[data-chart]')!.getAttribute('data-chart'),
            text: el.textContent ?? '',
            left: r.left,
            right: r.right,
            top: r.top,
            bottom: r.bottom,
          };
        }),
      );
    expect(boxes.length).toBeGreaterThan(2);
    for (const a of boxes)
      for (const b of boxes) {
        if (a === b || a.chart !== b.chart) continue;
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect([a.text, b.text, overlap]).toEqual([a.text, b.text, false]);
      }
    for (const b of boxes) expect(b.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // The summary's notes in C run on into D and stop short of the owners chart (nothing hidden under it).
    const label = page.locator('[data-testid="grid"] td[data-a1^="A"]', {
      hasText: 'Steps due last week completed',
    });
    const summaryRow = (await label.getAttribute('data-a1'))!.slice(1);
    const note = await page.locator(SELECTORS.cell(`C${summaryRow}`)).evaluate((el) => {
      const text = el.ownerDocument.createRange();
      text.selectNodeContents(el);
      return { text: el.textContent, right: text.getBoundingClientRect().right };
    });
    const chartLeft = await page
      .locator('[data-testid="chart"]')
      .evaluateAll((els) => Math.min(...els.map((el) => el.getBoundingClientRect().left)));
    expect(note.text).toBe('No earlier review.');
    expect(note.right).toBeLessThanOrEqual(chartLeft);
    // Each listed deal's next step (I) wraps inside its column: shown whole, not cut by the reason in J.
    const steps = await page.locator('[data-testid="grid"] td[data-a1^="I"].wrap').evaluateAll((els) =>
      els.map((el) => ({
        a1: el.getAttribute('data-a1'),
        text: el.textContent ?? '',
        clipped: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
        height: el.getBoundingClientRect().height,
      })),
    );
    expect(steps.filter((c) => c.text !== '').length).toBeGreaterThan(15);
    for (const c of steps) expect([c.a1, c.clipped]).toEqual([c.a1, false]);
    // A step longer than the column takes more than one line (the row grows, as Sheets grows it).
    expect(steps.some((c) => c.text.length > 60 && c.height > 30)).toBe(true);
    // In such a row the deal's name (A) lines up with the step's first line, not its last.
    const tall = steps.filter((c) => c.height > 30).map((c) => c.a1!.slice(1));
    expect(tall.length).toBeGreaterThan(0);
    for (const row of tall) {
      const [name, step] = await Promise.all(
        [`A${row}`, `I${row}`].map((a1) =>
          page.locator(SELECTORS.cell(a1)).evaluate((el) => {
            const text = el.ownerDocument.createRange();
            text.selectNodeContents(el);
            return text.getClientRects()[0]?.top ?? NaN;
          }),
        ),
      );
      expect([row, Math.abs(name - step) <= 1]).toEqual([row, true]);
    }
    // Dismiss the build's toast, if any, and the sidebar, so the screenshot shows the tab.
    if (await page.isVisible(SELECTORS.toast)) await page.click(SELECTORS.toastClose);
    if (await page.isVisible(SELECTORS.sidebarPanel)) await page.click(SELECTORS.sidebarClose);
    await waitIdle(page);
    // The manager's first screen at 1440x900: the summary, the charts and the top of "This week".
    await page.screenshot({ path: screenshotPath('review-tab.png') });
    await openSheet(page, 'Pipeline');
  });

  test('Reset brings the sample back', async () => {
    await editCell(page, 'Z7', 'scratch');
    await expect(cellText(page, 'Z7')).resolves.toBe('scratch');
    await page.click(SELECTORS.reset);
    await waitIdle(page);
    await expect(cellText(page, 'Z7')).resolves.toBe('');
    expect(await page.locator('[data-testid="sheet-tab"]', { hasText: /Pipeline review/ }).count()).toBe(0);
  });
});

describe('google.script.run and dialogs, against a small test bundle', () => {
  let dir: string;
  let pg: RunningPlayground;
  let browser: OpenBrowser;
  let page: Page;
  let frame: Frame;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nst-bundle-'));
    fs.writeFileSync(
      path.join(dir, 'Code.js'),
      `
function onOpen() {
  SpreadsheetApp.getUi().createAddonMenu()
    .addItem('Open sidebar', 'openSidebar')
    .addItem('Ask name', 'askName')
    .addItem('Count', 'count')
    .addToUi();
}
function openSidebar() {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Test sidebar'));
}
function echo(x) { return x; }
function count() {
  var r = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('B2');
  r.setValue((Number(r.getValue()) || 0) + 1);
}
function cachePoll() { CacheService.getDocumentCache().put('poll', String(Math.random())); return 'ok'; }
function boom() { throw new Error('boom from the server'); }
function giveDate() { return { when: new Date() }; }
function secret_() { return 'hidden'; }
function jump() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('C7').activate(); }
function hello() { SpreadsheetApp.getActiveSpreadsheet().toast('Saved your step', 'Next Step Tracker', 3); }
function askName() {
  var ui = SpreadsheetApp.getUi();
  var r = ui.prompt('Your name', 'Who is asking?', ui.ButtonSet.OK_CANCEL);
  if (r.getSelectedButton() == ui.Button.OK) {
    SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('Z1').setValue(r.getResponseText());
  }
}
`,
    );
    fs.writeFileSync(
      path.join(dir, 'Sidebar.html'),
      '<!doctype html><html><head><title>Test sidebar</title></head><body><p id="hello">test sidebar</p></body></html>',
    );
    pg = await startPlayground({ codePath: path.join(dir, 'Code.js') });
    browser = await openBrowser();
    page = browser.page;
    await page.goto(pg.url);
    await waitForPage(page);
    frame = await openSidebar(page);
  });

  afterAll(async () => {
    await browser?.close();
    await pg?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  type Run = Record<string, (...a: unknown[]) => void> & {
    withSuccessHandler(f: (v: unknown, u?: unknown) => void): Run;
    withFailureHandler(f: (e: Error, u?: unknown) => void): Run;
    withUserObject(o: unknown): Run;
  };

  /** Calls google.script.run.fn(...args) in the sidebar; resolves with what the handlers received. */
  function call(
    fn: string,
    argsSource: string,
  ): Promise<{ ok?: unknown; fail?: { name: string; message: string }; user?: unknown; threw?: string }> {
    return frame.evaluate(
      ({ fn, argsSource }) =>
        new Promise((resolve) => {
          const run = window.google.script.run as unknown as Run;
          const args = new Function(`return [${argsSource}];`)() as unknown[];
          try {
            run
              .withUserObject({ tag: 'u1' })
              .withSuccessHandler((v, u) => resolve({ ok: v === undefined ? '(undefined)' : v, user: u }))
              .withFailureHandler((e, u) =>
                resolve({
                  fail: { name: e.name, message: e.message },
                  user: u,
                  isError: e instanceof Error,
                } as never),
              )
              [fn](...args);
          } catch (e) {
            resolve({ threw: (e as Error).message });
          }
        }),
      { fn, argsSource },
    );
  }

  test('plain values round-trip; undefined in arrays becomes null and undefined fields are dropped', async () => {
    await expect(
      call('echo', '{a: 1, b: "x", c: [1, undefined, null], d: undefined, e: true}'),
    ).resolves.toEqual({
      ok: { a: 1, b: 'x', c: [1, null, null], e: true },
      user: { tag: 'u1' },
    });
  });

  test('a Date or a function argument fails at the call, as in Apps Script', async () => {
    await expect(call('echo', 'new Date()')).resolves.toEqual({
      threw: 'Failed due to illegal value in property: 0',
    });
    await expect(call('echo', '{when: new Date()}')).resolves.toEqual({
      threw: 'Failed due to illegal value in property: when',
    });
    await expect(call('echo', '1, function () {}')).resolves.toEqual({
      threw: 'Failed due to illegal value in property: 1',
    });
  });

  test('a Date in a return value reaches the success handler as null', async () => {
    await expect(call('giveDate', '')).resolves.toEqual({ ok: null, user: { tag: 'u1' } });
  });

  test("a server error reaches the failure handler as an Error with the server's message and the user object", async () => {
    const r = (await call('boom', '')) as {
      fail: { name: string; message: string };
      user: unknown;
      isError: boolean;
    };
    expect(r.isError).toBe(true);
    expect(r.fail.message).toContain('boom from the server');
    expect(r.user).toEqual({ tag: 'u1' });
  });

  test('only public server functions are exposed (names ending in _ are private)', async () => {
    const names = await frame.evaluate(() =>
      ['echo', 'boom', 'secret_', 'nope'].map((n) => typeof window.google.script.run[n]),
    );
    expect(names).toEqual(['function', 'function', 'undefined', 'undefined']);
  });

  test('when a menu call returns the page to idle, the grid already shows its result (no sleep)', async () => {
    // The page is busy from the click until the call's redraw is drawn, so each read sees the new count.
    for (let i = 1; i <= 8; i++) {
      await clickMenu(page, 'Count');
      await expect(cellText(page, 'B2')).resolves.toBe(String(i));
    }
  });

  test('a call that only writes the cache does not redraw the grid', async () => {
    await waitIdle(page);
    const sheetLoads: string[] = [];
    const onRequest = (r: { url(): string }) => {
      if (r.url().includes('/api/sheet')) sheetLoads.push(r.url());
    };
    page.on('request', onRequest);
    try {
      await expect(call('cachePoll', '')).resolves.toEqual({ ok: 'ok', user: { tag: 'u1' } });
      await waitIdle(page);
    } finally {
      page.off('request', onRequest);
    }
    expect(sheetLoads).toEqual([]);
  });

  test('Ui.prompt holds the call until the person answers in the page', async () => {
    await clickMenu(page, 'Ask name');
    await page.waitForSelector(SELECTORS.dialog, { state: 'visible' });
    await expect(page.textContent('[data-testid="dialog-title"]')).resolves.toBe('Your name');
    await page.fill(SELECTORS.dialogInput, '<b>Ada</b>');
    await page.click(SELECTORS.dialogButton('OK'));
    await waitIdle(page);
    await expect(cellText(page, 'Z1')).resolves.toBe('<b>Ada</b>');
  });

  test('what the add-on activates, the page selects; its toasts show on the page', async () => {
    await call('jump', '');
    await page.waitForFunction(() => document.querySelector('[data-testid="name-box"]')?.value === 'C7');
    await expect(page.getAttribute(SELECTORS.cell('C7'), 'class')).resolves.toContain('active');
    await call('hello', '');
    await page.waitForSelector(SELECTORS.toast, { state: 'visible' });
    await expect(page.textContent(SELECTORS.toast)).resolves.toContain('Saved your step');
  });

  test('google.script.host.close() closes the panel', async () => {
    await frame.evaluate(() => window.google.script.host.close());
    await page.waitForSelector(SELECTORS.sidebarPanel, { state: 'hidden' });
  });
});

describe('a call that runs too long', () => {
  test('is stopped like Apps Script stops it, with a message, and the playground carries on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nst-spin-'));
    fs.writeFileSync(
      path.join(dir, 'Code.js'),
      `function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Spin', 'spin').addItem('Mark', 'mark').addToUi(); }
function spin() { for (;;) {} }
function mark() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('Z2').setValue('still here'); }`,
    );
    const pg = await startPlayground({ codePath: path.join(dir, 'Code.js'), executionLimitMs: 1500 });
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await page.goto(pg.url);
      await waitForPage(page);
      await clickMenu(page, 'Spin');
      await page
        .locator(SELECTORS.errorBanner, { hasText: 'Exceeded maximum execution time' })
        .waitFor({ timeout: 30_000 });
      await waitForPage(page);
      await clickMenu(page, 'Mark');
      await expect(cellText(page, 'Z2')).resolves.toBe('still here');
    } finally {
      await browser.close();
      await pg.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm start (scripts/start.js)', () => {
  test('serves the page on 127.0.0.1 and prints its URL; --today sets the date the add-on sees', async () => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'scripts', 'start.js'), '--port', '0', '--today', '2026-03-20'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 60_000);
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const page = await rawRequest(url, {});
      expect(page.status).toBe(200);
      expect(page.body).toContain('Next Step Tracker');
      const state = JSON.parse((await rawRequest(`${url}api/state`, {})).body) as {
        today: string;
        todaySource: string;
      };
      expect(state).toMatchObject({ today: '2026-03-20', todaySource: '--today' });
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  test('a bad option prints the usage and exits with status 2', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.js'), '--today', 'tomorrow'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/--today must be YYYY-MM-DD[\s\S]*usage: npm start/);
  });
});

describe('server guards and bad input', () => {
  let pg: RunningPlayground;

  beforeAll(async () => {
    pg = await startPlayground();
  });
  afterAll(async () => {
    await pg?.close();
  });

  test('binds to loopback only', () => {
    expect(new URL(pg.url).hostname).toBe('127.0.0.1');
  });

  test('rejects a request addressed to another Host (DNS rebinding)', async () => {
    const port = new URL(pg.url).port;
    const res = await rawRequest(`${pg.url}api/state`, { headers: { Host: `attacker.example:${port}` } });
    expect(res.status).toBe(403);
    const ok = await rawRequest(`${pg.url}api/state`, {});
    expect(ok.status).toBe(200);
  });

  test('rejects a POST from another Origin, and a form-style POST (CSRF)', async () => {
    const body = JSON.stringify({ fn: 'onOpen', args: [] });
    const foreign = await rawRequest(`${pg.url}rpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://attacker.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    const form = await rawRequest(`${pg.url}api/reset`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    const same = await rawRequest(`${pg.url}rpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: pg.url.replace(/\/$/, '') },
      body,
    });
    expect(same.status).toBe(200);
  });

  test('a bad --file shows a clear message on the page instead of crashing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nst-bad-'));
    const bad = path.join(dir, 'pipeline.xlsx');
    fs.writeFileSync(bad, 'this is not a spreadsheet');
    const broken = await startPlayground({ file: bad });
    const browser = await openBrowser();
    try {
      expect(broken.loadError).toMatch(/Could not open pipeline\.xlsx/);
      await browser.page.goto(broken.url);
      await waitForPage(browser.page);
      await expect(browser.page.textContent(SELECTORS.loadError)).resolves.toMatch(
        /Could not open pipeline\.xlsx/,
      );
    } finally {
      await browser.close();
      await broken.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
