/**
 * Pure checks of the settings form before it is sent (the server checks again with the engine's
 * parseConfig and its messages). Field names match SettingsProblem.field.
 */
import type { SettingsForm, SettingsProblem } from '../core/rpc-contract';

export const MIN_DAYS = 1;
export const MAX_DAYS = 365;

/** A days input's text → a whole number of days, or a message. '' is allowed where `optional`. */
export function parseDays(
  text: string,
  label: string,
  optional: boolean,
): { days: number | null; problem: string } {
  const t = text.trim();
  if (t === '')
    return optional
      ? { days: null, problem: '' }
      : { days: null, problem: `${label}: enter a number of days.` };
  if (!/^\d+$/.test(t))
    return {
      days: null,
      problem: `${label} must be a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}, got "${t}".`,
    };
  const n = Number(t);
  if (n < MIN_DAYS || n > MAX_DAYS) {
    return {
      days: null,
      problem: `${label} must be a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}, got ${n}.`,
    };
  }
  return { days: n, problem: '' };
}

export const MIN_RETENTION = 1;
export const MAX_RETENTION = 52;

function retentionMessage(got: string): string {
  return `Review tabs to keep must be a whole number from ${MIN_RETENTION} to ${MAX_RETENTION}, got ${got}.`;
}

/**
 * The "Review tabs to keep" input's text → a whole number of tabs, or a message. `stored` (the value the
 * view was loaded with) is always accepted: one set in the property beyond 52 must not block saving.
 */
export function parseRetention(text: string, stored?: number): { tabs: number | null; problem: string } {
  const t = text.trim();
  if (stored !== undefined && t === String(stored)) return { tabs: stored, problem: '' };
  if (t === '') return { tabs: null, problem: 'Review tabs to keep: enter a number of tabs.' };
  if (!/^\d+$/.test(t)) return { tabs: null, problem: retentionMessage(`"${t}"`) };
  const n = Number(t);
  if (n < MIN_RETENTION || n > MAX_RETENTION) return { tabs: null, problem: retentionMessage(String(n)) };
  return { tabs: n, problem: '' };
}

/** Normalises a phrase the user typed; '' when it is not worth adding. */
export function normalizePhrase(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Adds a phrase unless present (case-insensitive); returns the new list and a message when refused. */
export function addPhrase(list: readonly string[], text: string): { list: string[]; problem: string } {
  const p = normalizePhrase(text);
  if (!p) return { list: [...list], problem: 'Type a phrase to add.' };
  if (p.length > 60) return { list: [...list], problem: 'Keep a phrase under 60 characters.' };
  if (list.some((x) => x.toLowerCase() === p))
    return { list: [...list], problem: `"${p}" is already in the list.` };
  return { list: [...list, p], problem: '' };
}

export function removePhrase(list: readonly string[], phrase: string): string[] {
  return list.filter((x) => x !== phrase);
}

/** Problems the client can see without the server (`storedRetention`: as in parseRetention). */
export function validateForm(form: SettingsForm, storedRetention?: number): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (
    !Number.isInteger(form.freshnessDefault) ||
    form.freshnessDefault < MIN_DAYS ||
    form.freshnessDefault > MAX_DAYS
  ) {
    problems.push({
      field: 'freshnessDefault',
      message: `Default freshness must be a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}.`,
    });
  }
  for (const s of form.freshnessByStage) {
    if (s.days === null) continue;
    if (!Number.isInteger(s.days) || s.days < MIN_DAYS || s.days > MAX_DAYS) {
      problems.push({
        field: `freshness.${s.stage}`,
        message: `freshness.${s.stage} must be a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}, got ${s.days}.`,
      });
    }
  }
  if (
    form.reviewRetention !== storedRetention &&
    (!Number.isInteger(form.reviewRetention) ||
      form.reviewRetention < MIN_RETENTION ||
      form.reviewRetention > MAX_RETENTION)
  ) {
    problems.push({ field: 'reviewRetention', message: retentionMessage(String(form.reviewRetention)) });
  }
  const used = new Map<string, string>();
  for (const [role, header] of Object.entries(form.columns)) {
    if (!header) continue;
    const other = used.get(header);
    if (other)
      problems.push({ field: `columns.${role}`, message: `"${header}" is already mapped to ${other}.` });
    else used.set(header, role);
  }
  return problems;
}
