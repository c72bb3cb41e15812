/** Protection of a range or a whole sheet; writes by non-editors are refused by Range (see range.ts). */
import type { EmulatorContext } from './context';
import { requireWrite } from './context';
import type { ProtectionData, SheetModel } from './model';
import { makeRange } from './range';
import { asGas, wrap } from './wrap';

type GasProtection = GoogleAppsScript.Spreadsheet.Protection;

export function makeProtection(ctx: EmulatorContext, sheet: SheetModel, data: ProtectionData): GasProtection {
  return asGas<GasProtection>(wrap(new ProtectionImpl(ctx, sheet, data), 'Protection', ctx.boundary));
}

export class ProtectionImpl implements Pick<
  GasProtection,
  'getDescription' | 'isWarningOnly' | 'canEdit' | 'getRange' | 'remove'
> {
  constructor(
    readonly ctx: EmulatorContext,
    readonly sheet: SheetModel,
    readonly data: ProtectionData,
  ) {}

  getDescription(): string {
    return this.data.description;
  }

  setDescription(description: string): GasProtection {
    requireWrite(this.ctx, 'Protection.setDescription');
    this.data.description = String(description);
    return makeProtection(this.ctx, this.sheet, this.data);
  }

  isWarningOnly(): boolean {
    return this.data.warningOnly;
  }

  setWarningOnly(warningOnly: boolean): GasProtection {
    requireWrite(this.ctx, 'Protection.setWarningOnly');
    this.data.warningOnly = Boolean(warningOnly);
    return makeProtection(this.ctx, this.sheet, this.data);
  }

  /** The emulator has one notion of editor: the user's `canEdit` option. */
  canEdit(): boolean {
    return this.ctx.user.canEdit || this.data.warningOnly;
  }

  getRange(): GoogleAppsScript.Spreadsheet.Range {
    return makeRange(this.ctx, this.sheet, { ...this.data.box });
  }

  getProtectionType(): string {
    return this.data.type;
  }

  remove(): void {
    requireWrite(this.ctx, 'Protection.remove');
    if (!this.ctx.user.canEdit) throw new Error(`You do not have permission to remove this protection.`);
    this.sheet.protections = this.sheet.protections.filter((p) => p.id !== this.data.id);
  }
}
