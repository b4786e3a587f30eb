/**
 * The documents that the language service's tests and the language server's protocol tests share:
 * a rule file, an Alertmanager config, a promtool unit test of the rule file and a template file.
 */

export const RULES = `groups:
  - name: api
    interval: 1m
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total{code="500"}[5m]))
      - alert: HighErrorRate
        expr: job:http_requests:rate5m{job="api"} > 10
        for: 5m
        labels:
          severity: critical
        annotations:
          summary: "{{ $labels.job }} is failing"
          description: "{{ $labels.job }} fails {{ $value }} requests per second"
      - alert: InstanceDown
        expr: up == 0
        for: 3m
        labels:
          severity: warning
        annotations:
          summary: "{{ $labels.instance }} is down"
          description: "{{ $labels.instance }} of {{ $labels.job }} is down"
`;

export const ALERTMANAGER = `route:
  receiver: chat
  group_by: [alertname, job]
  routes:
    - matchers: ['severity = critical']
      receiver: pager
      mute_time_intervals: [nights]

receivers:
  - name: chat
    webhook_configs:
      - url: http://127.0.0.1:9999/chat
  - name: pager
    webhook_configs:
      - url: http://127.0.0.1:9999/pager

time_intervals:
  - name: nights
    time_intervals:
      - times:
          - start_time: '22:00'
            end_time: '24:00'

templates:
  - 'templates/*.tmpl'
`;

export const UNIT_TEST = `rule_files:
  - rules.yml

evaluation_interval: 1m

tests:
  - name: instance down
    interval: 1m
    input_series:
      - series: 'up{job="api", instance="a"}'
        values: '0x10'
    alert_rule_test:
      - eval_time: 5m
        alertname: InstanceDown
        exp_alerts:
          - exp_labels:
              severity: critical
              job: api
              instance: a
            exp_annotations:
              summary: "a is down"
              description: "a of api is down"
`;

export const TEMPLATES = `{{ define "chat.title" }}[{{ .Status }}] {{ .CommonLabels.alertname }}{{ end }}
{{ define "chat.text" }}{{ template "chat.title" . }}: {{ len .Alerts }} alerts{{ end }}
`;
