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
import type { Row } from './sqlite.js';

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

export function decodeHistoryRow(row: Row): StoredHistoryEvent {
  const event: StoredHistoryEvent = { id: Number(row['id']), at: Number(row['at']), kind: row['kind'] as HistoryKind };
  if (row['fingerprint'] !== null) event.fingerprint = String(row['fingerprint']);
  if (row['silence_id'] !== null) event.silenceId = String(row['silence_id']);
  if (row['data'] !== null) event.data = JSON.parse(String(row['data'])) as Record<string, unknown>;
  return event;
}

/** The object with its keys in sorted order: itself when they already are. */
function sortedObject(values: Annotations): Readonly<Record<string, string>> {
  const keys = Object.keys(values);
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1]! < keys[i]!;
  if (inOrder) return values;
  const sorted: Record<string, string> = {};
  for (const key of sortStrings(keys)) sorted[key] = values[key]!;
  return sorted;
}

/** Sorts in place; a few keys by insertion, which spares the work array Array.prototype.sort allocates. */
function sortStrings(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}
