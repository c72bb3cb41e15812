/** SpreadsheetApp: entry to the active spreadsheet, the Ui, rule builders and enums. */
import { BooleanCriteria, makeRuleBuilder } from './conditional-format';
import type { EmulatorContext } from './context';
import { permissionError } from './context';
import { makeSpreadsheet, SpreadsheetImpl } from './spreadsheet';
import { makeUi } from './ui';
import { unwrap } from './wrap';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;
export const WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' } as const;
export const BorderStyle = { SOLID: 'SOLID', DOTTED: 'DOTTED', DASHED: 'DASHED' } as const;

export class SpreadsheetAppImpl {
  readonly ProtectionType = ProtectionType;
  readonly BooleanCriteria = BooleanCriteria;
  readonly WrapStrategy = WrapStrategy;
  readonly BorderStyle = BorderStyle;

  constructor(readonly ctx: EmulatorContext) {}

  /** AuthMode.NONE has no document access: Apps Script refuses the call itself. */
  private document(method: string): SpreadsheetImpl {
    if (this.ctx.authMode === 'NONE') throw permissionError(`SpreadsheetApp.${method}`);
    return new SpreadsheetImpl(this.ctx);
  }

  getActive(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this.document('getActive');
    return makeSpreadsheet(this.ctx);
  }

  getActiveSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this.document('getActiveSpreadsheet');
    return makeSpreadsheet(this.ctx);
  }

  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this.document('getActiveSheet').getActiveSheet();
  }

  getActiveRange(): GoogleAppsScript.Spreadsheet.Range | null {
    return this.document('getActiveRange').getActiveRange();
  }

  setActiveSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): GoogleAppsScript.Spreadsheet.Sheet {
    return this.document('setActiveSheet').setActiveSheet(sheet);
  }

  setActiveRange(range: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.Range {
    this.document('setActiveRange');
    return (unwrap(range) as unknown as { activate(): GoogleAppsScript.Spreadsheet.Range }).activate();
  }

  /** Menus work in every mode but custom functions; Apps Script's message from a custom function. */
  getUi(): GoogleAppsScript.Base.Ui {
    if (this.ctx.authMode === 'CUSTOM_FUNCTION')
      throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
    return makeUi(this.ctx);
  }

  /** Writes are applied at once in the emulator; nothing to flush. */
  flush(): void {}

  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return makeRuleBuilder(this.ctx);
  }

  openById(): never {
    throw new Error('You do not have permission to call SpreadsheetApp.openById.');
  }
}
