/** The human-readable report: one line per deal, then totals. */
import type { RowAnalysis, Verdict } from '../core/types';

const VERDICT_LABEL: Record<Verdict, string> = { ok: 'ok', weak: 'WEAK', bad: 'BAD', missing: 'MISSING' };

function clip(s: string, width: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

export function reasonsOf(a: RowAnalysis): string {
  return a.findings.map((f) => f.message).join('; ');
}

export function renderTable(
  rows: Array<{ a: RowAnalysis; deal: string }>,
  opts: { today: string; closed: number; sheetName?: string },
): string {
  const header = ['Row', 'Deal', 'Verdict', 'Timing', 'Reasons'];
  const body = rows.map(({ a, deal }) => [
    String(a.row),
    clip(deal, 28),
    VERDICT_LABEL[a.verdict as Verdict],
    a.timing ?? '',
    reasonsOf(a),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (i < 4 ? r[i].length : 0))));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c))
      .join('  ')
      .trimEnd();
  const out = [
    line(header),
    line(
      widths
        .slice(0, 4)
        .map((w) => '-'.repeat(w))
        .concat('-------'),
    ),
    ...body.map(line),
  ];
  const counts: Record<Verdict, number> = { ok: 0, weak: 0, bad: 0, missing: 0 };
  for (const { a } of rows) counts[a.verdict as Verdict]++;
  out.push('');
  out.push(
    `${rows.length} open deal${rows.length === 1 ? '' : 's'}${opts.sheetName ? ` in sheet "${opts.sheetName}"` : ''} ` +
      `(today ${opts.today}): ${counts.ok} ok, ${counts.weak} weak, ${counts.bad} bad, ${counts.missing} missing` +
      (opts.closed > 0 ? `; ${opts.closed} closed skipped` : ''),
  );
  return `${out.join('\n')}\n`;
}
