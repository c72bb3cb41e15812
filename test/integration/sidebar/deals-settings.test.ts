/**
 * getMyDeals, getSheetHealth, getSettings and saveSettings through the built bundle and the emulator.
 */
import type {
  BuildReviewResult,
  MyDeals,
  SaveSettingsResult,
  SelectionContext,
  SettingsView,
  SheetHealth,
} from '../../../src/core/rpc-contract';
import { cellColours } from '../../../dev/emulator';
import { errorOf, setup } from './helpers';

describe('getMyDeals', () => {
  test('matches the Session email to the owner column by name and lists that owner’s deals needing attention, worst first', () => {
    const h = setup({ email: 'ben.reid@example.com' });
    const d = h.call<MyDeals>('getMyDeals');
    expect(d.email).toBe('ben.reid@example.com');
    expect(d.owner).toBe('Ben Reid');
    expect(d.matchedBy).toBe('name');
    expect(d.openDeals).toBeGreaterThan(0);
    expect(d.items.length).toBeGreaterThan(0);
    expect(d.items.length).toBe(Math.min(d.total, 50));
    for (const item of d.items) {
      expect(item.owner).toBe('Ben Reid');
      expect(item.verdict !== 'ok' || ['overdue', 'stale', 'due-today'].includes(item.timing ?? '')).toBe(
        true,
      );
      expect(h.sheet().getRange(item.row, 3).getValue()).toBe('Ben Reid');
    }
    const rank = (t: string | null) => ['overdue', 'due-today', 'stale'].indexOf(t ?? '');
    const ranks = d.items.map((i) => (rank(i.timing) < 0 ? 9 : rank(i.timing)));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    // The picker lists every owner, with counts that add up.
    expect(d.owners.map((o) => o.name)).toEqual(
      expect.arrayContaining(['Ben Reid', 'Priya Patel', 'Maria Fernandez']),
    );
    expect(d.owners.find((o) => o.name === 'Ben Reid')).toMatchObject({
      deals: d.openDeals,
      needingAttention: d.total,
    });
  });

  test('an owner asked for wins; an unknown email falls back to the picker', () => {
    const h = setup({ email: 'someone@else.org' });
    const none = h.call<MyDeals>('getMyDeals');
    expect(none.matchedBy).toBe('none');
    expect(none.items).toEqual([]);
    expect(none.message).toMatch(/Pick your name/);
    expect(none.owners.length).toBeGreaterThan(2);
    const asked = h.call<MyDeals>('getMyDeals', 'priya patel');
    expect(asked).toMatchObject({ owner: 'Priya Patel', matchedBy: 'asked' });
    expect(asked.items.every((i) => i.owner === 'Priya Patel')).toBe(true);
  });

  test('no email (consumer accounts): the picker', () => {
    const h = setup({ email: '' });
    expect(h.call<MyDeals>('getMyDeals')).toMatchObject({ email: '', matchedBy: 'none', owner: '' });
  });
});

describe('getSheetHealth', () => {
  test('counts add up and match the rows the sidebar judges one by one', () => {
    const h = setup();
    const health = h.call<SheetHealth>('getSheetHealth');
    expect(health.sheetName).toBe('Pipeline');
    const v = health.verdicts;
    expect(v.ok + v.weak + v.bad + v.missing).toBe(health.openDeals);
    const t = health.timings;
    expect(t.upcoming + t['due-today'] + t.overdue + t.stale + t.undated).toBe(health.openDeals);
    expect(health.openDeals + health.closedDeals).toBeLessThanOrEqual(200);
    expect(health.closedDeals).toBeGreaterThan(0);
    expect(health.okShare).toBeCloseTo(v.ok / health.openDeals, 10);
    expect(health.highlightsOn).toBe(false);
    // Cross-check a sample of rows with getSelectionContext.
    const verdicts: Record<string, number> = { ok: 0, weak: 0, bad: 0, missing: 0 };
    for (let row = 3; row <= 202; row++) {
      h.select(`G${row}`);
      const sel = h.call<SelectionContext>('getSelectionContext');
      if (sel.row?.status === 'open' && sel.row.verdict) verdicts[sel.row.verdict] += 1;
    }
    expect(verdicts).toEqual(v);
  });
});

describe('the pipeline sheet when another tab is active', () => {
  test('health and my deals fall back to the sheet with a next-step column; a named sheet wins', () => {
    const h = setup();
    h.g.SpreadsheetApp.getActiveSpreadsheet()
      .insertSheet('Pipeline review 2026-W11')
      .getRange('A1')
      .setValue('Review');
    h.select('A1', 'Pipeline review 2026-W11');
    expect(h.call<SheetHealth>('getSheetHealth').sheetName).toBe('Pipeline');
    expect(h.call<MyDeals>('getMyDeals').sheetName).toBe('Pipeline');
    expect(h.call<SheetHealth>('getSheetHealth', 'Pipeline').openDeals).toBeGreaterThan(100);
    expect(errorOf(() => h.call('getSheetHealth', 'Nope'))).toMatch(/"Nope" was not found/);
  });
});

describe('settings', () => {
  test('getSettings offers the sheet’s headers, roles, open stages and the current form', () => {
    const h = setup();
    const view = h.call<SettingsView>('getSettings');
    expect(view.headers).toEqual(
      expect.arrayContaining(['Deal', 'Owner', 'Stage', 'Next step', 'Next step updated']),
    );
    expect(view.roles[0]).toMatchObject({ role: 'nextStep', required: true });
    expect(view.detected).toMatchObject({
      nextStep: 'Next step',
      owner: 'Owner',
      nextStepUpdated: 'Next step updated',
    });
    expect(view.stages).toEqual(expect.arrayContaining(['Qualification', 'Discovery']));
    expect(view.stages).not.toContain('Closed Lost');
    expect(view.form.freshnessDefault).toBe(14);
    expect(view.form.fillerPhrases).toContain('follow up');
    expect(view.form.rules.map((r) => r.id)).toContain('no-party');
    expect(view.spreadsheetLocale).toBe('en_GB');
  });

  test('invalid days are refused with the engine’s message, tied to the field; nothing saved', () => {
    const h = setup();
    const view = h.call<SettingsView>('getSettings');
    const r = h.call<SaveSettingsResult>('saveSettings', {
      ...view.form,
      freshnessByStage: [{ stage: 'Negotiation', days: -3 }],
    });
    expect(r.saved).toBe(false);
    expect(r.problems).toEqual([
      {
        field: 'freshness.Negotiation',
        message: 'freshness.Negotiation must be a whole number of days from 1 to 365, got -3',
      },
    ]);
    expect(h.g.PropertiesService.getDocumentProperties().getProperty('nst.config')).toBeNull();
    expect(
      h.call<SaveSettingsResult>('saveSettings', { ...view.form, freshnessDefault: 0 }).problems[0].field,
    ).toBe('freshnessDefault');
  });

  test('a header chosen twice is refused', () => {
    const h = setup();
    const view = h.call<SettingsView>('getSettings');
    const r = h.call<SaveSettingsResult>('saveSettings', {
      ...view.form,
      columns: { nextStep: 'Next step', deal: 'Next step' },
    });
    expect(r.saved).toBe(false);
    expect(r.problems[0].field).toBe('columns.deal');
  });

  test('saved settings change what the engine says (a rule switched off, a stage’s days)', () => {
    const h = setup();
    h.select('G4');
    const before = h.call<SelectionContext>('getSelectionContext').row!;
    const view = h.call<SettingsView>('getSettings');
    const rules = view.form.rules.map((r) => ({ ...r, enabled: r.id === 'missing' }));
    const r = h.call<SaveSettingsResult>('saveSettings', {
      ...view.form,
      rules,
      freshnessByStage: [{ stage: 'Qualification', days: 90 }],
      weekStart: 'sunday',
      locale: 'en_US',
    });
    expect(r).toMatchObject({ saved: true, problems: [] });
    expect(r.view?.form.freshnessByStage).toEqual([{ stage: 'Qualification', days: 90 }]);
    expect(r.view?.form.rules.filter((x) => x.enabled).map((x) => x.id)).toEqual(['missing']);
    h.select('G4');
    const after = h.call<SelectionContext>('getSelectionContext');
    expect(after.context).toMatchObject({ weekStart: 'sunday', locale: 'en_US' });
    expect(after.context.configJson).not.toBe('');
    expect(before.findings.length).toBeGreaterThan(0);
    expect(after.row!.findings).toEqual([]);
    // Stored through the shared settings module, as JSON in one property.
    const stored = JSON.parse(
      h.g.PropertiesService.getDocumentProperties().getProperty('nst.config') ?? '{}',
    );
    expect(stored.freshnessDays).toEqual({ default: 14, byStage: { Qualification: 90 } });
  });

  test('filler phrases added in the settings: highlights follow when they are on', () => {
    const h = setup();
    // OK for the engine until "sync" is a filler phrase (highlights show the engine's verdict, issue 13).
    h.sheet().getRange('G8').setValue('Sync with Jane on 20/03'); // row 8 was updated yesterday: fresh
    h.call('turnHighlightsOn');
    const colour = () => cellColours(h.sheet())['G8'];
    expect(colour()).toBeUndefined();
    const view = h.call<SettingsView>('getSettings');
    const r = h.call<SaveSettingsResult>('saveSettings', {
      ...view.form,
      fillerPhrases: [...view.form.fillerPhrases, 'sync'],
    });
    expect(r).toMatchObject({ saved: true, highlightsReapplied: true });
    expect(colour()).toBeDefined();
    // Removing it again clears the colour.
    const r2 = h.call<SaveSettingsResult>('saveSettings', {
      ...r.view!.form,
      fillerPhrases: view.form.fillerPhrases,
    });
    expect(r2.highlightsReapplied).toBe(true);
    expect(colour()).toBeUndefined();
  });

  test('highlights off: saving does not turn them on', () => {
    const h = setup();
    const view = h.call<SettingsView>('getSettings');
    expect(h.call<SaveSettingsResult>('saveSettings', view.form).highlightsReapplied).toBe(false);
    expect(h.sheet().getConditionalFormatRules().length).toBe(0);
  });

  test('review tabs to keep: saved through the review settings (others kept); the build keeps that many tabs', () => {
    const h = setup();
    const props = () => h.g.PropertiesService.getDocumentProperties();
    props().setProperty('nst.review', JSON.stringify({ maxRowsPerSection: 500, keepWeeks: 52 }));
    const view = h.call<SettingsView>('getSettings');
    expect(view.form.reviewRetention).toBe(8);
    const r = h.call<SaveSettingsResult>('saveSettings', { ...view.form, reviewRetention: 3 });
    expect(r).toMatchObject({ saved: true, problems: [] });
    expect(r.view?.form.reviewRetention).toBe(3);
    expect(JSON.parse(props().getProperty('nst.review') ?? '{}')).toEqual({
      retention: 3,
      maxRowsPerSection: 500,
      keepWeeks: 52,
    });
    expect(h.call<SettingsView>('getSettings').form.reviewRetention).toBe(3);
    // Five weekly builds: only the newest three review tabs stay.
    for (const day of ['2026-02-18', '2026-02-25', '2026-03-04', '2026-03-11', '2026-03-18']) {
      const built = h.call<BuildReviewResult>('buildReviewNow', { now: `${day}T10:00:00Z` });
      expect(built.ok).toBe(true);
    }
    const tabs = h.g.SpreadsheetApp.getActiveSpreadsheet()
      .getSheets()
      .map((s) => s.getName())
      .filter((n) => n.startsWith('Pipeline review'));
    expect(tabs.sort()).toEqual([
      'Pipeline review 2026-W10',
      'Pipeline review 2026-W11',
      'Pipeline review 2026-W12',
    ]);
  });

  test('review tabs to keep: a bad value is refused inline and nothing is saved', () => {
    const h = setup();
    const props = () => h.g.PropertiesService.getDocumentProperties();
    const view = h.call<SettingsView>('getSettings');
    for (const bad of [0, 53, 2.5]) {
      const r = h.call<SaveSettingsResult>('saveSettings', {
        ...view.form,
        weekStart: 'sunday',
        reviewRetention: bad,
      });
      expect(r).toMatchObject({ saved: false, view: null });
      expect(r.problems).toEqual([
        {
          field: 'reviewRetention',
          message: `Review tabs to keep must be a whole number from 1 to 52, got ${bad}.`,
        },
      ]);
    }
    expect(props().getProperty('nst.review')).toBeNull();
    expect(props().getProperty('nst.config')).toBeNull();
    // A form without the field (a sidebar from before it) keeps the stored value.
    const { reviewRetention: _omit, ...older } = view.form;
    void _omit;
    expect(h.call<SaveSettingsResult>('saveSettings', older).saved).toBe(true);
    expect(props().getProperty('nst.review')).toBeNull();
  });

  test('a malformed form is refused with a sentence', () => {
    const h = setup();
    expect(errorOf(() => h.call('saveSettings', null))).toMatch(/Nothing to save/);
  });
});
