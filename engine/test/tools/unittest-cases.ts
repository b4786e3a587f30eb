/**
 * Hand-written unit-test files, each aimed at one rule of promtool's semantics, for the interop
 * suite to run through both tools. Each has a rules file and a test file; both tools must agree.
 */
export interface HandwrittenCase {
  rules: string;
  test: string;
}

const ALERTS = `groups:
  - name: alerts
    rules:
      - alert: InstanceDown
        expr: up == 0
        for: 5m
        labels: {severity: page}
        annotations:
          summary: "{{ $labels.instance }} down"
      - alert: Held
        expr: up == 0
        keep_firing_for: 2m
  - name: more
    rules:
      - alert: InstanceDown
        expr: up == 0
        labels: {severity: info}
`;

const SERIES = `    input_series:
      - series: 'up{job="api", instance="a"}'
        values: '0x6 1x6'
`;

const test = (body: string, extra = '') => `rule_files: [rules.yml]
${extra}tests:
  - interval: 1m
${SERIES}${body}`;

const alertTest = (evalTime: string, name: string, alerts: string) => `    alert_rule_test:
      - eval_time: ${evalTime}
        alertname: ${name}
        exp_alerts: ${alerts}
`;

const DOWN_PAGE = '{exp_labels: {severity: page, job: api, instance: a}, exp_annotations: {summary: a down}}';
const DOWN_INFO = '{exp_labels: {severity: info, job: api, instance: a}}';

/** One alert whose `summary` expands to nothing and whose `note` is empty as written. */
const EMPTY_ANNOTATIONS = `groups:
  - name: g
    rules:
      - alert: Bare
        expr: vector(1)
        annotations: {summary: "{{ $labels.nothing }}", note: "", title: bare}
`;

const bareTest = (annotations: string) =>
  `rule_files: [rules.yml]\ntests:\n  - interval: 1m\n    alert_rule_test:\n      - {eval_time: 0m, alertname: Bare, exp_alerts: [{exp_annotations: ${annotations}}]}\n`;

export const HANDWRITTEN: Record<string, HandwrittenCase> = {
  pendingIsNotFiring: { rules: ALERTS, test: test(alertTest('4m', 'InstanceDown', `[${DOWN_INFO}]`)) },
  pendingCountedAsFiringFails: { rules: ALERTS, test: test(alertTest('4m', 'InstanceDown', `[${DOWN_INFO}, ${DOWN_PAGE}]`)) },
  firesOnceForElapsed: { rules: ALERTS, test: test(alertTest('5m', 'InstanceDown', `[${DOWN_INFO}, ${DOWN_PAGE}]`)) },
  betweenEvaluationsUsesEarlier: { rules: ALERTS, test: test(alertTest('4m59s', 'InstanceDown', `[${DOWN_INFO}]`)) },
  resolvedIsGone: { rules: ALERTS, test: test(alertTest('8m', 'InstanceDown', '[]')) },
  keepFiringHolds: { rules: ALERTS, test: test(alertTest('8m', 'Held', '[{exp_labels: {job: api, instance: a}}]')) },
  keepFiringEnds: { rules: ALERTS, test: test(alertTest('9m', 'Held', '[]')) },
  duplicateExpectedAlertFails: { rules: ALERTS, test: test(alertTest('5m', 'InstanceDown', `[${DOWN_INFO}, ${DOWN_PAGE}, ${DOWN_PAGE}]`)) },
  alertnameInExpLabelsIsOverridden: {
    rules: ALERTS,
    test: test(alertTest('3m', 'Held', '[{exp_labels: {alertname: Other, job: api, instance: a}}]')),
  },
  emptyExpectedLabelValueFails: { rules: ALERTS, test: test(alertTest('3m', 'Held', '[{exp_labels: {job: api, instance: a, extra: ""}}]')) },
  unknownAlertnameHasNoAlerts: { rules: ALERTS, test: test(alertTest('3m', 'Nope', '[]')) },
  alertsSeriesSeesPending: {
    rules: ALERTS,
    test: test(`    promql_expr_test:
      - expr: count by (alertname, alertstate) (ALERTS)
        eval_time: 2m
        exp_samples:
          - {labels: '{alertname="InstanceDown", alertstate="pending"}', value: 1}
          - {labels: '{alertname="InstanceDown", alertstate="firing"}', value: 1}
          - {labels: '{alertname="Held", alertstate="firing"}', value: 1}
`),
  },
  laterSamplesInvisibleAfterLastEvaluation: {
    rules: 'groups: []\n',
    test: `tests:
  - interval: 30s
    input_series:
      - {series: test, values: 0 1 2 3 4 5}
    promql_expr_test:
      - {expr: test, eval_time: 90s, exp_samples: [{labels: test, value: 2}]}
`,
  },
  nanNeverEqual: {
    rules: 'groups: []\n',
    test: 'tests:\n  - interval: 1m\n    input_series: [{series: n, values: NaN}]\n    promql_expr_test:\n      - {expr: n, exp_samples: [{labels: n, value: .nan}]}\n',
  },
  scalarResult: {
    rules: 'groups: []\n',
    test: 'tests:\n  - interval: 1m\n    promql_expr_test:\n      - {expr: "1 + 1", exp_samples: [{value: 2}]}\n',
  },
  stringResultFails: {
    rules: 'groups: []\n',
    test: 'tests:\n  - interval: 1m\n    promql_expr_test:\n      - {expr: \'"a"\', exp_samples: []}\n',
  },
  groupEvalOrderFeedsAlert: {
    rules: 'groups:\n  - name: reader\n    rules:\n      - {alert: SawIt, expr: written == 1}\n  - name: writer\n    rules:\n      - {record: written, expr: vector(1)}\n',
    test: 'rule_files: [rules.yml]\ngroup_eval_order: [writer, reader]\ntests:\n  - interval: 1m\n    alert_rule_test:\n      - {eval_time: 0m, alertname: SawIt, exp_alerts: [{}]}\n',
  },
  comparisonKeepsMetricNameOutOfAlertLabels: {
    rules: 'groups:\n  - name: g\n    rules:\n      - {alert: A, expr: up == 0}\n',
    test: test(alertTest('0m', 'A', '[{exp_labels: {job: api, instance: a}}]')),
  },
  externalLabelsInTemplates: {
    rules: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: vector(1)\n        annotations: {where: "{{ $externalLabels.cluster }} {{ $externalURL }}"}\n',
    test: 'rule_files: [rules.yml]\ntests:\n  - interval: 1m\n    external_labels: {cluster: eu-1}\n    external_url: http://prom\n    alert_rule_test:\n      - {eval_time: 0m, alertname: A, exp_alerts: [{exp_annotations: {where: eu-1 http://prom}}]}\n',
  },
  missingRuleFileIsOnlyAWarning: {
    rules: 'groups: []\n',
    test: 'rule_files: [nothing-here.yml]\ntests:\n  - interval: 1m\n    promql_expr_test:\n      - {expr: vector(3), exp_samples: [{value: 3}]}\n',
  },
  unnamedTestWithoutInputs: { rules: 'groups: []\n', test: 'tests:\n  - {}\n' },
  emptyAnnotationsExpectedEmptyPass: { rules: EMPTY_ANNOTATIONS, test: bareTest('{summary: "", note: "", title: bare}') },
  expandedEmptyAnnotationOmittedFails: { rules: EMPTY_ANNOTATIONS, test: bareTest('{note: "", title: bare}') },
  writtenEmptyAnnotationOmittedFails: { rules: EMPTY_ANNOTATIONS, test: bareTest('{summary: "", title: bare}') },
  recordingRuleStaleWhenGone: {
    rules: 'groups:\n  - name: g\n    rules:\n      - {record: r, expr: up == 0}\n',
    test: test('    promql_expr_test:\n      - {expr: r, eval_time: 8m, exp_samples: []}\n'),
  },
};
