import { describe, expect, it } from 'vitest';
import { Labels } from '../../src/labels/labels.js';
import { AlertingRuleState, AlertLimitError, RESOLVED_RETENTION_MS, type TemplateExpander } from '../../src/rules/alert-state.js';
import type { AlertingRule } from '../../src/rules/rule.js';

const MIN = 60_000;

function rule(overrides: Partial<AlertingRule> = {}): AlertingRule {
  return { kind: 'alert', name: 'Down', expr: undefined, exprText: 'up == 0', labels: { severity: 'page' }, annotations: {}, forMs: 2 * MIN, keepFiringForMs: 0, range: { start: 0, end: 0 }, ...overrides };
}

const api = Labels.from({ __name__: 'up', job: 'api' });
const sample = (v = 0, labels = api) => [{ labels, t: 0, v }];

/** Feeds `present[i]` (result or none) at minute i; returns `state@minute` for every transition. */
function run(state: AlertingRuleState, present: boolean[]): string[] {
  return present.flatMap((p, i) => state.update(p ? sample() : [], i * MIN).map((t) => `${t.to}@${i}`));
}

/** Feeds value i (or no sample) at minute i; returns the alert states after each evaluation. */
function states(state: AlertingRuleState, values: (number | undefined)[], startMinute = 0): string[] {
  return values.map((v, i) => {
    state.update(v === undefined ? [] : sample(v), (startMinute + i) * MIN);
    return state.alerts().map((a) => a.state).join(',') || '-';
  });
}

describe('AlertingRuleState', () => {
  it('labels alerts as Prometheus does: no metric name, rule labels, alertname', () => {
    const state = new AlertingRuleState(rule());
    expect(state.update(sample(), 0)[0]!.labels.toString()).toBe('{alertname="Down", job="api", severity="page"}');
  });

  it('merges group labels under the rule labels', () => {
    const state = new AlertingRuleState(rule({ labels: { severity: 'page' } }), { severity: 'info', team: 'core' });
    expect(state.update(sample(), 0)[0]!.labels.toString()).toBe('{alertname="Down", job="api", severity="page", team="core"}');
  });

  it('goes pending, fires once `for` has elapsed, and resolves', () => {
    expect(run(new AlertingRuleState(rule()), [true, true, true, true, false])).toEqual(['pending@0', 'firing@2', 'inactive@4']);
  });

  it('fires at once without `for`', () => {
    expect(run(new AlertingRuleState(rule({ forMs: 0 })), [true, false])).toEqual(['pending@0', 'firing@0', 'inactive@1']);
  });

  it('drops a pending alert that disappears, and starts over with a new activeAt', () => {
    const state = new AlertingRuleState(rule());
    expect(run(state, [true, false, true, true, true])).toEqual(['pending@0', 'inactive@1', 'pending@2', 'firing@4']);
    expect(state.alerts()[0]!.activeAtMs).toBe(2 * MIN);
  });

  it('keeps activeAt and updates the value of an alert that stays', () => {
    const state = new AlertingRuleState(rule());
    state.update(sample(5), 0);
    state.update(sample(7), MIN);
    expect(state.alerts().map((a) => [a.activeAtMs, a.value])).toEqual([[0, 7]]);
  });

  it('keeps firing for keep_firing_for after the condition clears, as upstream TestKeepFiringFor', () => {
    // http_requests 75 85 70 70 10x5 > 50, for 1m, keep_firing_for 1m.
    const state = new AlertingRuleState(rule({ forMs: MIN, keepFiringForMs: MIN }));
    const values = [75, 85, 70, 70, 10, 10].map((v) => (v > 50 ? v : undefined));
    expect(states(state, values)).toEqual(['pending', 'firing', 'firing', 'firing', 'firing', 'inactive']);
  });

  it('never keeps a pending alert firing, as upstream TestPendingAndKeepFiringFor', () => {
    const state = new AlertingRuleState(rule({ forMs: MIN, keepFiringForMs: MIN }));
    expect(states(state, [75, undefined])).toEqual(['pending', '-']);
  });

  it('restarts keep_firing_for when the condition returns', () => {
    const state = new AlertingRuleState(rule({ forMs: 0, keepFiringForMs: 2 * MIN }));
    expect(states(state, [1, undefined, 1, undefined, undefined, undefined])).toEqual(['firing', 'firing', 'firing', 'firing', 'firing', 'inactive']);
  });

  it('keeps resolved alerts for exactly 15 minutes, then forgets them', () => {
    const state = new AlertingRuleState(rule({ forMs: 0 }));
    state.update(sample(), 0);
    state.update([], MIN);
    state.update([], MIN + RESOLVED_RETENTION_MS);
    expect(state.alerts().map((a) => [a.state, a.resolvedAtMs])).toEqual([['inactive', MIN]]);
    state.update([], MIN + RESOLVED_RETENTION_MS + 1);
    expect(state.alerts()).toEqual([]);
  });

  it('replaces a resolved alert that returns by a new pending one', () => {
    const state = new AlertingRuleState(rule({ forMs: MIN }));
    states(state, [1, 1, undefined]);
    const transitions = state.update(sample(), 3 * MIN);
    expect(transitions.map((t) => `${t.from}->${t.to}`)).toEqual(['inactive->pending']);
    expect(state.alerts().map((a) => [a.state, a.activeAtMs, a.resolvedAtMs])).toEqual([['pending', 3 * MIN, undefined]]);
  });

  it('activeAlerts leaves out resolved alerts', () => {
    const state = new AlertingRuleState(rule({ forMs: 0 }));
    state.update([...sample(), ...sample(0, Labels.from({ __name__: 'up', job: 'db' }))], 0);
    state.update(sample(), MIN);
    expect(state.activeAlerts().map((a) => a.labels.get('job'))).toEqual(['api']);
    expect(state.alerts()).toHaveLength(2);
  });

  it('rejects duplicate label sets after applying alert labels, leaving the state as it was', () => {
    const state = new AlertingRuleState(rule());
    state.update(sample(), 0);
    const twins = [
      { labels: Labels.from({ __name__: 'a', job: 'x' }), t: 0, v: 1 },
      { labels: Labels.from({ __name__: 'b', job: 'x' }), t: 0, v: 1 },
    ];
    expect(() => state.update(twins, MIN)).toThrow('vector contains metrics with the same labelset after applying alert labels');
    expect(state.alerts().map((a) => [a.labels.get('job'), a.state])).toEqual([['api', 'pending']]);
  });

  it('drops every alert, resolved ones too, when the limit is exceeded, as upstream TestAlertingRuleLimit', () => {
    const state = new AlertingRuleState(rule({ forMs: 0 }));
    const three = ['a', 'b', 'c'].map((job) => ({ labels: Labels.from({ job }), t: 0, v: 1 }));
    state.update(three.slice(0, 2), 0, { limit: 2 });
    state.update(three.slice(0, 1), MIN, { limit: 2 });
    expect(state.alerts().map((a) => a.state).sort()).toEqual(['firing', 'inactive']);
    let error: unknown;
    try {
      state.update(three, 2 * MIN, { limit: 2 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AlertLimitError);
    expect((error as Error).message).toBe('exceeded limit of 2 with 3 alerts');
    expect((error as AlertLimitError).dropped.map((t) => `${t.labels.get('job')} ${t.from}->${t.to} ${t.cause}`)).toEqual(['a firing->inactive limit']);
    expect(state.alerts()).toEqual([]);
    const again = state.update(three.slice(0, 2), 3 * MIN, { limit: 2 });
    expect(again.filter((t) => t.to === 'pending')).toHaveLength(2);
    expect(state.alerts().every((a) => a.activeAtMs === 3 * MIN)).toBe(true);
  });

  it('counts alerts held by keep_firing_for against the limit', () => {
    const state = new AlertingRuleState(rule({ forMs: 0, keepFiringForMs: 10 * MIN }));
    state.update(sample(1, Labels.from({ job: 'a' })), 0, { limit: 1 });
    expect(() => state.update(sample(1, Labels.from({ job: 'b' })), MIN, { limit: 1 })).toThrow('exceeded limit of 1 with 2 alerts');
  });

  it('expands label and annotation templates per sample; an empty label is dropped', () => {
    const expand: TemplateExpander = (text, labels, value) => text.replace('{{job}}', labels.get('job')).replace('{{value}}', String(value)).replace('{{none}}', '');
    const state = new AlertingRuleState(rule({ labels: { owner: 'team-{{job}}', gone: '{{none}}' }, annotations: { summary: 'value {{value}}' } }));
    state.update(sample(3), 0, { expand });
    const [alert] = state.alerts();
    expect(alert!.labels.toString()).toBe('{alertname="Down", job="api", owner="team-api"}');
    expect(alert!.annotations.toObject()).toEqual({ summary: 'value 3' });
    state.update(sample(4), MIN, { expand });
    expect(state.alerts()[0]!.annotations.toObject()).toEqual({ summary: 'value 4' });
  });

  it('expands deferred annotations from the evaluation they belong to', () => {
    let calls = 0;
    const expand: TemplateExpander = (text, _labels, value) => {
      calls++;
      return text.replace('{{value}}', String(value));
    };
    const state = new AlertingRuleState(rule({ annotations: { summary: 'value {{value}}' } }));
    state.update(sample(3), 0, { expand, deferAnnotations: true });
    state.update(sample(4), MIN, { expand, deferAnnotations: true });
    expect(calls).toBe(1); // for the transition to pending
    expect(state.alerts()[0]!.annotations.toObject()).toEqual({ summary: 'value 4' });
    expect(calls).toBe(2);
  });

  it('keeps annotations that expand to nothing or are empty, sorted by name, unlike labels', () => {
    const expand: TemplateExpander = (text) => text.replace('{{none}}', '');
    const state = new AlertingRuleState(rule({ forMs: 0, labels: { gone: '{{none}}' }, annotations: { summary: '{{none}}', blank: '', about: 'x' } }));
    const transitions = state.update(sample(), 0, { expand });
    const expected = [['about', 'x'], ['blank', ''], ['summary', '']];
    expect(transitions.map((t) => [t.to, [...t.annotations]])).toEqual([['pending', expected], ['firing', expected]]);
    expect(state.alerts()[0]!.labels.has('gone')).toBe(false);
    expect([...state.takeAlertsToSend(0, MIN, MIN)[0]!.annotations]).toEqual(expected);
  });

  it('keeps empty annotations when none is a template, and when expanded on first read', () => {
    const fixed = new AlertingRuleState(rule({ annotations: { runbook: '', summary: 'down' } }));
    expect(fixed.update(sample(), 0)[0]!.annotations.toObject()).toEqual({ runbook: '', summary: 'down' });
    const deferred = new AlertingRuleState(rule({ annotations: { summary: '{{none}}' } }));
    deferred.update(sample(), 0, { expand: (text) => text.replace('{{none}}', ''), deferAnnotations: true });
    expect(deferred.alerts()[0]!.annotations.toObject()).toEqual({ summary: '' });
  });

  describe('sending', () => {
    it('never sends pending alerts; sends firing ones at once and again after the resend delay', () => {
      const state = new AlertingRuleState(rule({ forMs: MIN }));
      const sentAt: number[] = [];
      for (let i = 0; i <= 6; i++) {
        state.update(sample(), i * MIN);
        if (state.takeAlertsToSend(i * MIN, MIN, MIN).length > 0) sentAt.push(i);
      }
      // The resend delay must have passed strictly: with 1m evaluations and a 1m delay, every 2m.
      expect(sentAt).toEqual([1, 3, 5]);
    });

    it('sends a resolved alert at once, then again until it is forgotten', () => {
      const state = new AlertingRuleState(rule({ forMs: 0 }));
      state.update(sample(), 0);
      state.takeAlertsToSend(0, MIN, MIN);
      const sentAt: number[] = [];
      for (let i = 1; i <= 20; i++) {
        state.update([], i * MIN);
        const sent = state.takeAlertsToSend(i * MIN, MIN, MIN);
        if (sent.length > 0) {
          expect(sent[0]!.resolvedAtMs).toBe(MIN);
          sentAt.push(i);
        }
      }
      expect(sentAt).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
    });

    it('follows upstream TestNotify: resend delay 2s, interval 1s', () => {
      const state = new AlertingRuleState(rule({ forMs: 0 }));
      const at = (s: number, present: boolean) => {
        state.update(present ? sample(3) : [], s * 1000);
        return state.takeAlertsToSend(s * 1000, 2000, 1000).length;
      };
      expect([at(1, true), at(2, true), at(5, true), at(6, false)]).toEqual([1, 0, 1, 1]);
    });

    it('marks sends valid for four times the larger of resend delay and interval', () => {
      const state = new AlertingRuleState(rule({ forMs: 0 }));
      state.update(sample(), 10 * MIN);
      expect(state.takeAlertsToSend(10 * MIN, MIN, 3 * MIN)[0]!.validUntilMs).toBe(22 * MIN);
    });
  });
});
