/* The playground page: a spreadsheet-like view of the emulated document, driven by the server's
 * JSON API (docs/playground.md). Plain browser JavaScript, no build step: the server serves this file
 * as is. Every piece of sheet text is rendered with textContent, never as HTML. */
/* global document, window, EventSource, requestAnimationFrame */
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const grid = $('grid');
  const gridWrap = $('grid-wrap');
  const formulaBar = $('formula-bar');
  const nameBox = $('name-box');
  const menuPopup = $('menu-popup');
  const sidebarPanel = $('sidebar-panel');

  /** Page state. Rows and columns are 1-based, like Sheets. */
  const state = {
    meta: null,
    sheetName: null,
    view: null,
    /** Anchor cell, and the selected box (a single cell, a row, or a drag rectangle). */
    cursor: { row: 1, col: 1 },
    box: { row: 1, col: 1, rows: 1, cols: 1 },
    editing: null,
    renderAfterEdit: false,
    busy: 0,
    sidebarSerial: 0,
    refreshTimer: null,
    refreshAfterEdit: false,
    dialogId: null,
    htmlDialogSerial: 0,
    /** Server events: the last number seen on the stream (null before it connects), the one awaited. */
    eventsSeen: null,
    eventsWanted: 0,
    waitingForEvents: false,
  };

  // ---------- helpers ----------
  function letters(col) {
    let s = '';
    let n = col;
    while (n > 0) {
      const m = (n - 1) % 26;
      s = String.fromCharCode(65 + m) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  }
  function a1(row, col) {
    return letters(col) + row;
  }
  function boxA1(b) {
    const first = a1(b.row, b.col);
    if (b.rows === 1 && b.cols === 1) return first;
    return first + ':' + a1(b.row + b.rows - 1, b.col + b.cols - 1);
  }
  function setBusy(delta) {
    state.busy = Math.max(0, state.busy + delta);
    document.body.dataset.busy = state.busy > 0 ? 'true' : 'false';
    $('status').textContent = state.busy > 0 ? 'Working…' : '';
  }
  function showError(message) {
    $('error-text').textContent = message;
    $('error-banner').hidden = false;
  }
  $('error-close').addEventListener('click', () => ($('error-banner').hidden = true));

  async function api(method, path, body) {
    setBusy(1);
    try {
      const res = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      // The events this call caused travel on the event stream, which may arrive after this answer:
      // stay busy until they are in (and their redraws scheduled).
      awaitEvents(Number(res.headers.get('X-Playground-Events')));
      const text = await res.text();
      let data;
      try {
        data = text ? JSON.parse(text) : {};
      } catch {
        data = { ok: false, error: { message: text || res.statusText } };
      }
      if (!res.ok && data.ok !== false) data = { ok: false, error: { message: text || res.statusText } };
      return data;
    } catch (err) {
      return { ok: false, error: { message: 'The playground server is not answering: ' + String(err) } };
    } finally {
      setBusy(-1);
    }
  }

  // ---------- document state ----------
  async function loadMeta() {
    const meta = await api('GET', '/api/state');
    if (meta.ok === false) {
      showError(meta.error.message);
      return;
    }
    state.meta = meta;
    $('doc-title').textContent = meta.title;
    document.title = meta.title + ' – Next Step Tracker playground';
    $('today').textContent = 'Today: ' + meta.today + (meta.todaySource ? ' (' + meta.todaySource + ')' : '');
    $('today-pick').value = meta.today;
    const locale = $('locale');
    locale.textContent = meta.locale ? 'Dates: ' + meta.locale : '';
    locale.title = meta.localeSource || 'How numeric dates read';
    locale.hidden = !meta.localeSource;
    const notice = $('notice');
    notice.textContent = meta.notice || '';
    notice.hidden = !meta.notice;
    $('user').textContent = meta.user;
    const loadError = $('load-error');
    loadError.textContent = meta.loadError || '';
    loadError.hidden = !meta.loadError;
    if (!state.sheetName || !meta.sheets.some((s) => s.name === state.sheetName)) {
      state.sheetName = meta.activeSheet || (meta.sheets[0] && meta.sheets[0].name) || null;
    }
    renderTabs();
    syncSidebar(meta.sidebar);
    syncHtmlDialog(meta.htmlDialog);
  }

  // ---------- today: +1 day, +1 week, or a picked date; the document stays ----------
  function shiftDay(iso, days) {
    const d = new Date(iso + 'T12:00:00Z');
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }
  async function setToday(iso) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return;
    const res = await api('POST', '/api/today', { today: iso });
    if (res.ok === false) showError(res.error.message);
    await loadMeta();
  }
  $('today-plus-day').addEventListener('click', () => state.meta && setToday(shiftDay(state.meta.today, 1)));
  $('today-plus-week').addEventListener('click', () => state.meta && setToday(shiftDay(state.meta.today, 7)));
  $('today-pick').addEventListener('change', (ev) => setToday(ev.target.value));

  async function loadSheet() {
    if (!state.sheetName) {
      grid.textContent = '';
      return;
    }
    const view = await api('GET', '/api/sheet?name=' + encodeURIComponent(state.sheetName));
    if (view.ok === false) {
      showError(view.error.message);
      return;
    }
    // Nothing changed since the last drawing: keep the DOM (and whatever the person is pointing at).
    const same = state.view && state.view.name === view.name && state.view.version === view.version;
    state.view = view;
    // Never redraw under the person's cell editor: draw once the edit is committed or cancelled.
    if (state.editing) state.renderAfterEdit = true;
    else if (!same || !grid.querySelector('td')) renderGrid();
  }

  async function refresh() {
    await loadMeta();
    await loadSheet();
  }

  /**
   * Redraws shortly (changes come in bursts). A scheduled redraw counts as work in progress
   * (body[data-busy]) from the moment it is scheduled until it has been drawn, so whoever waits for the
   * page to be idle never sees the gap between a call's answer and its redraw. While the person is
   * typing in a cell the redraw waits for the edit to end.
   */
  function scheduleRefresh() {
    if (state.editing) {
      state.refreshAfterEdit = true;
      return;
    }
    if (state.refreshTimer === null) setBusy(1);
    else clearTimeout(state.refreshTimer);
    state.refreshTimer = setTimeout(() => {
      state.refreshTimer = null;
      if (state.editing) {
        state.refreshAfterEdit = true;
        setBusy(-1);
        return;
      }
      refresh().finally(() => setBusy(-1));
    }, 40);
  }

  /** An answer said the server had sent `seq` events by then: busy until the stream has brought them. */
  function awaitEvents(seq) {
    if (state.eventsSeen === null || !(seq > state.eventsSeen)) return;
    state.eventsWanted = Math.max(state.eventsWanted, seq);
    if (!state.waitingForEvents) {
      state.waitingForEvents = true;
      setBusy(1);
    }
  }

  /** Runs after an event's own handler, so its redraw is scheduled before the page may count as idle. */
  function sawEvent(ev) {
    const id = Number(ev.lastEventId);
    if (!Number.isFinite(id) || ev.lastEventId === '') return;
    state.eventsSeen = state.eventsSeen === null ? id : Math.max(state.eventsSeen, id);
    if (state.waitingForEvents && state.eventsSeen >= state.eventsWanted) {
      state.waitingForEvents = false;
      setBusy(-1);
    }
  }

  // ---------- sheet tabs ----------
  function renderTabs() {
    const tabs = $('sheet-tabs');
    tabs.textContent = '';
    for (const s of state.meta.sheets) {
      if (s.hidden) continue;
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'tab';
      b.setAttribute('role', 'tab');
      b.dataset.testid = 'sheet-tab';
      b.dataset.sheet = s.name;
      b.textContent = s.name;
      b.setAttribute('aria-selected', String(s.name === state.sheetName));
      b.addEventListener('click', () => switchSheet(s.name));
      tabs.appendChild(b);
    }
  }

  async function switchSheet(name) {
    if (name === state.sheetName) return;
    commitEdit(false);
    state.sheetName = name;
    gridWrap.scrollTo(0, 0);
    state.cursor = { row: 1, col: 1 };
    state.box = { row: 1, col: 1, rows: 1, cols: 1 };
    renderTabs();
    await api('POST', '/api/activate-sheet', { sheet: name });
    await loadSheet();
  }

  // ---------- grid ----------
  function renderGrid() {
    const v = state.view;
    grid.textContent = '';
    const colgroup = document.createElement('colgroup');
    const rh = document.createElement('col');
    rh.style.width = '46px';
    colgroup.appendChild(rh);
    let total = 46;
    for (let c = 1; c <= v.cols; c++) {
      const col = document.createElement('col');
      const w = v.colWidths[c - 1] ?? 100; // 0: a hidden column
      total += w;
      col.style.width = w + 'px';
      colgroup.appendChild(col);
    }
    grid.appendChild(colgroup);
    // table-layout: fixed honours the column widths only when the table's own width is set.
    grid.style.width = total + 'px';
    // Frozen columns stick to the left, each at its own offset.
    const frozenLeft = [];
    let left = 46;
    for (let c = 1; c <= Math.min(v.frozenColumns || 0, v.cols); c++) {
      frozenLeft[c] = left;
      left += v.colWidths[c - 1] || 100;
    }
    const freezeCol = (el, c) => {
      if (frozenLeft[c] === undefined) return;
      el.classList.add('frozen-col');
      if (c === v.frozenColumns) el.classList.add('frozen-col-last');
      el.style.left = frozenLeft[c] + 'px';
    };

    const thead = document.createElement('thead');
    const htr = document.createElement('tr');
    const corner = document.createElement('th');
    corner.className = 'corner';
    htr.appendChild(corner);
    for (let c = 1; c <= v.cols; c++) {
      const th = document.createElement('th');
      th.className = 'colhead';
      th.dataset.col = String(c);
      th.textContent = v.colWidths[c - 1] === 0 ? '' : letters(c);
      if (v.colWidths[c - 1] === 0) th.classList.add('hidden-col');
      freezeCol(th, c);
      htr.appendChild(th);
    }
    thead.appendChild(htr);
    grid.appendChild(thead);

    // Cells hidden under a merge's top-left cell.
    const covered = new Set();
    const mergeAt = new Map();
    for (const m of v.merges) {
      mergeAt.set(m.row + ',' + m.col, m);
      for (let r = m.row; r < m.row + m.rows; r++)
        for (let c = m.col; c < m.col + m.cols; c++) if (r !== m.row || c !== m.col) covered.add(r + ',' + c);
    }

    const tbody = document.createElement('tbody');
    /** Cells whose right grid line a spilling text covers. */
    const spillOver = new Set();
    for (let r = 1; r <= v.rows; r++) {
      const tr = document.createElement('tr');
      tr.dataset.row = String(r);
      if (r <= v.frozenRows) tr.className = r === v.frozenRows ? 'frozen frozen-last' : 'frozen';
      const th = document.createElement('th');
      th.className = 'rowhead';
      th.dataset.rowHeader = String(r);
      th.dataset.testid = 'row-header';
      th.textContent = String(r);
      tr.appendChild(th);
      const cells = v.cells[r - 1] || [];
      for (let c = 1; c <= v.cols; c++) {
        if (covered.has(r + ',' + c)) continue;
        const td = document.createElement('td');
        if (spillOver.has(r + ',' + c)) td.classList.add('spilled');
        const ref = a1(r, c);
        td.dataset.a1 = ref;
        td.dataset.row = String(r);
        td.dataset.col = String(c);
        freezeCol(td, c);
        const m = mergeAt.get(r + ',' + c);
        if (m) {
          td.colSpan = m.cols;
          td.rowSpan = m.rows;
          td.classList.add('merged');
        }
        const cell = cells[c - 1];
        if (cell) {
          const room = m ? 0 : spillRoom(v, cells, c, covered, r);
          if (room > 0) {
            // Hide the grid lines the text runs over (estimated from its length), as Sheets does.
            let reach = (v.colWidths[c - 1] || 100) - cell.v.length * 7;
            for (let k = c; reach < 0 && k < v.cols; k++) {
              spillOver.add(r + ',' + k);
              reach += v.colWidths[k] || 100;
            }
            // Text runs on over empty neighbours, as in Sheets, and stops at the next filled cell.
            const span = document.createElement('span');
            span.className = 'spill-text';
            span.style.maxWidth = room + 'px';
            span.textContent = cell.v;
            td.appendChild(span);
            td.classList.add('spill');
          } else td.textContent = cell.v;
          if (cell.t) td.classList.add(cell.t);
          if (cell.bold) td.style.fontWeight = 'bold';
          if (cell.italic) td.style.fontStyle = 'italic';
          if (cell.bg) td.style.backgroundColor = cell.bg;
          if (cell.fc) td.style.color = cell.fc;
          if (cell.align) td.style.textAlign = cell.align;
          if (cell.wrap) td.classList.add('wrap');
          if (cell.valign) td.style.verticalAlign = cell.valign;
          if (cell.cf) td.dataset.cf = cell.cf;
          if (cell.note) td.title = cell.note;
        }
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
    grid.appendChild(tbody);
    grid.dataset.version = String(v.version);
    grid.dataset.sheet = v.name;

    const note = $('grid-note');
    note.hidden = !v.truncatedRows;
    note.textContent = v.truncatedRows
      ? 'Showing the first ' +
        v.rows +
        ' of ' +
        v.truncatedRows +
        ' rows (the playground draws at most this many).'
      : '';

    drawCharts(v);

    // Frozen rows stick under the column header, each at its own offset.
    requestAnimationFrame(() => {
      let top = htr.getBoundingClientRect().height;
      for (const tr of tbody.querySelectorAll('tr.frozen')) {
        for (const cell of tr.children) cell.style.top = top + 'px';
        top += tr.getBoundingClientRect().height;
      }
    });
    paintSelection();
  }

  // ---------- charts (embedded by Sheet.insertChart) ----------
  const SVG = 'http://www.w3.org/2000/svg';
  function svgEl(name, attrs, text) {
    const el = document.createElementNS(SVG, name);
    for (const [k, val] of Object.entries(attrs)) el.setAttribute(k, String(val));
    if (text !== undefined) el.textContent = text;
    return el;
  }
  function niceMax(max) {
    if (!(max > 0)) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(max)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
    return 10 * p;
  }

  function drawCharts(v) {
    for (const old of gridWrap.querySelectorAll('.chart')) old.remove();
    for (const ch of v.charts || []) {
      const anchor = cellEl(ch.row, ch.col);
      if (!anchor) continue;
      const box = document.createElement('figure');
      box.className = 'chart';
      box.dataset.testid = 'chart';
      box.dataset.chart = ch.id;
      box.style.left = anchor.offsetLeft + ch.offsetX + 'px';
      box.style.top = anchor.offsetTop + ch.offsetY + 'px';
      box.style.width = ch.width + 'px';
      box.style.height = ch.height + 'px';
      const svg = svgEl('svg', {
        width: ch.width,
        height: ch.height,
        role: 'img',
        'aria-label': ch.title || ch.type,
      });
      svg.appendChild(svgEl('text', { x: 16, y: 26, class: 'chart-title' }, ch.title));
      const legendY = ch.height - 14;
      let lx = 16;
      for (const s of ch.series) {
        svg.appendChild(
          svgEl('rect', { x: lx, y: legendY - 9, width: 10, height: 10, fill: s.color, rx: 2 }),
        );
        svg.appendChild(svgEl('text', { x: lx + 14, y: legendY, class: 'chart-legend' }, s.name));
        lx += 24 + s.name.length * 6.5;
      }
      const plot = { x: 56, y: 44, w: ch.width - 76, h: ch.height - 44 - 56 };
      const n = ch.categories.length;
      const totals = ch.categories.map((_, i) =>
        ch.stacked
          ? ch.series.reduce((t, s) => t + Math.max(0, s.values[i] || 0), 0)
          : Math.max(...ch.series.map((s) => s.values[i] || 0)),
      );
      // About five gridlines at round steps (0, 5, 10 … rather than quarters of a round top).
      const step = niceMax(Math.max(0, ...totals) / 5);
      const top = Math.max(step, Math.ceil(Math.max(0, ...totals) / step - 1e-9) * step);
      const y = (val) => plot.y + plot.h - (val / top) * plot.h;
      for (let t = 0; t <= Math.round(top / step); t++) {
        const val = step * t;
        svg.appendChild(
          svgEl('line', { x1: plot.x, x2: plot.x + plot.w, y1: y(val), y2: y(val), class: 'chart-grid' }),
        );
        const label = ch.percent ? Math.round(val * 100) + '%' : String(Math.round(val * 100) / 100);
        svg.appendChild(
          svgEl('text', { x: plot.x - 6, y: y(val) + 4, class: 'chart-axis', 'text-anchor': 'end' }, label),
        );
      }
      const band = n > 0 ? plot.w / n : plot.w;
      // Labels that would run into each other (owner names under narrow bars) alternate between two
      // lines, as Sheets staggers them, and are cut with "…" to two bands; the full text is a tooltip.
      const CHAR_PX = 6.2; // 11px Roboto/Arial, average width
      const stagger = ch.categories.some((cat) => cat.length * CHAR_PX > band - 4);
      const room = Math.floor(((stagger ? 2 : 1) * band - 8) / CHAR_PX);
      ch.categories.forEach((cat, i) => {
        const shown = cat.length > room ? cat.slice(0, Math.max(1, room - 1)) + '…' : cat;
        const label = svgEl(
          'text',
          {
            x: plot.x + band * (i + 0.5),
            y: plot.y + plot.h + 16 + (stagger && i % 2 === 1 ? 13 : 0),
            class: 'chart-axis',
            'text-anchor': 'middle',
            'data-testid': 'chart-category',
          },
          shown,
        );
        if (shown !== cat) label.appendChild(svgEl('title', {}, cat));
        svg.appendChild(label);
      });
      if (ch.type === 'LINE' || ch.type === 'AREA') {
        for (const s of ch.series) {
          const pts = s.values.map((val, i) => [plot.x + band * (i + 0.5), y(val)]);
          svg.appendChild(
            svgEl('polyline', {
              points: pts.map((p) => p.join(',')).join(' '),
              fill: 'none',
              stroke: s.color,
              'stroke-width': 2,
            }),
          );
          for (const [px, py] of pts)
            svg.appendChild(svgEl('circle', { cx: px, cy: py, r: 3.5, fill: s.color }));
        }
      } else {
        const groups = ch.stacked ? 1 : Math.max(1, ch.series.length);
        const barW = Math.max(2, (band * 0.6) / groups);
        ch.categories.forEach((_, i) => {
          let base = 0;
          ch.series.forEach((s, k) => {
            const val = Math.max(0, s.values[i] || 0);
            const x0 = plot.x + band * i + band * 0.2 + (ch.stacked ? 0 : k * barW);
            const y1 = y(base + val);
            const y0 = y(base);
            const rect = svgEl('rect', {
              x: x0,
              y: y1,
              width: barW,
              height: Math.max(0, y0 - y1),
              fill: s.color,
            });
            rect.appendChild(svgEl('title', {}, s.name + ' · ' + ch.categories[i] + ': ' + val));
            svg.appendChild(rect);
            if (ch.stacked) base += val;
          });
        });
      }
      box.appendChild(svg);
      gridWrap.appendChild(box);
    }
  }

  /** Width a text cell may use: its own plus the empty cells after it (0 when it cannot spill). */
  function spillRoom(v, cells, c, covered, r) {
    const cell = cells[c - 1];
    if (!cell || cell.t || cell.wrap || !cell.v || (cell.align && cell.align !== 'left')) return 0;
    let room = v.colWidths[c - 1] || 100;
    let k = c + 1;
    while (k <= v.cols && (!cells[k - 1] || cells[k - 1].v === '') && !covered.has(r + ',' + k)) {
      room += v.colWidths[k - 1] || 100;
      k++;
    }
    return k === c + 1 ? 0 : room - 6;
  }

  function cellEl(row, col) {
    return grid.querySelector('td[data-a1="' + a1(row, col) + '"]');
  }

  function cellData(row, col) {
    const v = state.view;
    const cell = v && v.cells[row - 1] && v.cells[row - 1][col - 1];
    return cell || null;
  }

  function paintSelection() {
    for (const el of grid.querySelectorAll('.active, .in-sel, th.sel'))
      el.classList.remove('active', 'in-sel', 'sel');
    const b = state.box;
    const single = b.rows === 1 && b.cols === 1;
    for (let r = b.row; r < b.row + b.rows; r++) {
      const rhEl = grid.querySelector('th[data-row-header="' + r + '"]');
      if (rhEl) rhEl.classList.add('sel');
      if (!single) for (let c = b.col; c < b.col + b.cols; c++) cellEl(r, c)?.classList.add('in-sel');
    }
    for (let c = b.col; c < b.col + b.cols; c++)
      grid.querySelector('th.colhead[data-col="' + c + '"]')?.classList.add('sel');
    cellEl(state.cursor.row, state.cursor.col)?.classList.add('active');
    nameBox.value = boxA1(b);
    const cell = cellData(state.cursor.row, state.cursor.col);
    formulaBar.value = cell ? (cell.e !== undefined ? cell.e : cell.v) : '';
  }

  function select(box, cursor) {
    commitEdit(true);
    const v = state.view;
    if (!v) return;
    state.box = box;
    state.cursor = cursor || { row: box.row, col: box.col };
    paintSelection();
    api('POST', '/api/select', { sheet: v.name, a1: boxA1(box) });
  }

  function selectCell(row, col) {
    const v = state.view;
    const r = Math.max(1, Math.min(v.rows, row));
    const c = Math.max(1, Math.min(v.cols, col));
    select({ row: r, col: c, rows: 1, cols: 1 });
    const el = cellEl(r, c);
    if (el) el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  let dragFrom = null;
  grid.addEventListener('mousedown', (ev) => {
    const target = ev.target;
    if (!(target instanceof window.HTMLElement)) return;
    if (target.closest('.cell-editor')) return;
    const rowHead = target.closest('th.rowhead');
    if (rowHead) {
      const r = Number(rowHead.dataset.rowHeader);
      select({ row: r, col: 1, rows: 1, cols: state.view.cols }, { row: r, col: 1 });
      return;
    }
    const td = target.closest('td[data-a1]');
    if (!td) return;
    const r = Number(td.dataset.row);
    const c = Number(td.dataset.col);
    if (ev.shiftKey) {
      const a = state.cursor;
      select(
        {
          row: Math.min(a.row, r),
          col: Math.min(a.col, c),
          rows: Math.abs(a.row - r) + 1,
          cols: Math.abs(a.col - c) + 1,
        },
        a,
      );
      return;
    }
    dragFrom = { row: r, col: c };
    select({ row: r, col: c, rows: 1, cols: 1 });
  });
  grid.addEventListener('mouseover', (ev) => {
    if (!dragFrom || !(ev.buttons & 1)) return;
    const td = ev.target instanceof window.HTMLElement ? ev.target.closest('td[data-a1]') : null;
    if (!td) return;
    const r = Number(td.dataset.row);
    const c = Number(td.dataset.col);
    const a = dragFrom;
    state.box = {
      row: Math.min(a.row, r),
      col: Math.min(a.col, c),
      rows: Math.abs(a.row - r) + 1,
      cols: Math.abs(a.col - c) + 1,
    };
    paintSelection();
  });
  document.addEventListener('mouseup', () => {
    if (dragFrom && state.view && (state.box.rows > 1 || state.box.cols > 1)) {
      api('POST', '/api/select', { sheet: state.view.name, a1: boxA1(state.box) });
    }
    dragFrom = null;
  });
  grid.addEventListener('dblclick', (ev) => {
    const td = ev.target instanceof window.HTMLElement ? ev.target.closest('td[data-a1]') : null;
    if (td) startEdit(null);
  });

  // ---------- editing ----------
  function startEdit(initial) {
    if (state.editing || !state.view) return;
    const { row, col } = state.cursor;
    const td = cellEl(row, col);
    if (!td) return;
    const cell = cellData(row, col);
    const input = document.createElement('input');
    input.className = 'cell-editor';
    input.dataset.testid = 'cell-editor';
    input.setAttribute('aria-label', 'Edit ' + a1(row, col));
    input.value = initial !== null ? initial : cell ? (cell.e !== undefined ? cell.e : cell.v) : '';
    state.editing = { row, col, input, td, original: td.textContent };
    td.textContent = '';
    td.classList.add('editing');
    td.appendChild(input);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    input.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === 'Tab') {
        ev.preventDefault();
        commitEdit(true);
        if (ev.key === 'Enter') selectCell(row + 1, col);
        else selectCell(row, col + 1);
      } else if (ev.key === 'Escape') {
        ev.preventDefault();
        commitEdit(false);
      }
      ev.stopPropagation();
    });
    input.addEventListener('blur', () => commitEdit(true));
  }

  function commitEdit(save) {
    const ed = state.editing;
    if (!ed) return;
    state.editing = null;
    const text = ed.input.value;
    ed.td.classList.remove('editing');
    ed.td.textContent = save ? text : ed.original;
    if (state.renderAfterEdit) {
      state.renderAfterEdit = false;
      renderGrid();
    }
    if (save) writeCell(ed.row, ed.col, text);
    if (state.refreshAfterEdit) {
      state.refreshAfterEdit = false;
      scheduleRefresh();
    }
  }

  async function writeCell(row, col, text) {
    const cell = cellData(row, col);
    const before = cell ? (cell.e !== undefined ? cell.e : cell.v) : '';
    if (text === before) return;
    const res = await api('POST', '/api/edit', { sheet: state.view.name, a1: a1(row, col), text });
    if (res.ok === false) showError(res.error.message);
    scheduleRefresh();
  }

  formulaBar.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      const { row, col } = state.cursor;
      writeCell(row, col, formulaBar.value);
      formulaBar.blur();
    } else if (ev.key === 'Escape') {
      paintSelection();
      formulaBar.blur();
    }
  });

  document.addEventListener('keydown', (ev) => {
    if (state.editing || state.dialogId !== null || !state.view) return;
    const t = ev.target;
    if (
      t instanceof window.HTMLElement &&
      (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)
    )
      return;
    if (t instanceof window.HTMLElement && t.tagName === 'BUTTON' && (ev.key === 'Enter' || ev.key === ' '))
      return;
    const { row, col } = state.cursor;
    const moves = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Tab: [0, 1],
    };
    if (moves[ev.key]) {
      ev.preventDefault();
      selectCell(row + moves[ev.key][0], col + moves[ev.key][1]);
    } else if (ev.key === 'Enter' || ev.key === 'F2') {
      ev.preventDefault();
      startEdit(null);
    } else if (ev.key === 'Delete' || ev.key === 'Backspace') {
      ev.preventDefault();
      clearSelection();
    } else if (ev.key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      startEdit(ev.key);
    }
  });

  async function clearSelection() {
    const b = state.box;
    const res = await api('POST', '/api/edit', {
      sheet: state.view.name,
      a1: boxA1(b),
      text: '',
      clear: true,
    });
    if (res.ok === false) showError(res.error.message);
    scheduleRefresh();
  }

  // Multi-cell paste: tab-separated rows, like copying from Sheets or Excel.
  document.addEventListener('paste', (ev) => {
    if (state.editing || !state.view) return;
    const t = ev.target;
    if (t instanceof window.HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')) return;
    const text = ev.clipboardData ? ev.clipboardData.getData('text/plain') : '';
    if (!text) return;
    ev.preventDefault();
    const rows = text
      .replace(/\r?\n$/, '')
      .split(/\r?\n/)
      .map((line) => line.split('\t'));
    const { row, col } = state.cursor;
    api('POST', '/api/paste', { sheet: state.view.name, a1: a1(row, col), rows }).then((res) => {
      if (res.ok === false) showError(res.error.message);
      scheduleRefresh();
    });
  });

  // ---------- menus ----------
  let openMenuButton = null;
  function closeMenus() {
    menuPopup.hidden = true;
    menuPopup.textContent = '';
    for (const sub of document.querySelectorAll('.menu-popup.sub')) sub.remove();
    if (openMenuButton) openMenuButton.setAttribute('aria-expanded', 'false');
    openMenuButton = null;
  }

  function menuItemButton(label, testid) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'menu-item';
    b.setAttribute('role', 'menuitem');
    if (testid) b.dataset.testid = testid;
    const span = document.createElement('span');
    span.textContent = label;
    b.appendChild(span);
    return b;
  }

  function fillMenu(popup, items) {
    for (const item of items) {
      if (item === null) {
        const sep = document.createElement('div');
        sep.className = 'menu-sep';
        sep.setAttribute('role', 'separator');
        popup.appendChild(sep);
        continue;
      }
      if (item.items) {
        const b = menuItemButton(item.label, item.testid || 'submenu');
        b.dataset.label = item.label;
        b.setAttribute('aria-haspopup', 'true');
        const arrow = document.createElement('span');
        arrow.textContent = '▸';
        arrow.setAttribute('aria-hidden', 'true');
        b.appendChild(arrow);
        const open = () => openSubmenu(b, item.items);
        b.addEventListener('mouseenter', open);
        b.addEventListener('click', open);
        popup.appendChild(b);
        continue;
      }
      const b = menuItemButton(item.label, 'menu-item');
      b.dataset.label = item.label;
      if (item.fn) b.dataset.fn = item.fn;
      if (item.disabled) b.disabled = true;
      b.addEventListener('mouseenter', () => {
        if (popup === menuPopup) for (const sub of document.querySelectorAll('.menu-popup.sub')) sub.remove();
      });
      b.addEventListener('click', () => {
        closeMenus();
        if (item.action) item.action();
        else if (item.fn) runFunction(item.fn, item.label);
      });
      popup.appendChild(b);
    }
  }

  function openSubmenu(anchor, items) {
    for (const sub of document.querySelectorAll('.menu-popup.sub')) sub.remove();
    const sub = document.createElement('div');
    sub.className = 'menu-popup sub';
    sub.setAttribute('role', 'menu');
    sub.dataset.testid = 'addon-menu';
    fillMenu(sub, items);
    document.body.appendChild(sub);
    const r = anchor.getBoundingClientRect();
    sub.style.left = r.right - 4 + 'px';
    sub.style.top = r.top - 6 + 'px';
    anchor.setAttribute('aria-expanded', 'true');
  }

  function openMenu(button, items) {
    closeMenus();
    openMenuButton = button;
    button.setAttribute('aria-expanded', 'true');
    fillMenu(menuPopup, items);
    const r = button.getBoundingClientRect();
    menuPopup.style.left = r.left + 'px';
    menuPopup.style.top = r.bottom + 2 + 'px';
    menuPopup.hidden = false;
  }

  function extensionsItems() {
    const meta = state.meta;
    const addon =
      meta && meta.menu && meta.menu.length
        ? meta.menu
        : [{ label: '(the add-on added no menu)', disabled: true }];
    return [
      {
        label: 'Add-ons',
        items: [
          { label: 'Get add-ons', disabled: true },
          { label: 'Manage add-ons', disabled: true },
        ],
      },
      { label: 'Macros', items: [{ label: 'Record macro', disabled: true }] },
      { label: 'Apps Script', disabled: true },
      null,
      { label: (meta && meta.addonName) || 'Next Step Tracker', items: addon, testid: 'addon-submenu' },
    ];
  }

  function fileItems() {
    return [
      { label: 'Reset playground data', action: resetAll },
      { label: 'Reload the page', action: () => window.location.reload() },
    ];
  }

  for (const b of document.querySelectorAll('.menu-button[data-menu]')) {
    b.addEventListener('click', (ev) => {
      ev.stopPropagation();
      if (openMenuButton === b) return closeMenus();
      openMenu(b, b.dataset.menu === 'extensions' ? extensionsItems() : fileItems());
    });
  }
  document.addEventListener('mousedown', (ev) => {
    const t = ev.target;
    if (t instanceof window.HTMLElement && (t.closest('.menu-popup') || t.closest('.menu-button'))) return;
    closeMenus();
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && openMenuButton) closeMenus();
  });

  async function runFunction(fn, label) {
    $('status').textContent = 'Running ' + label + '…';
    const res = await api('POST', '/api/run', { fn });
    if (res.ok === false) showError(label + ': ' + res.error.message);
    scheduleRefresh();
  }

  async function resetAll() {
    const res = await api('POST', '/api/reset', {});
    if (res.ok === false) showError(res.error.message);
    $('error-banner').hidden = true;
    closeSidebar(false);
    state.sheetName = null;
    await refresh();
  }
  $('reset').addEventListener('click', resetAll);

  // ---------- sidebar ----------
  function syncSidebar(sidebar) {
    if (!sidebar) {
      if (!sidebarPanel.hidden) closeSidebar(false);
      return;
    }
    if (sidebar.serial === state.sidebarSerial && !sidebarPanel.hidden) return;
    state.sidebarSerial = sidebar.serial;
    $('sidebar-title').textContent = sidebar.title || '';
    sidebarPanel.querySelector('iframe')?.remove();
    const frame = document.createElement('iframe');
    frame.name = 'sidebar';
    frame.title = sidebar.title || 'Sidebar';
    frame.dataset.testid = 'sidebar-frame';
    // Like Apps Script's IFRAME sandbox: the sidebar runs in its own (opaque) origin and talks to the
    // page only through postMessage, which the page forwards to /rpc.
    frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-popups allow-modals allow-downloads');
    frame.src = '/sidebar?serial=' + sidebar.serial;
    sidebarPanel.appendChild(frame);
    sidebarPanel.hidden = false;
  }

  function closeSidebar(tellServer) {
    sidebarPanel.hidden = true;
    sidebarPanel.querySelector('iframe')?.remove();
    if (tellServer) api('POST', '/api/sidebar-closed', {});
  }
  $('sidebar-close').addEventListener('click', () => closeSidebar(true));

  window.addEventListener('message', async (ev) => {
    const sidebarFrame = sidebarPanel.querySelector('iframe');
    const dialogFrame = htmlDialogBox.querySelector('iframe');
    const fromDialog = Boolean(dialogFrame) && ev.source === dialogFrame.contentWindow;
    const frame = fromDialog ? dialogFrame : sidebarFrame;
    if (!frame || ev.source !== frame.contentWindow) return;
    const msg = ev.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'gas-rpc') {
      const res = await api('POST', '/rpc', { fn: msg.fn, args: msg.args });
      const reply = {
        type: 'gas-rpc-result',
        id: msg.id,
        ok: res.ok === true,
        result: res.result,
        error: res.error,
        warning: res.warning,
      };
      if (frame.contentWindow) frame.contentWindow.postMessage(reply, '*');
      if (res.changed) scheduleRefresh();
    } else if (msg.type === 'gas-host') {
      if (msg.op === 'close') {
        if (fromDialog) closeHtmlDialog(true);
        else closeSidebar(true);
      } else if (msg.op === 'focus') gridWrap.focus();
    }
  });

  // ---------- the add-on's HTML dialogs (showModalDialog / showModelessDialog) ----------
  const htmlDialogLayer = $('html-dialog-layer');
  const htmlDialogBox = htmlDialogLayer.querySelector('.html-dialog');
  function syncHtmlDialog(d) {
    if (!d) {
      if (!htmlDialogLayer.hidden) closeHtmlDialog(false);
      return;
    }
    if (d.serial === state.htmlDialogSerial && !htmlDialogLayer.hidden) return;
    state.htmlDialogSerial = d.serial;
    $('html-dialog-title').textContent = d.title || '';
    htmlDialogBox.querySelector('iframe')?.remove();
    const frame = document.createElement('iframe');
    frame.title = d.title || 'Dialog';
    frame.dataset.testid = 'html-dialog-frame';
    // The same sandbox as the sidebar's: its own origin, talking to the page only by postMessage.
    frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-popups allow-modals allow-downloads');
    frame.style.width = Math.min(d.width || 600, window.innerWidth - 64) + 'px';
    frame.style.height = Math.min(d.height || 400, window.innerHeight - 120) + 'px';
    frame.src = '/dialog?serial=' + d.serial;
    htmlDialogBox.appendChild(frame);
    htmlDialogLayer.classList.toggle('modeless', !d.modal);
    htmlDialogLayer.hidden = false;
    document.body.dataset.htmlDialog = 'open';
  }
  function closeHtmlDialog(tellServer) {
    const serial = state.htmlDialogSerial;
    htmlDialogLayer.hidden = true;
    htmlDialogBox.querySelector('iframe')?.remove();
    document.body.dataset.htmlDialog = '';
    if (tellServer) api('POST', '/api/html-dialog-closed', { serial }).then(() => scheduleRefresh());
  }
  $('html-dialog-close').addEventListener('click', () => closeHtmlDialog(true));

  // ---------- dialogs and toasts (Ui.alert / Ui.prompt / Spreadsheet.toast) ----------
  function showDialog(d) {
    state.dialogId = d.id;
    $('dialog-title').textContent = d.title || '';
    $('dialog-message').textContent = d.message || '';
    const input = $('dialog-input');
    input.hidden = d.kind !== 'prompt';
    input.value = '';
    const buttons = $('dialog-buttons');
    buttons.textContent = '';
    d.buttons.forEach((label, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.testid = 'dialog-button';
      b.dataset.button = label;
      b.textContent = label === 'OK' ? 'OK' : label.charAt(0) + label.slice(1).toLowerCase();
      if (i === 0) b.className = 'primary';
      b.addEventListener('click', () => answerDialog(d.id, label, input.value));
      buttons.appendChild(b);
    });
    $('dialog-backdrop').hidden = false;
    document.body.dataset.dialog = 'open';
    (d.kind === 'prompt' ? input : buttons.firstChild)?.focus();
  }
  $('dialog-input').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') buttonsFirst()?.click();
  });
  function buttonsFirst() {
    return $('dialog-buttons').querySelector('button');
  }
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && state.dialogId !== null) answerDialog(state.dialogId, 'CLOSE', '');
  });
  function hideDialog(id) {
    if (state.dialogId !== id) return;
    state.dialogId = null;
    $('dialog-backdrop').hidden = true;
    document.body.dataset.dialog = '';
  }
  async function answerDialog(id, button, text) {
    hideDialog(id);
    await api('POST', '/api/dialog', { id, button, text });
  }

  let toastTimer = null;
  function showToast(t) {
    $('toast-title').textContent = t.title || '';
    $('toast-title').hidden = !t.title;
    $('toast-message').textContent = t.message || '';
    $('toast').hidden = false;
    document.body.dataset.toast = 'open';
    clearTimeout(toastTimer);
    const seconds = typeof t.timeoutSeconds === 'number' && t.timeoutSeconds >= 0 ? t.timeoutSeconds : 5;
    toastTimer = setTimeout(hideToast, Math.max(1, seconds) * 1000);
  }
  function hideToast() {
    clearTimeout(toastTimer);
    $('toast').hidden = true;
    document.body.dataset.toast = '';
  }
  $('toast-close').addEventListener('click', hideToast);

  // ---------- server events ----------
  function connectEvents() {
    const es = new EventSource('/api/events');
    const connected = new Promise((resolve) => es.addEventListener('hello', resolve, { once: true }));
    es.addEventListener('hello', () => {
      // A reconnect may have missed changes: redraw.
      if (state.eventsSeen !== null) scheduleRefresh();
    });
    es.addEventListener('changed', () => scheduleRefresh());
    es.addEventListener('dialog', (ev) => showDialog(JSON.parse(ev.data)));
    es.addEventListener('dialog-closed', (ev) => hideDialog(JSON.parse(ev.data).id));
    es.addEventListener('toast', (ev) => showToast(JSON.parse(ev.data)));
    es.addEventListener('html-dialog', (ev) => syncHtmlDialog(JSON.parse(ev.data)));
    es.addEventListener('selection', (ev) => {
      const s = JSON.parse(ev.data);
      if (!state.view) return;
      if (s.sheet !== state.sheetName) {
        state.sheetName = s.sheet;
        gridWrap.scrollTo(0, 0);
        renderTabs();
        loadSheet().then(() => applySelection(s.box));
      } else applySelection(s.box);
    });
    // After each event's own handler (listeners run in the order they were added): count it as seen.
    for (const name of [
      'hello',
      'changed',
      'dialog',
      'dialog-closed',
      'toast',
      'selection',
      'sidebar',
      'html-dialog',
    ])
      es.addEventListener(name, sawEvent);
    es.onerror = () => console.warn('playground: event stream interrupted; retrying');
    return connected;
  }
  function applySelection(box) {
    if (!box) return;
    state.box = box;
    state.cursor = { row: box.row, col: box.col };
    paintSelection();
    cellEl(box.row, box.col)?.scrollIntoView({ block: 'center', inline: 'nearest' });
  }

  // Ready once the grid is drawn and the event stream has said where it starts.
  refresh()
    .then(connectEvents)
    .then(() => {
      document.body.dataset.ready = 'true';
    });
})();
