/**
 * The webhook body, version 4 (Alertmanager's webhook.Message): the template data with Go's
 * field order, then version, group key and the number of alerts cut by max_alerts, as Go's
 * json.Encoder writes it (with a trailing newline). `notification_reason` is Alertmanager
 * 0.33's addition; 0.34's `routeLabels` is left out, as Klaxon's routes have no labels.
 */
import type { TemplateAlert, TemplateData } from '../template-data.js';
import { encodeGoJson, type GoJsonStruct } from './go-json.js';
import { goTimeJson } from './go-time-json.js';

export const WEBHOOK_VERSION = '4';

export function webhookBody(data: TemplateData, groupKey: string, truncatedAlerts: number): string {
  const message: GoJsonStruct = {
    receiver: data.receiver,
    status: data.status,
    alerts: data.alerts.map(alertJson),
    notification_reason: data.notificationReason,
    groupLabels: data.groupLabels,
    commonLabels: data.commonLabels,
    commonAnnotations: data.commonAnnotations,
    externalURL: data.externalURL,
    version: WEBHOOK_VERSION,
    groupKey,
    truncatedAlerts,
  };
  return encodeGoJson(message) + '\n';
}

function alertJson(alert: TemplateAlert): GoJsonStruct {
  return {
    status: alert.status,
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: goTimeJson(alert.startsAt),
    endsAt: goTimeJson(alert.endsAt),
    generatorURL: alert.generatorURL,
    fingerprint: alert.fingerprint,
  };
}

/** The first `maxAlerts` alerts (all when 0) and how many were cut. */
export function truncateAlerts<T>(alerts: readonly T[], maxAlerts: number): { kept: readonly T[]; truncated: number } {
  if (maxAlerts > 0 && alerts.length > maxAlerts) return { kept: alerts.slice(0, maxAlerts), truncated: alerts.length - maxAlerts };
  return { kept: alerts, truncated: 0 };
}
