/** Rules are data (like Vale's or write-good's checks): an id, a default severity, parameters, a reason and a fix. */
import type { Config } from '../config';
import type { TextReading } from '../reading/read';
import type { CellValue, IsoDate, RuleId, Severity } from '../types';

/** What a next-step cell held, before any reading of its words. */
export type CellKind = 'text' | 'empty' | 'error' | 'number' | 'boolean' | 'date' | 'invalid-date';

export interface TextFacts {
  cellKind: CellKind;
  /** The text judged (capped, see analyze.ts), or the cell shown as text for non-text cells. */
  text: string;
  /** Present when cellKind is 'text'. */
  reading?: TextReading;
  /** '#REF!' etc. when cellKind is 'error'. */
  errorCode?: string;
  /** A date from the next-step-due column: it anchors the step like a date in the text. */
  dueDate?: IsoDate;
}

export interface TimingFacts {
  today: IsoDate;
  stage: CellValue;
  due?: IsoDate;
  /** Where the due date sits in the text; absent when it came from the due column. */
  dueSpan?: { start: number; length: number };
  writtenOn?: IsoDate;
  writtenSpan?: { start: number; length: number };
  freshnessDays: number;
  /** The deal's expected close date (the close-date column), when it holds a day. */
  closeDate?: IsoDate;
}

/** A rule's raw hit; the runner adds the rule id and the configured severity. */
export interface Hit {
  message: string;
  suggestion: string;
  start: number;
  length: number;
}

interface RuleBase {
  id: RuleId;
  defaultSeverity: Severity;
  /** Thresholds and the config fields the rule reads, for docs and the settings UI. */
  parameters: Record<string, string | number>;
  /** One line: what the rule flags. */
  message: string;
  /** One line: the usual fix. */
  suggestion: string;
}

export interface TextRule extends RuleBase {
  scope: 'text';
  check(facts: TextFacts, config: Config): readonly Hit[];
}

export interface TimingRule extends RuleBase {
  scope: 'timing';
  check(facts: TimingFacts, config: Config): readonly Hit[];
}

export type Rule = TextRule | TimingRule;

/**
 * What a rule returns when it has nothing to say: one shared empty list, since every rule runs on
 * every row and most rows raise nothing from most rules (an empty literal is an allocation each time).
 */
export const NO_HITS: readonly Hit[] = [];
