/**
 * The alert manager's records: alerts as Alertmanager holds them, silences, notification-log
 * entries and history events. Every module of the alert manager and the store speak these.
 * Times are milliseconds since the epoch; 0 stands for Go's zero time (unset).
 */
import type { Labels } from '../labels/labels.js';
import type { MatchType } from '../labels/matcher.js';

/** Annotations of an alert or silence: name → value, empty values allowed. */
export type Annotations = Readonly<Record<string, string>>;

/** An alert as the alert manager stores it (Alertmanager's types.Alert). */
export interface Alert {
  labels: Labels;
  annotations: Annotations;
  startsAt: number;
  /** When the alert stops being active; for an alert posted without one, received + resolve_timeout. */
  endsAt: number;
  generatorURL: string;
  /** When it was last received. */
  updatedAt: number;
  /** True when `endsAt` was set from resolve_timeout rather than given. */
  timeout: boolean;
}

/** An alert with its fingerprint, as the store and the API key it. */
export interface StoredAlert extends Alert {
  fingerprint: string;
}

export type AlertState = 'unprocessed' | 'active' | 'suppressed';

/** Why an alert is or is not notified (the API's `status`). */
export interface AlertStatus {
  state: AlertState;
  silencedBy: string[];
  inhibitedBy: string[];
  mutedBy: string[];
}

/** A silence matcher as the API carries it; `isEqual` false negates. */
export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export type SilenceState = 'pending' | 'active' | 'expired';

export interface Silence {
  /** A UUID (version 4). */
  id: string;
  matchers: SilenceMatcher[];
  startsAt: number;
  endsAt: number;
  updatedAt: number;
  createdBy: string;
  comment: string;
  annotations?: Annotations;
}

/** The matcher type a silence matcher stands for. */
export function silenceMatchType(m: SilenceMatcher): MatchType {
  if (m.isRegex) return m.isEqual ? '=~' : '!~';
  return m.isEqual ? '=' : '!=';
}

/** Which integration of which receiver a notification-log entry is about. */
export interface ReceiverRef {
  /** The receiver's name. */
  groupName: string;
  /** The integration type: `webhook`, `slack`, `email`... */
  integration: string;
  /** Index of the integration within the receiver's configs of that type. */
  index: number;
}

/** One line of the notification log: what was last sent for a group to one integration. */
export interface NotificationLogEntry {
  groupKey: string;
  receiver: ReceiverRef;
  timestamp: number;
  /** Hashes of the alerts that were firing, resolved, when it was sent (Alertmanager's hashAlert, as decimal strings). */
  firingAlerts: string[];
  resolvedAlerts: string[];
  /** When the entry may be forgotten. */
  expiresAt: number;
}

/** The key of a notification-log entry: one per group and receiver integration. */
export function notificationLogKey(entry: Pick<NotificationLogEntry, 'groupKey' | 'receiver'>): string {
  const { groupName, integration, index } = entry.receiver;
  return `${entry.groupKey}\u0000${groupName}/${integration}/${index}`;
}

export type HistoryKind =
  | 'alert.received'
  | 'alert.enriched'
  | 'alert.resolved'
  | 'alert.expired'
  | 'notification.sent'
  | 'notification.failed'
  | 'silence.created'
  | 'silence.updated'
  | 'silence.expired'
  | 'webhook.received';

/** Something that happened, for an alert's or a silence's history. */
export interface HistoryEvent {
  at: number;
  kind: HistoryKind;
  /** The alert the event is about, if any. */
  fingerprint?: string;
  /** The silence the event is about, if any. */
  silenceId?: string;
  /** Event details, JSON-serialisable. */
  data?: Readonly<Record<string, unknown>>;
}
