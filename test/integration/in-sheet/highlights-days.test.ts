/**
 * One truth in the grid (issue 13): through the built bundle in the emulator, with its formula and
 * conditional-format evaluation, every next-step cell's colour is the engine's class for its row
 * (missing, overdue, vague, stale, none) on each of 30 consecutive days, with no script run between
 * them: only the clock moves. The engine is the one in src/core at test time (never hard-coded
 * expectations), on the 200-deal fixture and on generated pipelines (fast-check).
 */
import fc from 'fast-check';
import {
  cellColours,
  createAppsScriptGlobals,
  loadBundle,
  type FixtureValue,
  type SpreadsheetFixture,
} from '../../../dev/emulator';
import { analyzeRows } from '../../../src/core/analyze';
import { defaultConfig } from '../../../src/core/config';
import { detectColumns } from '../../../src/core/columns';
import { highlightClass, type HighlightClass } from '../../../src/core/highlights/facts';
import { HIGHLIGHT_LEGEND } from '../../../src/core/highlights/legend';
import type { CellValue } from '../../../src/core/types';
import { CODE, FIXTURE_NOW, pipelineFixture } from './helpers';

const CLASS_OF_COLOUR: Record<string, HighlightClass> = Object.fromEntries(
  HIGHLIGHT_LEGEND.map((e) => [e.color, e.id === 'weak' ? 'vague' : (e.id as HighlightClass)]),
);
const DAY = 86_400_000;

function isoInZone(d: Date, tz: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}

interface Disagreement {
  day: string;
  cell: string;
  colour: HighlightClass;
  engine: HighlightClass;
  text: unknown;
}

/**
 * Turns highlights on through the bundle at `start`, then for `days` days moves only the clock and
 * compares every next-step cell's colour with the engine's class. Returns the disagreements and how
 * often each class was seen.
 */
function compareDays(
  fixture: SpreadsheetFixture,
  start: Date,
  days: number,
): { bad: Disagreement[]; seen: Record<HighlightClass, number> } {
  let now = start;
  const g = createAppsScriptGlobals({ spreadsheet: fixture, now: () => now });
  const fns = loadBundle(CODE, g);
  fns.turnHighlightsOn();
  expect(g.ui.alerts).toEqual([]);
  const ss = g.SpreadsheetApp.getActive();
  const sheet = ss.getSheets()[0];
  // The engine's input: the sheet as a plain observer reads it (Node-realm Dates).
  const plain = createAppsScriptGlobals({ spreadsheet: g.spreadsheet, now: start })
    .SpreadsheetApp.getActive()
    .getSheets()[0];
  const grid = plain.getDataRange().getValues() as CellValue[][];
  const found = detectColumns(grid);
  const tz = ss.getSpreadsheetTimeZone();
  const locale = ss.getSpreadsheetLocale();
  const rows = grid.slice(found.headerRowIndex + 1);
  const letter = String.fromCharCode(65 + (found.mapping.nextStep as number));
  const bad: Disagreement[] = [];
  const seen: Record<HighlightClass, number> = { missing: 0, overdue: 0, vague: 0, stale: 0, none: 0 };
  for (let d = 0; d < days; d++) {
    now = new Date(start.getTime() + d * DAY);
    const today = isoInZone(now, tz);
    const colours = cellColours(sheet, { now });
    const analysis = analyzeRows(rows, found.mapping, defaultConfig(), {
      today,
      timeZone: tz,
      locale,
      firstRowNumber: found.headerRowIndex + 2,
    });
    for (const r of analysis) {
      const engine = highlightClass(r);
      const colour = CLASS_OF_COLOUR[colours[`${letter}${r.row}`]] ?? 'none';
      seen[engine]++;
      if (colour !== engine) {
        bad.push({
          day: today,
          cell: `${letter}${r.row}`,
          colour,
          engine,
          text: rows[r.row - found.headerRowIndex - 2][found.mapping.nextStep as number],
        });
      }
    }
  }
  // Only next-step cells are ever coloured.
  for (const a1 of Object.keys(cellColours(sheet, { now }))) expect(a1.startsWith(letter)).toBe(true);
  return { bad, seen };
}

describe('the 200-deal fixture, 30 days with no script run', () => {
  test("every next-step cell has the engine's colour on every day: zero disagreements", () => {
    const { bad, seen } = compareDays(pipelineFixture(), FIXTURE_NOW, 30);
    expect(bad.slice(0, 10)).toEqual([]);
    expect(bad).toHaveLength(0);
    // Not vacuous: every class occurs, and the time-dependent ones in numbers.
    expect(seen.missing).toBeGreaterThan(0);
    expect(seen.overdue).toBeGreaterThan(30 * 20);
    expect(seen.vague).toBeGreaterThan(30 * 20);
    expect(seen.stale).toBeGreaterThan(30);
    expect(seen.none).toBeGreaterThan(0);
  });
});

// ---- generated pipelines ----

const TZ = 'Europe/London';
const BASE = Date.UTC(2026, 2, 11);

const dayOffset = (n: number, hour = 0): { $date: string } => ({
  $date: new Date(BASE + n * DAY + hour * 3_600_000).toISOString(),
});

function ddmm(n: number): string {
  const d = new Date(BASE + n * DAY);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function longDate(n: number, withWeekday: boolean): string {
  const d = new Date(BASE + n * DAY);
  const wd = d.toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });
  const mon = d.toLocaleDateString('en-GB', { month: 'short', timeZone: 'UTC' });
  return `${withWeekday ? `${wd} ` : ''}${d.getUTCDate()} ${mon}`;
}

const action = fc.constantFrom(
  'Send revised MSA to Jane',
  'Pricing review call with the CFO',
  'Demo of reporting module for their IT team',
  'Procurement to return signed order form',
  'Follow up',
  'check in',
  'Touch base with Tom',
  'Proposal sent',
  'They liked the demo',
  'Waiting on procurement',
  'Agreed pricing. Jane reviewing with the CFO, call',
  'TBD',
  'asdf',
);

const when = fc.oneof(
  fc.constant(''),
  fc.integer({ min: -120, max: 120 }).map((n) => ` by ${ddmm(n)}`),
  fc.integer({ min: -120, max: 120 }).map((n) => ` ${longDate(n, true)}`),
  fc.integer({ min: -120, max: 120 }).map((n) => ` on ${longDate(n, false)}`),
  fc
    .integer({ min: -400, max: 400 })
    .map((n) => ` on ${ddmm(n)}/${new Date(BASE + n * DAY).getUTCFullYear()}`),
  fc.constantFrom(' next Tue', ' tomorrow', ' in 2 weeks', ' on the 16th', ' EOW', ' end of April', ' soon'),
);

const logPrefix = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  fc.integer({ min: -100, max: 5 }).map((n) => `${ddmm(n)} BR `),
);

const nextStep: fc.Arbitrary<FixtureValue> = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(logPrefix, action, when).map(([p, a, w]) => `${p}${a}${w}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '   ',
      '???',
      '#N/A',
      '=HYPERLINK("x","y")',
      '<img src=x onerror=alert(1)>',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99999 }) },
);

const stage: fc.Arbitrary<FixtureValue> = fc.constantFrom(
  'Prospecting',
  'Qualification',
  'Discovery',
  'Proposal',
  'Negotiation',
  'negotiation ',
  'Closed Won',
  'closed_lost',
  '',
  'Pilot',
);

const due: fc.Arbitrary<FixtureValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.integer({ min: -60, max: 60 }).map((n) => dayOffset(n)) },
  { weight: 1, arbitrary: fc.constant('tbc') },
);

const updated: fc.Arbitrary<FixtureValue> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.integer({ min: -150, max: 0 }), fc.integer({ min: 0, max: 23 }))
      .map(([n, h]) => dayOffset(n, h)),
  },
);

const row = fc.tuple(nextStep, stage, due, updated);

const pipeline = fc.array(row, { minLength: 1, maxLength: 40 }).map((cells): SpreadsheetFixture => {
  const rows = cells.map(([text, st, d, u], i): FixtureValue[] => [`Deal ${i + 1}`, st, text, d, u]);
  return {
    name: 'Generated',
    timeZone: TZ,
    locale: 'en_GB',
    sheets: [
      {
        name: 'Pipeline',
        maxRows: rows.length + 5,
        maxColumns: 6,
        values: [['Deal', 'Stage', 'Next step', 'Next step due', 'Next step updated'], ...rows],
      },
    ],
  };
});

describe('generated pipelines (fast-check), 30 days each with no script run', () => {
  test('zero disagreements between the colours and the engine', () => {
    const total = { rows: 0, timeBased: 0 };
    fc.assert(
      fc.property(pipeline, fc.integer({ min: -200, max: 400 }), (fixture, startOffset) => {
        const start = new Date(BASE + startOffset * DAY + 10 * 3_600_000);
        const { bad, seen } = compareDays(fixture, start, 30);
        total.rows += fixture.sheets[0].values!.length - 1;
        total.timeBased += seen.overdue + seen.stale;
        expect(bad.slice(0, 5)).toEqual([]);
      }),
      { numRuns: Number(process.env.NST_FC_RUNS ?? 25), seed: Number(process.env.NST_FC_SEED ?? 1313) },
    );
    // The generated days did exercise the time-dependent colours.
    expect(total.timeBased).toBeGreaterThan(500);
  });
});
