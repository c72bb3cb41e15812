/** The engine's public API. Everything here is pure: today, time zone and locale are inputs. */
export * from './types';
export {
  defaultConfig,
  sharedDefaultConfig,
  parseConfig,
  isClosedStage,
  freshnessDaysFor,
  RULE_IDS,
  DEFAULT_SEVERITIES,
  type Config,
  type RuleSetting,
  type WeekStart,
} from './config';
export {
  detectColumns,
  roleOfHeader,
  normaliseHeader,
  columnLetter,
  NEXT_STEP_HEADER_SYNONYMS,
  HEADER_SYNONYMS,
  type ColumnDetection,
} from './columns';
export { analyzeText, analyzeRows, MAX_TEXT_CHARS, type TextContext } from './analyze';
export { summarizeFindings } from './summary';
export {
  RULES,
  TEXT_RULES,
  TIMING_RULES,
  ruleById,
  type Rule,
  type TextRule,
  type TimingRule,
} from './rules';
export {
  cellToIsoDate,
  dateToIsoDay,
  serialToIsoDate,
  textToIsoDate,
  extractDates,
  detectWrittenPrefix,
  numericDateOrder,
  type DateMention,
  type DateExtraction,
  type WrittenPrefix,
} from './dates';
export { readText, type TextReading, type ClauseReading, type ClauseKind } from './reading/read';
