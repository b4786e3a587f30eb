import { describe, expect, it } from 'vitest';
import { loadRuleFile } from '../../src/rules/load-rule-file.js';
import { evaluationSchedule } from '../../src/rules/evaluation-schedule.js';
import { GroupEvaluator } from '../../src/rules/group-evaluator.js';
import { simulateGroups } from '../../src/rules/simulate.js';
import { loadNotationFile } from '../../src/series/notation-file.js';
import type { AlertTransition } from '../../src/rules/alert-state.js';
import type { RuleGroup } from '../../src/rules/rule.js';
import { queryAt } from './rules-helpers.js';
import { ruleFileText } from './rule-file-text.js';
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
  const rules = ruleFileText([
    {
      name: 'fast',
      interval: '30s',
      rules: [
        { record: 'job:req:rate2m', expr: 'sum by (job) (rate(req_total[2m]))' },
        { alert: 'HighRate', expr: 'job:req:rate2m > 0.5', for: '1m' },
        { alert: 'Down', expr: 'up == 0', for: '1m', keep_firing_for: '2m' },
      ],
    },
    {
      name: 'slow',
      interval: '2m',
      query_offset: '1m',
      rules: [
        { alert: 'Spiky', expr: 'max_over_time(rate(req_total[2m])[6m:1m]) > 1 unless on (instance) up == 0' },
        { alert: 'Gone', expr: 'absent(up{instance="c"})' },
        { alert: 'Clash', expr: 'label_replace(req_total, "instance", "x", "instance", "(a|b)") > 0' },
        { alert: 'AtStart', expr: 'req_total @ start() - req_total offset 3m > 5' },
        { alert: 'Meta', expr: 'count(ALERTS{alertstate="firing"}) > 1' },
      ],
    },
  ]);
  const series = `load 30s
  req_total{job="api", instance="a"} 0+5x60 300+90x60
  req_total{job="api", instance="b"} 0+7x30 _x20 200+7x70
  req_total{job="db", instance="c"} _x10 0+3x100 stale
  up{job="api", instance="a"} 1x40 0x20 1x60
  up{job="api", instance="b"} 1x120
  up{job="db", instance="c"} 1x60 stale
`;

  /** One line a transition or error. */
  const line = (atMs: number, rule: { name: string }, what: string) => `${atMs / 1000}s ${rule.name} ${what}`;
  const transitionLine = (rule: { name: string }, t: AlertTransition) => line(t.atMs, rule, `${t.labels} ${t.from}->${t.to} ${t.value}`);

  /** Every group evaluated one instant query at a time, in the simulation's order. */
  function unbatched(groups: RuleGroup[], endMs: number) {
    const store = loadNotationFile(series, 's.txt').store;
    const evaluators = groups.map((g) => new GroupEvaluator(g, store, { defaultSubqueryStepMs: MIN }));
    const out: string[] = [];
    for (const { atMs, group } of evaluationSchedule(evaluators.map((e) => e.intervalMs), 0, endMs)) {
      const step = evaluators[group]!.evaluateAt(atMs);
      for (const { rule, transition } of step.transitions) out.push(transitionLine(rule, transition));
      for (const e of step.errors) out.push(line(e.atMs, e.rule, `error ${e.message}`));
    }
    return { out, store };
  }

  /**
   * Simulates `rulesText` to `endMs` and expects what evaluating one instant query at a time
   * gives: the same transitions and errors, and the same series written. Returns the latter's lines.
   */
  function expectSameAsUnbatched(rulesText: string, endMs: number): string[] {
    const { groups, problems } = loadRuleFile(rulesText, 'r.yml');
    expect(problems).toEqual([]);
    const store = loadNotationFile(series, 's.txt').store;
    const result = simulateGroups(groups, store, { startMs: 0, endMs, defaultIntervalMs: MIN });
    const batched = [
      ...result.transitions.map(({ rule, transition }) => transitionLine(rule, transition)),
      ...result.errors.map((e) => line(e.atMs, e.rule, `error ${e.message}`)),
    ];
    const expected = unbatched(groups, endMs);
    expect([...batched].sort()).toEqual([...expected.out].sort());
    const written = (s: typeof store) => queryAt(s, '{__name__=~"ALERTS.*|job:.*"}', endMs - 30_000);
    expect(written(store)).toEqual(written(expected.store));
    return expected.out;
  }

  it('gives what instant queries at every evaluation give', () => {
    const expected = expectSameAsUnbatched(rules, 60 * MIN);
    expect(expected.some((l) => l.includes('Clash error'))).toBe(true);
    expect(expected.filter((l) => l.includes('->firing')).length).toBeGreaterThan(3);
  });

  it('gives what instant queries give when rules share subexpressions, over many batches', () => {
    const rate = 'sum by (job) (rate(req_total[2m]))';
    const growth = 'predict_linear(req_total[10m], 600)';
    const shared = ruleFileText([
      {
        name: 'a',
        interval: '30s',
        rules: [
          { record: 'job:req:rate2m', expr: rate },
          { alert: 'RateWarning', expr: `${rate} > 0.1` },
          { alert: 'RateCritical', expr: `${rate} > 0.2`, for: '1m' },
        ],
      },
      {
        name: 'b',
        interval: '30s',
        rules: [
          { record: 'job:req:rate2m_again', expr: rate },
          { alert: 'Growing', expr: `${growth} > 1000 and increase(req_total[5m]) > 10` },
          { alert: 'GrowingFast', expr: `${growth} > 2000 unless increase(req_total[5m]) > 10` },
          { alert: 'Ratio', expr: `rate(req_total[2m]) / ignoring (instance) group_left ${rate} > 0.4` },
        ],
      },
    ]);
    // 300 steps of 30s: more than one batch of range queries.
    const expected = expectSameAsUnbatched(shared, 150 * MIN);
    expect(expected.some((l) => l.includes(' error '))).toBe(false);
    expect(new Set(expected.map((l) => l.split(' ')[1])).size).toBeGreaterThan(3);
  });

  it('reports progress after every group evaluation', () => {
    const { groups } = loadRuleFile(rules, 'r.yml');
    const seen: number[] = [];
    simulateGroups(groups, loadNotationFile(series, 's.txt').store, { startMs: 0, endMs: 4 * MIN, defaultIntervalMs: MIN, onProgress: (t) => seen.push(t / 1000) });
    expect(seen).toEqual([0, 0, 30, 60, 90, 120, 120, 150, 180, 210, 240, 240]);
  });
});
