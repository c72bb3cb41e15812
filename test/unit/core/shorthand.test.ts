/**
 * Issue 17: how real sellers write. Every pattern has several phrasings written for this test (none
 * is taken from a corpus file), so a rule that fits one text and not the pattern fails here.
 */
import { analyzeText } from '../../../src/core/analyze';
import { isActionVerb } from '../../../src/core/reading/imperative';
import type { RuleId, Verdict } from '../../../src/core/types';

const CTX = { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB' };

function verdict(text: string, ctx: Partial<typeof CTX> & { writtenOn?: string } = {}): Verdict {
  return analyzeText(text, { ...CTX, ...ctx }).verdict;
}

function rules(text: string): RuleId[] {
  return analyzeText(text, CTX).findings.map((f) => f.rule);
}

describe('imperatives from the English lexicon (verbs no hand list names)', () => {
  it.each([
    'Demonstrate the dashboard to their ops lead',
    'Loop in the finance director',
    'Renew the rates for Priya',
    'Reconcile the usage report with their billing',
    'Itemize the surcharges for the Leeds lane',
    'Recalculate the tariff for the new depot',
    'Re-quote? no: reprice the Madrid lane',
    'Translate the order form into Spanish',
    'Pls customise the onboarding pack',
    'We need to renegotiate the fuel surcharge',
    'Need to loop in their warehouse manager',
    'Priya to circulate the shortlist',
  ])('"%s" is an undated action: weak', (text) => {
    expect(verdict(text)).toBe('weak');
    expect(rules(text)).toContain('no-time');
  });

  it.each([
    'Reconcile the usage report with their billing on Fri',
    'Loop in the finance director by 20/03',
    'Need to renegotiate the fuel surcharge before 31 Mar',
  ])('"%s" is a dated action: ok', (text) => {
    expect(verdict(text)).toBe('ok');
  });

  it('an -ed word later in the clause does not turn the plan into a past event', () => {
    expect(verdict('Rework the quote issued before the price rise')).toBe('weak');
    expect(verdict('Redo the deck prepared for the old buyer')).toBe('weak');
    expect(verdict('Reassess the volumes quoted in the old tariff by 18/03')).toBe('ok');
  });

  it('"get"/"have" order something only when a result follows', () => {
    expect(verdict('Get the credit forms signed')).toBe('weak');
    expect(verdict('Have their legal team review the NDA')).toBe('weak');
    expect(verdict('We will get the order eventually')).toBe('bad');
  });

  it('state and wish verbs are not orders', () => {
    for (const text of [
      'Hope they sign soon',
      'Think the budget is there',
      'Hold off until April',
      'We expect the PO next week',
    ])
      expect(verdict(text)).toBe('bad');
  });

  it('a noun opening a note is not read as an order', () => {
    expect(isActionVerb('renew')).toBe(true);
    expect(isActionVerb('demonstrate')).toBe(true);
    expect(isActionVerb('site')).toBe(false);
    expect(isActionVerb('budget')).toBe(false);
    expect(isActionVerb('march')).toBe(false); // a month
    expect(isActionVerb('hope')).toBe(false); // a wish
    expect(verdict('Budget approved by their board')).toBe('bad');
  });

  it('a word followed by "is"/"has" is a subject, not an order', () => {
    expect(verdict('Renewal is with their procurement')).toBe('bad');
  });

  it('a lone verb names a step; a lone stage name does not', () => {
    expect(verdict('Onboard')).toBe('weak');
    expect(verdict('Renegotiate')).toBe('weak');
    expect(verdict('Negotiation')).toBe('bad');
    expect(verdict('Demo')).toBe('bad');
  });
});

describe('verbless shorthand', () => {
  it.each([
    'Rates to Priya',
    'Rates for Kemal',
    'Samples to Ingrid',
    'Forms for Tomasz',
    'Price list to Aoife',
  ])('"%s" hands something to a named person: weak', (text) => {
    expect(verdict(text)).toBe('weak');
  });

  it.each(['Handoff to CS', 'Hand-off to the implementation team', 'Site survey at the depot'])(
    '"%s" names a step: weak',
    (text) => {
      expect(verdict(text)).toBe('weak');
    },
  );

  it('shorthand that hands nothing over stays a non-step', () => {
    expect(verdict('Back to Priya')).toBe('bad');
    expect(verdict('Thanks for Kemal')).toBe('bad');
  });
});

describe('filler that carries a meeting or a deliverable', () => {
  it.each([
    ['Follow-up call Thursday 10am', 'ok'],
    ['Follow up meeting with Priya on 19/03', 'ok'],
    ['Check-in call Mon 2pm with their COO', 'ok'],
  ])('a dated follow-up meeting is a scheduled meeting: "%s" is %s', (text, expected) => {
    expect(verdict(text)).toBe(expected);
  });

  it.each(['Follow-up call', 'Follow up meeting'])('undated, "%s" stays a filler: bad', (text) => {
    expect(verdict(text)).toBe('bad');
  });

  it.each([
    'Follow up with the revised SOW',
    'Follow up with an updated quote',
    'Check back with the signed NDA',
  ])('"%s" carries a deliverable: weak', (text) => {
    expect(verdict(text)).toBe('weak');
    expect(rules(text)).not.toContain('filler');
  });

  it.each(['Follow up next week', 'Follow up with Priya', 'Check in on the proposal'])(
    '"%s" stays a filler',
    (text) => {
      expect(rules(text)).toContain('filler');
    },
  );
});

describe('waiting on a condition is not an action', () => {
  it.each([
    'Needs CFO sign-off before any trial',
    'Requires board approval before the pilot',
    'Still needs budget sign off from finance',
    'Subject to legal review of the MSA',
    'Depends on their Q3 budget',
  ])('"%s" is bad', (text) => {
    expect(verdict(text)).toBe('bad');
    expect(rules(text)).toContain('no-action');
  });

  it('a task the rep needs done is still a step', () => {
    expect(verdict('Trial ends the 28th, needs the data import done before then')).toBe('ok');
  });
});

describe('CRM housekeeping is not a next step', () => {
  it.each([
    'Update close date in CRM',
    'Move the close date to April in Salesforce',
    'Change deal stage to Negotiation',
    'Pls log the call in HubSpot',
    'Update the opportunity amount',
  ])('"%s" is bad with a reason', (text) => {
    expect(verdict(text)).toBe('bad');
    const finding = analyzeText(text, CTX).findings.find((f) => f.rule === 'no-action');
    expect(finding?.message).toMatch(/housekeeping/);
  });

  it('updating something for the buyer is still a step', () => {
    expect(verdict('Update the deck for Priya by Fri')).toBe('ok');
  });
});

describe('dates', () => {
  it('a planned or scheduled event is dated', () => {
    expect(analyzeText('Site survey planned Jun 25', CTX)).toMatchObject({
      verdict: 'ok',
      due: '2026-06-25',
    });
    expect(analyzeText('Fitting booked 2 Apr', CTX)).toMatchObject({ verdict: 'ok', due: '2026-04-02' });
  });

  it('a waiting note keeps its date as due, for timing, and stays bad', () => {
    for (const text of [
      'Waiting for legal to return redlines by 18/03',
      'Awaiting their PO by 20 March',
      'Pending signed contract from Kemal by Fri 20th',
    ]) {
      const a = analyzeText(text, CTX);
      expect(a.verdict).toBe('bad');
      expect(a.due).toBeDefined();
    }
    expect(analyzeText('Waiting for legal to return redlines by 18/03', CTX).due).toBe('2026-03-18');
  });

  it('a bare weekday that is the written day means next week', () => {
    // 10/03/2026 is a Tuesday.
    expect(analyzeText('10/03 Call Jane Tuesday', CTX).due).toBe('2026-03-17');
    expect(analyzeText('Demo with Priya Tuesday', { ...CTX, writtenOn: '2026-03-10' }).due).toBe(
      '2026-03-17',
    );
    expect(analyzeText('Demo with Priya Wednesday', { ...CTX, writtenOn: '2026-03-10' }).due).toBe(
      '2026-03-11',
    );
    expect(analyzeText('10/03 send the deck Tuesday afternoon', CTX).due).toBe('2026-03-17');
  });
});

describe('a verdict never comes without its reason (issue 13)', () => {
  it('a dated follow-up beside an undated step says the step has no date', () => {
    const a = analyzeText('10/03 BR Agreed pricing. Send the order form, call 17/03', CTX);
    expect(a.verdict).toBe('weak');
    expect(a.findings.some((f) => f.severity !== 'suggestion')).toBe(true);
  });

  it('a named person busy with something, in shorthand, is a status', () => {
    const a = analyzeText('10/03 BR Agreed pricing. Jane reviewing with the CFO, call 17/03', CTX);
    expect(a.verdict).toBe('weak');
    expect(a.findings.map((f) => f.rule)).toContain('filler');
  });
});

describe('general rules found while reading the real sellers’ disagreements (issue 17)', () => {
  it('a date right after a past participle describes a thing, not when the step happens', () => {
    expect(analyzeText('Redo the quotes issued before 1 May', CTX)).toMatchObject({ verdict: 'weak' });
    expect(verdict('Rebuild the deck presented on 3 March')).toBe('weak');
    expect(verdict('Demo scheduled for 3 April')).toBe('ok');
  });

  it('a filler whose purpose is a concrete step is that step', () => {
    expect(verdict('Follow up 20 March to review their current volumes')).toBe('ok');
    expect(verdict('Check in Friday to agree the lane rates')).toBe('ok');
    // Arranging the next contact, or a vague object, is no purpose.
    expect(verdict('Email Sam to set up a call')).toBe('bad');
    expect(verdict('Call me on Friday to book a follow-on session')).toBe('weak');
    expect(verdict('Call you Monday to discuss it')).toBe('weak');
  });

  it('an undated call with someone, for no stated purpose, is a reach-out', () => {
    expect(verdict('Call with Priya')).toBe('bad');
    expect(verdict('Phone call with their ops lead')).toBe('bad');
    expect(verdict('Call with Priya on 20/03')).toBe('ok');
    expect(verdict('Call with Priya to agree the tariff')).toBe('weak');
  });

  it('a verbless question names no step', () => {
    expect(verdict('Rates for next year?')).toBe('bad');
    expect(verdict('Samples for Kemal?')).toBe('bad');
    expect(verdict('Rates for next year')).toBe('weak');
  });

  it('an email about a topic is a reach-out; an email carrying the thing is a step', () => {
    expect(verdict('Email about our enterprise pricing')).toBe('bad');
    expect(verdict('Email Kemal the pricing sheet')).toBe('weak');
  });

  it('a discussion right after a dated contact is its agenda', () => {
    expect(verdict('Follow up with Sam tomorrow. Talk about the Walmart orders')).toBe('ok');
    expect(verdict('Ping Priya Friday. Discuss the fuel surcharge')).toBe('ok');
    expect(verdict('Follow up with Sam. Talk about the Walmart orders')).toBe('weak');
  });

  it('asking for feedback is chasing', () => {
    for (const text of ['Get feedback on the new rates', 'Ask for feedback on the proposal'])
      expect(rules(text)).toContain('filler');
  });

  it('a verb before "date" is a compound noun, and a subject’s claim is not an order', () => {
    expect(verdict('Start date 2/7')).toBe('bad');
    expect(verdict('Renewal date 14 April')).toBe('bad');
    expect(verdict('We will save them money')).toBe('bad');
  });
});
