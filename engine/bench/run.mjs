// `npm run bench`: parse/check and evaluation throughput of the engine, with the peer parser
// (Prometheus's own Lezer grammar) measured on the same input in the same run.
import { parser as lezerParser } from '@prometheus-io/lezer-promql';
import { Labels, MemoryStore, evaluateRange, parsePromQL, parsePromQLOrThrow } from '../dist/index.js';
import { generateAlertExpressions } from './generate.mjs';

const argv = new Set(process.argv.slice(2));
const quick = argv.has('--quick');

function timeIt(fn, rounds) {
  const times = [];
  let result;
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { best: times[0], median: times[Math.floor(times.length / 2)], result };
}

function benchParse() {
  const expressions = generateAlertExpressions(10_000);
  const bytes = expressions.reduce((n, e) => n + Buffer.byteLength(e), 0);
  for (const e of expressions.slice(0, 2000)) parsePromQL(e);
  const klaxon = timeIt(() => {
    let problems = 0;
    for (const e of expressions) problems += parsePromQL(e).problems.filter((p) => p.severity === 'error').length;
    return problems;
  }, 7);
  if (klaxon.result !== 0) throw new Error(`generated expressions gave ${klaxon.result} errors`);
  const lezer = timeIt(() => {
    for (const e of expressions) lezerParser.parse(e);
  }, 7);
  console.log('## Parse and type-check: 10,000 generated alert expressions');
  console.log(`input: ${expressions.length} expressions, ${(bytes / 1e6).toFixed(2)} MB`);
  console.log(`klaxon parse+check: ${klaxon.median.toFixed(0)} ms median (best ${klaxon.best.toFixed(0)} ms), ` +
    `${Math.round(expressions.length / (klaxon.median / 1000)).toLocaleString('en')} expr/s, ${(bytes / 1e6 / (klaxon.median / 1000)).toFixed(2)} MB/s`);
  console.log(`peer lezer-promql parse only (no AST, no checks): ${lezer.median.toFixed(0)} ms median`);
  console.log(`ratio klaxon/lezer: ${(klaxon.median / lezer.median).toFixed(2)}x the time; goal < 500 ms: ${klaxon.median < 500 ? 'met' : 'NOT met'}`);
  console.log('');
}

function benchEval() {
  const seriesCount = quick ? 1_000 : 10_000;
  const dayMs = 86_400_000;
  const scrapeMs = 15_000;
  const stepMs = 60_000;
  const rangeMs = 300_000;
  const store = new MemoryStore();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < seriesCount; i++) {
    const labels = Labels.from({ __name__: 'x', job: `job${i % 10}`, instance: `host-${i}:9100` });
    let v = 0;
    for (let t = 0; t < dayMs; t += scrapeMs) {
      v += (i % 7) + 1;
      store.append(labels, t, v);
    }
  }
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const query = 'sum by (job) (rate(x[5m]))';
  const expr = parsePromQLOrThrow(query);
  // Samples processed as Prometheus counts them: for every step, the samples inside each series' window.
  let samplesPerSeries = 0;
  for (let t = 0; t <= dayMs; t += stepMs) {
    const first = Math.max(0, Math.floor((t - rangeMs) / scrapeMs) + 1);
    const last = Math.min(Math.floor(t / scrapeMs), dayMs / scrapeMs - 1);
    samplesPerSeries += Math.max(0, last - first + 1);
  }
  const processed = samplesPerSeries * seriesCount;
  const run = timeIt(() => evaluateRange(expr, store, 0, dayMs, stepMs), 3);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`## Evaluation: ${query} over ${seriesCount.toLocaleString('en')} series x 1 day at 15s, step 1m`);
  console.log(`store: ${store.samplesCount.toLocaleString('en')} samples loaded in ${(loadMs / 1000).toFixed(1)} s`);
  console.log(`range query: ${run.median.toFixed(0)} ms median (best ${run.best.toFixed(0)} ms), ${run.result.series.length} result series`);
  console.log(`samples processed: ${processed.toLocaleString('en')}, ${(processed / (run.median / 1000) / 1e6).toFixed(1)} M samples/s ` +
    `(goal >= 20 M/s: ${processed / (run.median / 1000) >= 20e6 ? 'met' : 'NOT met'})`);
  console.log(`peak memory (max RSS of the process): ${rssMb.toFixed(0)} MB`);
  console.log('');
}

benchParse();
benchEval();
