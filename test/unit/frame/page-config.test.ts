// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readShellPageConfig } from '../../../src/frame/page-config.js';

function page(inner: string | null): Document {
  document.body.innerHTML = inner === null ? '' : `<script type="application/json" id="cec-shell-config">${inner}</script>`;
  return document;
}

describe('readShellPageConfig', () => {
  it('reads 64 origins, the most it takes', () => {
    const hostOrigins = Array.from({ length: 64 }, (_v, i) => `https://crm${i}.example`);
    expect(readShellPageConfig(page(JSON.stringify({ hostOrigins }))).hostOrigins).toEqual(hostOrigins);
  });
  it('reads the host origins the server wrote into the page', () => {
    expect(readShellPageConfig(page('{"hostOrigins":["http://127.0.0.1:4000","https://crm.example"]}'))).toEqual({ hostOrigins: ['http://127.0.0.1:4000', 'https://crm.example'] });
  });
  it.each([
    ['no element', null, /no #cec-shell-config/],
    ['not JSON', '{hostOrigins', /not JSON/],
    ['no origins (the unconfigured template)', '{"hostOrigins":[]}', /hostOrigins/],
    ['a path instead of an origin', '{"hostOrigins":["https://crm.example/app"]}', /hostOrigins/],
    ['a wildcard', '{"hostOrigins":["*"]}', /hostOrigins/],
    ['a wildcard host', '{"hostOrigins":["https://*"]}', /hostOrigins/],
    ['a wildcard sub-domain', '{"hostOrigins":["https://*.crm.example"]}', /hostOrigins/],
    ['a query', '{"hostOrigins":["https://crm.example?"]}', /hostOrigins/],
    ['a fragment', '{"hostOrigins":["https://crm.example#x"]}', /hostOrigins/],
    ['user info', '{"hostOrigins":["https://user@crm.example"]}', /hostOrigins/],
    ['a trailing slash', '{"hostOrigins":["https://crm.example/"]}', /hostOrigins/],
    ['upper case (never equal to a browser origin)', '{"hostOrigins":["https://CRM.example"]}', /hostOrigins/],
    ['a default port (never equal to a browser origin)', '{"hostOrigins":["https://crm.example:443"]}', /hostOrigins/],
    ['not an object', '["https://crm.example"]', /hostOrigins: expected an array/],
    ['null', 'null', /hostOrigins: expected an array/],
    ['hostOrigins not an array', '{"hostOrigins":"https://crm.example"}', /hostOrigins: expected an array/],
    ['a number among the origins', '{"hostOrigins":["https://crm.example",7]}', /hostOrigins\.1: not an exact origin/],
    ['65 origins', JSON.stringify({ hostOrigins: Array.from({ length: 65 }, (_v, i) => `https://crm${i}.example`) }), /expected 1-64 origins, got 65/],
  ])('refuses %s with a TypeError', (_n, inner, message) => {
    expect(() => readShellPageConfig(page(inner))).toThrow(TypeError);
    expect(() => readShellPageConfig(page(inner))).toThrow(message);
  });
});
