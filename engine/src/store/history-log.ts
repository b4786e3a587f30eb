/**
 * History in two tables. New events are appended to `history_recent`, which has no index but its
 * id; once it holds `mergeThreshold` events they are moved into `history`, with its indexes on
 * time, fingerprint and silence, in one statement. The fingerprint index takes inserts at random
 * places (fingerprints are hashes): one at a time, every commit rewrote a page of it per event,
 * while a merge rewrites each page at most once for thousands of events. Queries read both
 * tables, so an event can be found by fingerprint as soon as it is written; `history_recent`
 * is small enough to scan.
 *
 * Ids are given here, from one sequence for both tables, so that events keep the order they
 * were written in when they move.
 */
import type { HistoryEvent } from '../alertmanager/model.js';
import { historySelect, type HistoryQuery } from './history-query.js';
import { historyParameters } from './records.js';
import type { Row, SqliteConnection } from './sqlite.js';

/** Events kept in `history_recent` before they are moved into `history`. */
export const HISTORY_MERGE_THRESHOLD = 10_000;

const COLUMNS = 'id, at, kind, fingerprint, silence_id, data';

export class HistoryLog {
  private nextId = 1;
  private recent = 0;

  constructor(
    private readonly connection: SqliteConnection,
    private readonly mergeThreshold = HISTORY_MERGE_THRESHOLD,
  ) {
    this.reload();
  }

  /** Rereads the next id and the size of `history_recent` (after a rollback, say). */
  reload(): void {
    const last = this.connection.get(
      'SELECT max(coalesce((SELECT max(id) FROM history), 0), coalesce((SELECT max(id) FROM history_recent), 0)) AS id',
    );
    this.nextId = Number(last?.['id'] ?? 0) + 1;
    this.recent = Number(this.connection.get('SELECT count(*) AS n FROM history_recent')?.['n'] ?? 0);
  }

  append(events: readonly HistoryEvent[]): void {
    for (const event of events) {
      this.connection.run(`INSERT INTO history_recent (${COLUMNS}) VALUES (?, ?, ?, ?, ?, CAST(? AS TEXT))`, [
        this.nextId,
        ...historyParameters(event),
      ]);
      this.nextId++;
      this.recent++;
    }
  }

  needsMerge(): boolean {
    return this.recent >= this.mergeThreshold;
  }

  /** Moves every event of `history_recent` into `history`. */
  merge(): void {
    this.connection.run(`INSERT INTO history (${COLUMNS}) SELECT ${COLUMNS} FROM history_recent ORDER BY id`);
    this.connection.run('DELETE FROM history_recent');
    this.recent = 0;
  }

  query(query: HistoryQuery): Row[] {
    const { sql, parameters } = historySelect(query, ['history', 'history_recent']);
    return this.connection.all(sql, parameters);
  }

  /** Deletes the events before `before` (ms); returns how many. */
  prune(before: number): number {
    const merged = this.connection.run('DELETE FROM history WHERE at < ?', [before]);
    const recent = this.connection.run('DELETE FROM history_recent WHERE at < ?', [before]);
    this.recent -= recent;
    return merged + recent;
  }
}
