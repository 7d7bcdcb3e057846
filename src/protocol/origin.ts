/**
 * Exact web origins, as a browser serialises them (`event.origin`, `location.origin`): the one form
 * an allow-list compared with `===` can ever match, and the only one safe in a CSP source list.
 */

/** Scheme, lowercase host name or IPv4 address or bracketed IPv6 address, optional port; nothing else. */
const ORIGIN_SHAPE = /^https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/**
 * True for an exact http(s) origin in the browser's own form: no wildcard, path, trailing slash,
 * query, fragment or user info; lowercase; no default port; IP addresses written as the browser
 * writes them.
 *
 * @example
 * isExactOrigin('https://crm.example:8443'); // true
 * isExactOrigin('https://*.crm.example');    // false
 * isExactOrigin('https://crm.example:443');  // false: the browser's origin is https://crm.example
 */
export function isExactOrigin(value: unknown): value is string {
  if (typeof value !== 'string' || !ORIGIN_SHAPE.test(value)) return false;
  try {
    // The URL parser's serialisation is the browser's: `:443`, `0x7f.1` or `[::0:1]` come out different.
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}
