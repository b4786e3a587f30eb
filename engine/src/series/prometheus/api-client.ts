/**
 * A client of Prometheus's HTTP query API (also served by Thanos, Mimir, VictoriaMetrics):
 * `/api/v1/query`, `/api/v1/query_range`, `/api/v1/series` and `/api/v1/labels`, with Node's
 * global `fetch`. Requests are POSTed as forms, so long selectors do not hit URL limits.
 */
import { Labels } from '../../labels/labels.js';
import { formatUnixSeconds, parseSampleValue } from '../sample-text.js';

export interface ApiSeries {
  labels: Labels;
  /** Sample times (ms) and values, in time order. */
  ts: number[];
  vs: number[];
}

export interface PrometheusApiOptions {
  /** Extra request headers, e.g. an `Authorization` header or a Mimir `X-Scope-OrgID`. */
  headers?: Record<string, string>;
  /** Per-request timeout. Default 2 minutes. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** One entry of `/api/v1/metadata`. */
export interface MetricMetadata {
  type: string;
  help: string;
  unit: string;
}

/** The server answered with an error, or not as the API should. */
export class PrometheusApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrometheusApiError';
  }
}

export class PrometheusApi {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly options: PrometheusApiOptions = {},
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  /** An instant query; a range selector (`x[1h]`) returns the raw samples of its window. */
  async query(query: string, timeMs: number): Promise<ApiSeries[]> {
    const data = await this.call('/api/v1/query', { query, time: formatUnixSeconds(timeMs) });
    return seriesOf(data);
  }

  async queryRange(query: string, startMs: number, endMs: number, stepMs: number): Promise<ApiSeries[]> {
    const data = await this.call('/api/v1/query_range', {
      query,
      start: formatUnixSeconds(startMs),
      end: formatUnixSeconds(endMs),
      step: formatUnixSeconds(stepMs),
    });
    return seriesOf(data);
  }

  /** The label sets of the series that match any of the selectors within the span. */
  async series(selectors: readonly string[], startMs: number, endMs: number): Promise<Labels[]> {
    const data = await this.call('/api/v1/series', { 'match[]': selectors, start: formatUnixSeconds(startMs), end: formatUnixSeconds(endMs) });
    if (!Array.isArray(data)) throw new PrometheusApiError('/api/v1/series: expected a list of label sets');
    return data.map((labels) => Labels.from(labels as Record<string, string>));
  }

  /** The label names in use within the span, optionally only on series matching the selectors. */
  async labelNames(startMs: number, endMs: number, selectors: readonly string[] = []): Promise<string[]> {
    const data = await this.call('/api/v1/labels', { 'match[]': selectors, start: formatUnixSeconds(startMs), end: formatUnixSeconds(endMs) });
    if (!Array.isArray(data) || data.some((n) => typeof n !== 'string')) throw new PrometheusApiError('/api/v1/labels: expected a list of names');
    return data as string[];
  }

  /** The values of a label. The endpoint answers GET only. */
  async labelValues(name: string): Promise<string[]> {
    const data = await this.call(`/api/v1/label/${encodeURIComponent(name)}/values`, {}, 'GET');
    if (!Array.isArray(data) || data.some((v) => typeof v !== 'string')) throw new PrometheusApiError('/api/v1/label/<name>/values: expected a list of values');
    return data as string[];
  }

  /** The metadata of every metric: type, help and unit, per metric name. The endpoint answers GET only. */
  async metadata(): Promise<Record<string, MetricMetadata[]>> {
    const data = await this.call('/api/v1/metadata', {}, 'GET');
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new PrometheusApiError('/api/v1/metadata: expected metadata by metric name');
    return data as Record<string, MetricMetadata[]>;
  }

  private async call(path: string, params: Record<string, string | readonly string[]>, method: 'GET' | 'POST' = 'POST'): Promise<unknown> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      for (const v of typeof value === 'string' ? [value] : value) body.append(name, v);
    }
    const query = method === 'GET' && body.size > 0 ? `?${body}` : '';
    const url = this.base + path + query;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method,
        headers: { ...(method === 'POST' && { 'Content-Type': 'application/x-www-form-urlencoded' }), Accept: 'application/json', ...this.options.headers },
        ...(method === 'POST' && { body }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 120_000),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new PrometheusApiError(`cannot reach ${url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
    }
    const text = await response.text();
    let json: { status?: string; data?: unknown; error?: string; errorType?: string };
    try {
      json = JSON.parse(text);
    } catch {
      throw new PrometheusApiError(`${url}: HTTP ${response.status}, not a query API response: ${text.slice(0, 200)}`);
    }
    if (json.status !== 'success') {
      throw new PrometheusApiError(`${url}: ${json.errorType ?? `HTTP ${response.status}`}: ${json.error ?? 'request failed'}`);
    }
    return json.data;
  }
}

interface ApiData {
  resultType?: string;
  result?: { metric?: Record<string, string>; values?: [number, string][]; value?: [number, string] }[];
}

function seriesOf(data: unknown): ApiSeries[] {
  const { resultType, result } = (data ?? {}) as ApiData;
  if (resultType === 'scalar' || resultType === 'string') throw new PrometheusApiError(`expected series, the query returned a ${resultType}`);
  if (!Array.isArray(result)) throw new PrometheusApiError('expected a "result" list in the response');
  return result.map((entry) => {
    const points = entry.values ?? (entry.value ? [entry.value] : []);
    const ts: number[] = [];
    const vs: number[] = [];
    for (const [time, text] of points) {
      const v = parseSampleValue(text);
      if (v === undefined) throw new PrometheusApiError(`invalid sample value ${JSON.stringify(text)}`);
      ts.push(Math.round(time * 1000));
      vs.push(v);
    }
    return { labels: Labels.from(entry.metric ?? {}), ts, vs };
  });
}
