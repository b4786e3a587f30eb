/**
 * The data notifications are built from (Alertmanager's template.Data): the receiver, the batch's
 * status, each alert with its status and fingerprint, and the group, common labels and common
 * annotations. Label and annotation sets are Go maps (name → value).
 */
import type { Labels } from '../../labels/labels.js';
import { fingerprint } from '../../labels/fingerprint.js';
import type { Annotations, StoredAlert } from '../model.js';
import { isResolvedAt } from './alert-status.js';
import type { NotifyReason } from './context.js';

export type AlertStatusName = 'firing' | 'resolved';

export interface TemplateAlert {
  status: AlertStatusName;
  labels: ReadonlyMap<string, string>;
  annotations: ReadonlyMap<string, string>;
  startsAt: number;
  /** 0 (Go's zero time) while the alert fires. */
  endsAt: number;
  generatorURL: string;
  fingerprint: string;
}

export interface TemplateData {
  /** The receiver's name with regular-expression metacharacters escaped, as upstream does. */
  receiver: string;
  status: AlertStatusName;
  alerts: TemplateAlert[];
  notificationReason: NotifyReason;
  groupLabels: ReadonlyMap<string, string>;
  commonLabels: ReadonlyMap<string, string>;
  commonAnnotations: ReadonlyMap<string, string>;
  externalURL: string;
}

export interface TemplateDataInput {
  receiver: string;
  groupLabels: Labels;
  alerts: readonly StoredAlert[];
  notificationReason: NotifyReason;
  externalURL: string;
  /** When the alerts' status is judged. */
  now: number;
}

export function templateData(input: TemplateDataInput): TemplateData {
  const alerts = input.alerts.map((a) => templateAlert(a, input.now));
  return {
    receiver: quoteMeta(input.receiver),
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    alerts,
    notificationReason: input.notificationReason,
    groupLabels: new Map(input.groupLabels),
    commonLabels: commonPairs(input.alerts.map((a) => new Map(a.labels))),
    commonAnnotations: commonPairs(input.alerts.map((a) => annotationMap(a.annotations))),
    externalURL: input.externalURL,
  };
}

function templateAlert(alert: StoredAlert, now: number): TemplateAlert {
  const resolved = isResolvedAt(alert, now);
  return {
    status: resolved ? 'resolved' : 'firing',
    labels: new Map(alert.labels),
    annotations: annotationMap(alert.annotations),
    startsAt: alert.startsAt,
    endsAt: resolved ? alert.endsAt : 0,
    generatorURL: alert.generatorURL,
    fingerprint: alert.fingerprint || fingerprint(alert.labels),
  };
}

function annotationMap(annotations: Annotations): Map<string, string> {
  return new Map(Object.entries(annotations));
}

/** The pairs every set has with the same value. */
function commonPairs(sets: readonly ReadonlyMap<string, string>[]): Map<string, string> {
  const common = new Map(sets[0] ?? []);
  for (const set of sets.slice(1)) {
    for (const [name, value] of common) if (set.get(name) !== value) common.delete(name);
  }
  return common;
}

/** Go's regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
