/**
 * One rule, one place: the due column anchors a step for analyzeText and analyzeRows alike; the
 * default config is built once; a weekday next to an explicit date takes the explicit date.
 */
import fc from 'fast-check';
import { analyzeRows, analyzeText } from '../../../src/core/analyze';
import { defaultConfig, sharedDefaultConfig } from '../../../src/core/config';
import { toIso, weekday } from '../../../src/core/dates/calendar';
import { extractDates } from '../../../src/core/dates/extract';

const CTX = { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB' };
const MAPPING = { deal: 0, stage: 1, nextStep: 2, nextStepDue: 3 };

describe('a date in the due column anchors the step (dueDate)', () => {
  it('makes an undated concrete step ok, with the due date and no no-time finding', () => {
    const plain = analyzeText('Pricing call with the CFO', CTX);
    expect(plain.verdict).toBe('weak');
    expect(plain.findings.map((f) => f.rule)).toContain('no-time');
    const dated = analyzeText('Pricing call with the CFO', { ...CTX, dueDate: '2026-03-20' });
    expect(dated.verdict).toBe('ok');
    expect(dated.due).toBe('2026-03-20');
    expect(dated.findings.map((f) => f.rule)).not.toContain('no-time');
    expect(dated.score).toBeGreaterThan(plain.score);
  });

  it.each([
    ['Check in with Omar', 'weak'],
    ['Contract signed, waiting on their PO', 'bad'],
    ['', 'missing'],
  ])('anchors only forward steps: %p → %p', (text, verdict) => {
    expect(analyzeText(text, { ...CTX, dueDate: '2026-04-02' }).verdict).toBe(verdict);
  });

  it('wins over a date in the text for `due`, as the due column does in analyzeRows', () => {
    expect(analyzeText('Send the order form to Priya by Fri', { ...CTX, dueDate: '2026-03-30' }).due).toBe(
      '2026-03-30',
    );
  });

  it('ignores a value that is not an ISO day', () => {
    const r = analyzeText('Security review with their IT team', { ...CTX, dueDate: '31/03/2026' });
    expect(r.verdict).toBe('weak');
    expect(r.due).toBeUndefined();
  });

  it('gives the same verdict whether the due date is past, today or ahead', () => {
    const verdicts = ['2025-01-02', '2026-03-15', '2027-06-30'].map(
      (dueDate) => analyzeText('Onboarding workshop with their ops lead', { ...CTX, dueDate }).verdict,
    );
    expect(new Set(verdicts)).toEqual(new Set(['ok']));
  });

  it('analyzeRows reads the due cell the same way (sidebar and NEXTSTEP_CHECK agree)', () => {
    const due = new Date(Date.UTC(2026, 2, 20, 12));
    const [row] = analyzeRows(
      [['Acme', 'Proposal', 'Pricing call with the CFO', due]],
      MAPPING,
      defaultConfig(),
      {
        ...CTX,
        firstRowNumber: 2,
      },
    );
    const text = analyzeText('Pricing call with the CFO', { ...CTX, dueDate: '2026-03-20' });
    expect(row.verdict).toBe('ok');
    expect(row.verdict).toBe(text.verdict);
    expect(row.score).toBe(text.score);
    expect(row.due).toBe('2026-03-20');
    expect(row.findings.map((f) => f.rule)).not.toContain('no-time');
  });

  it('does not leak one row’s due date into the next row', () => {
    const rows = analyzeRows(
      [
        ['A', 'Proposal', 'Pricing call with the CFO', new Date(Date.UTC(2026, 2, 20, 12))],
        ['B', 'Proposal', 'Pricing call with the CFO', ''],
      ],
      MAPPING,
      defaultConfig(),
      { ...CTX, firstRowNumber: 2 },
    );
    expect(rows.map((r) => r.verdict)).toEqual(['ok', 'weak']);
  });
});

describe('the default config is built once', () => {
  it('is one frozen object, and analyzeText without a config judges as with defaultConfig()', () => {
    const shared = sharedDefaultConfig();
    expect(sharedDefaultConfig()).toBe(shared);
    expect(Object.isFrozen(shared)).toBe(true);
    expect(Object.isFrozen(shared.rules['no-time'])).toBe(true);
    expect(Object.isFrozen(shared.actionVerbs)).toBe(true);
    for (const text of [
      'Send the SOW to Dana by EOW',
      'Follow up',
      'Waiting on legal',
      'Demo for their CTO',
    ]) {
      expect(analyzeText(text, CTX)).toEqual(analyzeText(text, { ...CTX, config: defaultConfig() }));
    }
  });

  it('leaves defaultConfig() fresh and mutable', () => {
    const a = defaultConfig();
    a.rules['no-time'].enabled = false;
    expect(defaultConfig().rules['no-time'].enabled).toBe(true);
    expect(sharedDefaultConfig().rules['no-time'].enabled).toBe(true);
    expect(analyzeText('Send the SOW to Dana', { ...CTX, config: a }).verdict).toBe('ok');
    expect(analyzeText('Send the SOW to Dana', CTX).verdict).toBe('weak');
  });
});

describe('a weekday next to an explicit date: the explicit date wins', () => {
  const due = (text: string): string | undefined => analyzeText(text, CTX).due;

  it.each([
    ['Send revised MSA to Jane by Fri 24/04/2026', '2026-04-24'],
    ['Return the signed DPA to Lena Fri 24-04-2026', '2026-04-24'],
    ['Scoping call with Raj on Thursday 2026-04-02', '2026-04-02'],
    ['Send the board pack to the CFO Fri (27/03)', '2026-03-27'],
    ['Send the renewal quote to Sam Wed - 01/04', '2026-04-01'],
    ['Workshop with their data team Tuesday 3 March', '2026-03-03'],
    ['Send the pilot plan to Ines by Fri the 27th', '2026-03-27'],
  ])('%p → %p', (text, day) => {
    expect(due(text)).toBe(day);
  });

  it('reads a bare day of the month after a weekday, in the month where the weekday fits', () => {
    // 15 March 2026 is a Sunday: Monday the 9th is six days back, Thursday the 9th is 9 April.
    expect(due('Call on Mon 9th to agree pricing with Ana')).toBe('2026-03-09');
    expect(due('Call Thu 9th with Ana to agree pricing')).toBe('2026-04-09');
    expect(due('Send the deck to Ana Fri 24th')).toBe('2026-04-24');
  });

  it('keeps the explicit date when the weekday disagrees with it', () => {
    // 24 April 2026 is a Friday, not a Thursday.
    expect(due('Send revised MSA to Jane by Thu 24/04/2026')).toBe('2026-04-24');
    expect(due('Send revised MSA to Jane by Thu 24-04-2026')).toBe('2026-04-24');
  });

  it('leaves a weekday alone when what follows is not a date', () => {
    expect(due('Demo for Jane Fri 2nd floor meeting room')).toBe('2026-03-20');
    expect(due('Pricing call with Jane Fri 3pm')).toBe('2026-03-20');
    expect(due('Send the deck to Jane Fri, then chase legal')).toBe('2026-03-20');
  });

  it('joins the two into one mention spanning both', () => {
    const { mentions } = extractDates('Legal review with Tom Fri 24-04-2026', {
      locale: 'en_GB',
      reference: '2026-03-15',
      weekStart: 'monday',
    });
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({ text: 'Fri 24-04-2026', date: '2026-04-24', kind: 'day' });
  });

  it('property: any weekday before a full dd-mm-yyyy date yields that date', () => {
    const names = ['Sun', 'Monday', 'Tue', 'Wednesday', 'Thu', 'Friday', 'Sat'];
    fc.assert(
      fc.property(
        fc.integer({ min: 2025, max: 2028 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 6 }),
        (y, m, d, w) => {
          const text = `Send the contract to Jane ${names[w]} ${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${y}`;
          expect(due(text)).toBe(toIso(y, m, d));
        },
      ),
    );
  });

  it('property: a weekday before a bare ordinal lands on that weekday when one is near', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 6 }), (d, w) => {
        const names = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
        const got = due(`Call with Jane to agree pricing ${names[w]} ${d}th`);
        expect(got).toBeDefined();
        expect(Number(got!.slice(8))).toBe(d);
        expect(weekday(got!)).toBe(w);
      }),
    );
  });
});

describe('generalisation fixes (examples written for these tests)', () => {
  const read = (text: string) => analyzeText(text, CTX);

  it.each([
    ["Confirm the rollout plan with Kofi on Thursday's call", '2026-03-19'],
    ["Agree the pricing tiers with their CFO by Friday's board meeting", '2026-03-20'],
  ])('a possessive day with its own "on"/"by" times the step: %p', (text, day) => {
    expect(read(text).verdict).toBe('ok');
    expect(read(text).due).toBe(day);
  });

  it.each(["Follow up on Tuesday's workshop", "Get back on Monday's questions to Lee"])(
    'but "follow up on" / "get back on" a day\'s event is about it, not when: %p',
    (text) => {
      expect(read(text).due).toBeUndefined();
    },
  );

  it.each([
    ['Maybe a workshop with their ops team', 'bad'],
    ['Perhaps send Lee the case study', 'bad'],
    ['We might run a pilot with their IT team in May', 'weak'],
    ['Possibly a call with Ana next week', 'weak'],
  ])('a hedged step is not an agreed one: %p → %p', (text, verdict) => {
    expect(read(text).verdict).toBe(verdict);
    expect(read(text).findings.map((f) => f.rule)).toContain('filler');
  });

  it.each(['Send Lee the case study by Fri, maybe earlier', 'Workshop with their ops team Tue 3pm'])(
    'a hedge later in the entry does not undo an agreed step: %p',
    (text) => {
      expect(read(text).verdict).toBe('ok');
    },
  );
});

describe('a weekday and a bare day of the month, against the written date', () => {
  it('prefers the month ahead unless the one behind is much nearer', () => {
    // Written Mon 2 March 2026: "Mon 23rd" is 23 March (21 days ahead), not 23 February (7 back).
    expect(analyzeText('Kick-off workshop with Zoe Mon 23rd', { ...CTX, writtenOn: '2026-03-02' }).due).toBe(
      '2026-03-23',
    );
  });
});
