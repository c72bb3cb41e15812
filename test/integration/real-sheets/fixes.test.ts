/**
 * What the official reference says about real Google Sheets, enforced by the stricter emulator and
 * checked through the built bundle (issue 11): the manifest's scopes, the email outside FULL, null
 * document lock/properties, custom functions reading saved settings, the rule-builder reading.
 */
import {
  createAppsScriptGlobals,
  loadBundle,
  makeClockEvent,
  SCOPE,
  type Beliefs,
  type BundleFunctions,
} from '../../../dev/emulator';
import type { MyDeals } from '../../../src/core/rpc-contract';
import { CODE, FIXTURE_NOW, pipelineFixture } from '../in-sheet/helpers';

const ALL = [SCOPE.spreadsheetsCurrentOnly, SCOPE.containerUi, SCOPE.scriptApp, SCOPE.userinfoEmail];
type Fn = (...args: unknown[]) => unknown;

function run(options: { scopes?: readonly string[]; beliefs?: Beliefs; email?: string } = {}) {
  const g = createAppsScriptGlobals({
    spreadsheet: pipelineFixture(),
    now: FIXTURE_NOW,
    user: { email: options.email ?? 'ben.reid@example.com' },
    oauthScopes: options.scopes,
    beliefs: options.beliefs,
  });
  const fns = loadBundle(CODE, g) as Record<string, Fn> & BundleFunctions;
  return { g, fns };
}

const without = (scope: string) => ALL.filter((s) => s !== scope);
const refusal = (method: string, scope: string) =>
  `Specified permissions are not sufficient to call ${method}. Required permissions: ${scope}`;

describe('appsscript.json declares every scope the add-on’s calls need, and no more', () => {
  test('with the manifest’s scopes, menu, highlights, sidebar, review and schedule all work', () => {
    const { g, fns } = run();
    fns.onOpen();
    fns.turnHighlightsOn();
    expect((fns.getMyDeals() as MyDeals).matchedBy).not.toBe('none');
    fns.buildWeeklyReview();
    fns.turnWeeklyReviewOn();
    expect(g.ui.alerts).toEqual([]);
  });

  test('without spreadsheets.currentonly the add-on cannot reach the sheet', () => {
    const { fns } = run({ scopes: without(SCOPE.spreadsheetsCurrentOnly) });
    expect(() => fns.turnHighlightsOn()).toThrow(
      refusal('SpreadsheetApp.getActive', `${SCOPE.spreadsheetsCurrentOnly} || ${SCOPE.spreadsheets}`),
    );
  });

  test('without script.container.ui the menu cannot be built', () => {
    const { fns } = run({ scopes: without(SCOPE.containerUi) });
    expect(() => fns.onOpen()).toThrow(refusal('Ui.createAddonMenu', SCOPE.containerUi));
  });

  test('without script.scriptapp the Monday build cannot be scheduled', () => {
    const { g, fns } = run({ scopes: without(SCOPE.scriptApp) });
    expect(() => fns.turnWeeklyReviewOn()).toThrow(/The weekly review could not be turned on/);
    expect(g.logs.map((l) => l.text).join('\n')).toContain(
      refusal('ScriptApp.getUserTriggers', SCOPE.scriptApp),
    );
  });

  test('without userinfo.email "My deals" never recognises the user (the bug the scope fixes)', () => {
    const withScope = run().fns.getMyDeals() as MyDeals;
    expect(withScope).toMatchObject({ email: 'ben.reid@example.com', owner: 'Ben Reid' });
    const withoutScope = run({ scopes: without(SCOPE.userinfoEmail) }).fns.getMyDeals() as MyDeals;
    expect(withoutScope).toMatchObject({ email: '', matchedBy: 'none', owner: '' });
  });
});

describe('the email is empty outside FULL auth, and the add-on copes', () => {
  test('LIMITED (a simple trigger) and CUSTOM_FUNCTION give an empty email', () => {
    for (const authMode of ['LIMITED', 'CUSTOM_FUNCTION'] as const) {
      const g = createAppsScriptGlobals({ authMode, user: { email: 'ben.reid@example.com' } });
      expect(g.Session.getActiveUser().getEmail()).toBe('');
    }
  });

  test('"My deals" with no email offers the owner picker instead of failing', () => {
    const d = run({ email: '' }).fns.getMyDeals() as MyDeals;
    expect(d).toMatchObject({ email: '', matchedBy: 'none', owner: '' });
    expect(d.owners.length).toBeGreaterThan(0);
  });
});

describe('getDocumentLock() and getDocumentProperties() may return null', () => {
  const beliefs = { noDocumentContext: true };

  test('the Monday trigger still builds the review (under the user’s lock) and does not fail on null', () => {
    const { g, fns } = run({ beliefs });
    const record = fns.runWeeklyReview(makeClockEvent(new Date('2026-03-16T08:20:00Z'))) as {
      ok: boolean;
      message: string;
      sheetName: string;
    };
    expect(record.message).not.toMatch(/null/);
    expect(record.ok).toBe(true);
    expect(g.SpreadsheetApp.getActive().getSheetByName(record.sheetName)).not.toBeNull();
  });

  test('the menu build works too, and saving settings says what is wrong instead of a TypeError', () => {
    const { g, fns } = run({ beliefs });
    fns.buildWeeklyReview();
    expect(g.ui.alerts).toEqual([]);
    const view = fns.getSettings() as { form: Record<string, unknown> };
    let message = '';
    try {
      fns.saveSettings(view.form);
    } catch (error) {
      message = (error as Error).message;
    }
    const saved = JSON.stringify(message || fns.saveSettings(view.form));
    expect(saved).not.toMatch(/Cannot read|null/);
    expect(saved).toMatch(/did not give Next Step Tracker access to this spreadsheet’s saved settings/);
  });

  test('a null document lock alone: the sidebar’s "build now" still builds, under the user’s lock', () => {
    const { g, fns } = run({ beliefs: { nullDocumentLock: true } });
    const r = fns.buildReviewNow() as { ok: boolean; sheetName: string };
    expect(r.ok).toBe(true);
    expect(g.SpreadsheetApp.getActive().getSheetByName(r.sheetName)).not.toBeNull();
  });
});

describe('custom functions read the saved settings where the runtime allows it', () => {
  const TEXT = 'Pricing review call with Jane on 24/03/2026';

  function customised(): ReturnType<typeof run> {
    const owner = run();
    const view = owner.fns.getSettings() as { form: { fillerPhrases: string[] } };
    const r = owner.fns.saveSettings({
      ...view.form,
      fillerPhrases: [...view.form.fillerPhrases, 'pricing review call'],
    }) as { saved: boolean };
    expect(r.saved).toBe(true);
    return owner;
  }

  function customFunction(owner: ReturnType<typeof run>, beliefs?: Beliefs) {
    const g = createAppsScriptGlobals({
      spreadsheet: owner.g.spreadsheet,
      authMode: 'CUSTOM_FUNCTION',
      now: FIXTURE_NOW,
      beliefs,
    });
    return loadBundle(CODE, g) as Record<string, Fn>;
  }

  test('default sheet: the default configuration', () => {
    expect(customFunction(run()).NEXTSTEP_CHECK(TEXT)).toBe('OK');
  });

  test('customised sheet: NEXTSTEP_CHECK agrees with the sidebar’s saved filler phrases', () => {
    expect(customFunction(customised()).NEXTSTEP_CHECK(TEXT)).toBe('Weak: only "Pricing review call"');
  });

  test('where the runtime refuses document properties: the defaults, and still an answer', () => {
    const owner = customised();
    expect(customFunction(owner, { customFunctionsReadProperties: false }).NEXTSTEP_CHECK(TEXT)).toBe('OK');
    expect(customFunction(owner, { noDocumentContext: true }).NEXTSTEP_CHECK(TEXT)).toBe('OK');
  });
});

describe('highlight rules never depend on build() snapshotting its builder', () => {
  function ruleFormulas(beliefs?: Beliefs): string[] {
    const { g, fns } = run({ beliefs });
    fns.turnHighlightsOn();
    return g.SpreadsheetApp.getActive()
      .getSheetByName('Pipeline')!
      .getConditionalFormatRules()
      .map(
        (r) =>
          `${String(r.getBooleanCondition()!.getCriteriaValues()[0])} ${r.getBooleanCondition()!.getBackground()}`,
      );
  }

  test('with builderSharesState on, `highlights on` writes the same, distinct rules as with it off', () => {
    const shared = ruleFormulas({ builderSharesState: true });
    expect(shared.length).toBeGreaterThan(1);
    expect(new Set(shared).size).toBe(shared.length);
    expect(shared).toEqual(ruleFormulas());
  });
});
