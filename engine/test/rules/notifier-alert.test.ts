import { describe, expect, it } from 'vitest';
import { GroupEvaluator } from '../../src/rules/group-evaluator.js';
import { goQueryEscape, tableLinkForExpression, type NotifierAlert } from '../../src/rules/notifier-alert.js';
import { groupsOf, storeOf } from './rules-helpers.js';

describe('generatorURL', () => {
  it("escapes as Go's url.QueryEscape", () => {
    expect(goQueryEscape(`sum by (job) (rate(x{code=~"5.."}[5m])) > 0.1 * 2 / 3 ! ' ~ _ - . é`)).toBe(
      'sum+by+%28job%29+%28rate%28x%7Bcode%3D~%225..%22%7D%5B5m%5D%29%29+%3E+0.1+%2A+2+%2F+3+%21+%27+~+_+-+.+%C3%A9',
    );
  });

  it('links to the table view of the expression', () => {
    expect(tableLinkForExpression('up == 0')).toBe('/graph?g0.expr=up+%3D%3D+0&g0.tab=1');
  });
});

describe('alerts sent onwards', () => {
  it('carry annotations that expanded to nothing as empty values, while such a label is dropped', () => {
    const groups = groupsOf(`groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        labels: {team: '{{ $labels.team }}'}
        annotations:
          summary: '{{ $labels.instance }} is down'
          runbook: '{{ $labels.runbook }}'
          note: ''
`);
    const sent: NotifierAlert[] = [];
    const evaluator = new GroupEvaluator(groups[0]!, storeOf('up{job="api", instance="a"} 0'), { onAlerts: (alerts) => sent.push(...alerts) });
    evaluator.evaluateAt(0);
    expect(sent.map((a) => [a.labels.toString(), a.annotations.toObject()])).toEqual([
      ['{alertname="Down", instance="a", job="api"}', { note: '', runbook: '', summary: 'a is down' }],
    ]);
  });
});
