/**
 * TODAY() and NOW() read the emulator's "now", but the formula engine recomputes them only when their
 * answer can change: TODAY() when the calendar day in the spreadsheet's zone changes, NOW() when the
 * minute does. A clock that moves by milliseconds (the playground's, a test's) recomputes nothing.
 */
import { createAppsScriptGlobals, evaluateConditionalFormats } from '../../../dev/emulator';
import { formulaEngineStats } from '../../../dev/emulator/formula-engine';

function setup(start: string, timeZone = 'Asia/Tokyo') {
  let now = new Date(start);
  const g = createAppsScriptGlobals({ now: () => now, timeZone });
  const sheet = g.SpreadsheetApp.getActiveSheet();
  return {
    g,
    sheet,
    set: (iso: string) => (now = new Date(iso)),
    stats: () => formulaEngineStats(g.spreadsheet),
  };
}

describe('the formula clock', () => {
  test('TODAY(): no recompute within the day in the sheet zone; one when the day changes there', () => {
    // Tokyo is UTC+9: its 12 March starts at 2026-03-11T15:00Z.
    const t = setup('2026-03-11T01:00:00.000Z');
    t.sheet.getRange('A1').setFormula('=TODAY()');
    expect(t.sheet.getRange('A1').getDisplayValue()).toBe('11/03/2026');
    expect(t.stats()).toEqual({ builds: 1, clockRecomputes: 0 });
    for (const iso of ['2026-03-11T01:00:00.001Z', '2026-03-11T01:01:00Z', '2026-03-11T14:59:59.999Z']) {
      t.set(iso);
      expect(t.sheet.getRange('A1').getDisplayValue()).toBe('11/03/2026');
    }
    expect(t.stats()).toEqual({ builds: 1, clockRecomputes: 0 });
    t.set('2026-03-11T15:00:00Z'); // midnight in Tokyo, still 11 March in UTC
    expect(t.sheet.getRange('A1').getDisplayValue()).toBe('12/03/2026');
    expect(t.stats()).toEqual({ builds: 1, clockRecomputes: 1 });
  });

  test('NOW(): the value moves by the minute, as Sheets recalculates it', () => {
    const t = setup('2026-03-11T10:00:05Z', 'Europe/London');
    t.sheet.getRange('A1').setFormula('=NOW()');
    const read = () => (t.sheet.getRange('A1').getValue() as Date).getTime();
    // HyperFormula keeps 10 significant digits of a serial date: NOW() is exact to within a second.
    const first = read();
    expect(Math.abs(first - Date.parse('2026-03-11T10:00:05Z'))).toBeLessThan(1000);
    t.set('2026-03-11T10:00:40Z');
    expect(read()).toBe(first);
    expect(t.stats().clockRecomputes).toBe(0);
    t.set('2026-03-11T10:01:02Z');
    expect(Math.abs(read() - Date.parse('2026-03-11T10:01:02Z'))).toBeLessThan(1000);
    expect(t.stats().clockRecomputes).toBe(1);
  });

  test('conditional-format rules with TODAY() are not re-evaluated as the clock ticks', () => {
    const t = setup('2026-03-11T10:00:00Z', 'Europe/London');
    t.sheet
      .getRange('A1:A3')
      .setValues([
        [new Date('2026-03-10T00:00:00Z')],
        [new Date('2026-03-11T00:00:00Z')],
        [new Date('2026-03-12T00:00:00Z')],
      ]);
    const rule = t.g.SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=A1<TODAY()')
      .setBackground('#f4cccc')
      .setRanges([t.sheet.getRange('A1:A3')])
      .build();
    t.sheet.setConditionalFormatRules([rule]);
    expect(evaluateConditionalFormats(t.sheet)[0].cells).toEqual(['A1']);
    for (let ms = 1; ms <= 50; ms++) {
      t.set(new Date(Date.parse('2026-03-11T10:00:00Z') + ms * 997).toISOString());
      expect(evaluateConditionalFormats(t.sheet)[0].cells).toEqual(['A1']);
    }
    expect(t.stats()).toEqual({ builds: 1, clockRecomputes: 0 });
    t.set('2026-03-12T10:00:00Z');
    expect(evaluateConditionalFormats(t.sheet)[0].cells).toEqual(['A1', 'A2']);
    expect(t.stats()).toEqual({ builds: 1, clockRecomputes: 1 });
  });
});
