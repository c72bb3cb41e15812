/**
 * WCAG AA contrast of the sidebar's stylesheet: every rule that sets a text colour is checked against
 * its own background (or the white page when it sets none): at least 4.5:1. Borders that carry meaning
 * (inputs, the focus ring) at least 3:1 against white (WCAG 1.4.11).
 */
import * as fs from 'fs';
import * as path from 'path';

const css = fs
  .readFileSync(path.resolve(__dirname, '../../../src/ui/sidebar.css'), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '');

function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.replace(/./g, '$&$&') : h;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

interface Rule {
  selector: string;
  decls: Record<string, string>;
}

function rules(): Rule[] {
  const out: Rule[] = [];
  const re = /([^{}]+)\{([^{}]*)\}/g;
  for (const m of css.matchAll(re)) {
    const decls: Record<string, string> = {};
    for (const d of m[2].split(';')) {
      const i = d.indexOf(':');
      if (i > 0) decls[d.slice(0, i).trim()] = d.slice(i + 1).trim();
    }
    out.push({ selector: m[1].trim(), decls });
  }
  return out;
}

const HEX = /#[0-9a-f]{3,6}\b/i;

describe('sidebar.css contrast (WCAG AA)', () => {
  test('the helper agrees with known ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  const textRules = rules().filter((r) => HEX.test(r.decls.color ?? ''));

  test('there are coloured rules to check', () => {
    expect(textRules.length).toBeGreaterThan(10);
  });

  test.each(textRules.map((r) => [r.selector.replace(/\s+/g, ' '), r] as const))(
    '%s: text ≥ 4.5:1',
    (_s, r) => {
      const fg = HEX.exec(r.decls.color)![0];
      const bgDecl = r.decls.background ?? r.decls['background-color'] ?? '';
      const bg = HEX.exec(bgDecl)?.[0] ?? '#ffffff';
      expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
    },
  );

  test('input borders and the focus ring are ≥ 3:1 against white', () => {
    const borders = [...css.matchAll(/(?:border|outline)[^;]*?(#[0-9a-f]{6})/gi)].map((m) =>
      m[1].toLowerCase(),
    );
    // Card outlines and separators are decoration; inputs, buttons and the focus ring are not.
    const decorative = new Set(['#dadce0', '#e8eaed']);
    const meaningful = borders.filter((c) => !decorative.has(c));
    expect(meaningful.length).toBeGreaterThan(3);
    for (const c of new Set(meaningful)) expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(3);
  });
});
