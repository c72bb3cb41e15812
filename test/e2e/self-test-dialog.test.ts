/**
 * The self-test's dialog as a person sees it: the real HTML the bundle passes to showModalDialog (run
 * through the emulator), opened in Chromium at the dialog's size. The table reads as a report, failing
 * lines stand out, and "Copy report" copies the text block.
 */
import { runSelfTestInEmulator } from '../../scripts/selftest';
import { SCOPE } from '../../dev/emulator';
import { openBrowser, screenshotPath } from './harness';

declare const document: {
  querySelectorAll(s: string): ArrayLike<{ textContent: string | null }>;
  getElementById(id: string): { textContent: string | null; value?: string } | null;
};
declare const navigator: { clipboard: { readText(): Promise<string> } };

jest.setTimeout(60_000);

test('a failing line is red and explained; Copy report copies the whole text report', async () => {
  const run = runSelfTestInEmulator({ missingScope: SCOPE.userinfoEmail });
  const { page, context, close } = await openBrowser();
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'http://localhost' });
    await page.setViewportSize({ width: 760, height: 560 });
    await page.route('http://localhost/dialog', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: run.dialogHtml }),
    );
    await page.goto('http://localhost/dialog');
    const rows = await page.evaluate(() =>
      Array.from(document.querySelectorAll('tbody tr')).map((r) => (r as { className?: string }).className),
    );
    expect(rows.length).toBe(run.lines.length);
    expect(rows.filter((c) => c === 'fail')).toHaveLength(1);
    const summary = await page.textContent('#summary');
    expect(summary).toContain('1 of 16 checks failed (user-email)');
    await page.screenshot({ path: screenshotPath('self-test-dialog.png'), fullPage: true });
    await page.click('#copy');
    await page.waitForFunction(() => document.getElementById('copied')?.textContent === 'Copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(run.text);
    expect(copied.split('\n').pop()).toBe('self-test: 15 passed, 1 failed');
  } finally {
    await close();
  }
});
