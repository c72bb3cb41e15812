/**
 * The highlight colours and what they mean: one list for the rules, the sidebar and Help, so all
 * three always say the same thing. CRM convention (brief §6): red overdue, amber vague or stale,
 * grey missing. Light backgrounds keep the cell text readable.
 */
export type HighlightId = 'missing' | 'overdue' | 'weak' | 'stale';

export interface LegendEntry {
  id: HighlightId;
  /** Cell background, `#rrggbb` lower case. */
  color: string;
  /** Colour name for people ("Red"). */
  colorName: string;
  /** Short label ("Overdue"). */
  label: string;
  /** One sentence for the legend. */
  meaning: string;
}

/**
 * In priority order (the rules' order: Sheets applies the first matching rule to a cell): a row that
 * is both vague and overdue is red; vague and stale is amber. A row with none of these has no colour.
 */
export const HIGHLIGHT_LEGEND: readonly LegendEntry[] = [
  {
    id: 'missing',
    color: '#dadce0',
    colorName: 'Grey',
    label: 'Missing',
    meaning: 'No next step on an open deal (empty, only punctuation, or an error).',
  },
  {
    id: 'overdue',
    color: '#f4c7c3',
    colorName: 'Red',
    label: 'Overdue',
    meaning:
      'The step\'s date has passed: the due column, or a date written in the step ("call Fri 20 Mar"). Wins over vague.',
  },
  {
    id: 'weak',
    color: '#fce8b2',
    colorName: 'Amber',
    label: 'Vague',
    meaning:
      'The engine judges the step Weak or Bad: filler ("follow up"), no action ("Proposal sent", "waiting on legal") or no date.',
  },
  {
    id: 'stale',
    color: '#f9cb9c',
    colorName: 'Dark amber',
    label: 'Stale',
    meaning:
      'A good step not updated within the days the deal\'s stage allows (the updated column or a log date such as "10/03 BR …").',
  },
];

/** Which colour wins when a row is several things at once (the rules' order), in one sentence. */
export const HIGHLIGHT_PRIORITY =
  'One colour per cell: grey, then red, then amber, then dark amber. A vague step whose date has passed is red; a vague stale one is amber; a stale step due today has no colour.';

export function legendEntry(id: HighlightId): LegendEntry {
  const entry = HIGHLIGHT_LEGEND.find((e) => e.id === id);
  if (!entry) throw new RangeError(`Unknown highlight: ${id}`);
  return entry;
}
