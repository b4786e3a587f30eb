/**
 * The `ALERTS` and `ALERTS_FOR_STATE` samples Prometheus writes for an alerting rule at each
 * evaluation: one of each per pending or firing alert.
 */
import { Labels } from '../labels/labels.js';
import type { InstantVector } from '../promql/eval/values.js';
import type { Alert, AlertingRuleState } from './alert-state.js';

export const ALERTS_METRIC = 'ALERTS';
export const ALERTS_FOR_STATE_METRIC = 'ALERTS_FOR_STATE';

/**
 * The samples at `atMs`. Their labels start from the rule's labels as written (templates not
 * expanded) and are overridden by the alert's labels, as upstream builds them; `ALERTS` adds
 * `alertstate`, `ALERTS_FOR_STATE` holds `activeAt` in Unix seconds.
 */
export function alertSeriesSamples(state: AlertingRuleState, atMs: number): InstantVector {
  const out: InstantVector = [];
  for (const alert of state.alerts()) {
    if (alert.state === 'inactive') continue;
    const series = seriesLabelsOf(state, alert);
    out.push({ labels: alert.state === 'pending' ? series.pending : series.firing, t: atMs, v: 1 });
    out.push({ labels: series.forState, t: atMs, v: Math.floor(alert.activeAtMs / 1000) });
  }
  return out;
}

interface SeriesLabels {
  pending: Labels;
  firing: Labels;
  forState: Labels;
}

/** An alert's labels never change, so neither do its series' labels. */
const seriesLabelsCache = new WeakMap<Alert, SeriesLabels>();

function seriesLabelsOf(state: AlertingRuleState, alert: Alert): SeriesLabels {
  let cached = seriesLabelsCache.get(alert);
  if (cached) return cached;
  let labels = Labels.from(state.labels);
  for (const [name, value] of alert.labels) labels = labels.with(name, value);
  labels = labels.with('alertname', state.rule.name);
  const alerts = labels.with('__name__', ALERTS_METRIC);
  cached = { pending: alerts.with('alertstate', 'pending'), firing: alerts.with('alertstate', 'firing'), forState: labels.with('__name__', ALERTS_FOR_STATE_METRIC) };
  seriesLabelsCache.set(alert, cached);
  return cached;
}
