/**
 * Settings for the sidebar's settings view, without JSON: the stored settings (src/sheets/settings.ts)
 * and config are turned into a form (SettingsForm) and back. Saving validates with the engine's
 * parseConfig, so the messages are the engine's own ("freshness.Negotiation must be a whole number of
 * days from 1 to 365, got -3"), each tied to its input. Stored config fields the form does not edit
 * (action verbs, time zone, …) are kept as they were. "Review tabs to keep" is the weekly review's
 * `retention`, read and saved through the review's own settings (src/addon/review.ts, `nst.review`);
 * its other settings are kept as they were.
 */
import type {
  SaveSettingsResult,
  SettingsForm,
  SettingsProblem,
  SettingsView,
  StageFreshness,
} from '../core/rpc-contract';
import { ROLE_LABELS, RULE_LABELS } from '../core/rpc-contract';
import type { CellValue, ColumnRole, RuleId } from '../core/types';
import { defaultConfig, isClosedStage, parseConfig, RULE_IDS, type Config } from '../core/config';
import { readPipeline } from '../sheets/pipeline';
import { readHeaderTexts } from '../sheets/header-area';
import { savedOrActiveSheet } from '../sheets/pipeline-sheet';
import { loadSettings, saveSettings as storeSettings, type Settings } from '../sheets/settings';
import { sheetZoneAndLocale } from './context';
import { UserError } from './user-error';
import { rpcGuard } from './sidebar';
import { reapplyHighlightsIfOn } from './sidebar-highlights';
import { DEFAULT_REVIEW_SETTINGS, loadReviewSettings, saveReviewSettings } from './review';

/** Locales offered in the dropdown (the engine reads any `xx_YY`; these are the common ones). */
export const LOCALES = [
  'en_GB',
  'en_US',
  'en_AU',
  'en_CA',
  'en_IE',
  'en_IN',
  'en_NZ',
  'en_ZA',
  'de_DE',
  'es_ES',
  'fr_FR',
  'it_IT',
  'nl_NL',
  'pt_BR',
];

const MAX_STAGES = 40;

/** "Review tabs to keep" in the sidebar: 1..52 (the review itself reads up to 104 from the property). */
export const MIN_REVIEW_RETENTION = 1;
export const MAX_REVIEW_RETENTION = 52;

/** The problem with a "Review tabs to keep" value, or null (pure). A stored value is always accepted. */
export function reviewRetentionProblem(value: number, stored: number): SettingsProblem | null {
  if (value === stored) return null;
  if (Number.isInteger(value) && value >= MIN_REVIEW_RETENTION && value <= MAX_REVIEW_RETENTION) return null;
  return {
    field: 'reviewRetention',
    message: `Review tabs to keep must be a whole number from ${MIN_REVIEW_RETENTION} to ${MAX_REVIEW_RETENTION}, got ${String(value)}.`,
  };
}

/** The form for a config and settings (pure). */
export function formFromConfig(
  config: Config,
  settings: Settings,
  reviewRetention: number = DEFAULT_REVIEW_SETTINGS.retention,
): SettingsForm {
  const byStage: StageFreshness[] = Object.entries(config.freshnessDays.byStage).map(([stage, days]) => ({
    stage,
    days,
  }));
  return {
    columns: { ...(settings.columns ?? {}) },
    freshnessDefault: config.freshnessDays.default,
    freshnessByStage: byStage,
    fillerPhrases: [...config.fillerPhrases],
    rules: RULE_LABELS.map(([id, label]) => ({ id, label, enabled: config.rules[id]?.enabled !== false })),
    locale: config.locale ?? '',
    weekStart: config.weekStart,
    reviewRetention,
  };
}

function storedObject(configJson: string | undefined): Record<string, unknown> {
  if (!configJson || !configJson.trim()) return {};
  try {
    const v: unknown = JSON.parse(configJson);
    return v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {};
  } catch {
    return {};
  }
}

/** The field of the form an engine message is about (messages start with the setting's path). */
export function fieldOfMessage(message: string): string {
  const m = /^(freshness(?:Days)?\.(?:byStage\.)?)(.+?) must be/.exec(message);
  if (m) return m[2] === 'default' ? 'freshnessDefault' : `freshness.${m[2]}`;
  if (/^fillerPhrases/.test(message)) return 'fillerPhrases';
  if (/^locale\b/.test(message)) return 'locale';
  if (/^weekStart\b/.test(message)) return 'weekStart';
  if (/^rules\b/.test(message)) return 'rules';
  return '';
}

const EDITED_KEYS = new Set(['rules', 'fillerPhrases', 'freshnessDays', 'freshness', 'weekStart', 'locale']);

/**
 * The config JSON for a form, over what was stored (pure). Returns the problems parseConfig finds in
 * the fields the form edits; stored fields the form does not edit and that no longer parse are dropped.
 */
export function configJsonFromForm(
  form: SettingsForm,
  storedJson: string | undefined,
): { json: string; problems: SettingsProblem[] } {
  const raw = storedObject(storedJson);
  delete raw.freshness;
  const rules: Record<string, { enabled: boolean; severity?: string }> = {};
  const storedRules = parseConfig(raw).config.rules;
  for (const id of RULE_IDS) {
    const sw = form.rules.find((r) => r.id === id);
    rules[id] = { enabled: sw ? sw.enabled !== false : true, severity: storedRules[id]?.severity };
  }
  raw.rules = rules;
  // The default phrase list is not stored, so an engine update that improves it reaches this sheet.
  const defaults = defaultConfig().fillerPhrases;
  const samePhrases =
    form.fillerPhrases.length === defaults.length && form.fillerPhrases.every((p, i) => p === defaults[i]);
  if (samePhrases) delete raw.fillerPhrases;
  else raw.fillerPhrases = form.fillerPhrases;
  const byStage: Record<string, unknown> = {};
  for (const s of form.freshnessByStage) if (s.days !== null && s.stage.trim()) byStage[s.stage] = s.days;
  raw.freshnessDays = { default: form.freshnessDefault, byStage };
  raw.weekStart = form.weekStart;
  if (form.locale) raw.locale = form.locale;
  else delete raw.locale;
  const problems: SettingsProblem[] = [];
  for (const message of parseConfig(raw).problems) {
    const key = /^([A-Za-z]+)/.exec(message)?.[1] ?? '';
    if (EDITED_KEYS.has(key)) problems.push({ field: fieldOfMessage(message), message });
    else if (key && key in raw) delete raw[key];
  }
  return { json: JSON.stringify(raw), problems };
}

function text(v: CellValue): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

/** Reads the view: the stored form plus the sheet's headers and stages (one read of the table). */
function buildView(): SettingsView {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const { settings, config, problems } = loadSettings();
  const review = loadReviewSettings();
  problems.push(...review.problems);
  const own = sheetZoneAndLocale(ss, null);
  let headers: string[];
  const detected: Partial<Record<ColumnRole, string>> = {};
  const stages = new Set<string>();
  try {
    const table = readPipeline(ss, settings, config);
    headers = table.headers;
    for (const [role, index] of Object.entries(table.mapping) as Array<[ColumnRole, number | undefined]>) {
      const header = index === undefined ? '' : String(table.headers[index] ?? '').trim();
      if (header) detected[role] = header;
    }
    problems.push(...table.problems);
    const stageCol = table.mapping.stage;
    if (stageCol !== undefined) {
      for (const row of table.rows) {
        const s = text(row[stageCol]);
        if (s && !isClosedStage(s, config) && stages.size < MAX_STAGES) stages.add(s);
      }
    }
  } catch (error) {
    // No next-step column yet: still offer the headers, so the user can map it here.
    problems.push((error as Error).message);
    try {
      headers = readHeaderTexts(savedOrActiveSheet(ss, settings.sheetName));
    } catch {
      headers = [];
    }
  }
  for (const stage of Object.keys(config.freshnessDays.byStage)) stages.add(stage);
  return {
    form: formFromConfig(config, settings, review.settings.retention),
    headers: [...new Set(headers.map((h) => String(h ?? '').trim()).filter(Boolean))],
    detected,
    roles: ROLE_LABELS.map(([role, label, required]) => ({ role, label, required })),
    stages: [...stages],
    spreadsheetLocale: own.locale,
    timeZone: own.timeZone,
    locales: LOCALES.includes(config.locale ?? '') || !config.locale ? LOCALES : [...LOCALES, config.locale],
    problems,
  };
}

/** The settings view: the form, the sheet's headers and stages, locales. */
export function getSettings(): SettingsView {
  return rpcGuard(buildView);
}

function validateShape(form: unknown): SettingsForm {
  if (!form || typeof form !== 'object') throw new UserError('Nothing to save: the settings form was empty.');
  const f = form as Partial<SettingsForm>;
  const columns: Partial<Record<ColumnRole, string>> = {};
  const roles = new Set(ROLE_LABELS.map(([r]) => r));
  if (f.columns && typeof f.columns === 'object') {
    for (const [role, header] of Object.entries(f.columns)) {
      if (roles.has(role as ColumnRole) && typeof header === 'string')
        columns[role as ColumnRole] = header.trim();
    }
  }
  const rules = Array.isArray(f.rules)
    ? f.rules
        .filter((r) => r && typeof r.id === 'string' && (RULE_IDS as readonly string[]).includes(r.id))
        .map((r) => ({ id: r.id as RuleId, label: String(r.label ?? ''), enabled: r.enabled !== false }))
    : [];
  return {
    columns,
    freshnessDefault: typeof f.freshnessDefault === 'number' ? f.freshnessDefault : NaN,
    freshnessByStage: Array.isArray(f.freshnessByStage)
      ? f.freshnessByStage
          .filter((s) => s && typeof s.stage === 'string')
          .map((s) => ({ stage: s.stage, days: typeof s.days === 'number' ? s.days : null }))
      : [],
    fillerPhrases: Array.isArray(f.fillerPhrases) ? f.fillerPhrases.map((p) => String(p)) : [],
    rules,
    locale: typeof f.locale === 'string' ? f.locale.trim() : '',
    weekStart: f.weekStart === 'sunday' ? 'sunday' : 'monday',
    reviewRetention: typeof f.reviewRetention === 'number' ? f.reviewRetention : NaN,
  };
}

/**
 * Validates and saves the settings form to document properties (one setProperties), then re-applies
 * the highlights when they are on, so the sheet follows the new phrases and freshness days.
 */
export function saveSettings(formInput: SettingsForm): SaveSettingsResult {
  return rpcGuard(() => {
    const form = validateShape(formInput);
    const { settings } = loadSettings();
    const storedRetention = loadReviewSettings().settings.retention;
    // Absent (a sidebar from before the field): keep the stored value.
    const retention =
      (formInput as Partial<SettingsForm>).reviewRetention === undefined
        ? storedRetention
        : form.reviewRetention;
    const problems: SettingsProblem[] = [];
    const retentionProblem = reviewRetentionProblem(retention, storedRetention);
    if (retentionProblem) problems.push(retentionProblem);
    if (
      !Number.isInteger(form.freshnessDefault) ||
      form.freshnessDefault < 1 ||
      form.freshnessDefault > 365
    ) {
      problems.push({
        field: 'freshnessDefault',
        message: `freshness.default must be a whole number of days from 1 to 365, got ${String(form.freshnessDefault)}`,
      });
    }
    const { json, problems: configProblems } = configJsonFromForm(form, settings.configJson);
    problems.push(...configProblems.filter((p) => !problems.some((q) => q.field === p.field)));
    const columns: Partial<Record<ColumnRole, string>> = {};
    const used = new Map<string, ColumnRole>();
    for (const [role, header] of Object.entries(form.columns) as Array<[ColumnRole, string]>) {
      if (!header) continue;
      const other = used.get(header);
      if (other) {
        problems.push({ field: `columns.${role}`, message: `"${header}" is already chosen for ${other}.` });
        continue;
      }
      used.set(header, role);
      columns[role] = header;
    }
    if (problems.length) return { saved: false, problems, highlightsReapplied: false, view: null };
    const next: Settings = { ...settings, configJson: json };
    if (Object.keys(columns).length) next.columns = columns;
    else delete next.columns;
    storeSettings(next);
    // Only `retention` changes: saveReviewSettings keeps the review's other settings as stored.
    if (retention !== storedRetention) saveReviewSettings({ retention });
    const highlightsReapplied = reapplyHighlightsIfOn();
    return { saved: true, problems: [], highlightsReapplied, view: buildView() };
  });
}
