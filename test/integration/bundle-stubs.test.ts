/**
 * Apps Script only sees top-level function declarations, and only a stub's JSDoc puts a custom function
 * in autocomplete. A vm test alone passes even when the stubs are missing (brief §5), so this test reads
 * the built dist/Code.js as text.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MENU_ITEMS } from '../../src/addon/menu';
import type { RpcName } from '../../src/core/rpc-contract';

const root = path.resolve(__dirname, '..', '..');
const code = fs.readFileSync(path.join(root, 'dist', 'Code.js'), 'utf8');
const entryDir = path.join(root, 'src', 'addon', 'entry');
const entrySources = fs
  .readdirSync(entryDir)
  .filter((f) => f.endsWith('.js'))
  .map((f) => fs.readFileSync(path.join(entryDir, f), 'utf8'))
  .join('\n');

const TRIGGERS = ['onOpen', 'onInstall', 'onEdit'];
const CUSTOM_FUNCTIONS: Record<string, string[]> = {
  NEXTSTEP_CHECK: ['next_steps', 'due_dates', 'written_on'],
  NEXTSTEP_SCORE: ['next_steps', 'due_dates'],
  NEXTSTEP_DUE: ['next_steps', 'written_on'],
  NEXTSTEP_FACTS: ['table', 'columns', 'settings_key'],
};
const MENU_HANDLERS = MENU_ITEMS.flatMap((item) => (item ? [item[1]] : []));
/** A Record over RpcName: adding a server function to the contract without listing it here fails typecheck. */
const RPC_FUNCTIONS: Record<RpcName, true> = {
  getSelectionContext: true,
  writeNextStep: true,
  recordStepOutcome: true,
  snoozeDeal: true,
  selectRow: true,
  getMyDeals: true,
  getSheetHealth: true,
  getSettings: true,
  getHighlightsHealth: true,
  restoreHighlights: true,
  saveSettings: true,
  buildReviewNow: true,
  getWeeklyReviewStatus: true,
  turnWeeklyReviewOn: true,
  turnWeeklyReviewOff: true,
};

/** The JSDoc block directly above a top-level `function NAME(`, or undefined when there is no stub. */
function stub(name: string): { params: string[]; jsdoc: string } | undefined {
  const match = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)?\\n?^function ${name}\\(([^)]*)\\)`, 'm').exec(
    code,
  );
  if (!match) return undefined;
  const params = match[2]
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return { params, jsdoc: match[1] ?? '' };
}

describe('dist/Code.js top-level stubs', () => {
  test.each(TRIGGERS)('trigger %s has a top-level stub', (name) => {
    expect(stub(name)).toBeDefined();
  });

  test.each(MENU_HANDLERS)('menu handler %s has a top-level stub', (name) => {
    expect(stub(name)).toBeDefined();
  });

  test.each(Object.keys(RPC_FUNCTIONS))('sidebar RPC function %s has a top-level stub', (name) => {
    expect(stub(name)).toBeDefined();
  });

  test('the weekly trigger handler has a top-level stub', () => {
    expect(stub('runWeeklyReview')).toBeDefined();
  });

  test('every global.NAME in the entry files has a top-level stub', () => {
    const names = [...entrySources.matchAll(/^global\.([A-Za-z_$][\w$]*)\s*=/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThanOrEqual(TRIGGERS.length + MENU_HANDLERS.length);
    expect(names.filter((name) => !stub(name))).toEqual([]);
  });

  test.each(Object.entries(CUSTOM_FUNCTIONS))(
    'custom function %s has a stub with @customfunction and a @param per argument',
    (name, params) => {
      const found = stub(name);
      expect(found).toBeDefined();
      expect(found?.params).toEqual(params);
      expect(found?.jsdoc).toMatch(/@customfunction/);
      for (const param of params) {
        expect(found?.jsdoc).toMatch(new RegExp(`@param \\{[^}]+\\} \\[?${param}\\]?`));
      }
      expect(found?.jsdoc).toMatch(/@return/);
    },
  );

  test('only stubs and the bundle sit at the top level: nothing runs at load', () => {
    // The bundle: esbuild's IIFE inside a function that receives JavaScript's built-ins (build.js).
    const wrapper = /\n\(function \(([\w$, ]+)\) \{\n\(\(\) => \{/.exec(code);
    expect(wrapper).not.toBeNull();
    const names = wrapper?.[1] ?? '';
    expect(names.split(', ').every((n) => n in globalThis)).toBe(true);
    const args = names
      .split(', ')
      .map((n) => `typeof ${n} === 'undefined' ? undefined : ${n}`)
      .join(', ');
    expect(code.trimEnd().endsWith(`})();\n})(${args});`)).toBe(true);
    const bundleStart = wrapper?.index ?? -1;
    expect(bundleStart).toBeGreaterThan(0);
    const topLevel = code
      .slice(0, bundleStart)
      .replace(/\/\*\*[\s\S]*?\*\//g, '')
      .replace(/^\/\/.*$/gm, '')
      .replace(/^function [\w$]+\([^)]*\) \{\n\}$/gm, '')
      .trim();
    expect(topLevel).toBe('');
  });
});
