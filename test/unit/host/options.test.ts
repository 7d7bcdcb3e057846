// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { resolveOptions, DEFAULT_ALLOW, DEFAULT_SANDBOX } from '../../../src/host/options.js';
import { isBarError } from '../../../src/protocol/bar-error.js';
import type { MountOptions } from '../../../src/host/types.js';

const base = (): MountOptions => {
  document.body.innerHTML = '<div id="bar"></div>';
  return {
    container: '#bar',
    shellUrl: 'http://localhost:4001/shell/',
    cecContextPath: 'http://localhost:4001/service-cloud/',
    tenantSpaceId: 't1',
    userAccount: 'alice.chen',
    getAccessToken: async () => 'tok',
  };
};
const optionOf = (o: unknown): string | undefined => {
  try {
    resolveOptions(o as MountOptions, document);
  } catch (e) {
    if (isBarError(e) && e.code === 'INVALID_OPTIONS') return e.details?.option as string;
    throw e;
  }
  return undefined;
};

describe('resolveOptions', () => {
  it('fills the defaults', () => {
    const r = resolveOptions(base(), document);
    expect(r).toMatchObject({ sandbox: DEFAULT_SANDBOX, allow: DEFAULT_ALLOW, shellOrigin: 'http://localhost:4001', handshakeMs: 10_000, attempts: 3, jitter: 0.3 });
    expect(r.sandbox).not.toContain('allow-top-navigation');
    expect(r.events.length).toBeGreaterThan(15);
    expect(r.container.id).toBe('bar');
  });
  const bad: [string, Partial<Record<keyof MountOptions, unknown>>][] = [
    ['container', { container: '#missing' }],
    ['container', { container: '##bad selector' }],
    ['container', { container: 42 }],
    ['shellUrl', { shellUrl: 'javascript:alert(1)' }],
    ['shellUrl', { shellUrl: 5 }],
    ['cecContextPath', { cecContextPath: 'http://x/service-cloud' }],
    ['tenantSpaceId', { tenantSpaceId: '' }],
    ['userAccount', { userAccount: 'u'.repeat(101) }],
    ['getAccessToken', { getAccessToken: 'tok' }],
    ['events', { events: ['ok', '1bad'] }],
    ['sandbox', { sandbox: `${DEFAULT_SANDBOX} allow-top-navigation` }],
    ['sandbox', { sandbox: 'allow-scripts allow-top-navigation-by-user-activation allow-same-origin' }],
    ['sandbox', { sandbox: 'allow-scripts' }],
    ['allow', { allow: '' }],
    ['scriptPath', { scriptPath: '../x?y' }],
    ['timeouts', { timeouts: 5 }],
    ['timeouts.handshakeMs', { timeouts: { handshakeMs: -1 } }],
    ['timeouts.callOutMs', { timeouts: { callOutMs: '5' } }],
    ['retry.attempts', { retry: { attempts: 1.5 } }],
    ['retry.jitter', { retry: { jitter: 2 } }],
    ['logger', { logger: 'console' }],
  ];
  for (const [name, patch] of bad) {
    it(`rejects a bad ${name} (${JSON.stringify(patch).slice(0, 60)})`, () => {
      expect(optionOf({ ...base(), ...patch })).toBe(name);
    });
  }
  it('rejects a non-object', () => expect(optionOf(null)).toBe('options'));

  // The browser reads the sandbox attribute as a set of ASCII-case-insensitive tokens split on
  // ASCII whitespace (tab, LF, FF, CR, space): every spelling it reads as a top-navigation grant is refused.
  const escapingSandboxes = [
    'allow-scripts allow-same-origin ALLOW-TOP-NAVIGATION',
    'allow-scripts allow-same-origin Allow-Top-Navigation',
    'allow-scripts allow-same-origin\nallow-top-navigation',
    'allow-scripts allow-same-origin\tallow-top-navigation',
    'allow-scripts allow-same-origin\fallow-top-navigation',
    'allow-scripts allow-same-origin\r\nallow-top-navigation',
    'allow-scripts\nallow-same-origin\nALLOW-TOP-NAVIGATION-BY-USER-ACTIVATION',
    'allow-scripts allow-same-origin allow-top-navigation-to-custom-protocols',
  ];
  for (const sandbox of escapingSandboxes) {
    it(`refuses a sandbox that lets the shell navigate the page: ${JSON.stringify(sandbox)}`, () => {
      expect(optionOf({ ...base(), sandbox })).toBe('sandbox');
    });
  }
  it('refuses a sandbox whose required tokens are only parts of other tokens', () => {
    expect(optionOf({ ...base(), sandbox: 'allow-scripts allow-same-origin-x' })).toBe('sandbox');
    expect(optionOf({ ...base(), sandbox: 'allow-scripts-x allow-same-origin' })).toBe('sandbox');
  });
  it('reads the sandbox tokens as the browser does and hands the frame their normal spelling', () => {
    const resolved = resolveOptions({ ...base(), sandbox: ' ALLOW-SCRIPTS\tAllow-Same-Origin\r\n allow-forms\f' }, document);
    expect(resolved.sandbox).toBe('allow-scripts allow-same-origin allow-forms');
    // a token the browser does not split (vertical tab, no-break space) stays one unknown token
    expect(optionOf({ ...base(), sandbox: 'allow-scripts allow-same-origin \vallow-top-navigation\u00a0allow-top-navigation' })).toBeUndefined();
  });

  // A shell on the CRM's own origin (or an opaque one) is not isolated: with allow-same-origin
  // it can read parent.document and take its own sandbox off.
  const unisolatedShells = [
    `${location.origin}/shell/`,
    '/shell/',
    `${location.origin.toUpperCase()}/shell/`,
    'data:text/html,<script>parent.document.title="x"</script>',
    `blob:${location.origin}/4a5d5a7e-1b1e-4c8e-9d55-2f3e0b6b0c11`,
    'about:blank',
    'about:srcdoc',
  ];
  for (const shellUrl of unisolatedShells) {
    it(`refuses a shellUrl that is not on an origin of its own: ${shellUrl.slice(0, 60)}`, () => {
      expect(optionOf({ ...base(), shellUrl })).toBe('shellUrl');
    });
  }
  it('accepts a shell on another port or host name of the same site', () => {
    expect(location.origin).toBe('http://localhost:3000');
    expect(resolveOptions({ ...base(), shellUrl: 'http://localhost:3001/shell/' }, document).shellOrigin).toBe('http://localhost:3001');
    expect(resolveOptions({ ...base(), shellUrl: 'http://127.0.0.1:3000/shell/' }, document).shellOrigin).toBe('http://127.0.0.1:3000');
  });
});
