/** Unary minus; unary plus compiles to its operand. Negating a vector marks the name for removal. */
import { StreamingVectorNode, type SampleSink, type ScalarNode, type VectorNode } from './nodes.js';

export class NegatedScalarNode implements ScalarNode {
  readonly type = 'scalar';
  constructor(private readonly operand: ScalarNode) {}
  scalarsAt(times: readonly number[]): Float64Array {
    return this.operand.scalarsAt(times).map((v) => -v);
  }
}

export class NegatedVectorNode extends StreamingVectorNode {
  constructor(private readonly operand: VectorNode) {
    super();
  }
  streamAt(times: readonly number[], sink: SampleSink): void {
    this.operand.streamAt(times, (k, s) => sink(k, { labels: s.labels, t: times[k]!, v: -s.v, dropName: true }));
  }
}
