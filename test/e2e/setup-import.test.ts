/**
 * Issue 16 in a real browser: setup's column picker (pick a column; add a "Next step" column), the
 * playground's import of a US and a day-first export with no flags, the Help dialog
 * (showModalDialog), and the "today" control that keeps the document. Screenshots at 1440x900 go to
 * screenshotPath (a temporary folder).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Frame, Page } from 'playwright-core';
import {
  SELECTORS,
  cellText,
  clickMenu,
  editCell,
  openBrowser,
  openSidebar,
  screenshotPath,
  startPlayground,
  waitForPage,
  waitIdle,
  type OpenBrowser,
} from './harness';

jest.setTimeout(120_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nst-e2e-16-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

let browser: OpenBrowser;
beforeAll(async () => {
  browser = await openBrowser();
  await browser.page.setViewportSize({ width: 1440, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

async function open(fileOrNone?: string, today?: string): Promise<Page> {
  const pg = await startPlayground({ file: fileOrNone, today });
  expect(pg.loadError).toBeNull();
  const { page } = browser;
  await page.goto(pg.url);
  await waitForPage(page);
  return page;
}

/** The HTML dialog's frame, once loaded. */
async function dialogFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('[data-testid="html-dialog-frame"]');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no dialog frame');
  await frame.waitForLoadState('load');
  return frame;
}

const NO_STEP = [
  'Deal,Stage,Amount,Plan,Owner',
  'Acme renewal,Proposal,12000,Pricing call with Jane on 2026-03-20,Ann',
  'Globex pilot,Demo,9000,Send the MSA to their CFO,Bo',
  'Initech,Discovery,3000,Follow up,Cy',
  'Hooli,Demo,1000,Intro call,Di',
].join('\n');

describe('setup: the column picker', () => {
  test('no next-step column: the picker shows a dropdown per role with three rows; picking "Plan" saves it', async () => {
    const page = await open(file('plan.csv', NO_STEP), '2026-03-11');
    await clickMenu(page, 'Set up this sheet');
    await page.waitForSelector('[data-testid="html-dialog"]', { state: 'visible' });
    expect(await page.textContent('[data-testid="html-dialog-title"]')).toBe(
      'Next Step Tracker: choose your columns',
    );
    const frame = await dialogFrame(page);
    expect(await frame.inputValue('[data-testid="pick-nextStep"]')).toBe('add');
    await frame.selectOption('[data-testid="pick-nextStep"]', '3');
    const preview = await frame.locator('[data-testid="preview-nextStep"] li').allTextContents();
    expect(preview).toEqual([
      'Pricing call with Jane on 2026-03-20',
      'Send the MSA to their CFO',
      'Follow up',
    ]);
    expect(await frame.locator('[data-testid="preview-stage"] li').allTextContents()).toEqual([
      'Proposal',
      'Demo',
      'Discovery',
    ]);
    await frame.selectOption('[data-testid="pick-nextStepUpdated"]', '');
    await page.screenshot({ path: screenshotPath('setup-picker.png') });
    await frame.click('[data-testid="picker-save"]');
    await page.waitForSelector('[data-testid="html-dialog"]', { state: 'hidden' });
    await waitIdle(page);
    // Saved: the toast says so, and the sheet is unchanged (no column inserted).
    await page.waitForSelector(SELECTORS.toast, { state: 'visible' });
    expect(await page.textContent(SELECTORS.toast)).toMatch(/Saved the columns of "plan"/);
    expect(await cellText(page, 'F1')).toBe('');
  });

  test('the add-a-column path: "Next step" appended after the table, then edits are judged there', async () => {
    const page = await open(file('plan2.csv', NO_STEP), '2026-03-11');
    await clickMenu(page, 'Set up this sheet');
    const frame = await dialogFrame(page);
    // Two roles on one column is refused in the dialog, which stays open.
    await frame.selectOption('[data-testid="pick-deal"]', '1');
    await frame.click('[data-testid="picker-save"]');
    expect(await frame.textContent('[data-testid="picker-error"]')).toMatch(/chosen for two roles/);
    await frame.selectOption('[data-testid="pick-deal"]', '0');
    // Defaults: add "Next step" and "Next step updated".
    await frame.click('[data-testid="picker-save"]');
    await page.waitForSelector('[data-testid="html-dialog"]', { state: 'hidden' });
    await waitIdle(page);
    expect(await cellText(page, 'F1')).toBe('Next step');
    expect(await cellText(page, 'G1')).toBe('Next step updated');
    expect(await cellText(page, 'D2')).toBe('Pricing call with Jane on 2026-03-20'); // nothing moved
    await editCell(page, 'F2', 'Demo for Jane on 2026-03-20');
    expect(await cellText(page, 'G2')).toMatch(/^2026-03-11 \d\d:\d\d$/); // stamped
    await page.screenshot({ path: screenshotPath('setup-added-column.png') });
  });
});

describe('the sidebar before setup', () => {
  test('no next-step column: said once, and no compose form without a row to write to', async () => {
    const page = await open(file('plan3.csv', NO_STEP), '2026-03-11');
    const sidebar = await openSidebar(page);
    await page.click(SELECTORS.cell('D3'));
    await waitIdle(page);
    await sidebar.waitForSelector('[data-testid="selection-hint"]');
    await sidebar.waitForFunction(() =>
      document.querySelector('[data-testid="selection-hint"]')?.textContent?.includes('No next-step column'),
    );
    const text = (await sidebar.textContent('body')) ?? '';
    expect(text.match(/No next-step column found/g)).toHaveLength(1);
    expect(text).toMatch(/Set up this sheet/);
    expect(await sidebar.isVisible('[data-testid="compose-card"]')).toBe(false);
  });
});

describe('onEdit keeps what the user wrote in the updated column', () => {
  test('a typed note in "Next step updated" is kept; the toast and the sidebar say so', async () => {
    const page = await open(
      file(
        'kept.csv',
        'Deal,Stage,Next step,Next step updated\nAcme,Demo,Send deck,see CRM\nGlobex,Demo,Call CFO,\n',
      ),
      '2026-03-11',
    );
    const sidebar = await openSidebar(page);
    await editCell(page, 'C2', 'Pricing call with Jane on 2026-03-20');
    expect(await cellText(page, 'D2')).toBe('see CRM');
    await page.waitForSelector(SELECTORS.toast, { state: 'visible' });
    expect(await page.textContent(SELECTORS.toast)).toMatch(
      /Kept a "Next step updated" cell on "kept" \(D2\)/,
    );
    await sidebar.waitForSelector('[data-testid="stamp-notice"]', { timeout: 40_000 });
    expect(await sidebar.textContent('[data-testid="stamp-notice"]')).toMatch(/Clear the cell/);
    await page.screenshot({ path: screenshotPath('stamp-kept.png') });
  });
});

describe('import: date order from the file', () => {
  const US = file(
    'us-export.csv',
    [
      'Opportunity Name,Stage,Value (USD),Next Step,Next step due,Last Touched',
      'Acme,Proposal,1200,Pricing call with Jane,03/04/2026,03/02/2026',
      'Globex,Negotiation,900,Send MSA to the CFO,03/13/2026,03/05/2026',
    ].join('\n'),
  );
  const UK = file(
    'uk-export.csv',
    [
      'Deal,Stage,Amount (£),Next step,Next step due,Last activity',
      'Acme,Proposal,1200,Pricing call with Jane,03/04/2026,02/03/2026',
      'Globex,Negotiation,900,Demo for the CFO,20/03/2026,05/03/2026',
    ].join('\n'),
  );

  test('a US export reads month-first; a day-first one day-first; the chip says which', async () => {
    let page = await open(US, '2026-03-11');
    expect(await page.textContent('[data-testid="locale"]')).toBe('Dates: en_US');
    expect(await page.getAttribute('[data-testid="locale"]', 'title')).toMatch(/month-first, from the file/);
    // Dates became date cells (right-aligned numbers), in the file's order.
    expect(await cellText(page, 'E2')).toBe('3/4/2026');
    expect(await cellText(page, 'E3')).toBe('3/13/2026');
    expect(await page.getAttribute(SELECTORS.cell('E3'), 'class')).toMatch(/\bn\b/);
    page = await open(UK, '2026-03-11');
    expect(await page.textContent('[data-testid="locale"]')).toBe('Dates: en_GB');
    expect(await cellText(page, 'E2')).toBe('03/04/2026');
    expect(await cellText(page, 'E3')).toBe('20/03/2026');
    expect(await page.getAttribute(SELECTORS.cell('E3'), 'class')).toMatch(/\bn\b/);
  });
});

describe('playground: Help and today', () => {
  test("Help draws the add-on's dialog, with the colour legend", async () => {
    const page = await open(undefined);
    await clickMenu(page, 'Help');
    await page.waitForSelector('[data-testid="html-dialog"]', { state: 'visible' });
    const frame = await dialogFrame(page);
    expect(await frame.textContent('body')).toMatch(/Highlight colours/);
    await page.screenshot({ path: screenshotPath('help-dialog.png') });
    await page.click('[data-testid="html-dialog-close"]');
    await page.waitForSelector('[data-testid="html-dialog"]', { state: 'hidden' });
  });

  test('+1 day, +1 week and a picked date move today and keep the document', async () => {
    const page = await open(undefined, '2026-03-11');
    await editCell(page, 'G5', 'Security review with their CISO on 2026-03-27');
    await page.click('[data-testid="today-plus-day"]');
    await waitIdle(page);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="today"]')?.textContent?.startsWith('Today: 2026-03-12'),
    );
    await page.click('[data-testid="today-plus-week"]');
    await waitIdle(page);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="today"]')?.textContent?.startsWith('Today: 2026-03-19'),
    );
    await page.fill('[data-testid="today-pick"]', '2026-04-01');
    await page.dispatchEvent('[data-testid="today-pick"]', 'change');
    await waitIdle(page);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="today"]')?.textContent?.startsWith('Today: 2026-04-01'),
    );
    expect(await cellText(page, 'G5')).toBe('Security review with their CISO on 2026-03-27');
    await page.screenshot({ path: screenshotPath('today-control.png') });
  });
});

declare const document: { querySelector(s: string): { textContent: string | null } | null };
