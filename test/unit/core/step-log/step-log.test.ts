import fc from 'fast-check';
import {
  entriesToDrop,
  entryToRow,
  rowToEntry,
  STEP_LOG_HEADERS,
  type StepLogEntry,
} from '../../../../src/core/step-log/entry';
import { logCompletion, logSlips, stepLives } from '../../../../src/core/step-log/lives';
import { dealKeyOf, dealLabelOf } from '../../../../src/core/deal-identity';

const base = { dealKey: 'da:acme|acme', deal: 'Acme', owner: 'Maria', text: 'Call Jane', due: '', by: '' };
const e = (
  at: string,
  event: StepLogEntry['event'],
  due = '',
  extra: Partial<StepLogEntry> = {},
): StepLogEntry => ({
  ...base,
  at: `${at}T10:00:00.000Z`,
  event,
  due,
  ...extra,
});

describe('log rows', () => {
  test('an entry round-trips through its row; the header is not an entry', () => {
    const entry = e('2026-03-09', 'set', '2026-03-11');
    expect(rowToEntry(entryToRow(entry))).toEqual(entry);
    expect(rowToEntry(STEP_LOG_HEADERS)).toBeNull();
    expect(entryToRow(entry)).toHaveLength(STEP_LOG_HEADERS.length);
  });

  test('long text is cut, formula-looking and HTML text stays text', () => {
    const row = entryToRow({ ...e('2026-03-09', 'set'), text: 'x'.repeat(5000) });
    expect(row[5].length).toBe(1000);
    const odd = { ...e('2026-03-09', 'set'), text: '=HYPERLINK("x")<img onerror=alert(1)>' };
    expect(rowToEntry(entryToRow(odd))?.text).toBe(odd.text);
  });

  test('property: any row from the sheet is an entry or null, never a throw', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.date({ noInvalidDate: true }),
      fc.constantFrom('#N/A', 'set', 'done', '2026-03-09T10:00:00.000Z', 'da:x|y'),
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 10 }), (row) => {
        const entry = rowToEntry(row);
        if (entry) {
          expect(['set', 'done', 'missed', 'moved']).toContain(entry.event);
          expect(entry.dealKey).not.toBe('');
        }
      }),
    );
  });

  test('bounds: older than the retention go, then the oldest over the cap', () => {
    const entries = [
      e('2025-01-01', 'set'),
      e('2026-03-01', 'set'),
      e('2026-03-02', 'set'),
      e('2026-03-03', 'set'),
    ];
    const now = '2026-03-09T10:00:00.000Z';
    expect(entriesToDrop(entries, now, { retentionDays: 400, maxEntries: 100 })).toBe(1);
    expect(entriesToDrop(entries, now, { retentionDays: 4000, maxEntries: 2 })).toBe(2);
    expect(entriesToDrop(entries, now, { retentionDays: 4000, maxEntries: 100 })).toBe(0);
  });
});

describe('step lives', () => {
  test('set → done; set → replaced by a new set; moved twice; an outcome for a step set before the log', () => {
    const lives = stepLives([
      e('2026-03-09', 'set', '2026-03-11'),
      e('2026-03-11', 'done'),
      e('2026-03-11', 'set', '2026-03-20', { text: 'Send MSA' }),
      e('2026-03-12', 'set', '2026-03-25', { text: 'Send MSA v2' }),
      e('2026-03-09', 'missed', '2026-03-06', { dealKey: 'da:old|old', text: 'Old step' }),
    ]);
    expect(lives.map((l) => [l.dealKey, l.text, l.due, l.outcome])).toEqual([
      ['da:acme|acme', 'Call Jane', '2026-03-11', 'done'],
      ['da:old|old', 'Old step', '2026-03-06', 'missed'],
      ['da:acme|acme', 'Send MSA', '2026-03-20', 'replaced'],
      ['da:acme|acme', 'Send MSA v2', '2026-03-25', 'open'],
    ]);
  });

  test('completion per owner counts steps due in the week, done ones as completed', () => {
    const lives = stepLives([
      e('2026-03-02', 'set', '2026-03-04'),
      e('2026-03-04', 'done'),
      e('2026-03-02', 'set', '2026-03-05', { dealKey: 'k2', owner: 'Ben' }),
      e('2026-03-06', 'missed', '', { dealKey: 'k2', owner: 'Ben' }),
      e('2026-03-02', 'set', '2026-03-20', { dealKey: 'k3', owner: 'Ben' }),
    ]);
    const c = logCompletion(lives, { start: '2026-03-02', end: '2026-03-08' });
    expect(c.overall).toEqual({ due: 2, done: 1, rate: 0.5 });
    expect(c.byOwner).toEqual([
      { owner: 'Ben', due: 1, done: 0, rate: 0 },
      { owner: 'Maria', due: 1, done: 1, rate: 1 },
    ]);
    expect([...c.dealKeys].sort()).toEqual(['da:acme|acme', 'k2', 'k3']);
  });

  test('slippage: pushed later twice within 14 days; once, or earlier, or long ago is not a slip', () => {
    const moved = [
      e('2026-03-02', 'set', '2026-03-04'),
      e('2026-03-03', 'moved'),
      e('2026-03-03', 'set', '2026-03-06'),
      e('2026-03-05', 'moved', '2026-03-10'), // the due column edited: same text to the 10th
    ];
    const slips = logSlips(stepLives(moved), '2026-03-09');
    expect(slips.map((s) => s.reason)).toEqual([
      'Due date pushed 2 times in 14 days: 2026-03-04 → 2026-03-06 → 2026-03-10',
    ]);
    expect(logSlips(stepLives(moved.slice(0, 3)), '2026-03-09')).toEqual([]);
    expect(logSlips(stepLives(moved), '2026-04-30')).toEqual([]);
    const earlier = [
      e('2026-03-02', 'set', '2026-03-10'),
      e('2026-03-03', 'moved', '2026-03-08'),
      e('2026-03-04', 'moved', '2026-03-06'),
    ];
    expect(logSlips(stepLives(earlier), '2026-03-09')).toEqual([]);
  });
});

describe('deal identity', () => {
  const mapping = { deal: 0, account: 1, dealId: 2, nextStep: 3 };
  test('deal id first, else deal + account, normalised; nothing → ""', () => {
    expect(dealKeyOf(['Acme  Renewal', 'ACME', '', 'x'], mapping)).toBe('da:acme renewal|acme');
    expect(dealKeyOf(['Acme', 'Acme', ' D-17 ', 'x'], mapping)).toBe('id:d-17');
    expect(dealKeyOf(['', '', '', 'x'], mapping)).toBe('');
    expect(dealLabelOf(['', 'Acme', '', 'x'], mapping)).toBe('Acme');
  });
  test('property: never throws on any cells', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.double(), fc.constant(null), fc.date()), { maxLength: 4 }),
        (row) => {
          expect(typeof dealKeyOf(row, mapping)).toBe('string');
        },
      ),
    );
  });
});
