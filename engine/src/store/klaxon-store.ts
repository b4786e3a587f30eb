/**
 * Klaxon's durable store: alerts, silences, the notification log and history in one SQLite file
 * under the storage path. Writes return promises that resolve once the transaction holding them
 * has committed to the file (see group-commit.ts); reads are synchronous and see every write made
 * so far, committed or about to be.
 */
import { mkdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  notificationLogKey,
  type HistoryEvent,
  type NotificationLogEntry,
  type Silence,
  type StoredAlert,
} from '../alertmanager/model.js';
import { AlertLog } from './alert-log.js';
import { GroupCommit } from './group-commit.js';
import { HistoryLog } from './history-log.js';
import type { HistoryQuery } from './history-query.js';
import { acquireProcessLock } from './process-lock.js';
import {
  decodeAlert,
  decodeHistoryRow,
  decodeNotificationLogEntry,
  decodeSilence,
  encodeNotificationLogEntry,
  encodeSilence,
  type StoredHistoryEvent,
} from './records.js';
import { migrate, SCHEMA_VERSION } from './schema.js';
import { isSqliteError, SqliteConnection, translateSqliteError, type Synchronous } from './sqlite.js';
import { StoreError } from './store-error.js';

export type { HistoryQuery } from './history-query.js';
export type { StoredHistoryEvent } from './records.js';
export type { Synchronous } from './sqlite.js';
export { StoreError, type StoreErrorCode } from './store-error.js';

export const STORE_FILE_NAME = 'klaxon.db';

/** How long writes must pause before the store does its upkeep: merging history, then checkpointing. */
const IDLE_UPKEEP_MS = 1_000;

/** Superseded alert rows deleted per transaction: bounds the latency compaction adds to a write. */
const COMPACTION_CHUNK = 2_000;

export interface StoreOptions {
  /**
   * `normal` (the default): an acknowledged write survives the process being killed; a power loss
   * or OS crash may take the commits the kernel had not yet written back (the file stays sound).
   * `full`: each commit is fsynced before it is acknowledged, so it survives a power loss too, at
   * the price of one fsync per commit. See README.md beside this file for the figures.
   */
  synchronous?: Synchronous;
}

/** Changes made as one write (one savepoint): what the alert manager gathers in a turn of work. */
export interface StoreChanges {
  putAlerts?: readonly StoredAlert[];
  /** Fingerprints. */
  deleteAlerts?: readonly string[];
  putSilences?: readonly Silence[];
  /** Silence ids. */
  deleteSilences?: readonly string[];
  putNotificationLog?: readonly NotificationLogEntry[];
  /** notificationLogKey of each entry. */
  deleteNotificationLog?: readonly string[];
  history?: readonly HistoryEvent[];
}

export class KlaxonStore {
  private readonly commits: GroupCommit;
  private readonly alerts: AlertLog;
  private readonly history: HistoryLog;
  private compactionQueued = false;
  private idleUpkeep: NodeJS.Timeout | undefined;
  private mergeQueued = false;
  private closed = false;

  private constructor(
    /** The storage directory, as a real path. */
    readonly storagePath: string,
    /** The SQLite file inside it. */
    readonly file: string,
    /** The schema version the file had before this open; 0 when it was new. */
    readonly migratedFrom: number,
    private readonly connection: SqliteConnection,
    private readonly releaseLock: () => void,
  ) {
    this.alerts = new AlertLog(connection);
    this.history = new HistoryLog(connection);
    this.commits = new GroupCommit(
      connection,
      (error) => this.toError(error),
      () => {
        this.alerts.reload();
        this.history.reload();
      },
      () => this.upkeepWhenIdle(),
    );
  }

  /**
   * Opens the store in `storagePath` (created if missing), migrating its schema. Throws StoreError
   * when the path cannot be used or is held by another process.
   */
  static open(storagePath: string, options: StoreOptions = {}): KlaxonStore {
    const directory = prepareDirectory(storagePath);
    const releaseLock = acquireProcessLock(directory);
    const file = join(directory, STORE_FILE_NAME);
    let connection: SqliteConnection | undefined;
    try {
      SqliteConnection.removeStaleLock(file);
      connection = SqliteConnection.open(file, options.synchronous ?? 'normal');
      const migratedFrom = migrate(connection);
      return new KlaxonStore(directory, file, migratedFrom, connection, releaseLock);
    } catch (error) {
      connection?.close();
      releaseLock();
      throw translateSqliteError(error, file);
    }
  }

  get schemaVersion(): number {
    return SCHEMA_VERSION;
  }

  /** Transactions and writes committed since open: how well writes were grouped. */
  get commitStats(): { transactions: number; writes: number } {
    return { transactions: this.commits.transactions, writes: this.commits.writes };
  }

  // Alerts, keyed by fingerprint.

  putAlerts(alerts: readonly StoredAlert[]): Promise<void> {
    return this.writeChanges({ putAlerts: alerts });
  }

  deleteAlerts(fingerprints: readonly string[]): Promise<void> {
    return this.writeChanges({ deleteAlerts: fingerprints });
  }

  getAlert(fingerprint: string): StoredAlert | undefined {
    const record = this.read(() => this.alerts.get(fingerprint));
    return record === undefined ? undefined : this.decode('alert', fingerprint, () => decodeAlert(fingerprint, record));
  }

  /** Every alert, by fingerprint. */
  listAlerts(): StoredAlert[] {
    return this.read(() => this.alerts.list()).map(({ fingerprint, record }) =>
      this.decode('alert', fingerprint, () => decodeAlert(fingerprint, record)),
    );
  }

  /** How many alerts are stored. */
  get alertCount(): number {
    return this.alerts.size;
  }

  // Silences, keyed by id.

  putSilences(silences: readonly Silence[]): Promise<void> {
    return this.writeChanges({ putSilences: silences });
  }

  deleteSilences(ids: readonly string[]): Promise<void> {
    return this.writeChanges({ deleteSilences: ids });
  }

  getSilence(id: string): Silence | undefined {
    const row = this.read(() => this.connection.get('SELECT record FROM silences WHERE id = ?', [id]));
    return row && this.decode('silence', id, () => decodeSilence(String(row['record'])));
  }

  /** Every silence, by id. */
  listSilences(): Silence[] {
    const rows = this.read(() => this.connection.all('SELECT id, record FROM silences ORDER BY id'));
    return rows.map((row) => this.decode('silence', String(row['id']), () => decodeSilence(String(row['record']))));
  }

  // The notification log, keyed by notificationLogKey(entry).

  putNotificationLog(entries: readonly NotificationLogEntry[]): Promise<void> {
    return this.writeChanges({ putNotificationLog: entries });
  }

  deleteNotificationLog(keys: readonly string[]): Promise<void> {
    return this.writeChanges({ deleteNotificationLog: keys });
  }

  /** Deletes the entries with expiresAt <= now; resolves to how many. */
  deleteExpiredNotificationLog(now: number): Promise<number> {
    return this.write(() => this.connection.run('DELETE FROM notification_log WHERE expires_at <= ?', [now]));
  }

  getNotificationLogEntry(key: string): NotificationLogEntry | undefined {
    const row = this.read(() => this.connection.get('SELECT entry FROM notification_log WHERE key = ?', [key]));
    return row && this.decode('notification log entry', key, () => decodeNotificationLogEntry(String(row['entry'])));
  }

  /** Every entry, by key. */
  listNotificationLog(): NotificationLogEntry[] {
    const rows = this.read(() => this.connection.all('SELECT key, entry FROM notification_log ORDER BY key'));
    return rows.map((row) =>
      this.decode('notification log entry', String(row['key']), () => decodeNotificationLogEntry(String(row['entry']))),
    );
  }

  // History: append-only events.

  appendHistory(events: readonly HistoryEvent[]): Promise<void> {
    return this.writeChanges({ history: events });
  }

  queryHistory(query: HistoryQuery = {}): StoredHistoryEvent[] {
    const rows = this.read(() => this.history.query(query));
    return rows.map((row) => this.decode('history event', String(row['id']), () => decodeHistoryRow(row)));
  }

  /** Deletes the events before `before` (ms); resolves to how many. */
  pruneHistory(before: number): Promise<number> {
    return this.write(() => this.history.prune(before));
  }

  // Several kinds at once.

  /** Makes all the changes as one write, atomic on its own: puts and deletes, then history. */
  writeChanges(changes: StoreChanges): Promise<void> {
    const written = this.write(() => {
      if (changes.putAlerts?.length) this.alerts.put(changes.putAlerts);
      if (changes.deleteAlerts?.length) this.alerts.delete(changes.deleteAlerts);
      for (const silence of changes.putSilences ?? []) {
        this.connection.run('INSERT OR REPLACE INTO silences (id, record) VALUES (?, ?)', [silence.id, encodeSilence(silence)]);
      }
      for (const id of changes.deleteSilences ?? []) this.connection.run('DELETE FROM silences WHERE id = ?', [id]);
      for (const entry of changes.putNotificationLog ?? []) {
        this.connection.run('INSERT OR REPLACE INTO notification_log (key, entry, expires_at) VALUES (?, ?, ?)', [
          notificationLogKey(entry),
          encodeNotificationLogEntry(entry),
          entry.expiresAt,
        ]);
      }
      for (const key of changes.deleteNotificationLog ?? []) this.connection.run('DELETE FROM notification_log WHERE key = ?', [key]);
      if (changes.history?.length) this.history.append(changes.history);
    });
    this.compactAlertsIfDue();
    this.mergeHistoryIfDue();
    return written;
  }

  // The file as a whole.

  /** Commits every write made so far now, instead of on the next turn of the event loop. */
  flush(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.commits.flush();
  }

  /** SQLite's integrity check: an empty list when the file is sound, else what is wrong. */
  checkIntegrity(): string[] {
    const rows = this.read(() => this.connection.all('PRAGMA integrity_check'));
    const messages = rows.map((row) => String(Object.values(row)[0]));
    return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
  }

  /** Commits pending writes, closes the file and releases the storage path. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleUpkeep);
    void this.commits.flush().catch(() => {
      // The writers' own promises carry the failure.
    });
    this.commits.stop();
    try {
      this.connection.close();
    } finally {
      this.releaseLock();
    }
  }

  /**
   * Once writes have paused for IDLE_UPKEEP_MS: merges recent history events, or else checkpoints
   * (copies the WAL into the database and fsyncs both), work that would otherwise lengthen the
   * commits of a burst of writes. A merge is a write, whose commit starts the wait again.
   * The wait is real time, not the injected clock's: it is about the disk being idle, and no
   * alerting decision depends on when it runs.
   */
  private upkeepWhenIdle(): void {
    if (this.idleUpkeep) {
      this.idleUpkeep.refresh();
      return;
    }
    this.idleUpkeep = setTimeout(() => {
      this.idleUpkeep = undefined;
      if (this.closed || this.connection.inTransaction) return;
      if (this.history.recentEvents > 0) {
        this.mergeHistory();
        return;
      }
      try {
        this.connection.checkpoint();
      } catch {
        // SQLite checkpoints by itself later; a failing file shows in the next write.
      }
    }, IDLE_UPKEEP_MS);
    this.idleUpkeep.unref();
  }

  /** Merges recent history events when too many wait for a pause in the writes. */
  private mergeHistoryIfDue(): void {
    if (this.history.needsMerge()) this.mergeHistory();
  }

  /** Moves recent history events under the indexes, at most once per transaction. */
  private mergeHistory(): void {
    if (this.mergeQueued || this.closed) return;
    this.mergeQueued = true;
    this.write(() => this.history.merge())
      .catch(() => {
        // Retried with a later write; the writes it rode with report their own failures.
      })
      .finally(() => (this.mergeQueued = false));
  }

  /** Deletes a chunk of superseded alert rows, at most once per transaction, when enough have piled up. */
  private compactAlertsIfDue(): void {
    if (this.compactionQueued || this.closed || !this.alerts.needsCompaction()) return;
    this.compactionQueued = true;
    this.write(() => this.alerts.compact(COMPACTION_CHUNK))
      .catch(() => {
        // Compaction is retried with a later write; the writes it rode with report their own failures.
      })
      .finally(() => (this.compactionQueued = false));
  }

  private write<T>(apply: () => T): Promise<T> {
    if (this.closed) return Promise.reject(this.closedError());
    return this.commits.write(apply);
  }

  private read<T>(query: () => T): T {
    if (this.closed) throw this.closedError();
    try {
      return query();
    } catch (error) {
      throw this.toError(error);
    }
  }

  /** SQLite's failures become StoreErrors; others (a record that cannot be serialised) pass through. */
  private toError(error: unknown): Error {
    if (isSqliteError(error)) return translateSqliteError(error, this.file);
    return error instanceof Error ? error : new Error(String(error));
  }

  private decode<T>(what: string, key: string, decode: () => T): T {
    try {
      return decode();
    } catch (error) {
      throw new StoreError('corrupt', this.file, `${this.file}: cannot read ${what} ${JSON.stringify(key)}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  private closedError(): StoreError {
    return new StoreError('closed', this.file, `store ${this.file} is closed`);
  }
}

/** Creates the storage directory if needed; returns its real path. */
function prepareDirectory(storagePath: string): string {
  const directory = resolve(storagePath);
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way' : (error as Error).message;
    throw new StoreError('unwritable', directory, `cannot create storage path ${directory}: ${reason}`, { cause: error });
  }
  if (!statSync(directory).isDirectory()) {
    throw new StoreError('unwritable', directory, `storage path ${directory} is not a directory`);
  }
  return realpathSync(directory);
}
