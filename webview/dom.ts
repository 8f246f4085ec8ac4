/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The only way the webview builds DOM: strings become text nodes, attributes go through setAttribute.
 * No innerHTML anywhere, so a group value such as `<img src=x onerror=…>` from the CSV stays text.
 * Inline `style` attributes and `on…` handlers are refused: the panel's CSP blocks the first and the
 * second would be script; styling goes through classes, or CSSOM (`element.style.x`) which CSP allows.
 */

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  readonly class?: string;
  readonly attrs?: Readonly<Record<string, string | number | boolean | null | undefined>>;
}

/** An element of `tag` with classes, attributes and children; `false`/`null` children are skipped. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, ...children: Child[]): HTMLElementTagNameMap[K];
export function el(tag: string, props?: Props, ...children: Child[]): HTMLElement;
export function el(tag: string, props: Props = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) setAttr(element, name, value);
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** setAttribute with the two refusals above; `true` sets an empty boolean attribute, `false`/null removes it. */
export function setAttr(element: Element, name: string, value: string | number | boolean | null | undefined): void {
  const lower = name.toLowerCase();
  if (lower === 'style' || lower.startsWith('on')) throw new Error(`dom.setAttr refuses the "${name}" attribute: use a class or an event listener.`);
  if (value === false || value === null || value === undefined) element.removeAttribute(name);
  else element.setAttribute(name, value === true ? '' : String(value));
}

export function clear(element: Element): void {
  element.replaceChildren();
}

/** Text that only screen readers read, for what the eye gets from shading or a glyph. */
export function srOnly(text: string): HTMLElement {
  return el('span', { class: 'sr-only' }, text);
}

/**
 * A table in its horizontal scroller, made a focusable region named by the table's caption, so a
 * keyboard user can scroll a table wider than the panel with the arrow keys (WCAG 2.1.1; axe's
 * scrollable-region-focusable). `rest` (a note) goes below the table, inside the region.
 */
export function tableRegion(table: HTMLTableElement, ...rest: Child[]): HTMLElement {
  const name = table.caption?.textContent?.trim() || 'Table';
  return el('div', { class: 'fu-table-wrap', attrs: { role: 'region', 'aria-label': name, tabindex: 0 } }, table, ...rest);
}
