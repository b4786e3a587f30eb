/**
 * How each record type is written to and read from its row. Records are JSON with keys in a fixed
 * order; label sets are written as objects sorted by label name.
 */
import { Labels } from '../labels/labels.js';
import type {
  Annotations,
  HistoryEvent,
  HistoryKind,
  NotificationLogEntry,
  Silence,
  StoredAlert,
} from '../alertmanager/model.js';
import type { Parameter, Row } from './sqlite.js';

export function encodeAlert(alert: StoredAlert): string {
  return JSON.stringify({
    labels: alert.labels.toObject(),
    annotations: sortedObject(alert.annotations),
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
    generatorURL: alert.generatorURL,
    updatedAt: alert.updatedAt,
    timeout: alert.timeout,
  });
}

export function decodeAlert(fingerprint: string, record: string): StoredAlert {
  const json = JSON.parse(record) as Omit<StoredAlert, 'labels' | 'fingerprint'> & { labels: Record<string, string> };
  return {
    fingerprint,
    labels: Labels.from(json.labels),
    annotations: json.annotations,
    startsAt: json.startsAt,
    endsAt: json.endsAt,
    generatorURL: json.generatorURL,
    updatedAt: json.updatedAt,
    timeout: json.timeout,
  };
}

export function encodeSilence(silence: Silence): string {
  return JSON.stringify({
    id: silence.id,
    matchers: silence.matchers.map(({ name, value, isRegex, isEqual }) => ({ name, value, isRegex, isEqual })),
    startsAt: silence.startsAt,
    endsAt: silence.endsAt,
    updatedAt: silence.updatedAt,
    createdBy: silence.createdBy,
    comment: silence.comment,
    ...(silence.annotations === undefined ? {} : { annotations: sortedObject(silence.annotations) }),
  });
}

export function decodeSilence(record: string): Silence {
  return JSON.parse(record) as Silence;
}

export function encodeNotificationLogEntry(entry: NotificationLogEntry): string {
  const { groupName, integration, index } = entry.receiver;
  return JSON.stringify({
    groupKey: entry.groupKey,
    receiver: { groupName, integration, index },
    timestamp: entry.timestamp,
    firingAlerts: entry.firingAlerts,
    resolvedAlerts: entry.resolvedAlerts,
    expiresAt: entry.expiresAt,
  });
}

export function decodeNotificationLogEntry(record: string): NotificationLogEntry {
  return JSON.parse(record) as NotificationLogEntry;
}

/** A history event as stored: `id` orders events written in the same millisecond. */
export interface StoredHistoryEvent extends HistoryEvent {
  id: number;
}

/** Parameters for `INSERT INTO history (at, kind, fingerprint, silence_id, data)`. */
export function historyParameters(event: HistoryEvent): Parameter[] {
  return [
    event.at,
    event.kind,
    event.fingerprint ?? null,
    event.silenceId ?? null,
    event.data === undefined ? null : JSON.stringify(event.data),
  ];
}

export function decodeHistoryRow(row: Row): StoredHistoryEvent {
  const event: StoredHistoryEvent = { id: Number(row['id']), at: Number(row['at']), kind: row['kind'] as HistoryKind };
  if (row['fingerprint'] !== null) event.fingerprint = String(row['fingerprint']);
  if (row['silence_id'] !== null) event.silenceId = String(row['silence_id']);
  if (row['data'] !== null) event.data = JSON.parse(String(row['data'])) as Record<string, unknown>;
  return event;
}

function sortedObject(values: Annotations): Record<string, string> {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(values).sort()) sorted[key] = values[key]!;
  return sorted;
}
