/**
 * Where an edit landed: the edited box (from the event's range) and the table above it. onEdit's
 * reads live here; the decision which rows to stamp is src/addon/on-edit.ts's planStamp.
 */
import type { ColumnMapping } from '../core/types';
import { detectColumns } from '../core/columns';
import { HEADER_SCAN_ROWS, readHeaderArea } from './header-area';
import { locateTable } from './pipeline';
import { loadSettings } from './settings';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface EditBox {
  rowStart: number;
  rowEnd: number;
  columnStart: number;
  columnEnd: number;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 'B3', 'B3:D10', 'B:B', '3:5' (whole columns/rows need the sheet's size: given as max*). */
export function parseA1Box(a1: string, maxRows = 1e7, maxColumns = 18278): EditBox | undefined {
  const text = String(a1).replace(/^.*!/, '').replace(/\$/g, '').trim().toUpperCase();
  const [a, b = a] = text.split(':');
  const part = (p: string): { col?: number; row?: number } | undefined => {
    const m = /^([A-Z]{0,3})(\d*)$/.exec(p);
    if (!m || (m[1] === '' && m[2] === '')) return undefined;
    return { col: m[1] ? columnNumber(m[1]) : undefined, row: m[2] ? Number(m[2]) : undefined };
  };
  const p = part(a);
  const q = part(b);
  if (!p || !q) return undefined;
  const box = {
    rowStart: p.row ?? 1,
    rowEnd: q.row ?? maxRows,
    columnStart: p.col ?? 1,
    columnEnd: q.col ?? maxColumns,
  };
  if (
    box.rowEnd < box.rowStart ||
    box.columnEnd < box.columnStart ||
    box.rowStart < 1 ||
    box.columnStart < 1
  ) {
    return undefined;
  }
  return box;
}

function positiveInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined;
}

/** The edited box from the event's range: its plain fields, else one getA1Notation call. */
export function editBox(range: GoogleAppsScript.Spreadsheet.Range): EditBox | undefined {
  const r = range as unknown as Record<string, unknown>;
  const rowStart = positiveInt(r.rowStart);
  const rowEnd = positiveInt(r.rowEnd);
  const columnStart = positiveInt(r.columnStart);
  const columnEnd = positiveInt(r.columnEnd);
  if (rowStart && rowEnd && columnStart && columnEnd && rowEnd >= rowStart && columnEnd >= columnStart) {
    return { rowStart, rowEnd, columnStart, columnEnd };
  }
  return parseA1Box(range.getA1Notation());
}

export interface EditedTable {
  sheet: Sheet;
  /** 1-based header row. */
  headerRow: number;
  mapping: ColumnMapping;
}

/**
 * The table an edit landed in. After setup (a pipeline sheet is saved), only that sheet counts: another
 * tab whose headers merely look like a pipeline (a Contacts sheet with "Action" and "Last contacted")
 * is never stamped. Reads: Range.getSheet, the settings (PropertiesService.getDocumentProperties +
 * getProperties), Sheet.getName when a sheet was chosen, then the header area above the edit
 * (Sheet.getRange, Range.getValues; at most HEADER_SCAN_ROWS rows). Undefined when the edit is in no
 * such table.
 */
export function locateEditedTable(
  range: GoogleAppsScript.Spreadsheet.Range,
  box: EditBox,
): EditedTable | undefined {
  const sheet = range.getSheet();
  const { settings } = loadSettings();
  if (settings.sheetName !== undefined && settings.sheetName !== sheet.getName()) return undefined;
  const grid = readHeaderArea(sheet, Math.min(HEADER_SCAN_ROWS, box.rowStart - 1));
  const found = detectColumns(grid, { maxScanRows: grid.length });
  if (found.mapping.nextStep !== undefined && found.mapping.nextStepUpdated !== undefined) {
    return { sheet, headerRow: found.headerRowIndex + 1, mapping: found.mapping };
  }
  // Headers alone were not enough: use what setup saved (custom header names, a lower header row).
  if (!settings.columns && settings.headerRow === undefined) return undefined;
  let rows = grid;
  if (settings.headerRow !== undefined && settings.headerRow > grid.length) {
    if (settings.headerRow >= box.rowStart) return undefined;
    rows = readHeaderArea(sheet, settings.headerRow, sheet.getLastColumn());
  }
  try {
    const located = locateTable(rows, settings, sheet.getName(), rows.length);
    return { sheet, headerRow: located.headerRowIndex + 1, mapping: located.mapping };
  } catch {
    return undefined;
  }
}
