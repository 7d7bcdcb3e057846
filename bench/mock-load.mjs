// Load benchmark of the mock fabric: N signed-in agents long-polling the mock CC-Gateway while
// calls are injected at a fixed rate; agents answer over the gateway and the customer hangs up
// after --hold-ms. Prints event-delivery latency p50/p99 (emission in the mock → receipt by the
// agent's poll) and lost events, and writes the figures as JSON on the last line.
//
//   npm run build && node bench/mock-load.mjs [--seconds 60] [--agents 500] [--rate 50] [--hold-ms 2000]
//
// The mock runs in a worker thread (its own event loop, like a separate server); agents and the
// injector run on the main thread over real sockets. Date.now() is shared, so latencies compare.
// Client re-poll: at once after an event, 200-500 ms after an empty poll (docs/cec-reference.md §5.7).
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import http from 'node:http';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import os from 'node:os';
import { ROOT, percentile, round } from './lib.mjs';

const DIST = path.join(ROOT, 'dist/mock-fabric/index.mjs');

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
          resolve({ status: res.statusCode, headers: res.headers, json });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function main() {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '60' }, agents: { type: 'string', default: '500' }, rate: { type: 'string', default: '50' }, 'hold-ms': { type: 'string', default: '2000' } },
  });
  const seconds = Number(values.seconds);
  const nAgents = Number(values.agents);
  const rate = Number(values.rate);
  const holdMs = Number(values['hold-ms']);
  if (!existsSync(DIST)) {
    console.error(`${DIST} is missing: run npm run build first`);
    process.exit(1);
  }
  const tenant = makeTenant(nAgents);
  const clientLag = monitorEventLoopDelay({ resolution: 10 });
  clientLag.enable();
  const loadBefore = os.loadavg()[0];
  const worker = new Worker(new URL(import.meta.url), { workerData: { tenant } });
  const { url } = await new Promise((resolve) => worker.once('message', resolve));
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

  // Match the k-th event each agent received with the k-th event the mock logged for it.
  const latencies = [];
  let emitted = 0;
  let got = 0;
  let mismatched = 0;
  const logs = new Map();
  next = 0;
  const workNos = [...guids.keys()];
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < workNos.length) {
        const w = workNos[next++];
        logs.set(w, (await call(url, 'GET', `/__mock/events?workNo=${w}`)).json.events);
      }
    }),
  );
  polling = false;
  for (const w of workNos) {
    const log = logs.get(w);
    const recv = received.get(w);
    emitted += log.length;
    got += Math.min(recv.length, log.length);
    for (let k = 0; k < Math.min(recv.length, log.length); k++) {
      if (recv[k].type !== log[k].envelope.event.eventType) mismatched++;
      latencies.push(recv[k].t - log[k].at);
    }
  }
  const lost = emitted - got;
  const state = (await call(url, 'GET', '/__mock/state')).json;
  const callsByState = {};
  for (const c of state.calls) callsByState[c.state] = (callsByState[c.state] ?? 0) + 1;

  clientLag.disable();
  worker.postMessage('close');
  const closed = await Promise.race([new Promise((r) => worker.once('message', r)), new Promise((r) => setTimeout(() => r({}), 15_000))]);
  await worker.terminate();
  httpAgent.destroy();
  void loops;

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
    p99Within100ms: percentile(latencies, 99) <= 100,
    // Context: event-loop lag of the mock (worker) and of the client side, and the machine's load.
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

if (!isMainThread) {
  // ── worker: the mock server ──
  const { startMockFabric } = await import(DIST);
  const fabric = await startMockFabric({ port: 0, host: '127.0.0.1', tenant: workerData.tenant, trustTokens: true });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  parentPort.postMessage({ url: fabric.url });
  parentPort.on('message', async (m) => {
    if (m === 'close') {
      lag.disable();
      const serverLoopLagMs = { p50: round(lag.percentile(50) / 1e6, 1), p99: round(lag.percentile(99) / 1e6, 1), max: round(lag.max / 1e6, 1) };
      await fabric.close();
      parentPort.postMessage({ closed: true, serverLoopLagMs });
    }
  });
} else {
  await main();
}
