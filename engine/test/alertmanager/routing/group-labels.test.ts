import { describe, expect, it } from 'vitest';
import { formatGroupLabels } from '../../../src/alertmanager/routing/group-labels.js';
import { Route } from '../../../src/alertmanager/routing/route.js';
import { Labels } from '../../../src/labels/labels.js';
import { routeConfig } from './route-spec.js';

describe('formatGroupLabels', () => {
  it.each([
    [{}, '{}'],
    [{ alertname: 'HighLatency' }, '{alertname="HighLatency"}'],
    [{ b: 'y', a: 'x' }, '{a="x", b="y"}'],
    // Pairs sort as whole strings: '1' (0x31) comes before '=' (0x3d).
    [{ a: '1', a1: '2', a_b: '3' }, '{a1="2", a="1", a_b="3"}'],
    [{ a: 'quote " backslash \\ newline \n tab \t é' }, '{a="quote \\" backslash \\\\ newline \\n tab \\t é"}'],
  ])('%j → %s', (labels, expected) => {
    expect(formatGroupLabels(Labels.from(labels))).toBe(expected);
  });
});

describe('group labels and keys', () => {
  const tree = Route.fromConfig(
    routeConfig({
      receiver: 'r',
      groupBy: ['alertname', 'cluster'],
      routes: [{ matchers: [['severity', '=', 'page']], routes: [{ matchers: [['team', '=', 'db']], groupBy: ['...'] }] }, { matchers: [['x', '=', 'y']], groupBy: [] }],
    }),
  );
  const alert = Labels.from({ alertname: 'HighLatency', severity: 'page', instance: 'a:1' });

  it('keeps only the group_by labels the alert has', () => {
    const [route] = tree.match(alert);
    expect(route!.groupLabels(alert).toObject()).toEqual({ alertname: 'HighLatency' });
    expect(route!.groupKey(route!.groupLabels(alert))).toBe('{}/{severity="page"}:{alertname="HighLatency"}');
  });

  it('keeps every label with ...', () => {
    const labels = alert.with('team', 'db');
    const [route] = tree.match(labels);
    expect(route!.groupKey(route!.groupLabels(labels))).toBe(
      '{}/{severity="page"}/{team="db"}:{alertname="HighLatency", instance="a:1", severity="page", team="db"}',
    );
  });

  it('groups everything together with no group_by', () => {
    const labels = Labels.from({ x: 'y', alertname: 'A' });
    const [route] = tree.match(labels);
    expect(route!.groupKey(route!.groupLabels(labels))).toBe('{}/{x="y"}:{}');
  });
});
