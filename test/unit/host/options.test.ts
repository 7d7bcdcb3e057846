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
    userAccount: 'alice',
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
});
