/**
 * DOM helpers. Sheet text is data, never markup: these helpers only ever create elements by tag name
 * and put text in through text nodes / textContent. Nothing in src/ui uses innerHTML, outerHTML,
 * insertAdjacentHTML or document.write (a unit test greps for them).
 */

export type Child = Node | string | number | null | undefined | false;

export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** `h('li', {class: 'x', 'data-testid': 'finding'}, 'text', otherNode)`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, ...children);
  return el;
}

export function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) el.removeAttribute(name);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replace an element's children. */
export function replace(el: Node, ...children: Child[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, ...children);
}

export function setText(el: Element, text: string): void {
  el.textContent = text;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`Sidebar markup is missing #${id}`);
  return el as T;
}

/**
 * `text` with `[start, start+length)` wrapped in <mark>, as text nodes. Long texts are cut to
 * `context` characters around the span, with ellipses.
 */
export function markedText(text: string, start: number, length: number, context = 60): Node[] {
  const s = Math.max(0, Math.min(text.length, Math.floor(start)));
  const e = Math.max(s, Math.min(text.length, Math.floor(start + length)));
  const from = Math.max(0, s - context);
  const to = Math.min(text.length, e + context);
  const nodes: Node[] = [];
  const before = (from > 0 ? '…' : '') + text.slice(from, s);
  const after = text.slice(e, to) + (to < text.length ? '…' : '');
  if (before) nodes.push(document.createTextNode(before));
  if (e > s) {
    const mark = document.createElement('mark');
    mark.textContent = text.slice(s, e);
    nodes.push(mark);
  }
  if (after) nodes.push(document.createTextNode(after));
  return nodes;
}
