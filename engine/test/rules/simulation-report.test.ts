import { describe, expect, it } from 'vitest';
import { simulateGroups } from '../../src/rules/simulate.js';
import { alertTimelines, summarizeRules } from '../../src/rules/simulation-report.js';
import { groupsOf, MIN, storeOf } from './rules-helpers.js';

describe('simulation report', () => {
  const groups = groupsOf(`groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        for: 1m
      - alert: Never
        expr: up > 5
      - alert: Broken
        expr: up + on() up
`);
  //                                  0 1 2 3 4 5 6 7 8 9 10
  const store = storeOf(`up{instance="a"} 0 0 0 1 0 0 1 0 1 1 0
up{instance="b"} 1 1 1 1 1 1 1 0 0 0 0`);
  const endMs = 10 * MIN;
  const result = simulateGroups(groups, store, { startMs: 0, endMs, defaultIntervalMs: MIN });

  it('collects each alert timeline in order', () => {
    const timelines = alertTimelines(result).map((t) => `${t.rule.name}${t.labels.get('instance')}: ${t.transitions.map((x) => `${x.to}@${x.atMs / MIN}`).join(' ')}`);
    expect(timelines).toEqual([
      'Downa: pending@0 firing@1 inactive@3 pending@4 firing@5 inactive@6 pending@7 inactive@8 pending@10',
      'Downb: pending@7 firing@8',
    ]);
  });

  it('summarises times fired, time firing, flaps, pending-only alerts and errors per rule', () => {
    const summaries = summarizeRules(groups, result, endMs).map(({ rule, group, ...s }) => ({ name: rule.name, ...s }));
    expect(summaries).toEqual([
      { name: 'Down', timesFired: 3, firingMs: 2 * MIN + 1 * MIN + 2 * MIN, flaps: 1, pendingOnly: 1, firingAtEnd: 1, errors: 0 },
      { name: 'Never', timesFired: 0, firingMs: 0, flaps: 0, pendingOnly: 0, firingAtEnd: 0, errors: 0 },
      { name: 'Broken', timesFired: 0, firingMs: 0, flaps: 0, pendingOnly: 0, firingAtEnd: 0, errors: 11 },
    ]);
  });
});
