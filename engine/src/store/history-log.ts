/**
 * History in two tables. New events go to `history_recent`, one row per run of events with the
 * same time and kind (the alerts of one request, say): the row's id is the first event's, and
 * `events` a JSON array of `[fingerprint, silenceId, data]`, so a request writes one row where it
 * would write one per alert. `history` holds one row per event under indexes on time,
 * fingerprint and silence. The fingerprint index takes inserts at random places (fingerprints
 * are hashes), which cost a page rewrite per event when made one commit at a time; merge()
 * moves all recent events into `history` in one statement, which rewrites each page at most
 * once. The store merges when writes pause, or once MERGE_CAP events are waiting. Queries read
 * both tables, so an event is found by fingerprint as soon as it is written.
 *
 * Ids are given here, from one sequence for both tables, so that events keep the order they
 * were written in when they move.
 */
import type { HistoryEvent } from '../alertmanager/model.js';
import { historySelect, type HistoryQuery } from './history-query.js';
import { transientUtf8, type Row, type SqliteConnection } from './sqlite.js';

/** Recent events after which a write merges them at once, without waiting for a pause. */
export const MERGE_CAP = 200_000;

/** `history_recent` as one row per event, with the columns of `history`. */
const RECENT_EVENTS = `(SELECT r.id + e.key AS id, r.at AS at, r.kind AS kind, e.value->>0 AS fingerprint,
  e.value->>1 AS silence_id, e.value->>2 AS data FROM history_recent AS r, json_each(r.events) AS e)`;

const COLUMNS = 'id, at, kind, fingerprint, silence_id, data';

export class HistoryLog {
  private nextId = 1;
  private recent = 0;

  constructor(
    private readonly connection: SqliteConnection,
    private readonly mergeCap = MERGE_CAP,
  ) {
    this.reload();
  }

  /** Rereads the next id and the number of recent events (after a rollback, say). */
  reload(): void {
    const row = this.connection.get(
      `SELECT max(coalesce((SELECT max(id) FROM history), 0),
                  coalesce((SELECT max(id + json_array_length(events) - 1) FROM history_recent), 0)) AS id,
         (SELECT coalesce(sum(json_array_length(events)), 0) FROM history_recent) AS recent`,
    );
    this.nextId = Number(row?.['id'] ?? 0) + 1;
    this.recent = Number(row?.['recent'] ?? 0);
  }

  /** How many events wait in `history_recent`. */
  get recentEvents(): number {
    return this.recent;
  }

  /** Appends the events; throws (writing nothing) if an event's data cannot be serialised. */
  append(events: readonly HistoryEvent[]): void {
    const rows: { at: number; kind: string; events: unknown[] }[] = [];
    for (const event of events) {
      const last = rows[rows.length - 1];
      const entry = [event.fingerprint ?? null, event.silenceId ?? null, event.data ?? null];
      if (last && last.at === event.at && last.kind === event.kind) last.events.push(entry);
      else rows.push({ at: event.at, kind: event.kind, events: [entry] });
    }
    const texts = rows.map((row) => JSON.stringify(row.events));
    rows.forEach((row, i) => {
      this.connection.run('INSERT INTO history_recent (id, at, kind, events) VALUES (?, ?, ?, CAST(? AS TEXT))', [
        this.nextId,
        row.at,
        row.kind,
        transientUtf8(texts[i]!),
      ]);
      this.nextId += row.events.length;
      this.recent += row.events.length;
    });
  }

  /** Whether so many events wait that a write should merge them without waiting for a pause. */
  needsMerge(): boolean {
    return this.recent >= this.mergeCap;
  }

  /** Moves every recent event into `history`. */
  merge(): void {
    if (this.recent === 0) return;
    this.connection.run(`INSERT INTO history (${COLUMNS}) SELECT ${COLUMNS} FROM ${RECENT_EVENTS} ORDER BY id`);
    this.connection.run('DELETE FROM history_recent');
    this.recent = 0;
  }

  query(query: HistoryQuery): Row[] {
    const { sql, parameters } = historySelect(query);
    return this.connection.all(sql, parameters);
  }

  /** Deletes the events before `before` (ms), merging the recent ones first; returns how many. */
  prune(before: number): number {
    this.merge();
    return this.connection.run('DELETE FROM history WHERE at < ?', [before]);
  }
}
