/**
 * Pure helpers for "my deals": matching the signed-in user's email to the owner column, and ordering
 * the deals that need attention (worst first).
 */
import type { RowAnalysis, Timing, Verdict } from '../core/types';

/** Lower-case words of a name or an email's local part: "Jane.Doe@x.com" → ["jane", "doe"]. */
export function nameTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/@.*$/, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * How an owner cell matches the signed-in user: `email` when it is the email (any case), `name` when
 * its words are the email's name part ("Jane Doe" or "Jane" for jane.doe@…; the first word must
 * match, so "Doe" alone does not), else null.
 */
export function ownerMatch(owner: string, email: string): 'email' | 'name' | null {
  const o = owner.trim().toLowerCase();
  const e = email.trim().toLowerCase();
  if (!o || !e) return null;
  if (o === e) return 'email';
  const local = nameTokens(e);
  const words = nameTokens(o);
  if (words.length === 0 || local.length === 0) return null;
  if (words.join('') === local.join('')) return 'name';
  if (words[0] !== local[0]) return null;
  return words.every((w) => local.includes(w)) ? 'name' : null;
}

/** Pick the owner for an email among the sheet's owners: an exact email first, then the best name match. */
export function matchOwner(
  owners: readonly string[],
  email: string,
): { owner: string; by: 'email' | 'name' } | null {
  let byName: string | null = null;
  let best = 0;
  for (const owner of owners) {
    const m = ownerMatch(owner, email);
    if (m === 'email') return { owner, by: 'email' };
    if (m === 'name') {
      const score = nameTokens(owner).length;
      if (score > best) {
        best = score;
        byName = owner;
      }
    }
  }
  return byName ? { owner: byName, by: 'name' } : null;
}

export function needsAttention(a: Pick<RowAnalysis, 'status' | 'verdict' | 'timing'>): boolean {
  if (a.status !== 'open') return false;
  return a.verdict !== 'ok' || a.timing === 'overdue' || a.timing === 'stale' || a.timing === 'due-today';
}

const TIMING_RANK: Record<Timing, number> = { overdue: 0, 'due-today': 1, stale: 2, undated: 3, upcoming: 4 };
const VERDICT_RANK: Record<Verdict, number> = { missing: 0, bad: 1, weak: 2, ok: 3 };

/** Worst first: overdue, then due today, stale; within each, missing, bad, weak. */
export function attentionOrder(a: RowAnalysis, b: RowAnalysis): number {
  const ta = a.timing ? TIMING_RANK[a.timing] : 5;
  const tb = b.timing ? TIMING_RANK[b.timing] : 5;
  if (ta !== tb) return ta - tb;
  const va = a.verdict ? VERDICT_RANK[a.verdict] : 4;
  const vb = b.verdict ? VERDICT_RANK[b.verdict] : 4;
  if (va !== vb) return va - vb;
  return a.row - b.row;
}
