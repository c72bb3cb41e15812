/**
 * The rep view: follows the selected row (polling getSelectionContext), shows its deal, next step,
 * verdict and timing badges and each finding (reason, the span marked in the text, a suggested fix);
 * a compose form that checks the composed step live with the same engine and writes it with the stamp
 * in one call; and "my deals needing attention", each a button that jumps to its row.
 */
import type {
  DealItem,
  MyDeals,
  RowView,
  SelectionContext,
  WriteNextStepResult,
} from '../../core/rpc-contract';
import type { App } from '../app';
import { byId, h, markedText, replace, setText } from '../dom';
import { SEVERITY_LABELS, timingText, verdictText } from '../format';
import { Poller } from '../poll';
import { composeGaps, composeText } from '../compose';
import { quickPicks, type WeekStart, formatDay } from '../dates';
import { checkText, type ClientCheck } from '../check';
import type { StepOutcomeKind } from '../../core/rpc-contract';
import { configFor } from '../check';
import { addDays } from '../../core/dates/calendar';
import { localiseDays } from '../../core/review/words';
import {
  draftPlace,
  lengthProblem,
  MAX_STEP_CHARS,
  needsConfirmation,
  targetOf,
  withoutDates,
  type DraftTarget,
} from '../draft';

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

/**
 * What a write did to the due column, in a rep's words (days as the sheet's locale writes them):
 * filled an empty cell, moved or cleared the closed step's date, or kept a date the text disagrees with.
 */
export function dueSentence(
  result: Pick<WriteNextStepResult, 'dueWritten' | 'dueReplaced' | 'dueKept'>,
  today: string,
  locale: string,
): string {
  const day = (iso: string): string => formatDay(iso, today, locale);
  if (result.dueWritten) return ` Its date, ${day(result.dueWritten)}, went into the empty due column.`;
  if (result.dueReplaced) {
    const { from, to } = result.dueReplaced;
    return to
      ? ` The due date moved from ${day(from)} to ${day(to)}.`
      : ` The old due date, ${day(from)}, was cleared: the new step names no date.`;
  }
  if (result.dueKept) {
    return ` The due column still says ${day(result.dueKept.day)}, but the step says ${day(result.dueKept.textDue)}: change whichever is wrong.`;
  }
  return '';
}

function findingItem(text: string, f: RowView['findings'][number], locale: string): HTMLElement {
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
      // The engine's messages carry ISO days ("Last written 2026-02-22"); show them as the sheet does.
      localiseDays(f.message, locale),
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
  // onEdit kept updated cells the user wrote (issue 16): said here, above whatever the card shows.
  const notice = sel.stampNotice
    ? h('p', { class: 'hint stamp-notice', role: 'status', 'data-testid': 'stamp-notice' }, sel.stampNotice)
    : null;
  if (sel.kind !== 'row' || !sel.row) {
    replace(
      target,
      notice,
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
    notice,
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
      for (const f of r.findings) list.appendChild(findingItem(r.nextStep, f, locale));
      children.push(list);
    }
  }
  replace(target, ...children);
}

export function createRepView(app: App, panel: HTMLElement): RepView {
  let selection: SelectionContext | null = null;
  let dealsLoaded = false;

  // Done / Didn't happen / Moved, and the snooze ("known stall"), under the selected row's card.
  const actions = h('div', { class: 'row-actions', id: 'row-actions', 'data-testid': 'row-actions' });
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
  const target = h('p', { class: 'hint', id: 'compose-target', 'data-testid': 'compose-target' });
  // The draft's deal, when the selection moved to another one (draft.ts): go back, move it, or discard.
  const draftNote = h('div', {
    class: 'draft-note',
    'data-testid': 'draft-note',
    role: 'status',
    hidden: true,
  });
  // "This step reads as Bad: write it anyway?"
  const confirmBox = h('div', {
    class: 'confirm',
    'data-testid': 'compose-confirm',
    role: 'alertdialog',
    hidden: true,
  });
  const startFromCurrent = h(
    'button',
    { type: 'button', class: 'link', 'data-testid': 'compose-from-current', hidden: true },
    'Start from the current text',
  );
  const form = h(
    'form',
    { id: 'compose-form', class: 'compose', novalidate: true, 'aria-labelledby': 'compose-heading' },
    draftNote,
    startFromCurrent,
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
    confirmBox,
    write,
  );

  // ---- my deals
  const ownerSelect = h('select', { id: 'deals-owner', 'data-testid': 'deals-owner' });
  const dealsMessage = h('p', { class: 'hint', id: 'deals-message' });
  const dealsList = h('ul', { class: 'deals', id: 'deals-list', 'aria-label': 'Deals needing attention' });
  const dealsRefresh = h('button', { type: 'button', class: 'link' }, 'Refresh');

  // Hidden while there is no pipeline table: there is no row to write to (issue 16).
  const composeCard = h(
    'section',
    { class: 'card', 'data-testid': 'compose-card' },
    h('h2', { id: 'compose-heading' }, 'Compose a better next step'),
    form,
  );
  replace(
    panel,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'row-heading' },
      h('h2', { id: 'row-heading' }, 'Selected row'),
      rowBody,
      actions,
    ),
    composeCard,
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

  /** The deal the draft is for (draft.ts): set when the rep starts it, kept when the selection moves. */
  let draft: DraftTarget | null = null;
  let confirmedText = '';

  function hasDraftText(): boolean {
    return what.value.trim() !== '' || who.value.trim() !== '' || when.value !== '';
  }

  function writeTarget(): DraftTarget | null {
    return draft ?? targetOf(selection);
  }

  function canWrite(): boolean {
    const t = writeTarget();
    const text = composed();
    return (
      !!t &&
      text !== '' &&
      !writing &&
      !lengthProblem(text) &&
      draftPlace(draft, targetOf(selection)) !== 'elsewhere'
    );
  }

  function clearDraft(): void {
    what.value = '';
    who.value = '';
    when.value = '';
    for (const b of picks.querySelectorAll('button')) b.setAttribute('aria-pressed', 'false');
    draft = null;
    confirmedText = '';
    confirmBox.hidden = true;
  }

  function renderDraftNote(): void {
    const selected = targetOf(selection);
    if (draftPlace(draft, selected) !== 'elsewhere' || !draft) {
      draftNote.hidden = true;
      replace(draftNote);
      return;
    }
    const d = draft;
    const back = h(
      'button',
      { type: 'button', class: 'link', 'data-testid': 'draft-back' },
      `Back to ${d.deal}`,
    );
    back.addEventListener('click', () => {
      app.rpc
        .call('selectRow', d.row, d.sheet || undefined)
        .then(() => poller.pollNow())
        .catch((error) => app.showError('select', error));
    });
    const move = selected
      ? h(
          'button',
          { type: 'button', class: 'link', 'data-testid': 'draft-move' },
          `Use it for ${selected.deal}`,
        )
      : null;
    move?.addEventListener('click', () => {
      draft = selected;
      confirmedText = '';
      updatePreview();
      app.status(`The draft is now for ${selected?.deal}.`);
    });
    const discard = h(
      'button',
      { type: 'button', class: 'link', 'data-testid': 'draft-discard' },
      'Discard draft',
    );
    discard.addEventListener('click', () => {
      clearDraft();
      updatePreview();
      app.status('Draft discarded.');
    });
    replace(
      draftNote,
      h(
        'p',
        {},
        h('strong', {}, `This draft is for ${d.deal} (row ${d.row}).`),
        selected
          ? ` You selected ${selected.deal} (row ${selected.row}): nothing is written there.`
          : ' You selected another row.',
      ),
      h('p', { class: 'draft-actions' }, back, move, discard),
    );
    draftNote.hidden = false;
  }

  function updateTarget(): void {
    const t = writeTarget();
    const place = draftPlace(draft, targetOf(selection));
    setText(
      write,
      writing ? 'Writing…' : t && place !== 'elsewhere' ? `Write to ${t.deal} (row ${t.row})` : 'Write',
    );
    setText(
      target,
      t && place !== 'elsewhere'
        ? `Replaces the next step of ${t.deal}${selection?.hasUpdatedColumn ? ' and stamps it as updated today' : ''}.`
        : place === 'elsewhere'
          ? 'Go back to the draft’s deal, move the draft, or discard it.'
          : 'Select a deal’s row to write to it.',
    );
    const current = selection?.kind === 'row' ? selection.row : null;
    startFromCurrent.hidden = !current || current.status !== 'open' || current.nextStep.trim() === '';
    renderDraftNote();
    write.disabled = !canWrite();
  }

  /** Opens the form for the selected deal's next step (after an outcome, or from its current text). */
  function composeFor(start: 'blank' | 'current' | 'moved'): void {
    const sel = selection;
    const t = targetOf(sel);
    if (!sel || !t || !sel.row) return;
    clearDraft();
    draft = t;
    if (start !== 'blank') {
      what.value = withoutDates(sel.row.nextStep, sel.context);
      if (start === 'current' && sel.row.due && sel.row.due >= sel.context.today) when.value = sel.row.due;
    }
    updatePreview();
    form.scrollIntoView?.({ block: 'start' });
    (start === 'moved' ? when : what).focus();
  }
  startFromCurrent.addEventListener('click', () => composeFor('current'));

  // ---- outcomes and snooze
  const OUTCOME_LABELS: Record<StepOutcomeKind, string> = {
    done: 'Done',
    missed: 'Didn’t happen',
    moved: 'Moved',
  };
  const OUTCOME_SAID: Record<StepOutcomeKind, string> = {
    done: 'done',
    missed: 'didn’t happen',
    moved: 'moved',
  };
  let acting = false;
  let snoozeOpen = false;

  function renderActions(): void {
    const sel = selection;
    const r = sel?.kind === 'row' ? sel.row : null;
    if (!sel || !r || r.status !== 'open') {
      replace(actions);
      return;
    }
    const parts: Array<Node | null> = [];
    if (r.nextStep.trim() !== '') {
      const buttons = (Object.keys(OUTCOME_LABELS) as StepOutcomeKind[]).map((kind) => {
        const b = h(
          'button',
          {
            type: 'button',
            class: kind === 'done' ? 'primary' : '',
            'data-testid': `outcome-${kind}`,
            disabled: acting,
          },
          OUTCOME_LABELS[kind],
        );
        b.addEventListener('click', () => recordOutcome(kind));
        return b;
      });
      parts.push(
        h('p', { class: 'field-label', id: 'outcome-label' }, 'What happened to this step?'),
        h('p', { class: 'outcomes', role: 'group', 'aria-labelledby': 'outcome-label' }, ...buttons),
      );
    }
    if (r.snooze) {
      const end = h('button', { type: 'button', class: 'link', 'data-testid': 'snooze-end' }, 'End snooze');
      end.addEventListener('click', () => snooze('', ''));
      parts.push(
        h(
          'p',
          { class: 'snoozed', 'data-testid': 'snooze-state' },
          h(
            'strong',
            {},
            `Known stall until ${formatDay(r.snooze.until, sel.context.today, sel.context.locale)}: `,
          ),
          r.snooze.reason,
          ' ',
          end,
        ),
      );
    } else if (!snoozeOpen) {
      const open = h(
        'button',
        { type: 'button', class: 'link', 'data-testid': 'snooze-open', disabled: r.dealKey === '' },
        'Known stall? Snooze the stale flag…',
      );
      open.addEventListener('click', () => {
        snoozeOpen = true;
        renderActions();
        byId('snooze-reason').focus();
      });
      parts.push(h('p', {}, open));
    } else {
      const max = configFor(sel.context.configJson).maxSnoozeDays;
      const until = h('input', {
        id: 'snooze-until',
        'data-testid': 'snooze-until',
        type: 'date',
        min: sel.context.today,
        max: addDays(sel.context.today, max),
        value: addDays(sel.context.today, Math.min(7, max)),
      });
      const reason = h('input', {
        id: 'snooze-reason',
        'data-testid': 'snooze-reason',
        type: 'text',
        maxlength: 140,
        placeholder: 'Board freeze until the 24th',
      });
      const save = h('button', { type: 'button', class: 'primary', 'data-testid': 'snooze-save' }, 'Snooze');
      const cancel = h('button', { type: 'button', class: 'link' }, 'Cancel');
      save.addEventListener('click', () => snooze(until.value, reason.value));
      cancel.addEventListener('click', () => {
        snoozeOpen = false;
        renderActions();
      });
      parts.push(
        h(
          'div',
          { class: 'snooze-form', 'data-testid': 'snooze-form' },
          h('label', { for: 'snooze-reason' }, 'Why is it stalled?'),
          reason,
          h('label', { for: 'snooze-until' }, `Until (at most ${max} days)`),
          until,
          h(
            'p',
            { class: 'help' },
            'No stale flag for this deal until then; a missing or overdue step is still flagged, and the weekly review lists the snooze with its reason.',
          ),
          h('p', { class: 'draft-actions' }, save, cancel),
        ),
      );
    }
    replace(actions, ...parts);
  }

  function recordOutcome(kind: StepOutcomeKind): void {
    const sel = selection;
    const t = targetOf(sel);
    if (!sel || !t || acting) return;
    acting = true;
    renderActions();
    app.clearError('outcome');
    app.rpc
      .call('recordStepOutcome', {
        sheetName: t.sheet || undefined,
        row: t.row,
        dealKey: t.dealKey,
        expected: t.expected,
        outcome: kind,
        deal: t.deal,
      })
      .then((result) => {
        acting = false;
        renderActions();
        app.status(
          `Recorded: ${OUTCOME_SAID[kind]}. ${kind === 'moved' ? 'Pick the new date' : 'Now agree the next step'} for ${t.deal}.` +
            (result.problems.length ? ` ${result.problems.join(' ')}` : ''),
        );
        composeFor(kind === 'moved' ? 'moved' : 'blank');
      })
      .catch((error) => {
        acting = false;
        renderActions();
        app.showError('outcome', error);
        app.status('Nothing was recorded.');
        poller.pollNow();
      });
  }

  function snooze(until: string, reason: string): void {
    const sel = selection;
    const t = targetOf(sel);
    if (!sel || !t || acting) return;
    acting = true;
    app.clearError('snooze');
    app.rpc
      .call('snoozeDeal', {
        sheetName: t.sheet || undefined,
        row: t.row,
        dealKey: t.dealKey,
        until,
        reason,
        deal: t.deal,
      })
      .then((result) => {
        acting = false;
        snoozeOpen = false;
        app.settingsToken = ''; // the token carries the snoozes: read them again
        if (selection && selection.kind === 'row' && selection.row?.row === result.row.row) {
          selection = { ...selection, row: result.row };
          renderRow(rowBody, selection);
        }
        renderActions();
        app.status(result.snooze ? `Snoozed until ${result.snooze.until}.` : 'Snooze ended.');
        poller.invalidate();
        poller.pollNow();
      })
      .catch((error) => {
        acting = false;
        renderActions();
        app.showError('snooze', error);
      });
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
      const tooLong = lengthProblem(text);
      replace(
        previewCheck,
        tooLong ? h('p', { class: 'error-text', 'data-testid': 'compose-too-long' }, tooLong) : null,
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
              ...lastCheck.findings.map((f) =>
                h('li', {}, localiseDays(f.message, selection?.context.locale ?? '')),
              ),
            )
          : null,
        gaps.length ? h('p', { class: 'help' }, `Still to add: ${gaps.join(', ')}.`) : null,
      );
    }
    updateTarget();
  }
  for (const input of [what, who, when])
    input.addEventListener('input', () => {
      // The draft belongs to the deal it was started for; an emptied form follows the selection again.
      if (!hasDraftText()) draft = null;
      else if (!draft) draft = targetOf(selection);
      updatePreview();
    });
  what.setAttribute('maxlength', String(MAX_STEP_CHARS * 2));
  when.addEventListener('change', () => {
    for (const b of picks.querySelectorAll('button'))
      b.setAttribute('aria-pressed', (b as HTMLElement).dataset.date === when.value ? 'true' : 'false');
    updatePreview();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const sel = selection;
    const text = composed();
    const t = writeTarget();
    if (!sel || !t || !text || writing || !canWrite()) return;
    if (needsConfirmation(lastCheck?.verdict) && confirmedText !== text) {
      const reason = localiseDays(
        lastCheck?.findings[0]?.message ?? 'it is not a next step',
        sel.context.locale,
      );
      const yes = h(
        'button',
        { type: 'button', class: 'danger', 'data-testid': 'confirm-write' },
        'Write it anyway',
      );
      const no = h(
        'button',
        { type: 'button', class: 'link', 'data-testid': 'confirm-cancel' },
        'Keep editing',
      );
      yes.addEventListener('click', () => {
        confirmedText = text;
        confirmBox.hidden = true;
        form.requestSubmit();
      });
      no.addEventListener('click', () => {
        confirmBox.hidden = true;
        what.focus();
      });
      replace(
        confirmBox,
        h(
          'p',
          {},
          h('strong', {}, 'This step reads as Bad: '),
          `${reason.replace(/[.?!\s]+$/, '')}.`,
          ' Write it anyway?',
        ),
        h('p', { class: 'draft-actions' }, yes, no),
      );
      confirmBox.hidden = false;
      yes.focus();
      return;
    }
    confirmBox.hidden = true;
    writing = true;
    write.disabled = true;
    setText(write, 'Writing…');
    app.clearError('write');
    app.rpc
      .call('writeNextStep', {
        sheetName: t.sheet || undefined,
        row: t.row,
        text,
        expected: t.expected,
        dealKey: t.dealKey,
        deal: t.deal,
      })
      .then((result) => {
        writing = false;
        clearDraft();
        if (selection && selection.kind === 'row' && selection.row?.row === result.row.row) {
          selection = { ...selection, row: result.row };
          renderRow(rowBody, selection);
        }
        updatePreview();
        app.status(
          `Wrote the next step to row ${result.row.row}${result.stamped ? ' and stamped it' : ''}. Verdict: ${verdictText(result.row.verdict)}.` +
            dueSentence(result, selection?.context.today ?? '', selection?.context.locale ?? ''),
        );
        poller.invalidate();
        poller.pollNow();
        if (dealsLoaded) loadDeals(ownerSelect.value || undefined);
      })
      .catch((error) => {
        writing = false;
        // The rep has now seen what the row holds: the next Write compares with that, not the old text.
        const now = targetOf(selection);
        if (draft && now && now.dealKey === draft.dealKey && now.row === draft.row) draft = now;
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
      item.summary
        ? h('span', { class: 'deal-summary' }, localiseDays(item.summary, selection?.context.locale ?? ''))
        : null,
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
        // No table: the selected-row card already says why; one message, not two.
        if (selection?.kind === 'no-table') {
          setText(dealsMessage, 'No deals to show until the pipeline table is set up.');
          return;
        }
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
      if (!hasDraftText()) draft = null; // an empty form follows the selection
      if (sel.row?.row !== prevRow) snoozeOpen = false;
      if (sel.pipelineSheet && sel.kind !== 'no-table') app.pipelineSheet = sel.pipelineSheet;
      composeCard.hidden = sel.kind === 'no-table';
      renderRow(rowBody, sel);
      renderActions();
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
