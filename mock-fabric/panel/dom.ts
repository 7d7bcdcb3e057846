/** Small DOM helpers shared by the panel's views (panel.ts, config-tab.ts). */

/** The element with this id; panel.html must have it. */
export function $(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`panel.html is missing #${id}`);
  return found;
}

/** A new element with an optional class, text and test id, and its children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string; testid?: string } = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.text !== undefined) e.textContent = props.text;
  if (props.testid) e.dataset.testid = props.testid;
  e.append(...children);
  return e;
}

/** A table cell with text. */
export const td = (text: string, className?: string): HTMLTableCellElement => h('td', { text, ...(className ? { className } : {}) });

/** Replace a table body's rows only when the data changed, so buttons stay put between polls. */
export function fill<T>(bodyId: string, rows: readonly T[], cols: number, empty: string, row: (r: T) => HTMLTableRowElement): void {
  const body = $(bodyId);
  const key = JSON.stringify(rows);
  if (body.dataset.key === key) return;
  body.dataset.key = key;
  if (!rows.length) {
    const cell = h('td', { text: empty });
    cell.colSpan = cols;
    body.replaceChildren(h('tr', { className: 'empty' }, cell));
    return;
  }
  body.replaceChildren(...rows.map(row));
}
