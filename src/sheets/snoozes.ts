/**
 * Snoozes in one document property, `nst.snoozes` (core/snooze.ts has the format and the limits).
 * One getProperty per read; a write drops expired snoozes and refuses, with a reason, a record over
 * the 9 KB property limit instead of losing one silently.
 */
import {
  encodeSnoozes,
  liveSnoozes,
  MAX_SNOOZE_STORE_CHARS,
  parseSnoozes,
  type Snooze,
  type SnoozeMap,
} from '../core/snooze';
import { UserError } from '../core/user-error';
import { documentProperties, requireDocumentProperties } from './document-store';

export const SNOOZE_KEY = 'nst.snoozes';

export function loadSnoozes(): { snoozes: SnoozeMap; problems: string[] } {
  try {
    return parseSnoozes(documentProperties()?.getProperty(SNOOZE_KEY) ?? null);
  } catch (error) {
    return { snoozes: {}, problems: [`Snoozes could not be read (${(error as Error).message}).`] };
  }
}

/** Sets (snooze given) or clears (null) the snooze of `dealKey`; returns the live snoozes saved. */
export function saveSnooze(dealKey: string, snooze: Snooze | null, today: string): SnoozeMap {
  const props = requireDocumentProperties();
  const live = liveSnoozes(parseSnoozes(props.getProperty(SNOOZE_KEY)).snoozes, today);
  if (snooze) live[dealKey] = snooze;
  else delete live[dealKey];
  const text = encodeSnoozes(live);
  if (text.length > MAX_SNOOZE_STORE_CHARS) {
    throw new UserError(
      `Too many deals are snoozed at once (${Object.keys(live).length}): the snooze list would pass the ` +
        '9 KB a document setting can hold. Clear a snooze, or shorten reasons, then try again.',
    );
  }
  props.setProperty(SNOOZE_KEY, text);
  return live;
}
