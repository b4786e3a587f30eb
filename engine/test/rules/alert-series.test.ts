import { describe, expect, it } from 'vitest';
import { Labels } from '../../src/labels/labels.js';
import { alertSeriesSamples } from '../../src/rules/alert-series.js';
import { AlertingRuleState, type TemplateExpander } from '../../src/rules/alert-state.js';
import type { AlertingRule } from '../../src/rules/rule.js';

const rule = (labels: Record<string, string>): AlertingRule => ({
  kind: 'alert', name: 'EmptyLabel', expr: undefined, exprText: '', labels, annotations: {}, forMs: 60_000, keepFiringForMs: 0, range: { start: 0, end: 0 },
});

const lines = (state: AlertingRuleState, atMs: number) => alertSeriesSamples(state, atMs).map((s) => `${s.labels} ${s.v} @${s.t}`);

describe('alertSeriesSamples', () => {
  it('writes ALERTS with alertstate and ALERTS_FOR_STATE with activeAt in seconds', () => {
    const state = new AlertingRuleState(rule({ severity: 'page' }));
    state.update([{ labels: Labels.from({ __name__: 'up', job: 'api' }), t: 0, v: 0 }], 90_500);
    expect(lines(state, 90_500)).toEqual([
      '{__name__="ALERTS", alertname="EmptyLabel", alertstate="pending", job="api", severity="page"} 1 @90500',
      '{__name__="ALERTS_FOR_STATE", alertname="EmptyLabel", job="api", severity="page"} 90 @90500',
    ]);
  });

  it('writes nothing for resolved alerts', () => {
    const state = new AlertingRuleState({ ...rule({}), forMs: 0 });
    state.update([{ labels: Labels.from({ job: 'api' }), t: 0, v: 0 }], 0);
    state.update([], 60_000);
    expect(lines(state, 60_000)).toEqual([]);
  });

  it('keeps a rule label whose template expanded to nothing as written, as upstream does', () => {
    const empty: TemplateExpander = () => '';
    const state = new AlertingRuleState(rule({ empty_label: '{{ $labels.missing }}' }));
    state.update([{ labels: Labels.from({ job: 'api' }), t: 0, v: 0 }], 0, { expand: empty });
    expect(state.alerts()[0]!.labels.toString()).toBe('{alertname="EmptyLabel", job="api"}');
    expect(lines(state, 0)[0]).toBe('{__name__="ALERTS", alertname="EmptyLabel", alertstate="pending", empty_label="{{ $labels.missing }}", job="api"} 1 @0');
  });
});
