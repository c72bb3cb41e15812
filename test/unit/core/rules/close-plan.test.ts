import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { analyzeRows } from '../../../../src/core/analyze';
import { defaultConfig, parseConfig } from '../../../../src/core/config';
import { summarizeFindings } from '../../../../src/core/summary';
import type { CellValue, ColumnMapping } from '../../../../src/core/types';
import { main } from '../../../../src/cli/main';

const MAPPING: ColumnMapping = { deal: 0, stage: 1, closeDate: 2, nextStep: 3, nextStepDue: 4 };
const CTX = { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB', firstRowNumber: 2 };

function one(row: CellValue[], config = defaultConfig()) {
  return analyzeRows([row], MAPPING, config, CTX)[0];
}
const rules = (row: CellValue[], config = defaultConfig()) => one(row, config).findings.map((f) => f.rule);

describe('after-close', () => {
  it('fires when the step is due after the expected close date, with both dates in the message', () => {
    const r = one(['Acme', 'Proposal', '2026-04-01', 'Pricing call with Jane', '2026-04-10']);
    const f = r.findings.find((x) => x.rule === 'after-close');
    expect(f).toMatchObject({
      severity: 'warning',
      message: 'Due 2026-04-10, 9 days after the expected close date 2026-04-01',
    });
    expect(summarizeFindings(r)).toContain('due after the close date');
  });

  it('points at the date in the text when the due date comes from the text', () => {
    const text = 'Pricing call with Jane on 10/04';
    const f = one(['Acme', 'Proposal', '2026-04-01', text, '']).findings.find(
      (x) => x.rule === 'after-close',
    );
    expect(f && text.slice(f.start, f.start + f.length)).toBe('10/04');
  });

  it('is quiet on or before the close date, without a close date, and without a due date', () => {
    expect(rules(['Acme', 'Proposal', '2026-04-10', 'Pricing call with Jane', '2026-04-10'])).not.toContain(
      'after-close',
    );
    expect(rules(['Acme', 'Proposal', '', 'Pricing call with Jane', '2026-04-10'])).not.toContain(
      'after-close',
    );
    expect(rules(['Acme', 'Proposal', 'TBD', 'Pricing call with Jane', '2026-04-10'])).not.toContain(
      'after-close',
    );
    expect(rules(['Acme', 'Proposal', '2026-04-01', 'Pricing call with Jane', ''])).not.toContain(
      'after-close',
    );
  });

  it('leaves a close date already passed to close-passed, unless close-passed is off', () => {
    const row: CellValue[] = ['Acme', 'Proposal', '2026-03-01', 'Pricing call with Jane', '2026-03-20'];
    expect(rules(row)).toEqual(['close-passed']);
    const config = parseConfig({ rules: { 'close-passed': false } }).config;
    expect(rules(row, config)).toEqual(['after-close']);
  });

  it('reads Date cells and locale dates in the close-date column', () => {
    const closeAsDate = new Date('2026-03-31T23:00:00Z'); // 1 April in London
    expect(rules(['Acme', 'Proposal', closeAsDate, 'Pricing call with Jane', '2026-04-02'])).toContain(
      'after-close',
    );
    expect(rules(['Acme', 'Proposal', '01/04/2026', 'Pricing call with Jane', '2026-04-02'])).toContain(
      'after-close',
    );
  });
});

describe('close-passed', () => {
  it('fires on an open deal whose expected close date is before today', () => {
    const f = one(['Acme', 'Proposal', '2026-03-05', 'Pricing call with Jane', '2026-03-20']).findings.find(
      (x) => x.rule === 'close-passed',
    );
    expect(f).toMatchObject({
      severity: 'warning',
      message: 'Expected to close 2026-03-05, 10 days ago, and still open',
      start: 0,
      length: 0,
    });
  });

  it('is quiet today and later, on closed deals, and with an error in the cell', () => {
    expect(rules(['Acme', 'Proposal', '2026-03-15', 'Pricing call with Jane', '2026-03-15'])).not.toContain(
      'close-passed',
    );
    expect(one(['Acme', 'Closed Won', '2026-01-01', 'Signed', '']).findings).toEqual([]);
    expect(rules(['Acme', 'Proposal', '#N/A', 'Pricing call with Jane', '2026-03-20'])).not.toContain(
      'close-passed',
    );
  });
});

describe('switching', () => {
  it('each rule can be turned off or made louder in the settings', () => {
    const late: CellValue[] = ['Acme', 'Proposal', '2026-04-01', 'Pricing call with Jane', '2026-04-20'];
    const row: CellValue[] = ['Acme', 'Proposal', '2026-03-01', 'Pricing call with Jane', '2026-03-20'];
    expect(rules(late)).toContain('after-close');
    expect(rules(row)).toContain('close-passed');
    const off = parseConfig({ rules: { 'after-close': false, 'close-passed': 'off' } });
    expect(off.problems).toEqual([]);
    expect(rules(late, off.config)).not.toContain('after-close');
    expect(rules(row, off.config)).not.toContain('close-passed');
    const loud = parseConfig({ rules: { 'close-passed': 'error' } }).config;
    expect(one(row, loud).findings.find((f) => f.rule === 'close-passed')?.severity).toBe('error');
  });

  it('property: any close-date cell never throws, and after-close fires exactly when due > close', () => {
    const day = fc
      .integer({ min: 0, max: 800 })
      .map((n) => new Date(Date.UTC(2025, 6, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const junk = fc.oneof(
      fc.string(),
      fc.constantFrom('#N/A', '#REF!', '=HYPERLINK("x")', '<img onerror=alert(1)>', ''),
      fc.double(),
      fc.boolean(),
    );
    fc.assert(
      fc.property(day, day, (close, due) => {
        const has = rules(['A', 'Proposal', close, 'Pricing call with Jane', due]).includes('after-close');
        expect(has).toBe(due > close && close >= CTX.today);
      }),
    );
    fc.assert(
      fc.property(junk, (cell) => {
        expect(() =>
          one(['A', 'Proposal', cell as CellValue, 'Pricing call with Jane', '2026-04-01']),
        ).not.toThrow();
      }),
    );
  });
});

describe('check --json', () => {
  it('reports after-close and close-passed findings for a CSV export', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nst-close-'));
    const file = path.join(dir, 'pipeline.csv');
    writeFileSync(
      file,
      [
        'Deal,Stage,Expected close date,Next step,Next step due',
        'Acme,Proposal,2026-04-01,Pricing call with Jane,2026-04-10',
        'Globex,Negotiation,2026-03-01,Send the MSA to their legal team,2026-03-20',
        'Initech,Proposal,2026-05-01,Demo for the CFO,2026-03-20',
      ].join('\n'),
    );
    let out = '';
    const code = await main(
      ['check', file, '--today', '2026-03-15', '--locale', 'en_GB', '--tz', 'Europe/London', '--json'],
      { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => undefined } },
    );
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Array<{ deal: string; findings: Array<{ rule: string }> }>;
    const byDeal = Object.fromEntries(rows.map((r) => [r.deal, r.findings.map((f) => f.rule)]));
    expect(byDeal.Acme).toContain('after-close');
    expect(byDeal.Acme).not.toContain('close-passed');
    expect(byDeal.Globex).toContain('close-passed');
    expect(byDeal.Globex).not.toContain('after-close');
    expect(byDeal.Initech).not.toEqual(expect.arrayContaining(['after-close']));
    expect(byDeal.Initech).not.toContain('close-passed');
  });
});
