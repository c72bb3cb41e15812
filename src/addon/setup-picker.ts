/**
 * Setup's column picker: a dialog with one dropdown per role over the sheet's own headers, and under
 * each the first three data rows of the chosen column, so a person sees what they are picking. It
 * opens when setup cannot tell on its own (no next-step column, the same role named twice) or when the
 * person answers No to the columns setup found. It offers to add a "Next step" column when the sheet
 * has none, and a "Next step updated" column likewise. Saving goes through saveSetupChoice (an RPC from
 * the dialog), which re-reads the header row and refuses when it changed meanwhile.
 */
import { ROLE_LABELS } from '../core/rpc-contract';
import { detectColumns } from '../core/columns';
import { escapeHtml } from '../core/self-test';
import { columnLetters } from '../core/highlights/escape';
import type { ColumnMapping, ColumnRole } from '../core/types';
import { UserError } from '../core/user-error';
import { HEADER_SCAN_ROWS } from '../sheets/header-area';
import { loadSettings, saveSettings, type Settings } from '../sheets/settings';
import {
  addNextStepColumn,
  addUpdatedColumn,
  NEXT_STEP_HEADER,
  UPDATED_HEADER,
} from '../sheets/updated-column';
import { refreshHighlightsIfOn } from './highlights';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Rows shown under each dropdown. */
export const PREVIEW_ROWS = 3;
export const PICKER_TITLE = 'Next Step Tracker: choose your columns';

export interface PickerModel {
  sheetName: string;
  /** 1-based header row. */
  headerRow: number;
  headers: string[];
  /** Up to PREVIEW_ROWS data rows, as displayed. */
  preview: string[][];
  /** The preselected column per role: an index, 'add', or absent for none. */
  selected: Partial<Record<ColumnRole, number | 'add'>>;
  /** Why the picker opened (shown at its top). */
  reason: string;
}

export interface SetupChoice {
  sheetName: string;
  headerRow: number;
  /** The header texts the dialog showed: saving is refused when the sheet's differ. */
  headers: string[];
  columns: Partial<Record<ColumnRole, number | 'add' | ''>>;
}

export interface SetupChoiceResult {
  message: string;
  settings: Settings;
}

/** Reads the header area and the rows under it (one getRange + one getDisplayValues). */
export function pickerModel(sheet: Sheet, reason: string, headerRow?: number): PickerModel {
  const name = sheet.getName();
  const lastRow = sheet.getLastRow();
  const lastCol = sheet.getLastColumn();
  if (lastRow < 1 || lastCol < 1)
    throw new UserError(`The sheet "${name}" is empty: there are no columns to pick.`);
  const rows = Math.min(lastRow, Math.max(HEADER_SCAN_ROWS, headerRow ?? 0) + 10);
  const grid = sheet.getRange(1, 1, rows, lastCol).getDisplayValues();
  const found = detectColumns(grid, { maxScanRows: HEADER_SCAN_ROWS });
  const headerIndex = headerRow !== undefined ? headerRow - 1 : Math.max(0, found.headerRowIndex);
  const detection =
    headerIndex === found.headerRowIndex ? found : detectColumns(grid.slice(headerIndex), { maxScanRows: 1 });
  const headers = (grid[headerIndex] ?? []).map((h) => String(h));
  const preview = grid
    .slice(headerIndex + 1)
    .filter((r) => r.some((c) => String(c).trim() !== ''))
    .slice(0, PREVIEW_ROWS)
    .map((r) => r.map((c) => String(c)));
  const selected: PickerModel['selected'] = {};
  for (const [role, idx] of Object.entries(detection.mapping) as Array<[ColumnRole, number]>)
    selected[role] = idx;
  if (selected.nextStep === undefined) selected.nextStep = 'add';
  if (selected.nextStepUpdated === undefined) selected.nextStepUpdated = 'add';
  return { sheetName: name, headerRow: headerIndex + 1, headers, preview, selected, reason };
}

const ADDABLE: Partial<Record<ColumnRole, string>> = {
  nextStep: NEXT_STEP_HEADER,
  nextStepUpdated: UPDATED_HEADER,
};

/** The dialog's HTML: self-contained, every sheet text escaped (the script only sets textContent). */
export function pickerHtml(model: PickerModel): string {
  const option = (value: string, label: string, selected: boolean): string =>
    `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const roles = ROLE_LABELS.map(([role, label, required]) => {
    const sel = model.selected[role];
    const options = [
      required ? '' : option('', '(none)', sel === undefined),
      ...model.headers.map((h, i) =>
        h.trim() === '' ? '' : option(String(i), `${columnLetters(i + 1)} · ${h}`, sel === i),
      ),
      ADDABLE[role] ? option('add', `Add a new "${ADDABLE[role]}" column`, sel === 'add') : '',
    ].join('');
    return (
      `<div class="role"><label for="r-${role}">${escapeHtml(label)}${required ? ' <span class="req">(required)</span>' : ''}</label>` +
      `<select id="r-${role}" data-role="${role}" data-testid="pick-${role}">${options}</select>` +
      `<ol class="preview" id="p-${role}" data-testid="preview-${role}" aria-label="${escapeHtml(label)}: first rows"></ol></div>`
    );
  }).join('');
  const data = JSON.stringify({
    sheetName: model.sheetName,
    headerRow: model.headerRow,
    headers: model.headers,
    preview: model.preview,
  })
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return (
    '<!DOCTYPE html><html><head><base target="_top"><meta charset="utf-8"><style>' +
    'body{font:13px/1.4 Arial,sans-serif;color:#202124;margin:0 6px}p{margin:6px 0}' +
    '.role{display:grid;grid-template-columns:150px 1fr;gap:2px 8px;align-items:start;margin:8px 0;padding-bottom:6px;border-bottom:1px solid #eee}' +
    'label{font-weight:bold;padding-top:4px}.req{font-weight:normal;color:#5f6368}select{width:100%;padding:3px}' +
    '.preview{grid-column:2;margin:2px 0 0;padding-left:18px;color:#3c4043;font-size:12px}' +
    '.preview li{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:330px}.preview .new{color:#188038;list-style:none;margin-left:-18px}' +
    '.error{color:#c5221f;min-height:1em}.buttons{display:flex;justify-content:flex-end;gap:8px;margin:10px 0 0;padding:8px 0;position:sticky;bottom:0;background:#fff;border-top:1px solid #eee}' +
    'button{padding:6px 14px;border-radius:4px;border:1px solid #dadce0;background:#fff;cursor:pointer}' +
    'button.action{background:#1a73e8;border-color:#1a73e8;color:#fff}button:disabled{opacity:.6}' +
    '</style></head><body>' +
    `<p data-testid="picker-reason">${escapeHtml(model.reason)}</p>` +
    `<p>Sheet <strong>${escapeHtml(model.sheetName)}</strong>, headers in row ${model.headerRow}. ` +
    'Pick the column for each role; under each, the first rows of that column.</p>' +
    `<form id="f">${roles}<p class="error" role="alert" id="err" data-testid="picker-error"></p>` +
    '<div class="buttons"><button type="button" id="cancel">Cancel</button>' +
    '<button type="submit" class="action" id="save" data-testid="picker-save">Save</button></div></form>' +
    `<script>var MODEL=${data};${PICKER_SCRIPT}</script></body></html>`
  );
}

// The dialog's script: fills the previews, sends the choice, closes on success. No innerHTML.
const PICKER_SCRIPT = `
(function(){
  var form=document.getElementById('f'),err=document.getElementById('err'),save=document.getElementById('save');
  var selects=[].slice.call(document.querySelectorAll('select[data-role]'));
  function preview(s){
    var ol=document.getElementById('p-'+s.getAttribute('data-role'));
    while(ol.firstChild)ol.removeChild(ol.firstChild);
    var v=s.value;
    if(v===''){return;}
    if(v==='add'){var li=document.createElement('li');li.className='new';li.textContent='A new empty column is added; nothing else moves.';ol.appendChild(li);return;}
    var i=Number(v);
    MODEL.preview.forEach(function(row){var li=document.createElement('li');var t=row[i]==null?'':String(row[i]);li.textContent=t===''?'(empty)':t;ol.appendChild(li);});
  }
  selects.forEach(function(s){s.addEventListener('change',function(){preview(s);err.textContent='';});preview(s);});
  document.getElementById('cancel').addEventListener('click',function(){google.script.host.close();});
  form.addEventListener('submit',function(e){
    e.preventDefault();
    var columns={},used={};
    for(var k=0;k<selects.length;k++){
      var s=selects[k],v=s.value,role=s.getAttribute('data-role');
      if(v==='')continue;
      if(v!=='add'){if(used[v]){err.textContent='Column '+s.options[s.selectedIndex].text+' is chosen for two roles. Pick one column per role.';s.focus();return;}used[v]=true;columns[role]=Number(v);}
      else columns[role]='add';
    }
    save.disabled=true;err.textContent='Saving…';
    google.script.run.withSuccessHandler(function(){google.script.host.close();})
      .withFailureHandler(function(e){save.disabled=false;err.textContent=(e&&e.message?e.message:String(e)).replace(/^(\\w*Error: )+/,'');})
      .saveSetupChoice({sheetName:MODEL.sheetName,headerRow:MODEL.headerRow,headers:MODEL.headers,columns:columns});
  });
})();`;

/** Opens the picker. Returns false when the dialog could not be shown (the caller falls back). */
export function showPicker(ui: GoogleAppsScript.Base.Ui, model: PickerModel): boolean {
  try {
    ui.showModalDialog(
      HtmlService.createHtmlOutput(pickerHtml(model)).setWidth(560).setHeight(620),
      PICKER_TITLE,
    );
    return true;
  } catch {
    return false;
  }
}

function validate(raw: unknown): SetupChoice {
  const bad = (why: string): never => {
    throw new UserError(`The column choice could not be saved: ${why}. Nothing was changed.`);
  };
  if (!raw || typeof raw !== 'object') return bad('the dialog sent nothing');
  const c = raw as Record<string, unknown>;
  if (typeof c.sheetName !== 'string' || c.sheetName === '') bad('no sheet was named');
  if (typeof c.headerRow !== 'number' || !Number.isInteger(c.headerRow) || c.headerRow < 1)
    bad('no header row');
  if (!Array.isArray(c.headers) || !c.headers.every((h) => typeof h === 'string')) bad('no headers');
  if (!c.columns || typeof c.columns !== 'object' || Array.isArray(c.columns)) bad('no columns');
  const roles = new Set(ROLE_LABELS.map(([r]) => r as string));
  const columns: SetupChoice['columns'] = {};
  const used = new Set<number>();
  for (const [role, v] of Object.entries(c.columns as Record<string, unknown>)) {
    if (!roles.has(role)) bad(`"${role}" is not a column role`);
    if (v === '' || v === null || v === undefined) continue;
    if (v === 'add') {
      if (!ADDABLE[role as ColumnRole])
        bad(`a new column can only be added for the next step and its updated time`);
      columns[role as ColumnRole] = 'add';
      continue;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= (c.headers as string[]).length)
      bad(`the column for ${role} is not one of the sheet's columns`);
    if (used.has(v as number)) bad(`one column was chosen for two roles`);
    used.add(v as number);
    columns[role as ColumnRole] = v as number;
  }
  if (columns.nextStep === undefined) bad('the next-step column is required (pick one, or add a new one)');
  return {
    sheetName: c.sheetName as string,
    headerRow: c.headerRow as number,
    headers: c.headers as string[],
    columns,
  };
}

/** Role → header text, for the settings. */
function headerTexts(headers: string[], mapping: ColumnMapping): Partial<Record<ColumnRole, string>> {
  const out: Partial<Record<ColumnRole, string>> = {};
  for (const [role, idx] of Object.entries(mapping) as Array<[ColumnRole, number]>) {
    const h = headers[idx];
    if (typeof h === 'string' && h.trim() !== '') out[role] = h;
  }
  return out;
}

/**
 * Saves the picker's choice (the dialog's google.script.run call): re-reads the header row (one
 * getRange + getDisplayValues), refuses when it changed, adds the asked-for columns, saves.
 */
export function applySetupChoice(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  raw: unknown,
): SetupChoiceResult {
  const choice = validate(raw);
  const sheet = ss.getSheetByName(choice.sheetName);
  if (!sheet) throw new UserError(`The sheet "${choice.sheetName}" is gone. Nothing was saved.`);
  const width = Math.max(1, sheet.getLastColumn());
  const now = sheet.getRange(choice.headerRow, 1, 1, width).getDisplayValues()[0].map(String);
  const same =
    now.length >= choice.headers.length &&
    choice.headers.every((h, i) => h === now[i]) &&
    now.slice(choice.headers.length).every((h) => h === '');
  if (!same) {
    throw new UserError(
      `The headers in row ${choice.headerRow} of "${choice.sheetName}" changed while the picker was open. ` +
        'Run "Set up this sheet" again. Nothing was saved.',
    );
  }
  let headers = [...choice.headers];
  const mapping: ColumnMapping = {};
  for (const [role, v] of Object.entries(choice.columns) as Array<[ColumnRole, number | 'add']>) {
    if (typeof v === 'number') mapping[role] = v;
  }
  const added: string[] = [];
  const firstDataRow = choice.headerRow + 1;
  if (choice.columns.nextStep === 'add') {
    // At the end of the table: no existing column moves.
    const col = addNextStepColumn(sheet, choice.headerRow, headers.length);
    mapping.nextStep = col - 1;
    headers = [...headers, NEXT_STEP_HEADER];
    added.push(`"${NEXT_STEP_HEADER}" (column ${columnLetters(col)})`);
  }
  if (choice.columns.nextStepUpdated === 'add') {
    const stepIdx = mapping.nextStep as number;
    const col = addUpdatedColumn(sheet, { headerRow: choice.headerRow, firstDataRow, mapping });
    for (const role of Object.keys(mapping) as ColumnRole[]) {
      if ((mapping[role] as number) > stepIdx) mapping[role] = (mapping[role] as number) + 1;
    }
    mapping.nextStepUpdated = col - 1;
    headers = [...headers.slice(0, stepIdx + 1), UPDATED_HEADER, ...headers.slice(stepIdx + 1)];
    added.push(`"${UPDATED_HEADER}" (column ${columnLetters(col)})`);
  }
  const { settings: saved } = loadSettings();
  const next: Settings = {
    ...saved,
    sheetName: choice.sheetName,
    headerRow: choice.headerRow,
    columns: headerTexts(headers, mapping),
  };
  saveSettings(next);
  try {
    refreshHighlightsIfOn(ss);
  } catch {
    // Highlights are re-applied from the menu; the choice itself is saved.
  }
  const message =
    (added.length ? `Added ${added.join(' and ')}. ` : '') +
    `Saved the columns of "${choice.sheetName}". Turn highlights on from the menu to colour missing, vague, overdue and stale next steps.`;
  try {
    ss.toast(message, 'Next Step Tracker: setup saved', 8);
  } catch {
    // The dialog closes either way; the toast is a courtesy.
  }
  return { message, settings: next };
}

/** RPC from the picker dialog. A UserError goes back to the dialog's failure handler, which shows it. */
export function saveSetupChoice(choice: unknown): SetupChoiceResult {
  return applySetupChoice(SpreadsheetApp.getActive(), choice);
}
