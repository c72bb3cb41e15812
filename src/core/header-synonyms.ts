/**
 * Header texts that name each pipeline column, as data: a generic list (what teams type into their own
 * sheets), then one entry per CRM export and sheet template. core/columns.ts matches headers against
 * all of them after normalising case, spacing, punctuation and currency symbols, so "Deal - Value",
 * "deal_value" and "Value (USD)" all read as the amount.
 *
 * Order matters: when several headers of one sheet fit a role, the one listed earliest wins (generic
 * first, then the sources in this order). That is why, for the updated date, an activity date
 * ("Last activity") is listed before a record's modified time ("Last modified"): a deal edited for an
 * unrelated field is not a deal whose next step was touched.
 *
 * Where each source's names come from (field labels as the product shows them and its exports write
 * them; checked 2026-12):
 *  - Salesforce: Opportunity field labels, developer.salesforce.com/docs/atlas.en-us.sfFieldRef.meta/
 *    sfFieldRef/salesforce_field_reference_Opportunity.htm ("Opportunity Name", "Account Name",
 *    "Amount", "Close Date", "Next Step", "Last Activity", "Last Modified Date", "Opportunity ID").
 *  - HubSpot: knowledge.hubspot.com/crm-deals/hubspots-default-deal-properties ("Deal Name", "Deal
 *    Stage", "Amount", "Close Date", "Deal owner", "Next step", "Last Activity Date", "Next Activity
 *    Date", "Amount in company currency", "Record ID").
 *  - Pipedrive: exports prefix each deal field with "Deal - " ("Deal - Title", "Deal - Value",
 *    "Deal - Organization", "Deal - Next activity date", "Deal - Update time"); field names per the
 *    Deals API (title, value, org, next_activity_date, last_activity_date, update_time),
 *    developers.pipedrive.com/docs/api/v1/Deals.
 *  - Zoho CRM: Deals module fields (Deal_Name, Account_Name, Owner/"Deal Owner", Stage, Amount,
 *    Closing_Date, Next_Step, Last_Activity_Time, Modified_Time), zoho.com/crm/developer/docs and the
 *    Zoho deal field list at docs.workato.com/en/connectors/zoho-crm/actions/create-deal.html.
 *  - Dynamics 365 Sales: Opportunity display names ("Topic", "Potential Customer", "Est. Revenue",
 *    "Est. Close Date", "Pipeline Phase", "Modified On"), learn.microsoft.com/dynamics365/sales/
 *    developer/entities/opportunity.
 *  - Close: opportunity export columns (lead_name, status_label, user_name, value, date_won,
 *    date_updated, opportunity id), developer.close.com/api/resources/exports (lead_opps exports)
 *    and the Close API's opportunity fields.
 *  - Copper: Opportunity default fields ("Name", "Company", "Owner", "Pipeline Stage", "Value",
 *    "Close Date", "Last Contacted", "Date Modified"), support.copper.com/en/articles/8823254.
 *  - Sheet templates (Google Sheets/Excel/Smartsheet/HubSpot sales-pipeline templates): "Deal size",
 *    "Potential value", "Next action", "Next follow-up", "Last touched", "Last contact date". These
 *    are common phrasings, not one vendor's documented list.
 */
import type { ColumnRole } from './types';

export type HeaderList = Partial<Record<ColumnRole, readonly string[]>>;

export interface HeaderSource {
  id: string;
  name: string;
  headers: HeaderList;
}

/** What teams type into their own sheets. */
export const GENERIC_HEADERS: Record<ColumnRole, readonly string[]> = {
  deal: [
    'Deal',
    'Deal name',
    'Opportunity',
    'Opportunity name',
    'Opp',
    'Opp name',
    'Deal title',
    'Name',
    'Project',
  ],
  account: [
    'Account',
    'Account name',
    'Company',
    'Company name',
    'Customer',
    'Client',
    'Organisation',
    'Organization',
    'Merchant',
    'Prospect',
  ],
  owner: [
    'Owner',
    'Deal owner',
    'Opportunity owner',
    'Account owner',
    'Sales rep',
    'Rep',
    'Salesperson',
    'AE',
    'Account executive',
    'Assigned to',
  ],
  stage: ['Stage', 'Deal stage', 'Sales stage', 'Opportunity stage', 'Pipeline stage', 'Status', 'Phase'],
  amount: [
    'Amount',
    'Value',
    'Deal value',
    'Deal size',
    'ARR',
    'ACV',
    'TCV',
    'MRR',
    'Revenue',
    'Opportunity amount',
  ],
  closeDate: [
    'Close date',
    'Expected close date',
    'Expected close',
    'Closing date',
    'Close',
    'Est close date',
    'Target close date',
  ],
  nextStep: [
    'Next step',
    'Next steps',
    'NextStep',
    'Next action',
    'Next actions',
    'Next step (what/who/when)',
    'Next step description',
    'Follow-up action',
    'Action',
    'Actions',
    'To do',
  ],
  nextStepDue: [
    'Next step due',
    'Next step date',
    'Next step due date',
    'Due',
    'Due date',
    'Next action date',
    'Next action due',
    'Action date',
    'Follow-up date',
    'Next activity date',
  ],
  nextStepUpdated: [
    'Next step updated',
    'Next step last updated',
    'Last activity',
    'Last activity date',
    'Last touched',
    'Last touch',
    'Last contact',
    'Last contacted',
    'Last updated',
    'Updated',
    'Updated on',
    'Last modified',
    'Modified',
  ],
  dealId: ['Deal ID', 'Opportunity ID', 'Opp ID', 'ID', 'Record ID', 'Deal #', 'Deal number', 'CRM ID'],
};

/** Per CRM export and template; see the file comment for where each list comes from. */
export const HEADER_SOURCES: readonly HeaderSource[] = [
  {
    id: 'salesforce',
    name: 'Salesforce',
    headers: {
      deal: ['Opportunity Name'],
      account: ['Account Name'],
      owner: ['Opportunity Owner', 'Owner Name', 'Owner Full Name'],
      stage: ['Stage'],
      amount: ['Amount'],
      closeDate: ['Close Date'],
      nextStep: ['Next Step'],
      nextStepUpdated: ['Last Activity', 'Last Modified Date'],
      dealId: ['Opportunity ID'],
    },
  },
  {
    id: 'hubspot',
    name: 'HubSpot',
    headers: {
      deal: ['Deal Name'],
      account: ['Associated Company', 'Associated Company (Primary)'],
      owner: ['Deal owner'],
      stage: ['Deal Stage'],
      amount: ['Amount', 'Amount in company currency'],
      closeDate: ['Close Date'],
      nextStep: ['Next step'],
      nextStepDue: ['Next Activity Date'],
      nextStepUpdated: ['Last Activity Date', 'Last Modified Date'],
      dealId: ['Record ID'],
    },
  },
  {
    id: 'pipedrive',
    name: 'Pipedrive',
    headers: {
      deal: ['Deal - Title'],
      account: ['Deal - Organization'],
      owner: ['Deal - Owner', 'Deal - Owner name'],
      stage: ['Deal - Stage'],
      amount: ['Deal - Value'],
      closeDate: ['Deal - Expected close date'],
      nextStep: ['Deal - Next activity subject', 'Next activity subject'],
      nextStepDue: ['Deal - Next activity date', 'Next activity date'],
      nextStepUpdated: ['Deal - Last activity date', 'Deal - Update time', 'Update time'],
      dealId: ['Deal - ID'],
    },
  },
  {
    id: 'zoho',
    name: 'Zoho CRM',
    headers: {
      deal: ['Deal Name'],
      account: ['Account Name'],
      owner: ['Deal Owner'],
      stage: ['Stage'],
      amount: ['Amount'],
      closeDate: ['Closing Date'],
      nextStep: ['Next Step'],
      nextStepUpdated: ['Last Activity Time', 'Modified Time'],
      dealId: ['Record Id'],
    },
  },
  {
    id: 'dynamics',
    name: 'Dynamics 365',
    headers: {
      deal: ['Topic'],
      account: ['Potential Customer'],
      owner: ['Owner'],
      stage: ['Pipeline Phase', 'Sales Stage'],
      amount: ['Est. Revenue'],
      closeDate: ['Est. Close Date'],
      nextStepUpdated: ['Modified On'],
    },
  },
  {
    id: 'close',
    name: 'Close',
    headers: {
      account: ['lead_name', 'Lead Name'],
      owner: ['user_name', 'User Name'],
      stage: ['status_label', 'Status Label'],
      amount: ['value', 'value_formatted'],
      closeDate: ['date_won', 'Expected Close Date'],
      nextStepUpdated: ['date_updated', 'Date Updated'],
      dealId: ['opportunity_id'],
    },
  },
  {
    id: 'copper',
    name: 'Copper',
    headers: {
      deal: ['Name'],
      account: ['Company'],
      owner: ['Owner'],
      stage: ['Pipeline Stage'],
      amount: ['Value'],
      closeDate: ['Close Date'],
      nextStepUpdated: ['Last Contacted', 'Date Modified'],
    },
  },
  {
    id: 'templates',
    name: 'Sheet templates',
    headers: {
      deal: ['Opportunity / Deal', 'Deal / Opportunity'],
      account: ['Company / Account', 'Client name', 'Customer name'],
      owner: ['Sales owner', 'Assigned rep', 'Rep name'],
      amount: [
        'Deal amount',
        'Potential value',
        'Estimated value',
        'Est. value',
        'Contract value',
        'Forecast amount',
        'Pipeline value',
      ],
      closeDate: ['Expected close date', 'Projected close date', 'Forecast close date'],
      nextStep: ['Next follow-up', 'Next follow up', 'Follow-up', 'Follow up', 'Next move'],
      nextStepDue: ['Next follow-up date', 'Follow up date', 'Next contact date', 'Next step deadline'],
      nextStepUpdated: ['Last contact date', 'Last touch date', 'Last touched on', 'Date updated'],
    },
  },
];

/**
 * Every role's headers, generic first, then each source's in HEADER_SOURCES order, duplicates dropped
 * (compared as typed; columns.ts compares normalised).
 */
export function mergedHeaderSynonyms(): Record<ColumnRole, readonly string[]> {
  const out = {} as Record<ColumnRole, string[]>;
  for (const role of Object.keys(GENERIC_HEADERS) as ColumnRole[]) out[role] = [...GENERIC_HEADERS[role]];
  for (const source of HEADER_SOURCES) {
    for (const [role, list] of Object.entries(source.headers) as Array<[ColumnRole, readonly string[]]>) {
      for (const header of list) if (!out[role].includes(header)) out[role].push(header);
    }
  }
  return out;
}
