/**
 * From the log's events to each step's life (set → ended how), and the two measures the weekly review
 * takes from them: completion of the steps due last week, and slippage (a step's date pushed later
 * twice within 14 days). Pure; entries may come in any order (sorted here by time, stable).
 */
import { addDays } from '../dates/calendar';
import type { StepLogEntry } from './entry';

export type StepOutcome = 'done' | 'missed' | 'replaced' | 'moved' | 'open';

export interface StepLife {
  dealKey: string;
  deal: string;
  owner: string;
  text: string;
  /** YYYY-MM-DD or ''. */
  due: string;
  /** ISO instant; '' when the log holds only the step's end (it was set before the log existed). */
  setAt: string;
  endedAt: string;
  outcome: StepOutcome;
}

export function sortEntries(entries: readonly StepLogEntry[]): StepLogEntry[] {
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i))
    .map((x) => x.e);
}

/** Every step's life, per deal in time order. */
export function stepLives(entries: readonly StepLogEntry[]): StepLife[] {
  const open = new Map<string, StepLife>();
  const lives: StepLife[] = [];
  const end = (life: StepLife, at: string, outcome: StepOutcome): void => {
    life.endedAt = at;
    life.outcome = outcome;
    open.delete(life.dealKey);
  };
  const start = (e: StepLogEntry, text: string, due: string): void => {
    const life: StepLife = {
      dealKey: e.dealKey,
      deal: e.deal,
      owner: e.owner,
      text,
      due,
      setAt: e.at,
      endedAt: '',
      outcome: 'open',
    };
    lives.push(life);
    open.set(e.dealKey, life);
  };
  for (const e of sortEntries(entries)) {
    const current = open.get(e.dealKey);
    if (e.event === 'set') {
      if (current) end(current, e.at, 'replaced');
      start(e, e.text, e.due);
      continue;
    }
    let ended = current;
    if (!ended) {
      // The step was set before the log began: its end is all the log knows.
      ended = { ...blankLife(e), text: e.text, due: e.event === 'moved' ? '' : e.due };
      lives.push(ended);
    }
    end(ended, e.at, e.event);
    if (e.event === 'moved' && e.due) start(e, e.text || ended.text, e.due);
  }
  return lives;
}

function blankLife(e: StepLogEntry): StepLife {
  return {
    dealKey: e.dealKey,
    deal: e.deal,
    owner: e.owner,
    text: '',
    due: '',
    setAt: '',
    endedAt: '',
    outcome: 'open',
  };
}

export interface CompletionCount {
  /** Steps whose due day fell in the week. */
  due: number;
  /** Of those, recorded done. */
  done: number;
  /** done / due; null when nothing was due. */
  rate: number | null;
}

export interface LogCompletion {
  overall: CompletionCount;
  /** Owner as first written → counts, sorted by owner name. */
  byOwner: Array<{ owner: string } & CompletionCount>;
  /** Deal keys the log knows (their completion comes from the log, not the heuristic). */
  dealKeys: Set<string>;
}

function rate(due: number, done: number): number | null {
  return due === 0 ? null : done / due;
}

/** Completion of the steps due from `week.start` to `week.end` (inclusive), from the log. */
export function logCompletion(
  lives: readonly StepLife[],
  week: { start: string; end: string },
): LogCompletion {
  const overall = { due: 0, done: 0 };
  const owners = new Map<string, { owner: string; due: number; done: number }>();
  const dealKeys = new Set<string>();
  for (const life of lives) {
    dealKeys.add(life.dealKey);
    if (!life.due || life.due < week.start || life.due > week.end) continue;
    const key = life.owner.trim().toLowerCase();
    const o = owners.get(key) ?? { owner: life.owner.trim() || '(no owner)', due: 0, done: 0 };
    owners.set(key, o);
    overall.due++;
    o.due++;
    if (life.outcome === 'done') {
      overall.done++;
      o.done++;
    }
  }
  return {
    overall: { ...overall, rate: rate(overall.due, overall.done) },
    byOwner: [...owners.values()]
      .sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0))
      .map((o) => ({ ...o, rate: rate(o.due, o.done) })),
    dealKeys,
  };
}

export interface Slip {
  dealKey: string;
  deal: string;
  owner: string;
  /** The dues in order, oldest first: e.g. ['2026-03-04', '2026-03-11', '2026-03-18']. */
  dues: string[];
  /** One line for the review. */
  reason: string;
}

/** Days within which two pushes make a slip. */
export const SLIP_WINDOW_DAYS = 14;

/**
 * Deals whose step date was pushed later at least twice within the 14 days up to `today`: a life
 * that ended `moved` and the deal's next life has a later due date is one push, dated when it moved.
 */
export function logSlips(lives: readonly StepLife[], today: string): Slip[] {
  const byDeal = new Map<string, StepLife[]>();
  for (const l of lives) byDeal.set(l.dealKey, [...(byDeal.get(l.dealKey) ?? []), l]);
  const from = addDays(today, -SLIP_WINDOW_DAYS);
  const out: Slip[] = [];
  for (const [dealKey, list] of byDeal) {
    const pushes: Array<{ from: string; to: string }> = [];
    for (let i = 0; i + 1 < list.length; i++) {
      const a = list[i];
      const b = list[i + 1];
      const day = a.endedAt.slice(0, 10);
      if (a.outcome === 'moved' && a.due && b.due > a.due && day >= from && day <= today)
        pushes.push({ from: a.due, to: b.due });
    }
    if (pushes.length < 2) continue;
    const last = list[list.length - 1];
    const dues = [pushes[0].from, ...pushes.map((p) => p.to)];
    out.push({
      dealKey,
      deal: last.deal,
      owner: last.owner,
      dues,
      reason: `Due date pushed ${pushes.length} times in ${SLIP_WINDOW_DAYS} days: ${dues.join(' → ')}`,
    });
  }
  return out.sort((a, b) => (a.deal < b.deal ? -1 : a.deal > b.deal ? 1 : 0));
}
