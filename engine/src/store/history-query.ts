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

/**
 * The SELECT for a query over one or more tables of history events (`history` and
 * `history_recent`): each table's matching events ordered and limited on their own, so that
 * each can use its indexes, then merged, ordered and limited again.
 */
export function historySelect(query: HistoryQuery, tables: readonly string[] = ['history']): { sql: string; parameters: Parameter[] } {
  const conditions: string[] = [];
  const values: Parameter[] = [];
  const where = (condition: string, ...parameters: Parameter[]) => {
    conditions.push(condition);
    values.push(...parameters);
  };
  if (query.fingerprint !== undefined) where('fingerprint = ?', query.fingerprint);
  if (query.silenceId !== undefined) where('silence_id = ?', query.silenceId);
  if (query.from !== undefined) where('at >= ?', query.from);
  if (query.to !== undefined) where('at < ?', query.to);
  if (query.kinds !== undefined) {
    where(`kind IN (${query.kinds.map(() => '?').join(', ') || 'NULL'})`, ...query.kinds);
  }
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  const limit = query.limit === undefined ? -1 : Math.max(0, Math.floor(query.limit));
  const order = ` ORDER BY at ${direction}, id ${direction} LIMIT ?`;
  const filter = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  const select = (table: string) => `SELECT ${COLUMNS} FROM ${table}${filter}${order}`;
  const parameters: Parameter[] = [];
  for (let i = 0; i < tables.length; i++) parameters.push(...values, limit);
  if (tables.length === 1) return { sql: select(tables[0]!), parameters };
  parameters.push(limit);
  const sql = tables.map((table) => `SELECT * FROM (${select(table)})`).join(' UNION ALL ') + order;
  return { sql, parameters };
}

const COLUMNS = 'id, at, kind, fingerprint, silence_id, data';
