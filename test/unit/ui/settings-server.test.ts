import {
  configJsonFromForm,
  fieldOfMessage,
  formFromConfig,
  reviewRetentionProblem,
} from '../../../src/addon/sidebar-settings';
import { defaultConfig, parseConfig } from '../../../src/core/config';

describe('settings form ⇄ stored config (pure parts of saveSettings)', () => {
  const form = () => formFromConfig(defaultConfig(), {});

  test('the form of the defaults round-trips to a config equal to the defaults', () => {
    const { json, problems } = configJsonFromForm(form(), undefined);
    expect(problems).toEqual([]);
    expect(parseConfig(json)).toEqual({ config: defaultConfig(), problems: [] });
    // The default phrase list is not pinned into the stored JSON.
    expect(JSON.parse(json).fillerPhrases).toBeUndefined();
  });

  test('edits land in the config; stored fields the form does not edit are kept', () => {
    const stored = JSON.stringify({
      actionVerbs: ['sign'],
      timeZone: 'Europe/Paris',
      rules: { stale: 'suggestion' },
    });
    const f = form();
    f.fillerPhrases = [...f.fillerPhrases, 'zzqx'];
    f.rules = f.rules.map((r) => (r.id === 'no-party' ? { ...r, enabled: false } : r));
    f.freshnessByStage = [
      { stage: 'Negotiation', days: 7 },
      { stage: 'Discovery', days: null },
    ];
    f.weekStart = 'sunday';
    f.locale = 'en_US';
    const { json, problems } = configJsonFromForm(f, stored);
    expect(problems).toEqual([]);
    const { config } = parseConfig(json);
    expect(config.actionVerbs).toEqual(['sign']);
    expect(config.timeZone).toBe('Europe/Paris');
    expect(config.rules['no-party'].enabled).toBe(false);
    expect(config.rules.stale).toEqual({ enabled: true, severity: 'suggestion' });
    expect(config.fillerPhrases).toContain('zzqx');
    expect(config.freshnessDays).toEqual({ default: 14, byStage: { Negotiation: 7 } });
    expect(config.weekStart).toBe('sunday');
    expect(config.locale).toBe('en_US');
    // Back to the form: the same choices.
    const again = formFromConfig(config, {});
    expect(again.rules.find((r) => r.id === 'no-party')?.enabled).toBe(false);
    expect(again.freshnessByStage).toEqual([{ stage: 'Negotiation', days: 7 }]);
  });

  test('invalid values come back as the engine’s messages, each tied to its field', () => {
    const f = form();
    f.freshnessByStage = [{ stage: 'Negotiation', days: -3 }];
    f.fillerPhrases = ['ok', ' '];
    const { problems } = configJsonFromForm(f, undefined);
    expect(problems).toEqual([
      { field: 'fillerPhrases', message: 'fillerPhrases[1] must be a non-empty phrase, got " "' },
      {
        field: 'freshness.Negotiation',
        message: 'freshness.Negotiation must be a whole number of days from 1 to 365, got -3',
      },
    ]);
  });

  test('stored junk in fields the form does not edit is dropped, not blamed on the form', () => {
    const { json, problems } = configJsonFromForm(form(), JSON.stringify({ farFutureDays: -1, bogus: 1 }));
    expect(problems).toEqual([]);
    expect(parseConfig(json).problems).toEqual([]);
  });

  test('fieldOfMessage', () => {
    expect(fieldOfMessage('freshness.default must be a whole number of days from 1 to 365, got 0')).toBe(
      'freshnessDefault',
    );
    expect(fieldOfMessage('freshness.Closed Won must be a whole number')).toBe('freshness.Closed Won');
    expect(fieldOfMessage('locale must look like en_GB or en_US, got "x"')).toBe('locale');
    expect(fieldOfMessage('something else')).toBe('');
  });

  test('review tabs to keep: default 8 in the form, carried round, and kept out of the config JSON', () => {
    expect(form().reviewRetention).toBe(8);
    const f = { ...formFromConfig(defaultConfig(), {}, 3) };
    expect(f.reviewRetention).toBe(3);
    const { json } = configJsonFromForm(f, undefined);
    expect(JSON.parse(json)).not.toHaveProperty('reviewRetention');
    expect(JSON.parse(json)).not.toHaveProperty('retention');
  });

  test('review tabs to keep: 1..52 accepted, anything else refused unless it is what is stored', () => {
    expect(reviewRetentionProblem(1, 8)).toBeNull();
    expect(reviewRetentionProblem(52, 8)).toBeNull();
    expect(reviewRetentionProblem(0, 8)).toEqual({
      field: 'reviewRetention',
      message: 'Review tabs to keep must be a whole number from 1 to 52, got 0.',
    });
    expect(reviewRetentionProblem(53, 8)?.field).toBe('reviewRetention');
    expect(reviewRetentionProblem(2.5, 8)?.message).toMatch(/got 2\.5\.$/);
    expect(reviewRetentionProblem(NaN, 8)?.message).toMatch(/got NaN\.$/);
    // A value set in the property beyond the sidebar's range does not block saving other settings.
    expect(reviewRetentionProblem(80, 80)).toBeNull();
  });
});
