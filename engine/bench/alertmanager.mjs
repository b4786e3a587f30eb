// The alert manager side by side with Debian's prometheus-alertmanager (0.25), in one run:
//  - ingest: 100,000 alerts posted in batches of 100 (4 requests in flight), alerts per second and
//    the server's peak resident memory (VmHWM), Klaxon with its SQLite store on;
//  - notification latency: with group_wait 0s, time from POST of a new alert to the webhook
//    sink receiving it, p50 and p99 over many alerts sent one at a time (after a few not counted).
//
//   node engine/bench/alertmanager.mjs [--alerts N] [--latency N] [--rounds N] [--only klaxon|alertmanager] [--klaxon PATH]
//
// The client posts over keep-alive node:http connections and is warmed up before the first
// measurement; rounds alternate which server goes first (A B, B A, ...) and medians are reported,
// so neither side pays for a cold client or a machine that got busier.
//
// Needs engine/dist (npm run build) and /usr/bin/prometheus-alertmanager.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const klaxonBin = args.includes('--klaxon') ? args[args.indexOf('--klaxon') + 1] : join(here, '..', 'dist', 'bin', 'klaxon.cjs');
const ALERTS = option('--alerts', 100_000);
const LATENCY_SAMPLES = option('--latency', 300);
const BATCH = 100;
const IN_FLIGHT = 4;
const ROUNDS = option('--rounds', 3);
const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

async function freePort() {
  const server = createNetServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A webhook sink that records when each alert (by its `seq` label) first arrived. */
async function startSink() {
  const arrivals = new Map();
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (c) => chunks.push(c));
    request.on('end', () => {
      const at = performance.now();
      try {
        for (const alert of JSON.parse(Buffer.concat(chunks).toString()).alerts ?? []) {
          const seq = alert.labels?.seq;
          if (seq !== undefined && !arrivals.has(seq)) arrivals.set(seq, at);
        }
      } catch {
        // not a webhook payload; ignore
      }
      response.end();
    });
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/`, arrivals, close: () => new Promise((r) => server.close(r)) };
}

/** Bench alerts are grouped by name and wait 30 s (no notifications during ingest); latency alerts go out at once. */
function configFor(sinkUrl) {
  return [
    'route:',
    '  receiver: sink',
    '  group_by: [alertname]',
    '  group_wait: 30s',
    '  group_interval: 5m',
    '  repeat_interval: 1h',
    '  routes:',
    '    - matchers: [\'alertname="Latency"\']',
    "      group_by: ['...']",
    '      group_wait: 0s',
    '      group_interval: 1s',
    'receivers:',
    '  - name: sink',
    '    webhook_configs:',
    `      - url: ${sinkUrl}`,
    '        send_resolved: false',
    '',
  ].join('\n');
}

async function waitReady(url, child, name) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with status ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not ready in 30 s`);
}

async function startServer(kind, configYaml) {
  const dir = mkdtempSync(join(tmpdir(), `klaxon-bench-${kind}-`));
  const configFile = join(dir, 'alertmanager.yml');
  writeFileSync(configFile, configYaml);
  const port = await freePort();
  const common = [`--config.file=${configFile}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`];
  const child =
    kind === 'klaxon'
      ? spawn(process.execPath, [klaxonBin, 'serve', ...common], { stdio: ['ignore', 'ignore', 'pipe'] })
      : spawn('/usr/bin/prometheus-alertmanager', [...common, '--cluster.listen-address='], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, child, kind);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n${log}`);
  }
  return {
    url,
    peakRssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
    },
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function alertBatch(start, prefix) {
  const startsAt = new Date().toISOString();
  return Array.from({ length: BATCH }, (_, i) => ({
    labels: { alertname: `Bench${(start + i) % 50}`, instance: `${prefix}-${start + i}:9100`, job: ['api', 'web', 'db', 'cache'][(start + i) % 4], severity: 'warning' },
    annotations: { summary: `alert ${start + i} is firing`, runbook: 'https://runbooks.example/bench' },
    startsAt,
    generatorURL: 'http://prometheus.example/graph',
  }));
}

function post(url, body) {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}/api/v2/alerts`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length } },
      (response) => {
        response.resume();
        response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`POST /api/v2/alerts answered ${response.statusCode}`))));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** Runs the client's code paths (batch building, JSON, keep-alive posts) hot before anything is measured. */
async function warmUpClient() {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end());
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) await Promise.all(Array.from({ length: IN_FLIGHT }, (_, j) => post(url, alertBatch((i * IN_FLIGHT + j) * BATCH, 'warm'))));
  await new Promise((resolve) => server.close(resolve));
}

async function ingest(server) {
  const batches = Array.from({ length: Math.ceil(ALERTS / BATCH) }, (_, i) => alertBatch(i * BATCH, 'ingest'));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < batches.length) await post(server.url, batches[next++]);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { alertsPerSecond: (batches.length * BATCH) / seconds, seconds, peakRssMb: server.peakRssMb() };
}

/** Both servers first handle WARM_UP_ALERTS alerts that are not counted: a long-running server's latency is measured, not its first requests. */
const WARM_UP_ALERTS = 50;

async function latency(server, sink) {
  const times = [];
  for (let i = -WARM_UP_ALERTS; i < LATENCY_SAMPLES; i++) {
    const seq = `${i}`;
    const sent = performance.now();
    await post(server.url, [{ labels: { alertname: 'Latency', seq }, startsAt: new Date().toISOString() }]);
    while (!sink.arrivals.has(seq)) {
      if (performance.now() - sent > 10_000) throw new Error(`alert ${seq} did not reach the sink within 10 s`);
      await new Promise((r) => setImmediate(r));
    }
    if (i >= 0) times.push(sink.arrivals.get(seq) - sent);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

async function measure(kind) {
  const sink = await startSink();
  const server = await startServer(kind, configFor(sink.url));
  try {
    const lat = await latency(server, sink);
    const ing = await ingest(server);
    return { ...ing, ...lat };
  } finally {
    await server.stop();
    await sink.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (spawnSync('sh', ['-c', 'command -v prometheus-alertmanager']).status !== 0) throw new Error('prometheus-alertmanager is not installed');
  await warmUpClient();
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  if (only) {
    console.log(only, await measure(only));
    return;
  }
  const results = { klaxon: [], alertmanager: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ['klaxon', 'alertmanager'] : ['alertmanager', 'klaxon'];
    for (const kind of order) results[kind].push(await measure(kind));
  }
  const f = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const summary = (kind) => {
    const runs = results[kind];
    return {
      alertsPerSecond: median(runs.map((r) => r.alertsPerSecond)),
      each: runs.map((r) => f(r.alertsPerSecond)).join(', '),
      peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
      p50: median(runs.map((r) => r.p50)),
      p99: median(runs.map((r) => r.p99)),
    };
  };
  const klaxon = summary('klaxon');
  const upstream = summary('alertmanager');
  console.log(`## alert manager: klaxon serve (SQLite store) vs prometheus-alertmanager 0.25, ${ROUNDS} rounds in alternating order, medians`);
  console.log(`ingest: ${f(ALERTS)} alerts in batches of ${BATCH}, ${IN_FLIGHT} requests in flight`);
  console.log(`  klaxon:        ${f(klaxon.alertsPerSecond)} alerts/s (rounds: ${klaxon.each}), peak RSS ${f(klaxon.peakRssMb)} MB`);
  console.log(`  alertmanager:  ${f(upstream.alertsPerSecond)} alerts/s (rounds: ${upstream.each}), peak RSS ${f(upstream.peakRssMb)} MB`);
  const ratio = klaxon.alertsPerSecond / upstream.alertsPerSecond;
  console.log(`  ratio: klaxon ingests ${f(ratio, 2)}x as fast; goal >= 1x: ${ratio >= 1 ? 'met' : 'NOT met'}`);
  console.log(`notification latency, POST to webhook sink, group_wait 0s, ${LATENCY_SAMPLES} alerts one at a time after ${WARM_UP_ALERTS} not counted`);
  console.log(`  klaxon:        p50 ${f(klaxon.p50, 1)} ms, p99 ${f(klaxon.p99, 1)} ms`);
  console.log(`  alertmanager:  p50 ${f(upstream.p50, 1)} ms, p99 ${f(upstream.p99, 1)} ms`);
  agent.destroy();
}

await main();
