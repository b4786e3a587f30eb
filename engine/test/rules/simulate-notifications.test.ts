/**
 * Simulated rules feeding the real alert manager: each case's notifications worked out by hand
 * from Prometheus's notifier (alerts sent when they fire or resolve, re-sent every resend delay)
 * and Alertmanager's grouping, deduplication and muting. Rules are evaluated every minute from 0
 * unless a case says otherwise.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigLoadError } from '../../src/alertmanager/alert-manager.js';
import type { RecordedNotification } from '../../src/alertmanager/notify/recording-integration.js';
import { formatDurationMs } from '../../src/promql/duration.js';
import { NotificationSimulation } from '../../src/simulate/notification-simulation.js';
import { simulateWithNotifications } from '../../src/simulate/simulate-notifications.js';
import { groupsOf, MIN, storeOf } from './rules-helpers.js';
import { ruleFileText, type RuleSpec } from './rule-file-text.js';

/** An Alertmanager configuration from its parts; the root route sends to `team`, grouping by alertname. */
function alertmanagerConfig(parts: { route?: object; receivers?: object[]; inhibit_rules?: object[]; time_intervals?: object[] } = {}): string {
  const route = { receiver: 'team', group_by: ['alertname'], group_wait: '30s', group_interval: '5m', repeat_interval: '4h', ...parts.route };
  return stringify({ ...parts, route, receivers: parts.receivers ?? [{ name: 'team', webhook_configs: [{ url: 'http://team.example/' }] }] });
}

/** One line a notification: time, receiver, integration, reason, then the firing and resolved alerts as alertname/instance. */
function line(n: RecordedNotification): string {
  const names = (alerts: RecordedNotification['firing']) => alerts.map((l) => `${l.get('alertname')}/${l.get('instance')}`).join(' ');
  return `${formatDurationMs(n.atMs)} ${n.receiver} ${n.integration}[${n.index}] ${n.reason}: firing [${names(n.firing)}] resolved [${names(n.resolved)}]`;
}

async function notifications(rules: RuleSpec[], series: string, config: string, endMs: number, intervalMs = MIN): Promise<string[]> {
  const alertmanager = await NotificationSimulation.start({ configFile: 'alertmanager.yml', configText: config, startMs: 0 });
  const groups = groupsOf(ruleFileText([{ name: 'g', rules }]));
  const { notifications } = await simulateWithNotifications(groups, storeOf(series), { startMs: 0, endMs, defaultIntervalMs: intervalMs }, alertmanager);
  expect(notifications.rejected).toEqual([]);
  expect(notifications.warnings).toEqual([]);
  return notifications.notifications.map(line);
}

const down: RuleSpec = { alert: 'Down', expr: 'up == 0' };

describe('simulated notifications', () => {
  it('waits group_wait, then sends the alerts of one evaluation in one notification', async () => {
    const series = 'up{instance="a"} 1 0x20\nup{instance="b"} 1 0x20\nup{instance="c"} 1x20\n';
    expect(await notifications([down], series, alertmanagerConfig(), 10 * MIN)).toEqual(['1m30s team webhook[0] first notification: firing [Down/a Down/b] resolved []']);
  });

  it('batches an alert that joins the group until the next group_interval', async () => {
    const series = 'up{instance="a"} 1 0x20\nup{instance="b"} 1 1 1 0x20\n';
    expect(await notifications([down], series, alertmanagerConfig(), 12 * MIN)).toEqual([
      '1m30s team webhook[0] first notification: firing [Down/a] resolved []',
      '6m30s team webhook[0] new alerts added: firing [Down/a Down/b] resolved []',
    ]);
  });

  it('notifies again once repeat_interval has elapsed, at the first group_interval after it', async () => {
    const config = alertmanagerConfig({ route: { repeat_interval: '10m' } });
    expect(await notifications([down], 'up{instance="a"} 1 0x40\n', config, 40 * MIN)).toEqual([
      '1m30s team webhook[0] first notification: firing [Down/a] resolved []',
      '16m30s team webhook[0] repeat interval elapsed: firing [Down/a] resolved []',
      '31m30s team webhook[0] repeat interval elapsed: firing [Down/a] resolved []',
    ]);
  });

  it('runs each flush between two evaluations at its own time', async () => {
    const config = alertmanagerConfig({ route: { group_interval: '1m', repeat_interval: '2m' } });
    expect(await notifications([down], 'up{instance="a"} 1x4 0x20\n', config, 15 * MIN, 5 * MIN)).toEqual([
      '5m30s team webhook[0] first notification: firing [Down/a] resolved []',
      '8m30s team webhook[0] repeat interval elapsed: firing [Down/a] resolved []',
      '11m30s team webhook[0] repeat interval elapsed: firing [Down/a] resolved []',
      '14m30s team webhook[0] repeat interval elapsed: firing [Down/a] resolved []',
    ]);
  });

  it('sends a resolution only to integrations with send_resolved', async () => {
    const receivers = [{ name: 'team', webhook_configs: [{ url: 'http://a.example/' }, { url: 'http://b.example/', send_resolved: false }] }];
    expect(await notifications([down], 'up{instance="a"} 1 0 0 0 1x30\n', alertmanagerConfig({ receivers }), 30 * MIN)).toEqual([
      '1m30s team webhook[0] first notification: firing [Down/a] resolved []',
      '1m30s team webhook[1] first notification: firing [Down/a] resolved []',
      '6m30s team webhook[0] all alerts resolved: firing [] resolved [Down/a]',
    ]);
  });

  it('sends nothing for an inhibited alert', async () => {
    const rules: RuleSpec[] = [
      { alert: 'NodeDown', expr: 'up == 0', labels: { severity: 'critical' } },
      { alert: 'ServiceDown', expr: 'up == 0', labels: { severity: 'warning' } },
    ];
    const inhibit_rules = [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['instance'] }];
    expect(await notifications(rules, 'up{instance="a"} 1 0x20\n', alertmanagerConfig({ inhibit_rules }), 10 * MIN)).toEqual([
      '1m30s team webhook[0] first notification: firing [NodeDown/a] resolved []',
    ]);
  });

  it('holds notifications back during a mute time interval', async () => {
    const time_intervals = [{ name: 'first-ten-minutes', time_intervals: [{ times: [{ start_time: '00:00', end_time: '00:10' }] }] }];
    const route = { routes: [{ matchers: ['alertname="Down"'], mute_time_intervals: ['first-ten-minutes'] }] };
    expect(await notifications([down], 'up{instance="a"} 1 0x20\n', alertmanagerConfig({ route, time_intervals }), 15 * MIN)).toEqual([
      '11m30s team webhook[0] first notification: firing [Down/a] resolved []',
    ]);
  });

  it('sends to the receivers of every matching route when a route continues', async () => {
    const route = {
      routes: [
        { matchers: ['team="db"'], receiver: 'db', group_wait: '10s', continue: true },
        { matchers: ['severity="critical"'], receiver: 'pager', group_by: ['instance'] },
      ],
    };
    const receivers = ['team', 'db', 'pager'].map((name) => ({ name, webhook_configs: [{ url: `http://${name}.example/` }] }));
    const rules: RuleSpec[] = [{ alert: 'DiskFull', expr: 'up == 0', labels: { team: 'db', severity: 'critical' } }];
    expect(await notifications(rules, 'up{instance="a"} 1 0x20\n', alertmanagerConfig({ route, receivers }), 10 * MIN)).toEqual([
      '1m10s db webhook[0] first notification: firing [DiskFull/a] resolved []',
      '1m30s pager webhook[0] first notification: firing [DiskFull/a] resolved []',
    ]);
  });

  it('records the group key and labels, and every integration type, none of which is sent to', async () => {
    const receivers = [{ name: 'team', slack_configs: [{ api_url: 'http://slack.example/', channel: '#ops' }], webhook_configs: [{ url: 'http://x.example/' }] }];
    const alertmanager = await NotificationSimulation.start({ configFile: 'am.yml', configText: alertmanagerConfig({ receivers }), startMs: 0 });
    const groups = groupsOf(ruleFileText([{ name: 'g', rules: [down] }]));
    const { notifications } = await simulateWithNotifications(groups, storeOf('up{instance="a"} 0x5\n'), { startMs: 0, endMs: 5 * MIN, defaultIntervalMs: MIN }, alertmanager);
    expect(notifications.receivers).toEqual(['team']);
    expect(notifications.notifications.map((n) => [n.integration, n.groupKey, n.groupLabels.toString()])).toEqual([
      ['slack', '{}:{alertname="Down"}', '{alertname="Down"}'],
      ['webhook', '{}:{alertname="Down"}', '{alertname="Down"}'],
    ]);
  });

  it('refuses a configuration with errors, with their places', async () => {
    const text = 'route:\n  receiver: nobody\nreceivers:\n  - name: team\n';
    const error = await NotificationSimulation.start({ configFile: 'am.yml', configText: text, startMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigLoadError);
    expect((error as Error).message).toMatch(/^am\.yml:2:13: error: .*nobody/);
  });
});
