/**
 * The alert provider (Alertmanager's provider/mem): holds the current alerts by fingerprint,
 * merges re-sent alerts into stored ones, forgets resolved alerts at each garbage collection
 * (every `gcInterval`, default 30m), and tells listeners about every stored and every deleted
 * alert, synchronously and in order.
 *
 * Listener API: `subscribe(listener, { replay: true })` first hands the listener every stored
 * alert (as `alertStored(alert, true)`), then each alert as it is put; it returns the function
 * that unsubscribes. The dispatcher, the inhibitor and the store are all listeners. Stored alerts
 * are frozen snapshots: a put stores a new object.
 *
 * History: `alert.received` when an alert is new or becomes active again, `alert.resolved` when
 * a put resolves a firing alert, `alert.expired` when garbage collection removes it.
 */
import type { Clock } from '../../clock.js';
import { PeriodicTask } from '../../periodic-task.js';
import { fingerprint } from '../../labels/fingerprint.js';
import type { Alert, HistoryEvent, StoredAlert } from '../model.js';
import { isResolvedAt } from '../notify/alert-status.js';
import type { AlertMarker } from './marker.js';
import { mergeAlerts, overlaps } from './merge.js';

export interface AlertListener {
  /** After an alert was stored; `existing` says whether one with its fingerprint was stored before. */
  alertStored?(alert: StoredAlert, existing: boolean): void;
  /** After garbage collection removed resolved alerts. */
  alertsDeleted?(alerts: readonly StoredAlert[]): void;
}

export interface AlertProviderOptions {
  clock: Clock;
  /** Markers of deleted alerts are dropped with them. */
  marker?: AlertMarker;
  /** Between garbage collections once started, ms; default 30 minutes (`--alerts.gc-interval`). */
  gcInterval?: number;
  onHistory?: (event: HistoryEvent) => void;
  /** Gets what a listener throws; without it the first such error is rethrown once every listener ran. */
  onListenerError?: (error: unknown) => void;
}

export const DEFAULT_ALERT_GC_INTERVAL = 30 * 60_000;

export class AlertProvider {
  private readonly alerts = new Map<string, StoredAlert>();
  private readonly listeners = new Set<AlertListener>();
  private readonly garbageCollection: PeriodicTask;

  constructor(private readonly options: AlertProviderOptions) {
    this.garbageCollection = new PeriodicTask(options.clock, options.gcInterval ?? DEFAULT_ALERT_GC_INTERVAL, () => this.gc());
  }

  get size(): number {
    return this.alerts.size;
  }

  get(fingerprint: string): StoredAlert | undefined {
    return this.alerts.get(fingerprint);
  }

  list(): StoredAlert[] {
    return [...this.alerts.values()];
  }

  /** Stores the alerts in order, each merged with the stored one when their ranges overlap. */
  put(alerts: readonly Alert[]): StoredAlert[] {
    const now = this.options.clock.now();
    const stored: StoredAlert[] = [];
    const errors: unknown[] = [];
    for (const alert of alerts) {
      const fp = fingerprint(alert.labels);
      const previous = this.alerts.get(fp);
      const merged = previous && overlaps(previous, alert) ? mergeAlerts<Alert>(previous, alert, now) : alert;
      const result = frozenStoredAlert(merged, fp);
      this.alerts.set(fp, result);
      this.recordPut(previous, result, now);
      this.notify((l) => l.alertStored?.(result, previous !== undefined), errors);
      stored.push(result);
    }
    this.raise(errors);
    return stored;
  }

  /** Removes the alerts resolved by now; returns them. */
  gc(): StoredAlert[] {
    const now = this.options.clock.now();
    const deleted: StoredAlert[] = [];
    for (const [fp, alert] of this.alerts) {
      if (!isResolvedAt(alert, now)) continue;
      this.alerts.delete(fp);
      this.options.marker?.delete(fp);
      deleted.push(alert);
      this.options.onHistory?.({ at: now, kind: 'alert.expired', fingerprint: fp, data: { endsAt: alert.endsAt, timeout: alert.timeout } });
    }
    if (deleted.length > 0) {
      const errors: unknown[] = [];
      this.notify((l) => l.alertsDeleted?.(deleted), errors);
      this.raise(errors);
    }
    return deleted;
  }

  subscribe(listener: AlertListener, options: { replay?: boolean } = {}): () => void {
    if (options.replay) for (const alert of this.alerts.values()) listener.alertStored?.(alert, true);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Restores alerts the store kept, into an empty provider; tells no listener and records no history. */
  load(records: readonly StoredAlert[]): void {
    for (const record of records) {
      const fp = fingerprint(record.labels);
      this.alerts.set(fp, frozenStoredAlert(record, fp));
    }
  }

  /** Starts periodic garbage collection on the clock. */
  start(): void {
    this.garbageCollection.start();
  }

  stop(): void {
    this.garbageCollection.stop();
  }

  private recordPut(previous: StoredAlert | undefined, stored: StoredAlert, now: number): void {
    const record = this.options.onHistory;
    if (!record) return;
    const wasFiring = previous !== undefined && !isResolvedAt(previous, now);
    const isFiring = !isResolvedAt(stored, now);
    const fp = stored.fingerprint;
    if (isFiring && !wasFiring) {
      const data = { startsAt: stored.startsAt, endsAt: stored.endsAt, timeout: stored.timeout, reactivated: previous !== undefined };
      record({ at: now, kind: 'alert.received', fingerprint: fp, data });
    } else if (!isFiring && (wasFiring || previous === undefined)) {
      record({ at: now, kind: 'alert.resolved', fingerprint: fp, data: { startsAt: stored.startsAt, endsAt: stored.endsAt } });
    }
  }

  private notify(call: (listener: AlertListener) => void, errors: unknown[]): void {
    for (const listener of this.listeners) {
      try {
        call(listener);
      } catch (error) {
        if (this.options.onListenerError) this.options.onListenerError(error);
        else errors.push(error);
      }
    }
  }

  private raise(errors: readonly unknown[]): void {
    if (errors.length > 0) throw errors[0];
  }
}

/** A frozen copy of the alert's fields; built field by field, as freezing a spread copy costs V8 several times more. */
function frozenStoredAlert(alert: Alert, fingerprint: string): StoredAlert {
  return Object.freeze({
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
    generatorURL: alert.generatorURL,
    updatedAt: alert.updatedAt,
    timeout: alert.timeout,
    fingerprint,
  });
}
