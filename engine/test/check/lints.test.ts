import { describe, expect, it } from 'vitest';
import { alertRule, check, only } from './check-helpers.js';

const lint = (name: string, fields: Parameters<typeof alertRule>[0], config = {}) => only(check({ 'r.yml': alertRule(fields) }, config), name);

describe('rate-non-counter', () => {
  it('reports rate(), irate() and increase() over names that are not counters, at the selector', () => {
    expect(lint('rate-non-counter', { expr: 'rate(queue_depth[5m]) > 0' })).toEqual([
      'r.yml:5:20: warning: rate() expects a counter, but "queue_depth" does not look like one (counters end in _total, _count, _sum or _bucket); for gauges use deriv() or delta() [rate-non-counter]',
    ]);
    expect(lint('rate-non-counter', { expr: 'increase(job:errors:rate5m[1h]) > 0' })).toHaveLength(1);
  });

  it('accepts counters, recorded sums of counters and selectors without a name', () => {
    for (const expr of ['rate(http_requests_total[5m])', 'irate(x_count[1m]) + rate(x_sum[1m])', 'sum(rate(le_bucket[5m]))', 'rate(job:http_requests_total:sum[5m])', 'rate({job="a"}[5m])', 'deriv(queue_depth[5m])']) {
      expect(lint('rate-non-counter', { expr }), expr).toEqual([]);
    }
  });
});

describe('template-missing-label', () => {
  it('reports a label that the aggregation removes, at the reference in the template', () => {
    expect(lint('template-missing-label', { expr: 'sum by (job) (rate(x_total[5m])) > 1', annotations: "{summary: 'on {{ $labels.instance }}', description: d}" })).toEqual([
      'r.yml:7:39: warning: annotation "summary" reads label "instance", which the expression\'s result never has: the result only has job after `sum by (job) (rate(x_total[5m]))` [template-missing-label]',
    ]);
  });

  it('follows without, on, ignoring, group_left, label_replace and absent', () => {
    const reads = (expr: string, label: string) => lint('template-missing-label', { expr, annotations: `{summary: '{{ $labels.${label} }}', description: d}` }).length === 0;
    expect(reads('sum without (instance) (x) > 1', 'job')).toBe(true);
    expect(reads('sum without (instance) (x) > 1', 'instance')).toBe(false);
    expect(reads('x / on (job) y > 1', 'instance')).toBe(false);
    expect(reads('x / on (job) y > 1', 'job')).toBe(true);
    expect(reads('x / ignoring (pod) y > 1', 'pod')).toBe(false);
    expect(reads('x * on (job) group_left (team) sum by (job, team) (y) > 1', 'team')).toBe(true);
    expect(reads('label_replace(sum by (job) (x), "svc", "$1", "job", "(.*)") > 1', 'svc')).toBe(true);
    expect(reads('absent(up{job="api"})', 'job')).toBe(true);
    expect(reads('absent(up{job="api"})', 'instance')).toBe(false);
    expect(reads('vector(1)', 'job')).toBe(false);
    expect(reads('sum by (job) (x) > 1 or sum by (instance) (y) > 1', 'instance')).toBe(true);
  });

  it('reads $labels.x, .Labels.x and index $labels "x", but not inside a test of the same label', () => {
    const found = (template: string) => lint('template-missing-label', { expr: 'count(up) > 1', annotations: `{summary: '${template}', description: d}` }).length;
    expect(found('{{ .Labels.job }}')).toBe(1);
    expect(found('{{ index $labels "job" }}')).toBe(1);
    expect(found('{{ if $labels.job }}{{ $labels.job }}{{ end }}')).toBe(0);
    expect(found('{{ with $labels.job }}{{ . }}{{ end }}')).toBe(0);
    expect(found('{{ $value }}')).toBe(0);
  });
});

describe('for-below-interval', () => {
  it('reports a for shorter than the group interval, or than the configured default', () => {
    expect(lint('for-below-interval', { expr: 'up == 0', extra: '        for: 30s', groupExtra: '    interval: 2m' })).toEqual([
      'r.yml:7:14: warning: for: 30s is shorter than the evaluation interval (group "g" evaluates every 2m): the alert can only fire after 2m [for-below-interval]',
    ]);
    expect(lint('for-below-interval', { expr: 'up == 0', extra: '        for: 30s' })).toHaveLength(1);
    expect(lint('for-below-interval', { expr: 'up == 0', extra: '        for: 30s' }, { evaluationIntervalMs: 15_000 })).toEqual([]);
    expect(lint('for-below-interval', { expr: 'up == 0', extra: '        for: 0s' })).toEqual([]);
  });
});

describe('regex-equality', () => {
  it('reports regex matchers that match one string, at the matcher', () => {
    expect(lint('regex-equality', { expr: 'up{job=~"api", env!~"prod\\\\.eu"} == 0' })).toEqual([
      'r.yml:5:18: warning: job=~"api" matches only "api": use job="api" [regex-equality]',
      'r.yml:5:30: warning: env!~"prod\\\\.eu" matches only "prod.eu": use env!="prod.eu" [regex-equality]',
    ]);
  });

  it('accepts real regular expressions', () => {
    expect(lint('regex-equality', { expr: 'up{job=~"api|web", x=~".+", y=~"a\\\\d", z=~"(?i)a"} == 0' })).toEqual([]);
  });
});

describe('constant-comparison', () => {
  it('reports comparisons that can never hold', () => {
    expect(lint('constant-comparison', { expr: 'count(up) < 0' })).toEqual([
      'r.yml:5:15: warning: this comparison is always false: the left side is never below 1, so the alert never fires [constant-comparison]',
    ]);
    expect(lint('constant-comparison', { expr: 'rate(x_total[5m]) < -1 or up > 1' })).toHaveLength(1);
    expect(lint('constant-comparison', { expr: 'clamp(x, 0, 1) > 2' })).toHaveLength(1);
  });

  it('reports comparisons that always hold and alerts on bool comparisons', () => {
    expect(lint('constant-comparison', { expr: 'rate(x_total[5m]) >= 0' })).toEqual([
      'r.yml:5:15: warning: this comparison is always true: the left side is never below 0, so it filters nothing [constant-comparison]',
    ]);
    expect(lint('constant-comparison', { expr: 'up == bool 0' })).toEqual([
      'r.yml:5:15: warning: an alert on a `bool` comparison always fires: every series yields 0 or 1; drop `bool` to keep only the series where the condition holds [constant-comparison]',
    ]);
    expect(lint('constant-comparison', { expr: 'x > x' })).toEqual([
      'r.yml:5:15: warning: this comparison is always false: both sides are the same selector, so the alert never fires [constant-comparison]',
    ]);
    expect(lint('constant-comparison', { expr: "'sum by (a) (x) >= sum by(a)(\tx )'" })).toEqual([
      'r.yml:5:16: warning: this comparison is always true: both sides are the same expression, so it filters nothing [constant-comparison]',
    ]);
    expect(lint('constant-comparison', { expr: 'sum(x) >= sum(y)' })).toEqual([]);
  });

  it('accepts comparisons that depend on data, and absent(...) == 1', () => {
    for (const expr of ['up == 0', 'rate(x_total[5m]) > 0', 'absent(up) == 1', 'count(up) > 3', 'x > y', '(x > bool 1) == 1']) {
      expect(lint('constant-comparison', { expr }), expr).toEqual([]);
    }
  });
});

describe('duplicate-rule', () => {
  it('reports alerts with the same name and labels across files, group labels included', () => {
    const a = alertRule({ expr: 'up == 0' });
    const b = alertRule({ expr: 'up == 1' });
    expect(only(check({ 'a.yml': a, 'b.yml': b }), 'duplicate-rule')).toEqual([
      'b.yml:4:16: warning: alerting rule "A" with the same labels is already defined at a.yml:4 [duplicate-rule]',
    ]);
    const c = alertRule({ expr: 'up == 1', labels: '{severity: critical}' });
    expect(only(check({ 'a.yml': a, 'c.yml': c }), 'duplicate-rule')).toEqual([]);
  });

  it('points at the first rule of the same kind, name and labels among many of one name', () => {
    const file = [
      'groups:',
      '  - name: g',
      '    labels: {team: a}',
      '    rules:',
      '      - {alert: A, expr: up, labels: {severity: warning}}',
      '      - {alert: A, expr: up, labels: {severity: critical}}',
      '      - {record: A, expr: up, labels: {severity: critical}}',
      '      - {alert: A, expr: up, labels: {severity: critical, team: a}}',
      '      - {alert: A, expr: up, labels: {severity: critical, team: b}}',
      '      - {alert: A, expr: up, labels: {severity: warning}}',
      '      - {record: A, expr: up, labels: {team: a, severity: critical}}',
      '',
    ].join('\n');
    expect(only(check({ 'r.yml': file }), 'duplicate-rule')).toEqual([
      'r.yml:8:17: warning: alerting rule "A" with the same labels is already defined at line 6 [duplicate-rule]',
      'r.yml:10:17: warning: alerting rule "A" with the same labels is already defined at line 5 [duplicate-rule]',
      'r.yml:11:18: warning: recording rule "A" with the same labels is already defined at line 7 [duplicate-rule]',
    ]);
  });
});

describe('missing-annotation and unknown-severity', () => {
  it('report missing summary and description, and missing or unknown severities', () => {
    const lines = check({ 'r.yml': alertRule({ expr: 'up == 0', labels: '{severity: blocker}', annotations: '{summary: s}' }) });
    expect(only(lines, 'missing-annotation')).toEqual(['r.yml:4:16: warning: alert "A" has no "description" annotation [missing-annotation]']);
    expect(only(lines, 'unknown-severity')).toEqual([
      'r.yml:6:28: warning: unknown severity "blocker": use critical, error, warning or info, or map it to one under severities in .klaxon.yml [unknown-severity]',
    ]);
    expect(lint('unknown-severity', { expr: 'up == 0', labels: '{team: a}' })).toEqual(['r.yml:4:16: warning: alert "A" has no severity label [unknown-severity]']);
  });

  it('take the configured annotations and aliases, and the group labels', () => {
    expect(lint('missing-annotation', { expr: 'up == 0', annotations: '{runbook: x}' }, { requiredAnnotations: ['runbook'] })).toEqual([]);
    expect(lint('unknown-severity', { expr: 'up == 0', labels: '{team: a}', groupExtra: '    labels: {severity: page}' })).toEqual([]);
  });
});

describe('turning lints off', () => {
  const rule = (comment: string, trailing = '') =>
    `groups:\n  - name: g\n    rules:\n${comment}      - alert: A${trailing}\n        expr: rate(queue_depth[5m]) > 0\n        labels: {severity: page}\n        annotations: {summary: s, description: d}\n      - alert: B\n        expr: rate(queue_depth[5m]) > 0\n        labels: {severity: page}\n        annotations: {summary: s, description: d}\n`;

  it('by a comment above the rule, on its first line, or for the file', () => {
    const count = (text: string) => only(check({ 'r.yml': text }), 'rate-non-counter').length;
    expect(count(rule(''))).toBe(2);
    expect(count(rule('      # klaxon-disable rate-non-counter -- a gauge that only grows\n'))).toBe(1);
    expect(count(rule('', '  # klaxon-disable'))).toBe(1);
    expect(count(rule('      # klaxon-disable-file rate-non-counter\n'))).toBe(0);
    expect(count(rule('      # klaxon-disable regex-equality\n'))).toBe(2);
  });

  it('warns about unknown lint names in comments', () => {
    expect(only(check({ 'r.yml': rule('      # klaxon-disable rate-non-countr\n') }), 'check')).toEqual([
      'r.yml:4:7: warning: unknown lint "rate-non-countr" in klaxon-disable; did you mean "rate-non-counter"? [check]',
    ]);
  });

  it('by configuration, which can also raise a lint to an error', () => {
    const text = rule('');
    expect(only(check({ 'r.yml': text }, { lints: new Map([['rate-non-counter', 'off']]) }), 'rate-non-counter')).toEqual([]);
    expect(only(check({ 'r.yml': text }, { lints: new Map([['rate-non-counter', 'error']]) }), 'rate-non-counter')[0]).toMatch(/: error: rate\(\)/);
  });
});
