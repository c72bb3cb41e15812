import { addPhrase, parseDays, removePhrase, validateForm } from '../../../src/ui/settings-form';
import type { SettingsForm } from '../../../src/core/rpc-contract';

const form = (over: Partial<SettingsForm> = {}): SettingsForm => ({
  columns: {},
  freshnessDefault: 14,
  freshnessByStage: [],
  fillerPhrases: ['follow up'],
  rules: [],
  locale: '',
  weekStart: 'monday',
  ...over,
});

describe('settings form checks', () => {
  test('days: whole numbers 1..365; empty allowed only where optional', () => {
    expect(parseDays('7', 'x', false)).toEqual({ days: 7, problem: '' });
    expect(parseDays(' ', 'x', true)).toEqual({ days: null, problem: '' });
    expect(parseDays('', 'Default', false).problem).toMatch(/enter a number/);
    expect(parseDays('-3', 'freshness.Negotiation', true).problem).toBe(
      'freshness.Negotiation must be a whole number of days from 1 to 365, got "-3".',
    );
    expect(parseDays('400', 'freshness.Demo', true).problem).toMatch(/got 400/);
    expect(parseDays('2.5', 'x', true).problem).toMatch(/whole number/);
  });

  test('phrases: added once, normalised; removed exactly', () => {
    expect(addPhrase(['follow up'], '  Touch   Base ')).toEqual({
      list: ['follow up', 'touch base'],
      problem: '',
    });
    expect(addPhrase(['follow up'], 'FOLLOW UP').problem).toMatch(/already in the list/);
    expect(addPhrase([], '   ').problem).toMatch(/Type a phrase/);
    expect(removePhrase(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
  });

  test('validateForm flags bad days and a header mapped twice', () => {
    expect(validateForm(form())).toEqual([]);
    const problems = validateForm(
      form({
        freshnessDefault: 0,
        freshnessByStage: [{ stage: 'Negotiation', days: -3 }],
        columns: { nextStep: 'Notes', deal: 'Notes' },
      }),
    );
    expect(problems.map((p) => p.field).sort()).toEqual([
      'columns.deal',
      'freshness.Negotiation',
      'freshnessDefault',
    ]);
  });
});
