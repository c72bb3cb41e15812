/**
 * The weekly review model: pure data built from the engine's row analyses, the rows' deal facts and
 * the snapshot history. Today, the time zone and the week start are inputs; nothing here reads a clock.
 * Every field and rule is defined in docs/review.md; the short version is next to each type.
 */
import type { IsoDate, RowAnalysis, Timing, Verdict } from '../types';
import { addDays } from '../dates/calendar';
import type { DealFacts } from './facts';
import { normaliseKeyPart } from './facts';
import { hashString, stepHash } from './hash';
import { byStake, daysOverdue, stakeOf } from './stake';
import type { CloseLoopReport } from './close-loop';
import { isWeekId, previousWeekId, weekIdFor, weekRange, type WeekStart } from './week';

export type SectionId =
  | 'overdue'
  | 'due-this-week'
  | 'stale'
  | 'vague-or-missing'
  | 'zombie'
  | 'slipped'
  | 'snoozed'
  | 'changed'
  | 'closed';

/**
 * The sections, in meeting order, as data: a new section is one entry here (plus the code that fills
 * it when it is not an agenda section). Agenda sections take each open deal at most once, the first
 * whose `takes` matches; the others are filled by their own rules in buildReview.
 */
export interface SectionDef {
  id: SectionId;
  title: string;
  /** Shown under the title: what the section counts, in a sentence. */
  counts: string;
  /** Agenda sections only: whether the open deal belongs here (checked in order). */
  takes?: (deal: AgendaFacts) => boolean;
}

/** What the agenda rules look at for one open deal. */
export interface AgendaFacts {
  verdict: Verdict | null;
  timing: Timing | null;
  due: IsoDate | null;
  today: IsoDate;
  dueThisWeek: boolean;
  weeksUnchanged: number;
}

/** A step that is neither overdue nor upcoming: it has passed (due before today) or has no date. */
function notUpcoming(d: AgendaFacts): boolean {
  return d.due === null || d.due < d.today;
}

export const SECTIONS: readonly SectionDef[] = [
  {
    id: 'overdue',
    title: 'Overdue next steps',
    counts: 'Open deals whose next step’s date has passed.',
    takes: (d) => d.timing === 'overdue',
  },
  {
    id: 'due-this-week',
    title: 'Due this week',
    counts: 'Open deals whose next step is due from today to the end of the week.',
    takes: (d) => d.dueThisWeek,
  },
  {
    id: 'stale',
    title: 'Stale next steps',
    counts: 'Open deals whose next step was written too long ago for its stage (not listed above).',
    takes: (d) => d.timing === 'stale',
  },
  {
    id: 'vague-or-missing',
    title: 'Vague or missing next steps',
    counts: 'Open deals whose next step is weak, bad or missing (not listed above).',
    takes: (d) => d.verdict !== 'ok',
  },
  {
    id: 'zombie',
    title: 'Zombie next steps',
    counts:
      'The same next step in two or more reviews running, with its date passed or no date (not listed above).',
    takes: (d) => d.weeksUnchanged >= 2 && notUpcoming(d),
  },
  {
    // Filled by core/review/close-loop.ts (from the next-step log and the snapshots).
    id: 'slipped',
    title: 'Slipped next steps',
    counts:
      'Open deals whose next-step date was pushed later in two reviews running, or twice within 14 days.',
  },
  {
    // Filled by core/review/close-loop.ts: every live snooze, with its reason (never hidden).
    id: 'snoozed',
    title: 'Snoozed (known stalls)',
    counts: 'Open deals a rep snoozed until a day, with the reason: no stale or zombie flag until then.',
  },
  {
    id: 'changed',
    title: 'Changed since last review',
    counts: 'Open deals whose next step or stage changed since the last review, and new deals.',
  },
  {
    id: 'closed',
    title: 'Closed since last review',
    counts: 'Deals closed since the last review.',
  },
];

/** Meeting order. */
export const SECTION_ORDER: readonly SectionId[] = SECTIONS.map((d) => d.id);
export const AGENDA_SECTIONS: readonly SectionDef[] = SECTIONS.filter((d) => d.takes);
export type AgendaCounts = Partial<Record<SectionId, number>>;

export const SECTION_TITLES = Object.fromEntries(SECTIONS.map((d) => [d.id, d.title])) as Record<
  SectionId,
  string
>;

/** Deals in the "This week" list at most. */
export const THIS_WEEK_MAX = 15;

export type ChangeKind = 'new' | 'rewritten' | 'completed';

/** A deal's facts (row, key, deal columns, the next step exactly as typed) with the review's judgement. */
export interface ReviewRow extends Omit<DealFacts, 'closeDate'> {
  /** null for closed deals. */
  verdict: Verdict | null;
  /** null for closed deals. */
  timing: Timing | null;
  due: IsoDate | null;
  /** One line each: the engine's finding messages, then history notes. */
  reasons: string[];
  /**
   * How many weekly snapshots running (this one included) hold this same non-empty step with the deal
   * open in the same stage; 0 when the step is empty or the deal closed.
   */
  weeksUnchanged: number;
  /** Days the step is overdue (0 unless timing is overdue). */
  daysOverdue: number;
  /** What is at stake (stake.ts): amount × stage weight × overdue factor. Sections are ranked by it. */
  stake: number;
  /** Only in the `changed` section. */
  change?: ChangeKind;
}

/** A deal in the "This week" list: the section it is discussed in. */
export interface ThisWeekRow extends ReviewRow {
  section: SectionId;
}

export interface ReviewSection {
  id: SectionId;
  title: string;
  rows: ReviewRow[];
}

export interface VerdictCounts {
  ok: number;
  weak: number;
  bad: number;
  missing: number;
}

export interface SummaryCounts {
  /** Rows the engine judged `open`. */
  openDeals: number;
  /** Rows the engine judged `closed`. */
  closedDeals: number;
  verdicts: VerdictCounts;
  /** = verdicts.missing. */
  missing: number;
  /** Open deals with timing `overdue`. */
  overdue: number;
  /** Open deals, not overdue, whose due day is from today to the last day of the review week. */
  dueThisWeek: number;
  /** Open deals with timing `stale`. */
  stale: number;
  /** verdicts.ok / openDeals; 0 when there are no open deals. */
  okShare: number;
  /** Open deals at risk: verdict not ok, or timing overdue or stale. */
  atRisk: number;
  /** Sum of the numeric amounts of the deals at risk (no amount counts 0). */
  amountAtRisk: number;
  /**
   * Deals in each section (the section's own count, so the tab's summary and its section titles
   * agree). Missing in snapshots written before this field existed.
   */
  agenda?: AgendaCounts;
}

export type SummaryChange = Omit<SummaryCounts, 'verdicts'> & { verdicts: VerdictCounts };

export interface ReviewSummary extends SummaryCounts {
  /** This week minus the previous snapshot's summary, field by field; null with no previous snapshot. */
  change: SummaryChange | null;
}

export interface GroupRow {
  /** Owner or stage as first written in the sheet; `(no owner)` / `(no stage)` when empty. */
  name: string;
  /** Open deals. */
  deals: number;
  verdicts: VerdictCounts;
  okShare: number;
  overdue: number;
  stale: number;
  /** Verdict weak, bad or missing. */
  vague: number;
  atRisk: number;
  amountAtRisk: number;
  /** Owners only: open deals in the `slipped` section (core/review/close-loop.ts). */
  slipped?: number;
  /** Owners only: completion of the steps due last week (close-loop.ts). */
  completion?: { due: number; done: number; rate: number | null };
}

export interface Completion {
  /** Open steps in the previous snapshot whose due day fell in the week before the review week. */
  dueLastWeek: number;
  /** Of those still in the sheet: replaced by a new (non-empty, different) step, or the deal moved stage or closed. */
  completed: number;
  /** Of those, deals no longer in the sheet (left out of the rate). */
  notFound: number;
  /** completed / (dueLastWeek - notFound); null when that is 0 or there is no previous snapshot. */
  rate: number | null;
}

export interface TrendPoint {
  weekId: string;
  okShare: number;
  openDeals: number;
}

export interface ReviewHeader {
  weekId: string;
  weekStartsOn: WeekStart;
  /** First and last day of the review week. */
  weekStart: IsoDate;
  weekEnd: IsoDate;
  today: IsoDate;
  timeZone: string;
  /** ISO timestamp. */
  generatedAt: string;
  sourceSheet: string;
  /** The snapshot compared against (latest before this week), null on the first review. */
  previousWeekId: string | null;
}

export interface ReviewModel {
  header: ReviewHeader;
  summary: ReviewSummary;
  /** The deals at risk with the most at stake, at most THIS_WEEK_MAX, most at stake first. */
  thisWeek: ThisWeekRow[];
  sections: ReviewSection[];
  byOwner: GroupRow[];
  byStage: GroupRow[];
  completion: Completion;
  /** okShare by snapshot week, oldest first, this week last. */
  trend: TrendPoint[];
  /** Deals in the previous snapshot that are no longer in the sheet (deleted or renamed). */
  removedDeals: number;
  problems: string[];
  /** Completion from the next-step log, slippage and snoozes (core/review/close-loop.ts). */
  closeLoop?: CloseLoopReport;
}

/** One deal in a snapshot. Compact field names: a snapshot is stored for every deal, every week. */
export interface SnapshotDeal {
  /** hashString(dealKey). */
  k: string;
  /** stepHash(nextStep): '' when empty. */
  h: string;
  v: Verdict | null;
  t: Timing | null;
  /** Stage text. */
  s: string;
  a: number | null;
  d: IsoDate | null;
  /** Closed. */
  c: boolean;
  /** weeksUnchanged. */
  z: number;
  /** Reviews running in which the same step's due date was pushed later (close-loop.ts); absent = 0. */
  p?: number;
}

export interface Snapshot {
  weekId: string;
  today: IsoDate;
  generatedAt: string;
  weekStart: WeekStart;
  sourceSheet: string;
  summary: SummaryCounts;
  deals: SnapshotDeal[];
}

export interface ReviewConfig {
  weekStart: WeekStart;
  /** How many points the okShare trend keeps (this week included). Default 26. */
  trendWeeks?: number;
}

export interface ReviewInput {
  rows: RowAnalysis[];
  deals: DealFacts[];
  /** Snapshot history, oldest first (order is not trusted: the latest week before this one is used). */
  previous: Snapshot[];
  today: IsoDate;
  timeZone: string;
  /** Defaults to the week holding `today`. */
  weekId?: string;
  generatedAt: string;
  sourceSheet: string;
  config: ReviewConfig;
  /** Problems found upstream (settings, history), passed through to the model. */
  problems?: string[];
}

function zeroVerdicts(): VerdictCounts {
  return { ok: 0, weak: 0, bad: 0, missing: 0 };
}

function isAtRisk(verdict: Verdict | null, timing: Timing | null): boolean {
  return verdict !== 'ok' || timing === 'overdue' || timing === 'stale';
}

function dedupe(lines: string[]): string[] {
  return [...new Set(lines.filter((l) => l.trim() !== ''))];
}

const CHANGE_RANK: Record<ChangeKind, number> = { completed: 0, rewritten: 1, new: 2 };

/** Every section is ranked by what is at stake; `changed` groups by kind first. */
function sortSection(id: SectionId, rows: ReviewRow[]): ReviewRow[] {
  if (id === 'changed')
    return rows.sort(
      (a, b) => CHANGE_RANK[a.change ?? 'new'] - CHANGE_RANK[b.change ?? 'new'] || byStake(a, b),
    );
  return rows.sort(byStake);
}

/** The latest snapshot strictly before `weekId` (the last one wins when a week appears twice). */
export function previousSnapshot(history: Snapshot[], weekId: string): Snapshot | null {
  let best: Snapshot | null = null;
  for (const s of history) {
    if (!s || typeof s.weekId !== 'string' || s.weekId >= weekId) continue;
    if (!best || s.weekId >= best.weekId) best = s;
  }
  return best;
}

interface Joined {
  analysis: RowAnalysis;
  facts: DealFacts;
  keyHash: string;
  hash: string;
}

function summarise(open: Joined[], closedCount: number, dueThisWeek: (j: Joined) => boolean): SummaryCounts {
  const verdicts = zeroVerdicts();
  let overdue = 0;
  let stale = 0;
  let due = 0;
  let atRisk = 0;
  let amountAtRisk = 0;
  for (const j of open) {
    const { verdict, timing } = j.analysis;
    if (verdict) verdicts[verdict]++;
    if (timing === 'overdue') overdue++;
    if (timing === 'stale') stale++;
    if (dueThisWeek(j)) due++;
    if (isAtRisk(verdict, timing)) {
      atRisk++;
      amountAtRisk += j.facts.amount ?? 0;
    }
  }
  return {
    openDeals: open.length,
    closedDeals: closedCount,
    verdicts,
    missing: verdicts.missing,
    overdue,
    dueThisWeek: due,
    stale,
    okShare: open.length === 0 ? 0 : verdicts.ok / open.length,
    atRisk,
    amountAtRisk,
  };
}

function num(x: unknown): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : 0;
}

function summaryChange(now: SummaryCounts, before: SummaryCounts): SummaryChange {
  const bv = (before.verdicts ?? {}) as Partial<VerdictCounts>;
  return {
    openDeals: now.openDeals - num(before.openDeals),
    closedDeals: now.closedDeals - num(before.closedDeals),
    verdicts: {
      ok: now.verdicts.ok - num(bv.ok),
      weak: now.verdicts.weak - num(bv.weak),
      bad: now.verdicts.bad - num(bv.bad),
      missing: now.verdicts.missing - num(bv.missing),
    },
    missing: now.missing - num(before.missing),
    overdue: now.overdue - num(before.overdue),
    dueThisWeek: now.dueThisWeek - num(before.dueThisWeek),
    stale: now.stale - num(before.stale),
    okShare: now.okShare - num(before.okShare),
    atRisk: now.atRisk - num(before.atRisk),
    amountAtRisk: now.amountAtRisk - num(before.amountAtRisk),
    agenda: agendaChange(now.agenda, before.agenda),
  };
}

/** Section by section; a section the earlier snapshot did not count is left out (no change known). */
function agendaChange(now: AgendaCounts | undefined, before: unknown): AgendaCounts | undefined {
  if (!now || !before || typeof before !== 'object') return undefined;
  const b = before as Record<string, unknown>;
  const out: AgendaCounts = {};
  for (const [id, n] of Object.entries(now) as Array<[SectionId, number]>) {
    if (typeof b[id] === 'number' && Number.isFinite(b[id])) out[id] = n - (b[id] as number);
  }
  return out;
}

function groupTable(open: Joined[], pick: (f: DealFacts) => string, emptyName: string): GroupRow[] {
  const groups = new Map<string, GroupRow>();
  for (const j of open) {
    const raw = pick(j.facts);
    const norm = normaliseKeyPart(raw);
    let g = groups.get(norm);
    if (!g) {
      g = {
        name: norm === '' ? emptyName : raw,
        deals: 0,
        verdicts: zeroVerdicts(),
        okShare: 0,
        overdue: 0,
        stale: 0,
        vague: 0,
        atRisk: 0,
        amountAtRisk: 0,
      };
      groups.set(norm, g);
    }
    const { verdict, timing } = j.analysis;
    g.deals++;
    if (verdict) g.verdicts[verdict]++;
    if (verdict && verdict !== 'ok') g.vague++;
    if (timing === 'overdue') g.overdue++;
    if (timing === 'stale') g.stale++;
    if (isAtRisk(verdict, timing)) {
      g.atRisk++;
      g.amountAtRisk += j.facts.amount ?? 0;
    }
  }
  const rows = [...groups.values()];
  for (const g of rows) g.okShare = g.deals === 0 ? 0 : g.verdicts.ok / g.deals;
  return rows.sort((a, b) => b.deals - a.deals || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface ReviewResult {
  model: ReviewModel;
  /** This week's snapshot, to append to the history. */
  snapshot: Snapshot;
}

function emptyFacts(row: number): DealFacts {
  return {
    row,
    dealKey: `row:${row}`,
    deal: '',
    account: '',
    owner: '',
    stage: '',
    amount: null,
    nextStep: '',
  };
}

/** Builds the review model and this week's snapshot. Pure and deterministic. */
export function buildReview(input: ReviewInput): ReviewResult {
  const weekStart: WeekStart = input.config?.weekStart === 'sunday' ? 'sunday' : 'monday';
  const problems = [...(input.problems ?? [])];
  let weekId = input.weekId ?? weekIdFor(input.today, weekStart);
  if (!isWeekId(weekId)) {
    problems.push(
      `Week id ${JSON.stringify(weekId)} is not of the form YYYY-Www; used the week of ${input.today}.`,
    );
    weekId = weekIdFor(input.today, weekStart);
  }
  const range = weekRange(weekId, weekStart);
  const lastWeek = weekRange(previousWeekId(weekId, weekStart), weekStart);
  const today = input.today;
  const prev = previousSnapshot(Array.isArray(input.previous) ? input.previous : [], weekId);
  const prevByKey = new Map<string, SnapshotDeal>();
  if (prev && Array.isArray(prev.deals)) {
    for (const d of prev.deals) if (d && typeof d.k === 'string') prevByKey.set(d.k, d);
  }

  const factsByRow = new Map<number, DealFacts>();
  for (const f of input.deals) factsByRow.set(f.row, f);
  const joined: Joined[] = [];
  const seenKeys = new Set<string>();
  for (const analysis of [...input.rows].sort((a, b) => a.row - b.row)) {
    if (analysis.status === 'blank') continue;
    const facts = factsByRow.get(analysis.row) ?? emptyFacts(analysis.row);
    let key = facts.dealKey;
    // Keys must be unique per snapshot; facts from dealFactsFromRows already are.
    for (let n = 2; seenKeys.has(key); n++) key = `${facts.dealKey}#${n}`;
    seenKeys.add(key);
    joined.push({ analysis, facts, keyHash: hashString(key), hash: stepHash(facts.nextStep) });
  }
  const open = joined.filter((j) => j.analysis.status === 'open');
  const closed = joined.filter((j) => j.analysis.status === 'closed');

  const isDueThisWeek = (j: Joined): boolean => {
    const due = j.analysis.due;
    return !!due && j.analysis.timing !== 'overdue' && due >= today && due <= range.end;
  };
  const counts: SummaryCounts = summarise(open, closed.length, isDueThisWeek);

  // Snapshot entries (and weeksUnchanged) for every non-blank row.
  const snapDeals: SnapshotDeal[] = [];
  const weeksUnchanged = new Map<Joined, number>();
  for (const j of joined) {
    const p = prevByKey.get(j.keyHash);
    const isOpen = j.analysis.status === 'open';
    // Same non-empty text, deal still open and in the same stage: the step has not moved.
    const same =
      !!p && !p.c && p.h === j.hash && normaliseKeyPart(p.s ?? '') === normaliseKeyPart(j.facts.stage);
    const z = !isOpen || j.hash === '' ? 0 : same ? Math.max(1, num(p?.z)) + 1 : 1;
    weeksUnchanged.set(j, z);
    snapDeals.push({
      k: j.keyHash,
      h: j.hash,
      v: isOpen ? j.analysis.verdict : null,
      t: isOpen ? j.analysis.timing : null,
      s: j.facts.stage,
      a: j.facts.amount,
      d: j.analysis.due ?? null,
      c: !isOpen,
      z,
    });
  }

  const toRow = (j: Joined, extra: string[] = []): ReviewRow => {
    const isOpen = j.analysis.status === 'open';
    const late = daysOverdue(j.analysis.due, today, isOpen && j.analysis.timing === 'overdue');
    return {
      row: j.analysis.row,
      dealKey: j.facts.dealKey,
      deal: j.facts.deal,
      account: j.facts.account,
      owner: j.facts.owner,
      stage: j.facts.stage,
      amount: j.facts.amount,
      nextStep: j.facts.nextStep,
      verdict: isOpen ? j.analysis.verdict : null,
      timing: isOpen ? j.analysis.timing : null,
      due: j.analysis.due ?? null,
      reasons: dedupe([...(isOpen ? (j.analysis.findings ?? []).map((f) => f.message) : []), ...extra]),
      weeksUnchanged: weeksUnchanged.get(j) ?? 0,
      daysOverdue: late,
      stake: stakeOf(j.facts.amount, j.facts.stage, late),
    };
  };

  const sections = new Map<SectionId, ReviewRow[]>(SECTION_ORDER.map((id) => [id, []]));
  const thisWeek: ThisWeekRow[] = [];
  for (const j of open) {
    const { verdict, timing } = j.analysis;
    const z = weeksUnchanged.get(j) ?? 0;
    const facts: AgendaFacts = {
      verdict,
      timing,
      due: j.analysis.due ?? null,
      today,
      dueThisWeek: isDueThisWeek(j),
      weeksUnchanged: z,
    };
    // An upcoming dated step is not stuck, however long it has stood (no zombie alarm for it).
    const notes = z >= 2 && notUpcoming(facts) ? [`Same next step in ${z} weekly reviews running.`] : [];
    const def = AGENDA_SECTIONS.find((d) => d.takes?.(facts));
    if (def) {
      const row = toRow(j, notes);
      (sections.get(def.id) as ReviewRow[]).push(row);
      if (isAtRisk(verdict, timing)) thisWeek.push({ ...row, section: def.id });
    }

    if (!prev) continue;
    const p = prevByKey.get(j.keyHash);
    let change: ChangeKind | null = null;
    let why = '';
    const stage = j.facts.stage;
    if (!p) [change, why] = ['new', 'New deal since the last review.'];
    else if (p.c)
      [change, why] = ['new', `Reopened since the last review (it was in ${p.s || 'a closed stage'}).`];
    else if (normaliseKeyPart(p.s ?? '') !== normaliseKeyPart(stage)) {
      [change, why] = ['completed', `Completed: moved from ${p.s || 'no stage'} to ${stage || 'no stage'}.`];
    } else if (p.h !== j.hash) {
      if (p.h === '') [change, why] = ['rewritten', 'Next step added (it was empty).'];
      else if (j.hash === '') [change, why] = ['rewritten', 'Next step cleared (it is now empty).'];
      else if (p.d && p.d <= today)
        [change, why] = ['completed', `Completed: the step due ${p.d} was replaced by a new one.`];
      else [change, why] = ['rewritten', 'Next step rewritten before it was due.'];
    }
    if (change) (sections.get('changed') as ReviewRow[]).push({ ...toRow(j, [why]), change });
  }

  // Closed: when it closed is when a review first saw it closed; a close date in the future is a
  // forecast, never a closing day.
  const closeWindowStart = addDays(range.start, -7);
  for (const j of closed) {
    const p = prevByKey.get(j.keyHash);
    const close = j.facts.closeDate && j.facts.closeDate <= today ? j.facts.closeDate : undefined;
    let why: string | null = null;
    if (p && !p.c)
      why = `Closed between the review of ${prev?.today} and this one (it was in ${p.s || 'no stage'}).`;
    else if (!p && close && close >= closeWindowStart) why = `Closed on ${close}; not in the last review.`;
    else if (!p && prev && !close) why = 'First seen closed in this review; not in the last review.';
    if (why) (sections.get('closed') as ReviewRow[]).push(toRow(j, [why]));
  }

  // Completion of the steps that were due last week.
  const byKey = new Map<string, Joined>(joined.map((j) => [j.keyHash, j]));
  let dueLastWeek = 0;
  let completed = 0;
  let notFound = 0;
  if (prev) {
    for (const p of prevByKey.values()) {
      if (p.c || !p.h || !p.d || p.d < lastWeek.start || p.d > lastWeek.end) continue;
      dueLastWeek++;
      const now = byKey.get(p.k);
      if (!now) {
        notFound++;
        continue;
      }
      const moved =
        now.analysis.status === 'closed' || normaliseKeyPart(p.s ?? '') !== normaliseKeyPart(now.facts.stage);
      if (moved || (now.hash !== '' && now.hash !== p.h)) completed++;
    }
  }
  const judged = dueLastWeek - notFound;
  const completion: Completion = {
    dueLastWeek,
    completed,
    notFound,
    rate: prev && judged > 0 ? completed / judged : null,
  };

  let removedDeals = 0;
  if (prev) for (const k of prevByKey.keys()) if (!byKey.has(k)) removedDeals++;

  const trendWeeks = Math.max(1, Math.floor(input.config?.trendWeeks ?? 26));
  const points = new Map<string, TrendPoint>();
  for (const s of input.previous ?? []) {
    if (!s || !isWeekId(s.weekId) || s.weekId >= weekId || !s.summary) continue;
    points.set(s.weekId, {
      weekId: s.weekId,
      okShare: num(s.summary.okShare),
      openDeals: num(s.summary.openDeals),
    });
  }
  const sortedPoints = [...points.values()].sort((a, b) => (a.weekId < b.weekId ? -1 : 1));
  const trend = sortedPoints.slice(Math.max(0, sortedPoints.length - (trendWeeks - 1)));
  trend.push({ weekId, okShare: counts.okShare, openDeals: counts.openDeals });

  const sorted = SECTIONS.map((d) => ({
    id: d.id,
    title: d.title,
    rows: sortSection(d.id, sections.get(d.id) as ReviewRow[]),
  }));
  counts.agenda = Object.fromEntries(sorted.map((x) => [x.id, x.rows.length])) as AgendaCounts;

  const model: ReviewModel = {
    header: {
      weekId,
      weekStartsOn: weekStart,
      weekStart: range.start,
      weekEnd: range.end,
      today,
      timeZone: input.timeZone,
      generatedAt: input.generatedAt,
      sourceSheet: input.sourceSheet,
      previousWeekId: prev ? prev.weekId : null,
    },
    summary: { ...counts, change: prev && prev.summary ? summaryChange(counts, prev.summary) : null },
    thisWeek: thisWeek.sort(byStake).slice(0, THIS_WEEK_MAX),
    sections: sorted,
    byOwner: groupTable(open, (f) => f.owner, '(no owner)'),
    byStage: groupTable(open, (f) => f.stage, '(no stage)'),
    completion,
    trend,
    removedDeals,
    problems,
  };
  const snapshot: Snapshot = {
    weekId,
    today,
    generatedAt: input.generatedAt,
    weekStart,
    sourceSheet: input.sourceSheet,
    summary: counts,
    deals: snapDeals,
  };
  return { model, snapshot };
}

/** The review model alone (see buildReview). */
export function buildReviewModel(input: ReviewInput): ReviewModel {
  return buildReview(input).model;
}
