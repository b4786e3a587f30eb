/**
 * Writes records of every kind through KlaxonStore's public API, closes the store, opens it again
 * and reads everything back. Records come back as JSON values (label sets as objects).
 */
import type { HistoryEvent, NotificationLogEntry, Silence, StoredAlert } from '../../../../engine/src/alertmanager/model.js';
import { KlaxonStore } from '../../../../engine/src/store/klaxon-store.js';
import { sampleAlert, sampleNotificationLogEntry, sampleSilence } from '../../../../engine/test/store/samples.js';

type AlertJson = Omit<StoredAlert, 'labels'> & { labels: Record<string, string> };

export interface StoreContents {
  alerts: AlertJson[];
  silences: Silence[];
  notificationLog: NotificationLogEntry[];
  history: HistoryEvent[];
}

export interface RoundTrip {
  /** The storage directory as the store resolved it, and its SQLite file. */
  storagePath: string;
  file: string;
  schemaVersion: number;
  /** The schema version each open found: 0 when the file was new. */
  migratedFrom: { first: number; reopened: number };
  /** What should be in the store after the writes (the deleted alert left out). */
  written: StoreContents;
  read: StoreContents;
  /** SQLite's integrity check on the reopened file: empty when sound. */
  integrityProblems: string[];
}

export async function roundTrip(storagePath: string): Promise<RoundTrip> {
  const alerts = [1, 2, 3].map((n) => sampleAlert(n));
  const kept = alerts.slice(0, 2);
  const written: StoreContents = {
    alerts: kept.map(alertJson),
    silences: [sampleSilence(1), sampleSilence(2)],
    notificationLog: [sampleNotificationLogEntry(1, { firingAlerts: kept.map((alert) => alert.fingerprint) })],
    history: kept.map((alert, n) => ({ at: alert.startsAt, kind: 'alert.received', fingerprint: alert.fingerprint, data: { n } })),
  };
  written.history.push({ at: 1_700_000_500_000, kind: 'silence.created', silenceId: written.silences[0]!.id, data: { by: 'test' } });

  const first = KlaxonStore.open(storagePath);
  try {
    // Issued together, so that they share one transaction (group commit).
    await Promise.all([
      first.putAlerts(alerts),
      first.putSilences(written.silences),
      first.putNotificationLog(written.notificationLog),
      first.appendHistory(written.history),
    ]);
    await first.deleteAlerts([alerts[2]!.fingerprint]);
  } finally {
    first.close();
  }

  const reopened = KlaxonStore.open(storagePath);
  try {
    return {
      storagePath: reopened.storagePath,
      file: reopened.file,
      schemaVersion: reopened.schemaVersion,
      migratedFrom: { first: first.migratedFrom, reopened: reopened.migratedFrom },
      written,
      read: {
        alerts: reopened.listAlerts().map(alertJson),
        silences: reopened.listSilences(),
        notificationLog: reopened.listNotificationLog(),
        history: reopened.queryHistory({ order: 'asc' }),
      },
      integrityProblems: reopened.checkIntegrity(),
    };
  } finally {
    reopened.close();
  }
}

function alertJson(alert: StoredAlert): AlertJson {
  return { ...alert, labels: alert.labels.toObject() };
}
