/**
 * getSelectionContext, writeNextStep and selectRow through the built bundle and the emulator.
 */
import type { SelectionContext, WriteNextStepResult } from '../../../src/core/rpc-contract';
import { errorOf, fixtureCopy, NOW, setup } from './helpers';

describe('getSelectionContext', () => {
  test('a vague next step: the deal, the verdict, and findings with reasons, spans and suggestions', () => {
    const h = setup();
    h.select('G4'); // "Circle back after their peak season"
    const sel = h.call<SelectionContext>('getSelectionContext');
    expect(sel.kind).toBe('row');
    expect(sel.pipelineSheet).toBe('Pipeline');
    expect(sel.hasUpdatedColumn).toBe(true);
    expect(sel.context).toMatchObject({
      today: '2026-03-11',
      timeZone: 'Europe/London',
      locale: 'en_GB',
      weekStart: 'monday',
    });
    const row = sel.row!;
    expect(row).toMatchObject({
      row: 4,
      deal: 'Brightwater Health — Analytics add-on',
      owner: 'Priya Patel',
      stage: 'Qualification',
      nextStep: 'Circle back after their peak season',
      status: 'open',
    });
    expect(['weak', 'bad']).toContain(row.verdict);
    expect(row.findings.length).toBeGreaterThan(0);
    for (const f of row.findings) {
      expect(f.message.length).toBeGreaterThan(0);
      expect(f.suggestion.length).toBeGreaterThan(0);
      expect(f.start).toBeGreaterThanOrEqual(0);
      expect(f.start + f.length).toBeLessThanOrEqual(row.nextStep.length);
    }
    expect(
      row.findings.some(
        (f) => f.length > 0 && /circle back/i.test(row.nextStep.slice(f.start, f.start + f.length)),
      ),
    ).toBe(true);
    expect(row.summary).not.toBe('OK');
    expect(row.updated).toBe('2026-02-22');
  });

  test('any cell of the row works (the deal name column too)', () => {
    const h = setup();
    h.select('A4');
    expect(h.call<SelectionContext>('getSelectionContext').row?.row).toBe(4);
  });

  test('the title and header rows are not deals: a hint, no row', () => {
    const h = setup();
    for (const a1 of ['A1', 'C2']) {
      h.select(a1);
      const sel = h.call<SelectionContext>('getSelectionContext');
      expect(sel.kind).toBe('outside');
      expect(sel.row).toBeNull();
      expect(sel.message).toMatch(/below the header in row 2/);
    }
  });

  test('below the table: outside', () => {
    const h = setup();
    h.select('G400');
    expect(h.call<SelectionContext>('getSelectionContext').kind).toBe('outside');
  });

  test('a closed deal is shown but not judged', () => {
    const h = setup();
    h.select('G7'); // Closed Lost
    const sel = h.call<SelectionContext>('getSelectionContext');
    expect(sel.row).toMatchObject({ status: 'closed', verdict: null, timing: null });
  });

  test('a sheet without a table: no-table with the headers looked for, never an error', () => {
    const h = setup();
    h.g.SpreadsheetApp.getActiveSpreadsheet().insertSheet('Notes').getRange('A1').setValue('just notes');
    h.select('A1', 'Notes');
    const sel = h.call<SelectionContext>('getSelectionContext');
    expect(sel.kind).toBe('no-table');
    expect(sel.message).toMatch(/next-step column/i);
  });

  test('the settings token: polls skip the properties read for 30 s, and a bad token is ignored', () => {
    let now = new Date('2026-03-11T10:00:00Z');
    const h = setup({ now: () => now });
    h.select('G4');
    const first = h.call<SelectionContext>('getSelectionContext');
    expect(h.g.ledger.count('Properties.getProperties')).toBe(1);
    h.g.ledger.reset();
    const second = h.call<SelectionContext>('getSelectionContext', first.settingsToken);
    expect(h.g.ledger.count('Properties.getProperties')).toBe(0);
    expect({ ...second, settingsToken: '' }).toEqual({ ...first, settingsToken: '' });
    // 30 s later the token is stale: read again.
    now = new Date(now.getTime() + 30_000);
    h.call('getSelectionContext', first.settingsToken);
    expect(h.g.ledger.count('Properties.getProperties')).toBe(1);
    for (const bad of [
      '',
      'not json',
      '{"at":"x"}',
      JSON.stringify({ at: now.getTime(), values: [] }),
      JSON.stringify({ at: now.getTime() + 5000, values: {} }),
    ]) {
      h.g.ledger.reset();
      expect(h.call<SelectionContext>('getSelectionContext', bad).row?.row).toBe(4);
      expect(h.g.ledger.count('Properties.getProperties')).toBe(1);
    }
  });

  test('a review tab is not judged: the hint points to the pipeline sheet', () => {
    const h = setup();
    h.g.SpreadsheetApp.getActiveSpreadsheet().insertSheet('Pipeline review 2026-W11');
    h.select('A3', 'Pipeline review 2026-W11');
    const sel = h.call<SelectionContext>('getSelectionContext');
    expect(sel.kind).toBe('other-sheet');
    expect(sel.message).toMatch(/is a review tab/);
  });

  test('cheap: at most 2 getValues and the same calls whatever the number of rows', () => {
    const small = setup();
    small.select('G150');
    // Every poll after the first sends back the settings token.
    const token = small.call<SelectionContext>('getSelectionContext').settingsToken;
    small.g.ledger.reset();
    small.call('getSelectionContext', token);
    const smallCalls = small.g.ledger.total();
    expect(small.g.ledger.count('Range.getValues')).toBeLessThanOrEqual(2);

    // The same sheet with 5,000 more deals.
    const fixture = fixtureCopy();
    const sheet = fixture.sheets[0] as { values: unknown[][]; maxRows: number };
    const body = sheet.values.slice(2);
    for (let i = 0; i < 25; i++) sheet.values.push(...body.map((r) => [...r]));
    sheet.maxRows = sheet.values.length + 10;
    const big = setup({ fixture });
    big.select('G150');
    const bigToken = big.call<SelectionContext>('getSelectionContext').settingsToken;
    big.g.ledger.reset();
    big.call('getSelectionContext', bigToken);
    expect(big.g.ledger.total()).toBe(smallCalls);
    expect(big.g.ledger.count('Range.getValues')).toBeLessThanOrEqual(2);
    expect(smallCalls).toBeLessThanOrEqual(15);
  });
});

describe('writeNextStep', () => {
  const good = 'Send the revised MSA to Jane (CFO) by Fri 13 Mar';

  test('writes the text and the stamp in one call, and returns the row judged again', () => {
    const h = setup();
    h.select('G4');
    const before = h.call<SelectionContext>('getSelectionContext').row!;
    const result = h.call<WriteNextStepResult>('writeNextStep', {
      sheetName: 'Pipeline',
      row: 4,
      text: good,
      expected: before.nextStep,
      dealKey: before.dealKey,
    });
    expect(result.stamped).toBe(true);
    expect(result.writtenAt).toBe(NOW.toISOString());
    expect(result.row).toMatchObject({ row: 4, nextStep: good, verdict: 'ok', updated: '2026-03-11' });
    const sheet = h.sheet();
    expect(sheet.getRange('G4').getValue()).toBe(good);
    expect((sheet.getRange('I4').getValue() as Date).getTime()).toBe(NOW.getTime());
    // Neighbours untouched.
    expect(sheet.getRange('G5').getValue()).toBe('Demo of reporting module for the COO, Fri 3pm');
    // And the next read agrees.
    h.select('G4');
    expect(h.call<SelectionContext>('getSelectionContext').row).toMatchObject({
      nextStep: good,
      verdict: 'ok',
    });
  });

  test('text that looks like a formula stays text ("@" format), =HYPERLINK included', () => {
    const h = setup();
    const cases = [
      '=HYPERLINK("https://example.com","Proposal") to Jane by Fri',
      '=1+2',
      '+44 20 7946 0000 call Jane',
      '24/03',
    ];
    h.select('G4');
    const dealKey = h.call<SelectionContext>('getSelectionContext').row!.dealKey;
    let expected = h.sheet().getRange('G4').getValue() as string;
    for (const text of cases) {
      h.call('writeNextStep', { sheetName: 'Pipeline', row: 4, text, expected, dealKey });
      const cell = h.sheet().getRange('G4');
      expect(cell.getFormula()).toBe('');
      expect(cell.getValue()).toBe(text);
      expect(cell.getDisplayValue()).toBe(text);
      expect(cell.getNumberFormat()).toBe('@');
      expected = text;
    }
  });

  test('refused, with nothing written, when the row changed since it was read', () => {
    const h = setup();
    h.select('G4');
    const read = h.call<SelectionContext>('getSelectionContext').row!;
    // Someone else edits the cell meanwhile.
    h.sheet().getRange('G4').setValue('Pricing call with the CFO on Tue 17 Mar');
    const stampBefore = (h.sheet().getRange('I4').getValue() as Date).getTime();
    const message = errorOf(() =>
      h.call('writeNextStep', {
        sheetName: 'Pipeline',
        row: 4,
        text: good,
        expected: read.nextStep,
        dealKey: read.dealKey,
      }),
    );
    expect(message).toMatch(/Row 4 changed since the sidebar read it/);
    expect(message).toMatch(/Pricing call with the CFO on Tue 17 Mar/);
    expect(message).toMatch(/Nothing was written/);
    expect(h.sheet().getRange('G4').getValue()).toBe('Pricing call with the CFO on Tue 17 Mar');
    expect((h.sheet().getRange('I4').getValue() as Date).getTime()).toBe(stampBefore);
  });

  test('bad requests get a sentence, not a stack', () => {
    const h = setup();
    expect(
      errorOf(() => h.call('writeNextStep', { row: 4, text: '   ', expected: '', dealKey: '' })),
    ).toMatch(/Type a next step first/);
    expect(errorOf(() => h.call('writeNextStep', { row: 1, text: 'x', expected: '', dealKey: '' }))).toMatch(
      /not a deal row/,
    );
    expect(errorOf(() => h.call('writeNextStep', { row: 4, text: 'x' }))).toMatch(
      /did not say which deal the row held/,
    );
    expect(errorOf(() => h.call('writeNextStep', { row: 4, text: 'x', expected: '' }))).toMatch(
      /did not say which deal the row held/,
    );
    expect(errorOf(() => h.call('writeNextStep', null))).toMatch(/Nothing to write/);
    expect(
      errorOf(() =>
        h.call('writeNextStep', { sheetName: 'Nope', row: 4, text: 'x', expected: '', dealKey: '' }),
      ),
    ).toMatch(/"Nope" was not found/);
  });

  test('a write costs a constant number of calls', () => {
    const h = setup();
    h.select('G4');
    const { nextStep: expected, dealKey } = h.call<SelectionContext>('getSelectionContext').row!;
    h.g.ledger.reset();
    h.call('writeNextStep', { sheetName: 'Pipeline', row: 4, text: good, expected, dealKey });
    // The first write also creates the log sheet (its header row is one more setValues).
    expect(h.g.ledger.count('Range.getValues')).toBeLessThanOrEqual(2);
    expect(h.g.ledger.count('Range.setValues')).toBe(4); // the text, the stamp, the log header, the log row
    // Row 4's due cell is empty: compose puts the step's date there (one setValue, issue 13).
    expect(h.g.ledger.count('Range.setValue')).toBe(1);
    h.select('G5');
    const next = h.call<SelectionContext>('getSelectionContext').row!;
    h.g.ledger.reset();
    h.call('writeNextStep', {
      sheetName: 'Pipeline',
      row: 5,
      text: good,
      expected: next.nextStep,
      dealKey: next.dealKey,
    });
    expect(h.g.ledger.count('Range.getValues')).toBeLessThanOrEqual(2);
    expect(h.g.ledger.count('Range.setValues')).toBe(3); // the text, the stamp, the log row
    expect(h.g.ledger.total()).toBeLessThanOrEqual(37); // measured 37 on the 200-deal fixture (log + due cell)
  });
});

describe('selectRow and openSidebar', () => {
  test('selectRow selects the row’s next-step cell on the pipeline sheet', () => {
    const h = setup();
    h.g.SpreadsheetApp.getActiveSpreadsheet().insertSheet('Other');
    h.select('A1', 'Other');
    expect(h.call('selectRow', 10, 'Pipeline')).toEqual({ row: 10, sheetName: 'Pipeline' });
    const range = h.g.SpreadsheetApp.getActiveSpreadsheet().getActiveRange()!;
    expect(range.getSheet().getName()).toBe('Pipeline');
    expect(range.getA1Notation()).toBe('G10');
  });

  test('selectRow refuses rows outside the table', () => {
    const h = setup();
    expect(errorOf(() => h.call('selectRow', 900, 'Pipeline'))).toMatch(/not in the pipeline table/);
    expect(errorOf(() => h.call('selectRow', 'x'))).toMatch(/not valid/);
  });

  test('openSidebar shows dist/Sidebar.html titled Next Step Tracker', () => {
    const h = setup();
    h.call('openSidebar');
    const sidebar = h.g.ui.lastSidebar();
    expect(sidebar?.title).toBe('Next Step Tracker');
    expect(sidebar?.html).toContain('data-testid="tab-rep"');
  });
});
