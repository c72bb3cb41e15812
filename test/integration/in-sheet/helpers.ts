/**
 * Shared set-up for the in-sheet integration tests: everything goes through the BUILT dist/Code.js
 * loaded into the emulator (run `node scripts/build.js` first; `npm test` does).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  createAppsScriptGlobals,
  loadBundle,
  makeEditEvent,
  type AppsScriptGlobals,
  type BundleFunctions,
  type EmulatorOptions,
  type SpreadsheetFixture,
  type FixtureValue,
} from '../../../dev/emulator';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CODE = path.join(ROOT, 'dist', 'Code.js');
/** The fixture's reference day is 2026-03-11 (Europe/London, en_GB). */
export const FIXTURE_NOW = new Date('2026-03-11T10:00:00Z');

export function pipelineFixture(): SpreadsheetFixture {
  return JSON.parse(
    fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'pipeline-200.json'), 'utf8'),
  ) as SpreadsheetFixture;
}

export interface Harness {
  g: AppsScriptGlobals;
  fns: BundleFunctions;
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
}

export function harness(options: EmulatorOptions = {}): Harness {
  const g = createAppsScriptGlobals({ spreadsheet: pipelineFixture(), now: FIXTURE_NOW, ...options });
  const fns = loadBundle(CODE, g);
  return { g, fns, ss: g.SpreadsheetApp.getActive() };
}

/**
 * A second view of the same document, not tied to the bundle's vm: values read through it are plain
 * Node values (Dates of this realm), for feeding the engine directly in assertions.
 */
export function observer(h: Harness): AppsScriptGlobals {
  return createAppsScriptGlobals({ spreadsheet: h.g.spreadsheet, now: FIXTURE_NOW });
}

/**
 * An onEdit event as real Sheets sends it: makeEditEvent's event, whose range also carries the plain
 * rowStart/rowEnd/columnStart/columnEnd fields real edit events have (JSON.stringify(e) shows them).
 */
export function sheetsEditEvent(
  range: GoogleAppsScript.Spreadsheet.Range,
  opts: { value?: unknown; oldValue?: unknown } = {},
): GoogleAppsScript.Events.SheetsOnEdit {
  const row = range.getRow();
  const col = range.getColumn();
  const fields: Record<string, number> = {
    rowStart: row,
    rowEnd: row + range.getNumRows() - 1,
    columnStart: col,
    columnEnd: col + range.getNumColumns() - 1,
  };
  const event = makeEditEvent(range, opts) as unknown as Record<string, unknown>;
  const withFields = new Proxy(range as unknown as object, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in fields) return fields[prop];
      return Reflect.get(target, prop, receiver);
    },
  });
  return { ...event, range: withFields } as unknown as GoogleAppsScript.Events.SheetsOnEdit;
}

/** A plain pipeline: header in row 1, `rows` deals. Columns: Deal, Stage, Next step, Next step due, Next step updated. */
export function bigPipeline(
  rows: number,
  extra: Partial<SpreadsheetFixture['sheets'][number]> = {},
): SpreadsheetFixture {
  const texts = [
    'Follow up',
    'Send revised MSA to Jane by Fri 24/04',
    '',
    'Waiting for legal',
    'Pricing call with the CFO 20/03',
  ];
  const values: FixtureValue[][] = [['Deal', 'Stage', 'Next step', 'Next step due', 'Next step updated']];
  for (let i = 0; i < rows; i++) {
    values.push([
      `Deal ${i + 1}`,
      i % 9 === 0 ? 'Closed Won' : 'Negotiation',
      texts[i % texts.length],
      i % 3 === 0 ? { $date: '2026-03-01T00:00:00.000Z' } : null,
      { $date: '2026-02-01T09:00:00.000Z' },
    ]);
  }
  return {
    name: 'Big pipeline',
    timeZone: 'Europe/London',
    locale: 'en_GB',
    sheets: [{ name: 'Pipeline', maxRows: rows + 1, maxColumns: 8, values, ...extra }],
  };
}
