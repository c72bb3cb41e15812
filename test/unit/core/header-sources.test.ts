import fc from 'fast-check';
import { detectColumns, HEADER_SYNONYMS, normaliseHeader, roleOfHeader } from '../../../src/core/columns';
import { HEADER_SOURCES } from '../../../src/core/header-synonyms';
import type { ColumnRole } from '../../../src/core/types';

/** A header row as each source's export writes it, with the unrelated columns around ours. */
const EXPORTS: Record<string, { row: string[]; expect: Partial<Record<ColumnRole, string>> }> = {
  salesforce: {
    row: [
      'Opportunity Owner',
      'Account Name',
      'Opportunity Name',
      'Stage',
      'Fiscal Period',
      'Amount',
      'Probability (%)',
      'Age',
      'Close Date',
      'Created Date',
      'Next Step',
      'Lead Source',
      'Type',
      'Last Activity',
      'Last Modified By',
      'Last Modified Date',
      'Opportunity ID',
    ],
    expect: {
      owner: 'Opportunity Owner',
      account: 'Account Name',
      deal: 'Opportunity Name',
      stage: 'Stage',
      amount: 'Amount',
      closeDate: 'Close Date',
      nextStep: 'Next Step',
      nextStepUpdated: 'Last Activity',
      dealId: 'Opportunity ID',
    },
  },
  hubspot: {
    row: [
      'Record ID',
      'Deal Name',
      'Deal Stage',
      'Close Date',
      'Deal owner',
      'Amount',
      'Pipeline',
      'Associated Company',
      'Create Date',
      'Last Activity Date',
      'Next Activity Date',
      'Next step',
      'Deal Type',
    ],
    expect: {
      dealId: 'Record ID',
      deal: 'Deal Name',
      stage: 'Deal Stage',
      closeDate: 'Close Date',
      owner: 'Deal owner',
      amount: 'Amount',
      account: 'Associated Company',
      nextStepUpdated: 'Last Activity Date',
      nextStepDue: 'Next Activity Date',
      nextStep: 'Next step',
    },
  },
  pipedrive: {
    row: [
      'Deal - ID',
      'Deal - Title',
      'Deal - Creator',
      'Deal - Owner',
      'Deal - Value',
      'Deal - Currency of Value',
      'Deal - Organization',
      'Deal - Contact person',
      'Deal - Stage',
      'Deal - Status',
      'Deal - Expected close date',
      'Deal - Next activity subject',
      'Deal - Next activity date',
      'Deal - Last activity date',
      'Deal - Update time',
    ],
    expect: {
      dealId: 'Deal - ID',
      deal: 'Deal - Title',
      owner: 'Deal - Owner',
      amount: 'Deal - Value',
      account: 'Deal - Organization',
      stage: 'Deal - Stage',
      closeDate: 'Deal - Expected close date',
      nextStep: 'Deal - Next activity subject',
      nextStepDue: 'Deal - Next activity date',
      nextStepUpdated: 'Deal - Last activity date',
    },
  },
  zoho: {
    row: [
      'Record Id',
      'Deal Owner',
      'Deal Name',
      'Account Name',
      'Type',
      'Next Step',
      'Lead Source',
      'Contact Name',
      'Amount',
      'Closing Date',
      'Stage',
      'Probability (%)',
      'Expected Revenue',
      'Created Time',
      'Modified Time',
      'Last Activity Time',
    ],
    expect: {
      dealId: 'Record Id',
      owner: 'Deal Owner',
      deal: 'Deal Name',
      account: 'Account Name',
      nextStep: 'Next Step',
      amount: 'Amount',
      closeDate: 'Closing Date',
      stage: 'Stage',
      nextStepUpdated: 'Last Activity Time',
    },
  },
  dynamics: {
    row: [
      'Topic',
      'Potential Customer',
      'Est. Close Date',
      'Est. Revenue',
      'Probability',
      'Rating',
      'Pipeline Phase',
      'Owner',
      'Created On',
      'Modified On',
      'Next step',
    ],
    expect: {
      deal: 'Topic',
      account: 'Potential Customer',
      closeDate: 'Est. Close Date',
      amount: 'Est. Revenue',
      stage: 'Pipeline Phase',
      owner: 'Owner',
      nextStepUpdated: 'Modified On',
      nextStep: 'Next step',
    },
  },
  close: {
    row: [
      'opportunity_id',
      'lead_name',
      'status_label',
      'status_type',
      'confidence',
      'user_name',
      'value',
      'value_period',
      'date_created',
      'date_updated',
      'date_won',
      'Next Step',
    ],
    expect: {
      dealId: 'opportunity_id',
      account: 'lead_name',
      stage: 'status_label',
      owner: 'user_name',
      amount: 'value',
      nextStepUpdated: 'date_updated',
      closeDate: 'date_won',
      nextStep: 'Next Step',
    },
  },
  copper: {
    row: [
      'Name',
      'Company',
      'Primary Contact',
      'Owner',
      'Pipeline',
      'Pipeline Stage',
      'Status',
      'Value',
      'Win Probability',
      'Close Date',
      'Last Contacted',
      'Date Modified',
      'Next step',
    ],
    expect: {
      deal: 'Name',
      account: 'Company',
      owner: 'Owner',
      stage: 'Pipeline Stage',
      amount: 'Value',
      closeDate: 'Close Date',
      nextStepUpdated: 'Last Contacted',
      nextStep: 'Next step',
    },
  },
  templates: {
    row: [
      'Opportunity / Deal',
      'Contact',
      'Deal size',
      'Probability',
      'Weighted forecast',
      'Stage',
      'Next follow-up',
      'Next follow-up date',
      'Last touched',
      'Expected close date',
    ],
    expect: {
      deal: 'Opportunity / Deal',
      amount: 'Deal size',
      stage: 'Stage',
      nextStep: 'Next follow-up',
      nextStepDue: 'Next follow-up date',
      nextStepUpdated: 'Last touched',
      closeDate: 'Expected close date',
    },
  },
};

function mapped(row: string[]): Partial<Record<ColumnRole, string>> {
  const d = detectColumns([row]);
  const out: Partial<Record<ColumnRole, string>> = {};
  for (const [role, i] of Object.entries(d.mapping) as Array<[ColumnRole, number]>) out[role] = row[i];
  return out;
}

describe('headers of each CRM export and template', () => {
  test('every source in the data has an export row here', () => {
    expect(Object.keys(EXPORTS).sort()).toEqual(HEADER_SOURCES.map((s) => s.id).sort());
  });

  test.each(Object.keys(EXPORTS))('%s: an export header row maps every role it has', (id) => {
    const { row, expect: wanted } = EXPORTS[id];
    expect(mapped(row)).toEqual(wanted);
  });

  test.each(HEADER_SOURCES.map((s) => [s.id, s] as const))(
    '%s: each listed header reads as its role',
    (_, s) => {
      for (const [role, list] of Object.entries(s.headers) as Array<[ColumnRole, readonly string[]]>) {
        for (const header of list) expect([header, roleOfHeader(header)]).toEqual([header, role]);
      }
    },
  );

  test('no header text names two roles', () => {
    const seen = new Map<string, ColumnRole>();
    for (const [role, list] of Object.entries(HEADER_SYNONYMS) as Array<[ColumnRole, readonly string[]]>) {
      for (const h of list) {
        const key = normaliseHeader(h);
        expect([h, seen.get(key) ?? role]).toEqual([h, role]);
        seen.set(key, role);
      }
    }
  });
});

describe('currency-suffixed amounts and updated-date phrasings', () => {
  test.each([
    ['Value (USD)', 'amount'],
    ['Amount (£)', 'amount'],
    ['Amount (EUR)', 'amount'],
    ['Deal value (€)', 'amount'],
    ['ARR USD', 'amount'],
    ['Last Touched', 'nextStepUpdated'],
    ['Last activity', 'nextStepUpdated'],
    ['Modified', 'nextStepUpdated'],
  ])('%s → %s', (header, role) => {
    expect(roleOfHeader(header)).toBe(role);
  });

  test('a currency code is not an amount when the rest is not an amount ("Stage USD" stays unread)', () => {
    expect(roleOfHeader('Stage USD')).toBeUndefined();
    expect(roleOfHeader('Amount Currency')).toBeUndefined();
  });

  test('the words after a synonym that name another field keep it out ("Last Modified By")', () => {
    expect(roleOfHeader('Last Modified By')).toBeUndefined();
    expect(roleOfHeader('Next step owner')).toBeUndefined();
    expect(roleOfHeader('Next step (Q3)')).toBe('nextStep');
  });

  test('the issue sheet: "Value (USD)" and "Last Touched" are read', () => {
    expect(mapped(['Deal', 'Stage', 'Value (USD)', 'Next step', 'Last Touched'])).toEqual({
      deal: 'Deal',
      stage: 'Stage',
      amount: 'Value (USD)',
      nextStep: 'Next step',
      nextStepUpdated: 'Last Touched',
    });
  });

  test('property: any header text maps to at most one role and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (h) => {
        const r = roleOfHeader(h);
        expect(r === undefined || r in HEADER_SYNONYMS).toBe(true);
      }),
    );
  });

  test("property: case, spacing and separators do not change a synonym's role", () => {
    const all = Object.entries(HEADER_SYNONYMS).flatMap(([role, list]) =>
      list.map((h) => [h, role] as const),
    );
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.constantFrom(' ', '_', '-', '  '), ([h, role], sep) => {
        const variant = h.toUpperCase().replace(/ /g, sep);
        expect(roleOfHeader(variant)).toBe(role);
      }),
    );
  });
});
