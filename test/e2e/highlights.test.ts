/**
 * Issue 13 in a real browser: the playground's grid computes custom functions with the bundle (not
 * #NAME?), with Sheets' caching rule; a step composed in the sidebar with "Fri 20 Mar" in its text
 * turns red once the playground's today passes 20 March. Screenshots at 1440x900 (screenshotPath).
 */
import fs from 'fs';
import path from 'path';
import type { Frame, Page } from 'playwright-core';
import { createAppsScriptGlobals, loadBundle, type SpreadsheetFixture } from '../../dev/emulator';
import { HIGHLIGHT_LEGEND } from '../../src/core/highlights/legend';
import {
  cellBackground,
  cellText,
  clickMenu,
  editCell,
  hexToRgb,
  openBrowser,
  openSidebar,
  screenshotPath,
  selectCell,
  startPlayground,
  waitForPage,
  waitIdle,
  type OpenBrowser,
  type RunningPlayground,
} from './harness';

jest.setTimeout(180_000);

declare const document: { querySelector(s: string): { textContent: string | null } | null };

const ROOT = path.resolve(__dirname, '..', '..');
const RED = hexToRgb(HIGHLIGHT_LEGEND.find((e) => e.id === 'overdue')!.color);
const T = { timeout: 30_000 };

/** What the built bundle's NEXTSTEP_CHECK answers for these cells (the same code the grid must run). */
function bundleCheck(cells: string[][]): string[][] {
  const fixture = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'dev', 'playground', 'demo-pipeline.json'), 'utf8'),
  ) as SpreadsheetFixture;
  const g = createAppsScriptGlobals({ spreadsheet: fixture, authMode: 'CUSTOM_FUNCTION' });
  const fns = loadBundle(path.join(ROOT, 'dist', 'Code.js'), g);
  return fns.NEXTSTEP_CHECK(cells) as string[][];
}

async function setToday(page: Page, iso: string): Promise<void> {
  await page.fill('[data-testid="today-pick"]', iso);
  await page.dispatchEvent('[data-testid="today-pick"]', 'change');
  await waitIdle(page);
  await page.waitForFunction(
    (d) => document.querySelector('[data-testid="today"]')?.textContent?.includes(d) ?? false,
    iso,
  );
}

describe('playground: custom functions and highlights that follow today', () => {
  let pg: RunningPlayground;
  let browser: OpenBrowser;
  let page: Page;

  beforeAll(async () => {
    pg = await startPlayground({ today: '2026-03-11' });
    browser = await openBrowser();
    page = browser.page;
    await page.goto(pg.url);
    await waitForPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await pg?.close();
  });

  test("=NEXTSTEP_CHECK(G3:G12) typed into a cell shows the bundle's answers, cached until an argument changes", async () => {
    const steps: string[][] = [];
    for (let r = 3; r <= 12; r++) steps.push([await cellText(page, `G${r}`)]);
    const expected = bundleCheck(steps);
    await editCell(page, 'K3', '=NEXTSTEP_CHECK(G3:G12)');
    for (let r = 3; r <= 12; r++) {
      const shown = await cellText(page, `K${r}`);
      expect(shown).not.toMatch(/#NAME\?|#ERROR!|#REF!/);
      expect(shown).toBe(expected[r - 3][0]);
    }
    await page.screenshot({ path: screenshotPath('custom-function-grid.png') });
    // Sheets' caching rule: a new day does not recompute (the arguments did not change)…
    await setToday(page, '2026-04-20');
    expect(await cellText(page, 'K3')).toBe(expected[0][0]);
    // …a changed argument does.
    await editCell(page, 'G3', 'follow up');
    await page.waitForFunction(
      (want) => {
        const cell = document.querySelector('[data-testid="grid"] td[data-a1="K3"]');
        return (cell?.textContent ?? '') === want;
      },
      bundleCheck([['follow up']])[0][0],
      T,
    );
    await setToday(page, '2026-03-11');
  });

  test('a step composed with "Fri 20 Mar" in its text turns red once today passes 20 March', async () => {
    await clickMenu(page, 'Turn highlights on');
    const frame: Frame = await openSidebar(page);
    await selectCell(page, 'G4');
    await frame.locator('.row-label', { hasText: 'Row 4 ·' }).waitFor(T);
    await frame.fill('[data-testid="compose-what"]', 'Pricing call');
    await frame.fill('[data-testid="compose-who"]', 'Jane (CFO)');
    await frame.fill('[data-testid="compose-when"]', '2026-03-20');
    await frame.dispatchEvent('[data-testid="compose-when"]', 'change');
    await expect(frame.textContent('[data-testid="compose-preview"]')).resolves.toMatch(/Fri 20 Mar/);
    await frame.click('[data-testid="compose-write"]');
    await frame.locator('[data-testid="status"]', { hasText: /went into the empty due column/ }).waitFor(T);
    await waitIdle(page);
    expect(await cellText(page, 'G4')).toMatch(/Fri 20 Mar/);
    expect(await cellText(page, 'H4')).toMatch(/20\/03\/2026/);
    expect(await cellBackground(page, 'G4')).not.toBe(RED);
    await page.screenshot({ path: screenshotPath('highlights-before-due.png') });

    await setToday(page, '2026-03-20');
    expect(await cellBackground(page, 'G4')).not.toBe(RED); // due today
    await setToday(page, '2026-03-21');
    await expect(cellBackground(page, 'G4')).resolves.toBe(RED);
    await page.screenshot({ path: screenshotPath('highlights-after-due.png') });
    // The helper column is there but hidden: drawn with no width and no text.
    const helper = page.locator('[data-testid="grid"] th.colhead[data-col="27"]');
    await expect(
      helper.evaluate((el) => (el as unknown as { offsetWidth: number }).offsetWidth),
    ).resolves.toBeLessThan(2);
    await expect(page.locator('[data-testid="grid"] td[data-a1="AA4"]').textContent()).resolves.toBe('');

    // The manager tab's legend: what each colour means, and which one wins.
    await frame.click('[data-testid="tab-manager"]');
    const priority = frame.locator('[data-testid="legend-priority"]');
    await priority.waitFor(T);
    await expect(priority.textContent()).resolves.toMatch(/vague step whose date has passed is red/);
    await expect(frame.locator('[data-testid="restore-highlights"]').count()).resolves.toBe(0);
    await priority.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('highlights-legend.png') });
  });
});
