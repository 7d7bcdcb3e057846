/**
 * The `/service-cloud/` proxy forwards only CEC's own cookies: `sum_*`, the names CEC set through
 * this proxy, and the names `forwardCookies` adds. A CRM session cookie scoped to the parent
 * domain reaches the shell's origin too, and must stop there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBarShellServer, type BarShellServer, type BarShellServerOptions } from '../../../src/server/shell-server.js';
import { fakeShellDir, startUpstream, type HttpUpstream } from '../../support/proxy-upstream.js';

let upstream: HttpUpstream;
let shell: BarShellServer | undefined;
/** The Cookie header of each request that reached the upstream (undefined: none sent). */
let cookiesSeen: (string | undefined)[];

beforeEach(async () => {
  upstream = await startUpstream();
  cookiesSeen = [];
  upstream.handle((req, res) => {
    cookiesSeen.push(req.headers.cookie);
    if (req.url === '/service-cloud/login') res.setHeader('Set-Cookie', ['JSESSIONID=j1; Path=/; Domain=cec.example; HttpOnly', 'lb=node2; Path=/']);
    res.end('ok');
  });
});
afterEach(async () => {
  await shell?.close();
  shell = undefined;
  await upstream.close();
});

async function startShell(extra: Partial<BarShellServerOptions> = {}): Promise<string> {
  shell = await createBarShellServer({ cecOrigin: upstream.origin, hostOrigins: ['http://127.0.0.1:4000'], port: 0, shellDir: fakeShellDir(), ...extra });
  return shell.url;
}

async function getWithCookie(url: string, cookie: string): Promise<void> {
  const res = await fetch(url, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  await res.text();
}

describe('the proxy and browser cookies', () => {
  it('forwards sum_* cookies and drops the CRM session and every other cookie', async () => {
    const url = await startShell();
    await getWithCookie(`${url}/service-cloud/x`, 'crm_session=SECRET-SESSION; sum_sid=s1; theme=dark; sum_token=t1');
    expect(cookiesSeen).toEqual(['sum_sid=s1; sum_token=t1']);
  });

  it('sends no Cookie header at all when nothing is CEC’s', async () => {
    const url = await startShell();
    await getWithCookie(`${url}/service-cloud/x`, 'crm_session=SECRET-SESSION; Sum_sid=not-cec-case');
    expect(cookiesSeen).toEqual([undefined]);
  });

  it('forwards the names CEC set through this proxy from then on', async () => {
    const url = await startShell();
    await getWithCookie(`${url}/service-cloud/x`, 'JSESSIONID=j1; crm_session=SECRET-SESSION');
    await getWithCookie(`${url}/service-cloud/login`, 'crm_session=SECRET-SESSION');
    await getWithCookie(`${url}/service-cloud/x`, 'JSESSIONID=j1; lb=node2; crm_session=SECRET-SESSION');
    expect(cookiesSeen).toEqual([undefined, undefined, 'JSESSIONID=j1; lb=node2']);
  });

  it('forwardCookies adds names of the deployment’s own', async () => {
    const url = await startShell({ forwardCookies: (name) => name === 'edge_affinity' });
    await getWithCookie(`${url}/service-cloud/x`, 'edge_affinity=e1; crm_session=SECRET-SESSION; sum_sid=s1');
    expect(cookiesSeen).toEqual(['edge_affinity=e1; sum_sid=s1']);
  });

  it('a forwardCookies that throws forwards nothing extra and the request still goes through', async () => {
    const url = await startShell({
      forwardCookies: () => {
        throw new Error('broken predicate');
      },
    });
    await getWithCookie(`${url}/service-cloud/x`, 'edge_affinity=e1; sum_sid=s1');
    expect(cookiesSeen).toEqual(['sum_sid=s1']);
  });
});
