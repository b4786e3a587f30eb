/**
 * A small store for fuzzing the evaluator: a few series at a one-minute interval from t=0 to 40m,
 * with staleness markers, gaps, NaN, ±Inf, huge values, counter resets and histogram buckets.
 */
import { MemoryStore } from '../../src/series/memory-store.js';
import { loadSeriesLine, parseSeriesLine } from '../../src/series/notation.js';

const FUZZ_INTERVAL_MS = 60_000;
/** The last sample time of the longest series. */
export const FUZZ_END_MS = 40 * FUZZ_INTERVAL_MS;

const SERIES = [
  'metric_a{job="api", instance="a"} 1+1x20 stale 5 NaN Inf -Inf 3 _x5 9+1x10',
  'metric_a{job="api", instance="b"} 0 NaN _ 3 stale _x3 7+0.5x30',
  'metric_a{job="db", instance="a"} -Inf Inf NaN 1e308 -1e308 0 -0 5x30 stale',
  'metric_b 1 stale 2 stale stale 3 _x10 4',
  'http_requests_total{job="api", code="200"} 0+10x20 0+10x19',
  'http_requests_total{job="api", code="500"} 0+1x40',
  'latency_bucket{job="api", le="0.1"} 0+1x40',
  'latency_bucket{job="api", le="1"} 0+2x40',
  'latency_bucket{job="api", le="+Inf"} 0+3x40',
  'odd_labels{job="a\\"b", path="/x,y", "service.name"="ünï"} 1x40',
];

export function fuzzStore(): MemoryStore {
  const store = new MemoryStore();
  for (const line of SERIES) loadSeriesLine(store, parseSeriesLine(line), 0, FUZZ_INTERVAL_MS);
  return store;
}
