import fc from 'fast-check';
import { createAppsScriptGlobals } from '../../../dev/emulator';
import { CONFIG_KEY, loadSettings, saveSettings, SETTINGS_KEY } from '../../../src/sheets/settings';
import { isUserError } from '../../../src/core/user-error';

function store() {
  const g = createAppsScriptGlobals();
  return { g, props: g.PropertiesService.getDocumentProperties() };
}

describe('settings in document properties', () => {
  test('round trip in one setProperties call', () => {
    const { g, props } = store();
    g.ledger.reset();
    saveSettings(
      {
        sheetName: 'Pipeline',
        headerRow: 2,
        columns: { nextStep: 'Next step' },
        configJson: '{"freshness":{"Negotiation":7}}',
      },
      props,
    );
    expect(g.ledger.entries()).toEqual(['Properties.setProperties']);
    const loaded = loadSettings(props);
    expect(loaded.problems).toEqual([]);
    expect(loaded.settings).toEqual({
      sheetName: 'Pipeline',
      headerRow: 2,
      columns: { nextStep: 'Next step' },
      configJson: '{"freshness":{"Negotiation":7}}',
    });
    expect(loaded.config.freshnessDays.byStage).toEqual({ Negotiation: 7 });
  });

  test('nothing saved: defaults, no problems', () => {
    const { props } = store();
    const loaded = loadSettings(props);
    expect(loaded.settings).toEqual({});
    expect(loaded.problems).toEqual([]);
    expect(loaded.config.freshnessDays.default).toBe(14);
  });

  test.each([
    [{ [SETTINGS_KEY]: '{oops' }, /Saved settings are not valid JSON/],
    [{ [SETTINGS_KEY]: '[1,2]' }, /not an object/],
    [{ [SETTINGS_KEY]: '{"headerRow":-3}' }, /header row must be a whole number from 1, got -3/],
    [{ [SETTINGS_KEY]: '{"columns":{"bogus":"X","nextStep":7}}' }, /unknown role "bogus"/],
    [
      { [CONFIG_KEY]: '{"freshness":{"Negotiation":-3}}' },
      /freshness.Negotiation must be a whole number of days from 1 to 365, got -3/,
    ],
    [{ [CONFIG_KEY]: 'not json' }, /not valid JSON/],
  ])('corrupted values never throw: defaults + a problem (%j)', (values, problem) => {
    const { props } = store();
    props.setProperties(values as Record<string, string>);
    const loaded = loadSettings(props);
    expect(loaded.problems.join('\n')).toMatch(problem);
    expect(loaded.config.freshnessDays.default).toBe(14);
  });

  test('any stored text loads without throwing', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const { props } = store();
        props.setProperties({ [SETTINGS_KEY]: a, [CONFIG_KEY]: b });
        const loaded = loadSettings(props);
        expect(loaded.config).toBeDefined();
      }),
      { numRuns: 100 },
    );
  });

  test('an unreadable store (e.g. AuthMode.NONE) gives defaults and a problem', () => {
    const g = createAppsScriptGlobals({ authMode: 'NONE' });
    const loaded = loadSettings({
      getProperties: () => g.PropertiesService.getDocumentProperties().getProperties(),
      setProperties: () => {
        throw new Error('unused');
      },
    } as never);
    expect(loaded.problems[0]).toMatch(/could not be read/);
  });

  test('over 9 KB: a clear message and nothing saved', () => {
    const { props } = store();
    saveSettings({ sheetName: 'Before' }, props);
    const big = JSON.stringify({ fillerPhrases: Array.from({ length: 2000 }, (_, i) => `phrase ${i}`) });
    let error: unknown;
    try {
      saveSettings({ sheetName: 'After', configJson: big }, props);
    } catch (e) {
      error = e;
    }
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /too large to save \(\d+ KB; Google Sheets allows 9 KB per setting\).*Nothing was saved/,
    );
    expect(loadSettings(props).settings.sheetName).toBe('Before');
  });
});
