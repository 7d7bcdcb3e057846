import { describe, it, expect } from 'vitest';
import { GatewayClient, GatewayError } from '../../../mock-fabric/bar/gateway-client.js';

interface Seen { url: string; method: string; guid: string | null; body: unknown }

function fakeFetch(answers: Array<{ status?: number; body: unknown; setGuid?: string } | Error>) {
  const seen: Seen[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    seen.push({ url: String(input), method: init?.method ?? 'GET', guid: headers.get('Guid'), body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const a = answers.shift();
    if (!a) throw new Error('no scripted answer');
    if (a instanceof Error) throw a;
    const h = new Headers({ 'Content-Type': 'application/json' });
    if (a.setGuid) h.set('Set-GUID', a.setGuid);
    return new Response(typeof a.body === 'string' ? a.body : JSON.stringify(a.body), { status: a.status ?? 200, headers: h });
  }) as typeof fetch;
  return { impl, seen };
}
const BASE = 'http://127.0.0.1:1/service-cloud/agentgateway/resource/';
const OK = { message: 'success', retcode: '0' };

describe('GatewayClient', () => {
  it('sends the Guid from sign-in on later calls and follows rotation', async () => {
    const { impl, seen } = fakeFetch([
      { body: OK, setGuid: 'g1' },
      { body: { ...OK, event: null }, setGuid: 'g2' },
      { body: { ...OK, result: { agentState: 4, isWorking: true } } },
    ]);
    const gw = new GatewayClient(BASE, '101', impl);
    await gw.signIn({ password: 'tkt', phonenum: '' });
    expect(seen[0]).toMatchObject({ url: `${BASE}onlineagent/101`, method: 'PUT', guid: null, body: { password: 'tkt', phonenum: '' } });
    expect(await gw.pollEvent()).toMatchObject({ retcode: '0', event: null });
    expect(seen[1]).toMatchObject({ url: `${BASE}agentevent/101`, method: 'GET', guid: 'g1' });
    const st = await gw.agentStatus();
    expect(st.result).toEqual({ agentState: 4, isWorking: true });
    expect(seen[2]!.guid).toBe('g2');
  });
  it('builds the documented paths', async () => {
    const { impl, seen } = fakeFetch(Array.from({ length: 6 }, () => ({ body: OK })));
    const gw = new GatewayClient(BASE, '101', impl);
    await gw.answer('1456404043-37');
    await gw.rest(900, 2);
    await gw.sayBusy(201);
    await gw.getHold('c 1');
    await gw.transfer({ devicetype: 2, address: '102', mode: 0 });
    await gw.callout({ called: '88889007', mediaability: 0 });
    expect(seen.map((s) => `${s.method} ${s.url.slice(BASE.length)}`)).toEqual([
      'PUT voicecall/101/answer?callid=1456404043-37',
      'POST onlineagent/101/rest/900/2',
      'POST onlineagent/101/saybusy?reason=201',
      'POST voicecall/101/gethold?callid=c%201',
      'POST voicecall/101/transfer',
      'PUT voicecall/101/callout',
    ]);
    expect(seen[5]!.body).toEqual({ called: '88889007', mediaability: 0 });
  });
  it('turns retcodes, bad bodies and network failures into GatewayError', async () => {
    const { impl } = fakeFetch([
      { body: { message: 'agent already signed in', retcode: '100-002' } },
      { status: 502, body: '<html>bad gateway</html>' },
      new TypeError('Failed to fetch'),
      { body: { nope: true } },
    ]);
    const gw = new GatewayClient(BASE, '101', impl);
    await expect(gw.signIn({ password: 'x', phonenum: '' })).rejects.toMatchObject({ name: 'GatewayError', retcode: '100-002' });
    await expect(gw.sayFree()).rejects.toMatchObject({ retcode: 'http-502' });
    await expect(gw.sayFree()).rejects.toMatchObject({ retcode: 'network' });
    await expect(gw.sayFree()).rejects.toBeInstanceOf(GatewayError);
  });
  it('keeps the status and the message of a JSON refusal that is not an envelope (the proxy\'s); a 200 that is not one is bad-envelope', async () => {
    const { impl } = fakeFetch([
      { status: 503, body: { error: 'UPSTREAM_BUSY', message: 'no upstream socket within 2000 ms' } },
      { status: 504, body: { error: 'GATEWAY_TIMEOUT', message: 'CEC did not answer' } },
      { body: { error: 'x', message: 'a 200 that is no envelope' } },
    ]);
    const gw = new GatewayClient(BASE, '101', impl);
    await expect(gw.signIn({ password: 'x', phonenum: '' })).rejects.toMatchObject({ retcode: 'http-503', message: 'The contact centre answered HTTP 503: no upstream socket within 2000 ms' });
    await expect(gw.pollEvent()).rejects.toMatchObject({ retcode: 'http-504', message: 'The contact centre answered HTTP 504: CEC did not answer' });
    await expect(gw.sayFree()).rejects.toMatchObject({ retcode: 'bad-envelope' });
  });
  it('forgets the session on sign-out', async () => {
    const { impl, seen } = fakeFetch([{ body: OK, setGuid: 'g1' }, { body: OK }, { body: { message: 'x', retcode: '100-006' } }]);
    const gw = new GatewayClient(BASE, '101', impl);
    await gw.signIn({ password: 'x', phonenum: '' });
    await gw.signOut();
    expect(gw.hasSession).toBe(false);
    await expect(gw.sayFree()).rejects.toMatchObject({ retcode: '100-006' });
    expect(seen[1]).toMatchObject({ method: 'DELETE', url: `${BASE}onlineagent/101/logout`, guid: 'g1' });
    expect(seen[2]!.guid).toBeNull();
  });
});
