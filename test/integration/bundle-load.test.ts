/**
 * dist/Code.js loaded the way Apps Script loads it: a vm whose only globals are the (emulated) Apps Script
 * services. Loading must call no service, and onOpen must build the menu in every auth mode without
 * touching the document or its properties (brief §4: published add-ons may open in AuthMode.NONE).
 */
import * as path from 'path';
import { createAppsScriptGlobals, loadBundle, type AuthModeName } from '../../dev/emulator';
import { MENU_ITEMS } from '../../src/addon/menu';

const CODE = path.resolve(__dirname, '..', '..', 'dist', 'Code.js');
const expectedItems = MENU_ITEMS.map((item) =>
  item ? { kind: 'item', caption: item[0], functionName: item[1] } : { kind: 'separator' },
);

describe('dist/Code.js in a bare vm', () => {
  test('loading the bundle makes no service call', () => {
    const globals = createAppsScriptGlobals({ authMode: 'NONE' });
    loadBundle(CODE, globals);
    expect(globals.ledger.total()).toBe(0);
  });

  test.each<AuthModeName>(['NONE', 'LIMITED', 'FULL'])(
    'onOpen in AuthMode.%s builds the add-on menu and touches nothing else',
    (mode) => {
      const globals = createAppsScriptGlobals({ authMode: mode });
      const fns = loadBundle(CODE, globals);
      fns.onOpen({ authMode: mode, source: undefined, user: undefined });
      expect(globals.ui.menus).toHaveLength(1);
      expect(globals.ui.menus[0].addon).toBe(true);
      expect(globals.ui.menus[0].items).toEqual(expectedItems);
      const touched = globals.ledger
        .entries()
        .filter((method) => !/^(SpreadsheetApp\.getUi|Ui\.|Menu\.)/.test(method));
      expect(touched).toEqual([]);
    },
  );

  test('onInstall builds the same menu as onOpen', () => {
    const globals = createAppsScriptGlobals({ authMode: 'FULL' });
    const fns = loadBundle(CODE, globals);
    fns.onInstall({ authMode: 'FULL' });
    expect(globals.ui.menus[0].items).toEqual(expectedItems);
  });

  test('every menu item runs a function the bundle defines', () => {
    const globals = createAppsScriptGlobals({ authMode: 'FULL' });
    const fns = loadBundle(CODE, globals);
    for (const item of MENU_ITEMS) {
      if (item) expect(typeof fns[item[1]]).toBe('function');
    }
  });
});
