/** Times in simulation output: offsets such as `34m` for series counted from 0, RFC 3339 dates for real ones. */
import { formatDurationMs } from '../promql/duration.js';
import { formatRfc3339 } from '../series/sample-text.js';

export interface SimulationSpan {
  startMs: number;
  endMs: number;
  seriesCount: number;
  times: 'relative' | 'absolute';
}

export function formatSimulationTime(ms: number, times: SimulationSpan['times']): string {
  return times === 'absolute' ? formatRfc3339(ms) : formatDurationMs(ms);
}
