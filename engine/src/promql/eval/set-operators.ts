/** `and`, `or` and `unless`: many-to-many matching that keeps samples as they are. */
import type { VectorMatching } from '../ast.js';
import type { LabelsMemo } from './labels-memo.js';
import { WholeVectorNode, type VectorNode } from './nodes.js';
import type { SetOp } from './operators.js';
import type { InstantVector } from './values.js';
import { signatureMemo } from './vector-matching.js';

export class SetOperatorNode extends WholeVectorNode {
  private readonly leftSignatures: LabelsMemo<string>;
  private readonly rightSignatures: LabelsMemo<string>;
  private readonly signatures = new Set<string>();

  constructor(
    private readonly op: SetOp,
    matching: VectorMatching,
    private readonly lhs: VectorNode,
    private readonly rhs: VectorNode,
  ) {
    super();
    this.leftSignatures = signatureMemo(matching);
    this.rightSignatures = signatureMemo(matching);
  }

  vectorsAt(times: readonly number[]): InstantVector[] {
    const lefts = this.lhs.vectorsAt(times);
    const rights = this.rhs.vectorsAt(times);
    return lefts.map((left, k) => this.combine(left, rights[k]!));
  }

  private combine(left: InstantVector, right: InstantVector): InstantVector {
    switch (this.op) {
      case 'and':
        if (left.length === 0 || right.length === 0) return [];
        return this.filterLeft(left, right, true);
      case 'unless':
        if (left.length === 0 || right.length === 0) return left;
        return this.filterLeft(left, right, false);
      case 'or':
        if (left.length === 0) return right;
        if (right.length === 0) return left;
        return this.union(left, right);
    }
  }

  /** The left samples whose signature does (`and`) or does not (`unless`) occur on the right. */
  private filterLeft(left: InstantVector, right: InstantVector, present: boolean): InstantVector {
    const sigs = this.signatures;
    sigs.clear();
    for (let i = 0; i < right.length; i++) sigs.add(this.rightSignatures.get(right[i]!.labels, i));
    return left.filter((s, i) => sigs.has(this.leftSignatures.get(s.labels, i)) === present);
  }

  private union(left: InstantVector, right: InstantVector): InstantVector {
    const sigs = this.signatures;
    sigs.clear();
    for (let i = 0; i < left.length; i++) sigs.add(this.leftSignatures.get(left[i]!.labels, i));
    const out = left.slice();
    for (let i = 0; i < right.length; i++) {
      const s = right[i]!;
      if (!sigs.has(this.rightSignatures.get(s.labels, i))) out.push(s);
    }
    return out;
  }
}
