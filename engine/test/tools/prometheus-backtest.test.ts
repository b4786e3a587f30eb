/**
 * Backtesting against a real Prometheus: two hours of series are written as TSDB blocks with
 * `promtool tsdb create-blocks-from openmetrics`, a `prometheus` server is started on them, and
 * Klaxon fetches what the rules read through the query API and simulates the rules locally.
 * Prometheus's own evaluation of the same expressions (`/api/v1/query_range`) must agree, value
 * for value, and so must the alert transitions they drive.
 *
 * Sample times sit 7 seconds off the minute so that no sample lies on a window boundary, where
 * Prometheus 2.x (Debian's) and 3.x (Klaxon) differ.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Labels } from '../../src/labels/labels.js';
import { parsePromQLOrThrow } from '../../src/promql/analyze.js';
import { evaluateInstant } from '../../src/promql/eval/evaluate.js';
import { AlertingRuleState } from '../../src/rules/alert-state.js';
import { loadRuleFile } from '../../src/rules/load-rule-file.js';
import type { AlertingRule } from '../../src/rules/rule.js';
import { simulateGroups } from '../../src/rules/simulate.js';
import { PrometheusApi, type ApiSeries } from '../../src/series/prometheus/api-client.js';
import { loadFromPrometheus } from '../../src/series/prometheus/prometheus-source.js';
import { ruleFileText, type RuleSpec } from '../rules/rule-file-text.js';
import { requireTool } from './tool-path.js';

const MIN = 60_000;
const BASE_S = 1_704_067_200; // 2024-01-01T00:00:00Z
const STEP_S = 15;
const SAMPLES = 480; // two hours

const ERROR_RATIO = 'sum by (job) (rate(http_requests_total{code="500"}[5m])) / sum by (job) (rate(http_requests_total[5m]))';

const RULE_SPECS: RuleSpec[] = [
  { record: 'job:http_errors:ratio5m', expr: ERROR_RATIO },
  { alert: 'HighErrorRatio', expr: 'job:http_errors:ratio5m > 0.05', for: '5m' },
  { alert: 'InstanceDown', expr: 'up == 0', for: '3m', annotations: { summary: '{{ $labels.instance }} is down' } },
  { alert: 'ErrorsRising', expr: 'increase(http_requests_total{code="500"}[10m]) > 10' },
  { alert: 'Flapping', expr: 'changes(up[10m]) > 0 unless up offset 30m == 0' },
];

const RULES = ruleFileText([{ name: 'api', interval: '1m', rules: RULE_SPECS }]);

/** The rules' expressions with recorded names replaced by what they record, for Prometheus to evaluate. */
const PROMETHEUS_EXPRESSIONS: Record<string, string> = Object.fromEntries(
  RULE_SPECS.map((rule) => [rule.record ?? rule.alert, rule.expr.replace('job:http_errors:ratio5m', `(${ERROR_RATIO})`)]),
);

function openMetrics(): string {
  const lines = ['# TYPE up gauge'];
  const at = (k: number) => BASE_S + 7 + STEP_S * k;
  for (const instance of ['a', 'b']) {
    for (let k = 0; k < SAMPLES; k++) {
      const down = instance === 'a' && ((k >= 200 && k < 260) || (k >= 400 && k < 404));
      lines.push(`up{job="api",instance="${instance}"} ${down ? 0 : 1} ${at(k)}`);
    }
  }
  lines.push('# TYPE http_requests counter');
  for (const instance of ['a', 'b']) {
    for (const code of ['200', '500']) {
      let v = 0;
      for (let k = 0; k < SAMPLES; k++) {
        v += code === '200' ? 10 : k >= 300 && k < 380 ? 5 : 0.1;
        lines.push(`http_requests_total{job="api",instance="${instance}",code="${code}"} ${Number(v.toFixed(3))} ${at(k)}`);
      }
    }
  }
  lines.push('# EOF');
  return lines.join('\n') + '\n';
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (server.exitCode !== null) throw new Error(`prometheus exited with ${server.exitCode}: ${log()}`);
    try {
      if ((await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`prometheus was not ready within 30 s: ${log()}`);
}

let server: ChildProcess | undefined;
let api: PrometheusApi;

beforeAll(async () => {
  const promtool = requireTool('promtool');
  const prometheus = requireTool('prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'klaxon-backtest-'));
  writeFileSync(join(dir, 'series.om'), openMetrics());
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  evaluation_interval: 1m\n');
  const blocks = spawnSync(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'series.om'), join(dir, 'data')], { encoding: 'utf8', timeout: 60_000 });
  if (blocks.status !== 0) throw new Error(`promtool tsdb create-blocks-from failed: ${blocks.stderr}`);
  const port = await freePort();
  let output = '';
  server = spawn(prometheus, [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    '--storage.tsdb.retention.time=100y',
    `--web.listen-address=127.0.0.1:${port}`,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url, server, () => output.slice(-2000));
  api = new PrometheusApi(url, { timeoutMs: 30_000 });
});

afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server!.once('exit', resolve));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server!.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
});

describe('backtesting against a real Prometheus', () => {
  const startMs = (BASE_S + 15 * 60) * 1000;
  const endMs = (BASE_S + 115 * 60) * 1000;
  const { groups, problems } = loadRuleFile(RULES, 'rules.yml');
  const alerting = groups[0]!.rules.filter((r): r is AlertingRule => r.kind === 'alert');

  /** Prometheus's value of `expr` at every evaluation time, as `labels=value` per time. */
  async function prometheusSteps(expr: string): Promise<Map<number, ApiSeries[]>> {
    const byTime = new Map<number, ApiSeries[]>();
    for (let t = startMs; t <= endMs; t += MIN) byTime.set(t, []);
    for (const s of await api.queryRange(expr, startMs, endMs, MIN)) {
      s.ts.forEach((t, i) => byTime.get(t)!.push({ labels: s.labels, ts: [t], vs: [s.vs[i]!] }));
    }
    return byTime;
  }

  const rows = (series: { labels: Labels; v: number }[]) => series.map((s) => `${s.labels.without(['__name__'])}=${s.v.toPrecision(12)}`).sort();

  it('fetches the series the rules read and evaluates them as Prometheus does', async () => {
    expect(problems).toEqual([]);
    const loaded = await loadFromPrometheus(api, groups, { startMs, endMs, defaultIntervalMs: MIN });
    expect(loaded.store.seriesCount).toBe(6);
    const simulated = simulateGroups(groups, loaded.store, { startMs, endMs, defaultIntervalMs: MIN });
    expect(simulated.errors).toEqual([]);

    const recorded = await prometheusSteps(PROMETHEUS_EXPRESSIONS['job:http_errors:ratio5m']!);
    for (const [t, expected] of recorded) {
      const { value } = evaluateInstant(parsePromQLOrThrow('job:http_errors:ratio5m'), loaded.store, t);
      const got = value.type === 'vector' ? value.samples : [];
      expect({ t, values: rows(got) }).toEqual({ t, values: rows(expected.map((s) => ({ labels: s.labels, v: s.vs[0]! }))) });
    }

    for (const rule of alerting) {
      // Prometheus's results at each evaluation drive the same state machine...
      const state = new AlertingRuleState(rule);
      const fromPrometheus: string[] = [];
      for (const [t, samples] of await prometheusSteps(PROMETHEUS_EXPRESSIONS[rule.name]!)) {
        const vector = samples.map((s) => ({ labels: s.labels, t, v: s.vs[0]! }));
        for (const tr of state.update(vector, t)) fromPrometheus.push(`${(t - startMs) / MIN}m ${tr.labels} ${tr.to} ${tr.value.toPrecision(12)}`);
      }
      // ...and must give the transitions of the local simulation.
      const local = simulated.transitions
        .filter((x) => x.rule === rule)
        .map(({ transition: tr }) => `${(tr.atMs - startMs) / MIN}m ${tr.labels} ${tr.to} ${tr.value.toPrecision(12)}`);
      expect({ rule: rule.name, transitions: local }).toEqual({ rule: rule.name, transitions: fromPrometheus });
    }
    const fired = new Set(simulated.transitions.filter((x) => x.transition.to === 'firing').map((x) => x.rule.name));
    expect([...fired].sort()).toEqual(['ErrorsRising', 'Flapping', 'HighErrorRatio', 'InstanceDown']);
    const down = simulated.transitions.find((x) => x.rule.name === 'InstanceDown' && x.transition.to === 'firing');
    expect(down!.transition.annotations.toObject()).toEqual({ summary: 'a is down' });
  });

  it('lists series and label names', async () => {
    const series = await api.series(['{__name__="up"}'], startMs, endMs);
    expect(series.map((l) => l.toString()).sort()).toEqual(['{__name__="up", instance="a", job="api"}', '{__name__="up", instance="b", job="api"}']);
    expect(await api.labelNames(startMs, endMs)).toEqual(['__name__', 'code', 'instance', 'job']);
  });
});
