/**
 * The manager view: the sheet's health at a glance (counts by verdict and timing, ok share), Build
 * review now (with a working state and elapsed time: a 50,000-deal build takes a while), and the weekly
 * schedule on/off with the last run's status and its failures.
 */
import type { BuildReviewResult, SheetHealth, WeeklyReviewStatus } from '../../core/rpc-contract';
import type { Timing, Verdict } from '../../core/types';
import { HIGHLIGHT_LEGEND, HIGHLIGHT_PRIORITY } from '../../core/highlights/legend';
import type { App } from '../app';
import { h, replace, setText } from '../dom';
import { percent, TIMING_LABELS, VERDICT_LABELS, VERDICT_SYMBOLS } from '../format';

export interface ManagerView {
  /** Load (first time) or refresh the view's data. */
  show(): void;
}

const VERDICT_ORDER: Verdict[] = ['ok', 'weak', 'bad', 'missing'];
const TIMING_ORDER: Timing[] = ['overdue', 'due-today', 'stale', 'upcoming', 'undated'];

function countTable(caption: string, rows: Array<[string, number, string]>): HTMLElement {
  return h(
    'table',
    { class: 'counts' },
    h('caption', {}, caption),
    h(
      'tbody',
      {},
      ...rows.map(([label, n, cls]) =>
        h('tr', { class: cls }, h('th', { scope: 'row' }, label), h('td', {}, String(n))),
      ),
    ),
  );
}

export function renderHealth(target: HTMLElement, health: SheetHealth): void {
  const share = percent(health.okShare);
  replace(
    target,
    h('p', { class: 'row-label' }, `Sheet “${health.sheetName}”`),
    h(
      'div',
      { class: 'stat-row' },
      h(
        'p',
        { class: 'stat' },
        h('span', { class: 'stat-value', 'data-testid': 'open-deals' }, String(health.openDeals)),
        h('span', { class: 'stat-label' }, 'open deals'),
      ),
      h(
        'p',
        { class: 'stat' },
        h('span', { class: 'stat-value', 'data-testid': 'ok-share' }, share),
        h('span', { class: 'stat-label' }, 'next steps OK'),
      ),
      h(
        'p',
        { class: 'stat' },
        h(
          'span',
          { class: 'stat-value', 'data-testid': 'needing-attention' },
          String(health.needingAttention),
        ),
        h('span', { class: 'stat-label' }, 'need attention'),
      ),
    ),
    h(
      'div',
      {
        class: 'meter',
        role: 'meter',
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': Math.round(health.okShare * 100),
        'aria-label': 'Share of open deals with an OK next step',
      },
      h('span', {
        class: 'meter-fill',
        style: `width:${Math.round(Math.max(0, Math.min(1, health.okShare)) * 100)}%`,
      }),
    ),
    h(
      'div',
      { class: 'tables' },
      countTable(
        'Verdicts',
        VERDICT_ORDER.map((v) => [
          `${VERDICT_SYMBOLS[v]} ${VERDICT_LABELS[v]}`,
          health.verdicts[v] ?? 0,
          `verdict-${v}`,
        ]),
      ),
      countTable(
        'Timing',
        TIMING_ORDER.map((t) => [TIMING_LABELS[t], health.timings[t] ?? 0, `timing-${t}`]),
      ),
    ),
    health.highlightsOn === null
      ? null
      : h('p', { class: 'hint' }, `Highlights are ${health.highlightsOn ? 'on' : 'off'} in this sheet.`),
    health.problems.length
      ? h(
          'ul',
          { class: 'problems', 'aria-label': 'Setup notes' },
          ...health.problems.map((p) => h('li', {}, p)),
        )
      : null,
  );
}

function when(at: string): string {
  return typeof at === 'string' && at ? at.slice(0, 16).replace('T', ' ') + ' UTC' : 'an unknown time';
}

export function describeRun(status: WeeklyReviewStatus): string {
  const run = status.lastRun;
  if (!run) return 'No run yet.';
  return `Last run ${when(run.at)} (${run.source}): ${run.ok ? 'succeeded' : 'failed'}${run.message ? ` — ${run.message}` : ''}`;
}

function reviewMessage(result: BuildReviewResult | null): string {
  if (!result) return 'Review built.';
  if (result.message) return result.message;
  if (result.sheetName) return `Built “${result.sheetName}”.`;
  return 'Review built.';
}

export function createManagerView(app: App, panel: HTMLElement): ManagerView {
  const highlightsNotice = h('div', { 'data-testid': 'highlights-notice', role: 'status' });
  const healthBody = h(
    'div',
    { id: 'health-body' },
    h('p', { class: 'hint' }, 'Open this tab to load the sheet’s health.'),
  );
  const healthRefresh = h(
    'button',
    { type: 'button', class: 'link', 'data-testid': 'health-refresh' },
    'Refresh',
  );

  const build = h(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'build-review' },
    'Build review now',
  );
  const progress = h(
    'div',
    { class: 'progress', id: 'build-progress', hidden: true, 'data-testid': 'build-progress' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    h('span', { class: 'progress-text' }, 'Working…'),
  );
  const buildResult = h('p', { class: 'result', 'data-testid': 'build-result', 'aria-live': 'polite' });

  const weeklyToggle = h('input', {
    type: 'checkbox',
    id: 'weekly-toggle',
    role: 'switch',
    'data-testid': 'weekly-toggle',
  });
  const weeklyStatus = h('p', { class: 'hint', 'data-testid': 'weekly-status' }, 'Loading the schedule…');
  const failures = h('ul', {
    class: 'problems',
    'aria-label': 'Recent failures',
    'data-testid': 'weekly-failures',
  });

  replace(
    panel,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'health-heading' },
      h('div', { class: 'card-head' }, h('h2', { id: 'health-heading' }, 'Pipeline health'), healthRefresh),
      healthBody,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'review-heading' },
      h('h2', { id: 'review-heading' }, 'Weekly pipeline review'),
      h(
        'p',
        { class: 'help' },
        'Builds this week’s review tab: the meeting agenda, with what changed since last week.',
      ),
      build,
      progress,
      buildResult,
      h(
        'div',
        { class: 'switch-row' },
        weeklyToggle,
        h('label', { for: 'weekly-toggle' }, 'Build every Monday, 8:00–9:00'),
      ),
      weeklyStatus,
      failures,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'legend-heading' },
      h('h2', { id: 'legend-heading' }, 'Highlight colours'),
      h(
        'ul',
        { class: 'legend' },
        ...HIGHLIGHT_LEGEND.map((e) =>
          h(
            'li',
            {},
            h('span', { class: 'swatch', style: `background:${e.color}`, 'aria-hidden': 'true' }),
            h('strong', {}, `${e.label} (${e.colorName.toLowerCase()}): `),
            e.meaning,
          ),
        ),
      ),
      h('p', { class: 'hint', 'data-testid': 'legend-priority' }, HIGHLIGHT_PRIORITY),
      highlightsNotice,
    ),
  );

  /** Highlights on but their hidden helper column deleted or pasted over: say so, offer to restore. */
  function checkHighlights(): void {
    app.rpc
      .call('getHighlightsHealth')
      .then((state) => showHighlightsState(state.on && state.helperBroken))
      .catch(() => showHighlightsState(false));
  }

  function showHighlightsState(broken: boolean): void {
    if (!broken) {
      replace(highlightsNotice);
      return;
    }
    const restore = h(
      'button',
      { type: 'button', 'data-testid': 'restore-highlights' },
      'Restore highlights',
    );
    restore.addEventListener('click', () => {
      restore.disabled = true;
      app.rpc
        .call('restoreHighlights')
        .then((state) => {
          showHighlightsState(state.on && state.helperBroken);
          app.status('Highlights restored.');
        })
        .catch((error) => {
          restore.disabled = false;
          app.showError('highlights', error, checkHighlights);
        });
    });
    replace(
      highlightsNotice,
      h(
        'p',
        { class: 'warning' },
        'The highlights’ hidden helper column was deleted or overwritten, so no cell is coloured. ',
      ),
      restore,
    );
  }

  let loaded = false;
  let openDeals = 0;
  function loadHealth(): void {
    setText(healthRefresh, 'Refreshing…');
    healthRefresh.disabled = true;
    app.rpc
      .call('getSheetHealth', app.pipelineSheet || undefined)
      .then((health) => {
        app.clearError('health');
        if (health.sheetName) app.pipelineSheet = health.sheetName;
        openDeals = health.openDeals;
        renderHealth(healthBody, health);
        if (health.highlightsOn) checkHighlights();
        else showHighlightsState(false);
      })
      .catch((error) => {
        replace(healthBody, h('p', { class: 'hint' }, 'Could not read the sheet’s health.'));
        app.showError('health', error, loadHealth);
      })
      .finally(() => {
        setText(healthRefresh, 'Refresh');
        healthRefresh.disabled = false;
      });
  }

  function renderWeekly(status: WeeklyReviewStatus): void {
    const on = status.on === true || status.scheduled === true;
    weeklyToggle.checked = on;
    setText(
      weeklyStatus,
      [
        on ? `On: ${status.schedule || 'every Monday between 8:00 and 9:00'}.` : 'Off.',
        describeRun(status),
        status.message,
      ]
        .filter(Boolean)
        .join(' '),
    );
    replace(
      failures,
      ...(status.failures ?? [])
        .slice(0, 5)
        .map((f) => h('li', {}, `Failed ${when(f.at)}: ${f.message || 'no message'}`)),
    );
  }

  function loadWeekly(): void {
    app.rpc
      .call('getWeeklyReviewStatus')
      .then((status) => {
        app.clearError('weekly');
        renderWeekly(status);
      })
      .catch((error) => {
        setText(weeklyStatus, 'Could not read the weekly schedule.');
        app.showError('weekly', error, loadWeekly);
      });
  }

  weeklyToggle.addEventListener('change', () => {
    const wantOn = weeklyToggle.checked;
    weeklyToggle.disabled = true;
    setText(weeklyStatus, wantOn ? 'Turning the weekly review on…' : 'Turning the weekly review off…');
    app.rpc
      .call(wantOn ? 'turnWeeklyReviewOn' : 'turnWeeklyReviewOff')
      .then((status) => {
        app.clearError('weekly');
        renderWeekly(status);
        const on = status.on === true || status.scheduled === true;
        app.status(
          on === wantOn
            ? `Weekly review turned ${on ? 'on' : 'off'}.`
            : `The weekly review is still ${on ? 'on' : 'off'}. ${status.message}`.trim(),
        );
      })
      .catch((error) => {
        weeklyToggle.checked = !wantOn;
        setText(weeklyStatus, 'The schedule was not changed.');
        app.showError('weekly', error);
      })
      .finally(() => {
        weeklyToggle.disabled = false;
      });
  });

  let building = false;
  build.addEventListener('click', () => {
    if (building) return;
    building = true;
    build.disabled = true;
    build.setAttribute('aria-busy', 'true');
    progress.hidden = false;
    setText(buildResult, '');
    const started = Date.now();
    const text = progress.querySelector('.progress-text') as HTMLElement;
    const size = openDeals > 0 ? ` ${openDeals} open deals` : ' the pipeline';
    setText(text, `Working… reading${size}`);
    const tick = window.setInterval(() => {
      const s = Math.round((Date.now() - started) / 1000);
      setText(text, `Working… ${s} s on${size}${s > 20 ? ' (large sheets take a minute or two)' : ''}`);
    }, 1000);
    app.status('Building the review…');
    app.clearError('build');
    app.rpc
      .call('buildReviewNow')
      .then((result) => {
        const msg = reviewMessage(result);
        setText(buildResult, msg);
        app.status(msg);
        loadWeekly();
        loadHealth();
      })
      .catch((error) => {
        setText(buildResult, 'The review was not built.');
        app.showError('build', error, () => build.click());
      })
      .finally(() => {
        window.clearInterval(tick);
        building = false;
        build.disabled = false;
        build.removeAttribute('aria-busy');
        progress.hidden = true;
      });
  });
  healthRefresh.addEventListener('click', loadHealth);

  return {
    show(): void {
      if (loaded) return;
      loaded = true;
      loadHealth();
      loadWeekly();
    },
  };
}
