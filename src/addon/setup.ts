/**
 * Menu: Set up this sheet. Finds the pipeline table on the active sheet, confirms the columns with the
 * user, stores the choice in document properties and offers to add a "Next step updated" column when
 * there is none (inserted after the next-step column: nothing is overwritten, columns to its right
 * move one place). When it cannot tell the columns on its own (no next-step column, a role named
 * twice), or the user answers No, it opens the column picker (setup-picker.ts): a dropdown per role
 * over the sheet's headers with three rows of each, and an offer to add a "Next step" column.
 */
import type { ColumnMapping, ColumnRole } from '../core/types';
import { columnLetters } from '../core/highlights/escape';
import { isUserError, runWithUserErrors, UserError } from './user-error';
import { PipelineError, readTableLayout, type TableLayout } from '../sheets/pipeline';
import { activeSheet } from '../sheets/pipeline-sheet';
import { loadSettings, saveSettings, type Settings } from '../sheets/settings';
import { addUpdatedColumn, NEXT_STEP_HEADER, UPDATED_HEADER } from '../sheets/updated-column';
import { pickerModel, showPicker } from './setup-picker';
import { refreshHighlightsIfOn } from './highlights';

const ROLE_LABELS: Array<[ColumnRole, string]> = [
  ['nextStep', 'Next step'],
  ['nextStepDue', 'Next step due'],
  ['nextStepUpdated', 'Next step updated'],
  ['stage', 'Stage'],
  ['deal', 'Deal'],
  ['account', 'Account'],
  ['owner', 'Owner'],
  ['amount', 'Amount'],
  ['closeDate', 'Close date'],
  ['dealId', 'Deal ID'],
];

type Ui = GoogleAppsScript.Base.Ui;

export type SetupOutcome =
  | { status: 'saved'; settings: Settings; addedUpdatedColumn: boolean; highlightsRefreshed: boolean }
  | { status: 'cancelled'; reason: string }
  /** The column picker was opened; its Save (saveSetupChoice) saves. */
  | { status: 'picker'; reason: string };

/** Role → header text for every mapped role. */
export function columnsFromLayout(
  headers: string[],
  mapping: ColumnMapping,
): Partial<Record<ColumnRole, string>> {
  const out: Partial<Record<ColumnRole, string>> = {};
  for (const [role] of ROLE_LABELS) {
    const idx = mapping[role];
    if (idx !== undefined && typeof headers[idx] === 'string' && headers[idx].trim() !== '')
      out[role] = headers[idx];
  }
  return out;
}

/** The mapping as lines a person can check. */
export function describeMapping(
  layout: Pick<TableLayout, 'headers' | 'mapping' | 'headerRow'>,
  sheetName: string,
): string {
  const lines = ROLE_LABELS.map(([role, label]) => {
    const idx = layout.mapping[role];
    return idx === undefined
      ? `• ${label}: (none found)`
      : `• ${label}: "${layout.headers[idx] ?? ''}" (column ${columnLetters(idx + 1)})`;
  });
  return `Sheet "${sheetName}", headers in row ${layout.headerRow}:\n${lines.join('\n')}`;
}

export function runSetup(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, ui: Ui): SetupOutcome {
  const { settings: saved, config } = loadSettings();
  const { sheet, name } = activeSheet(ss);
  const sameSheet = saved.sheetName === name;
  let columns = sameSheet ? saved.columns : undefined;
  const read = (): TableLayout =>
    readTableLayout(ss, { columns, headerRow: sameSheet ? saved.headerRow : undefined }, config, { sheet });
  let layout: TableLayout;
  try {
    layout = read();
  } catch (error) {
    if (!(error instanceof PipelineError) || /is empty/.test(error.message)) throw error;
    const reason =
      `No column of "${name}" has a next-step header such as "Next step" or "Next action". ` +
      `Pick the column that holds your next steps, or add a new "${NEXT_STEP_HEADER}" column.`;
    if (showPicker(ui, pickerModel(sheet, reason)))
      return { status: 'picker', reason: 'no next-step column' };
    // No dialog here: ask for the header by name instead.
    const response = ui.prompt(
      'Next Step Tracker: setup',
      `${reason}\n\nType the header of the column that holds your next steps (or Cancel):`,
      ui.ButtonSet.OK_CANCEL,
    );
    const typed = response.getResponseText().trim();
    if (response.getSelectedButton() !== ui.Button.OK || typed === '') {
      return { status: 'cancelled', reason: 'no next-step column' };
    }
    columns = { ...(columns ?? {}), nextStep: typed };
    try {
      layout = read();
    } catch (again) {
      if (isUserError(again))
        throw new UserError(`No column headed "${typed}" was found in "${name}". Nothing was saved.`);
      throw again;
    }
  }
  // The same role named twice: setup cannot tell which column is meant, so the person picks.
  const ambiguous = layout.problems.filter((p) => /^Duplicate /.test(p));
  if (ambiguous.length > 0) {
    const reason = `${ambiguous.join('. ')}. Check the columns below.`;
    if (showPicker(ui, pickerModel(sheet, reason, layout.headerRow)))
      return { status: 'picker', reason: 'ambiguous columns' };
  }
  const answer = ui.alert(
    'Next Step Tracker: set up this sheet',
    `${describeMapping(layout, name)}\n\nUse these columns? (No: choose them yourself, with a preview of each column.)`,
    ui.ButtonSet.YES_NO,
  );
  if (answer !== ui.Button.YES) {
    const reason = 'Choose the column for each role; nothing is saved until you press Save.';
    if (answer === ui.Button.NO && showPicker(ui, pickerModel(sheet, reason, layout.headerRow)))
      return { status: 'picker', reason: 'mapping not confirmed' };
    return { status: 'cancelled', reason: 'mapping not confirmed' };
  }

  const next: Settings = {
    ...saved,
    sheetName: name,
    headerRow: layout.headerRow,
    columns: columnsFromLayout(layout.headers, layout.mapping),
  };
  let addedUpdatedColumn = false;
  if (layout.mapping.nextStepUpdated === undefined) {
    const stepHeader = layout.headers[layout.mapping.nextStep as number] ?? 'Next step';
    const add = ui.alert(
      `Add a "${UPDATED_HEADER}" column?`,
      `There is no column for when each next step was last updated. Add "${UPDATED_HEADER}" right after "${stepHeader}"? ` +
        'From then on, editing a next step stamps the time there, and stale steps can be highlighted. ' +
        'Nothing is overwritten: the columns to its right move one place right.',
      ui.ButtonSet.YES_NO,
    );
    if (add === ui.Button.YES) {
      addUpdatedColumn(sheet, layout);
      addedUpdatedColumn = true;
      // Headers moved: store the texts as they now are.
      const shifted: ColumnMapping = {};
      const stepIdx = layout.mapping.nextStep as number;
      for (const [role, idx] of Object.entries(layout.mapping) as Array<[ColumnRole, number]>) {
        shifted[role] = idx > stepIdx ? idx + 1 : idx;
      }
      shifted.nextStepUpdated = stepIdx + 1;
      const headers = [
        ...layout.headers.slice(0, stepIdx + 1),
        UPDATED_HEADER,
        ...layout.headers.slice(stepIdx + 1),
      ];
      next.columns = columnsFromLayout(headers, shifted);
    }
  }
  saveSettings(next);
  let highlightsRefreshed = false;
  try {
    highlightsRefreshed = refreshHighlightsIfOn(ss);
  } catch {
    // Highlights are re-applied from the menu; setup itself succeeded.
  }
  ui.alert(
    'Next Step Tracker: setup saved',
    (addedUpdatedColumn ? `Added "${UPDATED_HEADER}". ` : '') +
      'Settings saved. Turn highlights on from the menu to colour missing, vague, overdue and stale next steps.',
    ui.ButtonSet.OK,
  );
  return { status: 'saved', settings: next, addedUpdatedColumn, highlightsRefreshed };
}

/** Menu: Set up this sheet. */
export function setUpSheet(): void {
  runWithUserErrors('Next Step Tracker: setup', () =>
    runSetup(SpreadsheetApp.getActive(), SpreadsheetApp.getUi()),
  );
}
