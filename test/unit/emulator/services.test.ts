import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createAppsScriptGlobals, PropertyStores } from '../../../dev/emulator';
import { globals } from './helpers';

describe('PropertiesService', () => {
  test('document, user and script stores are separate; values are strings', () => {
    const g = globals();
    g.PropertiesService.getDocumentProperties().setProperty('k', 'doc');
    g.PropertiesService.getUserProperties().setProperty('k', 'user');
    g.PropertiesService.getScriptProperties().setProperty('n', 5 as unknown as string);
    expect(g.PropertiesService.getDocumentProperties().getProperty('k')).toBe('doc');
    expect(g.PropertiesService.getUserProperties().getProperty('k')).toBe('user');
    expect(g.PropertiesService.getScriptProperties().getProperty('n')).toBe('5');
    expect(g.PropertiesService.getDocumentProperties().getProperty('missing')).toBeNull();
  });

  test('setProperties, getProperties, getKeys, deleteProperty, deleteAllProperties', () => {
    const p = globals().PropertiesService.getDocumentProperties();
    p.setProperties({ a: '1', b: '2' });
    expect(p.getProperties()).toEqual({ a: '1', b: '2' });
    p.setProperties({ c: '3' }, true);
    expect(p.getKeys()).toEqual(['c']);
    p.deleteProperty('c');
    expect(p.getProperties()).toEqual({});
    p.setProperty('x', 'y').deleteAllProperties();
    expect(p.getKeys()).toEqual([]);
  });

  test('a value over 9 KB is refused', () => {
    const p = globals().PropertiesService.getDocumentProperties();
    p.setProperty('ok', 'x'.repeat(9 * 1024));
    expect(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
  });

  test('a store over 500 KB is refused with the quota message, and nothing is written', () => {
    const p = globals().PropertiesService.getUserProperties();
    for (let i = 0; i < 56; i++) p.setProperty(`k${i}`, 'x'.repeat(9000));
    expect(() => p.setProperty('k56', 'x'.repeat(9000))).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(p.getProperty('k56')).toBeNull();
  });

  test('user properties are per user; document properties are per document; stores can be shared', () => {
    const stores = new PropertyStores();
    const a = createAppsScriptGlobals({ properties: stores, user: { email: 'a@example.com' } });
    const b = createAppsScriptGlobals({
      properties: stores,
      user: { email: 'b@example.com' },
      spreadsheet: a.spreadsheet,
    });
    a.PropertiesService.getUserProperties().setProperty('k', 'a');
    a.PropertiesService.getDocumentProperties().setProperty('d', '1');
    expect(b.PropertiesService.getUserProperties().getProperty('k')).toBeNull();
    expect(b.PropertiesService.getDocumentProperties().getProperty('d')).toBe('1');
  });
});

describe('CacheService', () => {
  test('values expire by "now"', () => {
    let now = new Date('2026-03-11T10:00:00Z');
    const g = createAppsScriptGlobals({ now: () => now });
    const cache = g.CacheService.getDocumentCache()!;
    cache.put('k', 'v', 60);
    cache.putAll({ a: '1', b: '2' });
    expect(cache.get('k')).toBe('v');
    expect(cache.getAll(['a', 'b', 'zz'])).toEqual({ a: '1', b: '2' });
    now = new Date(now.getTime() + 61_000);
    expect(cache.get('k')).toBeNull();
    expect(cache.get('a')).toBe('1'); // default 600 s
    cache.remove('a');
    expect(cache.get('a')).toBeNull();
  });

  test('values over 100 KB and keys over 250 characters are refused', () => {
    const cache = globals().CacheService.getScriptCache();
    expect(() => cache.put('k', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
  });
});

describe('LockService', () => {
  test('two executions contend for the document lock', () => {
    const a = globals();
    const b = globals({ spreadsheet: a.spreadsheet });
    const lockA = a.LockService.getDocumentLock();
    const lockB = b.LockService.getDocumentLock();
    expect(lockA.tryLock(1000)).toBe(true);
    expect(lockA.hasLock()).toBe(true);
    expect(lockB.tryLock(1000)).toBe(false);
    expect(lockB.hasLock()).toBe(false);
    expect(() => lockB.waitLock(1000)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    lockA.releaseLock();
    expect(lockB.tryLock(1000)).toBe(true);
    b.endExecution();
    expect(lockA.tryLock(0)).toBe(true);
  });

  test('re-acquiring a held lock in the same execution succeeds', () => {
    const g = globals();
    const lock = g.LockService.getScriptLock();
    lock.waitLock(100);
    expect(g.LockService.getScriptLock().tryLock(0)).toBe(true);
  });
});

describe('ScriptApp triggers', () => {
  test('creates a weekly time-driven trigger and reads it back', () => {
    const g = globals();
    const t = g.ScriptApp.newTrigger('buildWeeklyReview')
      .timeBased()
      .onWeekDay(g.ScriptApp.WeekDay.MONDAY)
      .atHour(8)
      .create();
    expect(t.getHandlerFunction()).toBe('buildWeeklyReview');
    expect(String(t.getEventType())).toBe('CLOCK');
    expect(t.getUniqueId()).toMatch(/^\d+$/);
    expect(g.ScriptApp.getProjectTriggers().map((x) => x.getUniqueId())).toEqual([t.getUniqueId()]);
    expect(g.ScriptApp.getUserTriggers(g.SpreadsheetApp.getActive())).toHaveLength(1);
    expect(g.spreadsheet.service('triggers', () => null)).toMatchObject({
      triggers: [{ schedule: { weekDay: 'MONDAY', atHour: 8 } }],
    });
  });

  test('an add-on gets one time-driven trigger per user per document', () => {
    const g = globals();
    const make = () => g.ScriptApp.newTrigger('f').timeBased().everyHours(1).create();
    make();
    expect(make).toThrow(
      'This add-on has created too many time-based triggers in this document for this Google user account.',
    );
    const other = globals({ spreadsheet: g.spreadsheet, user: { email: 'other@example.com' } });
    other.ScriptApp.newTrigger('f').timeBased().everyHours(1).create();
    expect(other.ScriptApp.getProjectTriggers()).toHaveLength(1);
  });

  test('deleteTrigger removes it; time-driven triggers cannot run more often than hourly', () => {
    const g = globals();
    const t = g.ScriptApp.newTrigger('f').timeBased().everyDays(1).atHour(8).create();
    g.ScriptApp.deleteTrigger(t);
    expect(g.ScriptApp.getProjectTriggers()).toHaveLength(0);
    expect(() => g.ScriptApp.newTrigger('f').timeBased().everyMinutes(5).create()).toThrow('once per hour');
  });

  test('AuthMode, WeekDay and EventType enums', () => {
    const g = globals();
    expect(String(g.ScriptApp.AuthMode.FULL)).toBe('FULL');
    expect(String(g.ScriptApp.WeekDay.MONDAY)).toBe('MONDAY');
    expect(String(g.ScriptApp.EventType.CLOCK)).toBe('CLOCK');
  });
});

describe('HtmlService and the sidebar', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-html-'));
  fs.writeFileSync(path.join(dir, 'Sidebar.html'), '<!doctype html><p>Next Step Tracker</p>');

  test('createHtmlOutputFromFile reads htmlDir/<name>.html; showSidebar records title and html', () => {
    const g = globals({ htmlDir: dir });
    const out = g.HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Next Step Tracker').setWidth(300);
    expect(out.getContent()).toContain('<p>Next Step Tracker</p>');
    expect(out.getTitle()).toBe('Next Step Tracker');
    g.SpreadsheetApp.getUi().showSidebar(out);
    expect(g.ui.lastSidebar()).toEqual({ title: 'Next Step Tracker', html: out.getContent(), width: 300 });
  });

  test('a missing file throws Apps Script message', () => {
    const g = globals({ htmlDir: dir });
    expect(() => g.HtmlService.createHtmlOutputFromFile('Nope')).toThrow(
      'No HTML file named Nope was found.',
    );
  });
});

describe('Ui', () => {
  test('menus with separators and submenus are recorded', () => {
    const g = globals({ addonName: 'Next Step Tracker' });
    const ui = g.SpreadsheetApp.getUi();
    ui.createAddonMenu()
      .addItem('Open sidebar', 'showSidebar')
      .addSeparator()
      .addSubMenu(ui.createMenu('Highlights').addItem('On', 'highlightsOn'))
      .addToUi();
    expect(g.ui.menu('Next Step Tracker')).toEqual({
      caption: 'Next Step Tracker',
      addon: true,
      items: [
        { kind: 'item', caption: 'Open sidebar', functionName: 'showSidebar' },
        { kind: 'separator' },
        {
          kind: 'submenu',
          caption: 'Highlights',
          items: [{ kind: 'item', caption: 'On', functionName: 'highlightsOn' }],
        },
      ],
    });
  });

  test('alert answers are scripted (default: the first button)', () => {
    const g = globals();
    const ui = g.SpreadsheetApp.getUi();
    expect(ui.alert('Plain')).toBe(ui.Button.OK);
    g.ui.answerAlerts('NO');
    expect(ui.alert('Title', 'Replace the tab?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('Again?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(g.ui.alerts.map((a) => [a.title, a.prompt, a.buttons, a.response])).toEqual([
      ['', 'Plain', 'OK', 'OK'],
      ['Title', 'Replace the tab?', 'YES_NO', 'NO'],
      ['', 'Again?', 'YES_NO', 'YES'],
    ]);
  });

  test('prompt answers are scripted', () => {
    const g = globals();
    const ui = g.SpreadsheetApp.getUi();
    g.ui.answerPrompts({ text: 'E', button: 'OK' }, { text: '', button: 'CANCEL' });
    const r1 = ui.prompt('Which column?', ui.ButtonSet.OK_CANCEL);
    expect([r1.getResponseText(), r1.getSelectedButton()]).toEqual(['E', ui.Button.OK]);
    expect(ui.prompt('Again', ui.ButtonSet.OK_CANCEL).getSelectedButton()).toBe(ui.Button.CANCEL);
  });
});

describe('Utilities, Session, Logger', () => {
  const g = globals({ user: { email: 'manager@example.com' } });

  test('formatDate supports SimpleDateFormat patterns and time zones', () => {
    const d = new Date('2026-07-06T07:05:09Z'); // a Monday, BST in London
    expect(g.Utilities.formatDate(d, 'Europe/London', "yyyy-MM-dd'T'HH:mm:ss Z")).toBe(
      '2026-07-06T08:05:09 +0100',
    );
    expect(g.Utilities.formatDate(d, 'America/New_York', 'EEE dd MMM yy, h:mm a')).toBe(
      'Mon 06 Jul 26, 3:05 AM',
    );
    expect(g.Utilities.formatDate(d, 'UTC', 'EEEE d MMMM yyyy')).toBe('Monday 6 July 2026');
    expect(g.Utilities.formatDate(d, 'Asia/Kolkata', 'HH:mm XXX')).toBe('12:35 +05:30');
  });

  test('computeDigest returns signed bytes; base64 round-trips', () => {
    const bytes = g.Utilities.computeDigest(g.Utilities.DigestAlgorithm.MD5, 'abc');
    expect(bytes.slice(0, 4)).toEqual([-112, 1, 80, -104]); // 900150983cd24fb0...
    expect(g.Utilities.base64Encode('hello')).toBe('aGVsbG8=');
    expect(g.Utilities.base64Decode('aGVsbG8=')).toEqual([104, 101, 108, 108, 111]);
  });

  test('Session gives the user and the script time zone', () => {
    expect(g.Session.getActiveUser().getEmail()).toBe('manager@example.com');
    expect(g.Session.getEffectiveUser().getEmail()).toBe('manager@example.com');
    expect(g.Session.getScriptTimeZone()).toBe('Europe/London');
  });

  test('Logger.log records; console records instead of printing', () => {
    g.Logger.log('built %s rows', 12);
    g.console.warn('careful', { a: 1 });
    expect(g.logs.slice(-2)).toEqual([
      { level: 'log', text: 'built 12 rows' },
      { level: 'warn', text: 'careful {"a":1}' },
    ]);
    expect(g.Logger.getLog()).toContain('built 12 rows');
  });

  test('sleep does not sleep', () => {
    const t0 = Date.now();
    g.Utilities.sleep(10_000);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
