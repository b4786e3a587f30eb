/** The route tree of configs read by the loader: matchers in every form the file can write them. */
import { describe, expect, it } from 'vitest';
import { loadAlertmanagerConfig } from '../../../src/alertmanager/config/load-config.js';
import { Route } from '../../../src/alertmanager/routing/route.js';
import { Labels } from '../../../src/labels/labels.js';

const CONFIG = `
route:
  receiver: fallback
  group_by: [cluster]
  routes:
    - matchers: ['{service="db", tier!~"cache|edge"}']
      receiver: database
      continue: true
      routes:
        - matchers: [severity=page, 'env = "prod"']
          receiver: db-pager
          group_by: ['...']
    - match: {service: db}
      match_re: {env: "prod|stag.*"}
      receiver: db-audit
      group_wait: 45s
    - matchers: ['owner=~"team-[0-9]+"']
      group_by: [owner]
      mute_time_intervals: [nights]
receivers: [{name: fallback}, {name: database}, {name: db-pager}, {name: db-audit}]
time_intervals:
  - name: nights
    time_intervals: [{times: [{start_time: '00:00', end_time: '06:00'}]}]
`;

const loaded = loadAlertmanagerConfig(CONFIG, 'alertmanager.yml');
const tree = Route.fromConfig(loaded.config!.route);

function routed(labels: Record<string, string>) {
  const l = Labels.from(labels);
  return tree.match(l).map((r) => `${r.opts.receiver} ${r.groupKey(r.groupLabels(l))}`);
}

describe('routes of a loaded config', () => {
  it('loads without problems', () => {
    expect(loaded.problems).toEqual([]);
  });

  it.each([
    [{ service: 'db', env: 'prod', cluster: 'eu' }, ['database {}/{service="db",tier!~"cache|edge"}:{cluster="eu"}', 'db-audit {}/{env=~"^(?:prod|stag.*)$",service="db"}:{cluster="eu"}']],
    [
      { service: 'db', env: 'prod', severity: 'page' },
      [
        'db-pager {}/{service="db",tier!~"cache|edge"}/{env="prod",severity="page"}:{env="prod", service="db", severity="page"}',
        'db-audit {}/{env=~"^(?:prod|stag.*)$",service="db"}:{}',
      ],
    ],
    [{ service: 'db', tier: 'cache', env: 'staging' }, ['db-audit {}/{env=~"^(?:prod|stag.*)$",service="db"}:{}']],
    [{ owner: 'team-42', cluster: 'us' }, ['fallback {}/{owner=~"team-[0-9]+"}:{owner="team-42"}']],
    [{ owner: 'team-x' }, ['fallback {}:{}']],
  ])('%j → %j', (labels, expected) => {
    expect(routed(labels)).toEqual(expected);
  });

  it('resolves each route\'s options', () => {
    const [database, audit, owners] = tree.routes;
    expect(audit!.opts.groupWait).toBe(45_000);
    expect(database!.routes[0]!.opts).toMatchObject({ groupByAll: true, groupWait: 30_000 });
    expect(owners!.opts).toMatchObject({ groupBy: ['owner'], muteTimeIntervals: ['nights'], receiver: 'fallback' });
  });
});
