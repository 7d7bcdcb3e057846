// Load benchmark of the shell server's `/service-cloud/` proxy (issue 14, server kit item 2): while
// 500 agents long-poll through it and one client misbehaves (holds hundreds of polls and hundreds
// of uploads that never finish, re-opening each one a second after it ends), how long does another
// agent's command take? Three scenarios, each with the same command stream (50/s, random agents):
//   idle         default limits, no other traffic: the baseline
//   loaded       default limits, 500 agents polling + the misbehaving client: the figure
//   capsLifted   the same load with the per-client caps and deadlines lifted through the options
//                (the budgets stay): what the caps buy
// Prints p50/p99 per scenario and the ratio loaded p99 / idle p99; target: loaded p99 < 100 ms.
//
//   npm run build && node bench/proxy-load.mjs [--seconds 20] [--agents 500] [--quick]
//
// The proxy and a fake CEC run in a worker thread (their own event loop, like a separate server);
// the clients run on the main thread over real sockets on 127.0.0.1. The fake CEC holds each event
// poll --poll-hold-ms (CEC: about 10 s, docs/cec-reference.md §5.7), answers commands at once and
// reads uploads forever; agents poll again 200-500 ms after each answer.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ROOT, percentile, printTable, round } from './lib.mjs';

const DIST = path.join(ROOT, 'dist/server/index.mjs');
const GATEWAY = '/service-cloud/agentgateway/resource/';
/** Kept-alive connections the command stream uses to each server. */
const COMMAND_SOCKETS = 32;
/** A command that got no answer within this long counts as failed, with this latency. */
const COMMAND_GIVE_UP_MS = 5000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Worker: the fake CEC and the proxy under test. Any message asks for its figures; the main
// thread ends it with worker.terminate().

async function serve({ limits, pollHoldMs }) {
  const { createProxyHandler } = await import(DIST);
  const held = { polls: 0, uploads: 0 };
  const upstream = http.createServer((req, res) => {
    if (req.url.includes('/agentevent/')) {
      held.polls += 1;
      const timer = setTimeout(() => res.end('{"message":"","retcode":"0","event":null}'), pollHoldMs);
      res.on('close', () => {
        clearTimeout(timer);
        held.polls -= 1;
      });
      return req.resume();
    }
    if (req.url.includes('/upload')) {
      held.uploads += 1;
      res.on('close', () => (held.uploads -= 1));
      return req.resume(); // the body never ends, so no answer
    }
    req.resume();
    req.on('end', () => res.end('{"message":"","retcode":"0"}'));
  });
  upstream.keepAliveTimeout = 120_000; // longer than the proxy keeps a socket idle, as it should be for any upstream
  await new Promise((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  // What the proxy warned about (refusals, upstream errors), counted by message and error.
  const warnings = {};
  const logger = {
    warn: (message, data) => {
      const key = data?.error ? `${message}: ${data.error}` : message;
      warnings[key] = (warnings[key] ?? 0) + 1;
    },
  };
  const proxy = createProxyHandler({ upstreamOrigin: `http://127.0.0.1:${upstream.address().port}`, timeoutMs: 60_000, logger, ...(limits ? { limits } : {}) });
  const server = http.createServer((req, res) => proxy(req, res, req.url ?? '/'));
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  parentPort.on('message', () => {
    parentPort.postMessage({ held: { ...held }, warnings: { ...warnings }, loopLagP99Ms: round(lag.percentile(99) / 1e6, 1), loopLagMaxMs: round(lag.max / 1e6, 1) });
  });
  parentPort.postMessage({ url: `http://127.0.0.1:${server.address().port}` });
}

if (!isMainThread) await serve(workerData);

// ---------------------------------------------------------------------------------------------
// Main thread: the clients.

/** One request; resolves with { status, ms } once the answer has been read, or status 0 on error/give-up. */
function send(url, { method = 'GET', headers = {}, body, agent, giveUpMs }) {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(url, { method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } });
    const done = (status) => {
      clearTimeout(timer);
      resolve({ status, ms: performance.now() - started });
    };
    const timer = giveUpMs === undefined ? undefined : setTimeout(() => req.destroy(new Error('gave up')), giveUpMs);
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
      res.on('error', () => done(0));
    });
    req.on('error', (error) => done(error.message === 'gave up' ? 'gave up' : error.code ?? 0));
    req.end(body);
  });
}

/** Each agent: poll, and 200-500 ms after the answer poll again, until `running()` is false. */
function startAgents(url, count, running) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const statuses = {};
  const loops = Array.from({ length: count }, async (_, index) => {
    await sleep(Math.random() * 1000); // agents sign in over a second, not all at once
    while (running()) {
      const { status } = await send(`${url}${GATEWAY}agentevent/${1000 + index}`, { agent, headers: { Guid: `bench-guid-${index}` } });
      statuses[status] = (statuses[status] ?? 0) + 1;
      await sleep(200 + Math.random() * 300);
    }
  });
  return { statuses, done: () => Promise.all(loops).then(() => agent.destroy()) };
}

/**
 * The misbehaving client: keeps `polls` polls (one Guid) and `uploads` never-finishing uploads (no
 * Guid, no cookie: known by address only) open, re-opening each one `retryMs` after it ended.
 */
function startRogue(url, { polls, uploads, retryMs }, running) {
  const statuses = {};
  // Polls on kept-alive sockets, as a script using fetch would; each upload has its own connection anyway.
  const pollAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const open = (options) => {
    const req = http.request(options.target, { method: options.method, agent: options.method === 'GET' ? pollAgent : false, headers: options.headers });
    let ended = false;
    const reopen = (status) => {
      if (ended) return;
      ended = true;
      statuses[status] = (statuses[status] ?? 0) + 1;
      req.destroy();
      if (running()) setTimeout(() => open(options), retryMs);
    };
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => reopen(res.statusCode ?? 0));
      res.on('error', () => reopen(0));
    });
    req.on('error', () => reopen(0));
    live.add(req);
    req.on('close', () => live.delete(req));
    if (options.method === 'GET') req.end();
    else req.write('x'.repeat(10));
  };
  const live = new Set();
  for (let index = 0; index < polls; index += 1) open({ method: 'GET', target: `${url}${GATEWAY}agentevent/666`, headers: { Guid: 'rogue-guid' } });
  for (let index = 0; index < uploads; index += 1) open({ method: 'POST', target: `${url}${GATEWAY}onlineagent/666/upload${index}`, headers: { 'content-length': '1000000' } });
  const stop = () => {
    live.forEach((req) => req.destroy());
    pollAgent.destroy();
  };
  return { statuses, stop };
}

/** Latency figures of one command stream; a failed command counts as COMMAND_GIVE_UP_MS. */
function summarise(results) {
  const latencies = results.map((r) => (r.status === 200 ? r.ms : COMMAND_GIVE_UP_MS));
  const failedStatuses = {};
  for (const { status } of results.filter((r) => r.status !== 200)) failedStatuses[status] = (failedStatuses[status] ?? 0) + 1;
  return {
    commands: results.length,
    failed: results.filter((r) => r.status !== 200).length,
    failedStatuses,
    p50Ms: round(percentile(latencies, 50), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    maxMs: round(Math.max(...latencies), 1),
  };
}

/**
 * Commands at `rate` per second to each of `urls` (interleaved, the order alternating each tick,
 * so load from other processes hits every target alike) from random agents for `seconds`.
 */
async function runCommands(urls, { rate, seconds, agents }) {
  // Agents' browsers already hold kept-alive connections to the shell server (their polls run on
  // them): open the sockets first, so no command pays a TCP handshake. FIFO keeps them all in use.
  const agent = new http.Agent({ keepAlive: true, maxSockets: COMMAND_SOCKETS, scheduling: 'fifo' });
  const warmUp = urls.flatMap((url) => Array.from({ length: COMMAND_SOCKETS }, (_, id) => send(`${url}${GATEWAY}onlineagent/${1000 + id}/saybusy`, { method: 'POST', agent, body: '{}', headers: { Guid: `bench-guid-${id}` }, giveUpMs: COMMAND_GIVE_UP_MS })));
  await Promise.all(warmUp);
  const pending = urls.map(() => []);
  const end = performance.now() + seconds * 1000;
  let tick = 0;
  for (let next = performance.now(); next < end; next += 1000 / rate) {
    await sleep(Math.max(0, next - performance.now()));
    const order = tick % 2 === 0 ? urls.keys() : [...urls.keys()].reverse();
    tick += 1;
    for (const target of order) {
      const id = Math.floor(Math.random() * agents);
      const headers = { Guid: `bench-guid-${id}`, 'content-type': 'application/json' };
      pending[target].push(send(`${urls[target]}${GATEWAY}onlineagent/${1000 + id}/saybusy`, { method: 'POST', agent, body: '{}', headers, giveUpMs: COMMAND_GIVE_UP_MS }));
    }
  }
  const results = await Promise.all(pending.map((list) => Promise.all(list)));
  agent.destroy();
  return results.map(summarise);
}

function startServer(limits, pollHoldMs) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { limits, pollHoldMs } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', ({ url }) => {
      const ask = () => new Promise((answer) => {
        worker.once('message', answer);
        worker.postMessage('stats');
      });
      // Ending the thread closes every socket it holds, the requests still queued in the proxy included.
      const stop = () => worker.terminate();
      resolve({ url, ask, stop });
    });
  });
}

/** The agents and the misbehaving client against one server, warmed up; `stop()` sends nothing more and resolves once every agent's loop has ended. */
async function startLoad(url, options) {
  let running = true;
  const agents = startAgents(url, options.agents, () => running);
  const rogue = startRogue(url, options.rogue, () => running);
  await sleep(options.warmUpMs); // every agent and the rogue hold their requests by now
  return {
    statuses: () => ({ agentPollStatuses: agents.statuses, rogueStatuses: rogue.statuses }),
    stop: () => {
      running = false;
      rogue.stop();
      return agents.done();
    },
  };
}

/**
 * Commands against each server of `servers` at once (one of them under `load`), with each
 * server's upstream holdings at the start and event-loop lag over the run.
 */
async function measure(servers, options) {
  const before = await Promise.all(servers.map((server) => server.ask()));
  const clientLag = monitorEventLoopDelay({ resolution: 10 });
  clientLag.enable();
  const streams = await runCommands(servers.map((server) => server.url), options);
  clientLag.disable();
  const after = await Promise.all(servers.map((server) => server.ask()));
  return streams.map((stream, index) => ({
    ...stream,
    heldUpstreamAtStart: before[index].held,
    proxyWarnings: after[index].warnings,
    proxyLoopLagP99Ms: after[index].loopLagP99Ms,
    proxyLoopLagMaxMs: after[index].loopLagMaxMs,
    clientLoopLagP99Ms: round(clientLag.percentile(99) / 1e6, 1),
    clientLoopLagMaxMs: round(clientLag.max / 1e6, 1),
  }));
}

function describeResult(name, result) {
  console.log(`${name}: ${result.commands} commands, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, failed ${result.failed}; CEC held ${result.heldUpstreamAtStart.polls} polls and ${result.heldUpstreamAtStart.uploads} uploads`);
}

/** Phase 1: an idle proxy and a loaded one (default limits both), measured side by side. */
async function idleAgainstLoaded(options) {
  const idleServer = await startServer(undefined, options.pollHoldMs);
  const loadedServer = await startServer(undefined, options.pollHoldMs);
  const load = await startLoad(loadedServer.url, options);
  const [idle, loaded] = await measure([idleServer, loadedServer], options);
  Object.assign(loaded, load.statuses());
  const loadStopped = load.stop(); // no new requests; the held polls end as the servers close
  await Promise.all([idleServer.stop(), loadedServer.stop()]);
  await loadStopped;
  describeResult('idle', idle);
  describeResult('loaded', loaded);
  return { idle, loaded };
}

/** Phase 2: the same load with the caps and deadlines lifted. */
async function withCapsLifted(options) {
  const server = await startServer(CAPS_LIFTED, options.pollHoldMs);
  const load = await startLoad(server.url, options);
  const [capsLifted] = await measure([server], options);
  Object.assign(capsLifted, load.statuses());
  const loadStopped = load.stop();
  await server.stop();
  await loadStopped;
  describeResult('capsLifted', capsLifted);
  return capsLifted;
}

/** Per-client caps and deadlines as high as the options allow: the budgets alone. */
const CAPS_LIFTED = { pollsPerClient: 1_000_000, commandsPerClient: 1_000_000, socketWaitMs: 2 ** 31 - 1, bodyTimeoutMs: 2 ** 31 - 1 };

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '20' },
      agents: { type: 'string', default: '500' },
      rate: { type: 'string', default: '50' },
      'poll-hold-ms': { type: 'string', default: '10000' },
      quick: { type: 'boolean', default: false },
    },
  });
  if (!existsSync(DIST)) throw new Error('dist/server/index.mjs is missing: run `npm run build` first');
  const seconds = values.quick ? 5 : Number(values.seconds);
  const options = {
    seconds,
    agents: Number(values.agents),
    rate: Number(values.rate),
    pollHoldMs: Number(values['poll-hold-ms']),
    warmUpMs: 3000,
    rogue: { polls: 300, uploads: 300, retryMs: 1000 },
  };
  const loadBefore = os.loadavg()[0];
  console.log(`proxy load: ${options.agents} agents polling (held ${options.pollHoldMs} ms), a client holding ${options.rogue.polls} polls + ${options.rogue.uploads} unfinished uploads, ${options.rate} commands/s for ${seconds} s per scenario`);
  const { idle, loaded } = await idleAgainstLoaded(options);
  const capsLifted = await withCapsLifted(options);
  const figures = {
    name: 'proxy: command p99 with 500 agents polling and one client misbehaving',
    agents: options.agents,
    seconds,
    commandsPerSecond: options.rate,
    rogue: options.rogue,
    pollHoldMs: options.pollHoldMs,
    baselineP99Ms: idle.p99Ms,
    figureP99Ms: loaded.p99Ms,
    ratio: round(loaded.p99Ms / idle.p99Ms, 2),
    target: 'loaded p99 < 100 ms, no failed command',
    met: loaded.p99Ms < 100 && loaded.failed === 0,
    scenarios: { idle, loaded, capsLifted },
    cpus: os.cpus().length,
    loadAverage1m: { before: round(loadBefore, 2), after: round(os.loadavg()[0], 2) },
  };
  printTable('command latency through the proxy', Object.entries(figures.scenarios).map(([scenarioName, s]) => ({ scenario: scenarioName, commands: s.commands, failed: s.failed, p50Ms: s.p50Ms, p99Ms: s.p99Ms, maxMs: s.maxMs })));
  console.log(`ratio loaded p99 / idle p99: ${figures.ratio}; target met: ${figures.met}`);
  console.log(JSON.stringify(figures));
}

if (isMainThread) await main();
