/** The rule registry: every rule the engine runs, in reporting order. */
import type { Config } from '../config';
import type { Finding, RuleId } from '../types';
import { afterCloseRule } from './after-close';
import { closePassedRule } from './close-passed';
import { farFutureRule } from './far-future';
import { fillerRule } from './filler';
import { missingRule } from './missing';
import { noActionRule } from './no-action';
import { noPartyRule } from './no-party';
import { noTimeRule } from './no-time';
import { overdueRule } from './overdue';
import { staleRule } from './stale';
import type { Hit, Rule, TextFacts, TextRule, TimingFacts, TimingRule } from './types';

export type { CellKind, Hit, Rule, TextFacts, TextRule, TimingFacts, TimingRule } from './types';

export const TEXT_RULES: readonly TextRule[] = [
  missingRule,
  noActionRule,
  fillerRule,
  noTimeRule,
  noPartyRule,
];
export const TIMING_RULES: readonly TimingRule[] = [
  overdueRule,
  staleRule,
  farFutureRule,
  afterCloseRule,
  closePassedRule,
];
export const RULES: readonly Rule[] = [...TEXT_RULES, ...TIMING_RULES];

export function ruleById(id: RuleId): Rule {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new RangeError(`Unknown rule ${id}`);
  return rule;
}

function pushFindings(out: Finding[], rule: Rule, hits: Hit[], config: Config): void {
  const severity = config.rules[rule.id]?.severity ?? rule.defaultSeverity;
  for (const h of hits) {
    out.push({
      rule: rule.id,
      severity,
      message: h.message,
      suggestion: h.suggestion,
      start: h.start,
      length: h.length,
    });
  }
}

function enabled(rule: Rule, config: Config): boolean {
  return config.rules[rule.id]?.enabled ?? true;
}

// Plain loops: these run for every row of every sheet, so no intermediate arrays.
export function runTextRules(facts: TextFacts, config: Config): Finding[] {
  const out: Finding[] = [];
  for (const rule of TEXT_RULES) {
    if (!enabled(rule, config)) continue;
    const hits = rule.check(facts, config);
    if (hits.length > 0) pushFindings(out, rule, hits, config);
  }
  return out;
}

export function runTimingRules(facts: TimingFacts, config: Config): Finding[] {
  const out: Finding[] = [];
  for (const rule of TIMING_RULES) {
    if (!enabled(rule, config)) continue;
    const hits = rule.check(facts, config);
    if (hits.length > 0) pushFindings(out, rule, hits, config);
  }
  return out;
}
