/**
 * Reads series from JSON in the shape of Prometheus's query API results, so that the output of
 * `curl .../api/v1/query_range` (or `/api/v1/query` with a range selector) loads as it is:
 *
 *     {"status": "success", "data": {"resultType": "matrix", "result": [
 *       {"metric": {"__name__": "up", "job": "api"}, "values": [[1704067200, "1"], [1704067260, "0"]]}]}}
 *
 * The whole response, its `data`, or the bare `result` list are accepted; instant results with
 * `value` instead of `values` too. Times are Unix seconds, values strings as the API writes them.
 */
import { problem, type Problem } from '../errors.js';
import { jsonErrorOffset } from '../text/json-error-offset.js';
import { inFile } from '../file-problem.js';
import { Labels } from '../labels/labels.js';
import type { TextRange } from '../promql/ast.js';
import { TimeSpan, type LoadedSeries } from './loaded-series.js';
import { MemoryStore } from './memory-store.js';
import { parseSampleValue } from './sample-text.js';

export function loadJsonSeriesFile(text: string, file: string, store = new MemoryStore()): LoadedSeries {
  const problems: Problem[] = [];
  const span = new TimeSpan();
  const whole = { start: 0, end: Math.max(1, text.length) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const at = jsonErrorOffset(text);
    problems.push(problem(`invalid JSON: ${(e as Error).message}`, { start: at, end: at + 1 }, 'series'));
  }
  if (parsed !== undefined) {
    const result = resultList(parsed);
    if (!result) problems.push(problem('expected a query API response, its "data", or a "result" list of series', whole, 'series'));
    else result.forEach((entry, i) => loadEntry(entry, i, store, span, problems, whole));
  }
  return { store, ...span.bounds(), times: 'absolute', problems: problems.map((p) => inFile(file, p)) };
}

function resultList(parsed: unknown): unknown[] | undefined {
  if (Array.isArray(parsed)) return parsed;
  const object = parsed as { data?: { result?: unknown }; result?: unknown } | null;
  const result = object?.data?.result ?? object?.result;
  return Array.isArray(result) ? result : undefined;
}

function loadEntry(entry: unknown, index: number, store: MemoryStore, span: TimeSpan, problems: Problem[], range: TextRange): void {
  const fail = (message: string) => problems.push(problem(`series ${index + 1}: ${message}`, range, 'series'));
  const { metric, values, value, histograms, histogram } = (entry ?? {}) as Record<string, unknown>;
  if (histograms !== undefined || histogram !== undefined) return void fail('native histograms are not supported');
  if (typeof metric !== 'object' || metric === null || Object.values(metric).some((v) => typeof v !== 'string')) {
    return void fail('"metric" must be an object of label names to string values');
  }
  const points = values ?? (value === undefined ? undefined : [value]);
  if (!Array.isArray(points)) return void fail('expected "values" (a list of [time, "value"]) or "value"');
  const labels = Labels.from(metric as Record<string, string>);
  for (const point of points) {
    const [time, text] = Array.isArray(point) ? point : [];
    const v = typeof text === 'string' ? parseSampleValue(text) : undefined;
    if (typeof time !== 'number' || !Number.isFinite(time) || v === undefined) {
      return void fail(`invalid sample ${JSON.stringify(point)}: expected [unix seconds, "value"]`);
    }
    const t = Math.round(time * 1000);
    store.append(labels, t, v);
    span.add(t);
  }
}
