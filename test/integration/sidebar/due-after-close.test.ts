/**
 * The due cell after a closed step, through the built bundle in the emulator (200-deal fixture, today
 * 2026-03-11, Europe/London; Next step G, due H). Row 18: "Pricing review call with Jane on 11/03",
 * due 11 March. After Done / Didn't happen / Moved the closed step's date is replaced by the next
 * step's (or cleared); any other due cell is the user's and is kept (docs/sidebar.md, "Due dates after
 * a closed step").
 */
import type {
  SelectionContext,
  StepOutcomeKind,
  StepOutcomeResult,
  WriteNextStepResult,
} from '../../../src/core/rpc-contract';
import { STEP_LOG_HEADERS } from '../../../src/core/step-log/entry';
import { RECENT_LOG_ROWS } from '../../../src/addon/step-log';
import { setup, type Harness } from './helpers';

const LOG = 'Next Step Tracker log';
const DATED = 'Send the revised MSA to Jane by Fri 20 Mar';
const UNDATED = 'Send the revised MSA to Jane';
const FORMAT = 'ddd d mmm';
const NOTE = 'Agreed on the call';

function read(h: Harness, a1: string) {
  h.select(a1);
  return h.call<SelectionContext>('getSelectionContext').row!;
}

/** Row 18 with a formatted, annotated due cell: the closed step's date, 11 March. */
function row18(h: Harness) {
  const due = h.sheet().getRange('H18');
  due.setNumberFormat(FORMAT);
  due.setNote(NOTE);
  expect(due.getValue()).toEqual(new Date('2026-03-11T00:00:00Z'));
  return read(h, 'G18');
}

function close(h: Harness, row: ReturnType<typeof read>, outcome: StepOutcomeKind = 'done'): void {
  const result = h.call<StepOutcomeResult>('recordStepOutcome', {
    row: 18,
    dealKey: row.dealKey,
    expected: row.nextStep,
    outcome,
  });
  expect(result).toMatchObject({ logged: 1, problems: [] });
}

function write(h: Harness, row: ReturnType<typeof read>, text: string): WriteNextStepResult {
  return h.call<WriteNextStepResult>('writeNextStep', {
    row: 18,
    text,
    expected: row.nextStep,
    dealKey: row.dealKey,
  });
}

function dueCell(h: Harness): { value: unknown; format: string; note: string } {
  const r = h.sheet().getRange('H18');
  return { value: r.getValue(), format: r.getNumberFormat(), note: r.getNote() };
}

function logRows(h: Harness): string[][] {
  const sheet = h.g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(LOG);
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet.getRange(2, 1, sheet.getLastRow() - 1, 8).getValues() as string[][];
}

/** Appends `n` events of other deals to the log (creating it, with its header, when absent). */
function padLog(h: Harness, n: number): void {
  const ss = h.g.SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(LOG) ?? ss.insertSheet(LOG);
  if (sheet.getLastRow() === 0) sheet.getRange(1, 1, 1, 8).setValues([STEP_LOG_HEADERS]);
  const last = sheet.getLastRow();
  // Spare rows below, as a sheet has: a short and a long log then append alike.
  const need = last + n + 100 - sheet.getMaxRows();
  if (need > 0) sheet.insertRowsAfter(sheet.getMaxRows(), need);
  const rows = Array.from({ length: n }, (_, i) => [
    // Within the log's retention and before the test's Done, so pruning only follows the row cap.
    new Date(Date.parse('2026-03-01T00:00:00Z') + i * 1000).toISOString(),
    `da:filler ${i % 97}|x`,
    `Filler ${i % 97}`,
    'Tom',
    i % 2 ? 'done' : 'set',
    'Call Jane on Fri',
    '2026-03-13',
    '',
  ]);
  sheet.getRange(last + 1, 1, n, 8).setValues(rows);
  ss.getSheetByName('Pipeline')!.activate();
}

describe('the due cell after a closed step', () => {
  test('Done → a dated step: the closed date is replaced; the format and note stay', () => {
    const h = setup();
    const row = row18(h);
    close(h, row);
    const result = write(h, row, DATED);
    expect(result.dueReplaced).toEqual({ from: '2026-03-11', to: '2026-03-20' });
    expect(result.dueKept).toBeUndefined();
    expect(result.dueWritten).toBeUndefined();
    expect(result.row.due).toBe('2026-03-20');
    expect(dueCell(h)).toEqual({ value: new Date('2026-03-20T00:00:00Z'), format: FORMAT, note: NOTE });
    // The closed step keeps its date in the log; the new step is logged with its own.
    expect(logRows(h).map((r) => [r[4], r[6]])).toEqual([
      ['done', '2026-03-11'],
      ['set', '2026-03-20'],
    ]);
  });

  test("Didn't happen → an undated step: the closed date is cleared", () => {
    const h = setup();
    const row = row18(h);
    close(h, row, 'missed');
    const result = write(h, row, UNDATED);
    expect(result.dueReplaced).toEqual({ from: '2026-03-11', to: '' });
    expect(result.row.due).toBeNull();
    expect(dueCell(h)).toEqual({ value: '', format: FORMAT, note: NOTE });
    expect(logRows(h).map((r) => [r[4], r[6]])).toEqual([
      ['missed', '2026-03-11'],
      ['set', ''],
    ]);
  });

  test('Moved → the same step with a new date: the date it was set with is replaced', () => {
    const h = setup();
    let row = row18(h);
    // A "Moved" logs no date (the new one comes with the write): the log knows the step's date from
    // when it was set, here from the sidebar with the due cell already saying 11 March.
    const set = write(h, row, 'Pricing review call with Jane on Wed 11 Mar');
    expect(set.dueKept).toBeUndefined();
    row = read(h, 'G18');
    close(h, row, 'moved');
    const result = write(h, row, 'Pricing review call with Jane on 24/03');
    expect(result.dueReplaced).toEqual({ from: '2026-03-11', to: '2026-03-24' });
    expect(dueCell(h)).toEqual({ value: new Date('2026-03-24T00:00:00Z'), format: FORMAT, note: NOTE });
  });

  test('Moved on a step set before the log began: the log holds no date for it, so the cell is kept', () => {
    const h = setup();
    const row = row18(h);
    close(h, row, 'moved');
    const result = write(h, row, 'Pricing review call with Jane on 24/03');
    expect(result.dueReplaced).toBeUndefined();
    expect(result.dueKept).toEqual({ day: '2026-03-11', textDue: '2026-03-24' });
  });

  test('a date the user typed after closing is kept, and the result says it differs from the text', () => {
    const h = setup();
    const row = row18(h);
    close(h, row);
    h.sheet().getRange('H18').setValue(new Date('2026-03-24T00:00:00Z'));
    const result = write(h, row, DATED);
    expect(result.dueReplaced).toBeUndefined();
    expect(result.dueKept).toEqual({ day: '2026-03-24', textDue: '2026-03-20' });
    // The due column wins over the text: the row is judged by the user's date.
    expect(result.row.due).toBe('2026-03-24');
    expect(dueCell(h)).toEqual({ value: new Date('2026-03-24T00:00:00Z'), format: FORMAT, note: NOTE });
  });

  test('no outcome recorded (a plain replace): the dated due cell is kept', () => {
    const h = setup();
    const row = row18(h);
    const result = write(h, row, DATED);
    expect(result.dueReplaced).toBeUndefined();
    expect(result.dueKept).toEqual({ day: '2026-03-11', textDue: '2026-03-20' });
    expect(dueCell(h).value).toEqual(new Date('2026-03-11T00:00:00Z'));
  });

  test('a replace after a new step was already written is plain: kept', () => {
    const h = setup();
    const row = row18(h);
    close(h, row);
    // The rep set the cell back to the old day by hand after the new step, then writes again.
    const first = write(h, row, DATED);
    expect(first.dueReplaced).toBeDefined();
    h.sheet().getRange('H18').setValue(new Date('2026-03-11T00:00:00Z'));
    const again = h.call<WriteNextStepResult>('writeNextStep', {
      row: 18,
      text: 'Send the signed MSA to Jane by Fri 27 Mar',
      expected: DATED,
      dealKey: row.dealKey,
    });
    expect(again.dueReplaced).toBeUndefined();
    expect(again.dueKept).toEqual({ day: '2026-03-11', textDue: '2026-03-27' });
  });

  test('a due cell holding text ("tbc") is kept, and nothing is said about it', () => {
    const h = setup();
    h.sheet().getRange('H18').setValue('tbc');
    const row = read(h, 'G18');
    close(h, row);
    const result = write(h, row, DATED);
    expect(result.dueReplaced).toBeUndefined();
    expect(result.dueKept).toBeUndefined();
    expect(result.dueWritten).toBeUndefined();
    expect(h.sheet().getRange('H18').getValue()).toBe('tbc');
  });

  test('the log sheet deleted after Done: kept, and the step is written', () => {
    const h = setup();
    const row = row18(h);
    close(h, row);
    const ss = h.g.SpreadsheetApp.getActiveSpreadsheet();
    ss.deleteSheet(ss.getSheetByName(LOG)!);
    const result = write(h, row, DATED);
    expect(result.dueReplaced).toBeUndefined();
    expect(result.dueKept).toEqual({ day: '2026-03-11', textDue: '2026-03-20' });
    expect(h.sheet().getRange('G18').getValue()).toBe(DATED);
    expect(dueCell(h).value).toEqual(new Date('2026-03-11T00:00:00Z'));
  });

  test('a log whose header was edited is not trusted: kept, no error, the step is written', () => {
    const h = setup();
    const row = row18(h);
    close(h, row);
    const log = h.g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(LOG)!;
    log.getRange('E1').setValue('What happened');
    const result = write(h, row, DATED);
    expect(result.dueReplaced).toBeUndefined();
    expect(result.dueKept).toEqual({ day: '2026-03-11', textDue: '2026-03-20' });
    expect(result.logged).toBe(0);
    expect(h.sheet().getRange('G18').getValue()).toBe(DATED);
    expect(dueCell(h).value).toEqual(new Date('2026-03-11T00:00:00Z'));
  });
});

describe('a long log', () => {
  /** Pads the log to `size` rows, records Done on row 18, and counts the service calls of the write. */
  function writeAfterDone(size: number): { result: WriteNextStepResult; calls: Record<string, number> } {
    const h = setup();
    const row = row18(h);
    // The Done lands at the end of the log (one row less of padding, so the log holds `size`).
    padLog(h, size - 1);
    close(h, row);
    h.select('G18'); // resets the ledger: only the write is counted
    const result = write(h, row, DATED);
    return { result, calls: h.g.ledger.snapshot() };
  }

  test('over RECENT_LOG_ROWS rows, the Done at the tail is found and the write costs the same', () => {
    const small = writeAfterDone(10);
    const over = writeAfterDone(RECENT_LOG_ROWS + 1_000);
    const twice = writeAfterDone(2 * RECENT_LOG_ROWS + 1_000);
    for (const { result } of [small, over, twice]) {
      expect(result.dueReplaced).toEqual({ from: '2026-03-11', to: '2026-03-20' });
    }
    // Past the tail's size the log is read as header + tail: one more read than a short log (read
    // whole), and no more however long the log grows.
    expect(diff(over.calls, small.calls)).toEqual({ 'Range.getValues': 1, 'Sheet.getRange': 1 });
    expect(twice.calls).toEqual(over.calls);
  });

  test('a 20,000-row log (at the cap) costs a fixed few calls more than a 10-row log', () => {
    const small = writeAfterDone(10);
    const full = writeAfterDone(20_000);
    expect(full.result.dueReplaced).toEqual({ from: '2026-03-11', to: '2026-03-20' });
    // The header read apart from the tail, plus the append's pruning at the cap (one read of the
    // time column, one row-count check, one deleteRows): the same whatever the log's length.
    expect(diff(full.calls, small.calls)).toEqual({
      'Range.getValues': 2,
      'Sheet.getRange': 2,
      'Sheet.getMaxRows': 1,
      'Sheet.deleteRows': 1,
    });
  });

  test('a Done older than the last RECENT_LOG_ROWS events is not seen: the cell is kept', () => {
    const h = setup();
    const row = row18(h);
    close(h, row);
    padLog(h, RECENT_LOG_ROWS);
    const result = write(h, row, DATED);
    expect(result.dueReplaced).toBeUndefined();
    expect(result.dueKept).toEqual({ day: '2026-03-11', textDue: '2026-03-20' });
  });
});

/** Calls in `a` beyond those in `b`, by method (methods with the same count are left out). */
function diff(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const method of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = (a[method] ?? 0) - (b[method] ?? 0);
    if (d !== 0) out[method] = d;
  }
  return out;
}
