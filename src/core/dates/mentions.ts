/** What the date extractor finds in free text. */
import type { IsoDate } from '../types';

export type MentionKind =
  /** A specific day ("Fri", "24/03", "on the 16th"). */
  | 'day'
  /** A span of days resolved to its last day ("next week", "EOM", "Q2", "in January"). */
  | 'period'
  /** A time of day with no day ("at 3pm"): the reference day. */
  | 'time';

export interface DateMention {
  start: number;
  length: number;
  text: string;
  date: IsoDate;
  kind: MentionKind;
  source: 'numeric' | 'business' | 'ordinal' | 'common' | 'chrono';
}

/** A phrase that sounds like timing but anchors nothing ("soon", "sometime next week"). */
export interface VagueMention {
  start: number;
  length: number;
  text: string;
}

export interface DateExtraction {
  mentions: DateMention[];
  vague: VagueMention[];
}

export interface ExtractOptions {
  locale: string;
  /** The day relative phrases count from: the written date, else the updated cell, else today. */
  reference: IsoDate;
  weekStart: 'monday' | 'sunday';
}
