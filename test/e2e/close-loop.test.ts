/**
 * Closing the loop in a real browser (playground: the real bundle in the emulator, the real sidebar):
 * Done → compose → write (one log row per event; the review shows the completion), and a draft that
 * never follows the selection to another deal. Fixture: sheet "Pipeline", headers in row 2, Next step
 * = column G, today 2026-03-11 (last week: 2–8 March). Screenshots at 1440×900 go to screenshotPath().
 */
import type { Frame, Page } from 'playwright-core';
import {
  SELECTORS,
  cellText,
  clickMenu,
  openBrowser,
  openSheet,
  openSidebar,
  screenshotPath,
  selectCell,
  startPlayground,
  waitForPage,
  waitIdle,
  type OpenBrowser,
  type RunningPlayground,
} from './harness';

jest.setTimeout(120_000);
const T = { timeout: 20_000 };
const LOG = 'Next Step Tracker log';

async function rowShown(frame: Frame, row: number): Promise<void> {
  await frame.locator('.row-label', { hasText: `Row ${row} ·` }).waitFor(T);
}

/** The log sheet's rows below its header, as displayed text (the sheet is hidden, so read it over HTTP). */
async function logRows(pg: RunningPlayground): Promise<string[][]> {
  const res = await fetch(new URL(`/api/sheet?name=${encodeURIComponent(LOG)}`, pg.url));
  if (!res.ok) throw new Error(`GET /api/sheet: ${res.status} ${await res.text()}`);
  const view = (await res.json()) as { cells: Array<Array<{ v: string } | null>> };
  return view.cells
    .slice(1)
    .map((r) => r.map((c) => c?.v ?? ''))
    .filter((r) => r.some((v) => v !== ''));
}

describe('closing the loop in the sidebar', () => {
  let pg: RunningPlayground;
  let browser: OpenBrowser;
  let page: Page;
  let frame: Frame;

  beforeAll(async () => {
    pg = await startPlayground();
    browser = await openBrowser();
    page = browser.page;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(pg.url);
    await waitForPage(page);
    frame = await openSidebar(page);
    await frame.waitForSelector('#app[data-ready="true"]', T);
  });

  afterAll(async () => {
    await browser?.close();
    await pg?.close();
  });

  test('Done → compose → write: one log row per event, and the review shows the completion', async () => {
    // Row 9: "… technical deep-dive with their architect on 7th" (James Smith), due 7 March: last week.
    await selectCell(page, 'G9');
    await rowShown(frame, 9);
    await frame.locator('[data-testid="outcome-done"]').waitFor(T);
    await page.screenshot({ path: screenshotPath('close-loop-1-outcomes.png') });
    await frame.click('[data-testid="outcome-done"]');
    await frame.locator('[data-testid="status"]', { hasText: /Recorded: done/ }).waitFor(T);
    // The compose form is open for this deal, and says so.
    await expect(
      frame.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement
            .id,
      ),
    ).resolves.toBe('compose-what');
    await frame.fill('[data-testid="compose-what"]', 'Technical deep-dive');
    await frame.fill('[data-testid="compose-who"]', 'their architect');
    await frame.click('.quick-picks button[data-pick="fri"]');
    await expect(frame.textContent('[data-testid="compose-write"]')).resolves.toBe(
      'Write to Globex UK — Pilot (row 9)',
    );
    await page.screenshot({ path: screenshotPath('close-loop-2-compose.png') });
    await frame.click('[data-testid="compose-write"]');
    await frame.locator('[data-testid="status"]', { hasText: /Wrote the next step to row 9/ }).waitFor(T);
    await waitIdle(page);
    await expect(cellText(page, 'G9')).resolves.toBe(
      'Technical deep-dive with their architect by Fri 13 Mar',
    );
    const rows = await logRows(pg);
    expect(rows.map((r) => [r[2], r[4], r[6]])).toEqual([
      ['Globex UK — Pilot', 'done', '2026-03-07'],
      ['Globex UK — Pilot', 'set', '2026-03-13'],
    ]);
    // The weekly review counts the step recorded done.
    await clickMenu(page, 'Build weekly review');
    if (await page.isVisible('[data-testid="dialog"]')) {
      await page.click('[data-testid="dialog-button"]');
      await waitIdle(page);
    }
    const tab = page.locator('[data-testid="sheet-tab"]', { hasText: /Pipeline review 2026-W11/ });
    await tab.waitFor({ timeout: 30_000 });
    await tab.click();
    await waitIdle(page);
    const review = await page.textContent('[data-testid="grid"]');
    expect(review).toMatch(/Steps due last week completed/);
    expect(review).toMatch(/1 of 1/);
    await page.screenshot({ path: screenshotPath('close-loop-3-review.png') });
    // The by-owner table: each owner's completion of last week's steps and slipped count, then all
    // owners.
    const done = page.locator('[data-testid="grid"] td[data-a1]', { hasText: /^Done \(due last week\)$/ });
    const header = Number((await done.getAttribute('data-a1'))!.replace(/^I/, ''));
    await expect(cellText(page, `J${header}`)).resolves.toBe('Slipped');
    await expect(cellText(page, `A${header}`)).resolves.toBe('Owner');
    const owners = new Map<string, [string, string]>();
    for (let r = header + 1; ; r++) {
      const name = await cellText(page, `A${r}`);
      if (name === '') break;
      owners.set(name, [await cellText(page, `I${r}`), await cellText(page, `J${r}`)]);
    }
    // Globex UK — Pilot (James Smith) was due on 7 March and recorded done; nobody else had a logged
    // step due last week, and the first review has nothing to compare slippage with.
    expect(owners.get('James Smith')).toEqual(['100% (1 of 1)', '0']);
    expect(owners.get('All owners')).toEqual(['100% (1 of 1)', '0']);
    expect([...owners.keys()].pop()).toBe('All owners');
    for (const [name, cells] of owners) {
      if (name !== 'James Smith' && name !== 'All owners') expect(cells).toEqual(['–', '0']);
    }
    await openSheet(page, 'Pipeline');
  });

  test("Done → a dated step: the closed step's date in the due column moves to the new one", async () => {
    // Row 18: "Pricing review call with Jane on 11/03", due column H = 11 March (today).
    await selectCell(page, 'G18');
    await rowShown(frame, 18);
    await expect(cellText(page, 'H18')).resolves.toBe('11/03/2026');
    await frame.click('[data-testid="outcome-done"]');
    await frame.locator('[data-testid="status"]', { hasText: /Recorded: done/ }).waitFor(T);
    await frame.fill('[data-testid="compose-what"]', 'Send the revised MSA');
    await frame.fill('[data-testid="compose-who"]', 'Jane');
    await frame.click('.quick-picks button[data-pick="fri"]');
    await frame.click('[data-testid="compose-write"]');
    await frame
      .locator('[data-testid="status"]', {
        hasText: 'The due date moved from Wed 11 Mar to Fri 13 Mar.',
      })
      .waitFor(T);
    await waitIdle(page);
    await expect(cellText(page, 'G18')).resolves.toBe('Send the revised MSA to Jane by Fri 13 Mar');
    // The grid shows the cell as the en_GB sheet does.
    await expect(cellText(page, 'H18')).resolves.toBe('13/03/2026');
    await page.screenshot({ path: screenshotPath('close-loop-due-moved.png') });
  });

  test('switching the selected deal with a draft open never writes to the other deal', async () => {
    await selectCell(page, 'G13');
    await rowShown(frame, 13);
    const g13 = await cellText(page, 'G13');
    const g51 = await cellText(page, 'G51');
    const deal13 = (await frame.textContent('[data-testid="deal"]')) ?? '';
    await frame.fill('[data-testid="compose-what"]', 'Send the security questionnaire');
    await frame.fill('[data-testid="compose-who"]', 'their IT team');
    // Another deal is selected (as a "my deals" click would): the draft stays with row 13's deal.
    await selectCell(page, 'G51');
    await rowShown(frame, 51);
    await frame
      .locator('[data-testid="draft-note"]', { hasText: `This draft is for ${deal13} (row 13)` })
      .waitFor(T);
    await expect(frame.isEnabled('[data-testid="compose-write"]')).resolves.toBe(false);
    await expect(frame.textContent('[data-testid="compose-write"]')).resolves.not.toMatch(/51/);
    await page.screenshot({ path: screenshotPath('close-loop-4-draft-elsewhere.png') });
    // Going back re-enables Write for row 13, and only row 13 changes.
    await frame.click('[data-testid="draft-back"]');
    await rowShown(frame, 13);
    await expect(frame.isEnabled('[data-testid="compose-write"]')).resolves.toBe(true);
    await frame.click('[data-testid="compose-write"]');
    await frame.locator('[data-testid="status"]', { hasText: /Wrote the next step to row 13/ }).waitFor(T);
    await waitIdle(page);
    await expect(cellText(page, 'G13')).resolves.toBe('Send the security questionnaire to their IT team');
    expect(g13).not.toBe('Send the security questionnaire to their IT team');
    await expect(cellText(page, 'G51')).resolves.toBe(g51);
  });

  test('a Bad step asks first; over 500 characters is refused with the reason', async () => {
    await selectCell(page, 'G20');
    await rowShown(frame, 20);
    const before = await cellText(page, 'G20');
    await frame.fill('[data-testid="compose-what"]', 'x'.repeat(600));
    await frame
      .locator('[data-testid="compose-too-long"]', { hasText: /Too long: 600 characters/ })
      .waitFor(T);
    await expect(frame.isEnabled('[data-testid="compose-write"]')).resolves.toBe(false);
    await frame.fill('[data-testid="compose-what"]', 'waiting on legal');
    await frame.click('[data-testid="compose-write"]');
    await frame.locator('[data-testid="compose-confirm"]', { hasText: /reads as Bad/ }).waitFor(T);
    await page.screenshot({ path: screenshotPath('close-loop-5-confirm-bad.png') });
    await frame.click('[data-testid="confirm-cancel"]');
    await waitIdle(page);
    await expect(cellText(page, 'G20')).resolves.toBe(before);
    await frame.click('[data-testid="compose-write"]');
    await frame.click('[data-testid="confirm-write"]');
    await frame.locator('[data-testid="status"]', { hasText: /Wrote the next step to row 20/ }).waitFor(T);
    await waitIdle(page);
    await expect(cellText(page, 'G20')).resolves.toBe('Waiting on legal');
  });

  test('snooze a known stall: the reason shows, the stale finding goes', async () => {
    await selectCell(page, 'G3'); // last updated 23 Feb: stale
    await rowShown(frame, 3);
    await expect(frame.locator('[data-testid="finding"][data-rule="stale"]').count()).resolves.toBe(1);
    // The engine's message carries an ISO day; the sidebar shows it as the en_GB sheet writes days.
    const stale = (await frame.textContent('[data-testid="finding"][data-rule="stale"]')) ?? '';
    expect(stale).toMatch(/Last written \d{1,2} [A-Z][a-z]{2} 2026, \d+ days ago/);
    expect(stale).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await frame.click('[data-testid="snooze-open"]');
    await frame.fill('[data-testid="snooze-reason"]', 'Budget freeze until April');
    await frame.fill('[data-testid="snooze-until"]', '2026-03-31');
    await page.screenshot({ path: screenshotPath('close-loop-6-snooze-form.png') });
    await frame.click('[data-testid="snooze-save"]');
    await frame.locator('[data-testid="snooze-state"]', { hasText: 'Budget freeze until April' }).waitFor(T);
    await expect(frame.locator('[data-testid="finding"][data-rule="stale"]').count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('close-loop-7-snoozed.png') });
  });

  // Last: it closes the sidebar.
  test('the manager sees the by-owner completion and slipped columns without scrolling sideways', async () => {
    if (await page.isVisible(SELECTORS.toast)) await page.click(SELECTORS.toastClose);
    await page.click(SELECTORS.sidebarClose);
    await openSheet(page, 'Pipeline review 2026-W11');
    const done = page.locator('[data-testid="grid"] td[data-a1]', { hasText: /^Done \(due last week\)$/ });
    const header = Number((await done.getAttribute('data-a1'))!.replace(/^I/, ''));
    await selectCell(page, `A${header + 10}`);
    const grid = (await page.locator(SELECTORS.grid).boundingBox())!;
    for (const a1 of [`J${header}`, `I${header + 5}`]) {
      const box = (await page.locator(SELECTORS.cell(a1)).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(Math.min(grid.x + grid.width, 1440));
    }
    await expect(cellText(page, `A${header + 5}`)).resolves.toBe('James Smith');
    await expect(cellText(page, `I${header + 5}`)).resolves.toBe('100% (1 of 1)');
    await page.screenshot({ path: screenshotPath('review-by-owner.png') });
  });
});
