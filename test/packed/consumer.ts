// A TypeScript consumer of the installed package (ESM), type-checked by the packed-package tier
// (scripts/test-packed.mjs) under `moduleResolution` node16 and bundler, with skipLibCheck off.
// It is never run: it proves that the published declarations resolve and describe the API.
import { mountConnectionBar, isBarError, type BarEventMap, type Call, type ConnectionBar } from 'cec-bar-host';
import { mountSharedConnectionBar, type SharedConnectionBar } from 'cec-bar-host/tabs';
import { parseCecEvent, buildCallout, type CecEvent } from 'cec-bar-host/protocol';
import { startShell, readShellPageConfig } from 'cec-bar-host/frame';
import { createFabricClient, createBarTokenIssuer, createValidateHandler, createBarShellServer, isFabricError } from 'cec-bar-host/server';
import { startMockFabric, type MockFabric } from 'cec-bar-host/mock-fabric';
import { test, expect, injectCall, signInAgent, barEvents } from 'cec-bar-host/testing';

/** What both mounts share, as the README's example gives it. */
const crmBar = {
  shellUrl: 'https://bar.crm.example.com/shell/shell.html',
  cecContextPath: 'https://bar.crm.example.com/service-cloud/',
  tenantSpaceId: 'tenant-1',
  userAccount: 'alice.chen',
  getAccessToken: async () => 'token',
};

export function mountInCrm(container: HTMLElement): ConnectionBar {
  const bar = mountConnectionBar({ container, ...crmBar });
  bar.on('call.ringing', (call: Call) => console.log(call.caller));
  bar.on('error', (error) => console.log(isBarError(error) ? error.code : 'other'));
  const ended: (payload: BarEventMap['call.ended']) => void = (payload) => console.log(payload.outcome, payload.talkMs);
  bar.on('call.ended', ended);
  return bar;
}

export function mountShared(container: HTMLElement): SharedConnectionBar {
  return mountSharedConnectionBar({ container, ...crmBar });
}

export function readEvent(data: unknown): CecEvent | undefined {
  const result = parseCecEvent(data);
  return result.ok ? result.event : undefined;
}

export const callout: string = buildCallout('88889007', 'audio');

export function runShell(): void {
  startShell({ hostOrigins: readShellPageConfig(document).hostOrigins });
}

export async function backend(): Promise<void> {
  const fabric: MockFabric = await startMockFabric({ port: 0 });
  const client = createFabricClient({ baseUrl: fabric.url, appKey: 'mock-app-key', appSecret: 'mock-app-secret-2f9c41' });
  try {
    await client.getAccessToken();
  } catch (error) {
    if (isFabricError(error)) console.log(error.code);
  }
  const issuer = createBarTokenIssuer({ key: new Uint8Array(32), ttlSeconds: 60, issuer: 'https://crm.example', audience: 'cec-bar' });
  const token: string = await issuer.issue({ userAccount: 'alice.chen', tenantSpaceId: 'tenant-1' });
  const handler = createValidateHandler({ issuer });
  const shell = await createBarShellServer({ cecOrigin: new URL(fabric.url).origin, hostOrigins: ['https://crm.example'], port: 0 });
  console.log(token, typeof handler, shell.url);
  await shell.close();
  await fabric.close();
}

test('types of the testing entry', async ({ barPage, mockFabric }) => {
  await signInAgent(barPage);
  await injectCall(mockFabric, { caller: '13800138001' });
  await expect.poll(() => barEvents(barPage, 'call.ringing')).toHaveLength(1);
});
