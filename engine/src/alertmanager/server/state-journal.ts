/**
 * Carries every change of the alert manager's state into the store: alerts, silences and
 * notification-log entries put or deleted, and history events. Changes are gathered as they
 * happen, then written together on the next turn of the event loop and committed at once. What
 * the current turn started goes first: the first flush of a group without group_wait sends its
 * notification without waiting for the store. A request handler awaits commit() before it
 * answers, so an answer is never ahead of the file. Without a store it only counts.
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
  /** The scheduled write; settles once it is committed. */
  private scheduled: Promise<void> | undefined;
  /** Whether someone awaits the scheduled write (and reports its failure). */
  private awaited = false;
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

  /** Resolves once every change gathered so far is committed to the store's file. */
  commit(): Promise<void> {
    if (!this.scheduled && !this.hasPending()) return this.lastWrite;
    const written = this.schedule();
    this.awaited = true;
    return written;
  }

  /** Commits what is pending; changes after this are not written (the store is about to close). */
  async close(): Promise<void> {
    const last = this.commit();
    this.closed = true;
    await last;
  }

  private change<T>(pending: Map<string, T | undefined>, key: string, value: T | undefined): void {
    if (this.closed) return;
    // Only the last change of a key is written; the order among keys does not matter.
    pending.set(key, value);
    this.schedule();
  }

  private schedule(): Promise<void> {
    if (this.scheduled) return this.scheduled;
    this.awaited = false;
    const written = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.scheduled = undefined;
      return this.writePending() ?? this.lastWrite;
    });
    written.catch((error: unknown) => {
      if (!this.awaited) this.log('error', 'Failed to write state to the store', { err: (error as Error).message });
    });
    this.scheduled = written;
    return written;
  }

  private hasPending(): boolean {
    return this.alerts.size + this.silences.size + this.notifications.size + this.history.length > 0;
  }

  /** Hands the gathered changes to the store and commits them; undefined when there were none. */
  private writePending(): Promise<void> | undefined {
    if (!this.hasPending()) return undefined;
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
    // Committed now, rather than on the turn after this one.
    void store.flush().catch(() => undefined);
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
