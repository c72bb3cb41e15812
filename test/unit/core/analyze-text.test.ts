import { analyzeText } from '../../../src/core/analyze';
import { parseConfig } from '../../../src/core/config';
import type { RuleId } from '../../../src/core/types';

const CTX = { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB' };

function rules(text: string): RuleId[] {
  return analyzeText(text, CTX).findings.map((f) => f.rule);
}

describe('verdict (brief §2)', () => {
  it.each([
    // ok: a concrete action with a time anchor
    ['Send the revised MSA to Jane by Fri', 'ok'],
    ['Pricing review call with the CFO Tue 3pm', 'ok'],
    ['Exec sponsor meeting w/c 23/3', 'ok'],
    ['Security questionnaire due Friday.', 'ok'],
    ['Trial ends the 28th — needs the data import done before then.', 'ok'],
    ['Once their board meets on the 24th, send the contract', 'ok'],
    ['Proposal review meeting Jun 26', 'ok'],
    // weak: an action without a date, or a dated filler
    ['Send the revised MSA', 'weak'],
    ['Technical deep dive with their IT team', 'weak'],
    ['Follow up next week', 'weak'],
    ['Catch up with Tom in 2 weeks', 'weak'],
    ['Chase merchant for an update + review final business case', 'weak'],
    // bad: no action, filler without a date, waiting, gibberish, a bare label
    ['Follow up', 'bad'],
    ['Touch base sometime next week', 'bad'],
    ['Check in when ready', 'bad'],
    ['Waiting on their legal team to review BAA', 'bad'],
    ['Contract and LOI sent for signature', 'bad'],
    ["they're reviewing it.", 'bad'],
    ['asdfasdf', 'bad'],
    ['Negotiation', 'bad'],
    ['Good call today, they liked the demo', 'bad'],
    ['Offer expires March 13th.', 'bad'],
  ])('%s → %s', (text, verdict) => {
    expect(analyzeText(text, CTX).verdict).toBe(verdict);
  });

  it('treats the log prefix as the written date, never the due date', () => {
    const a = analyzeText('10/03 BR Agreed pricing. Board final approval on the 16th', CTX);
    expect(a.verdict).toBe('ok');
    expect(a.writtenOn).toBe('2026-03-10');
    expect(a.due).toBe('2026-03-16');
    const b = analyzeText('10/03 BR Contract sent', CTX);
    expect(b.verdict).toBe('bad');
    expect(b.due).toBeUndefined();
  });

  it('resolves relative phrases against the written date, then the updated day, then today', () => {
    expect(analyzeText('02/03 MF: demo next Tuesday', CTX).due).toBe('2026-03-10');
    expect(analyzeText('demo next Tuesday', { ...CTX, writtenOn: '2026-03-02' }).due).toBe('2026-03-10');
    expect(analyzeText('demo next Tuesday', CTX).due).toBe('2026-03-17');
  });

  it('reads numeric dates in the locale', () => {
    expect(analyzeText('Demo 10/04', CTX).due).toBe('2026-04-10');
    expect(analyzeText('Demo 10/04', { ...CTX, locale: 'en_US' }).due).toBe('2026-10-04');
  });
});

describe('text rules', () => {
  it('missing: empty, whitespace and punctuation-only cells', () => {
    for (const v of ['', '   ', null, undefined, '—']) {
      const a = analyzeText(v, CTX);
      expect(a.verdict).toBe('missing');
      expect(a.score).toBe(0);
      expect(a.findings.map((f) => f.rule)).toEqual(['missing']);
    }
  });

  it.each(['#N/A', '#REF!', '#VALUE!', '#ERROR!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!'])(
    'missing: the error %s is named in the message',
    (code) => {
      const a = analyzeText(code, CTX);
      expect(a.verdict).toBe('missing');
      expect(a.findings[0].rule).toBe('missing');
      expect(a.findings[0].message).toBe(`The cell holds the error ${code} instead of a next step`);
    },
  );

  it('no-action: numbers, booleans and dates are not next steps', () => {
    expect(analyzeText(42, CTX).findings[0].message).toBe('The cell holds a number (42), not a next step');
    expect(analyzeText(true, CTX).findings[0].message).toBe(
      'The cell holds a checkbox value (TRUE), not a next step',
    );
    const d = analyzeText(new Date(Date.UTC(2026, 2, 20, 12)), CTX);
    expect(d.verdict).toBe('bad');
    expect(d.findings[0].message).toBe('The cell holds only a date (2026-03-20), not a next step');
    expect(d.due).toBe('2026-03-20');
    expect(analyzeText(new Date(NaN), CTX).verdict).toBe('bad');
  });

  it('filler: the span points at the filler phrase', () => {
    const text = 'Okay, I will circle back with them';
    const f = analyzeText(text, CTX).findings.find((x) => x.rule === 'filler');
    expect(f).toBeDefined();
    expect(text.substr(f!.start, f!.length)).toBe('circle back');
    expect(f!.message).toBe('"circle back" on its own is not an action');
  });

  it('no-action: waiting and status notes say which', () => {
    const w = analyzeText('Pending customer response on pricing', CTX).findings[0];
    expect(w.rule).toBe('no-action');
    expect(w.message).toMatch(/^Waiting \("Pending"\)/);
    const s = analyzeText('Proposal sent', CTX).findings[0];
    expect(s.message).toBe('Reads as a status note ("sent"), not a next step');
    const l = analyzeText('Viewings', CTX).findings[0];
    expect(l.message).toBe('"Viewings" reads as a stage or a label, not a step');
  });

  it('no-time: names the vague phrase when there is one', () => {
    const text = 'Send pricing soon';
    const f = analyzeText(text, CTX).findings.find((x) => x.rule === 'no-time')!;
    expect(f.message).toBe('"soon" is not a date');
    expect(text.substr(f.start, f.length)).toBe('soon');
    expect(rules('Send the deck')).toContain('no-time');
    expect(rules('Send the deck Friday')).not.toContain('no-time');
  });

  it('no-party: roles and names count, seller initials do not', () => {
    expect(rules('Send the deck Friday')).toContain('no-party');
    expect(rules('Send the deck to the CFO Friday')).not.toContain('no-party');
    expect(rules('Demo for Olivia Friday')).not.toContain('no-party');
    expect(rules('Demo with their IT team Friday')).not.toContain('no-party');
    expect(rules('10/03 BR Demo Friday')).toContain('no-party');
  });

  it('a switched-off rule reports nothing and relaxes the verdict it feeds', () => {
    const { config } = parseConfig({ rules: { 'no-time': false, 'no-party': false } });
    const a = analyzeText('Send the deck', { ...CTX, config });
    expect(a.verdict).toBe('ok');
    expect(a.findings).toEqual([]);
    const { config: noFiller } = parseConfig({ rules: { filler: false } });
    expect(analyzeText('Follow up Friday', { ...CTX, config: noFiller }).verdict).toBe('ok');
  });

  it('uses the configured severity', () => {
    const { config } = parseConfig({ rules: { 'no-time': 'error' } });
    const f = analyzeText('Send the deck', { ...CTX, config }).findings.find((x) => x.rule === 'no-time');
    expect(f?.severity).toBe('error');
  });
});

describe('score', () => {
  it('stays inside the verdict band', () => {
    const cases: Array<[string, number, number]> = [
      ['Send the revised MSA to Jane by Fri', 70, 100],
      ['Send the revised MSA', 35, 69],
      ['Follow up', 1, 34],
    ];
    for (const [text, lo, hi] of cases) {
      const s = analyzeText(text, CTX).score;
      expect(s).toBeGreaterThanOrEqual(lo);
      expect(s).toBeLessThanOrEqual(hi);
    }
  });

  it('rewards a named buyer', () => {
    expect(analyzeText('Send the deck to the CFO', CTX).score).toBeGreaterThan(
      analyzeText('Send the deck', CTX).score,
    );
  });
});

describe('long text', () => {
  it('reads only the first 2,000 characters of a 50,000-character entry, quickly', () => {
    const long = `Send the deck to Jane Friday. ${'lorem ipsum dolor '.repeat(2800)}`;
    const t0 = Date.now();
    const a = analyzeText(long, CTX);
    expect(Date.now() - t0).toBeLessThan(500);
    expect(a.verdict).toBe('ok');
    for (const f of a.findings) expect(f.start + f.length).toBeLessThanOrEqual(2000);
  });
});

describe('generalisation: phrasings not in the corpus (labelled by the brief §2 rubric)', () => {
  it.each([
    ['Send revised MSA to Jane by Thursday', 'ok'],
    ['Pricing review call with CFO Tue 3pm', 'ok'],
    ['Send the revised MSA', 'weak'],
    ['Chased again, no reply', 'bad'],
    ['Sent proposal last week', 'bad'],
    ['Touch base with Mark on Friday', 'weak'],
    ['Need to touch base', 'bad'],
    ['12/03 JS: Legal call booked for 19/03 to go through redlines', 'ok'],
    ['12/03 JS: Proposal sent, waiting for feedback', 'bad'],
    ['03/02 - Demo to the ops team on the 10th', 'ok'],
    ['Get pricing approved by finance', 'weak'],
    ['Get pricing approved by finance by EOM', 'ok'],
    ['Submit RFP response by 28 March', 'ok'],
    ['Waiting for PO', 'bad'],
    ['Exec sponsor meeting w/c 23/3', 'ok'],
    ['Present business case to the board on 2 April', 'ok'],
    ['Set up technical workshop with their IT team', 'weak'],
    ['Set up technical workshop with their IT team next Wed', 'ok'],
    ['No response to last 3 emails', 'bad'],
    ['Deal on hold until budget is released', 'bad'],
    ['Check in next month', 'weak'],
    ['Ping Sarah', 'bad'],
    ['Ping Sarah tomorrow', 'weak'],
    ['Kick-off call Monday 9am', 'ok'],
    ['Onsite visit 14th April', 'ok'],
    ['Prepare ROI model for Dave', 'weak'],
    ['Prepare ROI model for Dave by EOW', 'ok'],
    ['Signature expected by Friday; send DocuSign today', 'ok'],
    ["They said they'll get back to us", 'bad'],
    ['Send case studies and book a reference call', 'weak'],
    ['Reference call with Acme CTO booked for 3rd May', 'ok'],
    ['Lost to competitor', 'bad'],
    ['Budget frozen until Q3', 'bad'],
    ['Trial kicks off Monday, check-in call Thursday', 'ok'],
    ['Follow up with procurement re: PO on Monday', 'weak'],
    ['Procurement call re PO on Monday', 'ok'],
    ['Following up', 'bad'],
    ['Left voicemail', 'bad'],
    ['Left voicemail, call back Friday', 'weak'],
    ['Contract to be signed by 31/03', 'ok'],
    ['Contract to be signed', 'weak'],
    ['Decision in Q2', 'bad'],
    ['Demo for finance team early next week', 'ok'],
    ['Catch up with Tom in 2 weeks', 'weak'],
    ['Maybe next quarter', 'bad'],
    ['Negotiation meeting EOD Friday', 'ok'],
    ['POC review 5/4', 'ok'],
    ['Good call today, they liked the demo', 'bad'],
    ['Good call today. Next step: security review with IT on 20 March', 'ok'],
    ['Need to follow up with them soon', 'bad'],
    ['Finalise SOW with legal', 'weak'],
    ['Finalise SOW with legal before end of month', 'ok'],
    ['See above', 'bad'],
    ['Email Jane the pricing deck', 'weak'],
    ['Email Jane the pricing deck tomorrow', 'ok'],
    ['Draft the order form by tomorrow', 'ok'],
    ['Walk Tom through the integration plan', 'weak'],
    ['Champion left the company', 'bad'],
    ['Board approval meeting on the 16th', 'ok'],
    ['Pending legal review', 'bad'],
    ['Legal review of DPA due 3/20', 'ok'],
    ['Arrange site visit for the CFO', 'weak'],
    ['Call with John (CTO) at 2pm tomorrow to agree scope', 'ok'],
    ['Reach out to John', 'bad'],
    ['Reach out to John next Monday', 'weak'],
    ['Send proposal over by Wednesday and confirm pricing with Amy', 'ok'],
    ['N/A', 'bad'],
    ['Q2 kickoff workshop', 'ok'],
    ['14/03 KL: Demo went well. Sending pricing proposal to Mark by Wednesday.', 'ok'],
    ['14/03 KL: Demo went well. Need to send pricing proposal to Mark.', 'weak'],
    ['02.03 CFO sign-off meeting booked 9.03', 'ok'],
    ['02.03 Chased legal again, still no response', 'bad'],
    ['02.03 Chased legal again, will chase again Friday', 'weak'],
    ['11/03 SJ - procurement call Thurs to finalise T&Cs', 'ok'],
    ['11/03 SJ - Negotiating final price, call with CFO tomorrow', 'ok'],
    ['Arrange meeting with head of IT', 'weak'],
    ['Arrange meeting with head of IT for next Tues', 'ok'],
    ['Contract redlines back to their counsel EOD Monday', 'ok'],
    ['Send over the order form for signature', 'weak'],
    ['Order form sent for signature', 'bad'],
    ['Kickoff scheduled 4/4', 'ok'],
    ["They're evaluating two other vendors", 'bad'],
    ['Evaluating other vendors, decision in April', 'bad'],
    ['Final presentation to the exec team on April 2nd', 'ok'],
    ['Touch base after Easter on the 7th', 'weak'],
    ['Touch base after Easter', 'bad'],
    ['Provide security documentation to their CISO', 'weak'],
    ['Onboarding kickoff call Monday 10am with Sarah', 'ok'],
    ['No next step', 'bad'],
    ['None', 'bad'],
    ['Unknown', 'bad'],
    ['Schedule next meeting', 'weak'],
    ['Awaiting PO from procurement, expected next week', 'bad'],
    ['Awaiting PO; kickoff call booked for 20/03', 'ok'],
    ['Present proposal to board', 'weak'],
    ['Present proposal to board at their meeting on 24 March', 'ok'],
    ['Closed - went with competitor', 'bad'],
    ['Email the CTO next week', 'weak'],
    ['Email sent to CTO', 'bad'],
    ['Technical validation session with engineering on Thursday 2pm', 'ok'],
    ['Get a signed NDA back', 'weak'],
    ['Get a signed NDA back by Friday', 'ok'],
    ['Reached out to the champion', 'bad'],
    ['Meeting with Paul (Finance Director) 3rd April to review the business case', 'ok'],
    ['Paul is reviewing the business case', 'bad'],
    ['Need to get in front of the economic buyer', 'bad'],
    ['Intro call with the economic buyer booked for Tuesday', 'ok'],
    ['ROI workshop with ops', 'weak'],
    ['ROI workshop with ops wk of 6/4', 'ok'],
    ['Demo later this week', 'ok'],
    ['Call Tom Tuesday', 'weak'],
    ['Call Tom Tuesday to agree pricing', 'ok'],
    ['Budget approved, waiting on signature', 'bad'],
    ['Customer is happy, will renew', 'bad'],
    ['Renewal paperwork to Jane by 31st', 'ok'],
    ['Renewal paperwork to Jane', 'weak'],
    ['Pilot went live last week', 'bad'],
    ['Run pilot review with IT lead on 12/4', 'ok'],
    ['Send Jane the SOW by Thursday', 'ok'],
    ['Email Jane the SOW', 'weak'],
    ['Email Jane', 'bad'],
    ['Email Jane Friday', 'weak'],
    ['3/3 TR: Legal review of MSA with their counsel 10/3', 'ok'],
    ['3/3 TR: Sent MSA to legal', 'bad'],
    ['Walkthrough of the platform for the finance team', 'weak'],
    ['Discuss', 'bad'],
    ['Discuss renewal terms with Jim', 'weak'],
    ['Discuss renewal terms with Jim on Tuesday', 'ok'],
    ['Need to speak to Jim', 'bad'],
    ['Speak to Jim on Monday', 'weak'],
    ['Speak to Jim on Monday about the renewal terms', 'ok'],
    ['Proposal due 3/31', 'ok'],
    ['Deliver SOW draft end of next week', 'ok'],
    ['Send info pack', 'bad'],
    ['Send info pack Friday', 'weak'],
    ['Signing ceremony 1st April', 'ok'],
    ['Board meeting 24th - present final numbers', 'ok'],
    ['Board meeting - present final numbers', 'weak'],
    ['Lost - budget cut', 'bad'],
    ['Pushed to next quarter', 'bad'],
    ['Reschedule demo to next Thursday', 'ok'],
    ['Reschedule demo', 'weak'],
    ['Demo cancelled', 'bad'],
    ['Demo postponed, no new date', 'bad'],
    ['Procurement to issue PO by 28/3', 'ok'],
    ['Procurement to issue PO', 'weak'],
    ['Procurement reviewing PO', 'bad'],
    ["Security review call with Jane's team Wed 18th", 'ok'],
    ['Get legal to review the DPA this week', 'ok'],
    ['Legal reviewing the DPA this week', 'bad'],
    ['Check with Tom', 'bad'],
    ['Check with Tom next Monday', 'weak'],
    ['Book QBR for Q2', 'ok'],
    ['Quote for 50 seats', 'weak'],
    ['Quote for 50 seats to Dan by Friday', 'ok'],
    ['Quote sent to Dan', 'bad'],
  ])('%s → %s', (text, verdict) => {
    expect(analyzeText(text, CTX).verdict).toBe(verdict);
  });
});

describe('generalisation, second batch: CRM-style entries', () => {
  it.each([
    ['Send contract for e-signature', 'weak'],
    ['Send contract for e-signature today', 'ok'],
    ['Contract out for signature', 'bad'],
    ['Verbal yes, paperwork pending', 'bad'],
    ['Verbal yes; paperwork to be signed by Friday', 'ok'],
    ['Negotiate multi-year discount', 'weak'],
    ['Customer asked for a discount', 'bad'],
    ['Prepare for QBR', 'weak'],
    ['Prepare QBR deck for 4/6', 'ok'],
    ['Follow up with decision maker on Thursday', 'weak'],
    ['Decision maker unresponsive', 'bad'],
    ['Workshop with stakeholders Tuesday 9am', 'ok'],
    ['Identify economic buyer', 'weak'],
    ['Map the buying committee', 'weak'],
    ['Nurture', 'bad'],
    ['On hold until Q3', 'bad'],
    ['Reach back out in Q3', 'weak'],
    ['Reference call with existing customer Weds', 'ok'],
    ['Trial extension for another two weeks', 'weak'],
    ['Trial review call on the 22nd', 'ok'],
    ['Trial in progress', 'bad'],
    ['Install scheduled 3/25', 'ok'],
    ['Installed, waiting for feedback', 'bad'],
    ['Gather requirements from ops', 'weak'],
    ['Requirements gathering session Mon 23rd', 'ok'],
    ['Emailed pricing, no response yet', 'bad'],
    ['Chase pricing response Monday', 'weak'],
    ['Pricing call Monday with Dave to go through the options', 'ok'],
    ['Share case study with CIO', 'weak'],
    ["Share case study with CIO before Wednesday's meeting", 'ok'],
    ['Gatekeeper blocking access', 'bad'],
    ['Get intro to the VP of Sales', 'weak'],
    ['Get intro to the VP of Sales by EOW', 'ok'],
    ['Confirm budget and timeline with Tom', 'weak'],
    ["Confirm budget & timeline with Tom at Thursday's call", 'ok'],
    ['New lead, not contacted yet', 'bad'],
    ['Discovery call booked 24/3 10am', 'ok'],
    ['Ghosted since demo', 'bad'],
    ['Break-up email Friday', 'weak'],
    ['Sent break-up email', 'bad'],
    ['17/03 AB: legal signed off, MSA signature 25/03', 'ok'],
    ['17/03 AB: legal signed off', 'bad'],
    ['17/03 AB: legal signed off; need DocuSign from CFO', 'weak'],
    ['Sign order form before quarter end', 'ok'],
  ])('%s → %s', (text, verdict) => {
    expect(analyzeText(text, CTX).verdict).toBe(verdict);
  });

  it('a possessive date times the step only after a temporal preposition', () => {
    expect(analyzeText("Share case study with the CIO before Wednesday's meeting", CTX).due).toBe(
      '2026-03-18',
    );
    expect(analyzeText("Follow up on next week's conversation", CTX).due).toBeUndefined();
  });
});

describe('generalisation, third batch: coaching-page and US-dated entries', () => {
  it.each([
    ["I'll circle back with you on Monday.", 'weak'],
    [
      "I'll send over the proposal by end of day Thursday and we can review it together Friday morning.",
      'ok',
    ],
    ["I'll be in touch.", 'bad'],
    ['Let me know what you think.', 'bad'],
    ['Keep me posted.', 'bad'],
    ["We'll set up a call with your IT team to walk through the integration.", 'weak'],
    ["We'll set up a call with your IT team on the 14th to walk through the integration.", 'ok'],
    ['Think it over and get back to me.', 'bad'],
    ['Get back to me by Friday with your decision.', 'weak'],
    ['Can you introduce me to your CFO this week?', 'ok'],
    ['Could you introduce me to your CFO?', 'weak'],
    ['Next step: technical review with Sam (CTO) 3/18 @ 2pm ET', 'ok'],
    ['Next step: TBD', 'bad'],
    ['Next step: pricing proposal', 'weak'],
    ["3/12 - Demo'd to ops, next step pricing call 3/19", 'ok'],
    ["3/12 - Demo'd to ops, they loved it", 'bad'],
    ['Send MSA redlines to Karen by 3/20', 'ok'],
    ['Touch base w/ Karen 3/20', 'weak'],
    ['pinged karen', 'bad'],
    ['Draft mutual action plan', 'weak'],
    ['Review mutual action plan with champion on Tue', 'ok'],
    ['Waiting for champion to socialize internally', 'bad'],
    ['Champion presenting to exec team Thursday; prep deck with her Wed', 'ok'],
    ['Champion presenting to exec team', 'bad'],
  ])('%s → %s', (text, verdict) => {
    expect(analyzeText(text, { ...CTX, locale: 'en_US' }).verdict).toBe(verdict);
  });
});
