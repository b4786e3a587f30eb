import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { formatJUnit } from '../../src/testing/promtool/junit.js';
import { ALERT_RULES, removeWrittenFiles, writeFiles } from './promtool-helpers.js';

afterAll(removeWrittenFiles);

async function klaxon(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

const FAILING = `rule_files: [rules.yml]
tests:
  - name: down
    interval: 1m
    input_series:
      - series: 'up{job="api", instance="a"}'
        values: 0x10
      - series: 'up{job="api", instance="b"}'
        values: 0x10
    alert_rule_test:
      - eval_time: 10m
        alertname: InstanceDown
        exp_alerts:
          - exp_labels: {severity: page, job: api, instance: a}
            exp_annotations: {summary: Instance down}
          - exp_labels: {severity: page, job: api, instance: c}
            exp_annotations: {summary: Instance down}
    promql_expr_test:
      - expr: sum(up)
        eval_time: 1m
        exp_samples: [{value: 1}]
  - name: fine
    interval: 1m
    alert_rule_test:
      - {eval_time: 0m, alertname: AlwaysFiring, exp_alerts: [{}]}
`;

describe('klaxon test on unit-test files', () => {
  it('prints each failed check with its place and a diff of expected and got, then the tally', async () => {
    const dir = writeFiles({ 'rules.yml': ALERT_RULES, 'test.yml': FAILING });
    const file = join(dir, 'test.yml');
    const { status, stdout } = await klaxon(['test', file]);
    expect(status).toBe(1);
    expect(stdout).toBe(
      [
        `== ${file}`,
        `FAIL ${file}:3:5: test "down"`,
        `  ${file}:11:9: alertname: InstanceDown, time: 10m: 1 expected alert not firing, 1 firing alert not expected`,
        '    (- expected, + got)',
        '      {alertname="InstanceDown", instance="a", job="api", severity="page"} annotations {summary="Instance down"}',
        '    + {alertname="InstanceDown", instance="b", job="api", severity="page"} annotations {summary="Instance down"}',
        '    - {alertname="InstanceDown", instance="c", job="api", severity="page"} annotations {summary="Instance down"}',
        `  ${file}:19:15: expr: "sum(up)", time: 1m: 1 expected sample missing or different, 1 unexpected sample`,
        '    (- expected, + got)',
        '    - {} 1',
        '    + {} 0',
        '1 passed, 1 failed',
        '',
      ].join('\n'),
    );
  });

  it('shows an annotation that expanded to nothing as an empty value in the got alerts', async () => {
    const rules = 'groups:\n  - name: g\n    rules:\n      - {alert: Bare, expr: vector(1), annotations: {summary: "{{ $labels.nothing }}"}}\n';
    const test = 'rule_files: [rules.yml]\ntests:\n  - alert_rule_test: [{eval_time: 0m, alertname: Bare, exp_alerts: [{}]}]\n';
    const dir = writeFiles({ 'rules.yml': rules, 'test.yml': test });
    const { stdout } = await klaxon(['test', join(dir, 'test.yml')]);
    expect(stdout).toContain(['    - {alertname="Bare"}', '    + {alertname="Bare"} annotations {summary=""}'].join('\n'));
  });

  it('exits 0 when everything passes and adds the skipped count only when tests were skipped', async () => {
    const dir = writeFiles({
      'rules.yml': ALERT_RULES,
      'pass.yml': 'rule_files: [rules.yml]\ntests:\n  - alert_rule_test: [{eval_time: 0m, alertname: AlwaysFiring, exp_alerts: [{}]}]\n',
      'skip.yaml': "tests:\n  - input_series: [{series: h, values: '{{schema:0 sum:1 count:1}}'}]\n  - name: plain\n",
    });
    const pass = await klaxon(['test', join(dir, 'pass.yml')]);
    expect(pass.status).toBe(0);
    expect(pass.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
    const both = await klaxon(['test', join(dir, 'pass.yml'), join(dir, 'skip.yaml')]);
    expect(both.status).toBe(0);
    expect(both.stdout).toContain(`SKIP ${join(dir, 'skip.yaml')}:2:5: test "unnamed#0": its input series have native histogram values`);
    expect(both.stdout.trimEnd().split('\n').slice(-3)).toEqual([`== total over 2 files`, 'skipped: 1 native histograms', '2 passed, 0 failed, 1 skipped']);
  });

  it('runs only the tests --run selects by name; several --run patterns add up', async () => {
    const dir = writeFiles({ 'rules.yml': ALERT_RULES, 'test.yml': FAILING });
    const only = await klaxon(['test', '--run', '^fine$', join(dir, 'test.yml')]);
    expect(only.status).toBe(0);
    expect(only.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
    const both = await klaxon(['test', '--run', 'fine', '--run', 'do', join(dir, 'test.yml')]);
    expect(both.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed');
  });

  it('writes a JUnit report with one suite per file and one case per test', async () => {
    const dir = writeFiles({ 'rules.yml': ALERT_RULES, 'test.yml': FAILING, 'bad.yml': 'tests: 5\n' });
    const report = join(dir, 'report.xml');
    const { status } = await klaxon(['test', '--junit', report, join(dir, 'test.yml'), join(dir, 'bad.yml')]);
    expect(status).toBe(1);
    const xml = readFileSync(report, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites>/);
    expect(xml).toMatch(new RegExp(`<testsuite name="${join(dir, 'test.yml')}" tests="2" failures="1" errors="0" skipped="0" timestamp="[0-9T:-]+">`));
    expect(xml).toContain('<testcase name="fine"/>');
    expect(xml).toMatch(/<testcase name="down">\n {6}<failure message="[^"]*alertname: InstanceDown, time: 10m[^"]*">[^<]*\+ \{alertname=&quot;InstanceDown&quot;, instance=&quot;b&quot;/);
    expect(xml).toMatch(new RegExp(`<testsuite name="${join(dir, 'bad.yml')}" tests="1" failures="0" errors="1"`));
  });

  it('reports a malformed file with file:line:col and no stack trace', async () => {
    const dir = writeFiles({ 'bad.yml': 'tests:\n  - name: x\n    input_series:\n      - series: up\n        values: 1 2\n    alert_rule_test: {}\n' });
    const file = join(dir, 'bad.yml');
    const { status, stdout, stderr } = await klaxon(['test', file]);
    expect(status).toBe(1);
    expect(stdout).toContain(`FAIL ${file}: not a valid unit-test file\n  ${file}:6:22: "alert_rule_test" must be a list, not a mapping`);
    expect(stdout + stderr).not.toMatch(/\n\s+at /);
  });

  it('still runs promqltest scripts', async () => {
    const dir = writeFiles({ 'a.test': 'load 1m\n  m 1 2\n\neval instant at 1m m\n  m 2\n' });
    const { status, stdout } = await klaxon(['test', join(dir, 'a.test')]);
    expect(status).toBe(0);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
  });
});

describe('formatJUnit', () => {
  it('escapes text for XML and counts failures, errors and skips', () => {
    const xml = formatJUnit([
      {
        name: 'a & b',
        cases: [
          { name: '<x>', failures: ['one "quoted"\nsecond line'] },
          { name: 'err', failures: [], error: 'broken' },
          { name: 'skip', failures: [], skipped: 'why' },
        ],
      },
    ]);
    expect(xml).toContain('<testsuite name="a &amp; b" tests="3" failures="1" errors="1" skipped="1">');
    expect(xml).toContain('<testcase name="&lt;x&gt;">\n      <failure message="one &quot;quoted&quot;">one &quot;quoted&quot;\nsecond line</failure>');
    expect(xml).toContain('<skipped message="why"/>');
  });
});
