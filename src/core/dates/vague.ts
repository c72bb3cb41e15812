/**
 * Timing words that anchor nothing (corpus README): "soon", "when ready", "sometime next week",
 * "next week/month", "any day now". They are masked before date extraction so "next week" inside
 * "sometime next week" is not read as a date, and reported so the no-time finding can say why.
 * Each pattern carries substrings that must occur for it to run (most entries have none of them).
 */
export interface VaguePattern {
  /** Substrings one of which must occur for the pattern to run. */
  hint: readonly string[];
  /** Words a match can start with. */
  starts: readonly string[];
  re: RegExp;
}

export const VAGUE_PATTERNS: readonly VaguePattern[] = [
  {
    hint: ['some', 'whenever'],
    starts: ['some', 'sometime', 'at', 'whenever'],
    re: /\b(?:some\s*time|at some point(?:\s+in)?|sometime during|whenever)\s+(?:(?:next|this|the)\s+)?(?:week|wk|month|quarter|year|day)s?\b/gi,
  },
  {
    starts: ['next', 'this'],
    hint: [
      'week/',
      'week /',
      'wk/',
      'month/',
      'month /',
      'quarter/',
      'week or',
      'wk or',
      'month or',
      'quarter or',
    ],
    re: /\b(?:next|this)\s+(?:week|wk|month|quarter)\s*(?:\/|or)\s*(?:(?:next|the)\s+)?(?:week|wk|month|quarter)(?:\s+after)?\b/gi,
  },
  {
    hint: ['soon'],
    starts: ['soon', 'sooner', 'soonest', 'as'],
    re: /\bsoon(?:er|est)?\b|\bas soon as possible\b/gi,
  },
  // A year is too broad to anchor a next step ("later this year", "next year").
  {
    hint: ['year'],
    starts: ['later', 'sometime', 'early', 'late', 'this', 'next', 'the', 'their', 'new'],
    re: /\b(?:(?:later|sometime|early|late)\s+)?(?:this|next|the coming|the new|their new|new)\s+(?:financial\s+|fiscal\s+)?year\b/gi,
  },
  {
    hint: ['when'],
    starts: ['when', 'whenever'],
    re: /\bwhen(?:ever)?\s+(?:ready|possible|convenient|(?:they|you|he|she|we)(?:'re|’re| are| is|'s|’s)?\s+(?:ready|free|back|available|around))\b/gi,
  },
  {
    hint: [
      'any',
      'some',
      'due course',
      'later',
      'down the',
      'eventually',
      'future',
      'coming',
      'next few',
      'tb',
      'asap',
    ],
    starts: ['any', 'anyday', 'at', 'in', 'later', 'down', 'eventually', 'tbc', 'tbd', 'tba', 'asap'],
    re: /\b(?:any ?day now|at some (?:point|stage)|in due course|at a later (?:date|stage)|later (?:on|date)|down the (?:road|line)|eventually|in the (?:near|coming|next few) (?:future|weeks|months|days)|in the future|tbc|tbd|tba|asap)\b/gi,
  },
];
