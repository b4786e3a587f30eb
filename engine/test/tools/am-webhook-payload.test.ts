/**
 * The webhook payload and notification log against Debian's Alertmanager 0.25: the same alerts
 * and config go through `prometheus-alertmanager` and through Klaxon's dispatcher, pipeline and
 * webhook integration, both posting to one local collector: first a firing batch after
 * group_wait, then, once every alert is resolved, the resolution at the next group_interval.
 * The bodies must be byte-identical but for Klaxon's `notification_reason` (Alertmanager 0.33+),
 * and Alertmanager's nflog snapshot must hold the alert hashes Klaxon logs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrationConfig } from '../../src/alertmanager/config/types.js';
import { Dispatcher } from '../../src/alertmanager/dispatch/dispatcher.js';
import { AlertProvider } from '../../src/alertmanager/alerts/provider.js';
import type { RouteConfig } from '../../src/alertmanager/config/types.js';
import type { Alert } from '../../src/alertmanager/model.js';
import { NotificationLog } from '../../src/alertmanager/nflog/notification-log.js';
import { buildPipeline } from '../../src/alertmanager/notify/pipeline.js';
import { WebhookIntegration } from '../../src/alertmanager/notify/webhook/webhook-integration.js';
import { VirtualClock } from '../../src/clock.js';
import { Labels } from '../../src/labels/labels.js';
import { Route } from '../../src/alertmanager/routing/route.js';
import { HttpSink } from '../alertmanager/notify/webhook/http-sink.js';
import { readNflogSnapshot, type SnapshotEntry } from './am-nflog-snapshot.js';
import { startAlertmanager, type RunningAlertmanager } from './am-process.js';

const RECEIVER = 'team.web+hook';
const GROUP_WAIT_MS = 2000;
const GROUP_INTERVAL_MS = 5000;

interface PostedAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorURL?: string;
}

/** Four alerts of one group (by alertname, a, a1): two firing, one resolved, one cut by max_alerts. */
function postedAlerts(now: number): PostedAlert[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  const group = { alertname: 'Disk<Full>', a: 'x', a1: 'y' };
  return [
    {
      labels: { ...group, job: 'db', instance: 'db&1', note: 'café ✓ \u2028' },
      annotations: { summary: '<b>disk</b> & "more"\nline', empty: '', shared: 'same' },
      startsAt: iso(now - 500),
      endsAt: iso(now + 3_600_000),
      generatorURL: 'http://prom:9090/graph?g0.expr=up&g0.tab=1',
    },
    { labels: { ...group, job: 'db', instance: 'db2' }, annotations: { shared: 'same' }, startsAt: iso(now - 400) },
    { labels: { ...group, job: 'api' }, annotations: { shared: 'same' }, startsAt: iso(now - 600), endsAt: iso(now - 100) },
    { labels: { ...group, other: 'z' }, startsAt: iso(now - 300) },
  ];
}

/** The same alerts, each ended at `at`. */
function resolvedAlerts(posted: PostedAlert[], at: number): PostedAlert[] {
  return posted.map((p) => ({ ...p, endsAt: p.endsAt && Date.parse(p.endsAt) < at ? p.endsAt : new Date(at).toISOString() }));
}

/** The alert as Alertmanager's API receives it at `now` (resolve_timeout 5m). */
function receivedAlert(posted: PostedAlert, now: number): Alert {
  return {
    labels: Labels.from(posted.labels),
    annotations: posted.annotations ?? {},
    startsAt: Date.parse(posted.startsAt),
    endsAt: posted.endsAt ? Date.parse(posted.endsAt) : now + 5 * 60_000,
    generatorURL: posted.generatorURL ?? '',
    updatedAt: now,
    timeout: !posted.endsAt,
  };
}

const CONFIG = (collector: string) => `route:
  receiver: '${RECEIVER}'
  group_by: [alertname, a, a1]
  group_wait: 2s
  group_interval: 5s
  repeat_interval: 1h
receivers:
  - name: '${RECEIVER}'
    webhook_configs:
      - url: '${collector}/alertmanager'
        send_resolved: true
        max_alerts: 3
`;

let sink: HttpSink;
let am: RunningAlertmanager;
let amBodies: string[];
let amNflog: SnapshotEntry[];
let klaxonBodies: string[];
let klaxonLog: NotificationLog;

function bodiesAt(path: string): string[] {
  return sink.requests.filter((r) => r.path === path).map((r) => r.body.toString('utf8'));
}

async function postToAlertmanager(alerts: PostedAlert[]): Promise<void> {
  const response = await fetch(`${am.url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  sink = await HttpSink.start();
  am = await startAlertmanager(CONFIG(sink.url), ['--web.external-url=http://klaxon.example:9093/am/', '--web.route-prefix=/']);
  const now = Date.now();
  const posted = postedAlerts(now);
  await postToAlertmanager(posted);
  await sink.received(1);
  const resolvedAt = Date.now();
  const resolved = resolvedAlerts(posted, resolvedAt);
  await postToAlertmanager(resolved);
  await sink.received(2);
  await am.stop();
  amBodies = bodiesAt('/alertmanager');
  amNflog = readNflogSnapshot(readFileSync(join(am.storagePath, 'nflog')));

  // The same alerts through Klaxon, with flushes when group_wait and then group_interval end.
  const clock = new VirtualClock(now);
  klaxonLog = new NotificationLog({ clock });
  const config: IntegrationConfig = {
    type: 'webhook', index: 0, sendResolved: true, settings: { url: `${sink.url}/klaxon`, max_alerts: 3 }, range: { start: 0, end: 0 },
  };
  const provider = new AlertProvider({ clock });
  provider.put(posted.map((p) => receivedAlert(p, now)));
  const range = { start: 0, end: 0 };
  const root: RouteConfig = {
    receiver: { value: RECEIVER, range },
    groupBy: ['alertname', 'a', 'a1'],
    groupByAll: false,
    matchers: [],
    continue: false,
    groupWait: GROUP_WAIT_MS,
    groupInterval: GROUP_INTERVAL_MS,
    repeatInterval: 3_600_000,
    muteTimeIntervals: [],
    activeTimeIntervals: [],
    routes: [],
    range,
  };
  const dispatcher = new Dispatcher({
    clock,
    alerts: provider,
    routes: Route.fromConfig(root),
    pipeline: buildPipeline({
      receivers: new Map([[RECEIVER, [new WebhookIntegration(config, { clock, externalURL: 'http://klaxon.example:9093/am' })]]]),
      inhibitor: { mutes: () => false },
      silencer: { mutes: () => false },
      inTimeIntervals: () => false,
      nflog: klaxonLog,
      clock,
    }),
  });
  dispatcher.start();
  clock.advance(GROUP_WAIT_MS);
  await sink.received(3);
  await dispatcher.idle();
  clock.advanceTo(resolvedAt);
  provider.put(resolved.map((p) => receivedAlert(p, resolvedAt)));
  clock.advanceTo(now + GROUP_WAIT_MS + GROUP_INTERVAL_MS);
  await sink.received(4);
  await dispatcher.idle();
  expect(dispatcher.groupCount).toBe(0);
  dispatcher.stop();
  klaxonBodies = bodiesAt('/klaxon');
});

afterAll(async () => {
  await am?.stop();
  await sink?.close();
});

describe('webhook payload against prometheus-alertmanager 0.25', () => {
  it.each([
    { round: 0, reason: 'first notification' },
    { round: 1, reason: 'all alerts resolved' },
  ])('sends the same message, key for key and byte for byte ($reason)', ({ round, reason }) => {
    expect(amBodies).toHaveLength(2);
    expect(klaxonBodies).toHaveLength(2);
    const amMessage = JSON.parse(amBodies[round]!) as Record<string, unknown>;
    const klaxonMessage = JSON.parse(klaxonBodies[round]!) as Record<string, unknown>;
    expect(klaxonMessage.notification_reason).toBe(reason);
    const { notification_reason: _reason, ...klaxonWithoutReason } = klaxonMessage;
    expect(Object.keys(klaxonWithoutReason)).toEqual(Object.keys(amMessage));
    expect(klaxonWithoutReason).toEqual(amMessage);
    expect(klaxonBodies[round]!.replace(`"notification_reason":"${reason}",`, '')).toBe(amBodies[round]);
  });

  it('covers what the comparison is meant to cover', () => {
    type Message = { status: string; receiver: string; groupKey: string; truncatedAlerts: number; alerts: { status: string; endsAt: string }[] };
    const [firing, resolved] = amBodies.map((b) => JSON.parse(b) as Message);
    expect(firing!.receiver).toBe('team\\.web\\+hook');
    expect(firing!.groupKey).toBe('{}:{a1="y", a="x", alertname="Disk<Full>"}');
    expect(firing!.truncatedAlerts).toBe(1);
    expect(firing!.alerts.map((a) => a.status)).toEqual(['resolved', 'firing', 'firing']);
    expect(firing!.alerts[1]!.endsAt).toBe('0001-01-01T00:00:00Z');
    expect(resolved!.status).toBe('resolved');
    expect(resolved!.alerts.map((a) => a.status)).toEqual(['resolved', 'resolved', 'resolved']);
    expect(amBodies[0]).toContain('\\u003cb\\u003e');
    expect(amBodies[0]).toContain('\\u2028');
  });

  it('logs the same alert hashes in the notification log', () => {
    expect(amNflog).toHaveLength(1);
    expect(klaxonLog.entries()).toHaveLength(1);
    const [amEntry] = amNflog;
    const klaxonEntry = klaxonLog.entries()[0]!;
    expect(klaxonEntry.groupKey).toBe(amEntry!.groupKey);
    expect(klaxonEntry.receiver).toEqual(amEntry!.receiver);
    expect(klaxonEntry.firingAlerts).toEqual(amEntry!.firingAlerts);
    expect(klaxonEntry.resolvedAlerts).toEqual(amEntry!.resolvedAlerts);
    expect(amEntry!.firingAlerts).toEqual([]);
    expect(amEntry!.resolvedAlerts).toHaveLength(4);
  });
});
