/**
 * Browser-test harness over the playground (docs/playground.md lists the selectors).
 *
 *   const pg = await startPlayground();            // in-process server on a free port
 *   const { page, close } = await openBrowser();   // the run's Chromium via playwright-core
 *   await page.goto(pg.url); await waitForPage(page);
 *   await clickMenu(page, 'Open sidebar');
 *   const sidebar = await openSidebar(page);       // the sidebar's Frame
 *
 * Every helper waits for the page to be idle (no request in flight) before it returns, so a test can
 * assert right after it.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { startPlaygroundServer } from '../../dev/playground/server';

// Code passed to page.evaluate runs in the browser. The project's tsconfig has no DOM lib (on purpose),
// so these module-scoped declarations type just what that code touches.
interface PageElement {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
}
declare const document: { body: PageElement; dispatchEvent(e: unknown): boolean };
declare class DataTransfer {
  setData(type: string, data: string): void;
}
declare class ClipboardEvent {
  constructor(type: string, init: { clipboardData: DataTransfer; bubbles: boolean });
}

declare function getComputedStyle(el: unknown): { backgroundColor: string };

// The browser is found and proven once per run by test/e2e/global-setup.js (the packaged Chromium of
// @sparticuz/chromium, or NST_CHROMIUM), which hands its path or the reason it failed to the workers.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain-JS globalSetup module
const { FLAGS: CHROMIUM_FLAGS } = require('./global-setup') as { FLAGS: string[] };

/** Where tests put screenshots: a temporary folder, or NST_SCREENSHOTS_DIR (`npm run screenshots`). */
export function screenshotPath(name: string): string {
  const dir = process.env.NST_SCREENSHOTS_DIR ?? path.join(os.tmpdir(), 'nst-screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** Stable selectors of the playground page (see docs/playground.md). */
export const SELECTORS = {
  appTitle: '[data-testid="app-title"]',
  grid: '[data-testid="grid"]',
  cell: (a1: string) => `[data-testid="grid"] td[data-a1="${a1.toUpperCase()}"]`,
  rowHeader: (row: number) => `[data-testid="grid"] th[data-row-header="${row}"]`,
  sheetTab: (name: string) => `[data-testid="sheet-tab"][data-sheet="${cssString(name)}"]`,
  extensionsMenu: '[data-testid="menu-extensions"]',
  addonSubmenu: '[data-testid="addon-submenu"]',
  menuItem: (label: string) =>
    `[data-testid="addon-menu"] [data-testid="menu-item"][data-label="${cssString(label)}"]`,
  sidebarPanel: '[data-testid="sidebar-panel"]',
  sidebarFrame: '[data-testid="sidebar-frame"]',
  sidebarClose: '[data-testid="sidebar-close"]',
  dialog: '[data-testid="dialog"]',
  dialogButton: (button: string) => `[data-testid="dialog-button"][data-button="${button.toUpperCase()}"]`,
  dialogInput: '[data-testid="dialog-input"]',
  toast: '[data-testid="toast"]',
  toastClose: '[data-testid="toast-close"]',
  loadError: '[data-testid="load-error"]',
  errorBanner: '[data-testid="error-banner"]',
  formulaBar: '[data-testid="formula-bar"]',
  nameBox: '[data-testid="name-box"]',
  cellEditor: '[data-testid="cell-editor"]',
  reset: '[data-testid="reset"]',
  today: '[data-testid="today"]',
} as const;

function cssString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export interface RunningPlayground {
  url: string;
  loadError: string | null;
  /** Server log lines (bundle errors, RPC warnings), for failing-test diagnostics. */
  logs: string[];
  close(): Promise<void>;
}

/** Starts the playground in this process on a free port (the built dist/ must exist: `npm run build`). */
export async function startPlayground(
  opts: {
    file?: string;
    today?: string;
    codePath?: string;
    htmlDir?: string;
    executionLimitMs?: number;
  } = {},
): Promise<RunningPlayground> {
  const logs: string[] = [];
  const pg = await startPlaygroundServer({ ...opts, port: 0, log: (line) => logs.push(line) });
  const close = track(() => pg.close());
  return { url: pg.url, loadError: pg.loadError, logs, close };
}

/**
 * Everything a suite starts (playground servers with their workers, browsers) is closed after the
 * file's tests whatever failed, even when a test never reached its own close: an open server or worker
 * would keep jest from exiting. The harness registers this afterAll in every file that imports it.
 */
const stillOpen = new Set<() => Promise<void>>();
function track(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  const once = (): Promise<void> => {
    stillOpen.delete(once);
    closing ??= close();
    return closing;
  };
  stillOpen.add(once);
  return once;
}
afterAll(async () => {
  const pending = [...stillOpen];
  await Promise.allSettled(pending.map((close) => close()));
});

export interface OpenBrowser {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * The run's Chromium with a fresh temporary profile (launchPersistentContext). Fails at once, with the
 * reason and the fix, when the run's browser could not start (see global-setup.js).
 */
export async function openBrowser(): Promise<OpenBrowser> {
  if (process.env.NST_BROWSER_ERROR) throw new Error(process.env.NST_BROWSER_ERROR);
  const executablePath = process.env.NST_CHROMIUM_PATH;
  if (!executablePath)
    throw new Error('No browser: run the browser suites through jest (test/e2e/global-setup.js).');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nst-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1440, height: 900 },
    });
  } catch (err) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  const close = track(async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { page, context, close };
}

/**
 * Waits until no playground request is in flight, or until a dialog (Ui.alert/prompt) is waiting for
 * an answer: the call that opened it is held by the server until the dialog is answered.
 *
 * The page counts as busy from the moment an action sends its request until everything it caused is
 * drawn: a redraw scheduled after a call's answer, and the server events the call caused (which travel
 * on a separate stream and may arrive after the answer) are part of the same busy period. So one real
 * condition is enough; no sleep.
 */
export async function waitIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.body.dataset.ready === 'true' &&
      (document.body.dataset.busy === 'false' || document.body.dataset.dialog === 'open'),
  );
}

/** Opens the page (if needed) and waits for the grid. */
export async function waitForPage(page: Page): Promise<void> {
  await page.waitForSelector(`${SELECTORS.grid} td[data-a1]`);
  await waitIdle(page);
}

/** Clicks Extensions ▸ Next Step Tracker ▸ label, and waits for the call (and any refresh) to finish. */
export async function clickMenu(page: Page, label: string): Promise<void> {
  await page.click(SELECTORS.extensionsMenu);
  await page.click(SELECTORS.addonSubmenu);
  await page.click(SELECTORS.menuItem(label));
  await waitIdle(page);
}

/** The sidebar's Frame, once its document has loaded. Opens it from the menu when it is not open. */
export async function openSidebar(page: Page, menuLabel = 'Open sidebar'): Promise<Frame> {
  if (!(await page.isVisible(SELECTORS.sidebarFrame))) await clickMenu(page, menuLabel);
  const handle = await page.waitForSelector(SELECTORS.sidebarFrame);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the sidebar iframe has no frame');
  await frame.waitForLoadState('load');
  return frame;
}

/** Clicks a cell (A1) or, for a bare row number ("5"), the row header; the server's active range follows. */
export async function selectCell(page: Page, a1: string): Promise<void> {
  const target = /^\d+$/.test(a1) ? SELECTORS.rowHeader(Number(a1)) : SELECTORS.cell(a1);
  await waitIdle(page);
  // click() scrolls the cell into view and retries if a redraw replaces it meanwhile.
  await page.click(target);
  await waitIdle(page);
}

/** Types text into a cell as a person would (double-click, replace, Enter): fires onEdit. */
export async function editCell(page: Page, a1: string, text: string): Promise<void> {
  await selectCell(page, a1);
  const editor = page.locator(SELECTORS.cellEditor);
  // Double-click opens the editor; if a redraw swallowed the click, try again.
  for (let attempt = 0; attempt < 3 && !(await editor.isVisible()); attempt++) {
    await page.dblclick(SELECTORS.cell(a1));
    await editor.waitFor({ timeout: 3000 }).catch(() => undefined);
  }
  await editor.fill(text);
  await editor.press('Enter');
  await waitIdle(page);
}

/**
 * Pastes a block of text at a1, as pasting rows copied from Sheets or Excel does (tab-separated
 * cells): one write, one onEdit for the whole block.
 */
export async function pasteCells(page: Page, a1: string, rows: string[][]): Promise<void> {
  await selectCell(page, a1);
  const text = rows.map((r) => r.join('\t')).join('\n');
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);
  await waitIdle(page);
}

/** The cell's displayed text. */
export async function cellText(page: Page, a1: string): Promise<string> {
  return (await page.locator(SELECTORS.cell(a1)).textContent()) ?? '';
}

/** The cell's computed background colour, as the browser reports it (`rgb(r, g, b)`). */
export async function cellBackground(page: Page, a1: string): Promise<string> {
  return page.locator(SELECTORS.cell(a1)).evaluate((el) => getComputedStyle(el).backgroundColor);
}

/** Switches to a sheet tab. */
export async function openSheet(page: Page, name: string): Promise<void> {
  await page.click(SELECTORS.sheetTab(name));
  await waitIdle(page);
}

/** Converts '#rrggbb' to the browser's 'rgb(r, g, b)' form, for comparing with cellBackground. */
export function hexToRgb(hex: string): string {
  const h = hex.replace('#', '');
  const n = parseInt(h.length === 3 ? h.replace(/./g, '$&$&') : h, 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
