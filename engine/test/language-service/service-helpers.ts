/** A language service with documents, and fixture text with a `<|>` cursor marker. */
import { LanguageService, type LanguageServiceOptions } from '../../src/language-service/index.js';

export const CURSOR = '<|>';

export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0) throw new Error('no <|> in the fixture');
  return { text: marked.slice(0, offset) + marked.slice(offset + CURSOR.length), offset };
}

/** A service with the given documents open (URIs under file:///ws/) and the cursor's document and offset. */
export function serviceWith(files: Record<string, string>, options: LanguageServiceOptions = {}): { service: LanguageService; uri: string; offset: number; text: string } {
  const service = new LanguageService({ readFile: () => { throw new Error('no such file'); }, ...options });
  service.configure({}, ['/ws']);
  let cursor = { uri: '', offset: -1, text: '' };
  for (const [name, content] of Object.entries(files)) {
    const uri = `file:///ws/${name}`;
    if (content.includes(CURSOR)) {
      const { text, offset } = withCursor(content);
      cursor = { uri, offset, text };
      service.setDocument(uri, 1, text);
    } else service.setDocument(uri, 1, content);
  }
  return { service, ...cursor };
}

/** The text a range covers. */
export function slice(text: string, range: { start: number; end: number }): string {
  return text.slice(range.start, range.end);
}

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
