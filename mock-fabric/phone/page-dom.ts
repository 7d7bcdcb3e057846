/** DOM lookups of the mock's phone pages. */

/**
 * The element `#id` of this document; a missing one is a broken page, so it throws.
 *
 * @example
 * const dial = byId<HTMLButtonElement>('phone-dial');
 */
export function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`${location.pathname} is missing #${id}`);
  return found as T;
}
