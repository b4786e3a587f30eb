/**
 * Prometheus's alert state machine for one alerting rule: pending from `activeAt`, firing once
 * `for` has elapsed, held by `keep_firing_for`, resolved alerts kept for 15 minutes.
 */
import { Labels } from '../labels/labels.js';
import type { InstantVector } from '../promql/eval/values.js';
import type { AlertingRule } from './rule.js';

export type AlertState = 'pending' | 'firing' | 'inactive';

/** How long a resolved alert is still kept (and re-sent) after it resolved. */
export const RESOLVED_RETENTION_MS = 15 * 60_000;

export interface Alert {
  labels: Labels;
  state: AlertState;
  value: number;
  activeAtMs: number;
  firedAtMs: number | undefined;
  resolvedAtMs: number | undefined;
  keepFiringSinceMs: number | undefined;
}

export interface AlertTransition {
  labels: Labels;
  from: AlertState;
  to: AlertState;
  atMs: number;
  value: number;
}

export class AlertingRuleState {
  private readonly active = new Map<string, Alert>();

  constructor(readonly rule: AlertingRule) {}

  /** The alert labels of one result sample: its labels without the metric name, the rule's labels, `alertname`. */
  alertLabels(sampleLabels: Labels): Labels {
    let labels = sampleLabels.without(['__name__']);
    for (const [name, value] of Object.entries(this.rule.labels)) labels = labels.with(name, value);
    return labels.with('alertname', this.rule.name);
  }

  /** Applies one evaluation's result at `nowMs`; returns the state changes it caused. */
  update(result: InstantVector, nowMs: number): AlertTransition[] {
    const transitions: AlertTransition[] = [];
    const seen = new Set<string>();
    for (const sample of result) {
      const labels = this.alertLabels(sample.labels);
      const key = labels.key();
      if (seen.has(key)) throw new Error('vector contains metrics with the same labelset after applying alert labels');
      seen.add(key);
      const existing = this.active.get(key);
      if (existing && existing.state !== 'inactive') {
        existing.value = sample.v;
        existing.keepFiringSinceMs = undefined;
        continue;
      }
      const alert: Alert = { labels, state: 'pending', value: sample.v, activeAtMs: nowMs, firedAtMs: undefined, resolvedAtMs: undefined, keepFiringSinceMs: undefined };
      this.active.set(key, alert);
      transitions.push({ labels, from: 'inactive', to: 'pending', atMs: nowMs, value: sample.v });
    }
    for (const [key, alert] of this.active) {
      if (seen.has(key)) {
        if (alert.state === 'pending' && nowMs - alert.activeAtMs >= this.rule.forMs) {
          alert.state = 'firing';
          alert.firedAtMs = nowMs;
          transitions.push({ labels: alert.labels, from: 'pending', to: 'firing', atMs: nowMs, value: alert.value });
        }
        continue;
      }
      if (alert.state === 'firing' && this.keepsFiring(alert, nowMs)) continue;
      if (alert.state === 'pending' || (alert.state === 'inactive' && nowMs - alert.resolvedAtMs! > RESOLVED_RETENTION_MS)) {
        this.active.delete(key);
      }
      if (alert.state !== 'inactive') {
        transitions.push({ labels: alert.labels, from: alert.state, to: 'inactive', atMs: nowMs, value: alert.value });
        alert.state = 'inactive';
        alert.resolvedAtMs = nowMs;
      }
    }
    return transitions;
  }

  private keepsFiring(alert: Alert, nowMs: number): boolean {
    if (this.rule.keepFiringForMs <= 0) return false;
    alert.keepFiringSinceMs ??= nowMs;
    return nowMs - alert.keepFiringSinceMs < this.rule.keepFiringForMs;
  }

  alerts(): Alert[] {
    return [...this.active.values()];
  }
}
