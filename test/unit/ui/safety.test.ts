/**
 * Sheet text must reach the sidebar's DOM only as text. jsdom is not installed, so the rendering itself
 * is proven in the browser (test/e2e/sidebar.test.ts); here we make sure no code path in src/ui can
 * parse markup at all: none of the HTML-parsing sinks appears in the UI sources.
 */
import * as fs from 'fs';
import * as path from 'path';

const uiDir = path.resolve(__dirname, '../../../src/ui');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('src/ui renders text only', () => {
  const sources = files(uiDir).map((f) => [path.relative(uiDir, f), fs.readFileSync(f, 'utf8')] as const);

  test('there are UI sources to check', () => {
    expect(sources.length).toBeGreaterThan(5);
  });

  test.each([
    'innerHTML',
    'outerHTML',
    'insertAdjacentHTML',
    'document.write',
    'DOMParser',
    'createContextualFragment',
    'srcdoc',
    'eval(',
  ])('no %s in src/ui', (sink) => {
    const offenders = sources.filter(([, text]) =>
      text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').includes(sink),
    );
    expect(offenders.map(([f]) => f)).toEqual([]);
  });

  test('the template has only the two placeholders and no inline handlers', () => {
    const html = fs.readFileSync(path.join(uiDir, 'sidebar.html'), 'utf8');
    expect(html).toContain('/* INLINE_CSS */');
    expect(html).toContain('/* INLINE_JS */');
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/<(link|script)[^>]+(src|href)=/i);
  });

  test('the stylesheet loads nothing from outside', () => {
    const css = fs.readFileSync(path.join(uiDir, 'sidebar.css'), 'utf8');
    expect(css).not.toMatch(/@import|url\(/i);
  });
});
