import fc from 'fast-check';
import type { RowView, SelectionContext } from '../../../src/core/rpc-contract';
import {
  draftPlace,
  lengthProblem,
  MAX_STEP_CHARS,
  needsConfirmation,
  targetOf,
  withoutDates,
} from '../../../src/ui/draft';

function sel(
  row: number,
  dealKey: string,
  deal: string,
  status: RowView['status'] = 'open',
): SelectionContext {
  return {
    kind: 'row',
    sheetName: 'Pipeline',
    pipelineSheet: 'Pipeline',
    activeRow: row,
    row: { row, dealKey, deal, account: '', nextStep: 'Call Jane', status } as RowView,
    hasUpdatedColumn: true,
    context: { today: '2026-03-11', timeZone: 'UTC', locale: 'en_GB', weekStart: 'monday', configJson: '' },
    message: '',
    settingsToken: '',
  };
}

describe('the draft is bound to a deal', () => {
  test('same deal at the same row: here; another row or another deal at that row: elsewhere', () => {
    const draft = targetOf(sel(13, 'da:acme|acme', 'Acme'));
    expect(draft).toMatchObject({ row: 13, dealKey: 'da:acme|acme', deal: 'Acme', expected: 'Call Jane' });
    expect(draftPlace(draft, targetOf(sel(13, 'da:acme|acme', 'Acme')))).toBe('here');
    expect(draftPlace(draft, targetOf(sel(51, 'da:globex|globex', 'Globex')))).toBe('elsewhere');
    expect(draftPlace(draft, targetOf(sel(13, 'da:globex|globex', 'Globex')))).toBe('elsewhere');
    expect(draftPlace(draft, null)).toBe('elsewhere');
    expect(draftPlace(null, targetOf(sel(13, 'x', 'X')))).toBe('none');
    expect(targetOf(sel(7, 'x', 'X', 'closed'))).toBeNull();
  });

  test('over 500 characters is refused with the reason; Bad and empty steps ask first', () => {
    expect(lengthProblem('x'.repeat(MAX_STEP_CHARS))).toBe('');
    expect(lengthProblem('x'.repeat(501))).toMatch(/Too long: 501 characters.*at most 500/);
    expect(needsConfirmation('bad')).toBe(true);
    expect(needsConfirmation('missing')).toBe(true);
    expect(needsConfirmation('weak')).toBe(false);
    expect(needsConfirmation('ok')).toBe(false);
  });

  test('start from the current text: its dates and their prepositions are taken out', () => {
    const ctx = { locale: 'en_GB', today: '2026-03-11', weekStart: 'monday' as const };
    expect(withoutDates('Workshop with procurement on 12/03', ctx)).toBe('Workshop with procurement');
    expect(withoutDates('Send the MSA to Jane by Fri', ctx)).toBe('Send the MSA to Jane');
    expect(withoutDates('Pricing call with the CFO', ctx)).toBe('Pricing call with the CFO');
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(typeof withoutDates(text, ctx)).toBe('string');
      }),
    );
  });
});
