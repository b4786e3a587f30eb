/** `and`, `or` and `unless`: many-to-many matching that keeps samples as they are. */
import type { Labels } from '../../labels/labels.js';
import type { VectorMatching } from '../ast.js';
import type { LabelsMemo } from './labels-memo.js';
import { ChunkedVectorNode, type VectorNode } from './nodes.js';
import type { SetOp } from './operators.js';
import type { InstantVector } from './values.js';
import { sameLabels, signatureMemo } from './vector-matching.js';

/**
 * Which samples survive, for given label sets on both sides: left positions for `and`/`unless`,
 * right positions for `or`. Reused while both sides keep listing the same label sets.
 */
interface SetPlan {
  left: Labels[];
  right: Labels[];
  keep: Uint8Array;
}

export class SetOperatorNode extends ChunkedVectorNode {
  private readonly leftSignatures: LabelsMemo<string>;
  private readonly rightSignatures: LabelsMemo<string>;
  private plan: SetPlan | undefined;

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

  protected vectorsOfChunk(times: readonly number[]): InstantVector[] {
    const lefts = this.lhs.vectorsAt(times);
    const rights = this.rhs.vectorsAt(times);
    return lefts.map((left, k) => this.combine(left, rights[k]!));
  }

  private combine(left: InstantVector, right: InstantVector): InstantVector {
    switch (this.op) {
      case 'and':
        if (left.length === 0 || right.length === 0) return [];
        return this.keptLeft(left, right);
      case 'unless':
        if (left.length === 0 || right.length === 0) return left;
        return this.keptLeft(left, right);
      case 'or': {
        if (left.length === 0) return right;
        if (right.length === 0) return left;
        const keep = this.keepFlags(left, right);
        const out = left.slice();
        for (let j = 0; j < right.length; j++) if (keep[j] === 1) out.push(right[j]!);
        return out;
      }
    }
  }

  private keptLeft(left: InstantVector, right: InstantVector): InstantVector {
    const keep = this.keepFlags(left, right);
    return left.filter((_, i) => keep[i] === 1);
  }

  private keepFlags(left: InstantVector, right: InstantVector): Uint8Array {
    const plan = this.plan;
    if (plan && sameLabels(plan.left, left) && sameLabels(plan.right, right)) return plan.keep;
    const leftSigs = left.map((s, i) => this.leftSignatures.get(s.labels, i));
    const rightSigs = right.map((s, j) => this.rightSignatures.get(s.labels, j));
    let keep: Uint8Array;
    if (this.op === 'or') {
      const onLeft = new Set(leftSigs);
      keep = Uint8Array.from(rightSigs, (sig) => (onLeft.has(sig) ? 0 : 1));
    } else {
      const onRight = new Set(rightSigs);
      const present = this.op === 'and';
      keep = Uint8Array.from(leftSigs, (sig) => (onRight.has(sig) === present ? 1 : 0));
    }
    this.plan = { left: left.map((s) => s.labels), right: right.map((s) => s.labels), keep };
    return keep;
  }
}
