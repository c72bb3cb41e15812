/** The self-test report (core/self-test.ts): one failing check never stops the others; text and HTML. */
import { buildReport, reportHtml, runCheck } from '../../../src/core/self-test';

test('a throwing check fails its own line with the error as "seen"', () => {
  const line = runCheck('x', 'X works', 'yes', () => {
    throw new Error('Specified permissions are not sufficient to call X.y');
  });
  expect(line).toEqual({
    id: 'x',
    check: 'X works',
    expected: 'yes',
    seen: 'error: Specified permissions are not sufficient to call X.y',
    pass: false,
  });
});

test('the text report ends with the summary line; the HTML escapes every value', () => {
  const lines = [
    runCheck('a', 'A', 'a', () => ({ seen: 'a', pass: true })),
    runCheck('b', 'B <b>', '"quoted"', () => ({ seen: '<img src=x onerror=alert(1)>', pass: false })),
  ];
  const report = buildReport(lines, ['Header'], '2026-03-11T10:00:00.000Z', 12);
  expect(report).toMatchObject({ passed: 1, failed: 1 });
  expect(report.text.split('\n').pop()).toBe('self-test: 1 passed, 1 failed');
  expect(report.text).toContain('FAIL  b: B <b>');
  const html = reportHtml(report);
  expect(html).not.toContain('<img src=x');
  expect(html).not.toContain('B <b>');
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(html).toContain('1 of 2 checks failed (b)');
});
