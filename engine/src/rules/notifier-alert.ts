/**
 * Alerts as Prometheus sends them onwards to an alert manager (rules/manager.go SendAlerts and
 * the notifier): `startsAt` is when the alert fired, `endsAt` when it resolved or else how long
 * the send stays valid, `generatorURL` links to the expression, external labels are added.
 */
import type { Labels } from '../labels/labels.js';
import type { AlertAnnotations } from './alert-annotations.js';
import type { Alert } from './alert-state.js';
import type { AlertingRule, RuleGroup } from './rule.js';

export interface NotifierAlert {
  labels: Labels;
  annotations: AlertAnnotations;
  startsAtMs: number;
  endsAtMs: number;
  generatorURL: string;
}

export interface AlertOrigin {
  group: RuleGroup;
  rule: AlertingRule;
  /** The evaluation that sent the alerts. */
  atMs: number;
}

/** Receives the alerts one rule evaluation sends; the alert manager consumes these. */
export type AlertSink = (alerts: NotifierAlert[], origin: AlertOrigin) => void;

export function toNotifierAlert(alert: Alert, generatorURL: string, externalLabels: Labels): NotifierAlert {
  let labels = alert.labels;
  for (const [name, value] of externalLabels) if (!labels.has(name)) labels = labels.with(name, value);
  return {
    labels,
    annotations: alert.annotations,
    startsAtMs: alert.firedAtMs ?? alert.activeAtMs,
    endsAtMs: alert.resolvedAtMs ?? alert.validUntilMs ?? alert.activeAtMs,
    generatorURL,
  };
}

/** Prometheus's link to the table view of an expression, relative to its external URL. */
export function tableLinkForExpression(expr: string): string {
  return `/graph?g0.expr=${goQueryEscape(expr)}&g0.tab=1`;
}

/** Go's url.QueryEscape: everything but letters, digits and `-_.~` percent-encoded, spaces as `+`. */
export function goQueryEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}
