// The CRM-side bench page (origin A). Exposes `window.bench` for bench/browser.mjs to drive:
// mount timing, the bare-iframe baseline, bridge counters and the raw-relay baseline.
import { mountConnectionBar, preloadConnectionBar, isBarError } from '/host.mjs';
import { parseCecEvent } from '/protocol.mjs';

const now = () => performance.timeOrigin + performance.now();
let cfg = null;
let bar = null;
/** The last `preloadConnectionBar` handle. */
let preloaded = null;
/** Every token handed to the host, so suites can look for them where they must not be. */
const issued = [];
/** Mount phases for the mount bench's profile. */
const timeline = [];
function mark(what) {
  if (mark.t0 !== undefined) timeline.push({ what, ms: Math.round((performance.now() - mark.t0) * 10) / 10 });
}

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

/** The enterprise token for the configured agent, from origin A's token endpoint. */
async function fetchToken() {
  mark('token request');
  const r = await fetch(cfg.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userAccount: cfg.userAccount }) });
  if (!r.ok) throw new Error(`token endpoint answered ${r.status}`);
  const j = await r.json();
  issued.push(j.access_token);
  mark('token received');
  return j.access_token;
}

function mountOptions(container) {
  return {
    container,
    shellUrl: cfg.shellUrl,
    cecContextPath: cfg.cecContextPath,
    tenantSpaceId: cfg.tenantSpaceId,
    userAccount: cfg.userAccount,
    getAccessToken: fetchToken,
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
    timeline.length = 0;
    mark.t0 = t0;
    bar = mountConnectionBar(mountOptions(el));
    // The frame is in the container when mountConnectionBar returns (a new one, or a preloaded one).
    const frame = el.querySelector('iframe');
    if (frame) {
      mark('shell iframe in the container');
      frame.addEventListener('load', () => mark('shell frame load event'), { once: true });
    }
    await bar.ready;
    return performance.now() - t0;
  },

  /**
   * Preloads the shell (`preloadConnectionBar`) and waits until its hidden frame has loaded: the
   * agent has not opened the phone panel yet. Returns ms from the call to the frame's load.
   */
  async preload() {
    const t0 = performance.now();
    const before = new Set(document.querySelectorAll('iframe'));
    preloaded = preloadConnectionBar({ shellUrl: cfg.shellUrl });
    const frame = [...document.querySelectorAll('iframe')].find((f) => !before.has(f));
    if (!frame) throw new Error('preloadConnectionBar added no frame');
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    return performance.now() - t0;
  },

  /**
   * The bar mounted in the background: into a hidden element (the CRM's start), ready there, then
   * moved alive into the phone panel with `bar.moveTo` when the agent opens it. Returns ms from the
   * moveTo call to the bar ready in the panel with a laid-out frame (what the agent waits for then),
   * and the background mount's own mount → ready.
   */
  async backgroundMount() {
    const bars = document.getElementById('bars');
    const hidden = bars.appendChild(document.createElement('div'));
    hidden.hidden = true;
    const t0 = performance.now();
    timeline.length = 0;
    mark.t0 = t0;
    bar = mountConnectionBar(mountOptions(hidden));
    await bar.ready;
    const mountedMs = performance.now() - t0;
    const panel = bars.appendChild(document.createElement('div'));
    const opened = performance.now();
    const kept = bar.moveTo(panel);
    await bar.ready;
    const frame = panel.querySelector('iframe');
    const width = frame?.getBoundingClientRect().width ?? 0;
    const shownMs = performance.now() - opened;
    if (!kept || bar.state !== 'ready' || width === 0) throw new Error(`background mount: moved ${kept}, state ${bar.state}, frame width ${width}`);
    return { shownMs, mountedMs };
  },

  /**
   * Reference: CEC's official integration, run in this (CRM) page with no shell: the token, then the
   * loader POST through origin A's own `/service-cloud/` proxy, its script run inline here, until the
   * `ccbarclient` frame it creates has loaded. Returns ms from the start; removes the frame.
   */
  async official() {
    const t0 = performance.now();
    const token = await fetchToken();
    const contextPath = `${location.origin}/service-cloud/`;
    window.$aicc_ContextPath = contextPath;
    const res = await fetch(`${contextPath}ccdesktop/pages/cc-bar/js/ccbarclient.js`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'include',
      cache: 'no-store',
      body: JSON.stringify({ access_token: token, tenantSpaceId: cfg.tenantSpaceId, userAccount: cfg.userAccount }),
    });
    if (res.status !== 200) throw new Error(`bar loader answered ${res.status}`);
    const script = document.createElement('script');
    script.textContent = await res.text();
    document.head.appendChild(script).remove();
    const frame = document.querySelector('iframe[name="ccbarclient"]');
    if (!frame) throw new Error('the loader script created no ccbarclient frame');
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const ms = performance.now() - t0;
    frame.remove();
    return ms;
  },

  /** Removes a preload no mount took over (a no-op once one did). */
  abandonPreload() {
    preloaded?.abandon();
    preloaded = null;
  },

  /** Phases of the last mount, ms after the mountConnectionBar call. */
  timeline: () => [...timeline],

  /** When the last mount started, as an absolute time (ms since the epoch): lines the frames' own timings up with `timeline`. */
  startedAt: () => performance.timeOrigin + mark.t0,

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

// --- hardening suites: everything the CRM window receives, and every callback payload checked ---

/** Every `message` event this window saw, from before the first mount (registered at load). */
const seen = { total: 0, forged: 0, genuine: 0, lastGenuineSeq: 0, shellId: null, sessionId: null };
addEventListener('message', (e) => {
  seen.total += 1;
  const d = e.data;
  if (d && typeof d === 'object' && d.postmate === 'handshake-reply') mark('postmate handshake-reply');
  if (d && typeof d === 'object' && d.postmate === 'shell-listening') mark('shell listening');
  if (d && typeof d === 'object' && d.fuzz === 1) {
    seen.forged += 1;
    return;
  }
  const m = d && typeof d === 'object' && d.postmate === 'emit' && d.value && d.value.name === 'shellMessage' ? d.value.data : null;
  if (m && typeof m.seq === 'number' && typeof m.sessionId === 'string') {
    seen.genuine += 1;
    if (m.shellId !== seen.shellId) seen.lastGenuineSeq = 0;
    seen.shellId = m.shellId;
    seen.sessionId = m.sessionId;
    seen.lastGenuineSeq = Math.max(seen.lastGenuineSeq, m.seq);
    if (m.kind === 'status') mark(`shell status ${m.status}`);
    else if (m.seq === 1) mark(`first shell message (${m.kind})`);
  }
});

const AGENT = ['offline', 'idle', 'busy', 'rest', 'wrapUp', 'inCall'];
const CONN = ['connecting', 'ready', 'reconnecting', 'failed', 'destroyed', 'standby'];
const isStr = (x, max = 64) => typeof x === 'string' && x.length > 0 && x.length <= max;
const isTime = (x) => typeof x === 'number' && Number.isFinite(x) && x > 0;
function validCall(c) {
  return Object.isFrozen(c) && isStr(c.callId) && ['inbound', 'outbound'].includes(c.direction) && ['audio', 'video', 'text'].includes(c.media) && isTime(c.startedAt)
    && (c.caller === undefined || typeof c.caller === 'string') && (c.called === undefined || typeof c.called === 'string');
}
/** Checks one callback payload against the public contract; true when valid. */
const CHECKS = {
  cec: (e) => Object.isFrozen(e) && parseCecEvent({ event: { eventType: e.eventType === 'unknown' ? e.rawEventType : e.eventType, workNo: e.workNo, content: e.content }, message: e.message }).ok,
  connection: (c) => CONN.includes(c.state) && CONN.includes(c.previous) && (c.error === undefined || isBarError(c.error)),
  'agent.state': (a) => AGENT.includes(a.state) && AGENT.includes(a.previous) && isTime(a.at),
  'call.ringing': validCall,
  'call.dialing': validCall,
  'call.connected': validCall,
  'call.ended': (c) => validCall(c) && ['completed', 'missed', 'failed', 'abandoned', 'unknown'].includes(c.outcome) && ['agent', 'customer', 'system', 'unknown'].includes(c.endedBy) && typeof c.talkMs === 'number' && c.talkMs >= 0,
  error: (e) => isBarError(e),
};
const calls = { counts: {}, invalid: 0, invalidSamples: [], events: [] };

Object.assign(window.bench, {
  seen: () => ({ ...seen }),
  /** Subscribes to every event of the kept bar and checks each payload. */
  checkCallbacks() {
    for (const [name, check] of Object.entries(CHECKS)) {
      bar.on(name, (p) => {
        calls.counts[name] = (calls.counts[name] ?? 0) + 1;
        if (name !== 'cec') calls.events.push({ name, state: p?.state, callId: p?.callId, outcome: p?.outcome, code: p?.code });
        let ok = false;
        try { ok = check(p); } catch { ok = false; }
        if (!ok) {
          calls.invalid += 1;
          if (calls.invalidSamples.length < 5) calls.invalidSamples.push({ name, payload: JSON.stringify(p)?.slice(0, 300) });
        }
      });
    }
  },
  callbacks: () => JSON.parse(JSON.stringify(calls)),
  state: () => bar?.state,
  agent: () => bar?.agent,
  liveCalls: () => bar?.calls,
  recorder: () => (bar ? JSON.stringify(bar.recorder) : null),
  polluted: () => ({}).polluted !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'),
  reconnect() { bar?.reconnect(); },
  async callOut(number) { const c = await bar.callOut(number); return { ...c }; },
  /** Mount with a logger that keeps every line (the secrets suite looks for tokens in them). */
  async mountLogged(extra = {}) {
    const el = document.createElement('div');
    document.getElementById('bars').appendChild(el);
    const sink = (level) => (message, data) => { let d = ''; try { d = JSON.stringify(data); } catch { d = String(data); } logs.push(`${level} ${message} ${d ?? ''}`); };
    bar = mountConnectionBar({ ...mountOptions(el), ...extra, logger: { debug: sink('debug'), info: sink('info'), warn: sink('warn'), error: sink('error') } });
    await bar.ready;
  },
  logs: () => [...logs],
  tokensIssued: () => [...issued],
});
const logs = [];
document.documentElement.dataset.benchReady = '1';
