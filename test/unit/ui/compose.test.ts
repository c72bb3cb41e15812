import * as fc from 'fast-check';
import { composeGaps, composeText, datePreposition, partyPreposition, tidy } from '../../../src/ui/compose';

const base = { today: '2026-03-11', locale: 'en_GB' };

describe('composeText', () => {
  test('deliverable: "to" the party, "by" the day', () => {
    expect(
      composeText({ ...base, what: 'send the revised MSA', who: 'Jane (CFO)', when: '2026-03-13' }),
    ).toBe('Send the revised MSA to Jane (CFO) by Fri 13 Mar');
  });

  test('meeting: "with" the party, "on" the day', () => {
    expect(composeText({ ...base, what: 'Pricing review call', who: 'the CFO', when: '2026-03-17' })).toBe(
      'Pricing review call with the CFO on Tue 17 Mar',
    );
    expect(
      composeText({
        ...base,
        what: 'Demo for procurement',
        who: 'their IT team',
        when: '2026-03-17',
        locale: 'en_US',
      }),
    ).toBe('Demo for procurement with their IT team on Tue Mar 17');
  });

  test('a trailing preposition in "what" is not doubled', () => {
    expect(composeText({ ...base, what: 'Send the MSA to', who: 'Jane', when: '' })).toBe(
      'Send the MSA to Jane',
    );
    expect(partyPreposition('Present pricing to')).toBe('');
  });

  test('missing parts are left out, whitespace and trailing punctuation tidied', () => {
    expect(composeText({ ...base, what: '  send   proposal. ', who: '', when: '' })).toBe('Send proposal');
    expect(composeText({ ...base, what: '', who: 'Jane', when: '2026-03-13' })).toBe('Jane by Fri 13 Mar');
    expect(composeText({ ...base, what: '', who: '', when: '2026-03-13' })).toBe('Fri 13 Mar');
    expect(composeText({ ...base, what: '', who: '', when: '' })).toBe('');
    expect(composeText({ ...base, what: 'Call', who: 'Jane', when: 'not-a-date' })).toBe('Call with Jane');
  });

  test('prepositions', () => {
    expect(partyPreposition('Email the SOW')).toBe('to');
    expect(partyPreposition('Send invite for the demo call')).toBe('with');
    expect(partyPreposition('Security workshop')).toBe('with');
    expect(datePreposition('Security workshop')).toBe('on');
    expect(datePreposition('Send the quote')).toBe('by');
  });

  test('tidy turns control characters into spaces', () => {
    expect(tidy('a\u0000b\tc\u007f\n d')).toBe('a b c d');
  });

  test('gaps name what is missing', () => {
    expect(composeGaps({ what: 'x', who: '', when: '' })).toEqual(['who on the buyer side', 'when']);
    expect(composeGaps({ what: 'x', who: 'y', when: '2026-03-13' })).toEqual([]);
  });

  test('property: the text keeps what and who verbatim (tidied) and never has control characters', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (what, who) => {
        const out = composeText({ ...base, what, who, when: '2026-03-13' });
        expect([...out].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)).toBe(false);
        const tidyWho = tidy(who);
        if (tidyWho) expect(out.toLowerCase()).toContain(tidyWho.toLowerCase());
        expect(out.endsWith('13 Mar')).toBe(true);
      }),
    );
  });
});
