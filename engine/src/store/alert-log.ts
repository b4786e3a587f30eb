/**
 * Alerts as an append-only log: every put appends the alert's record, every delete a tombstone, and
 * an in-memory map keeps which row is current for each fingerprint. Appending writes only the pages
 * at the end of the table, where a table keyed by fingerprint would rewrite a random page for each
 * alert (Prometheus re-sends every firing alert each evaluation). Rows no longer current are
 * deleted later, oldest first, a chunk at a time.
 */
import type { StoredAlert } from '../alertmanager/model.js';
import { encodeAlert } from './records.js';
import { transientUtf8, type SqliteConnection } from './sqlite.js';

/** Compact once at least this many rows are dead and they are at least as many as the live ones. */
const COMPACTION_THRESHOLD = 1_000;

export class AlertLog {
  /** Fingerprint → seq of its current row. */
  private readonly latest = new Map<string, number>();
  /** Seqs of rows that are not current: superseded records and tombstones. */
  private dead: number[] = [];

  constructor(private readonly connection: SqliteConnection) {
    this.reload();
  }

  /** Rebuilds the map from the table as this connection sees it (after a rollback, say). */
  reload(): void {
    this.latest.clear();
    this.dead = [];
    for (const row of this.connection.all('SELECT seq, fingerprint, record IS NULL AS gone FROM alert_log ORDER BY seq')) {
      const seq = Number(row['seq']);
      const fingerprint = String(row['fingerprint']);
      this.forget(fingerprint);
      if (row['gone']) this.dead.push(seq);
      else this.latest.set(fingerprint, seq);
    }
  }

  get size(): number {
    return this.latest.size;
  }

  put(alerts: readonly StoredAlert[]): void {
    const records = alerts.map(encodeAlert);
    alerts.forEach(({ fingerprint }, i) => {
      const record = transientUtf8(records[i]!);
      const seq = this.connection.insert('INSERT INTO alert_log (fingerprint, record) VALUES (?, CAST(? AS TEXT))', [fingerprint, record]);
      this.forget(fingerprint);
      this.latest.set(fingerprint, seq);
    });
  }

  delete(fingerprints: readonly string[]): void {
    for (const fingerprint of fingerprints) {
      if (!this.latest.has(fingerprint)) continue;
      const seq = this.connection.insert('INSERT INTO alert_log (fingerprint, record) VALUES (?, NULL)', [fingerprint]);
      this.forget(fingerprint);
      this.dead.push(seq);
    }
  }

  get(fingerprint: string): string | undefined {
    const seq = this.latest.get(fingerprint);
    if (seq === undefined) return undefined;
    const row = this.connection.get('SELECT record FROM alert_log WHERE seq = ?', [seq]);
    return row === undefined ? undefined : String(row['record']);
  }

  /** The current record of every alert, by fingerprint. */
  list(): { fingerprint: string; record: string }[] {
    const current: { fingerprint: string; record: string }[] = [];
    for (const row of this.connection.all('SELECT seq, fingerprint, record FROM alert_log WHERE record IS NOT NULL')) {
      const fingerprint = String(row['fingerprint']);
      if (this.latest.get(fingerprint) === Number(row['seq'])) current.push({ fingerprint, record: String(row['record']) });
    }
    return current.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  }

  needsCompaction(): boolean {
    return this.dead.length >= COMPACTION_THRESHOLD && this.dead.length >= this.latest.size;
  }

  /**
   * Deletes up to `maxRows` dead rows, oldest first. Any prefix of them is safe to delete: a
   * tombstone is the newest row of its fingerprint, so it goes only after the rows it hides.
   */
  compact(maxRows: number): number {
    this.dead.sort((a, b) => a - b);
    const chunk = this.dead.splice(0, maxRows);
    for (const seq of chunk) this.connection.run('DELETE FROM alert_log WHERE seq = ?', [seq]);
    return chunk.length;
  }

  /** Marks the current row of `fingerprint`, if any, as dead. */
  private forget(fingerprint: string): void {
    const previous = this.latest.get(fingerprint);
    if (previous === undefined) return;
    this.dead.push(previous);
    this.latest.delete(fingerprint);
  }
}
