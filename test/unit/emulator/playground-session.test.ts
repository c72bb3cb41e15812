/**
 * The playground's document session (dev/playground/session.ts), without a browser: which calls make
 * the page redraw the grid, and what the grid shows for formulas. Only changes to what the document
 * shows (content, formats, rules, charts, sheets) redraw; cache, properties, locks, triggers, selection
 * moves and toasts do not.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { PlaygroundSession } from '../../../dev/playground/session';

const BUNDLE = `
function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Paint', 'paint').addToUi(); }
function poll() {
  CacheService.getDocumentCache().put('selection', 'G5', 60);
  CacheService.getUserCache().put('k', 'v');
  CacheService.getScriptCache().putAll({ a: '1' });
  PropertiesService.getUserProperties().setProperty('seen', 'yes');
  var lock = LockService.getDocumentLock(); lock.tryLock(100); lock.releaseLock();
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var r = ss.getSheets()[0].getRange('G5');
  r.offset(1, 0).getValue();
  r.getValues();
  return r.getA1Notation();
}
function jump() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('C7').activate(); }
function hello() { SpreadsheetApp.getActiveSpreadsheet().toast('hi'); }
function protectIt() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').protect(); }
function paint() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('G5').setBackground('#f4cccc'); }
function note() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('G5').setNote('n'); }
function write() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('G5').setValue('Call Jane'); }
function rule() {
  var s = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  s.setConditionalFormatRules([SpreadsheetApp.newConditionalFormatRule().whenCellEmpty()
    .setBackground('#dadce0').setRanges([s.getRange('G3:G5')]).build()]);
}
function addTab() { SpreadsheetApp.getActiveSpreadsheet().insertSheet('Review'); }
function link() {
  SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('K3')
    .setFormula('=HYPERLINK("#gid=0&range=A5", "Acme ""Big"" Deal")');
}
`;

let dir: string;
let session: PlaygroundSession;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nst-session-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), BUNDLE);
  session = new PlaygroundSession(
    { codePath: path.join(dir, 'Code.js') },
    { ask: () => ({ button: 'OK', text: '' }), log: () => undefined },
  );
  await session.load();
  session.takeEvents();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function call(fn: string): { changed: boolean | undefined; events: string[] } {
  const reply = session.rpc(fn, []);
  expect(reply.ok).toBe(true);
  return { changed: reply.changed, events: session.takeEvents().map((e) => e.name) };
}

describe('what redraws the playground grid', () => {
  test.each(['poll', 'jump', 'hello', 'protectIt'])('%s changes nothing drawn: no redraw', (fn) => {
    const { changed, events } = call(fn);
    expect(changed).toBe(false);
    expect(events).not.toContain('changed');
  });

  test('a selection move still reaches the page (as a selection event), a toast as a toast', () => {
    session.select('Pipeline', 'A1');
    expect(call('jump').events).toEqual(['selection']);
    expect(call('hello').events).toEqual(['toast']);
  });

  test.each(['paint', 'note', 'write', 'rule', 'addTab', 'link'])('%s changes the document: redraw', (fn) => {
    const { changed, events } = call(fn);
    expect(changed).toBe(true);
    expect(events).toContain('changed');
  });

  test('the grid shows a HYPERLINK label with "" as plain quotes, and its formula as written', () => {
    call('link');
    const view = session.sheetView('Pipeline');
    const cell = view.cells[2][10]!;
    expect(cell.v).toBe('Acme "Big" Deal');
    expect(cell.e).toBe('=HYPERLINK("#gid=0&range=A5", "Acme ""Big"" Deal")');
  });
});
