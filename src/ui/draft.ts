/**
 * The compose draft's binding to one deal (pure, unit-tested). A draft belongs to the deal it was
 * started for: its row, its identity (deal id, else deal + account) and the next step it replaces.
 * When the selection moves to another deal, the draft does not follow silently: the form says so and
 * offers to go back, to move the draft, or to discard it; Write stays off until the rep chooses.
 */
import type { RowView, SelectionContext } from '../core/rpc-contract';
import type { Verdict } from '../core/types';
import { extractDates } from '../core/dates/extract';
import { tidy } from './compose';

/** Longest step the server writes (src/addon/sidebar.ts MAX_NEXT_STEP_LENGTH; docs/sidebar.md says why). */
export const MAX_STEP_CHARS = 500;

export interface DraftTarget {
  sheet: string;
  row: number;
  dealKey: string;
  /** The deal's name, for the form's labels. */
  deal: string;
  /** The next step the draft replaces, as read (sent as `expected`). */
  expected: string;
}

export function targetOf(sel: SelectionContext | null): DraftTarget | null {
  if (!sel || sel.kind !== 'row' || !sel.row || sel.row.status !== 'open') return null;
  return targetOfRow(sel.row, sel.pipelineSheet || sel.sheetName);
}

export function targetOfRow(r: RowView, sheet: string): DraftTarget {
  return {
    sheet,
    row: r.row,
    dealKey: r.dealKey,
    deal: r.deal || r.account || `Row ${r.row}`,
    expected: r.nextStep,
  };
}

/** Same deal at the same place: the draft may be written there. */
export function sameDeal(a: DraftTarget | null, b: DraftTarget | null): boolean {
  return !!a && !!b && a.sheet === b.sheet && a.row === b.row && a.dealKey === b.dealKey;
}

/** Where the draft stands against the selection. */
export function draftPlace(
  draft: DraftTarget | null,
  selected: DraftTarget | null,
): 'none' | 'here' | 'elsewhere' {
  if (!draft) return 'none';
  return sameDeal(draft, selected) ? 'here' : 'elsewhere';
}

/** Why the composed text cannot be written as it is ('' when it can). */
export function lengthProblem(text: string): string {
  if (text.length <= MAX_STEP_CHARS) return '';
  return (
    `Too long: ${text.length} characters. A next step is one sentence (at most ${MAX_STEP_CHARS}); ` +
    'put the detail in a note or the CRM.'
  );
}

/** Whether writing needs the rep to confirm first: a step that reads as Bad (or empty). */
export function needsConfirmation(verdict: Verdict | null | undefined): boolean {
  return verdict === 'bad' || verdict === 'missing';
}

/**
 * The current step's text for "Start from the current text" and "Moved": its dates taken out (with
 * the word that introduced them: "on", "by", ...), so the form's own When does not say a second date.
 */
export function withoutDates(
  text: string,
  ctx: { locale: string; today: string; weekStart: 'monday' | 'sunday' },
): string {
  let mentions: Array<{ start: number; length: number }>;
  try {
    mentions = extractDates(text, {
      locale: ctx.locale,
      reference: ctx.today,
      weekStart: ctx.weekStart,
    }).mentions;
  } catch {
    return tidy(text);
  }
  let out = text;
  for (const m of [...mentions].sort((a, b) => b.start - a.start)) {
    const before = out.slice(0, m.start).replace(/\b(on|by|before|until|at|for|due)\s*$/i, '');
    out = `${before} ${out.slice(m.start + m.length)}`;
  }
  return tidy(out).replace(/[\s,;.-]+$/, '');
}
