/**
 * The dispatcher with the real parts around it: the alert provider, the routing tree, the
 * inhibitor, time intervals, the notification log and the pipeline.
 */
import { describe, expect, it } from 'vitest';
import { AlertProvider } from '../../../src/alertmanager/alerts/provider.js';
import type { RouteConfig, TimeIntervalConfig } from '../../../src/alertmanager/config/types.js';
import { Dispatcher } from '../../../src/alertmanager/dispatch/dispatcher.js';
import { Inhibitor } from '../../../src/alertmanager/inhibit/inhibitor.js';
import type { Alert } from '../../../src/alertmanager/model.js';
import { NotificationLog } from '../../../src/alertmanager/nflog/notification-log.js';
import { buildPipeline } from '../../../src/alertmanager/notify/pipeline.js';
import { Route } from '../../../src/alertmanager/routing/route.js';
import { TimeIntervals } from '../../../src/alertmanager/time-intervals/time-intervals.js';
import { VirtualClock } from '../../../src/clock.js';
import { Labels } from '../../../src/labels/labels.js';
import { Matcher } from '../../../src/labels/matcher.js';
import { ScriptedIntegration, settle } from '../notify/fixtures.js';

const range = { start: 0, end: 0 };
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const NOON = Date.UTC(2024, 0, 1, 12);

function routeConfig(overrides: Partial<RouteConfig>): RouteConfig {
  return { groupByAll: false, matchers: [], continue: false, muteTimeIntervals: [], activeTimeIntervals: [], routes: [], range, ...overrides };
}

const tree = Route.fromConfig(
  routeConfig({
    receiver: { value: 'default', range },
    groupBy: ['alertname'],
    groupWait: 30 * SECOND,
    groupInterval: 5 * MINUTE,
    repeatInterval: 4 * HOUR,
    routes: [
      routeConfig({
        receiver: { value: 'db', range },
        matchers: [new Matcher('team', '=', 'db', { dotAll: false })],
        groupWait: 10 * SECOND,
        muteTimeIntervals: [{ value: 'evenings', range }],
      }),
    ],
  }),
);

const evenings: TimeIntervalConfig = {
  name: { value: 'evenings', range },
  intervals: [{ times: [{ startMinute: 18 * 60, endMinute: 24 * 60 }] }],
  deprecatedKey: false,
  range,
};

/** An alert received at `at`, ending at `endsAt` (a day later unless given, as if re-sent all along). */
function alertAt(labels: Record<string, string>, at: number, endsAt = at + 24 * HOUR): Alert {
  return { labels: Labels.from(labels), annotations: {}, startsAt: at, endsAt, generatorURL: '', updatedAt: at, timeout: false };
}

function setup() {
  const clock = new VirtualClock(NOON);
  const provider = new AlertProvider({ clock });
  const inhibitor = new Inhibitor(
    [{ sourceMatchers: [new Matcher('severity', '=', 'critical')], targetMatchers: [new Matcher('severity', '=', 'warning')], equal: ['alertname'] }],
    clock,
  );
  inhibitor.attach(provider);
  const intervals = new TimeIntervals([evenings]);
  const db = new ScriptedIntegration([], true, 0, () => clock.now());
  const fallback = new ScriptedIntegration([], true, 0, () => clock.now());
  const nflog = new NotificationLog({ clock });
  const dispatcher = new Dispatcher({
    clock,
    alerts: provider,
    routes: tree,
    pipeline: buildPipeline({
      receivers: new Map([['db', [db]], ['default', [fallback]]]),
      inhibitor,
      silencer: { mutes: () => false },
      inTimeIntervals: (names, at) => intervals.isMuted(names, at),
      nflog,
      clock,
    }),
  });
  const at = async (ms: number) => {
    clock.advanceTo(NOON + ms);
    await settle();
    await dispatcher.idle();
  };
  return { clock, provider, dispatcher, db, fallback, nflog, at };
}

describe('Dispatcher with the provider, routing tree, inhibitor and time intervals', () => {
  it('routes, groups, inhibits and notifies each receiver after its group_wait', async () => {
    const { provider, dispatcher, db, fallback, at } = setup();
    provider.put([alertAt({ alertname: 'DiskFull', team: 'db', severity: 'critical' }, NOON)]);
    dispatcher.start();
    provider.put([
      alertAt({ alertname: 'DiskFull', team: 'db', severity: 'warning', host: 'a' }, NOON),
      alertAt({ alertname: 'Other', team: 'web' }, NOON),
    ]);
    expect(dispatcher.groups().groups.map((g) => [g.groupKey, g.receiver, g.alerts.length])).toEqual([
      ['{}/{team="db"}:{alertname="DiskFull"}', 'db', 2],
      ['{}:{alertname="Other"}', 'default', 1],
    ]);
    await at(10 * SECOND);
    expect(db.calls.map((c) => c.alerts.map((a) => a.labels.get('severity')))).toEqual([['critical']]);
    expect(fallback.calls).toEqual([]);
    await at(30 * SECOND);
    expect(fallback.calls.map((c) => c.ctx.groupKey)).toEqual(['{}:{alertname="Other"}']);
  });

  it('holds notifications back while the route is muted, and removes resolved alerts', async () => {
    const { provider, dispatcher, db, nflog, at } = setup();
    dispatcher.start();
    const evening = 6 * HOUR + MINUTE;
    await at(evening);
    provider.put([alertAt({ alertname: 'DiskFull', team: 'db' }, NOON + evening)]);
    await at(evening + 10 * SECOND);
    expect(db.calls).toEqual([]);
    expect(nflog.size).toBe(0);
    // Flushes every 5 minutes until midnight ends the mute.
    for (let t = evening + 10 * SECOND; t <= 12 * HOUR + 5 * MINUTE; t += 5 * MINUTE) await at(t);
    expect(db.calls.map((c) => [new Date(c.at).toISOString(), c.ctx.notificationReason])).toEqual([['2024-01-02T00:01:10.000Z', 'first notification']]);

    await at(12 * HOUR + 5 * MINUTE);
    provider.put([alertAt({ alertname: 'DiskFull', team: 'db' }, NOON + 12 * HOUR + 5 * MINUTE, NOON + 12 * HOUR + 5 * MINUTE)]);
    await at(12 * HOUR + 10 * MINUTE);
    expect(db.calls.at(-1)!.ctx.notificationReason).toBe('all alerts resolved');
    expect(dispatcher.groupCount).toBe(0);
  });
});
