import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runUnitTestFile } from '../../src/testing/promtool/run-unit-tests.js';
import { ALERT_RULES, outcomes, removeWrittenFiles, runWithRules, writeFiles } from './promtool-helpers.js';

afterAll(removeWrittenFiles);

const UP_DOWN_TEST = (checks: string) => `rule_files: [rules.yml]
tests:
  - interval: 1m
    input_series:
      - series: 'up{job="prometheus", instance="localhost:9090"}'
        values: 0x20
${checks}`;

describe('runUnitTestFile: alerts', () => {
  it('compares only firing alerts: pending ones are invisible to alert_rule_test but in ALERTS', () => {
    const result = runWithRules(
      ALERT_RULES,
      UP_DOWN_TEST(`    alert_rule_test:
      - eval_time: 4m
        alertname: InstanceDown
        exp_alerts: []
      - eval_time: 5m
        alertname: InstanceDown
        exp_alerts:
          - exp_labels: {severity: page, instance: "localhost:9090", job: prometheus}
            exp_annotations: {summary: Instance down}
      - eval_time: 0m
        alertname: AlwaysFiring
        exp_alerts: [{}]
    promql_expr_test:
      - expr: count(ALERTS) by (alertname, alertstate)
        eval_time: 4m
        exp_samples:
          - labels: '{alertname="AlwaysFiring",alertstate="firing"}'
            value: 1
          - labels: '{alertname="InstanceDown",alertstate="pending"}'
            value: 1
`),
    );
    expect(outcomes(result)).toEqual(['unnamed#0: passed']);
  });

  it('checks an eval_time between evaluations against the evaluation before it', () => {
    const check = (evalTime: string, firing: boolean) => `      - eval_time: ${evalTime}
        alertname: InstanceDown
        exp_alerts: ${firing ? '[{exp_labels: {severity: page, instance: "localhost:9090", job: prometheus}, exp_annotations: {summary: Instance down}}]' : '[]'}
`;
    const result = runWithRules(ALERT_RULES, UP_DOWN_TEST(`    alert_rule_test:\n${check('4m59s', false)}${check('5m30s', true)}${check('5m', true)}`));
    expect(outcomes(result)).toEqual(['unnamed#0: passed']);
    const wrong = runWithRules(ALERT_RULES, UP_DOWN_TEST(`    alert_rule_test:\n${check('4m59s', true)}${check('5m59s', false)}`));
    expect(outcomes(wrong)).toEqual(['unnamed#0: failed [alerts InstanceDown@299s; alerts InstanceDown@359s]']);
  });

  it('compares full label and annotation sets, with alertname added, order-insensitive, duplicates counted', () => {
    const exp = (alerts: string) => UP_DOWN_TEST(`    alert_rule_test:\n      - eval_time: 10m\n        alertname: InstanceDown\n        exp_alerts: ${alerts}\n`);
    const full = '{exp_labels: {severity: page, instance: "localhost:9090", job: prometheus}, exp_annotations: {summary: Instance down}}';
    expect(outcomes(runWithRules(ALERT_RULES, exp(`[${full}]`)))).toEqual(['unnamed#0: passed']);
    const missingLabel = '{exp_labels: {severity: page, job: prometheus}, exp_annotations: {summary: Instance down}}';
    const missingAnnotation = '{exp_labels: {severity: page, instance: "localhost:9090", job: prometheus}}';
    for (const alerts of [`[${missingLabel}]`, `[${missingAnnotation}]`, `[${full}, ${full}]`, '[]']) {
      expect(outcomes(runWithRules(ALERT_RULES, exp(alerts)))).toEqual(['unnamed#0: failed [alerts InstanceDown@600s]']);
    }
  });

  it('holds an annotation that expands to nothing as an empty value, which exp_annotations must name', () => {
    const rules = `groups:
  - name: g
    rules:
      - alert: Bare
        expr: vector(1)
        annotations: {summary: "{{ $labels.nothing }}", title: bare}
`;
    const test = (annotations: string) => `rule_files: [rules.yml]
tests:
  - interval: 1m
    alert_rule_test:
      - {eval_time: 0m, alertname: Bare, exp_alerts: [{exp_annotations: ${annotations}}]}
`;
    expect(outcomes(runWithRules(rules, test('{summary: "", title: bare}')))).toEqual(['unnamed#0: passed']);
    const omitted = runWithRules(rules, test('{title: bare}'));
    expect(outcomes(omitted)).toEqual(['unnamed#0: failed [alerts Bare@0s]']);
    const check = omitted.tests[0]!.checks[0]!;
    expect(check.kind === 'alerts' && check.got).toEqual([{ labels: [['alertname', 'Bare']], annotations: [['summary', ''], ['title', 'bare']] }]);
  });

  it('unions the alerts of every rule with the same name across groups', () => {
    const rules = `groups:
  - name: one
    rules:
      - alert: Same
        expr: vector(1)
        labels: {from: one}
  - name: two
    rules:
      - alert: Same
        expr: vector(1)
        labels: {from: two}
`;
    const test = `rule_files: [rules.yml]
tests:
  - interval: 1m
    alert_rule_test:
      - eval_time: 0m
        alertname: Same
        exp_alerts: [{exp_labels: {from: two}}, {exp_labels: {from: one}}]
`;
    expect(outcomes(runWithRules(rules, test))).toEqual(['unnamed#0: passed']);
  });
});

describe('runUnitTestFile: evaluation', () => {
  it('evaluates groups in group_eval_order, unlisted ones first, then in file order', () => {
    const rules = `groups:
  - name: reader
    rules:
      - alert: SawIt
        expr: written == 1
  - name: writer
    rules:
      - record: written
        expr: vector(1)
`;
    const test = (order: string) => `rule_files: [rules.yml]
${order}tests:
  - interval: 1m
    alert_rule_test:
      - eval_time: 0m
        alertname: SawIt
        exp_alerts: [{exp_labels: {}}]
`;
    expect(outcomes(runWithRules(rules, test('')))).toEqual(['unnamed#0: failed [alerts SawIt@0s]']);
    expect(outcomes(runWithRules(rules, test('group_eval_order: [writer, reader]\n')))).toEqual(['unnamed#0: passed']);
  });

  it('feeds input samples as time passes: queries after the last evaluation see no later samples', () => {
    const test = `tests:
  - interval: 30s
    input_series:
      - series: test
        values: 0 1 2 3 4 5
    promql_expr_test:
      - expr: test
        eval_time: 90s
        exp_samples: [{labels: test, value: 2}]
      - expr: test offset -30s
        eval_time: 30s
        exp_samples: [{labels: test, value: 2}]
`;
    expect(outcomes(runWithRules(undefined, test))).toEqual(['unnamed#0: passed']);
  });

  it('runs recording rules on evaluation_interval while samples come on the test interval', () => {
    const rules = `groups:
  - name: rules
    rules:
      - record: job:test:count_over_time1m
        expr: sum without(instance) (count_over_time(test[1m]))
`;
    const test = `rule_files: [rules.yml]
tests:
  - interval: 1s
    input_series:
      - series: 'test{job="test", instance="x:0"}'
        values: "0+1x120"
    promql_expr_test:
      - expr: job:test:count_over_time1m
        eval_time: 1m
        exp_samples: [{labels: 'job:test:count_over_time1m{job="test"}', value: 60}]
      - expr: timestamp(job:test:count_over_time1m)
        eval_time: 1m10s
        exp_samples: [{labels: '{job="test"}', value: 60}]
`;
    expect(outcomes(runWithRules(rules, test))).toEqual(['unnamed#0: passed']);
  });

  it('stops a test at the first rule evaluation error, placed in the rule file', () => {
    const rules = `groups:
  - name: g
    rules:
      - record: joined
        expr: a + on(k) b
`;
    const test = `rule_files: [rules.yml]
tests:
  - interval: 1m
    input_series:
      - {series: 'a{k="1", x="1"}', values: 1x3}
      - {series: 'b{k="1", y="1"}', values: 1x3}
      - {series: 'b{k="1", y="2"}', values: 1x3}
`;
    const result = runWithRules(rules, test);
    const [only] = result.tests;
    expect(only!.status).toBe('failed');
    expect(only!.problems).toHaveLength(1);
    expect(only!.problems[0]).toMatchObject({ line: 4, column: 9, message: expect.stringMatching(/^rule joined failed at 0s: .*many-to-many matching not allowed/) });
    expect(only!.problems[0]!.file).toMatch(/rules\.yml$/);
  });

  it('fails every test when a rule file does not load, pointing into the rule file', () => {
    const rules = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(\n';
    const result = runWithRules(rules, 'rule_files: [rules.yml]\ntests:\n  - name: a\n  - name: b\n');
    expect(result.tests.map((t) => [t.status, t.problems[0]?.line])).toEqual([
      ['failed', 5],
      ['failed', 5],
    ]);
  });
});

describe('runUnitTestFile: promql_expr_test', () => {
  const one = (expr: string, samples: string, extra = '') => `${extra}tests:
  - interval: 1m
    input_series:
      - {series: 'm{a="1"}', values: '0.30000000000000004 NaN 3'}
      - {series: 'm{a="2"}', values: '1 1 1'}
    promql_expr_test:
      - expr: '${expr}'
        exp_samples: ${samples}
`;

  it('compares samples as sorted sets with exact values', () => {
    expect(outcomes(runWithRules(undefined, one('m', "[{labels: 'm{a=\"2\"}', value: 1}, {labels: 'm{a=\"1\"}', value: 0.30000000000000004}]")))).toEqual(['unnamed#0: passed']);
    expect(outcomes(runWithRules(undefined, one('m', "[{labels: 'm{a=\"2\"}', value: 1}, {labels: 'm{a=\"1\"}', value: 0.3}]")))).toEqual(['unnamed#0: failed [expr m@0s]']);
    expect(outcomes(runWithRules(undefined, one('m', "[{labels: 'm{a=\"2\"}', value: 1}]")))).toEqual(['unnamed#0: failed [expr m@0s]']);
  });

  it('with fuzzy_compare accepts values one floating point step apart', () => {
    const samples = "[{labels: 'm{a=\"2\"}', value: 1}, {labels: 'm{a=\"1\"}', value: 0.3}]";
    expect(outcomes(runWithRules(undefined, one('m', samples, 'fuzzy_compare: true\n')))).toEqual(['unnamed#0: passed']);
    const twoSteps = "[{labels: 'm{a=\"2\"}', value: 1}, {labels: 'm{a=\"1\"}', value: 0.29999999999999993}]";
    expect(outcomes(runWithRules(undefined, one('m', twoSteps, 'fuzzy_compare: true\n')))).toEqual(['unnamed#0: failed [expr m@0s]']);
  });

  it('never matches NaN, as Go compares floats with ==', () => {
    const test = `tests:
  - interval: 1m
    input_series: [{series: n, values: NaN}]
    promql_expr_test:
      - {expr: n, exp_samples: [{labels: n, value: .nan}]}
`;
    expect(outcomes(runWithRules(undefined, test))).toEqual(['unnamed#0: failed [expr n@0s]']);
    expect(outcomes(runWithRules(undefined, `fuzzy_compare: true\n${test}`))).toEqual(['unnamed#0: failed [expr n@0s]']);
  });

  it('turns a scalar into one sample without labels and refuses strings', () => {
    expect(outcomes(runWithRules(undefined, one('scalar(m{a="2"}) * 2', '[{value: 2}]')))).toEqual(['unnamed#0: passed']);
    const result = runWithRules(undefined, one('"text"', '[]'));
    expect(result.tests[0]!.checks[0]).toMatchObject({ passed: false, error: 'rule result is not a vector or scalar' });
  });

  it('fails a test whose expression does not parse, at its place', () => {
    const result = runWithRules(undefined, one('sum(m', '[]'));
    expect(result.tests[0]!.status).toBe('failed');
    // At the end of `sum(m`, where the closing parenthesis is missing.
    expect(result.tests[0]!.problems[0]).toMatchObject({ line: 7, column: 21 });
  });
});

describe('runUnitTestFile: files and selection', () => {
  it('expands rule_files globs relative to the test file, in sorted order, warning about patterns without match', () => {
    const dir = writeFiles({
      'tests/test.yml': `rule_files: ['../rules/*.yml', ../missing.yml]
tests:
  - interval: 1m
    alert_rule_test:
      - {eval_time: 0m, alertname: B, exp_alerts: [{}]}
      - {eval_time: 0m, alertname: A, exp_alerts: [{}]}
`,
      'rules/b.yml': 'groups: [{name: b, rules: [{alert: B, expr: vector(1)}]}]\n',
      'rules/a.yml': 'groups: [{name: a, rules: [{alert: A, expr: vector(1)}]}]\n',
      'rules/notes.txt': 'not rules',
    });
    const file = join(dir, 'tests/test.yml');
    const result = runUnitTestFile(file, readFileSync(file, 'utf8'));
    expect(outcomes(result)).toEqual(['unnamed#0: passed']);
    expect(result.warnings.map((w) => [w.line, w.column, w.message])).toEqual([[1, 32, `no file matches the rule_files pattern ${JSON.stringify(join(dir, 'missing.yml'))}`]]);
  });

  it('stops the file on a malformed glob pattern', () => {
    const [message] = outcomes(runWithRules(undefined, "rule_files: ['[a-].yml']\ntests: [{}]\n"));
    expect(message).toMatch(/^file: rule_files: syntax error in pattern ".*\[a-\]\.yml"$/);
  });

  it('runs only the tests whose name matches --run; unnamed tests have the empty name', () => {
    const test = 'tests:\n  - name: alpha\n  - name: beta\n  - interval: 1m\n';
    expect(outcomes(runWithRules(undefined, test, { run: /alp/ }))).toEqual(['alpha: passed']);
    expect(outcomes(runWithRules(undefined, test, { run: /^$|beta/ }))).toEqual(['beta: passed', 'unnamed#2: passed']);
  });

  it('skips a test that needs native histograms', () => {
    const test = "tests:\n  - input_series: [{series: h, values: '{{schema:0 sum:1 count:1}}'}]\n";
    expect(outcomes(runWithRules(undefined, test))).toEqual(['unnamed#0: skipped']);
  });
});
