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
export { NO_HITS } from './types';

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

/** A rule switched on in a config, with the severity that config gives it. */
interface ActiveRule<R extends Rule> {
  rule: R;
  severity: Finding['severity'];
}

interface RulePlan {
  text: ActiveRule<TextRule>[];
  timing: ActiveRule<TimingRule>[];
}

// Which rules are on, and at what severity, is decided once per config object (configs are not
// changed after they are built; vocabularyFor relies on the same), not twice per rule per row.
const plans = new WeakMap<Config, RulePlan>();

function planFor(config: Config): RulePlan {
  let plan = plans.get(config);
  if (plan === undefined) {
    const active = <R extends Rule>(rules: readonly R[]): ActiveRule<R>[] =>
      rules
        .filter((rule) => config.rules[rule.id]?.enabled ?? true)
        .map((rule) => ({ rule, severity: config.rules[rule.id]?.severity ?? rule.defaultSeverity }));
    plan = { text: active(TEXT_RULES), timing: active(TIMING_RULES) };
    plans.set(config, plan);
  }
  return plan;
}

function pushFindings(out: Finding[], id: RuleId, severity: Finding['severity'], hits: readonly Hit[]): void {
  for (const h of hits) {
    out.push({
      rule: id,
      severity,
      message: h.message,
      suggestion: h.suggestion,
      start: h.start,
      length: h.length,
    });
  }
}

/**
 * A row's findings: the hits of every active rule, in an array of its own length (an array grown by
 * push from empty reserves 16 slots, and a row's findings are kept with its result). A row with no
 * finding gets a fresh empty array: results are never shared between rows. Runs for every row of
 * every sheet, so a plain loop and no intermediate arrays.
 */
function runRules<F>(
  active: ReadonlyArray<{
    rule: { id: RuleId; check(facts: F, config: Config): readonly Hit[] };
    severity: Finding['severity'];
  }>,
  facts: F,
  config: Config,
): Finding[] {
  let out: Finding[] | undefined;
  for (const { rule, severity } of active) {
    const hits = rule.check(facts, config);
    if (hits.length > 0) pushFindings((out ??= []), rule.id, severity, hits);
  }
  return out === undefined ? [] : out.slice();
}

export function runTextRules(facts: TextFacts, config: Config): Finding[] {
  return runRules(planFor(config).text, facts, config);
}

export function runTimingRules(facts: TimingFacts, config: Config): Finding[] {
  return runRules(planFor(config).timing, facts, config);
}
