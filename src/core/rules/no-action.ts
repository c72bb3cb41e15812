import { MessageMemo } from './message-memo';
import { NO_HITS, type TextRule } from './types';

const SUGGESTION =
  'Name what happens next: the meeting or deliverable ("Call with Jordan on Thu 20th to agree rates")';

function describeValue(kind: string, text: string): string {
  switch (kind) {
    case 'number':
      return `a number (${text})`;
    case 'boolean':
      return `a checkbox value (${text})`;
    case 'date':
      return `only a date (${text})`;
    default:
      return 'an unreadable date';
  }
}

const messages = new MessageMemo();

/** `Waiting ("awaiting") is not…`: one copy per kind and cue (see MessageMemo); no cue, no quote. */
function cueMessage(kind: string, cue: string | undefined, build: (quoted: string) => string): string {
  return messages.get(kind, cue) ?? messages.keep(build(cue === undefined ? '' : ` ("${cue}")`), kind, cue);
}

/** No forward action: a status note, a past event, a waiting state, a bare label, or not text at all. */
export const noActionRule: TextRule = {
  id: 'no-action',
  scope: 'text',
  defaultSeverity: 'error',
  parameters: { waiting: 'config.waitingPhrases', status: 'config.statusPhrases' },
  message: 'The entry names no forward action: it is a status note, a waiting state or a label',
  suggestion: SUGGESTION,
  check(facts) {
    if (
      facts.cellKind === 'number' ||
      facts.cellKind === 'boolean' ||
      facts.cellKind === 'date' ||
      facts.cellKind === 'invalid-date'
    ) {
      return [
        {
          message: `The cell holds ${describeValue(facts.cellKind, facts.text)}, not a next step`,
          suggestion: SUGGESTION,
          start: 0,
          length: facts.text.length,
        },
      ];
    }
    const r = facts.reading;
    if (!r) {
      // Text the engine could not read (no valid reference day): the verdict is bad, so say why.
      return facts.cellKind === 'text'
        ? [
            {
              message: 'The entry could not be read: no valid reference day was given',
              suggestion: SUGGESTION,
              start: 0,
              length: facts.text.length,
            },
          ]
        : NO_HITS;
    }
    if (r.hasConcrete || r.hasFiller) return NO_HITS;
    if (r.label) {
      return [
        {
          message: `"${r.label.text}" reads as a stage or a label, not a step`,
          suggestion: SUGGESTION,
          start: r.label.start,
          length: r.label.length,
        },
      ];
    }
    const waiting = r.clauses.find((c) => c.kind === 'waiting');
    if (waiting) {
      const cue = waiting.cue;
      return [
        {
          message: cueMessage('waiting', cue?.text.trim(), waitingMessage),
          suggestion:
            'Agree a dated action while you wait: "Call with procurement Tue 3pm to walk through the BAA"',
          start: cue?.start ?? waiting.start,
          length: cue?.length ?? waiting.end - waiting.start,
        },
      ];
    }
    const housekeeping = r.clauses.find((c) => c.kind === 'housekeeping');
    if (housekeeping) {
      const cue = housekeeping.cue;
      return [
        {
          message: cueMessage('housekeeping', cue?.text.trim(), housekeepingMessage),
          suggestion: SUGGESTION,
          start: cue?.start ?? housekeeping.start,
          length: cue?.length ?? housekeeping.end - housekeeping.start,
        },
      ];
    }
    const status = r.clauses.find((c) => c.kind === 'status');
    if (status) {
      const cue = status.cue;
      return [
        {
          message: cueMessage('status', cue?.text.trim(), statusMessage),
          suggestion: SUGGESTION,
          start: cue?.start ?? status.start,
          length: cue?.length ?? status.end - status.start,
        },
      ];
    }
    return [
      {
        message: 'No action found: say what happens next',
        suggestion: SUGGESTION,
        start: r.bodyStart,
        length: facts.text.length - r.bodyStart,
      },
    ];
  },
};

function waitingMessage(quoted: string): string {
  return `Waiting${quoted} is not a next step: what will you do meanwhile?`;
}

function housekeepingMessage(quoted: string): string {
  return `CRM housekeeping${quoted} is not a next step with the buyer`;
}

function statusMessage(quoted: string): string {
  return `Reads as a status note${quoted}, not a next step`;
}
