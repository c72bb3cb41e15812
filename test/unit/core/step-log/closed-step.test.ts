import fc from 'fast-check';
import type { StepLogEntry } from '../../../../src/core/step-log/entry';
import { sortEntries } from '../../../../src/core/step-log/lives';
import { dueBelongsToClosedStep, latestClosedStep } from '../../../../src/core/step-log/closed-step';

const ACME = 'da:acme|acme';
const GLOBEX = 'da:globex|globex';
const base = { dealKey: ACME, deal: 'Acme', owner: 'Maria', text: 'Call Jane', due: '', by: '' };
const e = (
  at: string,
  event: StepLogEntry['event'],
  due = '',
  extra: Partial<StepLogEntry> = {},
): StepLogEntry => ({ ...base, at: `${at}T10:00:00.000Z`, event, due, ...extra });

describe('latestClosedStep', () => {
  test('done: the step, when it ended, and its logged due', () => {
    const log = [e('2026-03-02', 'set', '2026-03-11'), e('2026-03-11', 'done', '2026-03-11')];
    expect(latestClosedStep(log, ACME)).toEqual({
      outcome: 'done',
      text: 'Call Jane',
      endedAt: '2026-03-11T10:00:00.000Z',
      dues: ['2026-03-11'],
    });
  });

  test("didn't happen (missed) closes the step too", () => {
    const log = [e('2026-03-02', 'set', '2026-03-09'), e('2026-03-10', 'missed', '2026-03-09')];
    expect(latestClosedStep(log, ACME)).toMatchObject({ outcome: 'missed', dues: ['2026-03-09'] });
  });

  test('the due the step was set with and the due it was closed with are both its dates', () => {
    // Set for the 9th, the due column then said the 11th when it was closed (no `moved` logged).
    const log = [e('2026-03-02', 'set', '2026-03-09'), e('2026-03-10', 'done', '2026-03-11')];
    expect(latestClosedStep(log, ACME)?.dues).toEqual(['2026-03-11', '2026-03-09']);
  });

  test('moved without a new date (the sidebar\'s "Moved"): closed, with the date it was set with', () => {
    const log = [e('2026-03-02', 'set', '2026-03-11'), e('2026-03-11', 'moved', '')];
    expect(latestClosedStep(log, ACME)).toMatchObject({ outcome: 'moved', dues: ['2026-03-11'] });
  });

  test('moved to a new date (the due column edited): the step lives on, nothing is closed', () => {
    const log = [e('2026-03-02', 'set', '2026-03-11'), e('2026-03-10', 'moved', '2026-03-20')];
    expect(latestClosedStep(log, ACME)).toBeNull();
  });

  test('moved for a step set before the log began: closed, but the log holds no date for it', () => {
    expect(latestClosedStep([e('2026-03-11', 'moved', '')], ACME)).toMatchObject({
      outcome: 'moved',
      dues: [],
    });
  });

  test('done for a step set before the log began: the date logged when it closed', () => {
    expect(latestClosedStep([e('2026-03-11', 'done', '2026-03-11')], ACME)?.dues).toEqual(['2026-03-11']);
  });

  test('a step set after the close is open: null', () => {
    const log = [
      e('2026-03-02', 'set', '2026-03-11'),
      e('2026-03-11', 'done', '2026-03-11'),
      e('2026-03-11', 'set', '2026-03-20', { text: 'Send the MSA' }),
    ];
    expect(latestClosedStep(log, ACME)).toBeNull();
  });

  test('events at the same instant keep their log order (set after done: open)', () => {
    const at = '2026-03-11';
    expect(latestClosedStep([e(at, 'done', '2026-03-11'), e(at, 'set', '2026-03-20')], ACME)).toBeNull();
    expect(latestClosedStep([e(at, 'set', '2026-03-20'), e(at, 'done', '2026-03-20')], ACME)).toMatchObject({
      outcome: 'done',
      dues: ['2026-03-20'],
    });
  });

  test('entries out of time order are read in time order', () => {
    const log = [e('2026-03-11', 'done', '2026-03-11'), e('2026-03-02', 'set', '2026-03-11')];
    expect(latestClosedStep(log, ACME)?.outcome).toBe('done');
  });

  test("other deals' events are ignored, before and after", () => {
    const other = (at: string, event: StepLogEntry['event'], due = ''): StepLogEntry =>
      e(at, event, due, { dealKey: GLOBEX, deal: 'Globex', text: 'Demo' });
    const log = [
      e('2026-03-02', 'set', '2026-03-11'),
      other('2026-03-05', 'done', '2026-03-05'),
      e('2026-03-11', 'done', '2026-03-11'),
      // Globex's newer step does not reopen Acme's.
      other('2026-03-11', 'set', '2026-03-30'),
    ];
    expect(latestClosedStep(log, ACME)).toMatchObject({ outcome: 'done', dues: ['2026-03-11'] });
    expect(latestClosedStep(log, GLOBEX)).toBeNull();
    expect(latestClosedStep(log, 'da:initech|initech')).toBeNull();
  });

  test('an empty deal key never matches (deals without an identity are not logged)', () => {
    const log = [e('2026-03-11', 'done', '2026-03-11', { dealKey: '' })];
    expect(latestClosedStep(log, '')).toBeNull();
  });

  test('an empty log: null', () => {
    expect(latestClosedStep([], ACME)).toBeNull();
  });

  test('dues are deduplicated and never blank', () => {
    const same = [e('2026-03-02', 'set', '2026-03-11'), e('2026-03-11', 'done', '2026-03-11')];
    expect(latestClosedStep(same, ACME)?.dues).toEqual(['2026-03-11']);
    const none = [e('2026-03-02', 'set', ''), e('2026-03-11', 'done', '')];
    expect(latestClosedStep(none, ACME)?.dues).toEqual([]);
  });
});

describe('dueBelongsToClosedStep', () => {
  const closed = latestClosedStep(
    [e('2026-03-02', 'set', '2026-03-09'), e('2026-03-10', 'done', '2026-03-11')],
    ACME,
  );

  test("the cell's day is one of the closed step's dates", () => {
    expect(dueBelongsToClosedStep(closed, '2026-03-11')).toBe(true);
    expect(dueBelongsToClosedStep(closed, '2026-03-09')).toBe(true);
  });

  test('any other day, no day, or no closed step: the cell is the user’s', () => {
    expect(dueBelongsToClosedStep(closed, '2026-03-20')).toBe(false);
    expect(dueBelongsToClosedStep(closed, undefined)).toBe(false);
    expect(dueBelongsToClosedStep(null, '2026-03-11')).toBe(false);
  });
});

describe('latestClosedStep over any log', () => {
  const KEYS = [ACME, GLOBEX];
  // Few instants, so many events share one (the sidebar's Done and write can land in one millisecond).
  const arbEntry: fc.Arbitrary<StepLogEntry> = fc.record({
    at: fc.constantFrom('2026-03-09', '2026-03-10', '2026-03-11').map((d) => `${d}T10:00:00.000Z`),
    dealKey: fc.constantFrom(...KEYS),
    deal: fc.constant('Deal'),
    owner: fc.constantFrom('Maria', ''),
    event: fc.constantFrom<StepLogEntry['event']>('set', 'done', 'missed', 'moved'),
    text: fc.constantFrom('Call Jane', 'Send the MSA', ''),
    due: fc.constantFrom('', '2026-03-11', '2026-03-20'),
    by: fc.constant(''),
  });

  test('never throws; null when the deal’s last event is a set; else closed as its last event says', () => {
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 30 }), fc.constantFrom(...KEYS), (log, key) => {
        const closed = latestClosedStep(log, key);
        const last = sortEntries(log.filter((x) => x.dealKey === key)).pop();
        if (!last || last.event === 'set' || (last.event === 'moved' && last.due !== '')) {
          expect(closed).toBeNull();
          return;
        }
        expect(closed).not.toBeNull();
        expect(closed!.outcome).toBe(last.event);
        expect(closed!.endedAt).toBe(last.at);
        if (last.event !== 'moved' && last.due !== '') expect(closed!.dues).toContain(last.due);
        expect(new Set(closed!.dues).size).toBe(closed!.dues.length);
        expect(closed!.dues).not.toContain('');
      }),
      { numRuns: 500 },
    );
  });
});
