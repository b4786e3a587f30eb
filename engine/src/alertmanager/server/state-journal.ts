/**
 * Carries every change of the alert manager's state into the store: alerts, silences and
 * notification-log entries put or deleted, and history events. Changes are gathered as they
 * happen and written together, on request (commit, which a request handler awaits before it
 * answers) or else once the current turn of work is done. Without a store it only counts.
 */
import { notificationLogKey, type HistoryEvent, type NotificationLogEntry, type Silence, type StoredAlert } from '../model.js';
import type { KlaxonStore } from '../../store/klaxon-store.js';
import type { AlertListener } from '../alerts/provider.js';
import type { SilenceListener } from '../silences/silences.js';
import type { Logger } from './log.js';

export class StateJournal implements AlertListener, SilenceListener {
  /** By key; undefined marks a deletion. */
  private alerts = new Map<string, StoredAlert | undefined>();
  private silences = new Map<string, Silence | undefined>();
  private notifications = new Map<string, NotificationLogEntry | undefined>();
  private history: HistoryEvent[] = [];
  private scheduled = false;
  private closed = false;
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: KlaxonStore | undefined,
    private readonly log: Logger,
  ) {}

  alertStored(alert: StoredAlert): void {
    this.change(this.alerts, alert.fingerprint, alert);
  }

  alertsDeleted(alerts: readonly StoredAlert[]): void {
    for (const alert of alerts) this.change(this.alerts, alert.fingerprint, undefined);
  }

  silenceStored(silence: Silence): void {
    this.change(this.silences, silence.id, silence);
  }

  silencesDeleted(ids: readonly string[]): void {
    for (const id of ids) this.change(this.silences, id, undefined);
  }

  notificationLogged(entry: NotificationLogEntry): void {
    this.change(this.notifications, notificationLogKey(entry), entry);
  }

  notificationsExpired(entries: readonly NotificationLogEntry[]): void {
    for (const entry of entries) this.change(this.notifications, notificationLogKey(entry), undefined);
  }

  record(event: HistoryEvent): void {
    if (this.closed) return;
    this.history.push(event);
    this.schedule();
  }

  /** Writes every change gathered so far; resolves once they are committed to the store's file. */
  commit(): Promise<void> {
    return this.writePending() ?? this.lastWrite;
  }

  /** Commits what is pending; changes after this are not written (the store is about to close). */
  async close(): Promise<void> {
    const last = this.commit();
    this.closed = true;
    await last;
  }

  private change<T>(pending: Map<string, T | undefined>, key: string, value: T | undefined): void {
    if (this.closed) return;
    pending.delete(key);
    pending.set(key, value);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.writePending()?.catch((error: unknown) => {
        this.log('error', 'Failed to write state to the store', { err: (error as Error).message });
      });
    });
  }

  /** Hands the gathered changes to the store; undefined when there were none. */
  private writePending(): Promise<void> | undefined {
    this.scheduled = false;
    if (this.alerts.size + this.silences.size + this.notifications.size + this.history.length === 0) return undefined;
    const [alerts, silences, notifications, history] = [this.alerts, this.silences, this.notifications, this.history];
    this.alerts = new Map();
    this.silences = new Map();
    this.notifications = new Map();
    this.history = [];
    const store = this.store;
    if (!store) return undefined;
    const { puts: putAlerts, deletes: deleteAlerts } = split(alerts);
    const { puts: putSilences, deletes: deleteSilences } = split(silences);
    const { puts: putNotificationLog, deletes: deleteNotificationLog } = split(notifications);
    const written = store.writeChanges({ putAlerts, deleteAlerts, putSilences, deleteSilences, putNotificationLog, deleteNotificationLog, history });
    // Later commits wait on this one too; their own failures are reported by their own promise.
    this.lastWrite = written.catch(() => undefined);
    return written;
  }
}

function split<T>(pending: ReadonlyMap<string, T | undefined>): { puts: T[]; deletes: string[] } {
  const puts: T[] = [];
  const deletes: string[] = [];
  for (const [key, value] of pending) {
    if (value === undefined) deletes.push(key);
    else puts.push(value);
  }
  return { puts, deletes };
}
