import { detectColumns, NEXT_STEP_HEADER_SYNONYMS, roleOfHeader } from '../../../src/core/columns';

describe('roleOfHeader', () => {
  it.each([
    ['Next step', 'nextStep'],
    ['Next Steps', 'nextStep'],
    ['NextStep', 'nextStep'],
    ['next_action', 'nextStep'],
    ['👉 Next step (what/who/when)', 'nextStep'],
    ['NEXT STEP:', 'nextStep'],
    ['Opportunity', 'deal'],
    ['Sales rep', 'owner'],
    ['Owner', 'owner'],
    ['Stage', 'stage'],
    ['ARR', 'amount'],
    ['Value', 'amount'],
    ['Close date', 'closeDate'],
    ['Next step due', 'nextStepDue'],
    ['📅 Due', 'nextStepDue'],
    ['Next step updated', 'nextStepUpdated'],
    ['Last activity', 'nextStepUpdated'],
    ['Last updated', 'nextStepUpdated'],
    ['Deal ID', 'dealId'],
    ['Opportunity ID', 'dealId'],
  ])('%s → %s', (header, role) => {
    expect(roleOfHeader(header)).toBe(role);
  });

  it('ignores unrelated headers and non-text cells', () => {
    expect(roleOfHeader('Notes')).toBeUndefined();
    expect(roleOfHeader(42)).toBeUndefined();
    expect(roleOfHeader(null)).toBeUndefined();
  });
});

describe('detectColumns', () => {
  it('finds a header row below a title row', () => {
    const grid = [
      ['Q1 Pipeline', '', '', ''],
      ['', '', '', ''],
      ['Deal', 'Stage', 'Next step', 'Last updated'],
      ['Acme', 'Proposal', 'Send deck Fri', '2026-03-01'],
    ];
    const d = detectColumns(grid);
    expect(d.headerRowIndex).toBe(2);
    expect(d.mapping).toEqual({ deal: 0, stage: 1, nextStep: 2, nextStepUpdated: 3 });
    expect(d.missing).toEqual(
      expect.arrayContaining(['owner', 'amount', 'closeDate', 'nextStepDue', 'dealId']),
    );
    expect(d.problems).toEqual([]);
  });

  it('reports a missing next-step column naming the headers it looked for', () => {
    const d = detectColumns([['Deal', 'Stage', 'Amount']]);
    expect(d.mapping.nextStep).toBeUndefined();
    expect(d.missing).toContain('nextStep');
    expect(d.problems[0]).toContain('No next-step column found');
    for (const s of NEXT_STEP_HEADER_SYNONYMS.slice(0, 4)) expect(d.problems[0]).toContain(`"${s}"`);
  });

  it('reports duplicate headers by name and column and uses the first', () => {
    const d = detectColumns([['Deal', 'Next step', 'Next Step']]);
    expect(d.mapping.nextStep).toBe(1);
    expect(d.problems[0]).toBe(
      'Duplicate nextStep headers: "Next step" (column B), "Next Step" (column C); using column B',
    );
  });

  it('lets an explicit mapping win over synonyms', () => {
    const d = detectColumns([['Deal', 'Next step', 'Plan of action']], {
      explicit: { nextStep: 'plan of action' },
    });
    expect(d.mapping.nextStep).toBe(2);
    expect(d.problems).toEqual([]);
  });

  it('reports an explicit header that is not there', () => {
    const d = detectColumns([['Deal', 'Next step']], { explicit: { owner: 'Rep name' } });
    expect(d.problems).toEqual(['The owner column was set to "Rep name", but no header says "Rep name"']);
    expect(d.mapping.nextStep).toBe(1);
  });

  it('prefers Stage over Status for the stage role', () => {
    const d = detectColumns([['Status', 'Stage', 'Next step']]);
    expect(d.mapping.stage).toBe(1);
  });

  it('copes with an empty grid and ragged rows', () => {
    expect(detectColumns([]).headerRowIndex).toBe(-1);
    expect(detectColumns([[], ['Next step']]).mapping.nextStep).toBe(0);
  });
});
