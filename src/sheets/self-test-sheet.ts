/**
 * The self-test's checks on a temporary sheet: everything the add-on relies on the Spreadsheet service
 * for, done the way the add-on does it (blocks, not cells). The sheet is created here, removed in the
 * same run, and the user's active sheet and selection are put back, so the spreadsheet ends as it was.
 */
import { runCheck, type SelfTestLine } from '../core/self-test';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Rows written and read back in one block (the add-on's tables are this size and larger). */
export const SELF_TEST_ROWS = 200;
const COLS = 5;

export const TEXT_LITERALS = ['=1+1', '+44 20 7946 0000', '- call Jane', '@home'];

export interface Sandbox {
  sheet: Sheet;
  /** Deletes the sheet and restores the active sheet and selection. Safe to call twice. */
  remove(): void;
}

/** A new sheet with a name no sheet has; the user's active sheet and range are restored by remove(). */
export function openSandbox(ss: Spreadsheet, suffix: string): Sandbox {
  const active = ss.getActiveSheet();
  const activeRange = ss.getActiveRange();
  let name = `NST self-test ${suffix}`;
  for (let i = 2; ss.getSheetByName(name); i++) name = `NST self-test ${suffix} ${i}`;
  const sheet = ss.insertSheet(name, ss.getNumSheets());
  let removed = false;
  return {
    sheet,
    remove(): void {
      if (removed) return;
      removed = true;
      ss.deleteSheet(sheet);
      if (active) ss.setActiveSheet(active);
      if (activeRange) ss.setActiveRange(activeRange);
    },
  };
}

function sameGrid(a: unknown[][], b: unknown[][]): boolean {
  return (
    a.length === b.length &&
    a.every((row, r) => row.length === b[r].length && row.every((v, c) => v === b[r][c]))
  );
}

export function checkValuesBlock(sheet: Sheet): SelfTestLine {
  return runCheck(
    'values-block',
    `Write and read ${SELF_TEST_ROWS} × ${COLS} cells in one block each`,
    'the same values back, in 1 write and 1 read',
    () => {
      const grid = Array.from({ length: SELF_TEST_ROWS }, (_, r) =>
        Array.from({ length: COLS }, (_, c) => (c === 0 ? `Deal ${r + 1}` : r * COLS + c)),
      );
      const range = sheet.getRange(1, 1, SELF_TEST_ROWS, COLS);
      range.setValues(grid);
      const back = range.getValues();
      const ok = sameGrid(back, grid);
      return { seen: ok ? 'same values' : `differs, e.g. row 1: ${JSON.stringify(back[0])}`, pass: ok };
    },
  );
}

export function checkTextFormat(sheet: Sheet): SelfTestLine {
  return runCheck(
    'text-format',
    'Plain-text format (@) keeps =, +, - and @ text literal',
    TEXT_LITERALS.join(' | '),
    () => {
      const range = sheet.getRange(1, COLS + 2, TEXT_LITERALS.length, 1);
      range.setNumberFormat('@');
      range.setValues(TEXT_LITERALS.map((t) => [t]));
      const values = range.getValues().map((r) => String(r[0]));
      const formulas = range.getFormulas().map((r) => r[0]);
      const ok = values.every((v, i) => v === TEXT_LITERALS[i]) && formulas.every((f) => f === '');
      return {
        seen: values.join(' | ') + (formulas.some((f) => f) ? ' (stored as formulas)' : ''),
        pass: ok,
      };
    },
  );
}

/** Formulas the highlights use, with TODAY() and REGEXMATCH, anchored at `a1` (the rule's first cell). */
export function ruleFormulas(col: string, row: number): string[] {
  return [
    `=AND(${col}${row}<>"", ${col}${row}<TODAY())`,
    `=REGEXMATCH(TO_TEXT(${col}${row}), "(?i)^(follow up|check in)$")`,
    `=LEN(TRIM(${col}${row}))=0`,
  ];
}

function criteriaFormula(rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule): string {
  const c = rule.getBooleanCondition();
  return c ? String(c.getCriteriaValues()[0] ?? '') : '';
}

/**
 * Reuses ONE builder for two rules (as the add-on once did) and reads the rules back: if build() did
 * not snapshot the builder, both rules carry the second formula. The add-on now builds each rule from a
 * fresh builder, so it is safe either way; this line tells which reading is Google's.
 */
export function checkBuilderSnapshot(sheet: Sheet): SelfTestLine {
  const formulas = ['=$A1="x"', '=$A1="y"'];
  return runCheck(
    'cf-builder-snapshot',
    'ConditionalFormatRuleBuilder.build() takes a copy (one builder, two rules)',
    formulas.join(' then '),
    () => {
      const builder = SpreadsheetApp.newConditionalFormatRule().setRanges([sheet.getRange('A1:A10')]);
      const first = builder.whenFormulaSatisfied(formulas[0]).setBackground('#fce8e6').build();
      const second = builder.whenFormulaSatisfied(formulas[1]).setBackground('#e6f4ea').build();
      sheet.setConditionalFormatRules([first, second]);
      const seen = sheet.getConditionalFormatRules().map(criteriaFormula);
      sheet.setConditionalFormatRules([]);
      return { seen: seen.join(' then '), pass: seen.join('|') === formulas.join('|') };
    },
  );
}

/** Rules from fresh builders (the add-on's way), with TODAY() and REGEXMATCH, compared formula by formula. */
export function checkRulesRoundTrip(sheet: Sheet): SelfTestLine {
  const formulas = ruleFormulas('B', 2);
  const colours = ['#f4c7c3', '#fce8b2', '#dadce0'];
  return runCheck(
    'cf-rules-roundtrip',
    'Conditional-format rules with TODAY() and REGEXMATCH read back formula by formula',
    `${formulas.length} rules, same formulas and colours, in order`,
    () => {
      const range = sheet.getRange(2, 2, SELF_TEST_ROWS - 1, 1);
      const rules = formulas.map((f, i) =>
        SpreadsheetApp.newConditionalFormatRule()
          .setRanges([range])
          .whenFormulaSatisfied(f)
          .setBackground(colours[i])
          .build(),
      );
      sheet.setConditionalFormatRules(rules);
      const back = sheet.getConditionalFormatRules();
      const mismatches = formulas.flatMap((f, i) => {
        const rule = back[i];
        if (!rule) return [`rule ${i + 1} missing`];
        const got = criteriaFormula(rule);
        const bg = String(rule.getBooleanCondition()?.getBackground() ?? '').toLowerCase();
        return got === f && bg === colours[i] ? [] : [`rule ${i + 1}: ${got} ${bg}`];
      });
      sheet.setConditionalFormatRules([]);
      const ok = back.length === formulas.length && mismatches.length === 0;
      return {
        seen: ok ? `${back.length} rules, all equal` : mismatches.join('; ') || `${back.length} rules`,
        pass: ok,
      };
    },
  );
}

/** TODAY() and REGEXMATCH evaluated in cells (a rule's result cannot be read from a script). */
export function checkFormulaFunctions(sheet: Sheet, todayInZone: string): SelfTestLine {
  return runCheck(
    'formulas-today-regexmatch',
    'TODAY() and REGEXMATCH evaluate in this spreadsheet',
    `TODAY() = ${todayInZone}; REGEXMATCH("Follow up", "(?i)follow up") = TRUE`,
    () => {
      const range = sheet.getRange(1, COLS + 4, 1, 2);
      range.setFormulas([['=TEXT(TODAY(), "yyyy-mm-dd")', '=REGEXMATCH("Follow up", "(?i)follow up")']]);
      const [today, match] = range.getValues()[0];
      const ok = String(today) === todayInZone && match === true;
      return { seen: `TODAY() = ${String(today)}; REGEXMATCH = ${String(match)}`, pass: ok };
    },
  );
}

export function checkHyperlink(sheet: Sheet): SelfTestLine {
  const formula = `=HYPERLINK("#gid=${sheet.getSheetId()}&range=A5", "Go to A5")`;
  return runCheck(
    'hyperlink-gid',
    'HYPERLINK to #gid=…&range=… (the review tab links back to each deal)',
    `${formula} showing "Go to A5"`,
    () => {
      const cell = sheet.getRange(2, COLS + 4);
      cell.setFormula(formula);
      const back = cell.getFormula();
      const shown = cell.getDisplayValue();
      return { seen: `${back} showing "${shown}"`, pass: back === formula && shown === 'Go to A5' };
    },
  );
}

export function checkChart(sheet: Sheet): SelfTestLine {
  return runCheck(
    'chart',
    'Insert a chart and remove it (the review tab’s charts)',
    'one more chart, then none',
    () => {
      const before = sheet.getCharts().length;
      const chart = sheet
        .newChart()
        .asColumnChart()
        .addRange(sheet.getRange(1, 1, 10, 2))
        .setPosition(1, 1, 0, 0)
        .build();
      sheet.insertChart(chart);
      const during = sheet.getCharts().length;
      const inserted = sheet.getCharts()[during - 1];
      if (inserted) sheet.removeChart(inserted);
      const after = sheet.getCharts().length;
      return {
        seen: `${before} → ${during} → ${after}`,
        pass: during === before + 1 && after === before,
      };
    },
  );
}

export function checkNotes(sheet: Sheet): SelfTestLine {
  const notes = [['Next Step Tracker self-test'], ['<img src=x onerror=alert(1)> stays text']];
  return runCheck('notes', 'Write and read notes in one block', 'the same notes back', () => {
    const range = sheet.getRange(3, COLS + 4, 2, 1);
    range.setNotes(notes);
    const back = range.getNotes();
    return { seen: back.map((r) => r[0]).join(' | '), pass: sameGrid(back, notes) };
  });
}

export function checkProtectionRead(ss: Spreadsheet): SelfTestLine {
  return runCheck(
    'protection-read',
    'Read the spreadsheet’s protected ranges and sheets (never changed)',
    'a list (possibly empty)',
    () => {
      const ranges = ss.getProtections(SpreadsheetApp.ProtectionType.RANGE);
      const sheets = ss.getProtections(SpreadsheetApp.ProtectionType.SHEET);
      const editable = [...ranges, ...sheets].filter((p) => p.canEdit()).length;
      return {
        seen: `${ranges.length} protected range(s), ${sheets.length} protected sheet(s); you can edit ${editable}`,
        pass: Array.isArray(ranges) && Array.isArray(sheets),
      };
    },
  );
}

/** Every Spreadsheet-service check, in the report's order, on the sandbox sheet. */
export function sheetChecks(ss: Spreadsheet, sheet: Sheet, todayInZone: string): SelfTestLine[] {
  return [
    checkValuesBlock(sheet),
    checkTextFormat(sheet),
    checkBuilderSnapshot(sheet),
    checkRulesRoundTrip(sheet),
    checkFormulaFunctions(sheet, todayInZone),
    checkHyperlink(sheet),
    checkChart(sheet),
    checkNotes(sheet),
    checkProtectionRead(ss),
  ];
}
