// Store benchmark: ingest of 100,000 alerts posted in batches of 100 (each batch one putAlerts, as
// one API request makes), new and then re-sent, one batch at a time and 8 at a time (group
// commit); and the latency of a single-alert write waiting for its commit. Both durability settings.
// `node bench/store.mjs [--quick]` after `npm run build`; --quick writes a tenth as many alerts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprint } from '../dist/labels/fingerprint.js';
import { Labels } from '../dist/labels/labels.js';
import { KlaxonStore } from '../dist/store/klaxon-store.js';

const quick = process.argv.includes('--quick');
const ALERTS = quick ? 10_000 : 100_000;
const BATCH = 100;
const SINGLE_WRITES = quick ? 200 : 2_000;

function makeAlert(n) {
  const labels = Labels.from({
    alertname: `Alert${n % 50}`,
    instance: `host-${n}:9100`,
    job: ['api', 'web', 'db', 'cache'][n % 4],
    severity: n % 3 === 0 ? 'critical' : 'warning',
  });
  return {
    fingerprint: fingerprint(labels),
    labels,
    annotations: { summary: `Something is wrong on host-${n}`, runbook_url: 'https://runbooks.example/alert' },
    startsAt: 1_700_000_000_000 + n,
    endsAt: 1_700_000_300_000 + n,
    generatorURL: 'http://prometheus.example:9090/graph?g0.expr=up',
    updatedAt: 1_700_000_000_000 + n,
    timeout: false,
  };
}

function batches() {
  const out = [];
  for (let start = 0; start < ALERTS; start += BATCH) {
    out.push(Array.from({ length: BATCH }, (_, i) => makeAlert(start + i)));
  }
  return out;
}

function withStore(synchronous, fn) {
  const directory = mkdtempSync(join(tmpdir(), 'klaxon-store-bench-'));
  const store = KlaxonStore.open(directory, { synchronous });
  return fn(store).finally(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });
}

/** Posts every batch, `inFlight` at a time; returns alerts per second. */
async function post(store, work, inFlight) {
  const t0 = performance.now();
  let next = 0;
  const poster = async () => {
    while (next < work.length) await store.putAlerts(work[next++]);
  };
  await Promise.all(Array.from({ length: inFlight }, poster));
  return ALERTS / ((performance.now() - t0) / 1000);
}

/** New alerts, then the same alerts re-sent (as Prometheus does every evaluation): updates. */
async function ingest(synchronous, inFlight) {
  const work = batches();
  return withStore(synchronous, async (store) => {
    const fresh = await post(store, work, inFlight);
    const resent = await post(store, work, inFlight);
    return { fresh, resent, transactions: store.commitStats.transactions };
  });
}

async function singleWriteLatency(synchronous) {
  return withStore(synchronous, async (store) => {
    const times = [];
    for (let n = 0; n < SINGLE_WRITES; n++) {
      const alert = makeAlert(n);
      const t0 = performance.now();
      await store.putAlerts([alert]);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
    return { p50: at(0.5), p99: at(0.99) };
  });
}

console.log(`## Store: ${ALERTS.toLocaleString('en')} alerts in batches of ${BATCH}; ${SINGLE_WRITES} single-alert writes`);
for (const synchronous of ['full', 'normal']) {
  for (const inFlight of [1, 8]) {
    const { fresh, resent, transactions } = await ingest(synchronous, inFlight);
    const rate = (perSecond) => `${Math.round(perSecond).toLocaleString('en')} alerts/s`;
    console.log(
      `synchronous=${synchronous}, ${inFlight} batch(es) in flight: new ${rate(fresh)}, re-sent ${rate(resent)} ` +
        `(${transactions} transactions)`,
    );
  }
  const { p50, p99 } = await singleWriteLatency(synchronous);
  console.log(`synchronous=${synchronous}, one alert per commit: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`);
}
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
