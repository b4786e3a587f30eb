/** Sample records of every type, numbered so that each n gives a distinct record. */
import type { HistoryEvent, NotificationLogEntry, Silence, StoredAlert } from '../../src/alertmanager/model.js';
import { fingerprint } from '../../src/labels/fingerprint.js';
import { Labels } from '../../src/labels/labels.js';

export function sampleAlert(n: number, overrides: Partial<StoredAlert> = {}): StoredAlert {
  const labels = Labels.from({ alertname: 'HighLatency', instance: `host-${n}:9100`, job: 'node', severity: 'page' });
  return {
    fingerprint: fingerprint(labels),
    labels,
    annotations: { summary: `latency on host ${n}`, runbook: 'https://runbooks.example/latency', empty: '' },
    startsAt: 1_700_000_000_000 + n,
    endsAt: 1_700_000_300_000 + n,
    generatorURL: `http://prometheus.example/graph?g0.expr=up&n=${n}`,
    updatedAt: 1_700_000_000_500 + n,
    timeout: n % 2 === 0,
    ...overrides,
  };
}

export function sampleSilence(n: number, overrides: Partial<Silence> = {}): Silence {
  return {
    id: `6d2a4a1c-0d3b-4c8e-9a8e-${String(n).padStart(12, '0')}`,
    matchers: [
      { name: 'alertname', value: 'HighLatency', isRegex: false, isEqual: true },
      { name: 'instance', value: 'host-.*', isRegex: true, isEqual: false },
    ],
    startsAt: 1_700_000_000_000,
    endsAt: 1_700_003_600_000 + n,
    updatedAt: 1_700_000_000_000,
    createdBy: 'ops@example.com',
    comment: `maintenance window ${n} — ünïcode`,
    ...overrides,
  };
}

export function sampleNotificationLogEntry(n: number, overrides: Partial<NotificationLogEntry> = {}): NotificationLogEntry {
  return {
    groupKey: `{}/{severity="page"}:{alertname="HighLatency", n="${n}"}`,
    receiver: { groupName: 'team-pager', integration: 'webhook', index: n % 3 },
    timestamp: 1_700_000_010_000 + n,
    firingAlerts: ['12345678901234567890', String(n)],
    resolvedAlerts: [],
    expiresAt: 1_700_432_010_000 + n,
    ...overrides,
  };
}

export function sampleHistoryEvent(n: number, overrides: Partial<HistoryEvent> = {}): HistoryEvent {
  return {
    at: 1_700_000_000_000 + n * 1000,
    kind: 'alert.received',
    fingerprint: sampleAlert(n % 5).fingerprint,
    data: { n, source: 'api', nested: { list: [1, 'two', null] } },
    ...overrides,
  };
}
