// The Node HTTP helpers the server kit, the mock fabric and the demo CRM share (src/server/http-io.ts), over real sockets.
import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { contentTypeFor, HttpError, httpOrigin, listen, readBody, readJson, sendJson, type ReadJsonOptions } from '../../../src/server/http-io.js';

let server: http.Server | undefined;
afterEach(async () => {
  const open = server;
  server = undefined;
  if (open) await new Promise<void>((resolve) => { open.close(() => resolve()); open.closeAllConnections(); });
});

/** A server that reads one JSON body with `options` and answers what it read, or the HttpError. */
async function jsonEcho(options: ReadJsonOptions): Promise<string> {
  server = http.createServer((req, res) => {
    readJson(req, options).then(
      (value) => sendJson(res, 200, { value }),
      (error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        sendJson(res, status, { error: String(error) }, status === 413 ? { Connection: 'close' } : {});
      },
    );
  });
  return httpOrigin('127.0.0.1', await listen(server, 0, '127.0.0.1'));
}

/** Posts `body` as one chunk with no Content-Length (chunked), so only the streamed size can refuse it. */
function postChunked(origin: string, body: string, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}/`, { method: 'POST', headers: { 'Content-Type': contentType, 'Transfer-Encoding': 'chunked' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('readJson / readBody', () => {
  it('reads a JSON body within the limit', async () => {
    const origin = await jsonEcho({ maxBytes: 1024 });
    const res = await fetch(origin, { method: 'POST', body: JSON.stringify({ a: [1, 2] }) });
    expect([res.status, await res.json()]).toEqual([200, { value: { a: [1, 2] } }]);
  });

  it('answers 413 for a streamed body over the limit, and the client receives that answer', async () => {
    const origin = await jsonEcho({ maxBytes: 1024 });
    const res = await postChunked(origin, JSON.stringify({ pad: 'x'.repeat(5000) }));
    expect(res.status).toBe(413);
    expect(res.text).toMatch(/too large \(limit 1024 bytes\)/);
  });

  it('answers 413 for a declared Content-Length over the limit without reading it', async () => {
    const origin = await jsonEcho({ maxBytes: 1024 });
    const res = await fetch(origin, { method: 'POST', body: 'x'.repeat(2048), headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(413);
  });

  it('answers 400 for bad JSON and 413 for nesting deeper than MAX_JSON_DEPTH', async () => {
    const origin = await jsonEcho({ maxBytes: 4096 });
    expect((await fetch(origin, { method: 'POST', body: '{"a":' })).status).toBe(400);
    expect((await fetch(origin, { method: 'POST', body: '['.repeat(40) + ']'.repeat(40) })).status).toBe(413);
  });

  it('refuses another Content-Type with the status asked for, and accepts any when none is asked for', async () => {
    const strict = await jsonEcho({ maxBytes: 1024, wrongTypeStatus: 415 });
    expect((await fetch(strict, { method: 'POST', body: '{}', headers: { 'Content-Type': 'text/plain' } })).status).toBe(415);
    expect((await fetch(strict, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json; charset=utf-8' } })).status).toBe(200);
    const lenient = await jsonEcho({ maxBytes: 1024 });
    expect((await fetch(lenient, { method: 'POST', body: '{}', headers: { 'Content-Type': 'text/plain' } })).status).toBe(200);
  });

  it('drops prototype keys', async () => {
    const origin = await jsonEcho({ maxBytes: 1024 });
    const res = await fetch(origin, { method: 'POST', body: '{"__proto__":{"admin":true},"ok":1}' });
    expect(await res.json()).toEqual({ value: { ok: 1 } });
  });

  it('readBody hands back the raw bytes', async () => {
    server = http.createServer((req, res) => void readBody(req, 64).then((raw) => sendJson(res, 200, { hex: raw.toString('hex') })));
    const origin = httpOrigin('127.0.0.1', await listen(server, 0, '127.0.0.1'));
    const res = await fetch(origin, { method: 'POST', body: new Uint8Array([0, 255, 10]) });
    expect(await res.json()).toEqual({ hex: '00ff0a' });
  });
});

describe('sendJson', () => {
  it('sets type, length and no-store, and sends nothing a second time', async () => {
    server = http.createServer((_req, res) => {
      sendJson(res, 201, { n: 'é' }, { 'X-Extra': '1' });
      sendJson(res, 500, { error: 'second answer' });
    });
    const res = await fetch(httpOrigin('127.0.0.1', await listen(server, 0, '127.0.0.1')));
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength('{"n":"é"}')));
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-extra')).toBe('1');
    expect(await res.json()).toEqual({ n: 'é' });
  });
});

describe('listen, httpOrigin, contentTypeFor', () => {
  it('says clearly when a port is taken', async () => {
    server = http.createServer();
    const port = await listen(server, 0, '127.0.0.1');
    await expect(listen(http.createServer(), port, '127.0.0.1')).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
  });

  it('brackets IPv6 hosts', () => {
    expect(httpOrigin('::1', 80)).toBe('http://[::1]:80');
    expect(httpOrigin('127.0.0.1', 80)).toBe('http://127.0.0.1:80');
  });

  it('has one type per served extension, and none for anything else', () => {
    expect(contentTypeFor('bar.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('shell.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('x.js.map')).toBe('application/json; charset=utf-8');
    expect(contentTypeFor('notes.txt')).toBeUndefined();
    expect(contentTypeFor('constructor')).toBeUndefined();
    expect(contentTypeFor('a.toString')).toBeUndefined();
  });
});
