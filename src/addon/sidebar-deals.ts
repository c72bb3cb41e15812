/**
 * "My deals needing attention" (rep view) and the sheet's health (manager view). Both read the whole
 * table once through sheets/pipeline.ts (the sheet asked for, else the pipeline sheet by the one rule
 * in sheets/pipeline-sheet.ts) and judge it with core/: called on demand, never polled.
 */
import type { DealItem, MyDeals, OwnerOption, SheetHealth } from '../core/rpc-contract';
import type { RowAnalysis, Timing, Verdict } from '../core/types';
import { analyzeRows } from '../core/analyze';
import { readPipeline, type PipelineTable } from '../sheets/pipeline';
import { loadSettings } from '../sheets/settings';
import { analysisContext } from './context';
import { rpcGuard } from './sidebar';
import { rowView } from './sidebar-read';
import { highlightsState } from './sidebar-highlights';
import { attentionOrder, matchOwner, needsAttention } from './sidebar-owner';

export const MAX_ITEMS = 50;

function readAndJudge(sheetName?: unknown): {
  table: PipelineTable;
  analyses: RowAnalysis[];
  ctx: { today: string; timeZone: string; locale: string };
} {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const { settings, config, problems } = loadSettings();
  const table = readPipeline(ss, settings, config, { asked: sheetName });
  table.problems.unshift(...problems);
  const ctx = analysisContext(ss, new Date(), config);
  const analyses = analyzeRows(table.rows, table.mapping, config, {
    ...ctx,
    firstRowNumber: table.firstDataRow,
  });
  return { table, analyses, ctx };
}

function ownerOf(table: PipelineTable, a: RowAnalysis): string {
  const i = table.mapping.owner;
  if (i === undefined) return '';
  const v = table.rows[a.row - table.firstDataRow]?.[i];
  return v === null || v === undefined ? '' : String(v).trim();
}

function signedInEmail(): string {
  try {
    return Session.getActiveUser().getEmail() || '';
  } catch {
    return '';
  }
}

/**
 * The signed-in user's (or the asked-for owner's) open deals that need attention, worst first, capped
 * at 50. The owner comes from `owner` when given, else the Session email matched to the owner column
 * (by email, or by the email's name part), else none: the sidebar then shows the owner picker.
 */
export function getMyDeals(owner?: string, sheetName?: string): MyDeals {
  return rpcGuard(() => {
    const { table, analyses, ctx } = readAndJudge(sheetName);
    const email = signedInEmail();
    const open = analyses.filter((a) => a.status === 'open');
    const byOwner = new Map<string, OwnerOption>();
    for (const a of open) {
      const name = ownerOf(table, a);
      if (!name) continue;
      const o = byOwner.get(name) ?? { name, deals: 0, needingAttention: 0 };
      o.deals += 1;
      if (needsAttention(a)) o.needingAttention += 1;
      byOwner.set(name, o);
    }
    const owners = [...byOwner.values()].sort((a, b) => b.deals - a.deals || a.name.localeCompare(b.name));
    const base: MyDeals = {
      sheetName: table.sheetName,
      email,
      owner: '',
      matchedBy: 'none',
      owners,
      items: [],
      total: 0,
      openDeals: 0,
      message: '',
    };
    if (table.mapping.owner === undefined) {
      return {
        ...base,
        message: 'This sheet has no owner column, so deals cannot be matched to you. Map one in Settings.',
      };
    }
    let chosen = '';
    let matchedBy: MyDeals['matchedBy'] = 'none';
    const asked = typeof owner === 'string' ? owner.trim() : '';
    if (asked) {
      chosen = owners.find((o) => o.name.toLowerCase() === asked.toLowerCase())?.name ?? asked;
      matchedBy = 'asked';
    } else if (email) {
      const m = matchOwner(
        owners.map((o) => o.name),
        email,
      );
      if (m) {
        chosen = m.owner;
        matchedBy = m.by;
      }
    }
    if (!chosen) {
      return {
        ...base,
        message: email
          ? `No owner in this sheet matches ${email}. Pick your name below.`
          : 'Pick your name below to see your deals.',
      };
    }
    const mine = open.filter((a) => ownerOf(table, a).toLowerCase() === chosen.toLowerCase());
    const attention = mine.filter(needsAttention).sort(attentionOrder);
    const items: DealItem[] = attention.slice(0, MAX_ITEMS).map((a) => {
      const view = rowView(table.rows[a.row - table.firstDataRow], a, table.mapping, ctx);
      return {
        row: a.row,
        deal: view.deal || view.account || `Row ${a.row}`,
        owner: view.owner,
        stage: view.stage,
        nextStep: view.nextStep,
        verdict: view.verdict,
        timing: view.timing,
        summary: view.summary,
      };
    });
    return {
      ...base,
      owner: chosen,
      matchedBy,
      items,
      total: attention.length,
      openDeals: mine.length,
      message: mine.length === 0 ? `No open deals for ${chosen}.` : '',
    };
  });
}

/** Counts by verdict and timing, the ok share, and setup problems: the manager's view at a glance. */
export function getSheetHealth(sheetName?: string): SheetHealth {
  return rpcGuard(() => {
    const { table, analyses } = readAndJudge(sheetName);
    const verdicts: Record<Verdict, number> = { ok: 0, weak: 0, bad: 0, missing: 0 };
    const timings: Record<Timing, number> = { upcoming: 0, 'due-today': 0, overdue: 0, stale: 0, undated: 0 };
    let openDeals = 0;
    let closedDeals = 0;
    let needing = 0;
    for (const a of analyses) {
      if (a.status === 'closed') closedDeals += 1;
      if (a.status !== 'open') continue;
      openDeals += 1;
      if (a.verdict) verdicts[a.verdict] += 1;
      if (a.timing) timings[a.timing] += 1;
      if (a.verdict !== 'ok' || a.timing === 'overdue' || a.timing === 'stale') needing += 1;
    }
    return {
      sheetName: table.sheetName,
      openDeals,
      closedDeals,
      verdicts,
      timings,
      okShare: openDeals ? verdicts.ok / openDeals : 0,
      needingAttention: needing,
      problems: table.problems,
      highlightsOn: highlightsState(),
    };
  });
}
