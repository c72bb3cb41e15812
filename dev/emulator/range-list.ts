/**
 * RangeList: ranges of one sheet worked on together, one call for all of them
 * (https://developers.google.com/apps-script/reference/spreadsheet/range-list). Only the methods the
 * add-on uses are emulated; any other throws "not emulated" (wrap.ts).
 */
import type { Box } from './a1';
import type { EmulatorContext } from './context';
import { requireDocument, requireWrite } from './context';
import type { SheetModel } from './model';
import { checkProtection, makeRange, verticalAlignment } from './range';
import { asGas, wrap } from './wrap';

type GasRange = GoogleAppsScript.Spreadsheet.Range;
type GasRangeList = GoogleAppsScript.Spreadsheet.RangeList;

export function makeRangeList(ctx: EmulatorContext, sheet: SheetModel, boxes: Box[]): GasRangeList {
  return asGas<GasRangeList>(wrap(new RangeListImpl(ctx, sheet, boxes), 'RangeList', ctx.boundary));
}

export class RangeListImpl {
  constructor(
    readonly ctx: EmulatorContext,
    readonly sheet: SheetModel,
    readonly boxes: Box[],
  ) {}

  getRanges(): GasRange[] {
    requireDocument(this.ctx, 'RangeList.getRanges');
    return this.boxes.map((b) => makeRange(this.ctx, this.sheet, b));
  }

  /** Like Range.setWrap on each range; nothing changes when any range is protected from this user. */
  setWrap(isWrapEnabled: boolean): GasRangeList {
    requireWrite(this.ctx, 'RangeList.setWrap');
    for (const b of this.boxes) checkProtection(this.ctx, this.sheet, b);
    for (const b of this.boxes) this.sheet.wraps.fill(b, isWrapEnabled ? true : undefined);
    return makeRangeList(this.ctx, this.sheet, this.boxes);
  }

  /** Like Range.setVerticalAlignment on each range; nothing changes when any range is protected. */
  setVerticalAlignment(alignment: string | null): GasRangeList {
    requireWrite(this.ctx, 'RangeList.setVerticalAlignment');
    const stored = verticalAlignment(alignment);
    for (const b of this.boxes) checkProtection(this.ctx, this.sheet, b);
    for (const b of this.boxes) this.sheet.verticalAlignments.fill(b, stored);
    return makeRangeList(this.ctx, this.sheet, this.boxes);
  }
}
