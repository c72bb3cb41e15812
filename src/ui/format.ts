/** Words and labels for verdicts, timings and dates: text first, colour only as a second signal. */
import type { Severity, Timing, Verdict } from '../core/types';
import { formatDay } from './dates';

export const VERDICT_LABELS: Record<Verdict, string> = {
  ok: 'OK',
  weak: 'Weak',
  bad: 'Bad',
  missing: 'Missing',
};

/** A symbol in front of the word, so the badge reads without colour (and without the word for a glance). */
export const VERDICT_SYMBOLS: Record<Verdict, string> = {
  ok: '✓',
  weak: '!',
  bad: '✕',
  missing: '∅',
};

export const TIMING_LABELS: Record<Timing, string> = {
  upcoming: 'Upcoming',
  'due-today': 'Due today',
  overdue: 'Overdue',
  stale: 'Stale',
  undated: 'Undated',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: 'Problem',
  warning: 'Warning',
  suggestion: 'Suggestion',
};

export function verdictText(v: Verdict | null): string {
  return v ? `${VERDICT_SYMBOLS[v]} ${VERDICT_LABELS[v]}` : 'Not judged';
}

export function timingText(t: Timing | null, due: string | null, today: string, locale: string): string {
  if (!t) return 'No timing';
  const label = TIMING_LABELS[t];
  if (due && (t === 'upcoming' || t === 'overdue')) return `${label} · due ${formatDay(due, today, locale)}`;
  return label;
}

export function percent(share: number): string {
  if (!Number.isFinite(share)) return '0%';
  return `${Math.round(Math.max(0, Math.min(1, share)) * 100)}%`;
}
