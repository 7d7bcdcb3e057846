/**
 * The built package as an app imports it: `cec-bar-host` and `cec-bar-host/tabs` share one host
 * core (one chunk), so screenPop from the main entry reports to a shared bar from the tabs entry.
 * Two copies would each keep their own error sinks and the error would be lost. Built by
 * `npx rollup -c` (npm test builds first).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fakeEnv } from '../../support/tabs-fakes.js';
import type * as HostEntry from '../../../src/host/index.js';
import type * as TabsEntry from '../../../src/tabs/index.js';
import type { Call, MountOptions } from '../../../src/host/types.js';

const host = (await import(new URL('../../../dist/host/index.mjs', import.meta.url).href)) as typeof HostEntry;
const tabs = (await import(new URL('../../../dist/tabs/index.mjs', import.meta.url).href)) as typeof TabsEntry;
const opts = { container: 'x', shellUrl: 'u', cecContextPath: 'c', tenantSpaceId: 't', userAccount: 'alice.chen', getAccessToken: async () => 't' } as MountOptions;

describe('package entries', () => {
  it('dist/tabs imports the host core from a shared chunk instead of carrying its own copy', () => {
    const src = readFileSync(new URL('../../../dist/tabs/index.mjs', import.meta.url), 'utf8');
    // rollup names the shared chunk after one of its modules, which moves as modules are added
    expect(src).toMatch(/import \{[^}]*\bas mountConnectionBar\b[^}]*\} from '\.\.\/chunks\/[\w-]+\.mjs'/);
    expect(src).not.toContain('function mountConnectionBar');
  });

  it('screenPop from cec-bar-host reports a failing lookup on a bar from cec-bar-host/tabs', async () => {
    const env = fakeEnv();
    const bar = tabs.mountSharedConnectionBar(opts, env);
    await new Promise((r) => setTimeout(r, 10));
    const errors: unknown[] = [];
    bar.on('error', (e) => errors.push(e));
    host.screenPop(bar, { lookup: () => { throw new Error('CRM down'); }, open: () => {} });
    env.cores[0]!.fire('call.ringing', { callId: 'k1', direction: 'inbound', media: 'audio', startedAt: 1 } as Call);
    await new Promise((r) => setTimeout(r, 10));
    expect(errors).toHaveLength(1);
    expect(host.isBarError(errors[0])).toBe(true);
    expect(errors[0]).toBeInstanceOf(host.BarError);
    expect(errors[0]).toMatchObject({ code: 'LISTENER_FAILED' });
    bar.destroy();
  });
});
