/**
 * What a person sees of a sheet, for the playground grid and screenshots: display values, colours
 * (conditional formats applied), bold, merges, frozen panes. Read from the model: never counted.
 */
import { boxA1 } from './a1';
import { readDisplay } from './cells';
import { coloursFrom, evaluateRules } from './conditional-format';
import type { EmulatorContext } from './context';
import { CallLedger } from './ledger';
import type { EmulatedSpreadsheet, SheetModel } from './model';
import { UiRecorder } from './ui';

export interface SheetView {
  id: number;
  name: string;
  hidden: boolean;
  maxRows: number;
  maxColumns: number;
  /** Rows/columns shown: the content extent (at least 1 × 1). */
  rows: number;
  columns: number;
  frozenRows: number;
  frozenColumns: number;
  display: string[][];
  /** Effective backgrounds: conditional formats over the cell's own colour; null = default white. */
  backgrounds: Array<Array<string | null>>;
  fontColors: Array<Array<string | null>>;
  bold: boolean[][];
  notes: Array<Array<string | null>>;
  formulas: Array<Array<string | null>>;
  merges: string[];
  columnWidths: Record<number, number>;
}

export interface ViewOptions {
  now?: Date | (() => Date);
  /** Extra rows/columns beyond the content, e.g. to leave room for typing. */
  padRows?: number;
  padColumns?: number;
  /** Skip conditional-format evaluation (faster). */
  conditionalFormats?: boolean;
}

export function viewSheet(ss: EmulatedSpreadsheet, sheet: SheetModel, options: ViewOptions = {}): SheetView {
  const nowOpt = options.now;
  const ctx: EmulatorContext = {
    boundary: { ledger: new CallLedger() },
    ss,
    authMode: 'FULL',
    user: { email: '', canEdit: true },
    executionId: 0,
    now: () => (typeof nowOpt === 'function' ? nowOpt() : nowOpt ? new Date(nowOpt.getTime()) : new Date()),
    ui: new UiRecorder(),
    htmlDir: '',
    scriptTimeZone: ss.timeZone,
    logs: [],
    sleeps: [],
  };
  const rows = Math.min(
    sheet.maxRows,
    Math.max(1, sheet.lastRow(), sheet.frozenRows) + (options.padRows ?? 0),
  );
  const columns = Math.min(sheet.maxColumns, Math.max(1, sheet.lastColumn()) + (options.padColumns ?? 0));
  const cf =
    options.conditionalFormats === false || sheet.conditionalFormats.length === 0
      ? {}
      : coloursFrom(evaluateRules(ctx, ss, sheet));
  const grid = <T>(fn: (r: number, c: number) => T): T[][] =>
    Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => fn(i + 1, j + 1)));
  const a1 = (r: number, c: number): string => boxA1({ row: r, col: c, rows: 1, cols: 1 });
  return {
    id: sheet.id,
    name: sheet.name,
    hidden: sheet.hidden,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    rows,
    columns,
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenColumns,
    display: grid((r, c) => readDisplay(ctx, sheet, r, c)),
    backgrounds: grid((r, c) => cf[a1(r, c)] ?? sheet.backgrounds.get(r, c) ?? null),
    fontColors: grid((r, c) => sheet.fontColors.get(r, c) ?? null),
    bold: grid((r, c) => sheet.fontWeights.get(r, c) === 'bold'),
    notes: grid((r, c) => sheet.notes.get(r, c) ?? null),
    formulas: grid((r, c) => sheet.formulas.get(r, c) ?? null),
    merges: sheet.merges.map(boxA1),
    columnWidths: Object.fromEntries(sheet.columnWidths),
  };
}
