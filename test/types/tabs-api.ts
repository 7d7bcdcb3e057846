// Compile-only: the shared bar's public types narrow by event name and leak no `any`.
import { mountSharedConnectionBar, type Ownership, type SharedConnectionBar } from '../../src/tabs/index.js';
import { screenPop, type Call, type EndedCall, type ConnectionState, type MediaCheck, type BarDiagnostics } from '../../src/host/index.js';
import type { Assert, Equal, IsAny } from './assert.js';

declare const bar: SharedConnectionBar;

bar.on('ownership', (o) => {
  type _1 = Assert<Equal<typeof o, Ownership>>;
  const owner: boolean = o.owner;
  void owner;
});
bar.on('call.ended', (c) => {
  type _2 = Assert<Equal<typeof c, EndedCall>>;
});
bar.on('call.ringing', (c) => {
  type _3 = Assert<Equal<typeof c, Call>>;
});
// @ts-expect-error unknown event name
bar.on('call.rang', () => {});
const s: ConnectionState = bar.state;
const standby: boolean = s === 'standby';
void standby;
const p: Promise<void> = bar.takeOver({ force: true });
// @ts-expect-error force is a boolean
void bar.takeOver({ force: 'yes' });
const moved: boolean = bar.moveTo(null);
type _4 = Assert<Equal<IsAny<ReturnType<typeof bar.callOut>>, false>>;
const b2 = mountSharedConnectionBar({
  container: '#bar', shellUrl: 'u', cecContextPath: 'c', tenantSpaceId: 't', userAccount: 'a',
  getAccessToken: async () => 't', tabs: { channelName: 'crm', lockName: 'crm-lock' },
});
// @ts-expect-error tabs.channelName is a string
mountSharedConnectionBar({ container: '#bar', shellUrl: 'u', cecContextPath: 'c', tenantSpaceId: 't', userAccount: 'a', getAccessToken: async () => 't', tabs: { channelName: 1 } });
// the lease timings are numbers, each optional
mountSharedConnectionBar({ container: '#bar', shellUrl: 'u', cecContextPath: 'c', tenantSpaceId: 't', userAccount: 'a', getAccessToken: async () => 't', tabs: { lease: { beatMs: 200 } } });
// @ts-expect-error lease.staleMs is a number
mountSharedConnectionBar({ container: '#bar', shellUrl: 'u', cecContextPath: 'c', tenantSpaceId: 't', userAccount: 'a', getAccessToken: async () => 't', tabs: { lease: { staleMs: '1s' } } });
const media: Promise<MediaCheck> = bar.checkMedia();
const diag: BarDiagnostics = bar.diagnostics();
type _5 = Assert<Equal<IsAny<typeof bar.calls>, false>>;
// a shared bar is a bar: screenPop takes it
const stop: () => void = screenPop(bar, { lookup: (c) => c.caller ?? '', open: (caller: string) => void caller });
void [p, moved, b2, media, diag, stop];

// The tabs entry carries the host's API too (one import, one <script> global).
import { screenPop as tabsScreenPop, isBarError as tabsIsBarError, mountConnectionBar as tabsMount } from '../../src/tabs/index.js';
import * as host from '../../src/host/index.js';
export const sameScreenPop: typeof host.screenPop = tabsScreenPop;
export const sameIsBarError: typeof host.isBarError = tabsIsBarError;
export const sameMount: typeof host.mountConnectionBar = tabsMount;
