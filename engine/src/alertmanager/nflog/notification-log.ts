/**
 * The notification log (Alertmanager's nflog): for each aggregation group and receiver
 * integration, what was last notified and when. The dedup stage reads it, the set-notifies stage
 * writes it; entries expire and are garbage-collected. It lives in memory; the store persists it
 * through `entries()`, `load()` and `subscribe()`.
 */
import type { Clock } from '../../clock.js';
import { notificationLogKey, type NotificationLogEntry, type ReceiverRef } from '../model.js';

/** Alertmanager's --data.retention default. */
export const DEFAULT_RETENTION_MS = 120 * 3_600_000;
/** Alertmanager's --data.maintenance-interval default. */
export const DEFAULT_MAINTENANCE_INTERVAL_MS = 15 * 60_000;

export interface NotificationLogReader {
  /** The last entry for the group and integration, expired or not until garbage-collected. */
  query(groupKey: string, receiver: ReceiverRef): NotificationLogEntry | undefined;
}

export interface NotificationLogWriter {
  /** Records a notification now; it expires after `expiry` (or the retention, whichever is shorter; 0 = retention). */
  log(receiver: ReceiverRef, groupKey: string, firingAlerts: readonly string[], resolvedAlerts: readonly string[], expiry: number): void;
}

export interface NotificationLogOptions {
  clock: Clock;
  retention?: number;
}

export class NotificationLog implements NotificationLogReader, NotificationLogWriter {
  private readonly clock: Clock;
  private readonly retention: number;
  private readonly byKey = new Map<string, NotificationLogEntry>();
  private readonly listeners = new Set<(entry: NotificationLogEntry) => void>();

  constructor(options: NotificationLogOptions) {
    this.clock = options.clock;
    this.retention = options.retention ?? DEFAULT_RETENTION_MS;
  }

  get size(): number {
    return this.byKey.size;
  }

  query(groupKey: string, receiver: ReceiverRef): NotificationLogEntry | undefined {
    return this.byKey.get(notificationLogKey({ groupKey, receiver }));
  }

  log(receiver: ReceiverRef, groupKey: string, firingAlerts: readonly string[], resolvedAlerts: readonly string[], expiry: number): void {
    const now = this.clock.now();
    const key = notificationLogKey({ groupKey, receiver });
    const previous = this.byKey.get(key);
    if (previous && previous.timestamp > now) return;
    const lifetime = expiry > 0 && this.retention > expiry ? expiry : this.retention;
    const entry: NotificationLogEntry = {
      groupKey,
      receiver: { ...receiver },
      timestamp: now,
      firingAlerts: [...firingAlerts],
      resolvedAlerts: [...resolvedAlerts],
      expiresAt: now + lifetime,
    };
    this.byKey.set(key, entry);
    for (const listener of this.listeners) listener(entry);
  }

  /** Removes the entries whose expiry has come; returns them. */
  gc(): NotificationLogEntry[] {
    const now = this.clock.now();
    const removed: NotificationLogEntry[] = [];
    for (const [key, entry] of this.byKey) {
      if (entry.expiresAt <= now) {
        this.byKey.delete(key);
        removed.push(entry);
      }
    }
    return removed;
  }

  /** Every entry, for persisting. */
  entries(): NotificationLogEntry[] {
    return [...this.byKey.values()];
  }

  /** Merges persisted entries: expired ones are skipped, and an entry only replaces an older one. */
  load(entries: Iterable<NotificationLogEntry>): void {
    const now = this.clock.now();
    for (const entry of entries) {
      if (entry.expiresAt < now) continue;
      const key = notificationLogKey(entry);
      const previous = this.byKey.get(key);
      if (!previous || previous.timestamp < entry.timestamp) this.byKey.set(key, entry);
    }
  }

  /** Calls `listener` with every entry logged from now on; returns the unsubscribe function. */
  subscribe(listener: (entry: NotificationLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Garbage-collects every `intervalMs` on the clock until the returned function is called. */
  startMaintenance(intervalMs = DEFAULT_MAINTENANCE_INTERVAL_MS, onCollected?: (removed: NotificationLogEntry[]) => void): () => void {
    let cancel = (): void => {};
    const schedule = (): void => {
      cancel = this.clock.setTimer(intervalMs, () => {
        const removed = this.gc();
        if (removed.length > 0) onCollected?.(removed);
        schedule();
      });
    };
    schedule();
    return () => cancel();
  }
}
