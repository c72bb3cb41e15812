/**
 * One truth in the grid (issue 13): through the built bundle in the emulator, with its formula and
 * conditional-format evaluation, every next-step cell's colour is the engine's class for its row
 * (missing, overdue, vague, stale, none) on each of 30 consecutive days, with no script run between
 * them: only the clock moves. The engine is the one in src/core at test time (never hard-coded
 * expectations), on the 200-deal fixture and on generated pipelines (fast-check). Snoozed deals
 * (issue 15) are judged as the sidebar and the review judge them: the engine, then applySnoozes.
 */
import fc from 'fast-check';
import {
  cellColours,
  createAppsScriptGlobals,
  loadBundle,
  type AppsScriptGlobals,
  type BundleFunctions,
  type FixtureValue,
  type SpreadsheetFixture,
} from '../../../dev/emulator';
import { analyzeRows } from '../../../src/core/analyze';
import { defaultConfig } from '../../../src/core/config';
import { detectColumns } from '../../../src/core/columns';
import { dealKeyOf } from '../../../src/core/deal-identity';
import { highlightClass, type HighlightClass } from '../../../src/core/highlights/facts';
import { applySnoozes, encodeSnoozes, parseSnoozes, type SnoozeMap } from '../../../src/core/snooze';
import { HIGHLIGHT_LEGEND } from '../../../src/core/highlights/legend';
import type { CellValue } from '../../../src/core/types';
import { CODE, FIXTURE_NOW, pipelineFixture } from './helpers';

/** A one-tab pipeline (deal, stage, next step, due, updated) in TZ, en_GB. */
function smallPipeline(name: string, rows: FixtureValue[][]): SpreadsheetFixture {
  return {
    name,
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
}

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

const SNOOZE_KEY = 'nst.snoozes';

interface CompareOptions {
  /** Snoozes stored before highlights are turned on (as the sidebar would have saved them). */
  snoozes?: SnoozeMap;
  /** Runs at the start of day `d` (before its colours are read): e.g. a snooze set from the sidebar. */
  onDay?: (d: number, fns: BundleFunctions, g: AppsScriptGlobals) => void;
}

/**
 * Turns highlights on through the bundle at `start`, then for `days` days moves only the clock and
 * compares every next-step cell's colour with the engine's class (snoozes applied). Returns the
 * disagreements, how often each class was seen, and each row's engine class per day.
 */
function compareDays(
  fixture: SpreadsheetFixture,
  start: Date,
  days: number,
  options: CompareOptions = {},
): { bad: Disagreement[]; seen: Record<HighlightClass, number>; daily: HighlightClass[][] } {
  let now = start;
  const g = createAppsScriptGlobals({ spreadsheet: fixture, now: () => now });
  const fns = loadBundle(CODE, g);
  const props = g.PropertiesService.getDocumentProperties();
  if (options.snoozes) props.setProperty(SNOOZE_KEY, encodeSnoozes(options.snoozes));
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
  const keys = rows.map((r) => dealKeyOf(r, found.mapping, tz));
  const bad: Disagreement[] = [];
  const seen: Record<HighlightClass, number> = { missing: 0, overdue: 0, vague: 0, stale: 0, none: 0 };
  const daily: HighlightClass[][] = [];
  for (let d = 0; d < days; d++) {
    now = new Date(start.getTime() + d * DAY);
    options.onDay?.(d, fns, g);
    const today = isoInZone(now, tz);
    const colours = cellColours(sheet, { now });
    const { snoozes } = parseSnoozes(props.getProperty(SNOOZE_KEY));
    const judged = analyzeRows(rows, found.mapping, defaultConfig(), {
      today,
      timeZone: tz,
      locale,
      firstRowNumber: found.headerRowIndex + 2,
    });
    const analysis = applySnoozes(judged, keys, snoozes, today);
    daily.push(analysis.map(highlightClass));
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
  return { bad, seen, daily };
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

describe('snoozed deals, log-style rows included, 30 days with no script run after the snooze', () => {
  // Dates are year-less on purpose: the engine reads the log date ("20/02 BR", "06.03,") against today.
  const texts: FixtureValue[][] = [
    ['Deal A', 'Proposal', '20/02 BR Jane (CFO) to return the signed order form by 30/04', null, null],
    ['Deal B', 'Proposal', '06.03, pricing call with Jane (CFO) on 28/04', null, null],
    ['Deal C', 'Proposal', '01/03 BR Demo of reporting to their IT team on 29/04', null, null],
    ['Deal D', 'Proposal', '25.02, Jane (CFO) to sign the order form by 16/03', null, null],
    ['Deal E', 'Proposal', '', null, null],
    ['Deal F', 'Proposal', '10/03 BR Waiting on legal', null, null],
    [
      'Deal G',
      'Proposal',
      'Send revised MSA to Jane (CFO) by 30/04',
      null,
      { $date: '2026-02-20T09:00:00Z' },
    ],
  ];
  const fixture = (): SpreadsheetFixture => smallPipeline('Snoozes', texts);
  // Snoozed from the sidebar on day 3 (Sat 14 March); C is the control, never snoozed.
  const SNOOZE_DAY = 3;
  const until: Record<string, string> = {
    'Deal A': '2026-03-23',
    'Deal B': '2026-03-25',
    'Deal D': '2026-03-31',
    'Deal E': '2026-03-31',
    'Deal F': '2026-03-31',
    'Deal G': '2026-03-20',
  };

  test("before, during and after the snooze every colour is the engine's (snooze applied)", () => {
    const { bad, daily } = compareDays(fixture(), FIXTURE_NOW, 30, {
      onDay: (d, fns) => {
        if (d !== SNOOZE_DAY) return;
        texts.forEach((r, i) => {
          const deal = String(r[0]);
          if (!until[deal]) return;
          fns.snoozeDeal({
            sheetName: 'Pipeline',
            row: i + 2,
            dealKey: dealKeyOf([deal], { deal: 0 }, TZ),
            until: until[deal],
            reason: 'Legal on holiday',
          });
        });
      },
    });
    expect(bad.slice(0, 10)).toEqual([]);
    expect(bad).toHaveLength(0);
    // Not vacuous: the colours the snoozes change, day by day (day 0 is Wed 11 March).
    const row = (deal: string): string =>
      daily.map((day) => day[texts.findIndex((r) => r[0] === deal)][0]).join('');
    // A: stale before the snooze (days 0–2), none to its last day (23 March = day 12), stale after.
    expect(row('Deal A')).toBe('sss' + 'n'.repeat(10) + 's'.repeat(17));
    // B: log date 6 March + 14 days: stale from 21 March (day 10), held off to 25 March (day 14).
    expect(row('Deal B')).toBe('n'.repeat(15) + 's'.repeat(15));
    // C, the same kind of row never snoozed: stale from 16 March (day 5).
    expect(row('Deal C')).toBe('n'.repeat(5) + 's'.repeat(25));
    // A snooze never hides an overdue date (D: stale from 12 March, snoozed on day 3, due 16 March),
    // a missing step (E) or a vague one (F).
    expect(row('Deal D')).toBe('n' + 'ss' + 'nnn' + 'o'.repeat(24));
    expect(row('Deal E')).toBe('m'.repeat(30));
    expect(row('Deal F')).toBe('v'.repeat(30));
    // G, a stamped row (fixed dates): stale, snoozed to 20 March (day 9), stale again after.
    expect(row('Deal G')).toBe('sss' + 'n'.repeat(7) + 's'.repeat(20));
  });
});

describe('a snooze across New Year on a December log date', () => {
  test('"20/12 BR …" read in January: held off to the snooze’s end, stale again after', () => {
    const fixture = smallPipeline('New Year', [
      ['Deal Y', 'Proposal', '20/12 BR Jane (CFO) to sign the order form by 20/02', null, null],
      ['Deal Z', 'Proposal', '20/12 BR Jane (CFO) to sign the order form by 20/02', null, null],
    ]);
    const start = new Date('2026-12-28T10:00:00Z');
    const { bad, daily } = compareDays(fixture, start, 20, {
      onDay: (d, fns) => {
        if (d === 0)
          fns.snoozeDeal({
            sheetName: 'Pipeline',
            row: 2,
            dealKey: dealKeyOf(['Deal Y'], { deal: 0 }, TZ),
            until: '2027-01-10',
            reason: 'Buyer away over New Year',
          });
      },
    });
    expect(bad).toEqual([]);
    const row = (i: number): string => daily.map((day) => day[i][0]).join('');
    // More than 14 days after 20 Dec: stale from 4 January (day 7); Y is snoozed to 10 January (day 13).
    expect(row(1)).toBe('n'.repeat(7) + 's'.repeat(13));
    expect(row(0)).toBe('n'.repeat(14) + 's'.repeat(6));
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

const pipeline = fc.array(row, { minLength: 1, maxLength: 40 }).map((cells) =>
  smallPipeline(
    'Generated',
    cells.map(([text, st, d, u], i): FixtureValue[] => [`Deal ${i + 1}`, st, text, d, u]),
  ),
);

/** Deals snoozed before highlights go on: (deal index, the snooze's last day from the start). */
const snoozed = fc.array(fc.tuple(fc.nat(39), fc.integer({ min: -3, max: 35 })), { maxLength: 8 });

describe('generated pipelines (fast-check), 30 days each with no script run', () => {
  test('zero disagreements between the colours and the engine', () => {
    const total = { rows: 0, timeBased: 0 };
    fc.assert(
      fc.property(pipeline, fc.integer({ min: -200, max: 400 }), snoozed, (fixture, startOffset, picks) => {
        const start = new Date(BASE + startOffset * DAY + 10 * 3_600_000);
        const deals = fixture.sheets[0].values!.length - 1;
        const snoozes: SnoozeMap = {};
        for (const [index, ends] of picks) {
          if (index >= deals) continue;
          const dealKey = dealKeyOf([`Deal ${index + 1}`], { deal: 0 }, TZ);
          const until = isoInZone(new Date(start.getTime() + ends * DAY), TZ);
          snoozes[dealKey] = { dealKey, deal: '', owner: '', until, reason: 'Known stall', by: '', at: '' };
        }
        const { bad, seen } = compareDays(fixture, start, 30, { snoozes });
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
