/**
 * Instant vectors kept for a while in columns rather than as sample objects: few objects for the
 * garbage collector to trace and copy, however long they are kept.
 */
import type { Labels } from '../../labels/labels.js';
import type { InstantVector, Sample } from './values.js';

export class StoredVector {
  labels: Labels[] = [];
  readonly ts: number[] = [];
  readonly vs: number[] = [];
  readonly dropNames: boolean[] = [];

  get length(): number {
    return this.ts.length;
  }

  add(labels: Labels, t: number, v: number, dropName: boolean): void {
    this.labels.push(labels);
    this.ts.push(t);
    this.vs.push(v);
    this.dropNames.push(dropName);
  }

  /** Sample `i` as a new object. */
  sample(i: number): Sample {
    return { labels: this.labels[i]!, t: this.ts[i]!, v: this.vs[i]!, dropName: this.dropNames[i]! };
  }

  samples(): InstantVector {
    const out: InstantVector = new Array(this.length);
    for (let i = 0; i < out.length; i++) out[i] = this.sample(i);
    return out;
  }
}
