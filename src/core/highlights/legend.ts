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

/** In rule order: the first matching rule colours a cell (as in Sheets). */
export const HIGHLIGHT_LEGEND: readonly LegendEntry[] = [
  {
    id: 'missing',
    color: '#dadce0',
    colorName: 'Grey',
    label: 'Missing',
    meaning: 'No next step on an open deal.',
  },
  {
    id: 'overdue',
    color: '#f4c7c3',
    colorName: 'Red',
    label: 'Overdue',
    meaning: 'The date in the due column has passed.',
  },
  {
    id: 'weak',
    color: '#fce8b2',
    colorName: 'Amber',
    label: 'Vague',
    meaning: 'Only filler ("follow up", "check in", "TBD") or no action at all ("waiting on legal").',
  },
  {
    id: 'stale',
    color: '#f9cb9c',
    colorName: 'Dark amber',
    label: 'Stale',
    meaning: "Not updated within the days the deal's stage allows (the stage's freshness days).",
  },
];

export function legendEntry(id: HighlightId): LegendEntry {
  const entry = HIGHLIGHT_LEGEND.find((e) => e.id === id);
  if (!entry) throw new RangeError(`Unknown highlight: ${id}`);
  return entry;
}
