/**
 * The engine's settings: which rules run and how loud they are, the vocabulary the text rules read
 * with, and the freshness thresholds. Stored configs are user data: parseConfig never throws, keeps
 * every valid field, falls back to defaults for the rest and says precisely what it dropped.
 */
import type { CellValue, RuleId, Severity } from './types';
import {
  DEFAULT_ACTION_VERBS,
  DEFAULT_BUYER_PARTY_WORDS,
  DEFAULT_DELIVERABLE_NOUNS,
  DEFAULT_FILLER_PHRASES,
  DEFAULT_MEETING_NOUNS,
  DEFAULT_STATUS_PHRASES,
  DEFAULT_WAITING_PHRASES,
} from './lexicon';

export interface RuleSetting {
  enabled: boolean;
  severity: Severity;
}

export type WeekStart = 'monday' | 'sunday';

export interface Config {
  /** Every rule can be switched off or made louder/quieter. */
  rules: Record<RuleId, RuleSetting>;
  fillerPhrases: string[];
  actionVerbs: string[];
  meetingNouns: string[];
  deliverableNouns: string[];
  buyerPartyWords: string[];
  /** Phrases that make a clause a status note ("contract sent", "expires", "is out"). */
  statusPhrases: string[];
  /** Phrases that make a clause a waiting state ("awaiting", "pending", "ball in their court"). */
  waitingPhrases: string[];
  /** Days a next step stays fresh, per stage (like CRM "rotting" days). */
  freshnessDays: { default: number; byStage: Record<string, number> };
  /** A due date further out than this is flagged: there should be a nearer step. */
  farFutureDays: number;
  /** Deals in these stages are not judged. */
  closedStages: string[];
  weekStart: WeekStart;
  /** Longest snooze ("known stall until …") a rep may set, in days (core/snooze.ts). */
  maxSnoozeDays: number;
  /** Overrides for the spreadsheet's own locale and time zone. */
  locale?: string;
  timeZone?: string;
}

export const RULE_IDS: readonly RuleId[] = [
  'missing',
  'filler',
  'no-action',
  'no-time',
  'no-party',
  'overdue',
  'stale',
  'far-future',
  'after-close',
  'close-passed',
];

export const DEFAULT_SEVERITIES: Record<RuleId, Severity> = {
  missing: 'error',
  filler: 'warning',
  'no-action': 'error',
  'no-time': 'warning',
  'no-party': 'suggestion',
  overdue: 'error',
  stale: 'warning',
  'far-future': 'suggestion',
  'after-close': 'warning',
  'close-passed': 'warning',
};

/**
 * The default config, built once: analyzeText without a config must not rebuild it (and recompile
 * its word lists) per call. Frozen, because configs are treated as immutable: the engine caches what
 * it compiles from a config object (matchers, stage lookups) by identity. Build a new object to change
 * a setting (defaultConfig() returns a fresh, mutable copy every time).
 */
let sharedDefault: Config | undefined;

export function sharedDefaultConfig(): Config {
  if (!sharedDefault) sharedDefault = deepFreeze(defaultConfig());
  return sharedDefault;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'suggestion'];

export function defaultConfig(): Config {
  const rules = {} as Record<RuleId, RuleSetting>;
  for (const id of RULE_IDS) rules[id] = { enabled: true, severity: DEFAULT_SEVERITIES[id] };
  return {
    rules,
    fillerPhrases: [...DEFAULT_FILLER_PHRASES],
    actionVerbs: [...DEFAULT_ACTION_VERBS],
    meetingNouns: [...DEFAULT_MEETING_NOUNS],
    deliverableNouns: [...DEFAULT_DELIVERABLE_NOUNS],
    buyerPartyWords: [...DEFAULT_BUYER_PARTY_WORDS],
    statusPhrases: [...DEFAULT_STATUS_PHRASES],
    waitingPhrases: [...DEFAULT_WAITING_PHRASES],
    freshnessDays: { default: 14, byStage: {} },
    farFutureDays: 30,
    closedStages: ['Closed Won', 'Closed Lost', 'Won', 'Lost'],
    weekStart: 'monday',
    maxSnoozeDays: 30,
  };
}

type Json = unknown;

function isRecord(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: Json): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

function wholeDays(v: Json, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

const LIST_FIELDS = [
  'fillerPhrases',
  'actionVerbs',
  'meetingNouns',
  'deliverableNouns',
  'buyerPartyWords',
  'statusPhrases',
  'waitingPhrases',
  'closedStages',
] as const;

const KNOWN_KEYS = new Set<string>([
  'rules',
  ...LIST_FIELDS,
  'freshnessDays',
  'freshness',
  'farFutureDays',
  'maxSnoozeDays',
  'weekStart',
  'locale',
  'timeZone',
]);

function parseList(field: string, v: Json, problems: string[]): string[] | undefined {
  if (!Array.isArray(v)) {
    problems.push(`${field} must be a list of phrases, got ${describe(v)}`);
    return undefined;
  }
  const out: string[] = [];
  v.forEach((item, i) => {
    if (typeof item === 'string' && item.trim() !== '') out.push(item.trim());
    else problems.push(`${field}[${i}] must be a non-empty phrase, got ${describe(item)}`);
  });
  return out;
}

/** Freshness as `{default, byStage: {...}}`, or the short form `{Negotiation: 7, default: 14}`. */
function parseFreshness(v: Json, config: Config, problems: string[]): void {
  if (!isRecord(v)) {
    problems.push(`freshness must be an object of stage → days, got ${describe(v)}`);
    return;
  }
  const entries: Array<[string, Json]> = [];
  for (const [key, value] of Object.entries(v)) {
    if (key === 'byStage') {
      if (isRecord(value)) entries.push(...Object.entries(value));
      else problems.push(`freshness.byStage must be an object of stage → days, got ${describe(value)}`);
    } else entries.push([key, value]);
  }
  for (const [stage, days] of entries) {
    if (!wholeDays(days, 1, 365)) {
      problems.push(`freshness.${stage} must be a whole number of days from 1 to 365, got ${describe(days)}`);
      continue;
    }
    if (stage === 'default') config.freshnessDays.default = days;
    else config.freshnessDays.byStage[stage] = days;
  }
}

function parseRules(v: Json, config: Config, problems: string[]): void {
  if (!isRecord(v)) {
    problems.push(`rules must be an object keyed by rule id, got ${describe(v)}`);
    return;
  }
  for (const [id, setting] of Object.entries(v)) {
    if (!(RULE_IDS as readonly string[]).includes(id)) {
      problems.push(`rules.${id} is not a rule; rules are ${RULE_IDS.join(', ')}`);
      continue;
    }
    const rule = config.rules[id as RuleId];
    if (typeof setting === 'boolean') {
      rule.enabled = setting;
      continue;
    }
    if (typeof setting === 'string') {
      if (setting === 'off') rule.enabled = false;
      else if ((SEVERITIES as readonly string[]).includes(setting)) rule.severity = setting as Severity;
      else
        problems.push(
          `rules.${id} must be on/off or one of ${SEVERITIES.join(', ')}, got ${describe(setting)}`,
        );
      continue;
    }
    if (!isRecord(setting)) {
      problems.push(
        `rules.${id} must be true/false, a severity or {enabled, severity}, got ${describe(setting)}`,
      );
      continue;
    }
    if ('enabled' in setting) {
      if (typeof setting.enabled === 'boolean') rule.enabled = setting.enabled;
      else problems.push(`rules.${id}.enabled must be true or false, got ${describe(setting.enabled)}`);
    }
    if ('severity' in setting) {
      const sev = setting.severity;
      if (typeof sev === 'string' && (SEVERITIES as readonly string[]).includes(sev))
        rule.severity = sev as Severity;
      else
        problems.push(`rules.${id}.severity must be one of ${SEVERITIES.join(', ')}, got ${describe(sev)}`);
    }
  }
}

/** Reads a stored config (JSON text or object) over the defaults. Never throws. */
export function parseConfig(input: unknown): { config: Config; problems: string[] } {
  const config = defaultConfig();
  const problems: string[] = [];
  let raw: Json = input;
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return { config, problems };
  }
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch (err) {
      problems.push(`The stored settings are not valid JSON (${(err as Error).message}); using the defaults`);
      return { config, problems };
    }
  }
  if (!isRecord(raw)) {
    problems.push(`Settings must be a JSON object, got ${describe(raw)}; using the defaults`);
    return { config, problems };
  }
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) problems.push(`${key} is not a setting; it was ignored`);
  }
  if ('rules' in raw) parseRules(raw.rules, config, problems);
  for (const field of LIST_FIELDS) {
    if (field in raw) {
      const list = parseList(field, raw[field], problems);
      if (list) config[field] = list;
    }
  }
  if ('freshnessDays' in raw) parseFreshness(raw.freshnessDays, config, problems);
  if ('freshness' in raw) parseFreshness(raw.freshness, config, problems);
  if ('farFutureDays' in raw) {
    if (wholeDays(raw.farFutureDays, 1, 3650)) config.farFutureDays = raw.farFutureDays;
    else
      problems.push(
        `farFutureDays must be a whole number of days from 1 to 3650, got ${describe(raw.farFutureDays)}`,
      );
  }
  if ('maxSnoozeDays' in raw) {
    if (wholeDays(raw.maxSnoozeDays, 1, 365)) config.maxSnoozeDays = raw.maxSnoozeDays;
    else
      problems.push(
        `maxSnoozeDays must be a whole number of days from 1 to 365, got ${describe(raw.maxSnoozeDays)}`,
      );
  }
  if ('weekStart' in raw) {
    if (raw.weekStart === 'monday' || raw.weekStart === 'sunday') config.weekStart = raw.weekStart;
    else problems.push(`weekStart must be "monday" or "sunday", got ${describe(raw.weekStart)}`);
  }
  if ('locale' in raw) {
    if (typeof raw.locale === 'string' && /^[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?$/.test(raw.locale))
      config.locale = raw.locale;
    else problems.push(`locale must look like en_GB or en_US, got ${describe(raw.locale)}`);
  }
  if ('timeZone' in raw) {
    if (typeof raw.timeZone === 'string' && isTimeZone(raw.timeZone)) config.timeZone = raw.timeZone;
    else problems.push(`timeZone must be an IANA zone such as Europe/London, got ${describe(raw.timeZone)}`);
  }
  return { config, problems };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function normaliseStage(stage: string): string {
  return stage
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

// Normalised stage names per config object, and the answer per stage cell text seen: analyzeRows asks
// twice per row, and a sheet has a handful of stages.
interface StageLookup {
  closed: Set<string>;
  fresh: Map<string, number>;
  seen: Map<string, { closed: boolean; days: number | undefined }>;
}
const stageCache = new WeakMap<Config, StageLookup>();

function stagesOf(config: Config): StageLookup {
  let hit = stageCache.get(config);
  if (!hit) {
    hit = {
      closed: new Set(config.closedStages.map(normaliseStage)),
      fresh: new Map(Object.entries(config.freshnessDays.byStage).map(([k, v]) => [normaliseStage(k), v])),
      seen: new Map(),
    };
    stageCache.set(config, hit);
  }
  return hit;
}

function stageFacts(stage: string, config: Config): { closed: boolean; days: number | undefined } {
  const lookup = stagesOf(config);
  let facts = lookup.seen.get(stage);
  if (!facts) {
    const key = normaliseStage(stage);
    facts = { closed: lookup.closed.has(key), days: lookup.fresh.get(key) };
    if (lookup.seen.size > 1_000) lookup.seen.clear();
    lookup.seen.set(stage, facts);
  }
  return facts;
}

/**
 * What the config says of a stage: closed (not judged), and its own freshness days if it has any.
 * Undefined for an empty stage. The object is remembered per stage: do not change it.
 */
export function stageRulesFor(
  stage: CellValue,
  config: Config,
): { readonly closed: boolean; readonly days: number | undefined } | undefined {
  if (typeof stage !== 'string' || stage.trim() === '') return undefined;
  return stageFacts(stage, config);
}

/** Won and lost deals are not judged. Case- and space-insensitive ("closed  won" matches). */
export function isClosedStage(stage: CellValue, config: Config): boolean {
  if (typeof stage !== 'string' || stage.trim() === '') return false;
  return stageFacts(stage, config).closed;
}

/** Freshness days for a stage (case- and space-insensitive), else the default. */
export function freshnessDaysFor(stage: CellValue, config: Config): number {
  if (typeof stage === 'string' && stage.trim() !== '') {
    const days = stageFacts(stage, config).days;
    if (days !== undefined) return days;
  }
  return config.freshnessDays.default;
}
