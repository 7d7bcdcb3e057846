// @vitest-environment happy-dom
/**
 * Which shell page the host is talking to, whatever order the browser delivers a page's
 * "listening" announcement and its frame's `load` event in. A page's announcement always comes
 * before its handshake reply (both are messages from the same window), but the `load` event may
 * come before or after the announcement. A reload after any order must rebuild the connection
 * once: a host that missed it stays `ready` with a shell page that has no bar.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnection, type Connection } from '../../../src/host/connection.js';
import { resolveOptions } from '../../../src/host/options.js';
import { preloadedShells, type ShellFrame } from '../../../src/host/shell-frame.js';
import { BRIDGE_VERSION, SHELL_MESSAGE_EVENT } from '../../../src/protocol/bridge.js';
import { POSTMATE_TYPE, SHELL_LISTENING } from '../../../src/protocol/postmate-wire.js';
import type { ConnectionState } from '../../../src/host/types.js';
import { BarError } from '../../../src/protocol/bar-error.js';
import { settle } from '../../support/server-clock.js';

const SHELL_ORIGIN = 'http://127.0.0.1:4001';
const SESSION_ID = 'a1b2c3d4e5f60718';

/** The shell frame's window as the host sees it: what was posted to it. */
interface FakeShellWindow {
  readonly posted: { postmate?: string; model?: unknown }[];
  postMessage(data: { postmate?: string }, targetOrigin: string): void;
}

/** One shell frame whose page events the test drives by hand. */
function fakeShellFrame() {
  const shellWindow: FakeShellWindow = {
    posted: [],
    postMessage(data, targetOrigin) {
      if (targetOrigin === SHELL_ORIGIN) this.posted.push(data);
    },
  };
  const frame = document.createElement('iframe');
  Object.defineProperty(frame, 'contentWindow', { get: () => shellWindow });
  let onLoad = (): void => {};
  let shellId = 0;
  let seq = 0;
  // Not inserted: happy-dom loads no frame pages, and the connection only needs the element.
  preloadedShells.take = (_options, _container, onFrameLoad) => {
    onLoad = onFrameLoad;
    const taken: ShellFrame = { frame, holdsShellDocument: () => true, close: () => frame.remove() };
    return taken;
  };
  const deliver = (data: unknown): void => {
    const event = new Event('message');
    Object.defineProperties(event, { data: { value: data }, origin: { value: SHELL_ORIGIN }, source: { value: shellWindow } });
    window.dispatchEvent(event);
  };
  return {
    shellWindow,
    handshakes: () => shellWindow.posted.filter((message) => message.postmate === 'handshake').length,
    /** A new page starts: new shell id, sequence from 1. */
    newPage() {
      shellId += 1;
      seq = 0;
    },
    listening: () => deliver({ postmate: SHELL_LISTENING, type: POSTMATE_TYPE }),
    load: () => onLoad(),
    handshakeReply: () => deliver({ postmate: 'handshake-reply', type: POSTMATE_TYPE }),
    loaded: () =>
      deliver({
        postmate: 'emit',
        type: POSTMATE_TYPE,
        value: { name: SHELL_MESSAGE_EVENT, data: { v: BRIDGE_VERSION, sessionId: SESSION_ID, shellId: `shell${shellId}`, seq: ++seq, kind: 'status', status: 'loaded' } },
      }),
  };
}

type PageEvent = 'listening' | 'load';
const ORDERS: readonly (readonly PageEvent[])[] = [
  ['listening', 'load'],
  ['load', 'listening'],
];

describe('connection: shell pages, whatever the order of announcement and load', () => {
  let connection: Connection | undefined;
  let states: ConnectionState[];
  beforeEach(() => {
    document.body.innerHTML = '<div id="bar"></div>';
    states = [];
  });
  afterEach(() => {
    connection?.destroy(new BarError('DESTROYED', 'test over'), () => {});
    delete preloadedShells.take;
  });

  function connect(): void {
    const options = resolveOptions(
      { container: '#bar', shellUrl: `${SHELL_ORIGIN}/shell/`, cecContextPath: `${SHELL_ORIGIN}/service-cloud/`, tenantSpaceId: 't1', userAccount: 'alice.chen', getAccessToken: async () => 'token-1' },
      document,
    );
    connection = createConnection(options, SESSION_ID, {
      container: () => options.container,
      onStateChange: (state) => states.push(state),
      onShellMessage: () => {},
      onShellReplaced: () => {},
      onGaveUp: () => {},
    });
  }

  /** One page's life up to `ready`: its announcement and load in `order`, the token meanwhile, the reply, the bar. */
  async function pageBecomesReady(shell: ReturnType<typeof fakeShellFrame>, order: readonly PageEvent[]): Promise<void> {
    shell.newPage();
    for (const event of order) {
      shell[event]();
      await settle();
    }
    shell.handshakeReply();
    shell.loaded();
  }

  for (const first of ORDERS) {
    for (const reload of ORDERS) {
      it(`first page ${first.join(' → ')}, reloaded page ${reload.join(' → ')}: one new handshake, ready again`, async () => {
        const shell = fakeShellFrame();
        connect();
        await pageBecomesReady(shell, first);
        expect(connection?.state).toBe('ready');
        const handshakesBefore = shell.handshakes();

        shell.newPage();
        for (const event of reload) {
          shell[event]();
          await settle();
        }
        expect(connection?.state, 'the reload was noticed').toBe('reconnecting');
        expect(shell.handshakes(), 'the reloaded page got a handshake').toBeGreaterThan(handshakesBefore);
        shell.handshakeReply();
        shell.loaded();
        expect(connection?.state).toBe('ready');
        expect(states.filter((state) => state === 'reconnecting'), 'rebuilt once, not per event').toHaveLength(1);
      });
    }
  }

  it('a page that never announces itself (a browser without ancestorOrigins) is rebuilt from its load event', async () => {
    const shell = fakeShellFrame();
    connect();
    await pageBecomesReady(shell, ['load']);
    expect(connection?.state).toBe('ready');
    shell.newPage();
    shell.load();
    await settle();
    expect(connection?.state).toBe('reconnecting');
    shell.handshakeReply();
    shell.loaded();
    expect(connection?.state).toBe('ready');
  });

  it("the handshaken page's own load after its reply is no reload", async () => {
    const shell = fakeShellFrame();
    connect();
    shell.newPage();
    shell.listening();
    await settle();
    shell.handshakeReply();
    shell.loaded();
    expect(connection?.state).toBe('ready');
    shell.load();
    await settle();
    expect(connection?.state).toBe('ready');
    expect(states).toEqual(['ready']);
  });
});
