/**
 * The in-sheet self-test's report: one line per check (what was expected, what was seen, pass/fail),
 * as plain text for the "copy report" block and as the dialog's HTML. Pure: the checks themselves live
 * in sheets/self-test-*.ts and addon/self-test.ts.
 */

export interface SelfTestLine {
  /** Stable id, e.g. `cf-builder-snapshot` (docs/live-check.md explains each). */
  id: string;
  check: string;
  expected: string;
  seen: string;
  pass: boolean;
}

export interface SelfTestReport {
  lines: SelfTestLine[];
  passed: number;
  failed: number;
  /** When the run started (ISO), the spreadsheet's zone and locale as read. */
  startedAt: string;
  elapsedMs: number;
  /** The plain-text report (what "copy report" copies); ends with the summary line. */
  text: string;
}

/** Runs one check; an exception fails that line only (with its message as "seen"). */
export function runCheck(
  id: string,
  check: string,
  expected: string,
  body: () => { seen: string; pass: boolean },
): SelfTestLine {
  try {
    const { seen, pass } = body();
    return { id, check, expected, seen, pass };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id, check, expected, seen: `error: ${message}`, pass: false };
  }
}

export function summaryLine(passed: number, failed: number): string {
  return `self-test: ${passed} passed, ${failed} failed`;
}

/** The report as text: a header, one block per line, and the summary line last. */
export function reportText(lines: readonly SelfTestLine[], header: readonly string[]): string {
  const passed = lines.filter((l) => l.pass).length;
  const body = lines.map(
    (l) =>
      `${l.pass ? 'PASS' : 'FAIL'}  ${l.id}: ${l.check}\n      expected: ${l.expected}\n      seen:     ${l.seen}`,
  );
  return [...header, '', ...body, '', summaryLine(passed, lines.length - passed)].join('\n');
}

export function buildReport(
  lines: SelfTestLine[],
  header: readonly string[],
  startedAt: string,
  elapsedMs: number,
): SelfTestReport {
  const passed = lines.filter((l) => l.pass).length;
  return {
    lines,
    passed,
    failed: lines.length - passed,
    startedAt,
    elapsedMs,
    text: reportText(lines, header),
  };
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The dialog: a summary, the table (check, expected, seen, result) and a read-only text block with a
 * "Copy report" button. Every value is escaped: sheet names and emails are user text.
 */
export function reportHtml(report: SelfTestReport): string {
  const rows = report.lines
    .map(
      (l) =>
        `<tr class="${l.pass ? 'pass' : 'fail'}"><td>${escapeHtml(l.check)}<div class="id">${escapeHtml(l.id)}</div></td>` +
        `<td>${escapeHtml(l.expected)}</td><td>${escapeHtml(l.seen)}</td><td class="r">${l.pass ? 'Pass' : 'Fail'}</td></tr>`,
    )
    .join('');
  const failedNames = report.lines.filter((l) => !l.pass).map((l) => l.id);
  const verdict =
    report.failed === 0
      ? `All ${report.passed} checks passed.`
      : `${report.failed} of ${report.passed + report.failed} checks failed (${failedNames.join(', ')}): see the red lines, and copy the report below into your message to whoever supports the add-on.`;
  return `<!DOCTYPE html><html><head><base target="_top"><meta charset="utf-8"><style>
body{font:13px/1.4 Arial,sans-serif;color:#202124;margin:0;padding:12px}
h2{font-size:15px;margin:0 0 8px}
p.sum{margin:0 0 10px}
table{border-collapse:collapse;width:100%;margin-bottom:12px;table-layout:fixed}
th,td{border-bottom:1px solid #dadce0;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th:nth-child(1){width:30%}th:nth-child(2){width:27%}th:nth-child(3){width:33%}th:nth-child(4){width:10%}
th{background:#f1f3f4}
td.r{font-weight:bold;white-space:nowrap}
tr.pass td.r{color:#188038}
tr.fail td{background:#fce8e6}
tr.fail td.r{color:#c5221f}
.id{color:#5f6368;font-size:11px}
textarea{width:100%;height:120px;font:11px monospace;box-sizing:border-box}
button{margin-top:6px;padding:6px 12px}
</style></head><body>
<h2>Self-test</h2>
<p class="sum" id="summary">${escapeHtml(verdict)} The spreadsheet was left as it was.</p>
<table><thead><tr><th>Check</th><th>Expected</th><th>Seen</th><th>Result</th></tr></thead><tbody>${rows}</tbody></table>
<label for="report">Report (copy it into a bug report):</label>
<textarea id="report" readonly>${escapeHtml(report.text)}</textarea>
<button id="copy" type="button">Copy report</button> <span id="copied" role="status"></span>
<script>
document.getElementById('copy').addEventListener('click', function () {
  var t = document.getElementById('report');
  t.focus(); t.select();
  var done = function () { document.getElementById('copied').textContent = 'Copied.'; };
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(t.value).then(done, function () { document.execCommand('copy'); done(); });
  } else { document.execCommand('copy'); done(); }
});
</script></body></html>`;
}
