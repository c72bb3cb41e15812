/**
 * The human-readable report, written as rows are judged: a header, one line per deal, then totals.
 * Columns have fixed widths (the rows are not known in advance when streaming); a deal name is
 * clipped to its column, the reasons run to the end of the line.
 */
import type { RowAnalysis, Verdict } from '../core/types';
import { safeText } from './safe-text';

const VERDICT_LABEL: Record<Verdict, string> = { ok: 'ok', weak: 'WEAK', bad: 'BAD', missing: 'MISSING' };
/** Row, Deal, Verdict, Timing ("due-today" is the longest timing). */
const WIDTHS = [6, 28, 7, 9];

/** Escapes shown as \uXXXX first (so widths count what the terminal shows), then one line, clipped. */
function clip(s: string, width: number): string {
  const flat = safeText(s.replace(/\s+/g, ' ').trim());
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

export function reasonsOf(a: RowAnalysis): string {
  return a.findings.map((f) => f.message).join('; ');
}

function line(cells: string[]): string {
  return cells
    .map((c, i) => (i < WIDTHS.length ? c.padEnd(WIDTHS[i]) : c))
    .join('  ')
    .trimEnd();
}

export class TableWriter {
  constructor(private readonly out: { write(chunk: string): unknown }) {}

  header(): void {
    this.out.write(`${line(['Row', 'Deal', 'Verdict', 'Timing', 'Reasons'])}\n`);
    this.out.write(`${line([...WIDTHS.map((w) => '-'.repeat(w)), '-------'])}\n`);
  }

  row(a: RowAnalysis, deal: string): unknown {
    const cells = [
      String(a.row),
      clip(deal, WIDTHS[1]),
      VERDICT_LABEL[a.verdict as Verdict],
      a.timing ?? '',
      clip(reasonsOf(a), 2000),
    ];
    return this.out.write(`${line(cells)}\n`);
  }

  footer(counts: Record<Verdict, number>, opts: { today: string; closed: number; sheetName?: string }): void {
    const total = counts.ok + counts.weak + counts.bad + counts.missing;
    this.out.write(
      `\n${total} open deal${total === 1 ? '' : 's'}${opts.sheetName ? ` in sheet "${opts.sheetName}"` : ''} ` +
        `(today ${opts.today}): ${counts.ok} ok, ${counts.weak} weak, ${counts.bad} bad, ${counts.missing} missing` +
        (opts.closed > 0 ? `; ${opts.closed} closed skipped` : '') +
        '\n',
    );
  }
}
