import type { Finding, IsoDate, RowAnalysis, Timing, Verdict } from '../../../../src/core/types';
import type { DealFacts } from '../../../../src/core/review/facts';

export function finding(message: string): Finding {
  return { rule: 'no-time', severity: 'warning', message, suggestion: '', start: 0, length: 0 };
}

export function open(
  row: number,
  verdict: Verdict,
  timing: Timing,
  due?: IsoDate,
  messages: string[] = [],
): RowAnalysis {
  const r: RowAnalysis = { row, status: 'open', verdict, timing, score: 50, findings: messages.map(finding) };
  if (due) r.due = due;
  return r;
}

export function closed(row: number): RowAnalysis {
  return { row, status: 'closed', verdict: null, timing: null, score: 0, findings: [] };
}

export function deal(row: number, name: string, f: Partial<DealFacts> = {}): DealFacts {
  return {
    row,
    dealKey: `da:${name.toLowerCase()}|`,
    deal: name,
    account: '',
    owner: 'Ann',
    stage: 'Proposal',
    amount: 1000,
    nextStep: `step for ${name}`,
    ...f,
  };
}
