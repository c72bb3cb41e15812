import { attentionOrder, matchOwner, needsAttention, ownerMatch } from '../../../src/addon/sidebar-owner';
import type { RowAnalysis } from '../../../src/core/types';

describe('owner matching (getMyDeals)', () => {
  test('by email, any case', () => {
    expect(ownerMatch('Jane.Doe@Acme.com', 'jane.doe@acme.com')).toBe('email');
  });
  test('by the email name part', () => {
    expect(ownerMatch('Jane Doe', 'jane.doe@acme.com')).toBe('name');
    expect(ownerMatch('Jane', 'jane.doe@acme.com')).toBe('name');
    expect(ownerMatch('jdoe', 'jdoe@acme.com')).toBe('name');
    expect(ownerMatch('Doe', 'jane.doe@acme.com')).toBeNull();
    expect(ownerMatch('Janet', 'jane.doe@acme.com')).toBeNull();
    expect(ownerMatch('', 'jane.doe@acme.com')).toBeNull();
    expect(ownerMatch('Jane', '')).toBeNull();
  });
  test('matchOwner prefers an exact email, then the fullest name', () => {
    expect(matchOwner(['Jane', 'Jane Doe', 'Bob'], 'jane.doe@acme.com')).toEqual({
      owner: 'Jane Doe',
      by: 'name',
    });
    expect(matchOwner(['Jane Doe', 'jane.doe@acme.com'], 'jane.doe@acme.com')).toEqual({
      owner: 'jane.doe@acme.com',
      by: 'email',
    });
    expect(matchOwner(['Bob'], 'jane.doe@acme.com')).toBeNull();
  });
});

describe('deals needing attention', () => {
  const row = (row: number, verdict: RowAnalysis['verdict'], timing: RowAnalysis['timing']): RowAnalysis => ({
    row,
    status: 'open',
    verdict,
    timing,
    score: 0,
    findings: [],
  });
  test('not ok, overdue, due today or stale need attention; closed never', () => {
    expect(needsAttention(row(1, 'ok', 'upcoming'))).toBe(false);
    expect(needsAttention(row(1, 'weak', 'upcoming'))).toBe(true);
    expect(needsAttention(row(1, 'ok', 'overdue'))).toBe(true);
    expect(needsAttention(row(1, 'ok', 'stale'))).toBe(true);
    expect(needsAttention({ ...row(1, 'bad', 'overdue'), status: 'closed' })).toBe(false);
  });
  test('worst first: overdue, due today, stale; then missing, bad, weak; then row', () => {
    const rows = [
      row(5, 'weak', 'undated'),
      row(4, 'missing', 'undated'),
      row(3, 'ok', 'stale'),
      row(2, 'weak', 'overdue'),
      row(1, 'bad', 'undated'),
    ];
    expect(rows.sort(attentionOrder).map((r) => r.row)).toEqual([2, 3, 4, 1, 5]);
  });
});
