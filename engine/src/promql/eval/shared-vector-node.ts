/** A subexpression whose values queries share (see shared-subexpressions.ts), as a node of one query. */
import { streamValues, type SampleSink, type ValueSink, type VectorNode } from './nodes.js';
import type { SharedSubexpressions } from './shared-subexpressions.js';
import { StoredVector } from './stored-vector.js';
import type { InstantVector } from './values.js';

export class SharedVectorNode implements VectorNode {
  readonly type = 'vector';

  constructor(
    private readonly shared: SharedSubexpressions,
    private readonly context: string,
    private readonly inner: VectorNode,
  ) {}

  vectorsAt(times: readonly number[]): InstantVector[] {
    return this.storedAt(times).map((vector) => vector.samples());
  }

  streamAt(times: readonly number[], sink: SampleSink): void {
    const vectors = this.storedAt(times);
    for (let k = 0; k < vectors.length; k++) {
      const vector = vectors[k]!;
      for (let i = 0; i < vector.length; i++) sink(k, vector.sample(i));
    }
  }

  streamValuesAt(times: readonly number[], sink: ValueSink): void {
    const vectors = this.storedAt(times);
    for (let k = 0; k < vectors.length; k++) {
      const { labels, ts, vs, dropNames } = vectors[k]!;
      for (let i = 0; i < ts.length; i++) sink(k, labels[i]!, ts[i]!, vs[i]!, dropNames[i]!);
    }
  }

  /** The values at `times`: kept ones when all are known, else evaluated and kept. */
  private storedAt(times: readonly number[]): StoredVector[] {
    const known = this.shared.lookup(this.context, times);
    if (known) return known;
    const vectors: StoredVector[] = times.map(() => new StoredVector());
    streamValues(this.inner, times, (k, labels, t, v, dropName) => vectors[k]!.add(labels, t, v, dropName));
    this.shared.store(this.context, times, vectors);
    return vectors;
  }
}
