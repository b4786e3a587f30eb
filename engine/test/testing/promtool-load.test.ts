import { describe, expect, it } from 'vitest';
import { loadUnitTestFile } from '../../src/testing/promtool/load-unit-test-file.js';

function load(text: string) {
  return loadUnitTestFile(text, 't.yml');
}

/** `line:column message` of each problem. */
function located(problems: { line: number; column: number; message: string }[]): string[] {
  return problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

describe('loadUnitTestFile', () => {
  it('reads every field with promtool defaults', () => {
    const file = load(`rule_files: [a.yml, 'rules/*.yml']
group_eval_order: [second, first]
fuzzy_compare: true
tests:
  - name: one
    interval: 30s
    external_labels: {cluster: eu}
    external_url: http://prom.example
    input_series:
      - series: 'up{job="a"}'
        values: 1 0x2
    alert_rule_test:
      - eval_time: 2m
        alertname: Down
        exp_alerts:
          - exp_labels: {job: a}
            exp_annotations: {summary: down}
    promql_expr_test:
      - expr: up
        eval_time: 90s
        exp_samples:
          - labels: 'up{job="a"}'
            value: 0
  - input_series: []
`);
    expect(file.problems).toEqual([]);
    expect(file.ruleFiles.map((r) => r.pattern)).toEqual(['a.yml', 'rules/*.yml']);
    expect(file.evaluationIntervalMs).toBe(60_000);
    expect(file.groupEvalOrder).toEqual(['second', 'first']);
    expect(file.fuzzyCompare).toBe(true);
    const [one, two] = file.tests;
    expect(one).toMatchObject({ name: 'one', displayName: 'one', intervalMs: 30_000, externalLabels: { cluster: 'eu' }, externalUrl: 'http://prom.example' });
    expect(one!.inputSeries.map((s) => [s.labels.toString(), s.values])).toEqual([['{__name__="up", job="a"}', [1, 0, 0, 0]]]);
    expect(one!.alertTests[0]).toMatchObject({ evalTimeMs: 120_000, alertname: 'Down' });
    // alertname joins the expected labels, which stay sorted.
    expect(one!.alertTests[0]!.expected).toEqual([{ labels: [['alertname', 'Down'], ['job', 'a']], annotations: [['summary', 'down']] }]);
    expect(one!.exprTests[0]).toMatchObject({ exprText: 'up', evalTimeMs: 90_000 });
    expect(one!.exprTests[0]!.expected!.map((s) => [s.labels.toString(), s.value])).toEqual([['{__name__="up", job="a"}', 0]]);
    // An unnamed test is called unnamed#<index>; its interval defaults to evaluation_interval.
    expect(two).toMatchObject({ name: '', displayName: 'unnamed#1', intervalMs: 60_000 });
  });

  it('takes evaluation_interval as the default interval of tests', () => {
    const file = load('evaluation_interval: 2m\ntests:\n  - input_series: []\n');
    expect(file.tests[0]!.intervalMs).toBe(120_000);
  });

  it('fails the whole file on unknown fields, wrong types and bad durations, each at its place', () => {
    const file = load(`tests:
  - interval: 1 minute
    inputseries: []
    alert_rule_test:
      - eval_time: 10
        alertname: [A]
fuzzy_compare: maybe
evaluation_interval: {a: 1}
`);
    expect(located(file.problems).sort()).toEqual(
      [
        '2:15 invalid duration in "interval": unknown unit " minute" in duration "1 minute"',
        '3:5 unknown field "inputseries" in a test; did you mean "input_series"?',
        '5:20 invalid duration in "eval_time": not a valid duration string: "10"',
        '6:20 "alertname" must be a string, not a list',
        '7:16 "fuzzy_compare" must be true or false, not "maybe"',
        '8:22 "evaluation_interval" must be a duration such as 5m, not a mapping',
      ].sort(),
    );
  });

  it('reports YAML syntax errors with their place', () => {
    const file = load('tests:\n  - name: [\n');
    expect(file.problems.length).toBeGreaterThan(0);
    expect(file.problems[0]).toMatchObject({ file: 't.yml', line: expect.any(Number), column: expect.any(Number) });
  });

  it('reads scalars in string fields as written and YAML 1.1 booleans, as yaml.v2 does', () => {
    const file = load(`fuzzy_compare: yes
tests:
  - name: 5
    input_series:
      - series: x
        values: 1
    alert_rule_test:
      - alertname: A
        exp_alerts:
          - exp_labels: {code: 500, ok: true, ratio: 1.50}
`);
    expect(file.problems).toEqual([]);
    expect(file.fuzzyCompare).toBe(true);
    expect(file.tests[0]!.name).toBe('5');
    expect(file.tests[0]!.alertTests[0]!.expected[0]!.labels).toEqual([['alertname', 'A'], ['code', '500'], ['ok', 'true'], ['ratio', '1.50']]);
  });

  it('refuses a quoted value where a number is expected, and reads .nan and .inf', () => {
    expect(located(load('tests:\n  - promql_expr_test:\n      - expr: x\n        exp_samples: [{value: "NaN"}]\n').problems)).toEqual([
      '4:31 "value" must be a number (NaN and infinities are written .nan, .inf and -.inf), not "NaN"',
    ]);
    const file = load('tests:\n  - promql_expr_test:\n      - expr: x\n        exp_samples: [{value: .nan}, {value: -.inf}]\n');
    expect(file.tests[0]!.exprTests[0]!.expected!.map((s) => s.value)).toEqual([NaN, -Infinity]);
  });

  it('reports a repeated group in group_eval_order', () => {
    expect(located(load('group_eval_order: [a, b, a]\n').problems)).toEqual(['1:26 group name repeated in evaluation order: a']);
  });

  it('reads series values as written, so that 0x20 is zero 21 times rather than the hex number 32', () => {
    const file = load('tests:\n  - input_series:\n      - {series: a, values: 0x20}\n');
    expect(file.tests[0]!.inputSeries[0]!.values).toEqual(Array(21).fill(0));
  });

  it('keeps the last of several input lines for the same series, as promtool', () => {
    const file = load('tests:\n  - input_series:\n      - {series: a, values: "1"}\n      - {series: b, values: "2"}\n      - {series: a, values: "5 6"}\n');
    expect(file.tests[0]!.inputSeries.map((s) => [s.labels.get('__name__'), s.values])).toEqual([
      ['a', [5, 6]],
      ['b', [2]],
    ]);
  });

  it('fails only the test whose input series do not parse, at the place in the file', () => {
    const file = load(`tests:
  - input_series:
      - series: 'up{job="a"'
        values: '1 2'
  - input_series:
      - series: up
        values: '1 x 2'
`);
    expect(file.problems).toEqual([]);
    expect(located(file.tests[0]!.problems)).toEqual(['3:20 unclosed label set: missing "}"']);
    expect(located(file.tests[1]!.problems)).toEqual(['7:20 expected a number, found "x" in "x"']);
  });

  it('fails the test of an alert_rule_test without alertname, as promtool words it', () => {
    const file = load('tests:\n  - name: t\n    alert_rule_test:\n      - eval_time: 5m\n');
    expect(located(file.tests[0]!.problems)).toEqual(['4:9 an item under alert_rule_test misses required attribute alertname at eval_time 5m (in TestGroup t)']);
  });

  it('locates problems of expressions and expected labels inside their scalars', () => {
    const file = load(`tests:
  - promql_expr_test:
      - expr: sum(rate(x[5m])
        exp_samples:
          - labels: 'x{a="b"} 1'
      - expr: |
          up
            + on() bogus(1)
        exp_samples:
          - labels: '{a=}'
`);
    const [first, second] = file.tests[0]!.exprTests;
    expect(first!.expr).toBeUndefined();
    // At the end of the expression, where the closing parenthesis is missing.
    expect(first!.exprProblems[0]).toMatchObject({ line: 3, column: 30 });
    expect(located(first!.sampleProblems)).toEqual(['5:22 labels "x{a=\\"b\\"} 1": expected only a label set, without values']);
    expect(second!.exprProblems[0]).toMatchObject({ line: 8, column: 20 });
    expect(second!.sampleProblems[0]).toMatchObject({ line: 10, column: 25 });
  });

  it('marks a test with native histograms as unsupported rather than failed', () => {
    const file = load(`tests:
  - input_series:
      - series: h
        values: '{{schema:1 sum:1 count:1}}x2'
  - promql_expr_test:
      - expr: h
        exp_samples:
          - labels: h
            histogram: '{{schema:1 sum:1 count:1}}'
`);
    expect(file.problems).toEqual([]);
    expect(file.tests.map((t) => [t.problems.length, t.unsupported !== undefined])).toEqual([
      [0, true],
      [0, true],
    ]);
  });

  it('treats an empty file as one without tests', () => {
    expect(load('')).toMatchObject({ problems: [], tests: [] });
  });
});
