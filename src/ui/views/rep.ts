/**
 * The rep view: follows the selected row (polling getSelectionContext), shows its deal, next step,
 * verdict and timing badges and each finding (reason, the span marked in the text, a suggested fix);
 * a compose form that checks the composed step live with the same engine and writes it with the stamp
 * in one call; and "my deals needing attention", each a button that jumps to its row.
 */
import type { DealItem, MyDeals, RowView, SelectionContext } from '../../core/rpc-contract';
import type { App } from '../app';
import { byId, h, markedText, replace, setText } from '../dom';
import { SEVERITY_LABELS, timingText, verdictText } from '../format';
import { Poller } from '../poll';
import { composeGaps, composeText } from '../compose';
import { quickPicks, type WeekStart } from '../dates';
import { checkText, type ClientCheck } from '../check';

export interface RepView {
  start(): void;
  stop(): void;
  /** The latest selection (for tests and other views). */
  current(): SelectionContext | null;
}

export function verdictBadge(verdict: RowView['verdict'], testId?: string): HTMLElement {
  return h(
    'span',
    {
      class: `badge verdict-${verdict ?? 'none'}`,
      'data-testid': testId ?? null,
      title: 'Verdict: quality of the text',
    },
    verdictText(verdict),
  );
}

export function timingBadge(
  timing: RowView['timing'],
  due: string | null,
  today: string,
  locale: string,
  testId?: string,
): HTMLElement {
  return h(
    'span',
    {
      class: `badge timing-${timing ?? 'none'}`,
      'data-testid': testId ?? null,
      title: 'Timing: where the step stands today',
    },
    timingText(timing, due, today, locale),
  );
}

function findingItem(text: string, f: RowView['findings'][number]): HTMLElement {
  const li = h('li', {
    class: `finding severity-${f.severity}`,
    'data-testid': 'finding',
    'data-rule': f.rule,
  });
  li.appendChild(
    h(
      'p',
      { class: 'finding-reason' },
      h('span', { class: 'severity' }, `${SEVERITY_LABELS[f.severity] ?? f.severity}: `),
      f.message,
    ),
  );
  if (f.length > 0 && text) {
    const quote = h('p', { class: 'finding-span', 'data-testid': 'finding-span' });
    replace(quote, ...markedText(text, f.start, f.length));
    li.appendChild(quote);
  }
  if (f.suggestion)
    li.appendChild(
      h('p', { class: 'finding-fix' }, h('span', { class: 'fix-label' }, 'Fix: '), f.suggestion),
    );
  return li;
}

/** The selected row's card. */
export function renderRow(target: HTMLElement, sel: SelectionContext): void {
  if (sel.kind !== 'row' || !sel.row) {
    replace(
      target,
      h(
        'p',
        { class: 'hint', 'data-testid': 'selection-hint' },
        sel.message || "Select a deal's row to see its next step.",
      ),
    );
    return;
  }
  const r = sel.row;
  const { today, locale } = sel.context;
  const meta = [
    r.account && r.account !== r.deal ? r.account : '',
    r.stage,
    r.owner ? `Owner: ${r.owner}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const children: Array<Node | null> = [
    h('p', { class: 'row-label' }, `Row ${r.row} · ${sel.pipelineSheet || sel.sheetName}`),
    h('h3', { class: 'deal', 'data-testid': 'deal' }, r.deal || r.account || `Row ${r.row}`),
    meta ? h('p', { class: 'meta' }, meta) : null,
    h('p', { class: 'field-label', id: 'current-step-label' }, 'Next step'),
    h(
      'blockquote',
      {
        class: r.nextStep ? 'next-step' : 'next-step empty',
        'data-testid': 'next-step',
        'aria-labelledby': 'current-step-label',
      },
      r.nextStep || '(empty)',
    ),
  ];
  if (r.status === 'closed') {
    children.push(h('p', { class: 'hint' }, 'Closed deal: its next step is not judged.'));
  } else if (r.status === 'blank') {
    children.push(h('p', { class: 'hint' }, 'This row is empty.'));
  } else {
    children.push(
      h(
        'p',
        { class: 'badges' },
        verdictBadge(r.verdict, 'verdict'),
        ' ',
        timingBadge(r.timing, r.due, today, locale, 'timing'),
      ),
    );
    if (r.findings.length === 0) {
      children.push(h('p', { class: 'all-good' }, 'This next step passes every check.'));
    } else {
      const list = h('ul', { class: 'findings', 'aria-label': 'What to fix' });
      for (const f of r.findings) list.appendChild(findingItem(r.nextStep, f));
      children.push(list);
    }
  }
  replace(target, ...children);
}

export function createRepView(app: App, panel: HTMLElement): RepView {
  let selection: SelectionContext | null = null;
  let dealsLoaded = false;

  const rowBody = h(
    'div',
    { id: 'row-body', 'aria-live': 'off' },
    h('p', { class: 'hint' }, 'Reading the selected row…'),
  );
  // ---- compose form
  const what = h('input', {
    id: 'compose-what',
    'data-testid': 'compose-what',
    type: 'text',
    autocomplete: 'off',
    placeholder: 'Send the revised MSA',
    'aria-describedby': 'compose-what-help',
  });
  const who = h('input', {
    id: 'compose-who',
    'data-testid': 'compose-who',
    type: 'text',
    autocomplete: 'off',
    placeholder: 'Jane (CFO)',
    'aria-describedby': 'compose-who-help',
  });
  const when = h('input', { id: 'compose-when', 'data-testid': 'compose-when', type: 'date' });
  const picks = h('div', { class: 'quick-picks', role: 'group', 'aria-label': 'Quick picks for when' });
  const preview = h('output', {
    id: 'compose-preview',
    'data-testid': 'compose-preview',
    for: 'compose-what compose-who compose-when',
    class: 'preview empty',
  });
  const previewCheck = h('div', { id: 'compose-check', class: 'preview-check', 'aria-live': 'polite' });
  const write = h(
    'button',
    { type: 'submit', class: 'primary', 'data-testid': 'compose-write', disabled: true },
    'Write',
  );
  const target = h('p', { class: 'hint', id: 'compose-target' });
  const form = h(
    'form',
    { id: 'compose-form', class: 'compose', novalidate: true, 'aria-labelledby': 'compose-heading' },
    h('label', { for: 'compose-what' }, 'What will happen'),
    what,
    h('p', { class: 'help', id: 'compose-what-help' }, 'A deliverable or a meeting, not "follow up".'),
    h('label', { for: 'compose-who' }, 'Who on the buyer side'),
    who,
    h('p', { class: 'help', id: 'compose-who-help' }, 'A person or role at the customer.'),
    h('label', { for: 'compose-when' }, 'When'),
    when,
    picks,
    h('p', { class: 'field-label', id: 'preview-label' }, 'Preview'),
    preview,
    previewCheck,
    target,
    write,
  );

  // ---- my deals
  const ownerSelect = h('select', { id: 'deals-owner', 'data-testid': 'deals-owner' });
  const dealsMessage = h('p', { class: 'hint', id: 'deals-message' });
  const dealsList = h('ul', { class: 'deals', id: 'deals-list', 'aria-label': 'Deals needing attention' });
  const dealsRefresh = h('button', { type: 'button', class: 'link' }, 'Refresh');

  replace(
    panel,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'row-heading' },
      h('h2', { id: 'row-heading' }, 'Selected row'),
      rowBody,
    ),
    h('section', { class: 'card' }, h('h2', { id: 'compose-heading' }, 'Compose a better next step'), form),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'deals-heading' },
      h(
        'div',
        { class: 'card-head' },
        h('h2', { id: 'deals-heading' }, 'My deals needing attention'),
        dealsRefresh,
      ),
      h('label', { for: 'deals-owner' }, 'Owner'),
      ownerSelect,
      dealsMessage,
      dealsList,
    ),
  );

  // ---- compose behaviour
  let lastCheck: ClientCheck | null = null;
  let writing = false;
  let pickedLabels = '';
  function renderPicks(): void {
    if (!selection) return;
    const { today, weekStart, locale } = selection.context;
    const key = `${today}|${weekStart}|${locale}`;
    if (key === pickedLabels) return;
    pickedLabels = key;
    replace(
      picks,
      ...quickPicks(today, weekStart as WeekStart, locale).map((p) =>
        h(
          'button',
          {
            type: 'button',
            class: 'chip',
            'data-date': p.date,
            'data-pick': p.id,
            'aria-pressed': p.date === when.value ? 'true' : 'false',
            'aria-label': p.description,
            title: p.description,
          },
          p.label,
        ),
      ),
    );
  }
  picks.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-date]');
    if (!button) return;
    when.value = button.dataset.date ?? '';
    for (const b of picks.querySelectorAll('button'))
      b.setAttribute('aria-pressed', b === button ? 'true' : 'false');
    updatePreview();
  });

  function composed(): string {
    if (!selection) return '';
    return composeText({
      what: what.value,
      who: who.value,
      when: when.value,
      today: selection.context.today,
      locale: selection.context.locale,
    });
  }

  function canWrite(): boolean {
    return !!selection && selection.kind === 'row' && !!selection.row && composed() !== '' && !writing;
  }

  function updateTarget(): void {
    const r = selection?.kind === 'row' ? selection.row : null;
    setText(write, writing ? 'Writing…' : r ? `Write to row ${r.row}` : 'Write');
    setText(
      target,
      r
        ? `Replaces the next step of ${r.deal || `row ${r.row}`}${selection?.hasUpdatedColumn ? ' and stamps it as updated today' : ''}.`
        : 'Select a deal’s row to write to it.',
    );
    write.disabled = !canWrite();
  }

  function updatePreview(): void {
    const text = composed();
    setText(preview, text || 'Fill in what, who and when.');
    preview.classList.toggle('empty', !text);
    if (!text || !selection) {
      replace(previewCheck);
      lastCheck = null;
    } else {
      try {
        lastCheck = checkText(text, selection.context);
      } catch {
        // The live check is a help, never a blocker: without it the preview and Write still work.
        lastCheck = null;
        replace(previewCheck);
        updateTarget();
        return;
      }
      const gaps = composeGaps({ what: what.value, who: who.value, when: when.value });
      replace(
        previewCheck,
        h(
          'p',
          { class: 'badges' },
          h('span', { class: 'sr-only' }, 'Check of the preview: '),
          verdictBadge(lastCheck.verdict, 'compose-verdict'),
        ),
        lastCheck.findings.length
          ? h(
              'ul',
              { class: 'preview-findings', 'data-testid': 'compose-findings' },
              ...lastCheck.findings.map((f) => h('li', {}, f.message)),
            )
          : null,
        gaps.length ? h('p', { class: 'help' }, `Still to add: ${gaps.join(', ')}.`) : null,
      );
    }
    updateTarget();
  }
  for (const input of [what, who, when]) input.addEventListener('input', updatePreview);
  when.addEventListener('change', () => {
    for (const b of picks.querySelectorAll('button'))
      b.setAttribute('aria-pressed', (b as HTMLElement).dataset.date === when.value ? 'true' : 'false');
    updatePreview();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const sel = selection;
    const text = composed();
    if (!sel || sel.kind !== 'row' || !sel.row || !text || writing) return;
    const row = sel.row;
    writing = true;
    write.disabled = true;
    setText(write, 'Writing…');
    app.clearError('write');
    app.rpc
      .call('writeNextStep', {
        sheetName: sel.pipelineSheet || undefined,
        row: row.row,
        text,
        expected: row.nextStep,
      })
      .then((result) => {
        writing = false;
        what.value = '';
        who.value = '';
        when.value = '';
        for (const b of picks.querySelectorAll('button')) b.setAttribute('aria-pressed', 'false');
        if (selection && selection.kind === 'row' && selection.row?.row === result.row.row) {
          selection = { ...selection, row: result.row };
          renderRow(rowBody, selection);
        }
        updatePreview();
        app.status(
          `Wrote the next step to row ${result.row.row}${result.stamped ? ' and stamped it' : ''}. Verdict: ${verdictText(result.row.verdict)}.`,
        );
        poller.invalidate();
        poller.pollNow();
        if (dealsLoaded) loadDeals(ownerSelect.value || undefined);
      })
      .catch((error) => {
        writing = false;
        updateTarget();
        app.showError('write', error);
        app.status('Nothing was written.');
        poller.pollNow();
      });
  });

  // ---- my deals behaviour
  function renderDeals(d: MyDeals): void {
    dealsSheet = d.sheetName;
    if (d.sheetName) app.pipelineSheet = d.sheetName;
    const current = d.owner;
    replace(
      ownerSelect,
      h('option', { value: '' }, d.owners.length ? 'Choose an owner…' : 'No owners found'),
      ...d.owners.map((o) =>
        h(
          'option',
          { value: o.name, selected: o.name === current },
          `${o.name} (${o.needingAttention}/${o.deals})`,
        ),
      ),
    );
    if (current && !d.owners.some((o) => o.name === current)) {
      ownerSelect.appendChild(h('option', { value: current, selected: true }, current));
    }
    ownerSelect.value = current;
    let message = d.message;
    if (!message && current) {
      message =
        d.total === 0
          ? `All ${d.openDeals} open deals of ${current} look good.`
          : `${d.total} of ${d.openDeals} open deals need attention${d.total > d.items.length ? ` (first ${d.items.length} shown)` : ''}.`;
    }
    setText(dealsMessage, message);
    replace(dealsList, ...d.items.map(dealItem));
  }

  let dealsSheet = '';
  function dealItem(item: DealItem): HTMLElement {
    const button = h(
      'button',
      { type: 'button', class: 'deal-item', 'data-row': item.row, 'data-testid': 'deal-item' },
      h('span', { class: 'deal-name' }, item.deal),
      h('span', { class: 'deal-row' }, ` · row ${item.row}`),
      h(
        'span',
        { class: 'badges' },
        verdictBadge(item.verdict),
        ' ',
        timingBadge(item.timing, null, selection?.context.today ?? '', selection?.context.locale ?? ''),
      ),
      item.summary ? h('span', { class: 'deal-summary' }, item.summary) : null,
    );
    button.addEventListener('click', () => {
      app.rpc
        .call('selectRow', item.row, dealsSheet || undefined)
        .then(() => {
          app.clearError('select');
          app.status(`Selected row ${item.row}: ${item.deal}.`);
          poller.pollNow();
          byId('row-heading').scrollIntoView?.({ block: 'start' });
        })
        .catch((error) => app.showError('select', error, () => button.click()));
    });
    return h('li', {}, button);
  }

  let dealsSeq = 0;
  function loadDeals(owner?: string): void {
    const seq = ++dealsSeq;
    dealsLoaded = true;
    setText(dealsMessage, 'Loading your deals…');
    app.rpc
      .call('getMyDeals', owner || undefined, app.pipelineSheet || undefined)
      .then((d) => {
        if (seq !== dealsSeq) return;
        app.clearError('deals');
        renderDeals(d);
      })
      .catch((error) => {
        if (seq !== dealsSeq) return;
        setText(dealsMessage, 'Could not load your deals.');
        app.showError('deals', error, () => loadDeals(owner));
      });
  }
  ownerSelect.addEventListener('change', () => loadDeals(ownerSelect.value || undefined));
  dealsRefresh.addEventListener('click', () => loadDeals(ownerSelect.value || undefined));

  // ---- following the selection
  const poller = new Poller<SelectionContext>({
    fetch: () => app.rpc.call('getSelectionContext', app.settingsToken || undefined),
    // The token changes every 30 s without anything the user sees changing: not a change.
    key: (s) => JSON.stringify({ ...s, settingsToken: '' }),
    isHidden: () => document.hidden,
    timers: {
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (hd) => window.clearTimeout(hd as number),
    },
    onResult: (sel, changed) => {
      app.clearError('poll');
      app.settingsToken = sel.settingsToken ?? '';
      if (!changed) return;
      const prevRow = selection?.row?.row;
      selection = sel;
      if (sel.pipelineSheet && sel.kind !== 'no-table') app.pipelineSheet = sel.pipelineSheet;
      renderRow(rowBody, sel);
      renderPicks();
      updatePreview();
      if (sel.row && sel.row.row !== prevRow)
        app.status(`Row ${sel.row.row}: ${verdictText(sel.row.verdict)}.`);
      if (!dealsLoaded) loadDeals();
    },
    onError: (error, failures) => {
      if (!selection) replace(rowBody, h('p', { class: 'hint' }, 'Could not read the selected row.'));
      app.showError('poll', error, () => poller.pollNow());
      if (failures === 1) app.status('Could not read the selected row.');
    },
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) poller.pollNow();
  });
  for (const type of ['keydown', 'pointerdown', 'focusin'])
    panel.addEventListener(type, () => poller.activity());
  updatePreview();

  return {
    start: () => poller.start(),
    stop: () => poller.stop(),
    current: () => selection,
  };
}
