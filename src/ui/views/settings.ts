/**
 * Settings without JSON: column mapping (dropdowns of the sheet's headers), per-stage freshness days,
 * filler phrases (add and remove), rule switches, locale and week start, and how many weekly review tabs
 * to keep. Validated in the client and
 * again by the server with the engine's parseConfig; messages appear next to their input
 * (aria-describedby + aria-invalid) and in the status line.
 */
import type { SettingsForm, SettingsProblem, SettingsView } from '../../core/rpc-contract';
import type { App } from '../app';
import { h, replace, setText } from '../dom';
import {
  addPhrase,
  MAX_RETENTION,
  MIN_RETENTION,
  parseDays,
  parseRetention,
  removePhrase,
  validateForm,
} from '../settings-form';

export interface SettingsViewHandle {
  show(): void;
}

/** A DOM-safe id fragment for a field name (stage names can hold anything). */
function fieldId(field: string): string {
  let hash = 0;
  for (let i = 0; i < field.length; i++) hash = (hash * 31 + field.charCodeAt(i)) | 0;
  return `f-${field.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 30)}-${(hash >>> 0).toString(36)}`;
}

export function createSettingsView(app: App, panel: HTMLElement): SettingsViewHandle {
  const body = h('div', { id: 'settings-body' }, h('p', { class: 'hint' }, 'Loading settings…'));
  const formMessage = h('p', {
    class: 'result',
    id: 'settings-result',
    'data-testid': 'settings-result',
    'aria-live': 'polite',
  });
  replace(panel, body, formMessage);

  let view: SettingsView | null = null;
  let phrases: string[] = [];
  /** field → message element / input, for inline messages. */
  const messageEls = new Map<string, HTMLElement>();
  const inputEls = new Map<string, HTMLElement>();

  function fieldMessage(field: string): HTMLElement {
    const el = h('p', { class: 'field-error', id: `${fieldId(field)}-msg`, hidden: true });
    messageEls.set(field, el);
    return el;
  }

  function bind(field: string, input: HTMLElement): HTMLElement {
    inputEls.set(field, input);
    input.setAttribute('aria-describedby', `${fieldId(field)}-msg`);
    return input;
  }

  function showProblems(problems: SettingsProblem[]): void {
    for (const el of messageEls.values()) {
      el.hidden = true;
      setText(el, '');
    }
    for (const input of inputEls.values()) input.removeAttribute('aria-invalid');
    const general: string[] = [];
    for (const p of problems) {
      const el = messageEls.get(p.field);
      if (el) {
        setText(el, el.textContent ? `${el.textContent} ${p.message}` : p.message);
        el.hidden = false;
        inputEls.get(p.field)?.setAttribute('aria-invalid', 'true');
      } else general.push(p.message);
    }
    if (general.length) setText(formMessage, general.join(' '));
    const first = problems.map((p) => inputEls.get(p.field)).find(Boolean);
    first?.focus();
  }

  let columnSelects: Array<[string, HTMLSelectElement]> = [];
  let defaultDays: HTMLInputElement;
  let stageInputs: Array<[string, HTMLInputElement]> = [];
  let ruleBoxes: Array<[string, HTMLInputElement]> = [];
  let localeSelect: HTMLSelectElement;
  let weekSelect: HTMLSelectElement;
  let retentionInput: HTMLInputElement;
  let phraseList: HTMLElement;
  let phraseInput: HTMLInputElement;

  function renderPhrases(): void {
    replace(
      phraseList,
      ...phrases.map((p) => {
        const remove = h(
          'button',
          { type: 'button', class: 'chip remove', 'aria-label': `Remove “${p}”` },
          '×',
        );
        remove.addEventListener('click', () => {
          phrases = removePhrase(phrases, p);
          renderPhrases();
          app.status(`Removed “${p}”. Save to keep the change.`);
          phraseInput.focus();
        });
        return h('li', { 'data-testid': 'filler-phrase' }, h('span', {}, p), remove);
      }),
    );
  }

  function render(v: SettingsView): void {
    view = v;
    messageEls.clear();
    inputEls.clear();
    phrases = [...v.form.fillerPhrases];
    const f = v.form;

    columnSelects = v.roles.map((r) => {
      const select = h(
        'select',
        { id: `col-${r.role}`, 'data-testid': `column-${r.role}` },
        h(
          'option',
          { value: '' },
          v.detected[r.role] ? `Automatic: ${v.detected[r.role]}` : 'Automatic: not found',
        ),
        ...v.headers
          .filter(Boolean)
          .map((hd) => h('option', { value: hd, selected: f.columns[r.role] === hd }, hd)),
      );
      select.value = f.columns[r.role] ?? '';
      return [r.role, select] as [string, HTMLSelectElement];
    });
    const columnsFs = h(
      'fieldset',
      {},
      h('legend', {}, 'Columns'),
      ...v.roles.flatMap((r, i) => [
        h('label', { for: `col-${r.role}` }, r.label + (r.required ? ' (required)' : '')),
        bind(`columns.${r.role}`, columnSelects[i][1]),
        fieldMessage(`columns.${r.role}`),
      ]),
    );

    defaultDays = h('input', {
      id: 'fresh-default',
      type: 'number',
      min: 1,
      max: 365,
      step: 1,
      inputmode: 'numeric',
      value: String(f.freshnessDefault),
      'data-testid': 'freshness-default',
    });
    const byStage = new Map(f.freshnessByStage.map((s) => [s.stage, s.days]));
    stageInputs = v.stages.map((stage, i) => {
      const input = h('input', {
        id: `fresh-stage-${i}`,
        type: 'number',
        min: 1,
        max: 365,
        step: 1,
        inputmode: 'numeric',
        placeholder: String(f.freshnessDefault),
        value: byStage.get(stage) == null ? '' : String(byStage.get(stage)),
        'data-testid': 'freshness-stage',
        'data-stage': stage,
      });
      return [stage, input] as [string, HTMLInputElement];
    });
    const freshFs = h(
      'fieldset',
      {},
      h('legend', {}, 'Freshness (days a next step stays fresh)'),
      h('label', { for: 'fresh-default' }, 'Default'),
      bind('freshnessDefault', defaultDays),
      fieldMessage('freshnessDefault'),
      v.stages.length ? h('p', { class: 'help' }, 'Per stage (empty = default):') : null,
      ...stageInputs.flatMap(([stage, input]) => [
        h(
          'div',
          { class: 'inline-field' },
          h('label', { for: input.id }, stage),
          bind(`freshness.${stage}`, input),
        ),
        fieldMessage(`freshness.${stage}`),
      ]),
    );

    phraseList = h('ul', { class: 'phrases', 'aria-label': 'Filler phrases' });
    phraseInput = h('input', {
      id: 'phrase-new',
      type: 'text',
      autocomplete: 'off',
      placeholder: 'e.g. touch base',
      'data-testid': 'filler-new',
    });
    const addButton = h('button', { type: 'button', 'data-testid': 'filler-add' }, 'Add');
    const addPhraseNow = (): void => {
      const r = addPhrase(phrases, phraseInput.value);
      showProblems(r.problem ? [{ field: 'fillerPhrases', message: r.problem }] : []);
      if (r.problem) return;
      phrases = r.list;
      phraseInput.value = '';
      renderPhrases();
      app.status(`Added “${phrases[phrases.length - 1]}”. Save to keep the change.`);
    };
    addButton.addEventListener('click', addPhraseNow);
    phraseInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        addPhraseNow();
      }
    });
    const phrasesFs = h(
      'fieldset',
      {},
      h('legend', {}, 'Filler phrases'),
      h('p', { class: 'help' }, 'Phrases that are not an action on their own.'),
      phraseList,
      h('label', { for: 'phrase-new' }, 'Add a phrase'),
      h('div', { class: 'inline-field' }, bind('fillerPhrases', phraseInput), addButton),
      fieldMessage('fillerPhrases'),
    );

    ruleBoxes = f.rules.map((r) => [
      r.id,
      h('input', { type: 'checkbox', id: `rule-${r.id}`, checked: r.enabled, 'data-testid': `rule-${r.id}` }),
    ]);
    const rulesFs = h(
      'fieldset',
      {},
      h('legend', {}, 'Checks'),
      ...f.rules.map((r, i) =>
        h('div', { class: 'check-row' }, ruleBoxes[i][1], h('label', { for: `rule-${r.id}` }, r.label)),
      ),
    );

    localeSelect = h(
      'select',
      { id: 'locale', 'data-testid': 'locale' },
      h('option', { value: '' }, `Spreadsheet’s own (${v.spreadsheetLocale})`),
      ...v.locales.map((l) => h('option', { value: l }, l)),
    );
    localeSelect.value = f.locale;
    weekSelect = h(
      'select',
      { id: 'week-start', 'data-testid': 'week-start' },
      h('option', { value: 'monday' }, 'Monday'),
      h('option', { value: 'sunday' }, 'Sunday'),
    );
    weekSelect.value = f.weekStart;
    const localeFs = h(
      'fieldset',
      {},
      h('legend', {}, 'Dates'),
      h('label', { for: 'locale' }, 'Locale (how 10/03 reads)'),
      bind('locale', localeSelect),
      fieldMessage('locale'),
      h('label', { for: 'week-start' }, 'Week starts on'),
      bind('weekStart', weekSelect),
      fieldMessage('weekStart'),
    );

    retentionInput = h('input', {
      id: 'review-retention',
      type: 'number',
      min: MIN_RETENTION,
      max: MAX_RETENTION,
      step: 1,
      inputmode: 'numeric',
      value: String(f.reviewRetention),
      'data-testid': 'review-retention',
    });
    const reviewFs = h(
      'fieldset',
      {},
      h('legend', {}, 'Weekly review'),
      h('label', { for: 'review-retention' }, 'Review tabs to keep'),
      bind('reviewRetention', retentionInput),
      fieldMessage('reviewRetention'),
      h(
        'p',
        { class: 'help' },
        `This week’s tab included, ${MIN_RETENTION} to ${MAX_RETENTION}. Older review tabs the add-on built are deleted; renamed tabs are kept.`,
      ),
    );

    const save = h(
      'button',
      { type: 'submit', class: 'primary', 'data-testid': 'settings-save' },
      'Save settings',
    );
    const form = h(
      'form',
      { id: 'settings-form', novalidate: true, 'aria-label': 'Settings' },
      v.problems.length
        ? h(
            'ul',
            { class: 'problems', 'aria-label': 'Problems with the saved settings' },
            ...v.problems.map((p) => h('li', {}, p)),
          )
        : null,
      columnsFs,
      freshFs,
      phrasesFs,
      rulesFs,
      localeFs,
      reviewFs,
      save,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submit(save);
    });
    replace(body, form);
    renderPhrases();
  }

  function collect(): { form: SettingsForm; problems: SettingsProblem[] } {
    const problems: SettingsProblem[] = [];
    const d = parseDays(defaultDays.value, 'Default freshness', false);
    if (d.problem) problems.push({ field: 'freshnessDefault', message: d.problem });
    const freshnessByStage = stageInputs.map(([stage, input]) => {
      const p = parseDays(input.value, `freshness.${stage}`, true);
      if (p.problem) problems.push({ field: `freshness.${stage}`, message: p.problem });
      return { stage, days: p.days };
    });
    const retention = parseRetention(retentionInput.value, view?.form.reviewRetention);
    if (retention.problem) problems.push({ field: 'reviewRetention', message: retention.problem });
    const form: SettingsForm = {
      columns: Object.fromEntries(columnSelects.map(([role, s]) => [role, s.value])),
      freshnessDefault: d.days ?? NaN,
      freshnessByStage,
      fillerPhrases: [...phrases],
      rules: (view?.form.rules ?? []).map((r) => ({
        ...r,
        enabled: ruleBoxes.find(([id]) => id === r.id)?.[1].checked ?? r.enabled,
      })),
      locale: localeSelect.value,
      weekStart: weekSelect.value === 'sunday' ? 'sunday' : 'monday',
      reviewRetention: retention.tabs ?? NaN,
    };
    if (!d.problem)
      problems.push(
        ...validateForm(form, view?.form.reviewRetention).filter(
          (p) => !problems.some((q) => q.field === p.field),
        ),
      );
    return { form, problems };
  }

  function submit(save: HTMLButtonElement): void {
    const { form, problems } = collect();
    setText(formMessage, '');
    if (problems.length) {
      showProblems(problems);
      app.status(
        `Not saved: ${problems.length === 1 ? problems[0].message : `${problems.length} problems to fix.`}`,
      );
      return;
    }
    showProblems([]);
    save.disabled = true;
    setText(save, 'Saving…');
    app.rpc
      .call('saveSettings', form)
      .then((result) => {
        app.clearError('settings');
        if (!result.saved) {
          showProblems(result.problems);
          app.status(`Not saved: ${result.problems.map((p) => p.message).join(' ')}`);
          return;
        }
        app.settingsToken = '';
        if (result.view) render(result.view);
        const msg = `Settings saved.${result.highlightsReapplied ? ' Highlights updated.' : ''}`;
        setText(formMessage, msg);
        app.status(msg);
      })
      .catch((error) => {
        app.showError('settings', error);
        setText(formMessage, 'Not saved.');
      })
      .finally(() => {
        save.disabled = false;
        setText(save, 'Save settings');
      });
  }

  let loaded = false;
  function load(): void {
    app.rpc
      .call('getSettings')
      .then((v) => {
        app.clearError('settings-load');
        render(v);
      })
      .catch((error) => {
        replace(body, h('p', { class: 'hint' }, 'Could not load the settings.'));
        loaded = false;
        app.showError('settings-load', error, () => {
          loaded = true;
          load();
        });
      });
  }
  return {
    show(): void {
      if (loaded) return;
      loaded = true;
      load();
    },
  };
}
