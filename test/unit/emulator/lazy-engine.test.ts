/**
 * HyperFormula (GPL-3.0, a devDependency) is loaded only when a formula result must be computed, so
 * emulator runs that never read one (the CLI's `review --json` on a CSV) never load it. Checked in a
 * fresh Node process, where require.cache shows what was loaded.
 */
import { execFileSync } from 'child_process';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Runs `body` (CommonJS, with `emu` = dev/emulator and `loaded()`) in a fresh node with tsx. */
function probe(body: string): Record<string, unknown> {
  const script = `
    const emu = require('./dev/emulator');
    const fixture = require('./test/fixtures/pipeline-200.json');
    const loaded = () => Object.keys(require.cache).some((k) => /[\\\\/]node_modules[\\\\/]hyperformula[\\\\/]/.test(k));
    const out = {};
    ${body}
    process.stdout.write(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('HyperFormula loads lazily', () => {
  test('not for values, display values of non-formula cells, writes, formulas text, events; yes for a formula result', () => {
    const out = probe(`
      out.atImport = loaded();
      const g = emu.createAppsScriptGlobals({ spreadsheet: fixture, now: new Date('2026-03-11T10:00:00Z') });
      const sheet = g.SpreadsheetApp.getActive().getSheetByName('Pipeline');
      sheet.getRange('G3:I202').getValues();
      sheet.getRange('A2:D202').getDisplayValues();
      sheet.getRange('E3:E20').getFormulas();
      sheet.getRange('G3').setValue('Send the MSA by Fri');
      sheet.getRange('J3').setFormula('=HYPERLINK("#gid=0&range=A3","Acme ""Big"" Deal")');
      emu.makeEditEvent(sheet.getRange('G3'), { oldValue: 'x' });
      out.afterWork = loaded();
      out.formulaValue = sheet.getRange('J3').getValue();
      out.afterFormula = loaded();
    `);
    expect(out).toEqual({
      atImport: false,
      afterWork: false,
      formulaValue: 'Acme "Big" Deal',
      afterFormula: true,
    });
  });

  test('conditional-format evaluation loads it', () => {
    const out = probe(`
      const g = emu.createAppsScriptGlobals({ now: new Date('2026-03-11T10:00:00Z') });
      const sheet = g.SpreadsheetApp.getActiveSheet();
      sheet.getRange('A1').setValue('x');
      sheet.setConditionalFormatRules([
        g.SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=A1="x"').setBackground('#ff0000')
          .setRanges([sheet.getRange('A1')]).build(),
      ]);
      out.before = loaded();
      out.cells = emu.evaluateConditionalFormats(sheet)[0].cells;
      out.after = loaded();
    `);
    expect(out).toEqual({ before: false, cells: ['A1'], after: true });
  });
});
