/**
 * Compose that cannot misfire, the next-step log and snooze, through the built bundle in the emulator
 * (200-deal fixture, today 2026-03-11, rows 3–202, Next step G, due H, updated I).
 */
import type {
  SelectionContext,
  SnoozeResult,
  StepOutcomeResult,
  WriteNextStepResult,
} from '../../../src/core/rpc-contract';
import { cellColours } from '../../../dev/emulator';
import { HIGHLIGHT_LEGEND } from '../../../src/core/highlights/legend';
import { errorOf, setup, type Harness } from './helpers';

const LOG = 'Next Step Tracker log';
const GOOD = 'Send the revised MSA to Jane (CFO) by Fri 13 Mar';

function read(h: Harness, a1: string) {
  h.select(a1);
  return h.call<SelectionContext>('getSelectionContext').row!;
}

function logRows(h: Harness): string[][] {
  const sheet = h.g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(LOG);
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet.getRange(2, 1, sheet.getLastRow() - 1, 8).getValues() as string[][];
}

function snapshot(h: Harness): unknown[][] {
  return h.sheet().getDataRange().getValues();
}

describe('row shift: the write carries the deal identity', () => {
  test('rows deleted between reading and writing: refused, and nothing changes', () => {
    const h = setup();
    const row13 = read(h, 'G13');
    expect(row13.dealKey).toMatch(/^da:/);
    // A colleague deletes two rows above: row 13 now holds what was row 15.
    h.sheet().deleteRows(5, 2);
    const before = snapshot(h);
    const message = errorOf(() =>
      h.call('writeNextStep', {
        sheetName: 'Pipeline',
        row: 13,
        text: GOOD,
        expected: row13.nextStep,
        dealKey: row13.dealKey,
        deal: row13.deal,
      }),
    );
    expect(message).toMatch(/^Row 13 now holds ".+", not the deal the sidebar showed/);
    expect(message).toContain(row13.deal);
    expect(message).toMatch(/Nothing was written/);
    expect(snapshot(h)).toEqual(before);
    expect(logRows(h)).toEqual([]);
  });

  test('even when the other deal has the same next-step text (empty), the write is refused', () => {
    const h = setup();
    const sheet = h.sheet();
    sheet.getRange('G10').setValue('');
    sheet.getRange('G11').setValue('');
    const row10 = read(h, 'G10');
    sheet.deleteRow(3); // row 10 now holds what was row 11, whose step is also empty
    const before = snapshot(h);
    expect(
      errorOf(() => h.call('writeNextStep', { row: 10, text: GOOD, expected: '', dealKey: row10.dealKey })),
    ).toMatch(/Row 10 now holds/);
    expect(snapshot(h)).toEqual(before);
  });

  test('sorting the sheet keeps the identity: the deal moved, its old row number is refused', () => {
    const h = setup();
    const row4 = read(h, 'G4');
    const sheet = h.sheet();
    // Sort by deal name, descending (the emulator has no Range.sort: same effect by values).
    const data = sheet.getRange(3, 1, 200, 9);
    const values = data.getValues();
    values.sort((a, b) => String(b[0]).localeCompare(String(a[0])));
    data.setValues(values);
    const message = errorOf(() =>
      h.call('recordStepOutcome', {
        row: 4,
        dealKey: row4.dealKey,
        expected: row4.nextStep,
        outcome: 'done',
      }),
    );
    expect(message).toMatch(/Row 4 now holds|Row 4 changed/);
    expect(logRows(h)).toEqual([]);
  });

  test('over 500 characters is refused with the reason; exactly 500 is written', () => {
    const h = setup();
    const row = read(h, 'G4');
    const long = 'x'.repeat(5000);
    const message = errorOf(() =>
      h.call('writeNextStep', { row: 4, text: long, expected: row.nextStep, dealKey: row.dealKey }),
    );
    expect(message).toMatch(/5000 characters long; a next step is one sentence, at most 500/);
    expect(h.sheet().getRange('G4').getValue()).toBe(row.nextStep);
    const ok = `Send the MSA to Jane by Fri 13 Mar ${'y'.repeat(500 - 35)}`;
    expect(ok.length).toBe(500);
    h.call('writeNextStep', { row: 4, text: ok, expected: row.nextStep, dealKey: row.dealKey });
    expect(h.sheet().getRange('G4').getValue()).toBe(ok);
  });
});

describe('the next-step log', () => {
  test('Done → write: one log row per event, keyed by deal, never by row', () => {
    const h = setup({ email: 'priya.patel@example.com' });
    const row = read(h, 'G5');
    const done = h.call<StepOutcomeResult>('recordStepOutcome', {
      sheetName: 'Pipeline',
      row: 5,
      dealKey: row.dealKey,
      expected: row.nextStep,
      outcome: 'done',
    });
    expect(done).toMatchObject({ logged: 1, problems: [] });
    const written = h.call<WriteNextStepResult>('writeNextStep', {
      row: 5,
      text: GOOD,
      expected: row.nextStep,
      dealKey: row.dealKey,
    });
    expect(written.logged).toBe(1);
    const rows = logRows(h);
    expect(rows).toEqual([
      [
        '2026-03-11T10:00:00.000Z',
        row.dealKey,
        row.deal,
        row.owner,
        'done',
        row.nextStep,
        row.due ?? '',
        'priya.patel@example.com',
      ],
      [
        '2026-03-11T10:00:00.000Z',
        row.dealKey,
        row.deal,
        row.owner,
        'set',
        GOOD,
        '2026-03-13',
        'priya.patel@example.com',
      ],
    ]);
    const ss = h.g.SpreadsheetApp.getActiveSpreadsheet();
    const log = ss.getSheetByName(LOG)!;
    expect(log.isSheetHidden()).toBe(true);
    expect(log.getProtections(h.g.SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    expect(ss.getActiveSheet().getName()).toBe('Pipeline');
  });

  test('outcomes are refused for another deal, an empty step, or an unknown outcome', () => {
    const h = setup();
    const row = read(h, 'G5');
    expect(
      errorOf(() =>
        h.call('recordStepOutcome', {
          row: 5,
          dealKey: 'da:other|x',
          expected: row.nextStep,
          outcome: 'done',
        }),
      ),
    ).toMatch(/Row 5 now holds .* Nothing was recorded/);
    expect(
      errorOf(() =>
        h.call('recordStepOutcome', { row: 5, dealKey: row.dealKey, expected: row.nextStep, outcome: 'won' }),
      ),
    ).toMatch(/choose Done/);
    expect(logRows(h)).toEqual([]);
  });

  test('a log sheet the add-on did not write is left alone, and the step is still written', () => {
    const h = setup();
    const ss = h.g.SpreadsheetApp.getActiveSpreadsheet();
    ss.insertSheet(LOG).getRange('A1').setValue('my own notes');
    const row = read(h, 'G4');
    const result = h.call<WriteNextStepResult>('writeNextStep', {
      row: 4,
      text: GOOD,
      expected: row.nextStep,
      dealKey: row.dealKey,
    });
    expect(result.logged).toBe(0);
    expect(h.sheet().getRange('G4').getValue()).toBe(GOOD);
    expect(ss.getSheetByName(LOG)!.getRange('A1').getValue()).toBe('my own notes');
  });
});

describe('snooze', () => {
  test('a snooze hides the stale finding for that deal until its day, with the reason shown', () => {
    const h = setup({ email: 'maria@example.com' });
    // Row 3's step was last updated 2026-02-23: stale by the default 14 days.
    const row = read(h, 'G3');
    expect(row.findings.map((f) => f.rule)).toContain('stale');
    const result = h.call<SnoozeResult>('snoozeDeal', {
      row: 3,
      dealKey: row.dealKey,
      until: '2026-03-25',
      reason: 'Board freeze until the 24th',
    });
    expect(result.snooze).toEqual({
      until: '2026-03-25',
      reason: 'Board freeze until the 24th',
      by: 'maria@example.com',
    });
    expect(result.row.findings.map((f) => f.rule)).not.toContain('stale');
    expect(result.row.timing).not.toBe('stale');
    const again = read(h, 'G3');
    expect(again.snooze?.reason).toBe('Board freeze until the 24th');
    expect(again.findings.map((f) => f.rule)).not.toContain('stale');
  });

  test('never longer than the maximum (30 days by default), never without a reason', () => {
    const h = setup();
    const row = read(h, 'G3');
    const base = { row: 3, dealKey: row.dealKey };
    expect(errorOf(() => h.call('snoozeDeal', { ...base, until: '2026-04-11', reason: 'x' }))).toMatch(
      /at most 30 days \(until 2026-04-10\)/,
    );
    expect(errorOf(() => h.call('snoozeDeal', { ...base, until: '2026-03-20', reason: '  ' }))).toMatch(
      /Say why/,
    );
    expect(errorOf(() => h.call('snoozeDeal', { ...base, until: '2026-03-01', reason: 'x' }))).toMatch(
      /today or later/,
    );
  });

  test('a snooze expires by itself, and can be ended early', () => {
    let now = new Date('2026-03-11T10:00:00Z');
    const h = setup({ now: () => now });
    const row = read(h, 'G3');
    h.call('snoozeDeal', {
      row: 3,
      dealKey: row.dealKey,
      until: '2026-03-12',
      reason: 'Waiting for the board',
    });
    expect(read(h, 'G3').snooze).not.toBeNull();
    now = new Date('2026-03-13T10:00:00Z');
    const later = read(h, 'G3');
    expect(later.snooze).toBeNull();
    expect(later.findings.map((f) => f.rule)).toContain('stale');
    now = new Date('2026-03-11T10:00:00Z');
    h.call('snoozeDeal', { row: 3, dealKey: row.dealKey, until: '2026-03-20', reason: 'Board' });
    const ended = h.call<SnoozeResult>('snoozeDeal', { row: 3, dealKey: row.dealKey, until: '', reason: '' });
    expect(ended.snooze).toBeNull();
  });

  test('a snooze never hides a missing step', () => {
    const h = setup();
    h.sheet().getRange('G3').setValue('');
    const row = read(h, 'G3');
    const r = h.call<SnoozeResult>('snoozeDeal', {
      row: 3,
      dealKey: row.dealKey,
      until: '2026-03-20',
      reason: 'Board',
    });
    expect(r.row.verdict).toBe('missing');
    expect(r.row.findings.map((f) => f.rule)).toContain('missing');
  });
});

describe('snooze and the highlights', () => {
  test('the stale colour goes while the deal is snoozed, and comes back after', () => {
    let now = new Date('2026-03-11T10:00:00Z');
    const h = setup({ now: () => now });
    h.call('turnHighlightsOn');
    const stale = HIGHLIGHT_LEGEND.find((e) => e.id === 'stale')!.color.toLowerCase();
    // Row 24: "Send revised MSA to Jane by 20/03", due 20 March, updated 22 Feb: stale only.
    const colour = () => (cellColours(h.sheet())['G24'] ?? '').toLowerCase();
    expect(colour()).toBe(stale);
    const row = read(h, 'G24');
    h.call('snoozeDeal', { row: 24, dealKey: row.dealKey, until: '2026-03-18', reason: 'Legal on holiday' });
    expect(colour()).toBe('');
    now = new Date('2026-03-19T10:00:00Z');
    expect(colour()).toBe(stale);
  });
});
