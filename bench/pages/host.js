// The CRM-side bench page (origin A). Exposes `window.bench` for bench/browser.mjs to drive:
// mount timing, the bare-iframe baseline, bridge counters and the raw-relay baseline.
import { mountConnectionBar } from '/host.mjs';

const now = () => performance.timeOrigin + performance.now();
let cfg = null;
let bar = null;

/** Receiver state shared by the bridge figure and the raw baseline. */
function makeSink() {
  return { count: 0, target: 0, lastAt: 0, latencies: [], record: false, done: null };
}
const sinks = { bridge: makeSink(), raw: makeSink() };

function receive(sink, message) {
  const t = now();
  sink.count += 1;
  sink.lastAt = t;
  if (sink.record) sink.latencies.push(t - Number(message));
  if (sink.count === sink.target && sink.done) sink.done();
}

function waitFor(sink, target) {
  return new Promise((resolve) => {
    sink.target = target;
    sink.done = resolve;
    if (sink.count >= target) resolve();
  });
}

function mountOptions(container) {
  return {
    container,
    shellUrl: cfg.shellUrl,
    cecContextPath: cfg.cecContextPath,
    tenantSpaceId: cfg.tenantSpaceId,
    userAccount: cfg.userAccount,
    getAccessToken: async () => {
      const r = await fetch(cfg.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userAccount: cfg.userAccount }) });
      if (!r.ok) throw new Error(`token endpoint answered ${r.status}`);
      const j = await r.json();
      return j.access_token ?? j.token ?? j.accessToken;
    },
  };
}

window.bench = {
  configure(c) {
    cfg = c;
  },

  /** Mounts a bar, waits for `ready`; returns ms from the call to `ready`. Keeps the bar. */
  async mount() {
    const el = document.createElement('div');
    document.getElementById('bars').appendChild(el);
    const t0 = performance.now();
    bar = mountConnectionBar(mountOptions(el));
    await bar.ready;
    return performance.now() - t0;
  },

  /** Destroys the kept bar and its container. */
  destroy() {
    bar?.destroy();
    bar = null;
    document.getElementById('bars').replaceChildren();
  },

  /** One full cycle for the memory bench. */
  async cycle() {
    await this.mount();
    this.destroy();
  },

  diagnostics() {
    return bar ? JSON.parse(JSON.stringify(bar.diagnostics())) : null;
  },

  /** Baseline: the same bar page in a plain iframe; ms from insertion to its load event. */
  bare(url) {
    return new Promise((resolve) => {
      const f = document.createElement('iframe');
      f.allow = 'microphone; camera; autoplay';
      const t0 = performance.now();
      f.addEventListener('load', () => {
        const ms = performance.now() - t0;
        f.remove();
        resolve(ms);
      }, { once: true });
      f.src = url;
      document.body.appendChild(f);
    });
  },

  /** Starts counting CEC events that reach the host callbacks. */
  listenBridge() {
    bar.on('cec', (e) => receive(sinks.bridge, e.message));
  },

  /** Adds the raw two-hop relay (relay page on origin B', source page on C') beside the bar. */
  addRawRelay(relayUrl, sourceUrl, relayOrigin) {
    return new Promise((resolve) => {
      addEventListener('message', (e) => {
        if (e.origin === relayOrigin) receive(sinks.raw, e.data.message);
      });
      const f = document.createElement('iframe');
      f.name = 'relay';
      f.addEventListener('load', () => resolve(), { once: true });
      f.src = `${relayUrl}#${encodeURIComponent(sourceUrl)}`;
      document.getElementById('baseline').appendChild(f);
    });
  },

  /** Arms a sink without waiting (the bench sends, then awaits `arrived`). */
  arm(which, n, recordLatency) {
    const s = sinks[which];
    Object.assign(s, makeSink(), { record: recordLatency });
    s.promise = waitFor(s, n);
  },
  async arrived(which) {
    const s = sinks[which];
    await s.promise;
    return { count: s.count, lastAt: s.lastAt, latencies: s.latencies };
  },
  count(which) {
    return sinks[which].count;
  },
};
document.documentElement.dataset.benchReady = '1';
