/**
 * Writes one rule's output into the store as Prometheus's appender would, and marks stale the
 * series the rule wrote at its previous evaluation but not at this one.
 *
 * A sample whose series already holds something else at the same timestamp is discarded (the
 * TSDB's "duplicate sample for timestamp"), and so is a staleness marker; an identical sample is
 * accepted. Only series written successfully count as written. Out-of-order appends are not
 * modelled: the store holds input series ahead of the evaluation time.
 */
import type { Labels } from '../labels/labels.js';
import type { InstantVector } from '../promql/eval/values.js';
import type { MemoryStore } from '../series/memory-store.js';

export class RuleOutputWriter {
  private previous = new Map<string, Labels>();
  /** The map of the evaluation before the previous one, reused to spare allocations. */
  private spare = new Map<string, Labels>();

  constructor(private readonly store: MemoryStore) {}

  write(samples: InstantVector, atMs: number): void {
    const written = this.spare;
    written.clear();
    for (const { labels, v } of samples) {
      const existing = this.store.sampleAt(labels, atMs);
      if (existing === undefined) this.store.append(labels, atMs, v);
      else if (existing === 'stale' || !sameFloat(existing, v)) continue;
      written.set(labels.key(), labels);
    }
    for (const [key, labels] of this.previous) {
      if (!written.has(key) && this.store.sampleAt(labels, atMs) === undefined) this.store.appendStale(labels, atMs);
    }
    this.spare = this.previous;
    this.previous = written;
  }
}

/** Equal as float64 bit patterns, all NaNs alike (JavaScript does not keep NaN payloads). */
function sameFloat(a: number, b: number): boolean {
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
}
