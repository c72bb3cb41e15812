import { NO_HITS, type TextRule } from './types';

const SUGGESTION =
  'Write the next agreed action, who it is with and when: "Send revised proposal to Jane (CFO) by Fri 14 Mar"';

/** An open deal with no next step, or an error value where the step should be. */
export const missingRule: TextRule = {
  id: 'missing',
  scope: 'text',
  defaultSeverity: 'error',
  parameters: {},
  message: 'The next-step cell is empty or holds a spreadsheet error',
  suggestion: SUGGESTION,
  check(facts) {
    if (facts.cellKind === 'empty') {
      return [
        {
          message: 'No next step: nothing is planned for this deal',
          suggestion: SUGGESTION,
          start: 0,
          length: 0,
        },
      ];
    }
    if (facts.cellKind === 'error') {
      return [
        {
          message: `The cell holds the error ${facts.errorCode ?? facts.text} instead of a next step`,
          suggestion: 'Fix the formula or replace it with the next step written out',
          start: 0,
          length: facts.text.length,
        },
      ];
    }
    return NO_HITS;
  },
};
