/**
 * Binary operators with a scalar on at least one side. Arithmetic marks the metric name for
 * removal; a comparison filters (keeping the vector's own value and name) or, with `bool`,
 * yields 0/1 and marks the name for removal.
 */
import type { BinaryOp } from '../ast.js';
import { streamValues, StreamingVectorNode, type SampleSink, type ScalarNode, type ValueSink, type VectorNode } from './nodes.js';
import { arithmetic, compare, isComparison, type ArithmeticOp } from './operators.js';

export class ScalarBinaryNode implements ScalarNode {
  readonly type = 'scalar';

  constructor(
    private readonly op: BinaryOp,
    private readonly lhs: ScalarNode,
    private readonly rhs: ScalarNode,
  ) {}

  scalarsAt(times: readonly number[]): Float64Array {
    const a = this.lhs.scalarsAt(times);
    const b = this.rhs.scalarsAt(times);
    const op = this.op;
    const out = new Float64Array(times.length);
    for (let k = 0; k < times.length; k++) {
      out[k] = isComparison(op) ? (compare(op, a[k]!, b[k]!) ? 1 : 0) : arithmetic(op as ArithmeticOp, a[k]!, b[k]!);
    }
    return out;
  }
}

/** `vector op scalar`, or `scalar op vector` when `scalarOnLeft`. */
export class VectorScalarNode extends StreamingVectorNode {
  constructor(
    private readonly op: BinaryOp,
    private readonly vector: VectorNode,
    private readonly scalar: ScalarNode,
    private readonly scalarOnLeft: boolean,
    private readonly returnBool: boolean,
  ) {
    super();
  }

  streamAt(times: readonly number[], sink: SampleSink): void {
    this.streamValuesAt(times, (k, labels, t, v, dropName) => sink(k, { labels, t, v, dropName }));
  }

  streamValuesAt(times: readonly number[], sink: ValueSink): void {
    const scalars = this.scalar.scalarsAt(times);
    const op = this.op;
    const left = this.scalarOnLeft;
    if (isComparison(op)) {
      const returnBool = this.returnBool;
      streamValues(this.vector, times, (k, labels, t, v, dropName) => {
        const s = scalars[k]!;
        const keep = left ? compare(op, s, v) : compare(op, v, s);
        if (returnBool) sink(k, labels, times[k]!, keep ? 1 : 0, true);
        else if (keep) sink(k, labels, t, v, dropName);
      });
      return;
    }
    const arith = op as ArithmeticOp;
    streamValues(this.vector, times, (k, labels, _t, v) => {
      const s = scalars[k]!;
      sink(k, labels, times[k]!, left ? arithmetic(arith, s, v) : arithmetic(arith, v, s), true);
    });
  }
}
