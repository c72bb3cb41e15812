/** One-line summaries for a cell (NEXTSTEP_CHECK) or a tooltip: `OK`, `Weak: only "follow up"; no date`. */
import type { Finding, RowAnalysis, TextAnalysis, Verdict } from './types';

const VERDICT_WORD: Record<Verdict, string> = { ok: 'OK', weak: 'Weak', bad: 'Bad', missing: 'Missing' };

function short(f: Finding): string {
  switch (f.rule) {
    case 'missing':
      return f.message.startsWith('The cell holds the error')
        ? f.message
            .replace('The cell holds the error', 'cell holds error')
            .replace(' instead of a next step', '')
        : 'no next step';
    case 'filler': {
      const m = /^"(.*)" on its own/.exec(f.message);
      return m ? `only "${m[1]}"` : 'only a filler';
    }
    case 'no-action':
      if (f.message.startsWith('Waiting')) return 'waiting, no action';
      if (f.message.startsWith('Reads as a status')) return 'status note, no action';
      if (f.message.includes('stage or a label')) return 'a label, not a step';
      if (f.message.startsWith('The cell holds'))
        return f.message.replace('The cell holds ', '').replace(', not a next step', '');
      return 'no action';
    case 'no-time':
      return f.message.startsWith('"') ? f.message : 'no date';
    case 'no-party':
      return 'no buyer named';
    case 'overdue':
      return f.message.replace(/^Due /, 'overdue since ').replace(/, .*$/, '');
    case 'stale':
      return 'stale';
    case 'far-future':
      return 'far off';
    case 'after-close':
      return 'due after the close date';
    case 'close-passed':
      return 'close date passed';
  }
}

/** `OK` for a good entry, else the verdict and the reasons that matter (suggestions left out). */
export function summarizeFindings(analysis: TextAnalysis | RowAnalysis): string {
  const verdict = analysis.verdict;
  if (verdict === null) return 'status' in analysis && analysis.status === 'closed' ? 'Closed' : '';
  const reasons = analysis.findings.filter((f) => f.severity !== 'suggestion').map(short);
  const unique = [...new Set(reasons)];
  if (verdict === 'ok' && unique.length === 0) return 'OK';
  const head = VERDICT_WORD[verdict];
  return unique.length > 0 ? `${head}: ${unique.join('; ')}` : head;
}
