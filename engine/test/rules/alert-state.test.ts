import { describe, expect, it } from 'vitest';
import { Labels } from '../../src/labels/labels.js';
import { AlertingRuleState, RESOLVED_RETENTION_MS } from '../../src/rules/alert-state.js';
import type { AlertingRule } from '../../src/rules/rule.js';

const MIN = 60_000;

function rule(overrides: Partial<AlertingRule> = {}): AlertingRule {
  return { kind: 'alert', name: 'Down', expr: undefined, exprText: 'up == 0', labels: { severity: 'page' }, annotations: {}, forMs: 2 * MIN, keepFiringForMs: 0, range: { start: 0, end: 0 }, ...overrides };
}

const sample = (v = 0) => [{ labels: Labels.from({ __name__: 'up', job: 'api' }), t: 0, v }];

/** Feeds `present[i]` (result or none) at minute i; returns `state@minute` for every transition. */
function run(state: AlertingRuleState, present: boolean[]): string[] {
  return present.flatMap((p, i) => state.update(p ? sample() : [], i * MIN).map((t) => `${t.to}@${i}`));
}

describe('AlertingRuleState', () => {
  it('labels alerts as Prometheus does: no metric name, rule labels, alertname', () => {
    const state = new AlertingRuleState(rule());
    expect(state.update(sample(), 0)[0]!.labels.toString()).toBe('{alertname="Down", job="api", severity="page"}');
  });

  it('goes pending, fires once `for` has elapsed, and resolves', () => {
    expect(run(new AlertingRuleState(rule()), [true, true, true, true, false])).toEqual(['pending@0', 'firing@2', 'inactive@4']);
  });

  it('fires at once without `for`', () => {
    expect(run(new AlertingRuleState(rule({ forMs: 0 })), [true, false])).toEqual(['pending@0', 'firing@0', 'inactive@1']);
  });

  it('drops a pending alert that disappears, and starts over', () => {
    expect(run(new AlertingRuleState(rule()), [true, false, true, true, true])).toEqual(['pending@0', 'inactive@1', 'pending@2', 'firing@4']);
  });

  it('keeps firing for keep_firing_for after the condition clears', () => {
    const state = new AlertingRuleState(rule({ forMs: 0, keepFiringForMs: 2 * MIN }));
    expect(run(state, [true, false, false, false])).toEqual(['pending@0', 'firing@0', 'inactive@3']);
  });

  it('keeps resolved alerts for 15 minutes, then forgets them', () => {
    const state = new AlertingRuleState(rule({ forMs: 0 }));
    state.update(sample(), 0);
    state.update([], MIN);
    expect(state.alerts().map((a) => a.state)).toEqual(['inactive']);
    state.update([], MIN + RESOLVED_RETENTION_MS + 1);
    expect(state.alerts()).toEqual([]);
  });

  it('rejects duplicate label sets after applying alert labels', () => {
    const state = new AlertingRuleState(rule());
    const twins = [
      { labels: Labels.from({ __name__: 'a', job: 'x' }), t: 0, v: 1 },
      { labels: Labels.from({ __name__: 'b', job: 'x' }), t: 0, v: 1 },
    ];
    expect(() => state.update(twins, 0)).toThrow('vector contains metrics with the same labelset after applying alert labels');
  });
});
