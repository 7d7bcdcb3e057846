// Load benchmark of the mock fabric: N signed-in agents long-polling the mock CC-Gateway while
// calls are injected at a fixed rate; agents answer over the gateway and the customer hangs up
// after --hold-ms. Prints event-delivery latency p50/p99 (emission in the mock → receipt by the
// agent's poll), lost events, and the mock's memory over the run (its RSS sampled every few
// seconds, and its live JS heap after a full GC about 20 times; each with its growth per minute
// after a warm-up: flat when the mock keeps nothing per call), and writes the figures as JSON on
// the last line.
//
//   npm run build && node bench/mock-load.mjs [--seconds 60] [--agents 500] [--rate 50] [--hold-ms 2000]
//                                             [--dist path/to/mock-fabric/index.mjs]   (measure another build)
//
// The mock runs in a child process (its own event loop and its own RSS, like a separate server);
// agents and the injector run here over real sockets. The child streams every event it emits
// (agent, time, type) to this process, which matches them with what the agents received; the
// wall clock is shared, so latencies compare.
// Client re-poll: at once after an event, 200-500 ms after an empty poll (docs/cec-reference.md §5.7).
import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import os from 'node:os';
import { ROOT, percentile, round } from './lib.mjs';

const DIST = path.join(ROOT, 'dist/mock-fabric/index.mjs');
/** The argument that makes this file the mock's process. */
const SERVE_FLAG = '--serve-mock';
/**
 * Growth of the live heap (after a full GC) per minute, after the warm-up, below which the mock
 * counts as flat. Before the bounded history it kept ~2.3 KB per call: ~7 MB/min at 50 calls/s.
 */
const FLAT_LIVE_HEAP_MB_PER_MINUTE = 0.5;

function makeTenant(n) {
  const agents = Array.from({ length: n }, (_, i) => ({
    workNo: 101 + i,
    accountCode: `agent${101 + i}`,
    password: `pw-${101 + i}-bench`,
    sipAccount: `8888${String(101 + i).padStart(4, '0')}`,
    sipPwd: `sip-${101 + i}`,
    name: `Agent ${101 + i}`,
    skills: [{ skillId: 1, weight: 1 + (i % 5) }],
    phone: 'softphone',
  }));
  return {
    tenantSpaceId: 'bench-tenant',
    apps: [{ appKey: 'bench-app', appSecret: 'bench-secret-000' }],
    agents,
    skills: [{ id: 1, name: 'Bench', mediaType: 5, maxWaitTime: 600, maxWaitNum: 10000, maxAgentWrapupTime: 0, overflow: {} }],
    calledRoutes: [{ accessCode: '6688', extCode: '1', deviceType: 'skill', skillId: 1 }],
    restReasons: [],
    busyReasons: [],
  };
}

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 4096 });

function call(base, method, p, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(p, base);
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method, agent: httpAgent, headers: { ...headers, ...(method === 'POST' || data ? { 'Content-Type': 'application/json' } : {}), ...(data ? { 'Content-Length': Buffer.byteLength(data) } : {}) } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, headers: res.headers, json, bytes: Buffer.byteLength(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      agents: { type: 'string', default: '500' },
      rate: { type: 'string', default: '50' },
      'hold-ms': { type: 'string', default: '2000' },
      dist: { type: 'string', default: DIST },
    },
  });
  const seconds = Number(values.seconds);
  const nAgents = Number(values.agents);
  const rate = Number(values.rate);
  const holdMs = Number(values['hold-ms']);
  const dist = path.resolve(values.dist);
  if (!existsSync(dist)) {
    console.error(`${dist} is missing: run npm run build first`);
    process.exit(1);
  }
  const tenant = makeTenant(nAgents);
  const clientLag = monitorEventLoopDelay({ resolution: 10 });
  clientLag.enable();
  const loadBefore = os.loadavg()[0];
  const mock = startMockProcess(dist, tenant, sampleIntervals(seconds));
  const url = await mock.ready;
  console.log(`mock at ${url}; ${nAgents} agents, ${rate} calls/s for ${seconds} s, hold ${holdMs} ms`);

  let running = true;
  let polling = true;
  const active = new Map(); // callId → hangup timer
  const loops = [];
  let answerErrors = 0;
  let pollErrors = 0;
  // Sign everyone in (bounded concurrency).
  const guids = new Map();
  const received = new Map(); // workNo → [{ t, type }]
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < nAgents) {
        const a = tenant.agents[next++];
        const r = await call(url, 'PUT', `/agentgateway/resource/onlineagent/${a.workNo}`, { body: { password: a.password, phonenum: a.sipAccount } });
        if (r.json?.retcode !== '0') throw new Error(`sign-in ${a.workNo}: ${JSON.stringify(r.json)}`);
        guids.set(a.workNo, r.headers['set-guid']);
        received.set(a.workNo, []);
        // Poll at once, as a bar does after sign-in (its InService/Ready events are measured too).
        loops.push(pollLoop(a.workNo));
      }
    }),
  );
  console.log(`signed in ${guids.size} agents`);


  async function pollLoop(workNo) {
    while (polling) {
      let r;
      try {
        r = await call(url, 'GET', `/agentgateway/resource/agentevent/${workNo}`, { headers: { Guid: guids.get(workNo) } });
      } catch (e) {
        if (process.env.BENCH_DEBUG && pollErrors < 3) console.error('poll failed', e.message);
        if (polling) pollErrors++;
        continue;
      }
      const t = Date.now();
      if (r.headers['set-guid']) guids.set(workNo, r.headers['set-guid']);
      const ev = r.json?.event;
      if (r.json?.retcode !== '0') {
        if (!polling) break;
        if (process.env.BENCH_DEBUG && pollErrors < 3) console.error('poll error', r.status, JSON.stringify(r.json));
        pollErrors++;
        await new Promise((res) => setTimeout(res, 300));
        continue;
      }
      if (!ev) {
        await new Promise((res) => setTimeout(res, 200 + Math.random() * 300));
        continue;
      }
      received.get(workNo).push({ t, type: ev.eventType });
      if (ev.eventType === 'AgentEvent_Ringing' && running) {
        const callId = ev.content.callid;
        call(url, 'PUT', `/agentgateway/resource/voicecall/${workNo}/answer?callid=${encodeURIComponent(callId)}`, { headers: { Guid: guids.get(workNo) } })
          .then((a) => {
            if (a.json?.retcode !== '0') return void answerErrors++;
            active.set(callId, setTimeout(() => {
              active.delete(callId);
              void call(url, 'POST', `/__mock/calls/${callId}/hangup`).catch(() => undefined);
            }, holdMs));
          })
          .catch(() => answerErrors++);
      }
    }
  }

  // Inject calls at the rate, evenly spaced.
  let injected = 0;
  let injectErrors = 0;
  const t0 = Date.now();
  const total = Math.round(rate * seconds);
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((Date.now() - t0) / 1000) * rate));
      while (injected < due) {
        injected++;
        call(url, 'POST', '/__mock/calls', { body: { caller: `139${String(injected).padStart(8, '0')}`, called: '66881' } })
          .then((r) => r.status !== 201 && injectErrors++)
          .catch(() => injectErrors++);
      }
      if (injected >= total) resolve();
      else setTimeout(tick, 5);
    };
    tick();
  });
  running = false;
  console.log(`injected ${injected} calls in ${round((Date.now() - t0) / 1000, 1)} s; draining`);
  // Hang up whatever is still talking, then let the pollers collect the last events.
  await new Promise((r) => setTimeout(r, holdMs + 500));
  for (const [callId, timer] of active) {
    clearTimeout(timer);
    await call(url, 'POST', `/__mock/calls/${callId}/hangup`).catch(() => undefined);
  }
  await new Promise((r) => setTimeout(r, 3000));

  // Match the k-th event each agent received with the k-th event the mock emitted for it (streamed
  // from the mock's process: its own /__mock/events log is bounded, as it should be).
  await mock.flushEvents();
  polling = false;
  const latencies = [];
  let emitted = 0;
  let got = 0;
  let mismatched = 0;
  for (const w of guids.keys()) {
    const log = mock.emitted.get(w) ?? [];
    const recv = received.get(w);
    emitted += log.length;
    got += Math.min(recv.length, log.length);
    for (let k = 0; k < Math.min(recv.length, log.length); k++) {
      if (recv[k].type !== log[k].type) mismatched++;
      latencies.push(recv[k].t - log[k].at);
    }
  }
  const lost = emitted - got;
  const stateReply = await call(url, 'GET', '/__mock/state');
  const state = stateReply.json;
  const callsByState = {};
  for (const c of state.calls) callsByState[c.state] = (callsByState[c.state] ?? 0) + 1;

  clientLag.disable();
  const closed = await mock.close();
  httpAgent.destroy();
  void loops;
  const memory = memoryFigures(closed, t0, seconds);
  const { rss, liveHeap } = memory;
  console.log(`mock RSS: ${rss.atStartMb} MB when the calls start, ${rss.afterWarmupMb} MB after the warm-up, ${rss.endMb} MB at the end (max ${rss.maxMb}); ${rss.slopeMbPerMinute} MB/min after the warm-up`);
  console.log(`mock live heap: ${liveHeap.afterWarmupMb} MB after the warm-up, ${liveHeap.endMb} MB at the end; ${liveHeap.slopeMbPerMinute} MB/min → ${memory.flat ? 'flat' : 'GROWING'}`);
  console.log(`/__mock/state: ${stateReply.bytes} bytes, ${state.calls.length} calls`);

  const figures = {
    bench: 'mock-load',
    agents: nAgents,
    seconds,
    callsPerSecond: rate,
    callsInjected: injected,
    injectErrors,
    answerErrors,
    pollErrors,
    eventsEmitted: emitted,
    eventsDelivered: got,
    lostEvents: lost,
    outOfOrder: mismatched,
    latencyMs: { p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99), max: percentile(latencies, 100) },
    calls: callsByState,
    stateBytes: stateReply.bytes,
    memory,
    p99Within100ms: percentile(latencies, 99) <= 100,
    // Context: event-loop lag of the mock (its process) and of the client side, and the machine's load.
    serverLoopLagMs: closed.serverLoopLagMs ?? null,
    clientLoopLagMs: { p50: round(clientLag.percentile(50) / 1e6, 1), p99: round(clientLag.percentile(99) / 1e6, 1), max: round(clientLag.max / 1e6, 1) },
    loadAverage1m: { before: round(loadBefore, 2), after: round(os.loadavg()[0], 2) },
    cpus: os.cpus().length,
  };
  console.log(`events: ${emitted} emitted, ${got} delivered, ${lost} lost, ${mismatched} out of order`);
  console.log(`delivery latency ms: p50 ${figures.latencyMs.p50}, p90 ${figures.latencyMs.p90}, p99 ${figures.latencyMs.p99}, max ${figures.latencyMs.max}`);
  console.log(JSON.stringify(figures));
  process.exit(lost === 0 && mismatched === 0 ? 0 : 1);
}

/** RSS about 120 times over the run (at least 1 s apart); the live heap about 20 times (a full GC each, at least 5 s apart). */
function sampleIntervals(seconds) {
  return { rssMs: Math.max(1000, Math.round((seconds * 1000) / 120)), liveHeapMs: Math.max(5000, Math.round((seconds * 1000) / 20)) };
}

/**
 * Fork this file as the mock's process. `ready` resolves with its URL; `emitted` fills with every
 * event it emits, per agent (`{ at, type }`, in order); `close()` resolves with its loop lag and
 * memory samples. `--expose-gc` lets it measure its live heap.
 */
function startMockProcess(dist, tenant, intervals) {
  const child = fork(fileURLToPath(import.meta.url), [SERVE_FLAG], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--expose-gc'] });
  const emitted = new Map();
  const waiting = new Map();
  child.on('message', (m) => {
    if (m.events) {
      for (const [workNo, at, type] of m.events) {
        if (!emitted.has(workNo)) emitted.set(workNo, []);
        emitted.get(workNo).push({ at, type });
      }
    }
    const answer = waiting.get(m.kind);
    if (answer) {
      waiting.delete(m.kind);
      answer(m);
    }
  });
  const ask = (kind, timeoutMs) => {
    const reply = new Promise((resolve) => waiting.set(kind, resolve));
    child.send({ kind });
    return Promise.race([reply, new Promise((resolve) => setTimeout(() => resolve({}), timeoutMs))]);
  };
  const ready = new Promise((resolve) => waiting.set('ready', (m) => resolve(m.url)));
  child.send({ kind: 'start', dist: pathToFileURL(dist).href, tenant, intervals });
  return {
    ready,
    emitted,
    /** Every event emitted so far has arrived here (the child flushes, then answers). */
    flushEvents: () => ask('flushed', 15_000),
    async close() {
      const closed = await ask('closed', 15_000);
      child.kill();
      return closed;
    },
  };
}

/**
 * The mock's memory from its samples (`[wall ms, MB]`), timed from the start of the calls `t0`
 * (sign-in comes before: negative times). Flat when the live heap grows less than
 * FLAT_LIVE_HEAP_MB_PER_MINUTE between the warm-up and the end of the calls.
 */
function memoryFigures(closed, t0, seconds) {
  // Warm-up: the bounded logs and history fill, the heap settles (a quarter of the run, at most a minute).
  const warmupSeconds = Math.min(60, seconds / 4);
  const fromStart = (samples) => (samples ?? []).map(([at, mb]) => [(at - t0) / 1000, mb]);
  const rss = seriesFigures(fromStart(closed.rss), warmupSeconds, seconds);
  const liveHeap = seriesFigures(fromStart(closed.liveHeap), warmupSeconds, seconds);
  return { warmupSeconds, flat: liveHeap.slopeMbPerMinute < FLAT_LIVE_HEAP_MB_PER_MINUTE, flatBelowLiveHeapMbPerMinute: FLAT_LIVE_HEAP_MB_PER_MINUTE, rss, liveHeap };
}

/** One memory series: where it stood and how fast it grew between the warm-up and the end of the calls. */
function seriesFigures(points, warmupSeconds, seconds) {
  // Only while calls come in: the drain at the end adds flat samples that would hide a growth.
  const steady = points.filter(([t]) => t >= warmupSeconds && t <= seconds);
  const mb = (x) => round(x ?? Number.NaN, 1);
  return {
    atStartMb: mb(points.find(([t]) => t >= 0)?.[1]),
    afterWarmupMb: mb(steady[0]?.[1]),
    endMb: mb(points.at(-1)?.[1]),
    maxMb: mb(Math.max(...points.map(([, value]) => value))),
    slopeMbPerMinute: round(leastSquaresSlope(steady) * 60, 2),
    samples: points.map(([t, value]) => [round(t, 1), mb(value)]),
  };
}

/** Slope of the least-squares line through `[x, y]` points (NaN for fewer than two). */
function leastSquaresSlope(points) {
  if (points.length < 2) return Number.NaN;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const [x, y] of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return covariance / variance;
}

/** The mock's process: serves, streams its events to the bench, samples its own memory. */
async function serveMock() {
  const start = await new Promise((resolve) => process.once('message', resolve));
  const { startMockFabric } = await import(start.dist);
  const fabric = await startMockFabric({ port: 0, host: '127.0.0.1', tenant: start.tenant, trustTokens: true });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let batch = [];
  const flush = () => {
    if (batch.length > 0) process.send({ events: batch });
    batch = [];
  };
  fabric.control.onEvent((e) => batch.push([e.workNo, e.at, e.envelope.event.eventType]));
  const flusher = setInterval(flush, 200);
  const rss = [];
  const liveHeap = [];
  const sampleRss = () => rss.push([Date.now(), process.memoryUsage().rss / 1048576]);
  const sampleLiveHeap = () => {
    globalThis.gc();
    liveHeap.push([Date.now(), process.memoryUsage().heapUsed / 1048576]);
  };
  sampleRss();
  sampleLiveHeap();
  const samplers = [setInterval(sampleRss, start.intervals.rssMs), setInterval(sampleLiveHeap, start.intervals.liveHeapMs)];
  process.send({ kind: 'ready', url: fabric.url });
  process.on('message', async (m) => {
    if (m.kind === 'flushed') {
      flush();
      process.send({ kind: 'flushed' });
    }
    if (m.kind === 'closed') {
      for (const sampler of samplers) clearInterval(sampler);
      clearInterval(flusher);
      sampleRss();
      lag.disable();
      const serverLoopLagMs = { p50: round(lag.percentile(50) / 1e6, 1), p99: round(lag.percentile(99) / 1e6, 1), max: round(lag.max / 1e6, 1) };
      await fabric.close();
      process.send({ kind: 'closed', serverLoopLagMs, rss, liveHeap });
    }
  });
}

if (process.argv.includes(SERVE_FLAG)) await serveMock();
else await main();
