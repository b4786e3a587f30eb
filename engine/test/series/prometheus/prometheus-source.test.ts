import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parsePromQLOrThrow } from '../../../src/promql/analyze.js';
import { printMatchers } from '../../../src/promql/printer.js';
import { simulateGroups } from '../../../src/rules/simulate.js';
import { PrometheusApi, PrometheusApiError } from '../../../src/series/prometheus/api-client.js';
import { planFetch } from '../../../src/series/prometheus/fetch-plan.js';
import { loadFromPrometheus } from '../../../src/series/prometheus/prometheus-source.js';
import { selectorWindows } from '../../../src/series/prometheus/selector-windows.js';
import { groupsOf, MIN, storeOf } from '../../rules/rules-helpers.js';
import { fakePrometheus, type FakeRequest } from './fake-prometheus.js';

const windows = (expr: string, from: number, to: number) =>
  selectorWindows(parsePromQLOrThrow(expr), from, to, 5 * MIN).map((w) => `${printMatchers(w.selector.matchers)} (${w.fromMs / MIN}m, ${w.toMs / MIN}m]`);

describe('selectorWindows', () => {
  it('reaches back by the lookback for instant selectors and by the range for range selectors', () => {
    expect(windows('up + rate(x[10m])', 60 * MIN, 120 * MIN).sort()).toEqual(['{__name__="up"} (55m, 120m]', '{__name__="x"} (50m, 120m]']);
  });

  it('shifts by offset, pins to @, and widens through subqueries', () => {
    expect(windows('x offset 1h', 60 * MIN, 120 * MIN)).toEqual(['{__name__="x"} (-5m, 60m]']);
    expect(windows('x @ 600', 60 * MIN, 120 * MIN)).toEqual(['{__name__="x"} (5m, 10m]']);
    expect(windows('max_over_time(rate(x[5m])[30m:1m] offset 10m)', 60 * MIN, 120 * MIN)).toEqual(['{__name__="x"} (15m, 110m]']);
    expect(windows('x @ start()', 60 * MIN, 120 * MIN)).toEqual(['{__name__="x"} (55m, 120m]']);
  });
});

describe('planFetch', () => {
  const groups = groupsOf(`groups:
  - name: g
    interval: 30s
    query_offset: 1m
    rules:
      - record: job:x:rate5m
        expr: sum by (job) (rate(x[5m]))
      - alert: A
        expr: job:x:rate5m > 1 and on (job) up{job="api"} == 1
      - alert: B
        expr: ALERTS{alertname="A"} unless max_over_time(up[10m]) > 0
`);
  const plan = planFetch(groups, { startMs: 60 * MIN, endMs: 120 * MIN, defaultIntervalMs: MIN });

  it('fetches every selector over its window, not what the rules write', () => {
    expect(plan.raw.map((r) => `${r.selector} (${r.fromMs / MIN}m, ${r.toMs / MIN}m]`)).toEqual([
      '{__name__="x"} (54m, 119m]',
      '{__name__="up",job="api"} (54m, 119m]',
      '{__name__="up"} (49m, 119m]',
    ]);
  });

  it('asks for presence at the evaluation times of selectors read as instant vectors', () => {
    expect(plan.presence.map((p) => `${p.selector} ${p.startMs / MIN}m..${p.endMs / MIN}m/${p.stepMs / 1000}s`)).toEqual(['{__name__="up",job="api"} 59m..119m/30s']);
  });
});

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('PrometheusApi', () => {
  it('posts form-encoded parameters and reads results', async () => {
    const log: FakeRequest[] = [];
    const api = new PrometheusApi('http://prom:9090/', { fetch: fakePrometheus(storeOf('up{job="a"} 1 0'), log) });
    const [series] = await api.query('up[2m]', 60_000);
    expect(series!.labels.toString()).toBe('{__name__="up", job="a"}');
    expect([series!.ts, series!.vs]).toEqual([[0, 60_000], [1, 0]]);
    expect(await api.series(['up', '{job="a"}'], 0, 60_000)).toHaveLength(1);
    expect(await api.labelNames(0, 60_000)).toEqual(['__name__', 'job']);
    expect(log.map((r) => r.path)).toEqual(['/api/v1/query', '/api/v1/series', '/api/v1/labels']);
    expect(log[1]!.params.getAll('match[]')).toEqual(['up', '{job="a"}']);
  });

  it('turns API errors and unreachable servers into PrometheusApiErrors', async () => {
    const api = new PrometheusApi('http://prom:9090', { fetch: fakePrometheus(storeOf('')) });
    await expect(api.query('up[', 0)).rejects.toThrow(PrometheusApiError);
    await expect(api.query('up[', 0)).rejects.toThrow(/bad_data/);
    const port = await closedPort();
    const down = new PrometheusApi(`http://127.0.0.1:${port}`, { timeoutMs: 5_000 });
    await expect(down.labelNames(0, 1)).rejects.toThrow(`cannot reach http://127.0.0.1:${port}/api/v1/labels: ECONNREFUSED`);
  });
});

describe('loadFromPrometheus', () => {
  // The reference store plays the server's TSDB: `stale` is a staleness marker, which the query
  // API never returns but which its instant queries honour.
  const reference = `load 30s
  up{job="api", instance="a"} 1x20 0x10 1x10 stale _x40 1x20
  up{job="api", instance="b"} 1x100
  x{job="api"} 0+10x100
`;
  const rules = `groups:
  - name: g
    rules:
      - record: job:x:rate2m
        expr: sum by (job) (rate(x[2m]))
      - alert: InstanceDown
        expr: up == 0
        for: 1m
      - alert: Seen
        expr: up == 1 and on (job) job:x:rate2m > 0
`;

  it('fetches what the rules read, so that simulating on it gives what simulating on the server data gives', async () => {
    const groups = groupsOf(rules);
    const log: FakeRequest[] = [];
    const api = new PrometheusApi('http://prom', { fetch: fakePrometheus(storeOf(reference), log) });
    const options = { startMs: 10 * MIN, endMs: 50 * MIN, defaultIntervalMs: MIN };
    const loaded = await loadFromPrometheus(api, groups, { ...options, chunkMs: 7 * MIN });
    expect(loaded.problems).toEqual([]);
    expect(loaded.times).toBe('absolute');
    const transitions = (store: typeof loaded.store) =>
      simulateGroups(groups, store, options).transitions.map(({ rule, transition: t }) => `${t.atMs / MIN} ${rule.name} ${t.labels.get('instance')} ${t.to}`);
    const expected = transitions(storeOf(reference));
    expect(transitions(loaded.store)).toEqual(expected);
    expect(expected).toContain('22 Seen a inactive'); // the staleness marker at 21.5m, not 5 minutes of lookback later
    expect(log.filter((r) => r.path === '/api/v1/query').length).toBeGreaterThan(4);
  });

  it('refuses to fetch more series than allowed', async () => {
    const api = new PrometheusApi('http://prom', { fetch: fakePrometheus(storeOf(reference)) });
    await expect(loadFromPrometheus(api, groupsOf(rules), { startMs: 0, endMs: MIN, defaultIntervalMs: MIN, maxSeries: 2 })).rejects.toThrow(
      "the rules' selectors match 3 series, more than the limit of 2",
    );
  });
});
