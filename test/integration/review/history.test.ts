/** The history sheet module on the emulator: trimming, slot reuse, partial reads, damage. */
import { createAppsScriptGlobals } from '../../../dev/emulator';
import { addDays } from '../../../src/core/dates/calendar';
import { hashString } from '../../../src/core/review/hash';
import type { Snapshot } from '../../../src/core/review/model';
import { weekIdFor } from '../../../src/core/review/week';
import { HISTORY_SHEET_NAME, readHistory, writeSnapshot } from '../../../src/sheets/history';

function snapshot(weekId: string, deals: number, okShare = 0.5): Snapshot {
  return {
    weekId,
    today: '2026-03-11',
    generatedAt: '2026-03-11T08:00:00.000Z',
    weekStart: 'monday',
    sourceSheet: 'Pipeline',
    summary: {
      openDeals: deals,
      closedDeals: 0,
      verdicts: { ok: 0, weak: 0, bad: 0, missing: 0 },
      missing: 0,
      overdue: 0,
      dueThisWeek: 0,
      stale: 0,
      okShare,
      atRisk: 0,
      amountAtRisk: 0,
    },
    deals: Array.from({ length: deals }, (_, i) => ({
      k: hashString(`deal ${i}`),
      h: hashString(`step ${i} ${weekId}`),
      v: 'ok' as const,
      t: 'upcoming' as const,
      s: 'Proposal',
      a: i,
      d: '2026-03-20',
      c: false,
      z: 1,
    })),
  };
}

describe('history sheet', () => {
  it('keeps the newest 26 weeks in 26 columns, with constant calls per build', () => {
    const g = createAppsScriptGlobals();
    const ss = g.SpreadsheetApp.getActive();
    const weeks: string[] = [];
    for (let i = 0; i < 30; i++) weeks.push(weekIdFor(addDays('2025-10-06', 7 * i), 'monday'));
    const calls: number[] = [];
    for (const w of weeks) {
      g.ledger.reset();
      const state = readHistory(ss, w);
      expect(writeSnapshot(ss, state, snapshot(w, 300))).toEqual([]);
      calls.push(g.ledger.total());
    }
    expect(Math.max(...calls.slice(2))).toBeLessThanOrEqual(14);
    const sheet = ss.getSheetByName(HISTORY_SHEET_NAME)!;
    expect(sheet.isSheetHidden()).toBe(true);
    const ids = sheet
      .getRange(1, 1, 1, sheet.getLastColumn())
      .getValues()[0]
      .filter((v) => v !== '');
    expect(ids).toHaveLength(26);
    expect([...ids].sort()).toEqual(weeks.slice(4));
    const next = weekIdFor(addDays('2025-10-06', 7 * 30), 'monday');
    const state = readHistory(ss, next);
    expect(state.problems).toEqual([]);
    expect(state.snapshots.map((s) => s.weekId)).toEqual(weeks.slice(4));
    // Only the latest week's deals are loaded; the others carry their summaries for the trend.
    expect(state.snapshots[25].deals).toHaveLength(300);
    expect(state.snapshots[0].deals).toHaveLength(0);
  });

  it('a rebuilt week with fewer deals leaves no stale parts behind', () => {
    const g = createAppsScriptGlobals();
    const ss = g.SpreadsheetApp.getActive();
    writeSnapshot(ss, readHistory(ss, '2026-W11'), snapshot('2026-W10', 5000));
    writeSnapshot(ss, readHistory(ss, '2026-W11'), snapshot('2026-W10', 3));
    const state = readHistory(ss, '2026-W11');
    expect(state.problems).toEqual([]);
    expect(state.snapshots[0].deals).toHaveLength(3);
    const sheet = ss.getSheetByName(HISTORY_SHEET_NAME)!;
    expect(sheet.getLastRow()).toBe(3); // 5,000 deals took several parts; 3 deals take one
  });

  it('falls back to the latest readable week when the newest is damaged', () => {
    const g = createAppsScriptGlobals();
    const ss = g.SpreadsheetApp.getActive();
    writeSnapshot(ss, readHistory(ss, '2026-W12'), snapshot('2026-W09', 10));
    writeSnapshot(ss, readHistory(ss, '2026-W12'), snapshot('2026-W10', 10));
    const sheet = ss.getSheetByName(HISTORY_SHEET_NAME)!;
    sheet.getRange(3, 2).setValue('garbage');
    const state = readHistory(ss, '2026-W12');
    expect(state.problems).toEqual([
      'Review history: the record for 2026-W10 was edited or cut short; that week is ignored.',
    ]);
    expect(state.snapshots.map((s) => [s.weekId, s.deals.length])).toEqual([['2026-W09', 10]]);
  });
});
