import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function klaxon(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

function files(contents: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'klaxon-check-'));
  for (const [name, text] of Object.entries(contents)) writeFileSync(join(dir, name), text);
  return dir;
}

const GOOD = 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        for: 5m\n        labels: {severity: page}\n        annotations: {summary: down, description: "{{ $labels.instance }} is down"}\n';
const LINTED = 'groups:\n  - name: g\n    rules:\n      - alert: Grows\n        expr: rate(queue_depth[5m]) > 0\n        labels: {severity: page}\n        annotations: {summary: s, description: d}\n';
const BROKEN = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(rate(x[5m])\n';

describe('klaxon check', () => {
  it('exits 0 with no output for a clean file, and says how many files it checked', async () => {
    const dir = files({ 'ok.yml': GOOD });
    const { status, stdout, stderr } = await klaxon('check', '--no-config', join(dir, 'ok.yml'));
    expect({ status, stdout }).toEqual({ status: 0, stdout: '' });
    expect(stderr).toBe('1 file checked: 0 errors, 0 warnings\n');
  });

  it('prints file:line:col: severity: message [check], exits 0 on warnings and 1 on errors', async () => {
    const dir = files({ 'lint.yml': LINTED, 'bad.yml': BROKEN });
    const lint = await klaxon('check', '--no-config', join(dir, 'lint.yml'));
    expect(lint.status).toBe(0);
    expect(lint.stdout).toMatch(/^.*lint\.yml:5:20: warning: rate\(\) expects a counter.* \[rate-non-counter\]\n$/);
    const bad = await klaxon('check', '--no-config', join(dir, 'bad.yml'), join(dir, 'lint.yml'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/bad\.yml:5:30: error: unclosed left parenthesis \[parse\]/);
    expect(bad.stderr).toMatch(/^2 files checked: 1 error, \d+ warnings?\n$/);
  });

  it('checks Alertmanager configs told by their keys: errors with positions, and warnings for integrations it cannot send to', async () => {
    const am = 'route:\n  receiver: team\n  routes:\n    - receiver: nobody\nreceivers:\n  - name: team\n    webhook_configs: [{url: "http://127.0.0.1:5001/"}]\n';
    const slack = 'route:\n  receiver: chat\nreceivers:\n  - name: chat\n    slack_configs: [{api_url: "http://127.0.0.1/hook", channel: "#a"}]\n';
    const dir = files({ 'am.yml': am, 'slack.yml': slack });
    const bad = await klaxon('check', '--no-config', join(dir, 'am.yml'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/am\.yml:4:17: error: undefined receiver "nobody" used in route/);
    const good = await klaxon('check', '--no-config', '--format', 'json', join(dir, 'slack.yml'));
    expect(good.status).toBe(0);
    const report = JSON.parse(good.stdout);
    expect(report.files[0].kind).toBe('alertmanager');
    expect(report.errors).toBe(0);
    expect(report.warnings).toBeGreaterThan(0);
  });

  it('writes JSON with positions on request', async () => {
    const dir = files({ 'lint.yml': LINTED });
    const { status, stdout } = await klaxon('check', '--no-config', '--format', 'json', join(dir, 'lint.yml'));
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ errors: 0, warnings: 1, files: [{ kind: 'rules', problems: [{ severity: 'warning', check: 'rate-non-counter', line: 5, column: 20 }] }] });
  });

  it('turns lints off with --disable and with .klaxon.yml', async () => {
    const dir = files({ 'lint.yml': LINTED, '.klaxon.yml': 'lints:\n  rate-non-counter: off\n' });
    expect((await klaxon('check', '--no-config', '--disable', 'rate-non-counter', join(dir, 'lint.yml'))).stdout).toBe('');
    expect((await klaxon('check', '--config', join(dir, '.klaxon.yml'), join(dir, 'lint.yml'))).stdout).toBe('');
    const typo = await klaxon('check', '--disable', 'rate-non-countr', join(dir, 'lint.yml'));
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('did you mean "rate-non-counter"?');
  });

  it('reports problems in the configuration file itself', async () => {
    const dir = files({ 'ok.yml': GOOD, 'bad.klaxon.yml': 'lints:\n  rate-non-countr: off\n  regex-equality: loud\nfoo: 1\n' });
    const { status, stdout } = await klaxon('check', '--config', join(dir, 'bad.klaxon.yml'), join(dir, 'ok.yml'));
    expect(status).toBe(1);
    expect(stdout.split('\n').filter(Boolean).map((l) => l.replace(dir, ''))).toEqual([
      '/bad.klaxon.yml:2:3: warning: unknown lint "rate-non-countr"; did you mean "rate-non-counter"? [config]',
      '/bad.klaxon.yml:3:19: error: a lint\'s level is one of off, info, warning, error, not "loud" [config]',
      '/bad.klaxon.yml:4:1: warning: unknown field "foo" in the configuration; expected one of lints, evaluation_interval, required_annotations, name_validation, severities [config]',
    ]);
  });

  it('checks names as Prometheus 2 did with --name-validation legacy', async () => {
    const dir = files({ 'utf8.yml': 'groups:\n  - name: g\n    rules:\n      - record: ä:sum\n        expr: up\n' });
    expect((await klaxon('check', '--no-config', join(dir, 'utf8.yml'))).status).toBe(0);
    const legacy = await klaxon('check', '--no-config', '--name-validation', 'legacy', join(dir, 'utf8.yml'));
    expect(legacy.status).toBe(1);
    expect(legacy.stdout).toContain('error: invalid recording rule name: ä:sum [rules]');
  });

  it('tells unit-test files by their keys and checks the rule files they name', async () => {
    const test = 'rule_files: [bad.yml, missing-*.yml]\ntests:\n  - interval: 1m\n    input_series: [{series: up, values: "1"}]\n    alert_rule_test: [{eval_time: 1m, alertname: A}]\n';
    const dir = files({ 'test.yml': test, 'bad.yml': BROKEN });
    const { status, stdout } = await klaxon('check', '--no-config', '--format', 'json', join(dir, 'test.yml'));
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.files.map((f: { file: string; kind: string }) => [f.file.replace(dir, ''), f.kind])).toEqual([
      ['/test.yml', 'unit-test'],
      ['/bad.yml', 'rules'],
    ]);
    expect(report.files[0].problems).toMatchObject([{ severity: 'warning', message: expect.stringContaining('no file matches the rule_files pattern') }]);
    expect(report.files[1].problems.filter((p: { severity: string }) => p.severity === 'error')).toMatchObject([{ check: 'parse', line: 5 }]);
  });

  it('reports unreadable files and lists the lints', async () => {
    const missing = await klaxon('check', '--no-config', '/nonexistent/rules.yml');
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('/nonexistent/rules.yml:1:1: error: cannot read file: ENOENT [check]\n');
    const list = await klaxon('check', '--list-lints');
    expect(list.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[0])).toEqual([
      'rate-non-counter', 'template-missing-label', 'for-below-interval', 'regex-equality', 'constant-comparison', 'duplicate-rule', 'missing-annotation', 'unknown-severity',
    ]);
  });
});
