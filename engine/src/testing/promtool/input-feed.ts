/**
 * Feeds a test's input series into the store as time advances, as promtool's lazy loader does:
 * before the rules evaluate at `t`, every input sample up to `t` is in the store and none after,
 * and queries after the last evaluation see the input only up to that evaluation.
 */
import type { MemoryStore } from '../../series/memory-store.js';
import type { SeriesLine } from '../../series/notation.js';

export class InputFeed {
  /** Per series, the index of its next value to load. */
  private readonly next: number[];

  constructor(
    private readonly series: readonly SeriesLine[],
    private readonly intervalMs: number,
    private readonly store: MemoryStore,
  ) {
    this.next = series.map(() => 0);
  }

  loadUntil(tMs: number): void {
    this.series.forEach(({ labels, values }, s) => {
      let i = this.next[s]!;
      for (; i < values.length && i * this.intervalMs <= tMs; i++) {
        const value = values[i];
        if (value === 'stale') this.store.appendStale(labels, i * this.intervalMs);
        else if (value !== undefined) this.store.append(labels, i * this.intervalMs, value);
      }
      this.next[s] = i;
    });
  }
}
