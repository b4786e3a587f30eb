/**
 * Arithmetic and comparison between two instant vectors with one-to-one, many-to-one
 * (group_left) or one-to-many (group_right) matching, and Prometheus's cardinality errors.
 */
import type { BinaryExpr, BinaryOp, VectorMatching } from '../ast.js';
import type { LabelsMemo } from './labels-memo.js';
import { WholeVectorNode, type VectorNode } from './nodes.js';
import { arithmetic, compare, isComparison, type ArithmeticOp } from './operators.js';
import { EvalError, type InstantVector, type Sample } from './values.js';
import { matchedLabels, ResultLabels, signatureMemo } from './vector-matching.js';

export class VectorBinaryNode extends WholeVectorNode {
  private readonly op: BinaryOp;
  private readonly matching: VectorMatching;
  private readonly returnBool: boolean;
  private readonly leftSignatures: LabelsMemo<string>;
  private readonly rightSignatures: LabelsMemo<string>;
  private readonly resultLabels: ResultLabels;
  private readonly oneSideBySignature = new Map<string, Sample>();
  /** Per matched signature: nothing for one-to-one, the result label keys otherwise. */
  private readonly matched = new Map<string, Set<string> | null>();

  constructor(
    private readonly expr: BinaryExpr,
    private readonly lhs: VectorNode,
    private readonly rhs: VectorNode,
  ) {
    super();
    this.op = expr.op;
    this.matching = expr.matching!;
    this.returnBool = expr.returnBool;
    this.leftSignatures = signatureMemo(this.matching);
    this.rightSignatures = signatureMemo(this.matching);
    this.resultLabels = new ResultLabels(this.matching, !isComparison(expr.op));
  }

  vectorsAt(times: readonly number[]): InstantVector[] {
    const lefts = this.lhs.vectorsAt(times);
    const rights = this.rhs.vectorsAt(times);
    return lefts.map((left, k) => this.combine(left, rights[k]!, times[k]!));
  }

  private combine(left: InstantVector, right: InstantVector, t: number): InstantVector {
    if (left.length === 0 || right.length === 0) return [];
    const swapped = this.matching.card === 'one-to-many';
    const many = swapped ? right : left;
    const one = swapped ? left : right;
    const manySignatures = swapped ? this.rightSignatures : this.leftSignatures;
    const oneSignatures = swapped ? this.leftSignatures : this.rightSignatures;

    const oneBySignature = this.oneSideBySignature;
    oneBySignature.clear();
    for (let i = 0; i < one.length; i++) {
      const sample = one[i]!;
      const sig = oneSignatures.get(sample.labels, i);
      const earlier = oneBySignature.get(sig);
      if (earlier) throw this.duplicateOnOneSide(sample, earlier, swapped);
      oneBySignature.set(sig, sample);
    }

    const op = this.op;
    const comparison = isComparison(op);
    const matched = this.matched;
    matched.clear();
    const out: Sample[] = [];
    for (let i = 0; i < many.length; i++) {
      const ms = many[i]!;
      const sig = manySignatures.get(ms.labels, i);
      const os = oneBySignature.get(sig);
      if (!os) continue;
      const a = swapped ? os.v : ms.v;
      const b = swapped ? ms.v : os.v;
      let v: number;
      if (comparison) {
        const keep = compare(op, a, b);
        if (this.returnBool) v = keep ? 1 : 0;
        else if (keep) v = a;
        else continue;
      } else {
        v = arithmetic(op as ArithmeticOp, a, b);
      }
      const labels = this.resultLabels.of(ms.labels, os.labels);
      this.checkUnique(sig, labels.key());
      out.push({ labels, t, v, dropName: this.returnBool });
    }
    return out;
  }

  private checkUnique(sig: string, resultKey: string): void {
    const matched = this.matched;
    if (this.matching.card === 'one-to-one') {
      if (matched.has(sig)) {
        throw new EvalError(
          'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
          this.expr.range,
        );
      }
      matched.set(sig, null);
      return;
    }
    let keys = matched.get(sig);
    if (!keys) matched.set(sig, (keys = new Set()));
    else if (keys.has(resultKey)) {
      throw new EvalError('multiple matches for labels: grouping labels must ensure unique matches', this.expr.range);
    }
    keys.add(resultKey);
  }

  private duplicateOnOneSide(sample: Sample, earlier: Sample, swapped: boolean): EvalError {
    const side = swapped ? 'left' : 'right';
    return new EvalError(
      `found duplicate series for the match group ${matchedLabels(sample.labels, this.matching)} ` +
        `on the ${side} hand-side of the operation: [${sample.labels}, ${earlier.labels}]` +
        ';many-to-many matching not allowed: matching labels must be unique on one side',
      this.expr.range,
    );
  }
}
