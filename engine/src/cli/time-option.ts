/**
 * Times on the command line: an RFC 3339 date, Unix seconds, `now`, `now-6h` / `now+5m`, or a
 * duration counted from the first sample of a series file.
 */
import { tryParseDuration } from '../promql/duration.js';
import { parseTimestamp } from '../series/sample-text.js';
import { UsageError } from './subcommand.js';

export interface TimeBases {
  nowMs: number;
  /** Where a bare duration counts from; undefined when there is no series file. */
  dataStartMs?: number;
}

export function parseTimeOption(text: string, flag: string, bases: TimeBases): number {
  const relative = /^now(?:([+-])(.+))?$/.exec(text);
  if (relative) {
    if (!relative[1]) return bases.nowMs;
    const sign = relative[1] === '-' ? -1 : 1;
    return bases.nowMs + sign * durationMs(relative[2]!, flag);
  }
  const absolute = parseTimestamp(text);
  if (absolute !== undefined) return absolute;
  const offset = tryParseDuration(text);
  if (offset.error !== undefined) throw new UsageError(`${flag}: expected a date (RFC 3339), Unix seconds, now-DURATION or a duration, got ${JSON.stringify(text)}`);
  if (bases.dataStartMs === undefined) throw new UsageError(`${flag}: a bare duration counts from the first sample of --series; use now-${text} or a date`);
  return bases.dataStartMs + offset.ms;
}

export function durationMs(text: string, flag: string): number {
  const parsed = tryParseDuration(text);
  if (parsed.error !== undefined) throw new UsageError(`${flag}: ${parsed.error}`);
  return parsed.ms;
}
