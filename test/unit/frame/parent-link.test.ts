/** `linkToParent`: the shell's side of the wire without postmate: reply, commands in, messages out, one host only. */
import { describe, expect, it } from 'vitest';
import { linkToParent } from '../../../src/frame/parent-link.js';
import type { ShellMessage } from '../../../src/protocol/bridge.js';

const HOST = 'http://127.0.0.1:4000';
const TYPE = 'application/x-postmate-v1+json';

/** A window stand-in with a parent that records what is posted to it (DOM emulators get origin/source wrong). */
function setup() {
  const posted: { data: unknown; origin: string }[] = [];
  const parent = { postMessage: (data: unknown, origin: string) => posted.push({ data, origin }) };
  const win = new EventTarget() as unknown as Window;
  (win as unknown as { parent: unknown }).parent = parent;
  const commands: unknown[] = [];
  const message = (data: unknown, origin = HOST, source: unknown = parent): void => {
    const event = new Event('message');
    Object.defineProperties(event, { data: { value: data }, origin: { value: origin }, source: { value: source } });
    win.dispatchEvent(event);
  };
  const link = linkToParent({ win, hostOrigin: HOST, onCommand: (data) => commands.push(data) });
  return { posted, commands, message, link };
}
const call = (data: unknown, property = 'hostCommand') => ({ postmate: 'call', type: TYPE, property, data });

describe('linkToParent', () => {
  it('answers the accepted handshake at once, to the host origin only', () => {
    const { posted } = setup();
    expect(posted).toEqual([{ data: { postmate: 'handshake-reply', type: TYPE }, origin: HOST }]);
  });

  it('hands the data of each hostCommand call on', () => {
    const { commands, message } = setup();
    message(call({ kind: 'ping', id: 'c1' }));
    message(call({ kind: 'replay', id: 'c2' }));
    expect(commands).toEqual([{ kind: 'ping', id: 'c1' }, { kind: 'replay', id: 'c2' }]);
  });

  it('hears nothing from another window or origin, no other method, no other kind of message', () => {
    const { commands, message } = setup();
    message(call({ id: 'a' }), 'http://evil.example');
    message(call({ id: 'b' }), HOST, {});
    message(call({ id: 'c' }, 'toString'));
    message({ postmate: 'request', type: TYPE, property: 'hostCommand' });
    message({ postmate: 'emit', type: TYPE, value: { name: 'hostCommand', data: { id: 'd' } } });
    message('hostCommand');
    message(null);
    expect(commands).toEqual([]);
  });

  it('sends shell messages as postmate emits of shellMessage, to the host origin only', () => {
    const { posted, link } = setup();
    const status = { v: 1, sessionId: 's'.repeat(16), shellId: 'x1', seq: 1, kind: 'status', status: 'loading' } as ShellMessage;
    link.send(status);
    expect(posted.at(-1)).toEqual({ data: { postmate: 'emit', type: TYPE, value: { name: 'shellMessage', data: status } }, origin: HOST });
  });

  it('stop() ends the commands', () => {
    const { commands, message, link } = setup();
    link.stop();
    message(call({ id: 'late' }));
    expect(commands).toEqual([]);
  });
});
