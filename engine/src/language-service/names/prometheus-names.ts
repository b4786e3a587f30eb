/**
 * Names and metadata from a Prometheus server (`klaxon.prometheus.url`): label names, the values
 * of a label (metric names are those of `__name__`) and metric metadata, each fetched when first
 * needed and kept for a while. Answers never wait long: what has not arrived in time is offered on
 * a later request.
 */
import type { Clock } from '../../clock.js';
import { PrometheusApi, type MetricMetadata } from '../../series/prometheus/api-client.js';

export type { MetricMetadata };

/** Fetches Prometheus's API; tests pass a fake. */
export type FetchApi = typeof fetch;

const KEEP_MS = 5 * 60_000;
const RETRY_AFTER_FAILURE_MS = 30_000;
/** How long a request waits for names not yet fetched. */
export const DEFAULT_WAIT_MS = 1_000;
const LABEL_WINDOW_MS = 24 * 3_600_000;

interface Cached<T> {
  value?: T;
  fetchedAt: number;
  pending?: Promise<void>;
}

export class PrometheusNames {
  private api: PrometheusApi | undefined;
  private url: string | undefined;
  private labels: Cached<string[]> = { fetchedAt: -Infinity };
  private metadataByMetric: Cached<Record<string, MetricMetadata[]>> = { fetchedAt: -Infinity };
  private readonly values = new Map<string, Cached<string[]>>();
  /** The last failure, for the log. */
  lastError: string | undefined;

  constructor(
    private readonly fetchApi: FetchApi | undefined,
    private readonly clock: Clock,
  ) {}

  setUrl(url: string | undefined): void {
    const normalized = url?.trim() || undefined;
    if (normalized === this.url) return;
    this.url = normalized;
    this.api = normalized ? new PrometheusApi(normalized, { ...(this.fetchApi && { fetch: this.fetchApi }), timeoutMs: 10_000 }) : undefined;
    this.labels = { fetchedAt: -Infinity };
    this.metadataByMetric = { fetchedAt: -Infinity };
    this.values.clear();
  }

  get enabled(): boolean {
    return this.api !== undefined;
  }

  labelNames(): string[] {
    return this.labels.value ?? [];
  }

  labelValues(name: string): string[] {
    return this.values.get(name)?.value ?? [];
  }

  metricNames(): string[] {
    return this.labelValues('__name__');
  }

  metadata(metric: string): MetricMetadata[] {
    return this.metadataByMetric.value?.[metric] ?? [];
  }

  /** Fetches what is missing or old among label names, metric names, metadata and the values of `labels`; waits at most `waitMs`. */
  async prepare(what: { labelNames?: boolean; metadata?: boolean; valuesOf?: readonly string[] }, waitMs = DEFAULT_WAIT_MS): Promise<void> {
    const api = this.api;
    if (!api) return;
    const pending: Promise<void>[] = [];
    if (what.labelNames) pending.push(this.refresh(this.labels, () => api.labelNames(this.clock.now() - LABEL_WINDOW_MS, this.clock.now())));
    if (what.metadata) pending.push(this.refresh(this.metadataByMetric, () => api.metadata()));
    for (const name of what.valuesOf ?? []) {
      let cached = this.values.get(name);
      if (!cached) this.values.set(name, (cached = { fetchedAt: -Infinity }));
      pending.push(this.refresh(cached, () => api.labelValues(name)));
    }
    if (pending.length === 0) return;
    let cancel: (() => void) | undefined;
    const timeout = new Promise<void>((resolve) => (cancel = this.clock.setTimer(waitMs, resolve)));
    await Promise.race([Promise.all(pending), timeout]);
    cancel?.();
  }

  private refresh<T>(cached: Cached<T>, fetchValue: () => Promise<T>): Promise<void> {
    const age = this.clock.now() - cached.fetchedAt;
    if (cached.pending) return cached.pending;
    if (age < (cached.value === undefined ? RETRY_AFTER_FAILURE_MS : KEEP_MS)) return Promise.resolve();
    cached.pending = fetchValue().then(
      (value) => {
        cached.value = value;
        cached.fetchedAt = this.clock.now();
        cached.pending = undefined;
      },
      (error: unknown) => {
        this.lastError = error instanceof Error ? error.message : String(error);
        cached.fetchedAt = this.clock.now();
        cached.pending = undefined;
      },
    );
    return cached.pending;
  }
}
