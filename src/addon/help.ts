/**
 * Help: a short dialog with the colour legend (the same HIGHLIGHT_LEGEND the rules and the sidebar
 * use) and where each feature lives. An HTML dialog shows real colour swatches; if it cannot open, a
 * plain alert carries the same text.
 */
import { HIGHLIGHT_LEGEND, HIGHLIGHT_PRIORITY } from '../core/highlights/legend';

const INTRO =
  'Next Step Tracker keeps the "Next step" column honest: each next step should name a concrete action, a date, and someone on the buyer’s side.';
const FEATURES = [
  'In any cell: =NEXTSTEP_CHECK(G3:G) explains each next step, =NEXTSTEP_SCORE(G3:G) scores it 0–100, =NEXTSTEP_DUE(G3:G, I3:I) reads its due date. Their answers never depend on today’s date.',
  'Set up this sheet: confirms which columns hold the next step, its due date and when it was updated; editing a next step then stamps the time in "Next step updated".',
  'Open sidebar: see what is wrong with the selected row and write a better next step.',
];
const CLOSING =
  'Closed deals are never highlighted. Your own formatting and conditional-format rules are left alone.';

export function helpText(): string {
  const legend = HIGHLIGHT_LEGEND.map((e) => `• ${e.colorName} — ${e.label}: ${e.meaning}`).join('\n');
  return [
    INTRO,
    '',
    'Highlight colours (Turn highlights on):',
    legend,
    HIGHLIGHT_PRIORITY,
    CLOSING,
    '',
    ...FEATURES,
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function helpHtml(): string {
  const items = HIGHLIGHT_LEGEND.map(
    (e) =>
      `<li><span class="swatch" style="background:${escapeHtml(e.color)}" aria-hidden="true"></span>` +
      `<strong>${escapeHtml(e.colorName)} — ${escapeHtml(e.label)}:</strong> ${escapeHtml(e.meaning)}</li>`,
  ).join('');
  return (
    '<!DOCTYPE html><html><head><base target="_top"><style>' +
    'body{font:13px/1.45 Arial,sans-serif;color:#202124;margin:0 4px}h2{font-size:14px;margin:12px 0 6px}' +
    'ul{list-style:none;padding:0;margin:0}li{margin:6px 0}.swatch{display:inline-block;width:14px;height:14px;' +
    'border:1px solid #9aa0a6;vertical-align:-2px;margin-right:6px}p{margin:6px 0}' +
    '</style></head><body>' +
    `<p>${escapeHtml(INTRO)}</p><h2>Highlight colours</h2><ul>${items}</ul>` +
    `<p>${escapeHtml(HIGHLIGHT_PRIORITY)}</p><p>${escapeHtml(CLOSING)}</p>` +
    `<h2>Features</h2>${FEATURES.map((f) => `<p>${escapeHtml(f)}</p>`).join('')}` +
    '</body></html>'
  );
}

/** Menu: Help. */
export function showHelp(): void {
  const ui = SpreadsheetApp.getUi();
  try {
    ui.showModalDialog(
      HtmlService.createHtmlOutput(helpHtml()).setWidth(460).setHeight(420),
      'Next Step Tracker: help',
    );
  } catch {
    ui.alert('Next Step Tracker: help', helpText(), ui.ButtonSet.OK);
  }
}
