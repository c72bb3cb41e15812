/**
 * Closing the loop in the weekly review (docs/review.md, "Completion, slippage and snoozes"): applied
 * to the built review, pure.
 *
 * - Completion of the steps due last week, per owner and overall: from the next-step log for the deals
 *   it knows (a step counts as completed when recorded done), else the snapshot heuristic (replaced by
 *   a new step, or the deal moved stage or closed).
 * - Slippage: a deal whose same step had its due date pushed later in two reviews running (the
 *   snapshots; `p` counts the pushes running), or pushed later twice within 14 days (the log). Listed
 *   in the `slipped` section, counted per owner.
 * - Snoozes: snoozed deals leave the `stale` and `zombie` sections (never any other), and every live
 *   snooze is listed with its reason.
 */
import { activeSnooze, type Snooze, type SnoozeMap } from '../snooze';
import type { StepLogEntry } from '../step-log/entry';
import { logCompletion, logSlips, stepLives, type CompletionCount } from '../step-log/lives';
import { normaliseKeyPart } from './facts';
import { hashString, stepHash } from './hash';
import {
  previousSnapshot,
  type ReviewInput,
  type ReviewResult,
  type ReviewRow,
  type SnapshotDeal,
} from './model';
import { previousWeekId, weekRange } from './week';

export interface SnoozedRow {
  deal: string;
  owner: string;
  until: string;
  reason: string;
  by: string;
}

export interface CloseLoopReport {
  /** Where completion came from: every judged deal from the log, none of them, or some. */
  completionSource: 'log' | 'heuristic' | 'mixed' | 'none';
  completion: CompletionCount;
  completionByOwner: Array<{ owner: string } & CompletionCount>;
  /** Open deals in the `slipped` section. */
  slipped: number;
  snoozed: SnoozedRow[];
}

export interface CloseLoopInput {
  entries: readonly StepLogEntry[];
  snoozes: SnoozeMap;
}

/** The deal key without the `#2` suffix duplicates get (the log and snoozes use the base key). */
export function baseKey(dealKey: string): string {
  return dealKey.replace(/#\d+$/, '');
}

function rate(due: number, done: number): number | null {
  return due === 0 ? null : done / due;
}

export function applyCloseLoop(
  result: ReviewResult,
  input: ReviewInput,
  extra: CloseLoopInput,
): ReviewResult {
  const { model, snapshot } = result;
  const today = input.today;
  const weekStart = model.header.weekStartsOn;
  const lastWeek = weekRange(previousWeekId(model.header.weekId, weekStart), weekStart);
  const prev = previousSnapshot(Array.isArray(input.previous) ? input.previous : [], model.header.weekId);
  const prevByKey = new Map<string, SnapshotDeal>();
  for (const d of prev?.deals ?? []) if (d && typeof d.k === 'string') prevByKey.set(d.k, d);

  // Every deal of this review: its key, facts and judgement.
  const analysisByRow = new Map(input.rows.map((a) => [a.row, a]));
  const deals = input.deals.map((f) => ({
    facts: f,
    base: baseKey(f.dealKey),
    hash: hashString(f.dealKey),
    analysis: analysisByRow.get(f.row),
  }));
  const byHash = new Map(deals.map((d) => [d.hash, d]));

  // ---- snoozes
  const snoozedKeys = new Set<string>();
  const snoozed: SnoozedRow[] = [];
  const live: Snooze[] = Object.values(extra.snoozes).filter((s) => s.until >= today);
  for (const d of deals) {
    // Exact key: of several rows sharing a deal name, the first (unsuffixed) is the one the sidebar keyed.
    const s = activeSnooze(extra.snoozes, d.facts.dealKey, today);
    if (s && d.analysis?.status === 'open') snoozedKeys.add(d.facts.dealKey);
  }
  for (const s of live.sort((a, b) => (a.until < b.until ? -1 : a.until > b.until ? 1 : 0))) {
    snoozed.push({ deal: s.deal, owner: s.owner, until: s.until, reason: s.reason, by: s.by });
  }

  // ---- slippage: snapshots (pushes running) and the log (twice in 14 days)
  const slipReasons = new Map<string, string>();
  for (const sd of snapshot.deals) {
    const p = prevByKey.get(sd.k);
    const pushed = !!p && !p.c && !sd.c && sd.h !== '' && p.h === sd.h && !!p.d && !!sd.d && sd.d > p.d;
    const running = pushed ? (p?.p ?? 0) + 1 : 0;
    if (running > 0) sd.p = running;
    else delete sd.p;
    if (running >= 2) {
      const d = byHash.get(sd.k);
      if (d)
        slipReasons.set(d.facts.dealKey, `Due date pushed later in ${running} reviews running (now ${sd.d})`);
    }
  }
  const lives = stepLives(extra.entries);
  for (const slip of logSlips(lives, today)) {
    for (const d of deals) {
      if (d.facts.dealKey === slip.dealKey && !slipReasons.has(d.facts.dealKey))
        slipReasons.set(d.facts.dealKey, slip.reason);
    }
  }

  // ---- sections: snoozed deals out of stale and zombie; the slipped section filled
  const rowsByKey = new Map<string, ReviewRow>();
  for (const section of model.sections) for (const r of section.rows) rowsByKey.set(r.dealKey, r);
  const snoozedRows: ReviewRow[] = [];
  for (const d of deals) {
    const s = snoozedKeys.has(d.facts.dealKey) ? activeSnooze(extra.snoozes, d.facts.dealKey, today) : null;
    if (!s) continue;
    const base = rowsByKey.get(d.facts.dealKey) ?? fallbackRow(d.facts, d.analysis);
    const why = `Known stall until ${s.until}: ${s.reason}${s.by ? ` (${s.by})` : ''}`;
    snoozedRows.push({ ...base, reasons: [why, ...base.reasons], change: undefined });
  }
  const slippedRows: ReviewRow[] = [];
  for (const d of deals) {
    const why = slipReasons.get(d.facts.dealKey);
    if (!why || d.analysis?.status !== 'open') continue;
    const base = rowsByKey.get(d.facts.dealKey) ?? fallbackRow(d.facts, d.analysis);
    slippedRows.push({
      ...base,
      reasons: [...base.reasons.filter((r) => r !== why), why],
      change: undefined,
    });
  }
  for (const section of model.sections) {
    if (section.id === 'stale' || section.id === 'zombie')
      section.rows = section.rows.filter((r) => !snoozedKeys.has(r.dealKey));
    if (section.id === 'slipped')
      section.rows = slippedRows.sort((a, b) => b.stake - a.stake || a.row - b.row);
    if (section.id === 'snoozed') section.rows = snoozedRows;
  }
  if (model.summary.agenda) {
    for (const section of model.sections) model.summary.agenda[section.id] = section.rows.length;
  }

  // ---- completion: the log where it knows the deal, the heuristic elsewhere
  const logged = logCompletion(lives, lastWeek);
  const owners = new Map<string, { owner: string; due: number; done: number }>();
  const count = (owner: string, done: boolean): void => {
    const name = owner.trim() || '(no owner)';
    const key = normaliseKeyPart(name);
    const o = owners.get(key) ?? { owner: name, due: 0, done: 0 };
    o.due++;
    if (done) o.done++;
    owners.set(key, o);
  };
  for (const o of logged.byOwner) {
    for (let i = 0; i < o.due; i++) count(o.owner, i < o.done);
  }
  let heuristicDue = 0;
  for (const p of prevByKey.values()) {
    if (p.c || !p.h || !p.d || p.d < lastWeek.start || p.d > lastWeek.end) continue;
    const now = byHash.get(p.k);
    if (!now || logged.dealKeys.has(now.base)) continue; // gone (left out), or the log says
    const closed = now.analysis?.status === 'closed';
    const moved = closed || normaliseKeyPart(p.s ?? '') !== normaliseKeyPart(now.facts.stage);
    const h = stepHash(now.facts.nextStep);
    heuristicDue++;
    count(now.facts.owner, moved || (h !== '' && h !== p.h));
  }
  const byOwner = [...owners.values()]
    .sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0))
    .map((o) => ({ ...o, rate: rate(o.due, o.done) }));
  const due = byOwner.reduce((n, o) => n + o.due, 0);
  const done = byOwner.reduce((n, o) => n + o.done, 0);
  const source =
    logged.overall.due > 0 ? (heuristicDue > 0 ? 'mixed' : 'log') : heuristicDue > 0 ? 'heuristic' : 'none';
  if (logged.overall.due > 0) {
    // The tab's completion line reads these: they now include the log's numbers.
    model.completion.dueLastWeek = due + model.completion.notFound;
    model.completion.completed = done;
    model.completion.rate = rate(due, done);
  }

  // ---- per owner: slipped count and completion on the owner table
  for (const g of model.byOwner) {
    const key = normaliseKeyPart(g.name === '(no owner)' ? '' : g.name);
    g.slipped = slippedRows.filter((r) => normaliseKeyPart(r.owner) === key).length;
    const c = owners.get(normaliseKeyPart(g.name));
    g.completion = c
      ? { due: c.due, done: c.done, rate: rate(c.due, c.done) }
      : { due: 0, done: 0, rate: null };
  }

  model.closeLoop = {
    completionSource: source,
    completion: { due, done, rate: rate(due, done) },
    completionByOwner: byOwner,
    slipped: slippedRows.length,
    snoozed,
  };
  return { model, snapshot };
}

function fallbackRow(f: ReviewInput['deals'][number], a: ReviewInput['rows'][number] | undefined): ReviewRow {
  return {
    row: f.row,
    dealKey: f.dealKey,
    deal: f.deal,
    account: f.account,
    owner: f.owner,
    stage: f.stage,
    amount: f.amount,
    nextStep: f.nextStep,
    verdict: a?.verdict ?? null,
    timing: a?.timing ?? null,
    due: a?.due ?? null,
    reasons: (a?.findings ?? []).map((x) => x.message),
    weeksUnchanged: 0,
    daysOverdue: 0,
    stake: 0,
  };
}
