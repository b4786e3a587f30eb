import { describe, expect, it } from 'vitest';
import { GroupEvaluator } from '../../src/rules/group-evaluator.js';
import type { AlertOrigin, NotifierAlert } from '../../src/rules/notifier-alert.js';
import { groupsOf, MIN, queryAt, storeOf } from './rules-helpers.js';

function evaluateMinutes(evaluator: GroupEvaluator, minutes: number) {
  const results = [];
  for (let m = 0; m < minutes; m++) results.push(evaluator.evaluateAt(m * MIN));
  return results;
}

const DOWN = `groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        for: 2m
        labels: {severity: page}
`;

describe('GroupEvaluator', () => {
  it('writes ALERTS and ALERTS_FOR_STATE while an alert is pending or firing, and marks them stale after', () => {
    const store = storeOf('up{job="api"} 1 0 0 0 0 1 1');
    const evaluator = new GroupEvaluator(groupsOf(DOWN)[0]!, store);
    evaluateMinutes(evaluator, 7);
    const alerts = (m: number) => queryAt(store, '{__name__=~"ALERTS.*"}', m * MIN);
    expect(alerts(0)).toEqual([]);
    expect(alerts(1)).toEqual([
      '{__name__="ALERTS", alertname="Down", alertstate="pending", job="api", severity="page"} 1',
      '{__name__="ALERTS_FOR_STATE", alertname="Down", job="api", severity="page"} 60',
    ]);
    expect(alerts(3)).toEqual([
      '{__name__="ALERTS", alertname="Down", alertstate="firing", job="api", severity="page"} 1',
      '{__name__="ALERTS_FOR_STATE", alertname="Down", job="api", severity="page"} 60',
    ]);
    expect(alerts(5)).toEqual([]);
    expect(alerts(6)).toEqual([]);
  });

  it('lets later rules read what earlier ones wrote in the same evaluation', () => {
    const groups = groupsOf(`groups:
  - name: g
    rules:
      - record: job:up:min
        expr: min by (job) (up)
      - alert: Down
        expr: job:up:min == 0
      - alert: DownSeen
        expr: ALERTS{alertname="Down", alertstate="firing"}
`);
    const evaluator = new GroupEvaluator(groups[0]!, storeOf('up{job="api", instance="a"} 1 0 1'));
    const transitions = evaluateMinutes(evaluator, 3).map((r) => r.transitions.map((t) => `${t.rule.name}:${t.transition.to}`));
    expect(transitions).toEqual([[], ['Down:pending', 'Down:firing', 'DownSeen:pending', 'DownSeen:firing'], ['Down:inactive', 'DownSeen:inactive']]);
  });

  it('marks recorded series stale when the rule no longer returns them', () => {
    const groups = groupsOf('groups:\n  - name: g\n    rules:\n      - record: r\n        expr: x > 0\n');
    const store = storeOf('x{a="1"} 1 1 0 0\nx{a="2"} 1 1 1 1');
    evaluateMinutes(new GroupEvaluator(groups[0]!, store), 4);
    expect(queryAt(store, 'r', 1 * MIN)).toEqual(['{__name__="r", a="1"} 1', '{__name__="r", a="2"} 1']);
    expect(queryAt(store, 'r', 2 * MIN)).toEqual(['{__name__="r", a="2"} 1']);
  });

  it('queries at the evaluation time minus query_offset and writes there; alerts are active from the evaluation time', () => {
    const groups = groupsOf(`groups:
  - name: g
    query_offset: 1m
    rules:
      - alert: Down
        expr: up == 0
`);
    const store = storeOf('up{job="api"} 0 1 1');
    const evaluator = new GroupEvaluator(groups[0]!, store);
    const first = evaluator.evaluateAt(MIN);
    expect(first.transitions.map((t) => `${t.transition.to}@${t.transition.atMs}`)).toEqual([`pending@${MIN}`, `firing@${MIN}`]);
    expect(queryAt(store, 'ALERTS_FOR_STATE', 0)).toEqual(['{__name__="ALERTS_FOR_STATE", alertname="Down", job="api"} 60']);
    expect(evaluator.evaluateAt(2 * MIN).transitions.map((t) => t.transition.to)).toEqual(['inactive']);
    expect(queryAt(store, 'ALERTS', MIN)).toEqual([]);
  });

  it('adds the group labels to recording and alerting rules; rule labels win', () => {
    const groups = groupsOf(`groups:
  - name: g
    labels: {team: core, tier: group}
    rules:
      - record: r
        expr: x
        labels: {tier: rule}
      - alert: A
        expr: x
`);
    const store = storeOf('x{a="1"} 1');
    const [result] = evaluateMinutes(new GroupEvaluator(groups[0]!, store), 1);
    expect(queryAt(store, 'r', 0)).toEqual(['{__name__="r", a="1", team="core", tier="rule"} 1']);
    expect(result!.transitions[0]!.transition.labels.toString()).toBe('{a="1", alertname="A", team="core", tier="group"}');
  });

  it('fails a recording rule over its limit without writing, and keeps its series from going stale', () => {
    const groups = groupsOf('groups:\n  - name: g\n    limit: 1\n    rules:\n      - record: r\n        expr: x\n');
    const store = storeOf('x{a="1"} 1 2 3\nx{a="2"} _ 2 3');
    const results = evaluateMinutes(new GroupEvaluator(groups[0]!, store), 3);
    expect(results.map((r) => r.errors.map((e) => e.message))).toEqual([[], ['exceeded limit of 1 with 2 series'], ['exceeded limit of 1 with 2 series']]);
    expect(queryAt(store, 'r', 2 * MIN)).toEqual(['{__name__="r", a="1"} 1']);
  });

  it('fails an alerting rule over its limit and drops its alerts', () => {
    const groups = groupsOf('groups:\n  - name: g\n    limit: 1\n    rules:\n      - alert: A\n        expr: x > 0\n');
    const store = storeOf('x{a="1"} 1 1 1\nx{a="2"} _ 1 1');
    const results = evaluateMinutes(new GroupEvaluator(groups[0]!, store), 2);
    expect(results[1]!.errors.map((e) => e.message)).toEqual(['exceeded limit of 1 with 2 alerts']);
    expect(results[1]!.transitions.map((t) => `${t.transition.labels.get('a')}:${t.transition.to}:${t.transition.cause}`)).toEqual(['1:inactive:limit']);
    expect(queryAt(store, 'ALERTS', MIN)).toEqual(['{__name__="ALERTS", a="1", alertname="A", alertstate="firing"} 1']);
  });

  it('reports duplicate output label sets of recording rules as an evaluation error', () => {
    const groups = groupsOf('groups:\n  - name: g\n    rules:\n      - record: r\n        expr: x\n        labels: {a: same}\n');
    const [result] = evaluateMinutes(new GroupEvaluator(groups[0]!, storeOf('x{a="1"} 1\nx{a="2"} 1')), 1);
    expect(result!.errors.map((e) => e.message)).toEqual(['vector contains metrics with the same labelset after applying rule labels']);
  });

  it('records a scalar as a series without labels, and rejects a string', () => {
    const groups = groupsOf('groups:\n  - name: g\n    rules:\n      - record: s\n        expr: 1 + 1\n      - record: t\n        expr: \'"text"\'\n');
    const store = storeOf('');
    const [result] = evaluateMinutes(new GroupEvaluator(groups[0]!, store), 1);
    expect(queryAt(store, 's', 0)).toEqual(['{__name__="s"} 2']);
    expect(result!.errors.map((e) => `${e.rule.name}: ${e.message}`)).toEqual(['t: rule result is not a vector or scalar']);
  });

  it('does not let a staleness marker of one rule hide a series another rule wrote at the same time', () => {
    const groups = groupsOf(`groups:
  - name: g
    rules:
      - alert: Dup
        expr: b == 0
      - alert: Dup
        expr: a == 0
`);
    const store = storeOf('a{job="x"} 0 0 1 1\nb{job="x"} 0 0 0 0');
    evaluateMinutes(new GroupEvaluator(groups[0]!, store), 4);
    expect(queryAt(store, 'ALERTS', 3 * MIN)).toEqual(['{__name__="ALERTS", alertname="Dup", alertstate="firing", job="x"} 1']);
  });

  it('sends firing and resolved alerts with startsAt, endsAt, generatorURL and external labels', () => {
    const sent: { atMs: number; alerts: NotifierAlert[] }[] = [];
    const onAlerts = (alerts: NotifierAlert[], origin: AlertOrigin) => sent.push({ atMs: origin.atMs, alerts });
    const groups = groupsOf(`groups:
  - name: g
    interval: 2m
    rules:
      - alert: Down
        expr: up == 0
        for: 2m
        labels: {region: rule}
`);
    const evaluator = new GroupEvaluator(groups[0]!, storeOf('up{job="api"} 0 0 0 0 0 1 1'), {
      externalURL: 'http://prom:9090',
      externalLabels: { region: 'eu', cluster: 'c1' },
      onAlerts,
    });
    for (const m of [0, 2, 4, 6]) evaluator.evaluateAt(m * MIN);
    expect(sent.map((s) => s.atMs)).toEqual([2 * MIN, 4 * MIN, 6 * MIN]);
    const [firing] = sent[0]!.alerts;
    expect(firing!.labels.toString()).toBe('{alertname="Down", cluster="c1", job="api", region="rule"}');
    expect(firing!.startsAtMs).toBe(2 * MIN);
    expect(firing!.endsAtMs).toBe(2 * MIN + 4 * 2 * MIN);
    expect(firing!.generatorURL).toBe('http://prom:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1');
    const [resolved] = sent[2]!.alerts;
    expect([resolved!.startsAtMs, resolved!.endsAtMs]).toEqual([2 * MIN, 6 * MIN]);
  });

  it('expands templates with $labels, $value, $externalLabels, $externalURL and query', () => {
    const groups = groupsOf(`groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        labels:
          owner: '{{ $labels.job }}-team'
        annotations:
          summary: '{{ $labels.instance }} is {{ $value }} in {{ $externalLabels.env }}'
          link: '{{ $externalURL }}/alerts'
          total: '{{ query "count(up)" | first | value }} targets'
`);
    const store = storeOf('up{job="api", instance="a:1"} 0\nup{job="api", instance="b:1"} 1');
    const evaluator = new GroupEvaluator(groups[0]!, store, { externalLabels: { env: 'prod' }, externalURL: 'http://prom' });
    const [pending] = evaluator.evaluateAt(0).transitions;
    expect(pending!.transition.labels.get('owner')).toBe('api-team');
    expect(pending!.transition.annotations.toObject()).toEqual({ summary: 'a:1 is 0 in prod', link: 'http://prom/alerts', total: '2 targets' });
  });
});
