import { analyzeRows } from '../../../src/core/analyze';
import { defaultConfig, parseConfig } from '../../../src/core/config';
import type { CellValue, ColumnMapping } from '../../../src/core/types';

const MAPPING: ColumnMapping = { deal: 0, stage: 1, nextStep: 2, nextStepDue: 3, nextStepUpdated: 4 };
const CTX = { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB', firstRowNumber: 2 };

function one(row: CellValue[], config = defaultConfig(), today = CTX.today) {
  return analyzeRows([row], MAPPING, config, { ...CTX, today })[0];
}

describe('analyzeRows', () => {
  it('returns one result per row, numbered from firstRowNumber', () => {
    const rows: CellValue[][] = [
      ['Acme', 'Proposal', 'Send deck to Jane Fri', '', ''],
      ['', '', '', '', ''],
      ['Globex', 'Closed Won', 'Signed', '', ''],
    ];
    const out = analyzeRows(rows, MAPPING, defaultConfig(), CTX);
    expect(out.map((r) => [r.row, r.status])).toEqual([
      [2, 'open'],
      [3, 'blank'],
      [4, 'closed'],
    ]);
    expect(out[1]).toMatchObject({ verdict: null, timing: null, findings: [] });
    expect(out[2]).toMatchObject({ verdict: null, timing: null, findings: [] });
  });

  it('an open deal with an empty next step is missing, not blank', () => {
    const r = one(['Acme', 'Proposal', '', '', '']);
    expect(r.status).toBe('open');
    expect(r.verdict).toBe('missing');
  });

  it('timing: upcoming, due-today, overdue from the text date', () => {
    expect(one(['A', 'Proposal', 'Demo for Jane on 20/03', '', '']).timing).toBe('upcoming');
    expect(one(['A', 'Proposal', 'Demo for Jane on 15/03', '', '']).timing).toBe('due-today');
    const late = one(['A', 'Proposal', 'Demo for Jane on 10/03', '', '']);
    expect(late.timing).toBe('overdue');
    expect(late.findings.find((f) => f.rule === 'overdue')?.message).toBe('Due 2026-03-10, 5 days ago');
  });

  it('the due column wins over the text', () => {
    const r = one(['A', 'Proposal', 'Demo for Jane on 20/03', new Date(Date.UTC(2026, 2, 12, 12)), '']);
    expect(r.due).toBe('2026-03-12');
    expect(r.timing).toBe('overdue');
  });

  it('stale uses the per-stage freshness and the log prefix before the updated column', () => {
    const { config } = parseConfig({ freshness: { Negotiation: 7 } });
    const r = one(['A', 'Negotiation', '01/03 BR Send MSA to Jane', '', '2026-03-14'], config);
    expect(r.writtenOn).toBe('2026-03-01');
    expect(r.timing).toBe('stale');
    expect(r.findings.find((f) => f.rule === 'stale')?.message).toBe(
      'Last written 2026-03-01, 14 days ago; Negotiation allows 7',
    );
    const fresh = one(['A', 'Proposal', 'Send MSA to Jane', '', '2026-03-10'], config);
    expect(fresh.timing).toBe('undated');
    expect(fresh.writtenOn).toBe('2026-03-10');
  });

  it('precedence: overdue beats stale; due-today beats stale; stale beats upcoming', () => {
    expect(one(['A', 'Proposal', '01/02 BR Demo for Jane on 10/03', '', '']).timing).toBe('overdue');
    expect(one(['A', 'Proposal', '01/02 BR Demo for Jane on 15/03', '', '']).timing).toBe('due-today');
    expect(one(['A', 'Proposal', '01/02 BR Demo for Jane on 20/03', '', '']).timing).toBe('stale');
  });

  it('far-future flags a due date beyond farFutureDays', () => {
    const r = one(['A', 'Proposal', 'QBR with the CFO on 30/06', '', '']);
    expect(r.timing).toBe('upcoming');
    expect(r.findings.find((f) => f.rule === 'far-future')?.message).toBe(
      'Due in 107 days (2026-06-30): is there a nearer step?',
    );
  });

  it('resolves relative phrases against the updated column', () => {
    const r = one(['A', 'Proposal', 'Demo for Jane next Tuesday', '', '2026-03-02']);
    expect(r.due).toBe('2026-03-10');
    expect(r.timing).toBe('overdue');
  });

  it('the verdict does not depend on today', () => {
    const row: CellValue[] = ['A', 'Proposal', 'Demo for Jane on 10/03', '', ''];
    expect(one(row, defaultConfig(), '2026-01-01').verdict).toBe(
      one(row, defaultConfig(), '2027-01-01').verdict,
    );
  });

  it('overdue span points at the date in the text', () => {
    const text = 'Demo for Jane on 10/03';
    const f = one(['A', 'Proposal', text, '', '']).findings.find((x) => x.rule === 'overdue')!;
    expect(text.substr(f.start, f.length)).toContain('10/03');
  });

  it('survives ragged and non-array rows and a mapping past the row end', () => {
    const out = analyzeRows(
      [['A'], [] as CellValue[], null as unknown as CellValue[]],
      { nextStep: 7 },
      defaultConfig(),
      CTX,
    );
    expect(out).toHaveLength(3);
    expect(out.every((r) => r.status === 'blank')).toBe(true);
  });

  it('skips timing when today is not a valid date', () => {
    const r = analyzeRows([['A', 'Proposal', 'Demo 10/03', '', '']], MAPPING, defaultConfig(), {
      ...CTX,
      today: 'nope',
    })[0];
    expect(r.timing).toBe('undated');
  });
});
