import { defaultConfig, freshnessDaysFor, isClosedStage, parseConfig } from '../../../src/core/config';

describe('defaultConfig', () => {
  it('has every rule on with its default severity, and the documented defaults', () => {
    const c = defaultConfig();
    expect(Object.values(c.rules).every((r) => r.enabled)).toBe(true);
    expect(c.rules.missing.severity).toBe('error');
    expect(c.rules['no-party'].severity).toBe('suggestion');
    expect(c.freshnessDays).toEqual({ default: 14, byStage: {} });
    expect(c.farFutureDays).toBe(30);
    expect(c.closedStages).toEqual(['Closed Won', 'Closed Lost', 'Won', 'Lost']);
    expect(c.weekStart).toBe('monday');
  });

  it('returns a fresh copy each time', () => {
    const a = defaultConfig();
    a.fillerPhrases.push('x');
    expect(defaultConfig().fillerPhrases).not.toContain('x');
  });
});

describe('parseConfig', () => {
  it('merges a JSON string over the defaults', () => {
    const { config, problems } = parseConfig(
      JSON.stringify({
        freshness: { Negotiation: 7 },
        farFutureDays: 45,
        rules: { 'no-party': false },
        weekStart: 'sunday',
      }),
    );
    expect(problems).toEqual([]);
    expect(config.freshnessDays.byStage).toEqual({ Negotiation: 7 });
    expect(config.freshnessDays.default).toBe(14);
    expect(config.farFutureDays).toBe(45);
    expect(config.rules['no-party'].enabled).toBe(false);
    expect(config.rules.filler.enabled).toBe(true);
    expect(config.weekStart).toBe('sunday');
  });

  it('accepts an object and the long freshnessDays form', () => {
    const { config } = parseConfig({ freshnessDays: { default: 10, byStage: { Proposal: 5 } } });
    expect(config.freshnessDays).toEqual({ default: 10, byStage: { Proposal: 5 } });
  });

  it('reports a bad freshness value precisely and keeps the rest', () => {
    const { config, problems } = parseConfig('{"freshness": {"Negotiation": -3, "Proposal": 9}}');
    expect(problems).toEqual(['freshness.Negotiation must be a whole number of days from 1 to 365, got -3']);
    expect(config.freshnessDays.byStage).toEqual({ Proposal: 9 });
  });

  it.each([
    ['{"farFutureDays": 2.5}', 'farFutureDays must be a whole number of days from 1 to 3650, got 2.5'],
    ['{"weekStart": "friday"}', 'weekStart must be "monday" or "sunday", got "friday"'],
    [
      '{"rules": {"no-date": false}}',
      'rules.no-date is not a rule; rules are missing, filler, no-action, no-time, no-party, overdue, stale, far-future, after-close, close-passed',
    ],
    [
      '{"rules": {"filler": {"severity": "loud"}}}',
      'rules.filler.severity must be one of error, warning, suggestion, got "loud"',
    ],
    ['{"fillerPhrases": "follow up"}', 'fillerPhrases must be a list of phrases, got "follow up"'],
    ['{"fillerPhrases": ["ok", 3]}', 'fillerPhrases[1] must be a non-empty phrase, got 3'],
    [
      '{"timeZone": "Mars/Olympus"}',
      'timeZone must be an IANA zone such as Europe/London, got "Mars/Olympus"',
    ],
    ['{"locale": 42}', 'locale must look like en_GB or en_US, got 42'],
    ['{"colour": "red"}', 'colour is not a setting; it was ignored'],
  ])('%s → message', (json, message) => {
    expect(parseConfig(json).problems).toEqual([message]);
  });

  it('never throws on corrupt input: defaults plus one problem', () => {
    const { config, problems } = parseConfig('{"freshness": ');
    expect(config).toEqual(defaultConfig());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/not valid JSON/);
    expect(parseConfig('[1,2]').problems[0]).toMatch(/must be a JSON object/);
    expect(parseConfig(42).problems[0]).toMatch(/must be a JSON object/);
    expect(parseConfig(undefined)).toEqual({ config: defaultConfig(), problems: [] });
  });

  it('accepts severities and on/off strings per rule', () => {
    const { config, problems } = parseConfig({ rules: { stale: 'error', 'far-future': 'off' } });
    expect(problems).toEqual([]);
    expect(config.rules.stale.severity).toBe('error');
    expect(config.rules['far-future'].enabled).toBe(false);
  });
});

describe('stages', () => {
  it('recognises closed stages regardless of case and spacing', () => {
    const c = defaultConfig();
    expect(isClosedStage('closed  won', c)).toBe(true);
    expect(isClosedStage(' LOST ', c)).toBe(true);
    expect(isClosedStage('Closed-Lost', c)).toBe(true);
    expect(isClosedStage('Negotiation', c)).toBe(false);
    expect(isClosedStage(42, c)).toBe(false);
    expect(isClosedStage(null, c)).toBe(false);
  });

  it('finds per-stage freshness case-insensitively, else the default', () => {
    const { config } = parseConfig({ freshness: { Negotiation: 7 } });
    expect(freshnessDaysFor('negotiation', config)).toBe(7);
    expect(freshnessDaysFor('Proposal', config)).toBe(14);
    expect(freshnessDaysFor(undefined, config)).toBe(14);
  });
});
