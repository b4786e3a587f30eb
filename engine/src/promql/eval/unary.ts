/** Unary minus; unary plus compiles to its operand. Negating a vector marks the name for removal. */
import { streamValues, StreamingVectorNode, type SampleSink, type ScalarNode, type ValueSink, type VectorNode } from './nodes.js';

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
    this.streamValuesAt(times, (k, labels, t, v, dropName) => sink(k, { labels, t, v, dropName }));
  }

  streamValuesAt(times: readonly number[], sink: ValueSink): void {
    streamValues(this.operand, times, (k, labels, _t, v) => sink(k, labels, times[k]!, -v, true));
  }
}
