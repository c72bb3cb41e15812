/**
 * Extensions ▸ Next Step Tracker ▸ Run self-test: exercises, in the real spreadsheet, every Apps Script
 * service and behaviour the add-on relies on, on a temporary sheet it then removes, and shows a table
 * (check, expected, seen, pass/fail) with a "copy report" block. Nothing of the user's is changed: the
 * temporary sheet and property are removed and the active sheet and selection restored, even when a
 * check fails. docs/live-check.md says what each line means. Never creates a trigger.
 */
import { buildReport, reportHtml, runCheck, type SelfTestLine, type SelfTestReport } from '../core/self-test';
import { openSandbox, sheetChecks, type Sandbox } from '../sheets/self-test-sheet';
import { documentProperties } from '../sheets/document-store';
import { sheetZoneAndLocale } from './context';
import { compareZone, utilitiesDay } from './zone-check';
import { TRIGGER_HANDLER } from './weekly-trigger';

const TITLE = 'Next Step Tracker: self-test';
/** Apps Script's documented limits: 9 KB per property value, 500 KB per store. */
const VALUE_LIMIT_BYTES = 9 * 1024;
const STORE_LIMIT_BYTES = 500 * 1024;

function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
}

function uuid(): string {
  try {
    return Utilities.getUuid().slice(0, 8);
  } catch {
    return String(Date.now() % 1e8);
  }
}

/**
 * Round trip of one temporary key, then the 9 KB limit (a value just under is kept, one over is
 * refused), then the store's size against 500 KB. The key is deleted whatever happens.
 */
function propertyChecks(key: string): SelfTestLine[] {
  const store = documentProperties();
  const lines: SelfTestLine[] = [];
  try {
    lines.push(
      runCheck(
        'properties-roundtrip',
        'Document properties: write, read back and delete a value',
        'the same text back, then nothing',
        () => {
          if (!store) return { seen: 'getDocumentProperties() returned null', pass: false };
          const value = 'Acme "Big" Deal · 24/03 · =HYPERLINK(x)';
          store.setProperty(key, value);
          const back = store.getProperty(key);
          store.deleteProperty(key);
          const gone = store.getProperty(key);
          return {
            seen: `${back === value ? 'same text' : JSON.stringify(back)}, then ${gone === null ? 'nothing' : JSON.stringify(gone)}`,
            pass: back === value && gone === null,
          };
        },
      ),
    );
    lines.push(
      runCheck(
        'properties-limits',
        'Document properties: 9 KB per value, 500 KB per store',
        'a value under 9 KB kept, one over refused; the store under 500 KB',
        () => {
          if (!store) return { seen: 'getDocumentProperties() returned null', pass: false };
          const under = 'x'.repeat(VALUE_LIMIT_BYTES - utf8Bytes(key) - 64);
          store.setProperty(key, under);
          const kept = store.getProperty(key) === under;
          let refused = false;
          try {
            store.setProperty(key, 'x'.repeat(VALUE_LIMIT_BYTES + 1024));
          } catch {
            refused = true;
          }
          store.deleteProperty(key);
          let size = 0;
          for (const [k, v] of Object.entries(store.getProperties()))
            size += utf8Bytes(k) + utf8Bytes(String(v));
          return {
            seen: `${kept ? 'kept' : 'not kept'} under 9 KB; ${refused ? 'refused' : 'accepted'} over 9 KB; store ${Math.ceil(size / 1024)} KB`,
            pass: kept && refused && size < STORE_LIMIT_BYTES,
          };
        },
      ),
    );
  } finally {
    try {
      store?.deleteProperty(key);
    } catch {
      // Reported above; nothing more to undo.
    }
  }
  return lines;
}

function lockCheck(): SelfTestLine {
  return runCheck(
    'document-lock',
    'Document lock: get it, take it, release it',
    'a lock that is taken and released',
    () => {
      const lock = LockService.getDocumentLock();
      if (!lock) return { seen: 'getDocumentLock() returned null', pass: false };
      const taken = lock.tryLock(5000);
      const held = taken && lock.hasLock();
      if (taken) lock.releaseLock();
      return {
        seen: taken ? (held ? 'taken and released' : 'taken, not held') : 'busy (another run holds it)',
        pass: held,
      };
    },
  );
}

function triggerCheck(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SelfTestLine {
  return runCheck(
    'triggers-list',
    'List this user’s triggers in this spreadsheet (none is created)',
    'a list; the weekly review on or off',
    () => {
      const triggers = ScriptApp.getUserTriggers(ss);
      const weekly = triggers.filter((t) => t.getHandlerFunction() === TRIGGER_HANDLER).length;
      return {
        seen: `${triggers.length} trigger(s); weekly review ${weekly > 0 ? 'on' : 'off'}`,
        pass: Array.isArray(triggers),
      };
    },
  );
}

function emailCheck(): SelfTestLine {
  return runCheck(
    'user-email',
    'Your email (Session.getActiveUser) for "My deals"',
    'your email address',
    () => {
      const email = Session.getActiveUser().getEmail();
      return email
        ? { seen: email, pass: true }
        : { seen: 'empty (Google withheld it: "My deals" will ask who you are)', pass: false };
    },
  );
}

function zoneCheck(zone: string, locale: string): SelfTestLine {
  return runCheck(
    'zone-locale',
    'Spreadsheet time zone and locale; Intl agrees with Utilities.formatDate',
    `${zone}, ${locale}; the same wall-clock times from both`,
    () => {
      const c = compareZone(zone);
      return {
        seen: `${zone}, ${locale}; Intl ${c.intl.join(', ')} vs Utilities ${c.utilities.join(', ')}`,
        pass: c.agree && c.utilities.every((u) => u !== ''),
      };
    },
  );
}

/** Runs every check and returns the report (no UI). The spreadsheet ends exactly as it began. */
export function selfTestReport(now = new Date()): SelfTestReport {
  const started = Date.now();
  const ss = SpreadsheetApp.getActive();
  const { timeZone, locale } = sheetZoneAndLocale(ss);
  const suffix = uuid();
  const today = utilitiesDay(now, timeZone) ?? now.toISOString().slice(0, 10);
  const lines: SelfTestLine[] = [];
  let sandbox: Sandbox | undefined;
  try {
    sandbox = openSandbox(ss, suffix);
    lines.push(...sheetChecks(ss, sandbox.sheet, today));
  } catch (error) {
    lines.push({
      id: 'temporary-sheet',
      check: 'Create a temporary sheet for the checks',
      expected: 'a new sheet',
      seen: `error: ${(error as Error).message}`,
      pass: false,
    });
  } finally {
    if (sandbox) {
      const s = sandbox;
      lines.push(
        runCheck('cleanup', 'Remove the temporary sheet; restore your active sheet', 'removed', () => {
          const name = s.sheet.getName();
          s.remove();
          const left = ss.getSheetByName(name) !== null;
          return { seen: left ? 'still there' : 'removed', pass: !left };
        }),
      );
    }
  }
  lines.push(...propertyChecks(`nst.selftest.${suffix}`));
  lines.push(lockCheck(), triggerCheck(ss), emailCheck(), zoneCheck(timeZone, locale));
  const header = [
    'Next Step Tracker self-test',
    `run at ${now.toISOString()} in "${ss.getName()}" (${timeZone}, ${locale})`,
  ];
  return buildReport(lines, header, now.toISOString(), Date.now() - started);
}

/** Menu handler: runs the self-test and shows the report in a dialog; returns it (plain data). */
export function runSelfTest(): SelfTestReport {
  const report = selfTestReport();
  try {
    const ui = SpreadsheetApp.getUi();
    ui.showModalDialog(HtmlService.createHtmlOutput(reportHtml(report)).setWidth(760).setHeight(560), TITLE);
  } catch (error) {
    try {
      console.error(`Self-test dialog could not be shown: ${(error as Error).message}`);
    } catch {
      // No console either: the report is still returned.
    }
  }
  return JSON.parse(JSON.stringify(report)) as SelfTestReport;
}
