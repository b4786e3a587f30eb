/**
 * The `--format json` output of `klaxon simulate` (and `run`), for tools; `notifications` and
 * `rejectedAlerts` only when an Alertmanager config was given.
 */
import type { AlertTransition } from '../rules/alert-state.js';
import type { RuleGroup } from '../rules/rule.js';
import type { SimulationResult } from '../rules/simulate.js';
import { alertTimelines, summarizeRules } from '../rules/simulation-report.js';
import type { Labels } from '../labels/labels.js';
import type { RecordedNotification } from '../alertmanager/notify/recording-integration.js';
import type { NotificationSimulationResult } from '../simulate/notification-simulation.js';
import { formatSimulationTime, type SimulationSpan } from './simulation-time.js';

export function simulationJson(groups: readonly RuleGroup[], result: SimulationResult, span: SimulationSpan, notifications?: NotificationSimulationResult): string {
  const time = (ms: number) => formatSimulationTime(ms, span.times);
  const transitions = result.transitions.map(({ rule, group, transition }) => ({
    group: group.name,
    alert: rule.name,
    labels: transition.labels.toObject(),
    ...transitionJson(transition, time),
  }));
  const alerts = alertTimelines(result).map((a) => ({
    group: a.group.name,
    alert: a.rule.name,
    labels: a.labels.toObject(),
    transitions: a.transitions.map((t) => transitionJson(t, time)),
  }));
  const summary = summarizeRules(groups, result, span.endMs).map((s) => ({
    group: s.group.name,
    alert: s.rule.name,
    timesFired: s.timesFired,
    firingSeconds: s.firingMs / 1000,
    flaps: s.flaps,
    pendingOnly: s.pendingOnly,
    firingAtEnd: s.firingAtEnd,
    errors: s.errors,
  }));
  const errors = result.errors.map((e) => ({ group: e.group.name, rule: e.rule.name, atMs: e.atMs, time: time(e.atMs), message: e.message }));
  const body = {
    startMs: span.startMs,
    endMs: span.endMs,
    times: span.times,
    series: span.seriesCount,
    evaluations: result.evaluations,
    transitions,
    alerts,
    summary,
    errors,
    ...(notifications && {
      notifications: notifications.notifications.map((n) => notificationJson(n, time)),
      rejectedAlerts: notifications.rejected.map((r) => ({ atMs: r.atMs, time: time(r.atMs), message: r.message })),
    }),
  };
  return JSON.stringify(body, null, 2) + '\n';
}

function transitionJson(t: AlertTransition, time: (ms: number) => string) {
  return {
    from: t.from,
    to: t.to,
    atMs: t.atMs,
    time: time(t.atMs),
    value: jsonNumber(t.value),
    annotations: t.annotations.toObject(),
    ...(t.cause ? { cause: t.cause } : {}),
  };
}

function notificationJson(n: RecordedNotification, time: (ms: number) => string) {
  const alert = (labels: Labels) => ({ alert: labels.get('alertname'), labels: labels.toObject() });
  return {
    atMs: n.atMs,
    time: time(n.atMs),
    receiver: n.receiver,
    integration: n.integration,
    index: n.index,
    groupKey: n.groupKey,
    groupLabels: n.groupLabels.toObject(),
    reason: n.reason,
    firing: n.firing.map(alert),
    resolved: n.resolved.map(alert),
  };
}

/** JSON has no NaN or infinities: those become the strings Prometheus writes for them. */
function jsonNumber(v: number): number | string {
  if (Number.isFinite(v)) return v;
  return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
}
