/** What every series source yields: a filled store, the span its samples cover, and problems. */
import type { FileProblem } from '../file-problem.js';
import type { MemoryStore } from './memory-store.js';

export interface LoadedSeries {
  store: MemoryStore;
  /** Time of the first and the last sample or staleness marker loaded; both 0 when none was. */
  firstMs: number;
  lastMs: number;
  /** `relative` when times count from 0 (series notation), `absolute` when they are Unix times. */
  times: 'relative' | 'absolute';
  problems: FileProblem[];
}

/** Tracks the first and last time seen while loading. */
export class TimeSpan {
  firstMs = Infinity;
  lastMs = -Infinity;

  add(t: number): void {
    if (t < this.firstMs) this.firstMs = t;
    if (t > this.lastMs) this.lastMs = t;
  }

  /** `[first, last]`, or `[0, 0]` when nothing was added. */
  bounds(): { firstMs: number; lastMs: number } {
    return this.firstMs <= this.lastMs ? { firstMs: this.firstMs, lastMs: this.lastMs } : { firstMs: 0, lastMs: 0 };
  }
}
