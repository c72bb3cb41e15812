/**
 * The sidebar in a real browser, in the playground (the real dist/Code.js in the emulator, the real
 * dist/Sidebar.html in a sandboxed 300-px iframe). As a new user would: select a row with a vague next
 * step, read why, compose a fix and write it, see the row's highlight clear; change a setting and see
 * the highlights follow; build the review from the manager view. Plus keyboard use, the XSS case and
 * RPC failures. Fixture: sheet "Pipeline", headers in row 2, Next step = column G, Next step updated =
 * column I, today 2026-03-11 (a Wednesday).
 */
import fs from 'fs';
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
  selectCell,
  startPlayground,
  waitForPage,
  waitIdle,
  type OpenBrowser,
  type RunningPlayground,
} from './harness';
import { HIGHLIGHT_LEGEND } from '../../src/core/highlights/legend';

jest.setTimeout(120_000);

// Code passed to evaluate() runs in the browser; the project's tsconfig has no DOM lib.
interface BrowserElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
}
declare const document: {
  activeElement: BrowserElement | null;
  querySelectorAll(selector: string): ArrayLike<BrowserElement>;
};
declare function getComputedStyle(el: unknown): { outlineStyle: string; outlineWidth: string };

const ROOT = path.resolve(__dirname, '..', '..');
const WHITE = 'rgb(255, 255, 255)';
const colour = (id: string) => hexToRgb(HIGHLIGHT_LEGEND.find((e) => e.id === id)!.color);
const T = { timeout: 20_000 };

/** The error banner's text, '' when it is hidden (assert on it for a readable failure). */
async function bannerText(frame: Frame): Promise<string> {
  return (await frame.isVisible('[data-testid="error"]'))
    ? ((await frame.textContent('#error-text')) ?? '')
    : '';
}

async function rowShown(frame: Frame, row: number): Promise<void> {
  try {
    await frame.locator('.row-label', { hasText: `Row ${row} ·` }).waitFor(T);
  } catch {
    const shown = await frame.textContent('#row-body');
    throw new Error(
      `row ${row} not shown; the row card says "${shown}"; banner: "${await bannerText(frame)}"`,
    );
  }
}

describe('the sidebar on the 200-deal sample', () => {
  let pg: RunningPlayground;
  let browser: OpenBrowser;
  let page: Page;
  let frame: Frame;
  const dialogs: string[] = [];

  beforeAll(async () => {
    pg = await startPlayground();
    browser = await openBrowser();
    page = browser.page;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pg.url);
    await waitForPage(page);
    frame = await openSidebar(page);
    await frame.waitForSelector('#app[data-ready="true"]', T);
  });

  afterAll(async () => {
    await browser?.close();
    await pg?.close();
  });

  test('the rep view follows the selection: deal, next step, verdict and timing badges, findings with marked spans', async () => {
    await selectCell(page, 'G4'); // "Circle back after their peak season"
    await rowShown(frame, 4);
    await expect(frame.textContent('[data-testid="deal"]')).resolves.toBe(
      'Brightwater Health — Analytics add-on',
    );
    await expect(frame.textContent('[data-testid="next-step"]')).resolves.toBe(
      'Circle back after their peak season',
    );
    await expect(frame.textContent('[data-testid="verdict"]')).resolves.toMatch(/Weak|Bad/);
    await expect(frame.textContent('[data-testid="timing"]')).resolves.toMatch(/\w/);
    const findings = frame.locator('[data-testid="finding"]');
    expect(await findings.count()).toBeGreaterThan(0);
    await expect(findings.first().textContent()).resolves.toMatch(/Fix:/);
    await expect(frame.locator('[data-testid="finding"] mark').first().textContent()).resolves.toMatch(/\S/);
    // Another row: the view follows.
    await selectCell(page, 'G5');
    await rowShown(frame, 5);
    await expect(frame.textContent('[data-testid="next-step"]')).resolves.toBe(
      'Demo of reporting module for the COO, Fri 3pm',
    );
  });

  test('tabs are a keyboard tablist with visible focus', async () => {
    await frame.focus('[data-testid="tab-rep"]');
    await frame.press('[data-testid="tab-rep"]', 'ArrowRight');
    await expect(frame.getAttribute('[data-testid="tab-manager"]', 'aria-selected')).resolves.toBe('true');
    await expect(frame.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
      'tab-manager',
    );
    await expect(frame.isVisible('#panel-manager')).resolves.toBe(true);
    await expect(frame.isVisible('#panel-rep')).resolves.toBe(false);
    await frame.press('[data-testid="tab-manager"]', 'End');
    await expect(frame.getAttribute('[data-testid="tab-settings"]', 'aria-selected')).resolves.toBe('true');
    await frame.press('[data-testid="tab-settings"]', 'ArrowRight'); // wraps around
    await expect(frame.getAttribute('[data-testid="tab-rep"]', 'aria-selected')).resolves.toBe('true');
    const outline = await frame.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: s.outlineWidth, tabindex: el?.getAttribute('tabindex') };
    });
    expect(outline.style).not.toBe('none');
    expect(parseFloat(outline.width)).toBeGreaterThanOrEqual(2);
    expect(outline.tabindex).toBe('0');
    // Every input in the sidebar has a label.
    const unlabeled = await frame.evaluate(() =>
      Array.from(document.querySelectorAll('input, select'))
        .filter((el) => {
          const id = el.getAttribute('id');
          return (
            !el.getAttribute('aria-label') && !(id && document.querySelectorAll(`label[for="${id}"]`).length)
          );
        })
        .map((el) => el.getAttribute('id') ?? el.tagName),
    );
    expect(unlabeled).toEqual([]);
  });

  test('compose flow: read why, compose a fix with a quick pick, write it with the stamp, the highlight clears', async () => {
    await clickMenu(page, 'Turn highlights on');
    await selectCell(page, 'G4');
    await rowShown(frame, 4);
    expect(await cellBackground(page, 'G4')).not.toBe(WHITE);
    const stampBefore = await cellText(page, 'I4');
    await frame.fill('[data-testid="compose-what"]', 'send the revised proposal');
    await frame.fill('[data-testid="compose-who"]', 'Jane (CFO)');
    await frame.click('.quick-picks button[data-pick="fri"]');
    await expect(frame.inputValue('[data-testid="compose-when"]')).resolves.toBe('2026-03-13');
    const text = 'Send the revised proposal to Jane (CFO) by Fri 13 Mar';
    await expect(frame.textContent('[data-testid="compose-preview"]')).resolves.toBe(text);
    // Checked live in the client with the same engine.
    await expect(frame.textContent('[data-testid="compose-verdict"]')).resolves.toMatch(/OK/);
    // The button names the deal the draft is bound to, not just a row number.
    await expect(frame.textContent('[data-testid="compose-write"]')).resolves.toBe(
      'Write to Brightwater Health — Analytics add-on (row 4)',
    );
    await frame.click('[data-testid="compose-write"]');
    await frame
      .locator('[data-testid="status"]', { hasText: /Wrote the next step to row 4 and stamped it/ })
      .waitFor(T);
    await waitIdle(page);
    await expect(cellText(page, 'G4')).resolves.toBe(text);
    const stampAfter = await cellText(page, 'I4');
    expect(stampAfter).not.toBe(stampBefore);
    expect(stampAfter).toMatch(/11\/03\/2026/);
    await expect(cellBackground(page, 'G4')).resolves.toBe(WHITE);
    await expect(frame.textContent('[data-testid="verdict"]')).resolves.toMatch(/OK/);
    await expect(frame.inputValue('[data-testid="compose-what"]')).resolves.toBe('');
  });

  test('"my deals needing attention": items jump to their row', async () => {
    const select = frame.locator('[data-testid="deals-owner"]');
    await select.selectOption('Priya Patel');
    const item = frame.locator('[data-testid="deal-item"]').first();
    await item.waitFor(T);
    // Summaries name days as the sheet writes them ("overdue since 4 Feb 2026"), never ISO.
    const summaries = await frame.locator('[data-testid="deal-item"] .deal-summary').allTextContents();
    expect(summaries.some((t) => /overdue since \d{1,2} [A-Z][a-z]{2} \d{4}/.test(t))).toBe(true);
    for (const t of summaries) expect(t).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const row = Number(await item.getAttribute('data-row'));
    expect(row).toBeGreaterThan(2);
    await item.click();
    await rowShown(frame, row);
    await waitIdle(page);
    await expect(page.inputValue(SELECTORS.nameBox)).resolves.toBe(`G${row}`);
  });

  test('a settings change re-applies the highlights: a new filler phrase colours its cell', async () => {
    // OK for the engine until "sync" is a filler phrase (highlights show the engine's verdict, issue 13).
    await editCell(page, 'G6', 'Sync with Jane on 20/03');
    expect(await cellBackground(page, 'G6')).toBe(WHITE);
    await frame.click('[data-testid="tab-settings"]');
    await frame.waitForSelector('[data-testid="filler-new"]', T);
    await frame.fill('[data-testid="filler-new"]', 'sync');
    await frame.click('[data-testid="filler-add"]');
    await expect(frame.locator('[data-testid="filler-phrase"]', { hasText: 'sync' }).count()).resolves.toBe(
      1,
    );
    await frame.click('[data-testid="settings-save"]');
    await frame
      .locator('[data-testid="settings-result"]', { hasText: /Settings saved\. Highlights updated\./ })
      .waitFor(T);
    await waitIdle(page);
    await expect(cellBackground(page, 'G6')).resolves.toBe(colour('weak'));
  });

  test('settings: invalid days get an inline message next to the input, nothing saved', async () => {
    const stage = frame.locator('[data-testid="freshness-stage"]').first();
    await stage.fill('-3');
    await frame.click('[data-testid="settings-save"]');
    await expect(stage.getAttribute('aria-invalid')).resolves.toBe('true');
    const msgId = (await stage.getAttribute('aria-describedby'))!;
    await expect(frame.textContent(`[id="${msgId}"]`)).resolves.toMatch(
      /must be a whole number of days from 1 to 365/,
    );
    await stage.fill('');
    // Review tabs to keep: a labelled number input; a bad value gets its own inline message.
    const retention = frame.locator('[data-testid="review-retention"]');
    await expect(frame.textContent('label[for="review-retention"]')).resolves.toBe('Review tabs to keep');
    await expect(retention.inputValue()).resolves.toBe('8');
    await retention.fill('0');
    await frame.click('[data-testid="settings-save"]');
    await expect(retention.getAttribute('aria-invalid')).resolves.toBe('true');
    const retentionMsg = (await retention.getAttribute('aria-describedby'))!;
    await expect(frame.textContent(`[id="${retentionMsg}"]`)).resolves.toBe(
      'Review tabs to keep must be a whole number from 1 to 52, got 0.',
    );
    await retention.fill('8');
  });

  test('manager view: health at a glance, build the review with a working state, weekly schedule', async () => {
    await frame.click('[data-testid="tab-manager"]');
    await frame.waitForSelector('[data-testid="open-deals"]', T);
    expect(Number(await frame.textContent('[data-testid="open-deals"]'))).toBeGreaterThan(100);
    await expect(frame.textContent('[data-testid="ok-share"]')).resolves.toMatch(/^\d+%$/);
    await frame.click('[data-testid="build-review"]');
    await frame.locator('[data-testid="build-result"]', { hasText: /\S/ }).waitFor({ timeout: 60_000 });
    await expect(frame.textContent('[data-testid="build-result"]')).resolves.not.toMatch(/not built/);
    await waitIdle(page);
    await page.locator('[data-testid="sheet-tab"]', { hasText: /Pipeline review 2026-W11/ }).waitFor(T);
    await expect(bannerText(frame)).resolves.toBe('');
    // The weekly schedule: on, then off again.
    await frame.waitForSelector('[data-testid="weekly-toggle"]:not([disabled])', T);
    await frame.click('[data-testid="weekly-toggle"]');
    await frame.locator('[data-testid="weekly-status"]', { hasText: /^On/ }).waitFor(T);
    await frame.click('[data-testid="weekly-toggle"]');
    await frame.locator('[data-testid="weekly-status"]', { hasText: /^Off/ }).waitFor(T);
    // On the review tab, the rep view says so instead of judging it.
    await openSheet(page, 'Pipeline review 2026-W11');
    await frame.click('[data-testid="tab-rep"]');
    await frame.locator('[data-testid="selection-hint"]', { hasText: /is a review tab/ }).waitFor(T);
    await openSheet(page, 'Pipeline');
  });

  test('XSS: a next step that is markup shows literally, everywhere in the sidebar', async () => {
    const xss = '<img src=x onerror=alert(1)>';
    await editCell(page, 'G8', xss);
    await selectCell(page, 'G8');
    await rowShown(frame, 8);
    await expect(frame.textContent('[data-testid="next-step"]')).resolves.toBe(xss);
    expect(await frame.locator('img').count()).toBe(0);
    // Composing with markup: the preview is text too.
    await frame.fill('[data-testid="compose-what"]', '<b>bold</b><script>alert(2)</script>');
    await expect(frame.textContent('[data-testid="compose-preview"]')).resolves.toContain(
      '<b>bold</b><script>',
    );
    expect(await frame.locator('#compose-preview b, #compose-preview script').count()).toBe(0);
    await frame.fill('[data-testid="compose-what"]', '');
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
  });
});

describe('RPC failures reach the error banner, never a blank panel', () => {
  let dir: string;
  let pg: RunningPlayground;
  let browser: OpenBrowser;
  let page: Page;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nst-sidebar-'));
    // The real bundle, with some server functions replaced by failing ones after it loads.
    const code = fs.readFileSync(path.join(ROOT, 'dist', 'Code.js'), 'utf8');
    fs.writeFileSync(
      path.join(dir, 'Code.js'),
      `${code}
;(function () {
  var real = globalThis.getSelectionContext;
  var failures = 2; // the first two polls fail, then the sheet "comes back"
  globalThis.getSelectionContext = function () {
    if (failures-- > 0) throw new Error('The spreadsheet is unavailable (simulated)');
    return real();
  };
})();
globalThis.getSheetHealth = function () { throw new Error('Exception: Health check failed (simulated)'); };
globalThis.writeNextStep = function () {
  throw new Error('Row 4 changed since the sidebar read it: its next step now says "x". Nothing was written.');
};
`,
    );
    fs.copyFileSync(path.join(ROOT, 'dist', 'Sidebar.html'), path.join(dir, 'Sidebar.html'));
    pg = await startPlayground({ codePath: path.join(dir, 'Code.js'), htmlDir: dir });
    browser = await openBrowser();
    page = browser.page;
    await page.goto(pg.url);
    await waitForPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await pg?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a failing poll shows the banner with a retry, and the panel says what it could not do', async () => {
    const frame = await openSidebar(page);
    const banner = frame.locator('[data-testid="error"]');
    await banner.waitFor({ state: 'visible', ...T });
    await expect(banner.getAttribute('role')).resolves.toBe('alert');
    await expect(banner.textContent()).resolves.toContain('The spreadsheet is unavailable (simulated)');
    await expect(frame.isVisible('#error-retry')).resolves.toBe(true);
    await expect(frame.textContent('#row-body')).resolves.toMatch(/Could not read the selected row/);
  });

  test('the poll backs off and recovers by itself: the banner goes, the rep view follows again', async () => {
    const frame = await openSidebar(page);
    await frame.locator('[data-testid="error"]').waitFor({ state: 'hidden', ...T });
    await selectCell(page, 'G4');
    await rowShown(frame, 4);
  });

  test('a refused write: the banner says why, the status says nothing was written, the form keeps the text', async () => {
    const frame = await openSidebar(page);
    await frame.fill('[data-testid="compose-what"]', 'Send the revised MSA');
    await frame.fill('[data-testid="compose-who"]', 'Jane');
    await frame.click('.quick-picks button[data-pick="fri"]');
    await frame.click('[data-testid="compose-write"]');
    await frame
      .locator('[data-testid="error"]', { hasText: /Row 4 changed since the sidebar read it/ })
      .waitFor(T);
    await frame.locator('[data-testid="status"]', { hasText: 'Nothing was written.' }).waitFor(T);
    await expect(frame.inputValue('[data-testid="compose-what"]')).resolves.toBe('Send the revised MSA');
    await expect(frame.isEnabled('[data-testid="compose-write"]')).resolves.toBe(true);
    await frame.click('#error-dismiss');
  });

  test('a failing manager call: its message, without the "Exception:" prefix', async () => {
    const frame = await openSidebar(page);
    await frame.click('[data-testid="tab-manager"]');
    const banner = frame.locator('[data-testid="error"]');
    await frame.locator('[data-testid="error"]', { hasText: 'Health check failed (simulated)' }).waitFor(T);
    await expect(banner.textContent()).resolves.not.toContain('Exception:');
    await expect(frame.textContent('#health-body')).resolves.toMatch(/Could not read/);
    // Dismiss hides it.
    await frame.click('#error-dismiss');
    await expect(frame.isVisible('[data-testid="error"]')).resolves.toBe(false);
  });
});
