import { analyzeRows, analyzeText } from '../../../src/core/analyze';
import { defaultConfig } from '../../../src/core/config';
import { summarizeFindings } from '../../../src/core/summary';

const CTX = { today: '2026-03-15', timeZone: 'Europe/London', locale: 'en_GB' };

describe('summarizeFindings', () => {
  it.each([
    ['Send the deck to Jane Friday', 'OK'],
    ['Send the deck to Jane', 'Weak: no date'],
    ['Follow up', 'Bad: only "Follow up"; no date'],
    ['follow up soon', 'Bad: only "follow up"; "soon" is not a date'],
    ['Waiting on legal', 'Bad: waiting, no action'],
    ['Proposal sent', 'Bad: status note, no action'],
    ['', 'Missing: no next step'],
    ['#N/A', 'Missing: cell holds error #N/A'],
  ])('%s → %s', (text, summary) => {
    expect(summarizeFindings(analyzeText(text, CTX))).toBe(summary);
  });

  it('leaves suggestions (no buyer named) out', () => {
    expect(summarizeFindings(analyzeText('Send the deck Friday', CTX))).toBe('OK');
  });

  it('adds timing for a row and says Closed for a closed deal', () => {
    const [late, closed] = analyzeRows(
      [
        ['Demo for Jane on 10/03', 'Proposal'],
        ['Signed', 'Won'],
      ],
      { nextStep: 0, stage: 1 },
      defaultConfig(),
      { ...CTX, firstRowNumber: 2 },
    );
    expect(summarizeFindings(late)).toBe('OK: overdue since 2026-03-10');
    expect(summarizeFindings(closed)).toBe('Closed');
  });
});
