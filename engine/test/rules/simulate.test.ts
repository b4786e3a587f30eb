import { describe, expect, it } from 'vitest';
import { loadRuleFile } from '../../src/rules/load-rule-file.js';
import { evaluationSchedule } from '../../src/rules/evaluation-schedule.js';
import { GroupEvaluator } from '../../src/rules/group-evaluator.js';
import { simulateGroups } from '../../src/rules/simulate.js';
import { loadNotationFile } from '../../src/series/notation-file.js';
import { queryAt } from './rules-helpers.js';
import { loadInputSeriesFile } from '../../src/series/input-series-file.js';

const MIN = 60_000;

describe('simulateGroups', () => {
  it('feeds recording rules into later rules and fires on them', () => {
    const rules = loadRuleFile(
      'groups:\n  - name: g\n    rules:\n      - record: job:errors:rate2m\n        expr: sum by (job) (rate(errors_total[2m]))\n      - alert: Errors\n        expr: job:errors:rate2m > 1\n        for: 2m\n',
      'r.yml',
    );
    const series = loadInputSeriesFile("interval: 1m\ninput_series:\n  - series: 'errors_total{job=\"a\", pod=\"1\"}'\n    values: '0x5 0+120x5'\n", 's.yml');
    expect([...rules.problems, ...series.problems]).toEqual([]);
    const result = simulateGroups(rules.groups, series.store, { startMs: 0, endMs: series.endMs, defaultIntervalMs: MIN });
    expect(result.errors).toEqual([]);
    expect(result.transitions.map(({ transition: t }) => `${t.to}@${t.atMs / MIN} ${t.labels}`)).toEqual([
      'pending@8 {alertname="Errors", job="a"}',
      'firing@10 {alertname="Errors", job="a"}',
    ]);
  });

  it('marks recorded series stale when they disappear', () => {
    const rules = loadRuleFile('groups:\n  - name: g\n    rules:\n      - record: r\n        expr: x > 0\n      - alert: Seen\n        expr: r\n', 'r.yml');
    const series = loadInputSeriesFile("input_series:\n  - series: 'x'\n    values: '1 1 0 0 0'\n", 's.yml');
    const result = simulateGroups(rules.groups, series.store, { startMs: 0, endMs: 4 * MIN, defaultIntervalMs: MIN });
    expect(result.transitions.map(({ transition: t }) => `${t.to}@${t.atMs / MIN}`)).toEqual(['pending@0', 'firing@0', 'inactive@2']);
  });

  it('evaluates each group on its own interval', () => {
    const rules = loadRuleFile('groups:\n  - name: fast\n    interval: 30s\n    rules: [{alert: A, expr: vector(1)}]\n  - name: slow\n    interval: 2m\n    rules: [{alert: B, expr: vector(1)}]\n', 'r.yml');
    expect(rules.problems).toEqual([]);
    const series = loadInputSeriesFile("input_series: []\n", 's.yml');
    const result = simulateGroups(rules.groups, series.store, { startMs: 0, endMs: 4 * MIN, defaultIntervalMs: MIN });
    expect(result.evaluations).toBe(9 + 3);
  });
});

describe('loadInputSeriesFile', () => {
  it('places notation errors inside the values scalar', () => {
    const text = "interval: 1m\ninput_series:\n  - series: 'up'\n    values: '1 2 oops'\n";
    const { problems } = loadInputSeriesFile(text, 's.yml');
    expect(problems).toHaveLength(1);
    expect(text.slice(problems[0]!.range.start, problems[0]!.range.start + 4)).toBe('oops');
  });
});

describe('simulateGroups batching', () => {
  const rules = `groups:
  - name: fast
    interval: 30s
    rules:
      - record: job:req:rate2m
        expr: sum by (job) (rate(req_total[2m]))
      - alert: HighRate
        expr: job:req:rate2m > 0.5
        for: 1m
      - alert: Down
        expr: up == 0
        for: 1m
        keep_firing_for: 2m
  - name: slow
    interval: 2m
    query_offset: 1m
    rules:
      - alert: Spiky
        expr: max_over_time(rate(req_total[2m])[6m:1m]) > 1 unless on (instance) up == 0
      - alert: Gone
        expr: absent(up{instance="c"})
      - alert: Clash
        expr: label_replace(req_total, "instance", "x", "instance", "(a|b)") > 0
      - alert: AtStart
        expr: req_total @ start() - req_total offset 3m > 5
      - alert: Meta
        expr: count(ALERTS{alertstate="firing"}) > 1
`;
  const series = `load 30s
  req_total{job="api", instance="a"} 0+5x60 300+90x60
  req_total{job="api", instance="b"} 0+7x30 _x20 200+7x70
  req_total{job="db", instance="c"} _x10 0+3x100 stale
  up{job="api", instance="a"} 1x40 0x20 1x60
  up{job="api", instance="b"} 1x120
  up{job="db", instance="c"} 1x60 stale
`;

  /** Every group evaluated one instant query at a time, in the simulation's order. */
  function unbatched(groups: ReturnType<typeof loadRuleFile>['groups'], endMs: number) {
    const store = loadNotationFile(series, 's.txt').store;
    const evaluators = groups.map((g) => new GroupEvaluator(g, store, { defaultSubqueryStepMs: MIN }));
    const out: string[] = [];
    for (const { atMs, group } of evaluationSchedule(evaluators.map((e) => e.intervalMs), 0, endMs)) {
      const step = evaluators[group]!.evaluateAt(atMs);
      for (const { rule, transition: t } of step.transitions) out.push(`${t.atMs / 1000}s ${rule.name} ${t.labels} ${t.from}->${t.to} ${t.value}`);
      for (const e of step.errors) out.push(`${e.atMs / 1000}s ${e.rule.name} error ${e.message}`);
    }
    return { out, store };
  }

  it('gives what instant queries at every evaluation give', () => {
    const { groups, problems } = loadRuleFile(rules, 'r.yml');
    expect(problems).toEqual([]);
    const endMs = 60 * MIN;
    const store = loadNotationFile(series, 's.txt').store;
    const result = simulateGroups(groups, store, { startMs: 0, endMs, defaultIntervalMs: MIN });
    const batched: string[] = [];
    const errorsAt = new Map<number, string[]>();
    for (const e of result.errors) errorsAt.set(e.atMs, [...(errorsAt.get(e.atMs) ?? []), `${e.atMs / 1000}s ${e.rule.name} error ${e.message}`]);
    for (const { rule, transition: t } of result.transitions) batched.push(`${t.atMs / 1000}s ${rule.name} ${t.labels} ${t.from}->${t.to} ${t.value}`);
    const expected = unbatched(groups, endMs);
    const sorted = (lines: string[]) => [...lines].sort();
    expect(sorted([...batched, ...[...errorsAt.values()].flat()])).toEqual(sorted(expected.out));
    expect(expected.out.some((l) => l.includes('Clash error'))).toBe(true);
    expect(expected.out.filter((l) => l.includes('->firing')).length).toBeGreaterThan(3);
    const written = (s: typeof store) => queryAt(s, '{__name__=~"ALERTS.*|job:.*"}', endMs - 30_000);
    expect(written(store)).toEqual(written(expected.store));
  });

  it('gives what instant queries give when rules share subexpressions, over many batches', () => {
    const shared = `groups:
  - name: a
    interval: 30s
    rules:
      - record: job:req:rate2m
        expr: sum by (job) (rate(req_total[2m]))
      - alert: RateWarning
        expr: sum by (job) (rate(req_total[2m])) > 0.1
      - alert: RateCritical
        expr: sum by (job) (rate(req_total[2m])) > 0.2
        for: 1m
  - name: b
    interval: 30s
    rules:
      - record: job:req:rate2m_again
        expr: sum by (job) (rate(req_total[2m]))
      - alert: Growing
        expr: predict_linear(req_total[10m], 600) > 1000 and increase(req_total[5m]) > 10
      - alert: GrowingFast
        expr: predict_linear(req_total[10m], 600) > 2000 unless increase(req_total[5m]) > 10
      - alert: Ratio
        expr: rate(req_total[2m]) / ignoring (instance) group_left sum by (job) (rate(req_total[2m])) > 0.4
`;
    const { groups, problems } = loadRuleFile(shared, 'r.yml');
    expect(problems).toEqual([]);
    // 300 steps of 30s: more than one batch of range queries.
    const endMs = 150 * MIN;
    const store = loadNotationFile(series, 's.txt').store;
    const result = simulateGroups(groups, store, { startMs: 0, endMs, defaultIntervalMs: MIN });
    expect(result.errors).toEqual([]);
    const batched = result.transitions.map(({ rule, transition: t }) => `${t.atMs / 1000}s ${rule.name} ${t.labels} ${t.from}->${t.to} ${t.value}`);
    const expected = unbatched(groups, endMs);
    expect([...batched].sort()).toEqual([...expected.out].sort());
    expect(new Set(expected.out.map((l) => l.split(' ')[1])).size).toBeGreaterThan(3);
    const written = (s: typeof store) => queryAt(s, '{__name__=~"ALERTS.*|job:.*"}', endMs - 30_000);
    expect(written(store)).toEqual(written(expected.store));
  });

  it('reports progress after every group evaluation', () => {
    const { groups } = loadRuleFile(rules, 'r.yml');
    const seen: number[] = [];
    simulateGroups(groups, loadNotationFile(series, 's.txt').store, { startMs: 0, endMs: 4 * MIN, defaultIntervalMs: MIN, onProgress: (t) => seen.push(t / 1000) });
    expect(seen).toEqual([0, 0, 30, 60, 90, 120, 120, 150, 180, 210, 240, 240]);
  });
});
