/**
 * The packed history format (pure): one snapshot = one column of text cells in the add-on's hidden
 * history sheet, written as plain text (number format '@'):
 *
 *   row 1  the week id, `YYYY-Www`
 *   row 2  meta JSON: {"app":"next-step-tracker","v":1, weekId, today, generatedAt, weekStart,
 *          sourceSheet, summary, "parts": n, "length": payload length, "check": hashString(payload)}
 *   row 3… the payload JSON cut into n parts of at most CHUNK_CHARS characters (Sheets allows 50,000
 *          characters per cell). Payload: {"stages": [...], "deals": [[k, h, v, t, stageIndex, amount,
 *          dueDayNumber, closed, weeksUnchanged], ...]} with one-letter codes for verdict and timing.
 *
 * Capacity (docs/review.md): a deal packs into about 60 characters, so 50,000 deals ≈ 3.0 M characters
 * ≈ 75 parts; 26 weeks × (2 + 75) ≈ 2,000 cells, against Sheets' 10,000,000-cell limit. One row per deal
 * per week with 8 fields would need 50,000 × 26 × 8 = 10.4 M cells: over the limit on its own.
 *
 * Decoding never throws: a damaged column gives a problem line and is ignored.
 */
import type { IsoDate, Timing, Verdict } from '../types';
import { dayNumber, fromDayNumber, isIsoDate } from '../dates/calendar';
import { hashString } from './hash';
import type { Snapshot, SnapshotDeal, SummaryCounts } from './model';
import { isWeekId } from './week';

/** The hidden sheet the add-on owns for weekly snapshots (the CLI's --history reads and writes it too). */
export const HISTORY_SHEET_NAME = 'Next Step Tracker history';
export const HISTORY_APP = 'next-step-tracker';
export const HISTORY_FORMAT = 1;
export const CHUNK_CHARS = 40_000;
/** Weekly snapshots kept by default (this week's included). */
export const KEEP_WEEKS_DEFAULT = 26;

const VERDICT_CODE: Record<Verdict, string> = { ok: 'o', weak: 'w', bad: 'b', missing: 'm' };
const TIMING_CODE: Record<Timing, string> = {
  upcoming: 'u',
  'due-today': 't',
  overdue: 'o',
  stale: 's',
  undated: 'n',
};
const VERDICT_OF: Record<string, Verdict> = Object.fromEntries(
  Object.entries(VERDICT_CODE).map(([k, v]) => [v, k as Verdict]),
);
const TIMING_OF: Record<string, Timing> = Object.fromEntries(
  Object.entries(TIMING_CODE).map(([k, v]) => [v, k as Timing]),
);

/** Row 1 and row 2 of a column, parsed. */
export interface SnapshotMeta extends Omit<Snapshot, 'deals'> {
  parts: number;
  length: number;
  check: string;
}

type PackedDeal =
  | [string, string, string, string, number, number | null, number | null, 0 | 1, number]
  | [string, string, string, string, number, number | null, number | null, 0 | 1, number, number];

export function encodePayload(deals: SnapshotDeal[]): string {
  const stages: string[] = [];
  const stageIndex = new Map<string, number>();
  const packed: PackedDeal[] = deals.map((d) => {
    let si = stageIndex.get(d.s);
    if (si === undefined) {
      si = stages.length;
      stages.push(d.s);
      stageIndex.set(d.s, si);
    }
    return [
      d.k,
      d.h,
      d.v ? VERDICT_CODE[d.v] : '',
      d.t ? TIMING_CODE[d.t] : '',
      si,
      d.a === null || !Number.isFinite(d.a) ? null : d.a,
      d.d && isIsoDate(d.d) ? dayNumber(d.d) : null,
      d.c ? 1 : 0,
      d.z,
      ...(d.p ? [d.p] : []),
    ] as PackedDeal;
  });
  return JSON.stringify({ stages, deals: packed });
}

/** The column for a snapshot: [weekId, meta JSON, ...payload parts]. */
export function encodeSnapshotColumn(snapshot: Snapshot, chunkChars = CHUNK_CHARS): string[] {
  const payload = encodePayload(snapshot.deals);
  const parts: string[] = [];
  for (let i = 0; i < payload.length; i += chunkChars) parts.push(payload.slice(i, i + chunkChars));
  if (parts.length === 0) parts.push('');
  const { deals: _deals, ...rest } = snapshot;
  const meta = {
    app: HISTORY_APP,
    v: HISTORY_FORMAT,
    ...rest,
    parts: parts.length,
    length: payload.length,
    check: hashString(payload),
  };
  return [snapshot.weekId, JSON.stringify(meta), ...parts];
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function validSummary(x: unknown): x is SummaryCounts {
  if (!isObject(x)) return false;
  const numbers = ['openDeals', 'overdue', 'dueThisWeek', 'stale', 'okShare', 'amountAtRisk', 'missing'];
  return (
    numbers.every((k) => typeof x[k] === 'number' && Number.isFinite(x[k] as number)) && isObject(x.verdicts)
  );
}

/** Parses rows 1–2 of a column. Empty column → {empty: true}. */
export function decodeMeta(
  weekCell: unknown,
  metaCell: unknown,
): { meta?: SnapshotMeta; problem?: string; empty?: boolean } {
  const week = typeof weekCell === 'string' ? weekCell.trim() : weekCell;
  if ((week === '' || week === null || week === undefined) && (metaCell === '' || metaCell == null))
    return { empty: true };
  if (!isWeekId(week)) return { problem: `a column is headed ${JSON.stringify(week)}, not a week id` };
  let meta: unknown;
  try {
    meta = JSON.parse(String(metaCell));
  } catch {
    return { problem: `the record for ${week} is not readable` };
  }
  if (!isObject(meta) || meta.app !== HISTORY_APP)
    return { problem: `the record for ${week} was not written by Next Step Tracker` };
  if (meta.v !== HISTORY_FORMAT)
    return { problem: `the record for ${week} has an unknown format version ${JSON.stringify(meta.v)}` };
  if (meta.weekId !== week) return { problem: `the record for ${week} names another week` };
  if (
    !isIsoDate(meta.today) ||
    typeof meta.generatedAt !== 'string' ||
    (meta.weekStart !== 'monday' && meta.weekStart !== 'sunday') ||
    typeof meta.sourceSheet !== 'string' ||
    !validSummary(meta.summary) ||
    !Number.isInteger(meta.parts) ||
    (meta.parts as number) < 1 ||
    !Number.isInteger(meta.length) ||
    typeof meta.check !== 'string'
  ) {
    return { problem: `the record for ${week} is incomplete` };
  }
  return {
    meta: {
      weekId: week,
      today: meta.today as IsoDate,
      generatedAt: meta.generatedAt,
      weekStart: meta.weekStart,
      sourceSheet: meta.sourceSheet,
      summary: meta.summary,
      parts: meta.parts as number,
      length: meta.length as number,
      check: meta.check,
    },
  };
}

function decodeDeal(x: unknown, stages: unknown[]): SnapshotDeal | null {
  // A 10th field, the due-date pushes running (close loop, core/review/close-loop.ts), is optional.
  if (!Array.isArray(x) || (x.length !== 9 && x.length !== 10)) return null;
  const [k, h, v, t, si, a, d, c, z, p] = x as unknown[];
  if (typeof k !== 'string' || k === '' || typeof h !== 'string') return null;
  if (typeof v !== 'string' || (v !== '' && !(v in VERDICT_OF))) return null;
  if (typeof t !== 'string' || (t !== '' && !(t in TIMING_OF))) return null;
  if (!Number.isInteger(si) || (si as number) < 0 || (si as number) >= stages.length) return null;
  if (a !== null && (typeof a !== 'number' || !Number.isFinite(a))) return null;
  if (d !== null && !Number.isInteger(d)) return null;
  if (c !== 0 && c !== 1) return null;
  if (!Number.isInteger(z) || (z as number) < 0) return null;
  const stage = stages[si as number];
  return {
    k,
    h,
    v: v === '' ? null : VERDICT_OF[v],
    t: t === '' ? null : TIMING_OF[t],
    s: typeof stage === 'string' ? stage : '',
    a: a as number | null,
    d: d === null ? null : fromDayNumber(d as number),
    c: c === 1,
    z: z as number,
    ...(Number.isInteger(p) && (p as number) > 0 ? { p: p as number } : {}),
  };
}

/** Joins and checks a column's payload parts. */
export function decodePayload(
  meta: SnapshotMeta,
  parts: unknown[],
): { snapshot?: Snapshot; problem?: string } {
  const text = parts
    .slice(0, meta.parts)
    .map((p) => (typeof p === 'string' ? p : p == null ? '' : String(p)))
    .join('');
  if (text.length !== meta.length || hashString(text) !== meta.check) {
    return { problem: `the record for ${meta.weekId} was edited or cut short` };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return { problem: `the record for ${meta.weekId} is not readable` };
  }
  if (!isObject(payload) || !Array.isArray(payload.stages) || !Array.isArray(payload.deals)) {
    return { problem: `the record for ${meta.weekId} is incomplete` };
  }
  const deals: SnapshotDeal[] = [];
  for (const x of payload.deals) {
    const d = decodeDeal(x, payload.stages);
    if (!d) return { problem: `the record for ${meta.weekId} holds a malformed deal` };
    deals.push(d);
  }
  const { parts: _p, length: _l, check: _c, ...rest } = meta;
  return { snapshot: { ...rest, deals } };
}

/** Decodes a whole column ([weekId, meta, ...parts]). */
export function decodeSnapshotColumn(cells: unknown[]): {
  snapshot?: Snapshot;
  problem?: string;
  empty?: boolean;
} {
  const head = decodeMeta(cells[0], cells[1]);
  if (!head.meta) return head;
  return decodePayload(head.meta, cells.slice(2, 2 + head.meta.parts));
}

/** The JSON history file the CLI reads and writes with --history. */
export interface HistoryFile {
  format: typeof HISTORY_APP;
  version: typeof HISTORY_FORMAT;
  /** Oldest first, each a column of the history sheet. */
  weeks: string[][];
}
