import { describe, expect, it } from 'vitest';
import { loadRuleFile } from '../../src/rules/load-rule-file.js';
import { simulateGroups } from '../../src/rules/simulate.js';
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
