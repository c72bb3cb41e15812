import * as fc from 'fast-check';
import {
  addPhrase,
  parseDays,
  parseRetention,
  removePhrase,
  validateForm,
} from '../../../src/ui/settings-form';
import type { SettingsForm } from '../../../src/core/rpc-contract';

const form = (over: Partial<SettingsForm> = {}): SettingsForm => ({
  columns: {},
  freshnessDefault: 14,
  freshnessByStage: [],
  fillerPhrases: ['follow up'],
  rules: [],
  locale: '',
  weekStart: 'monday',
  reviewRetention: 8,
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

  test('review tabs to keep: whole numbers 1..52, with a message naming the field', () => {
    expect(parseRetention(' 3 ')).toEqual({ tabs: 3, problem: '' });
    expect(parseRetention('1')).toEqual({ tabs: 1, problem: '' });
    expect(parseRetention('52')).toEqual({ tabs: 52, problem: '' });
    expect(parseRetention('')).toEqual({
      tabs: null,
      problem: 'Review tabs to keep: enter a number of tabs.',
    });
    expect(parseRetention('0').problem).toBe(
      'Review tabs to keep must be a whole number from 1 to 52, got 0.',
    );
    expect(parseRetention('53').problem).toMatch(/got 53\.$/);
    expect(parseRetention('2.5').problem).toBe(
      'Review tabs to keep must be a whole number from 1 to 52, got "2.5".',
    );
    expect(parseRetention('-1').tabs).toBeNull();
    // The value the view was loaded with (set in the property, up to 104) does not block saving.
    expect(parseRetention('80', 80)).toEqual({ tabs: 80, problem: '' });
    expect(parseRetention('81', 80).problem).toMatch(/got 81\.$/);
    expect(validateForm(form({ reviewRetention: 80 }), 80)).toEqual([]);
    expect(validateForm(form({ reviewRetention: 81 }), 80)).toHaveLength(1);
    expect(validateForm(form({ reviewRetention: 52 }))).toEqual([]);
    for (const bad of [0, 53, 2.5, NaN]) {
      expect(validateForm(form({ reviewRetention: bad }))).toEqual([
        { field: 'reviewRetention', message: expect.stringMatching(/^Review tabs to keep must be/) },
      ]);
    }
  });

  test('review tabs to keep: any text parses to 1..52 or to a problem, never both', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer({ min: -100, max: 200 }).map(String)), (text) => {
        const r = parseRetention(text);
        if (r.tabs === null) expect(r.problem).not.toBe('');
        else {
          expect(r.problem).toBe('');
          expect(Number.isInteger(r.tabs) && r.tabs >= 1 && r.tabs <= 52).toBe(true);
          expect(r.tabs).toBe(Number(text.trim()));
          expect(validateForm(form({ reviewRetention: r.tabs }))).toEqual([]);
        }
      }),
    );
  });
});
