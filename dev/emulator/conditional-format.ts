/**
 * Conditional-format rules (builder, rule, boolean condition) and their evaluation: which cells each
 * rule colours, with formula rules evaluated per cell by HyperFormula, relative references moving from
 * the top-left cell of the rule's first range, as in Sheets.
 */
import { cellA1, type Box } from './a1';
import { readCell, readDisplay } from './cells';
import { normaliseColor } from './colors';
import type { EmulatorContext } from './context';
import { evaluateAt, literalFreeCode, relativeRows, shiftFormula } from './formulas';
import type { CfCriteria, CfRuleData, EmulatedSpreadsheet, SheetModel } from './model';
import { makeRange, RangeImpl } from './range';
import { asGas, unwrap, wrap } from './wrap';

type GasRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type GasRuleBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;

export const BooleanCriteria = {
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  CELL_EMPTY: 'CELL_EMPTY',
  CELL_NOT_EMPTY: 'CELL_NOT_EMPTY',
} as const;

/** A rule not yet attached to a sheet: ranges may be on any sheet until setConditionalFormatRules. */
export interface RuleDraft {
  ranges: Array<{ sheetId: number; box: Box }>;
  criteria?: CfCriteria;
  background?: string;
  fontColor?: string;
  bold?: boolean;
}

export function makeRuleBuilder(ctx: EmulatorContext, draft?: RuleDraft): GasRuleBuilder {
  return asGas<GasRuleBuilder>(
    wrap(new RuleBuilderImpl(ctx, draft), 'ConditionalFormatRuleBuilder', ctx.boundary),
  );
}

export function makeRule(ctx: EmulatorContext, draft: RuleDraft): GasRule {
  return asGas<GasRule>(wrap(new RuleImpl(ctx, cloneDraft(draft)), 'ConditionalFormatRule', ctx.boundary));
}

function cloneDraft(d: RuleDraft): RuleDraft {
  return { ...d, ranges: d.ranges.map((r) => ({ sheetId: r.sheetId, box: { ...r.box } })) };
}

export function draftFromData(d: CfRuleData): RuleDraft {
  return {
    ranges: d.ranges.map((box) => ({ sheetId: d.sheetId, box: { ...box } })),
    criteria: d.criteria,
    background: d.background,
    fontColor: d.fontColor,
    bold: d.bold,
  };
}

function criteriaValues(c: CfCriteria | undefined): unknown[] {
  if (!c) return [];
  if (c.type === 'CUSTOM_FORMULA') return [c.formula];
  if (c.type === 'TEXT_CONTAINS' || c.type === 'TEXT_EQUAL_TO') return [c.text];
  return [];
}

function rangesOf(ctx: EmulatorContext, d: RuleDraft): GoogleAppsScript.Spreadsheet.Range[] {
  return d.ranges.map((r) => makeRange(ctx, ctx.ss.sheetById(r.sheetId)!, { ...r.box }));
}

function conditionOf(d: RuleDraft): GoogleAppsScript.Spreadsheet.BooleanCondition {
  const snapshot = cloneDraft(d);
  const condition = {
    getCriteriaType: () => snapshot.criteria?.type ?? null,
    getCriteriaValues: () => criteriaValues(snapshot.criteria),
    getBackground: () => snapshot.background ?? null,
    getBackgroundObject: () => null,
    getFontColor: () => snapshot.fontColor ?? null,
    getBold: () => snapshot.bold ?? null,
    getItalic: () => null,
    getStrikethrough: () => null,
    getUnderline: () => null,
  };
  return asGas<GoogleAppsScript.Spreadsheet.BooleanCondition>(condition);
}

/** The getters a conditional-format rule and its builder share (Apps Script gives both). */
abstract class RuleReader {
  constructor(
    readonly ctx: EmulatorContext,
    readonly draft: RuleDraft,
  ) {}

  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return rangesOf(this.ctx, this.draft);
  }

  getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition | null {
    return this.draft.criteria ? conditionOf(this.draft) : null;
  }

  getGradientCondition(): null {
    return null;
  }

  copy(): GasRuleBuilder {
    return makeRuleBuilder(this.ctx, this.draft);
  }
}

export class RuleBuilderImpl extends RuleReader {
  constructor(ctx: EmulatorContext, draft?: RuleDraft) {
    super(ctx, draft ? cloneDraft(draft) : { ranges: [] });
  }

  private self(): GasRuleBuilder {
    return asGas<GasRuleBuilder>(wrap(this, 'ConditionalFormatRuleBuilder', this.ctx.boundary));
  }

  whenFormulaSatisfied(formula: string): GasRuleBuilder {
    this.draft.criteria = { type: 'CUSTOM_FORMULA', formula: String(formula) };
    return this.self();
  }

  whenTextContains(text: string): GasRuleBuilder {
    this.draft.criteria = { type: 'TEXT_CONTAINS', text: String(text) };
    return this.self();
  }

  whenTextEqualTo(text: string): GasRuleBuilder {
    this.draft.criteria = { type: 'TEXT_EQUAL_TO', text: String(text) };
    return this.self();
  }

  whenCellEmpty(): GasRuleBuilder {
    this.draft.criteria = { type: 'CELL_EMPTY' };
    return this.self();
  }

  whenCellNotEmpty(): GasRuleBuilder {
    this.draft.criteria = { type: 'CELL_NOT_EMPTY' };
    return this.self();
  }

  setBackground(color: string | null): GasRuleBuilder {
    this.draft.background = normaliseColor(color);
    return this.self();
  }

  setFontColor(color: string | null): GasRuleBuilder {
    this.draft.fontColor = normaliseColor(color);
    return this.self();
  }

  setBold(bold: boolean | null): GasRuleBuilder {
    this.draft.bold = bold === null ? undefined : Boolean(bold);
    return this.self();
  }

  setRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): GasRuleBuilder {
    this.draft.ranges = ranges.map((r) => {
      const impl = unwrap(r) as unknown as RangeImpl;
      return { sheetId: impl.sheet.id, box: { ...impl.box } };
    });
    return this.self();
  }

  /**
   * A rule with a snapshot of the builder (default), or, under the builderSharesState belief, a rule
   * that keeps reading the builder's draft, so a builder reused for several rules leaves them all
   * with its last settings (the reference does not say which Apps Script does).
   */
  build(): GasRule {
    if (this.ctx.beliefs?.builderSharesState)
      return asGas<GasRule>(
        wrap(new RuleImpl(this.ctx, this.draft), 'ConditionalFormatRule', this.ctx.boundary),
      );
    return makeRule(this.ctx, this.draft);
  }
}

export class RuleImpl extends RuleReader {}

/**
 * Sheets' help: custom formulas may only reference their own sheet (other sheets need INDIRECT).
 * Returns the first other sheet a formula names, if any.
 */
export function otherSheetReference(formula: string, sheetName: string): string | undefined {
  const code = literalFreeCode(formula);
  for (const m of code.matchAll(/('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!/g)) {
    const name = m[1].startsWith("'") ? m[1].slice(1, -1).replace(/''/g, "'") : m[1];
    if (name.toLowerCase() !== sheetName.toLowerCase()) return name;
  }
  return undefined;
}

export interface CfMatch {
  ruleIndex: number;
  background?: string;
  fontColor?: string;
  cells: string[];
  /** Formula rules only: cells whose formula gave an error (the rule does not apply there), for diagnosis. */
  errors?: Array<{ cell: string; error: string }>;
}

function cellsOf(rule: CfRuleData): Array<{ row: number; col: number }> {
  const seen = new Set<string>();
  const out: Array<{ row: number; col: number }> = [];
  for (const b of rule.ranges) {
    for (let r = b.row; r < b.row + b.rows; r++) {
      for (let c = b.col; c < b.col + b.cols; c++) {
        const k = `${r},${c}`;
        if (!seen.has(k)) {
          seen.add(k);
          out.push({ row: r, col: c });
        }
      }
    }
  }
  return out;
}

const ERROR_CODES = new Set(['#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#ERROR!', '#NULL!']);

function isErrorCode(v: string): boolean {
  return ERROR_CODES.has(v);
}

/**
 * The first row from which every cell of the rule sees only empty rows (Infinity when unknown).
 * Formulas that depend on their own position (ROW, OFFSET, INDIRECT...) never get a tail.
 */
function uniformTailStart(ss: EmulatedSpreadsheet, formula: string, anchorRow: number): number {
  const code = literalFreeCode(formula);
  if (/\b(ROW|ROWS|COLUMN|COLUMNS|OFFSET|INDIRECT|CELL|RAND|RANDBETWEEN|INDEX|ADDRESS)\s*\(/i.test(code))
    return Infinity;
  const rows = relativeRows(formula);
  if (rows === null) return Infinity;
  if (rows.length === 0) return -Infinity;
  const lastContent = Math.max(0, ...ss.sheets.map((s) => s.lastRow()));
  // A cell in row r reads rows from min(rows) + (r - anchorRow); all of them must lie past lastContent.
  return lastContent - Math.min(...rows) + anchorRow + 1;
}

/** Sheets applies a custom-formula rule when the result is TRUE or a non-zero number. */
function truthy(v: unknown): boolean {
  return v === true || (typeof v === 'number' && v !== 0);
}

/** Which cells each rule of the sheet colours (each rule judged alone; see cellColours for precedence). */
export function evaluateRules(ctx: EmulatorContext, ss: EmulatedSpreadsheet, sheet: SheetModel): CfMatch[] {
  return sheet.conditionalFormats.map((rule, ruleIndex) => {
    const cells = cellsOf(rule);
    let hits: boolean[];
    let errors: Array<{ cell: string; error: string }> | undefined;
    const c = rule.criteria;
    if (c.type === 'CUSTOM_FORMULA' && !c.formula.trim().startsWith('=')) {
      // Without '=' Sheets takes the "formula" as a text constant, which is never TRUE.
      hits = cells.map(() => false);
    } else if (c.type === 'CUSTOM_FORMULA') {
      const anchor = rule.ranges[0];
      const body = c.formula.trim();
      const formulaAt = (row: number, col: number): string =>
        shiftFormula(body, row - anchor.row, col - anchor.col, sheet.name);
      const key = `${body}|${rule.ranges.map((b) => `${b.row},${b.col},${b.rows},${b.cols}`).join(';')}`;
      // Rows whose references all fall below the last row with content see identical (empty) inputs,
      // so one cell per column stands for the rest: rules often span 1,000 rows for 200 deals.
      const tail = uniformTailStart(ss, body, anchor.row);
      const evaluate: typeof cells = [];
      const standIn = new Map<number, number>(); // column → index in `evaluate` of its tail stand-in
      const slot: number[] = cells.map((cell) => {
        if (cell.row < tail) return evaluate.push(cell) - 1;
        let i = standIn.get(cell.col);
        if (i === undefined) standIn.set(cell.col, (i = evaluate.push(cell) - 1));
        return i;
      });
      const results = evaluateAt(ss, sheet, evaluate, formulaAt, { now: () => ctx.now() }, key);
      hits = slot.map((i) => truthy(results[i]));
      cells.forEach((cell, k) => {
        const v = results[slot[k]];
        if (typeof v === 'string' && isErrorCode(v)) {
          (errors ??= []).push({ cell: cellA1(cell.row, cell.col), error: v });
        }
      });
    } else if (c.type === 'CELL_EMPTY' || c.type === 'CELL_NOT_EMPTY') {
      hits = cells.map((cell) => {
        const empty = readCell(ctx, sheet, cell.row, cell.col) === '';
        return c.type === 'CELL_EMPTY' ? empty : !empty;
      });
    } else {
      const needle = c.text.toLowerCase();
      hits = cells.map((cell) => {
        const text = readDisplay(ctx, sheet, cell.row, cell.col).toLowerCase();
        return c.type === 'TEXT_CONTAINS' ? text.includes(needle) : text === needle;
      });
    }
    return {
      ruleIndex,
      ...(rule.background ? { background: rule.background } : {}),
      ...(rule.fontColor ? { fontColor: rule.fontColor } : {}),
      cells: cells.filter((_, i) => hits[i]).map((cell) => cellA1(cell.row, cell.col)),
      ...(errors ? { errors } : {}),
    };
  });
}

/** A1 → the background conditional formatting shows: the first matching rule wins, as in Sheets. */
export function coloursFrom(matches: CfMatch[]): Record<string, string> {
  const out: Record<string, string> = {};
  const decided = new Set<string>();
  for (const m of matches) {
    for (const a1 of m.cells) {
      if (decided.has(a1)) continue;
      decided.add(a1);
      if (m.background) out[a1] = m.background;
    }
  }
  return out;
}
