/** Selecting history events: by alert, silence, time range and kind, newest or oldest first. */
import type { HistoryKind } from '../alertmanager/model.js';
import type { Parameter } from './sqlite.js';

export interface HistoryQuery {
  /** Only events about this alert. */
  fingerprint?: string;
  /** Only events about this silence. */
  silenceId?: string;
  /** Only events at or after this time (ms). */
  from?: number;
  /** Only events before this time (ms). */
  to?: number;
  /** Only events of these kinds. */
  kinds?: readonly HistoryKind[];
  /** At most this many events; all when unset. */
  limit?: number;
  /** `desc` (the default): newest first, so a limit keeps the latest; `asc`: oldest first. */
  order?: 'asc' | 'desc';
}

interface Condition {
  sql: string;
  parameters: Parameter[];
}

/**
 * The SELECT for a query over both history tables (see history-log.ts): the merged events of
 * `history`, under its indexes, and the recent ones of `history_recent`, whose rows are first
 * chosen by time and kind (each row's events share both) and then taken apart. Each part is
 * ordered and limited on its own, then the two are merged, ordered and limited again.
 */
export function historySelect(query: HistoryQuery): { sql: string; parameters: Parameter[] } {
  const rowConditions: Condition[] = [];
  if (query.from !== undefined) rowConditions.push({ sql: 'at >= ?', parameters: [query.from] });
  if (query.to !== undefined) rowConditions.push({ sql: 'at < ?', parameters: [query.to] });
  if (query.kinds !== undefined) {
    rowConditions.push({ sql: `kind IN (${query.kinds.map(() => '?').join(', ') || 'NULL'})`, parameters: [...query.kinds] });
  }
  // Per event: in `history` its columns, in a recent row's events its entries 0 and 1.
  const eventConditions = (fingerprint: string, silenceId: string): Condition[] => [
    ...(query.fingerprint === undefined ? [] : [{ sql: `${fingerprint} = ?`, parameters: [query.fingerprint] }]),
    ...(query.silenceId === undefined ? [] : [{ sql: `${silenceId} = ?`, parameters: [query.silenceId] }]),
  ];

  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  const limit = query.limit === undefined ? -1 : Math.max(0, Math.floor(query.limit));
  const order = ` ORDER BY at ${direction}, id ${direction} LIMIT ?`;
  const parameters: Parameter[] = [];
  const where = (conditions: readonly Condition[]) => {
    for (const condition of conditions) parameters.push(...condition.parameters);
    return conditions.length === 0 ? '' : ` WHERE ${conditions.map((c) => c.sql).join(' AND ')}`;
  };

  const merged = `SELECT ${COLUMNS} FROM history${where([...rowConditions, ...eventConditions('fingerprint', 'silence_id')])}${order}`;
  parameters.push(limit);
  const recentEventConditions = eventConditions('e.value->>0', 'e.value->>1');
  // Without conditions on the events, the first `limit` rows hold the first `limit` events.
  const rows = `SELECT id, at, kind, events FROM history_recent${where(rowConditions)}${order}`;
  parameters.push(recentEventConditions.length === 0 ? limit : -1);
  const recent =
    'SELECT r.id + e.key AS id, r.at AS at, r.kind AS kind, e.value->>0 AS fingerprint, e.value->>1 AS silence_id, e.value->>2 AS data' +
    ` FROM (${rows}) AS r, json_each(r.events) AS e${where(recentEventConditions)}${order}`;
  parameters.push(limit, limit);
  return { sql: `SELECT * FROM (${merged}) UNION ALL SELECT * FROM (${recent})${order}`, parameters };
}

const COLUMNS = 'id, at, kind, fingerprint, silence_id, data';
