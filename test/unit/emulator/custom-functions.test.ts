/**
 * Custom functions in formulas (dev/emulator/custom-functions.ts), with Sheets' documented rules
 * (developers.google.com/apps-script/guides/sheets/functions): ranges arrive as 2-D arrays, results
 * spill, the function runs in AuthMode.CUSTOM_FUNCTION, results are cached until an argument changes,
 * volatile arguments never settle, errors show on the cell.
 */
import { cellColours, createAppsScriptGlobals, loadBundleSource } from '../../../dev/emulator';
import { customFunctionNames } from '../../../dev/emulator/custom-functions';

const BUNDLE = `
var calls = 0;
/**
 * Upper-cases text.
 * @customfunction
 */
function SHOUT(x) {
  calls++;
  if (Array.isArray(x)) return x.map(function (r) { return [String(r[0]).toUpperCase() + '!' + calls]; });
  return String(x).toUpperCase() + '!' + calls;
}
/**
 * Describes what it was given.
 * @customfunction
 */
function SHAPE(x, y) {
  var kind = Array.isArray(x) ? 'grid ' + x.length + 'x' + x[0].length : typeof x;
  var date = Array.isArray(x) && x[0][1] instanceof Date ? ' date' : '';
  return kind + date + '|' + (y === undefined ? 'none' : typeof y);
}
/**
 * Tries to write.
 * @customfunction
 */
function WRITER() {
  SpreadsheetApp.getActiveSheet().getRange('Z1').setValue('x');
  return 'wrote';
}
/** @customfunction */
function BOOM() { throw new Error('bad input, try E2:E'); }
/** not a custom function */
function helper() { return 1; }
`;

function setup(now: Date | (() => Date) = new Date('2026-03-11T10:00:00Z')) {
  const g = createAppsScriptGlobals({ now });
  loadBundleSource(BUNDLE, g);
  return { g, sheet: g.SpreadsheetApp.getActiveSheet() };
}

describe('custom functions in formulas', () => {
  test('the names are the @customfunction stubs of the bundle', () => {
    expect(customFunctionNames(BUNDLE)).toEqual(['SHOUT', 'SHAPE', 'WRITER', 'BOOM']);
  });

  test('a range gives a 2-D array whose result spills down; a cell gives a value', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    sheet.getRange('B1').setFormula('=SHOUT(A1:A3)');
    expect(sheet.getRange('B1:B3').getValues()).toEqual([['A!1'], ['B!1'], ['C!1']]);
    sheet.getRange('C1').setFormula('=SHAPE(A1)');
    sheet.getRange('D1').setFormula('=SHAPE(A1:B2,"x")');
    sheet.getRange('B5').setValue(new Date('2026-03-01T00:00:00Z'));
    sheet.getRange('E1').setFormula('=SHAPE(A5:B5)');
    expect(sheet.getRange('C1').getValue()).toBe('string|none');
    expect(sheet.getRange('D1').getValue()).toBe('grid 2x2|string');
    expect(sheet.getRange('E1').getValue()).toBe('grid 1x2 date|none');
  });

  test('cached until an argument changes: a new day or an unrelated edit does not call it again', () => {
    let now = new Date('2026-03-11T10:00:00Z');
    const { sheet } = setup(() => now);
    sheet.getRange('A1').setValue('deal');
    sheet.getRange('B1').setFormula('=SHOUT(A1)');
    expect(sheet.getRange('B1').getValue()).toBe('DEAL!1');
    now = new Date('2026-04-20T10:00:00Z');
    sheet.getRange('C9').setValue('unrelated');
    expect(sheet.getRange('B1').getValue()).toBe('DEAL!1');
    sheet.getRange('A1').setValue('renewal');
    expect(sheet.getRange('B1').getValue()).toBe('RENEWAL!2');
    sheet.getRange('A1').setValue('deal');
    expect(sheet.getRange('B1').getValue()).toBe('DEAL!1'); // those arguments were seen before
  });

  test('TODAY() as an argument never settles (Sheets keeps showing Loading...)', () => {
    const { sheet } = setup();
    sheet.getRange('B1').setFormula('=SHOUT(TODAY())');
    expect(sheet.getRange('B1').getValue()).toBe('Loading...');
  });

  test('read-only: a write inside a custom function fails and shows #ERROR!; so does a thrown error', () => {
    const { sheet } = setup();
    sheet.getRange('B1').setFormula('=WRITER()');
    sheet.getRange('B2').setFormula('=BOOM()');
    expect(sheet.getRange('B1').getValue()).toBe('#ERROR!');
    expect(sheet.getRange('B2').getValue()).toBe('#ERROR!');
    expect(sheet.getRange('Z1').getValue()).toBe('');
  });

  test('a result that would overwrite a cell shows #REF! and spills nothing', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    sheet.getRange('B3').setValue('mine');
    sheet.getRange('B1').setFormula('=SHOUT(A1:A3)');
    expect(sheet.getRange('B1:B3').getValues()).toEqual([['#REF!'], [''], ['mine']]);
  });

  test('an open-ended range reaches the last row; a label stacked above with {"x";F(...)}', () => {
    const { g, sheet } = setup();
    sheet.getRange('A2:A3').setValues([['a'], ['b']]);
    sheet.getRange('B1').setFormula('={"Label";SHOUT(A2:A)}');
    expect(sheet.getRange('B1:B3').getValues()).toEqual([['Label'], ['A!1'], ['B!1']]);
    expect(sheet.getRange('B1000').getValue()).toBe('!1');
    expect(g.spreadsheet.sheets[0].maxRows).toBe(1000);
  });

  test('conditional formatting reads spilled values like any cell', () => {
    const { g, sheet } = setup();
    sheet.getRange('A1:A2').setValues([['a'], ['b']]);
    sheet.getRange('B1').setFormula('=SHOUT(A1:A2)');
    sheet.setConditionalFormatRules([
      g.SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied('=LEFT($B1,1)="B"')
        .setBackground('#f4c7c3')
        .setRanges([sheet.getRange('A1:A2')])
        .build(),
    ]);
    expect(cellColours(sheet)).toEqual({ A2: '#f4c7c3' });
  });

  test("the script ledger does not count the custom function calls (they are Sheets' own executions)", () => {
    const { g, sheet } = setup();
    sheet.getRange('B1').setFormula('=SHOUT("x")');
    g.ledger.reset();
    expect(sheet.getRange('B1').getValue()).toBe('X!1');
    expect(Object.keys(g.ledger.snapshot())).toEqual(['Sheet.getRange', 'Range.getValue']);
  });
});
