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

export function historySelect(query: HistoryQuery): { sql: string; parameters: Parameter[] } {
  const conditions: string[] = [];
  const parameters: Parameter[] = [];
  const where = (condition: string, ...values: Parameter[]) => {
    conditions.push(condition);
    parameters.push(...values);
  };
  if (query.fingerprint !== undefined) where('fingerprint = ?', query.fingerprint);
  if (query.silenceId !== undefined) where('silence_id = ?', query.silenceId);
  if (query.from !== undefined) where('at >= ?', query.from);
  if (query.to !== undefined) where('at < ?', query.to);
  if (query.kinds !== undefined) {
    where(`kind IN (${query.kinds.map(() => '?').join(', ') || 'NULL'})`, ...query.kinds);
  }
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  parameters.push(query.limit === undefined ? -1 : Math.max(0, Math.floor(query.limit)));
  const sql =
    'SELECT id, at, kind, fingerprint, silence_id, data FROM history' +
    (conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '') +
    ` ORDER BY at ${direction}, id ${direction} LIMIT ?`;
  return { sql, parameters };
}
