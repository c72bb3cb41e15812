/**
 * `next-step-tracker review --history`: slippage from the snapshots alone (no next-step log in a CSV).
 * The same step's due date pushed later in two reviews running lists the deal in `slipped`, with the
 * slipped count on its owner's row; a step replaced by a new one with a later date is not a slip.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../src/cli/main';

jest.setTimeout(60_000);
const env = { now: new Date('2026-01-01T00:00:00Z'), timeZone: 'UTC', locale: 'en_GB' };

async function review(csv: string, today: string, history: string): Promise<Record<string, unknown>> {
  const dir = path.dirname(history);
  const file = path.join(dir, `pipeline-${today}.csv`);
  fs.writeFileSync(file, csv);
  let out = '';
  let err = '';
  const code = await main(
    [
      'review',
      file,
      '--today',
      today,
      '--tz',
      'Europe/London',
      '--locale',
      'en_GB',
      '--history',
      history,
      '--json',
    ],
    { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
    env,
  );
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out) as Record<string, unknown>;
}

const HEAD = 'Deal,Account,Owner,Stage,Expected close date,Next step,Next step due';
const pipeline = (acmeDue: string, globexStep: string, globexDue: string): string =>
  [
    HEAD,
    `Acme renewal,Acme,Maria,Proposal,2026-06-30,Pricing call with Jane,${acmeDue}`,
    `Globex pilot,Globex,Ben,Proposal,2026-06-30,${globexStep},${globexDue}`,
    'Initech platform,Initech,Ben,Proposal,2026-06-30,Demo for the CFO,2026-03-20',
  ].join('\n');

type Section = { id: string; rows: Array<{ deal: string; reasons: string[] }> };

test('pushed in two reviews running: slipped (in --json), counted per owner; a new step is not a slip', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nst-slip-'));
  const history = path.join(dir, 'history.json');
  const w1 = await review(
    pipeline('2026-03-04', 'Send the MSA to legal', '2026-03-05'),
    '2026-03-02',
    history,
  );
  expect((w1.sections as Section[]).find((s) => s.id === 'slipped')?.rows).toEqual([]);
  // Week 2: Acme's same step moved a week later; Globex got a new step with a later date.
  const w2 = await review(
    pipeline('2026-03-11', 'Security review with their IT team', '2026-03-12'),
    '2026-03-09',
    history,
  );
  expect((w2.sections as Section[]).find((s) => s.id === 'slipped')?.rows).toEqual([]);
  // Week 3: Acme's step moved again: two reviews running.
  const w3 = await review(
    pipeline('2026-03-18', 'Security review with their IT team', '2026-03-19'),
    '2026-03-16',
    history,
  );
  const slipped = (w3.sections as Section[]).find((s) => s.id === 'slipped')!;
  expect(slipped.rows.map((r) => r.deal)).toEqual(['Acme renewal']);
  expect(slipped.rows[0].reasons).toContain('Due date pushed later in 2 reviews running (now 2026-03-18)');
  const owners = w3.byOwner as Array<{ name: string; slipped: number }>;
  expect(owners.find((o) => o.name === 'Maria')?.slipped).toBe(1);
  expect((w3.closeLoop as { slipped: number }).slipped).toBe(1);
  expect(owners.find((o) => o.name === 'Ben')?.slipped).toBe(0);
});
