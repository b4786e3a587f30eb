/**
 * Backtesting against real history: fetches from a Prometheus-compatible query API the raw
 * samples that rule groups read over a span (fetch-plan.ts), into a MemoryStore, so that the
 * rules can then be simulated locally.
 *
 * The query API leaves out staleness markers. Where a series read as an instant vector has a
 * sample within the lookback of an evaluation time but the server says it was absent then, the
 * series went stale before that time: a marker is put at that time, so local evaluations at the
 * evaluation times see what the server saw.
 */
import type { RuleGroup } from '../../rules/rule.js';
import { TimeSpan, type LoadedSeries } from '../loaded-series.js';
import { MemoryStore } from '../memory-store.js';
import type { Labels } from '../../labels/labels.js';
import { PrometheusApiError, type PrometheusApi } from './api-client.js';
import { planFetch, type FetchPlanOptions, type PresenceGrid, type RawFetch } from './fetch-plan.js';

export interface PrometheusSourceOptions extends FetchPlanOptions {
  /** Refuse to fetch more series than this. Default 100,000. */
  maxSeries?: number;
  /** The span of raw samples asked for in one request. Default 2h. */
  chunkMs?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Called as requests complete. */
  onProgress?: (done: number, total: number) => void;
}

/** The most points Prometheus returns per series from one range query. */
const MAX_POINTS_PER_QUERY = 11_000;

export async function loadFromPrometheus(api: PrometheusApi, groups: readonly RuleGroup[], options: PrometheusSourceOptions): Promise<LoadedSeries> {
  const store = new MemoryStore();
  const span = new TimeSpan();
  const plan = planFetch(groups, options);
  if (plan.raw.length > 0) {
    const fromMs = Math.min(...plan.raw.map((r) => r.fromMs));
    const toMs = Math.max(...plan.raw.map((r) => r.toMs));
    const matched = await api.series(plan.raw.map((r) => r.selector), fromMs, toMs);
    const maxSeries = options.maxSeries ?? 100_000;
    if (matched.length > maxSeries) {
      throw new PrometheusApiError(`the rules' selectors match ${matched.length} series, more than the limit of ${maxSeries}`);
    }
  }
  const rawRequests = plan.raw.flatMap((fetch) => rawChunks(fetch, options.chunkMs ?? 2 * 3_600_000));
  const presenceRequests = plan.presence.flatMap(presenceChunks);
  const total = rawRequests.length + presenceRequests.length;
  let done = 0;
  const progress = () => options.onProgress?.(++done, total);

  const sampleTimes = new Map<string, Map<string, SampleTimes>>();
  await inParallel(rawRequests, options.concurrency ?? 4, async ({ selector, query, atMs }) => {
    let bySeries = sampleTimes.get(selector);
    if (!bySeries) sampleTimes.set(selector, (bySeries = new Map()));
    for (const s of await api.query(query, atMs)) {
      const key = s.labels.key();
      let times = bySeries.get(key);
      if (!times) bySeries.set(key, (times = { labels: s.labels, ts: [] }));
      for (let i = 0; i < s.ts.length; i++) {
        store.append(s.labels, s.ts[i]!, s.vs[i]!);
        span.add(s.ts[i]!);
        times.ts.push(s.ts[i]!);
      }
    }
    progress();
  });

  const lookbackMs = options.lookbackDeltaMs ?? 300_000;
  await inParallel(presenceRequests, options.concurrency ?? 4, async (grid) => {
    const present = await api.queryRange(grid.selector, grid.startMs, grid.endMs, grid.stepMs);
    const presentAt = new Map(present.map((s) => [s.labels.key(), new Set(s.ts)]));
    for (const [key, series] of sampleTimes.get(grid.selector) ?? []) {
      for (const t of staleTimes(series.ts, presentAt.get(key) ?? new Set(), grid, lookbackMs)) store.appendStale(series.labels, t);
    }
    progress();
  });
  return { store, ...span.bounds(), times: 'absolute', problems: [] };
}

interface SampleTimes {
  labels: Labels;
  ts: number[];
}

interface RawRequest {
  selector: string;
  query: string;
  atMs: number;
}

/** Instant queries of `selector[width]` ending at successive times, covering `(fromMs, toMs]`. */
function rawChunks(fetch: RawFetch, chunkMs: number): RawRequest[] {
  const out: RawRequest[] = [];
  for (let end = fetch.toMs; end > fetch.fromMs; end -= chunkMs) {
    const width = Math.min(chunkMs, end - fetch.fromMs);
    out.push({ selector: fetch.selector, query: `${fetch.selector}[${width}ms]`, atMs: end });
  }
  return out;
}

function presenceChunks(grid: PresenceGrid): PresenceGrid[] {
  const out: PresenceGrid[] = [];
  const span = (MAX_POINTS_PER_QUERY - 1) * grid.stepMs;
  for (let start = grid.startMs; start <= grid.endMs; start += span + grid.stepMs) {
    out.push({ ...grid, startMs: start, endMs: Math.min(grid.endMs, start + span) });
  }
  return out;
}

/**
 * The first grid time after each run of samples at which the series had a sample within the
 * lookback but the server did not return it: it went stale by then.
 */
function staleTimes(sampleTimes: number[], presentAt: ReadonlySet<number>, grid: PresenceGrid, lookbackMs: number): number[] {
  const out: number[] = [];
  const ts = sampleTimes.sort((a, b) => a - b);
  let next = 0;
  let last: number | undefined;
  let markedAfter: number | undefined;
  for (let t = grid.startMs; t <= grid.endMs; t += grid.stepMs) {
    while (next < ts.length && ts[next]! <= t) last = ts[next++];
    if (last === undefined || t - last >= lookbackMs || presentAt.has(t) || markedAfter === last) continue;
    out.push(t);
    markedAfter = last;
  }
  return out;
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let index = 0;
  const worker = async () => {
    while (index < items.length) await work(items[index++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
