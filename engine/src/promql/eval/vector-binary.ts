/**
 * Arithmetic and comparison between two instant vectors with one-to-one, many-to-one
 * (group_left) or one-to-many (group_right) matching, and Prometheus's cardinality errors.
 */
import type { Labels } from '../../labels/labels.js';
import type { BinaryExpr, BinaryOp, VectorMatching } from '../ast.js';
import type { LabelsMemo } from './labels-memo.js';
import { ChunkedVectorNode, type VectorNode } from './nodes.js';
import { arithmetic, compare, isComparison, type ArithmeticOp } from './operators.js';
import { EvalError, type InstantVector, type Sample } from './values.js';
import { matchedLabels, ResultLabels, sameLabels, signatureMemo } from './vector-matching.js';

/**
 * How the samples of one step pair up: which one-side sample each many-side sample matches and
 * the labels of the result. It only depends on the label sets, so it is reused for as long as
 * both sides list the same Labels objects in the same order, as they mostly do from step to step.
 */
class MatchPlan {
  /** Per many-side position: the matching one-side position, or -1. */
  readonly partner: Int32Array;
  /** Per many-side position with a partner: its signature and the result labels. */
  readonly signatures: string[];
  readonly labels: Labels[];
  /** True when no values can make this pairing ambiguous, so that no checks are needed. */
  unambiguous = true;

  constructor(
    readonly left: readonly Labels[],
    readonly right: readonly Labels[],
    manyCount: number,
  ) {
    this.partner = new Int32Array(manyCount).fill(-1);
    this.signatures = new Array(manyCount);
    this.labels = new Array(manyCount);
  }

  fits(left: InstantVector, right: InstantVector): boolean {
    return sameLabels(this.left, left) && sameLabels(this.right, right);
  }
}

export class VectorBinaryNode extends ChunkedVectorNode {
  private readonly op: BinaryOp;
  private readonly matching: VectorMatching;
  private readonly returnBool: boolean;
  private readonly swapped: boolean;
  private readonly leftSignatures: LabelsMemo<string>;
  private readonly rightSignatures: LabelsMemo<string>;
  private readonly resultLabels: ResultLabels;
  private plan: MatchPlan | undefined;

  constructor(
    private readonly expr: BinaryExpr,
    private readonly lhs: VectorNode,
    private readonly rhs: VectorNode,
  ) {
    super();
    this.op = expr.op;
    this.matching = expr.matching!;
    this.returnBool = expr.returnBool;
    this.swapped = this.matching.card === 'one-to-many';
    this.leftSignatures = signatureMemo(this.matching);
    this.rightSignatures = signatureMemo(this.matching);
    this.resultLabels = new ResultLabels(this.matching, !isComparison(expr.op));
  }

  protected vectorsOfChunk(times: readonly number[]): InstantVector[] {
    const lefts = this.lhs.vectorsAt(times);
    const rights = this.rhs.vectorsAt(times);
    return lefts.map((left, k) => this.combine(left, rights[k]!, times[k]!));
  }

  private combine(left: InstantVector, right: InstantVector, t: number): InstantVector {
    if (left.length === 0 || right.length === 0) return [];
    let plan = this.plan;
    if (!plan || !plan.fits(left, right)) plan = this.plan = this.planFor(left, right);
    const many = this.swapped ? right : left;
    const one = this.swapped ? left : right;
    const op = this.op;
    const comparison = isComparison(op);
    const matched = plan.unambiguous ? undefined : new Map<string, Set<string> | null>();
    const out: Sample[] = [];
    for (let i = 0; i < many.length; i++) {
      const j = plan.partner[i]!;
      if (j < 0) continue;
      const ms = many[i]!;
      const os = one[j]!;
      const a = this.swapped ? os.v : ms.v;
      const b = this.swapped ? ms.v : os.v;
      let v: number;
      if (comparison) {
        const keep = compare(op, a, b);
        if (this.returnBool) v = keep ? 1 : 0;
        else if (keep) v = a;
        else continue;
      } else {
        v = arithmetic(op as ArithmeticOp, a, b);
      }
      const labels = plan.labels[i]!;
      if (matched) this.checkUnique(matched, plan.signatures[i]!, labels.key());
      out.push({ labels, t, v, dropName: this.returnBool });
    }
    return out;
  }

  /** Pairs the samples by signature; a signature twice on the one side is always an error. */
  private planFor(left: InstantVector, right: InstantVector): MatchPlan {
    const plan = new MatchPlan(
      left.map((s) => s.labels),
      right.map((s) => s.labels),
      this.swapped ? right.length : left.length,
    );
    const many = this.swapped ? right : left;
    const one = this.swapped ? left : right;
    const manySignatures = this.swapped ? this.rightSignatures : this.leftSignatures;
    const oneSignatures = this.swapped ? this.leftSignatures : this.rightSignatures;
    const oneBySignature = new Map<string, number>();
    for (let j = 0; j < one.length; j++) {
      const sig = oneSignatures.get(one[j]!.labels, j);
      const earlier = oneBySignature.get(sig);
      if (earlier !== undefined) throw this.duplicateOnOneSide(one[j]!, one[earlier]!);
      oneBySignature.set(sig, j);
    }
    const seen = new Set<string>();
    for (let i = 0; i < many.length; i++) {
      const labels = many[i]!.labels;
      const sig = manySignatures.get(labels, i);
      const j = oneBySignature.get(sig);
      if (j === undefined) continue;
      const result = this.resultLabels.of(labels, one[j]!.labels);
      plan.partner[i] = j;
      plan.signatures[i] = sig;
      plan.labels[i] = result;
      // Whether two results could collide depends on which samples pass a comparison.
      const identity = this.matching.card === 'one-to-one' ? sig : sig + '\u0000' + result.key();
      if (seen.has(identity)) plan.unambiguous = false;
      seen.add(identity);
    }
    return plan;
  }

  private checkUnique(matched: Map<string, Set<string> | null>, sig: string, resultKey: string): void {
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

  private duplicateOnOneSide(sample: Sample, earlier: Sample): EvalError {
    const side = this.swapped ? 'left' : 'right';
    return new EvalError(
      `found duplicate series for the match group ${matchedLabels(sample.labels, this.matching)} ` +
        `on the ${side} hand-side of the operation: [${sample.labels}, ${earlier.labels}]` +
        ';many-to-many matching not allowed: matching labels must be unique on one side',
      this.expr.range,
    );
  }
}
