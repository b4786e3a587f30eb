/**
 * Reads a text file of series in the notation of promqltest `load` blocks, one series a line:
 *
 *     # comments and blank lines are ignored
 *     load 30s                      (optional: the interval of the lines that follow; default 1m)
 *       up{job="api"} 1x30 0x9 1x19
 *       http_requests_total{code="500"} 0+5x20 _ stale
 *
 * Value i of every line is at `i * interval` from time 0.
 */
import { KlaxonError, problem, type Problem } from '../errors.js';
import { inFile } from '../file-problem.js';
import { tryParseDuration } from '../promql/duration.js';
import { TimeSpan, type LoadedSeries } from './loaded-series.js';
import { MemoryStore } from './memory-store.js';
import { loadSeriesLine, parseSeriesLine, type SeriesLine } from './notation.js';

const DEFAULT_INTERVAL_MS = 60_000;
const LOAD = /^(\s*)load(\s+)(\S+)\s*$/;

export function loadNotationFile(text: string, file: string, store = new MemoryStore()): LoadedSeries {
  const problems: Problem[] = [];
  const span = new TimeSpan();
  let intervalMs = DEFAULT_INTERVAL_MS;
  let lineStart = 0;
  for (const rawLine of text.split('\n')) {
    const start = lineStart;
    lineStart += rawLine.length + 1;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const load = LOAD.exec(line);
    if (load) {
      const durationStart = start + load[1]!.length + 4 + load[2]!.length;
      const parsed = tryParseDuration(load[3]!);
      if (parsed.error !== undefined || parsed.ms <= 0) {
        problems.push(problem(`invalid interval after "load": ${parsed.error ?? 'must be positive'}`, { start: durationStart, end: durationStart + load[3]!.length }, 'series'));
      } else intervalMs = parsed.ms;
      continue;
    }
    const series = parseLine(line, start, problems);
    if (series) appendLine(store, series, intervalMs, span);
  }
  return { store, ...span.bounds(), times: 'relative', problems: problems.map((p) => inFile(file, p)) };
}

function parseLine(line: string, offset: number, problems: Problem[]): SeriesLine | undefined {
  try {
    return parseSeriesLine(line);
  } catch (e) {
    if (!(e instanceof KlaxonError)) throw e;
    for (const p of e.problems) problems.push({ ...p, range: { start: p.range.start + offset, end: p.range.end + offset } });
    return undefined;
  }
}

function appendLine(store: MemoryStore, series: SeriesLine, intervalMs: number, span: TimeSpan): void {
  if (loadSeriesLine(store, series, 0, intervalMs) === 0) return;
  let last = series.values.length - 1;
  while (series.values[last] === undefined) last--;
  span.add(series.values.findIndex((v) => v !== undefined) * intervalMs);
  span.add(last * intervalMs);
}
