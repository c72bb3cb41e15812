/**
 * The in-sheet self-test through the built bundle in the emulator (scripts/selftest.ts runs it the way
 * `npm run selftest` does): every line passes on the emulator's readings, each flipped belief fails
 * its own line and only that one, and the spreadsheet ends exactly as it began.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { SCOPE } from '../../../dev/emulator';
import { runSelfTestInEmulator, type SelfTestRun } from '../../../scripts/selftest';
import { pipelineFixture } from '../in-sheet/helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const EXPECTED_IDS = [
  'values-block',
  'text-format',
  'cf-builder-snapshot',
  'cf-rules-roundtrip',
  'formulas-today-regexmatch',
  'hyperlink-gid',
  'chart',
  'notes',
  'protection-read',
  'cleanup',
  'properties-roundtrip',
  'properties-limits',
  'document-lock',
  'triggers-list',
  'user-email',
  'zone-locale',
];

const failing = (run: SelfTestRun) => run.lines.filter((l) => !l.pass).map((l) => l.id);

describe('self-test on the emulator’s readings', () => {
  const run = runSelfTestInEmulator();

  test('every check runs and passes (N ≥ 12)', () => {
    expect(run.lines.map((l) => l.id)).toEqual(EXPECTED_IDS);
    expect(failing(run)).toEqual([]);
    expect(run.passed).toBeGreaterThanOrEqual(12);
    expect(run.text.split('\n').pop()).toBe(`self-test: ${run.passed} passed, 0 failed`);
  });

  test('the spreadsheet is left exactly as it was: cells, formats, rules, sheets, properties, triggers, selection', () => {
    expect(run.after === run.before).toBe(true);
  });

  test('a fixed call budget: the checks work in blocks (the user’s row count plays no part)', () => {
    expect(run.calls).toBeLessThanOrEqual(130);
  });

  test('the dialog shows the table and a "copy report" block holding the text report, escaped', () => {
    expect(run.dialogHtml).toContain('<th>Check</th><th>Expected</th><th>Seen</th><th>Result</th>');
    expect(run.dialogHtml).toContain('<textarea id="report" readonly>');
    expect(run.dialogHtml).toContain('Copy report');
    expect(run.dialogHtml).toContain(`self-test: ${run.passed} passed, 0 failed`);
    // The notes check writes `<img src=x onerror=alert(1)>`: it must reach the dialog as text only.
    expect(run.dialogHtml).not.toContain('<img src=x');
    expect(run.dialogHtml).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('each flipped belief fails its own line, and the rest still run', () => {
  test.each([
    ['builder sharing', { builder: true }, ['cf-builder-snapshot']],
    ['null document lock', { lock: true }, ['document-lock']],
    ['missing userinfo.email scope', { missingScope: SCOPE.userinfoEmail }, ['user-email']],
    ['missing script.scriptapp scope', { missingScope: SCOPE.scriptApp }, ['triggers-list']],
  ] as const)('%s', (_name, flips, expected) => {
    const run = runSelfTestInEmulator(flips);
    expect(run.lines.map((l) => l.id)).toEqual(EXPECTED_IDS);
    expect(failing(run)).toEqual(expected);
    expect(run.after === run.before).toBe(true);
  });

  test('the missing scope line quotes Apps Script’s error', () => {
    const run = runSelfTestInEmulator({ missingScope: SCOPE.scriptApp });
    expect(run.lines.find((l) => l.id === 'triggers-list')!.seen).toBe(
      `error: Specified permissions are not sufficient to call ScriptApp.getUserTriggers. Required permissions: ${SCOPE.scriptApp}`,
    );
  });
});

describe('on a customised spreadsheet', () => {
  test('highlights on, saved settings, a weekly trigger, user rules and protections: all untouched', () => {
    const f = pipelineFixture();
    const sheet = f.sheets[0];
    sheet.conditionalFormats = [
      ...(sheet.conditionalFormats ?? []),
      { ranges: ['A3:A202'], formula: '=$A3="Acme"', background: '#123456' },
    ];
    sheet.protections = [{ range: 'A1:I2', description: 'header', warningOnly: false }];
    f.name = 'Deals <img src=x onerror=alert(1)>';
    const run = runSelfTestInEmulator({
      spreadsheet: f,
      prepare: (fns, g) => {
        fns.turnHighlightsOn();
        fns.turnWeeklyReviewOn();
        g.PropertiesService.getDocumentProperties()!.setProperty('nst.settings', '{"sheetName":"Pipeline"}');
      },
    });
    expect(failing(run)).toEqual([]);
    expect(run.after === run.before).toBe(true);
    expect(run.before).toContain('runWeeklyReview');
    expect(run.before).toContain('nst.settings');
    expect(run.lines.find((l) => l.id === 'triggers-list')!.seen).toBe('1 trigger(s); weekly review on');
    expect(run.lines.find((l) => l.id === 'protection-read')!.seen).toMatch(/^[1-9]\d* protected range\(s\)/);
    expect(run.dialogHtml).not.toContain('<img src=x');
  });
});

describe('npm run selftest', () => {
  test('prints the report and ends with the summary line', () => {
    const out = execFileSync(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(ROOT, 'scripts', 'selftest.ts')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const lines = out.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^self-test: (\d+) passed, 0 failed$/);
    expect(Number(/(\d+) passed/.exec(lines[lines.length - 1])![1])).toBeGreaterThanOrEqual(12);
    expect(out).toContain('spreadsheet unchanged');
  });

  test('a flipped belief makes it fail with the matching line', () => {
    let out = '';
    try {
      execFileSync(
        process.execPath,
        [require.resolve('tsx/cli'), path.join(ROOT, 'scripts', 'selftest.ts'), '--flip', 'builder'],
        { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (error) {
      out = String((error as { stdout?: string }).stdout ?? '');
    }
    expect(out).toMatch(/FAIL {2}cf-builder-snapshot/);
    expect(out.trimEnd().split('\n').pop()).toMatch(/^self-test: \d+ passed, 1 failed$/);
  });
});
