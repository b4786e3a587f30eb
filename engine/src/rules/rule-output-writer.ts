/**
 * Writes one rule's output into the store as Prometheus's appender would, and marks stale the
 * series the rule wrote at its previous evaluation but not at this one.
 *
 * A sample whose series already holds something else at the same timestamp is discarded (the
 * TSDB's "duplicate sample for timestamp"), and so is a staleness marker; an identical sample is
 * accepted. Only series written successfully count as written. Out-of-order appends are not
 * modelled: the store holds input series ahead of the evaluation time.
 *
 * A rule mostly outputs the same label sets, in the same order, at every evaluation; the writer
 * keeps the series it wrote last time by position, so that such outputs need no lookups.
 */
import type { InstantVector } from '../promql/eval/values.js';
import type { MemorySeries, MemoryStore } from '../series/memory-store.js';

export class RuleOutputWriter {
  /** The series written at the previous evaluation, in output order. */
  private previous: MemorySeries[] = [];
  /** The array of the evaluation before the previous one, reused to spare allocations. */
  private spare: MemorySeries[] = [];

  constructor(private readonly store: MemoryStore) {}

  write(samples: InstantVector, atMs: number): void {
    const previous = this.previous;
    const written = this.spare;
    written.length = 0;
    let asBefore = samples.length === previous.length;
    for (let i = 0; i < samples.length; i++) {
      const { labels, v } = samples[i]!;
      const before = previous[i];
      let series = before !== undefined && before.labels === labels && !before.removed ? before : this.store.find(labels);
      const existing = series?.sampleAt(atMs);
      if (existing === undefined) {
        series ??= this.store.seriesFor(labels);
        series.append(atMs, v);
      } else if (existing === 'stale' || !sameFloat(existing, v)) {
        asBefore = false;
        continue;
      }
      if (series !== before) asBefore = false;
      written.push(series!);
    }
    if (!asBefore) this.markGone(previous, written, atMs);
    this.spare = previous;
    this.previous = written;
  }

  /** Marks stale the series of `previous` missing from `written`, unless they hold something at `atMs`. */
  private markGone(previous: readonly MemorySeries[], written: readonly MemorySeries[], atMs: number): void {
    if (previous.length === 0) return;
    const kept = new Set<string>();
    for (const series of written) kept.add(series.labels.key());
    for (const before of previous) {
      if (kept.has(before.labels.key())) continue;
      const series = before.removed ? this.store.find(before.labels) : before;
      if (series?.sampleAt(atMs) === undefined) (series ?? this.store.seriesFor(before.labels)).appendStale(atMs);
    }
  }
}

/** Equal as float64 bit patterns, all NaNs alike (JavaScript does not keep NaN payloads). */
function sameFloat(a: number, b: number): boolean {
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
}
