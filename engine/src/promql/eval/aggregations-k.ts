/**
 * topk, bottomk, limitk and limit_ratio: a subset of each group's input samples, kept with their
 * own labels. topk/bottomk return each group's samples best first; limitk and limit_ratio in
 * heap order. limit_ratio picks series by the hash of their labels, as Prometheus does, so that
 * `limit_ratio(r, x)` and `limit_ratio(-(1 - r), x)` are complements.
 */
import type { Labels } from '../../labels/labels.js';
import type { AggregateExpr, TextRange } from '../ast.js';
import { formatGoFloat } from './functions/go-float.js';
import { GroupIndex, groupingOf } from './grouping.js';
import { labelsHash } from './label-hash.js';
import { ChunkedVectorNode, type ScalarNode, type VectorNode } from './nodes.js';
import type { QueryContext } from './query-context.js';
import { ascending, descending, heapFixTop, heapPush, sortHeapReversed } from './sample-heap.js';
import { EvalError, type InstantVector, type Sample } from './values.js';

export type SubsetAggregateOp = 'topk' | 'bottomk' | 'limitk' | 'limit_ratio';

/** The float64 range that converts to an int64 without overflow, as Prometheus checks it. */
const MAX_INT64_FLOAT = 9223372036854774784;
const MIN_INT64_FLOAT = -9223372036854775808;
const UINT64_RANGE = 18446744073709551616;

class SubsetGroup {
  stamp = -1;
  readonly heap: Sample[] = [];
}

/** Where a series falls in [0, 1], from the hash of its labels. */
function ratioOffset(labels: Labels): number {
  return Number(labelsHash(labels)) / UINT64_RANGE;
}

/** Whether limit_ratio(r) keeps a series: r >= 0 keeps the low offsets, r < 0 the high ones. */
export function keptByRatio(labels: Labels, r: number): boolean {
  const offset = ratioOffset(labels);
  return r >= 0 ? offset < r : offset >= 1 + r;
}

export class SubsetAggregateNode extends ChunkedVectorNode {
  private readonly groups: GroupIndex<SubsetGroup>;
  private evaluation = 0;

  constructor(
    private readonly ctx: QueryContext,
    private readonly expr: AggregateExpr,
    private readonly op: SubsetAggregateOp,
    private readonly input: VectorNode,
    private readonly param: ScalarNode,
    private readonly paramRange: TextRange,
  ) {
    super();
    this.groups = new GroupIndex(groupingOf(expr), () => new SubsetGroup());
  }

  protected vectorsOfChunk(times: readonly number[]): InstantVector[] {
    const params = this.param.scalarsAt(times);
    const inputs = this.input.vectorsAt(times);
    return inputs.map((input, k) => this.select(input, params[k]!));
  }

  private select(input: InstantVector, p: number): InstantVector {
    if (this.op === 'limit_ratio') this.checkRatio(p);
    if (input.length === 0) return [];
    if (this.op === 'limit_ratio') {
      if (Number.isNaN(p)) throw new EvalError(`Ratio value ${formatGoFloat(p)} is NaN`, this.expr.range);
      if (p === 0) return [];
      return this.collect(input, 0, Math.max(-1, Math.min(1, p)));
    }
    if (!(p <= MAX_INT64_FLOAT && p >= MIN_INT64_FLOAT)) {
      throw new EvalError(`Scalar value ${formatGoFloat(p)} overflows int64`, this.expr.range);
    }
    const k = Math.min(Math.trunc(p), input.length);
    if (k < 1) return [];
    return this.collect(input, k, 0);
  }

  private collect(input: InstantVector, k: number, ratio: number): InstantVector {
    const stamp = ++this.evaluation;
    const seen: SubsetGroup[] = [];
    for (let i = 0; i < input.length; i++) {
      const s = input[i]!;
      const group = this.groups.groupOf(s.labels, i);
      if (group.stamp !== stamp) {
        group.stamp = stamp;
        group.heap.length = 0;
        seen.push(group);
      }
      this.offer(group.heap, s, k, ratio);
    }
    const out: Sample[] = [];
    for (const group of seen) {
      const heap = group.heap;
      if (this.op === 'topk' && heap.length > 1) sortHeapReversed(heap, ascending);
      if (this.op === 'bottomk' && heap.length > 1) sortHeapReversed(heap, descending);
      for (const s of heap) out.push(s);
    }
    return out;
  }

  private offer(heap: Sample[], s: Sample, k: number, ratio: number): void {
    switch (this.op) {
      case 'topk':
        if (heap.length < k) heapPush(heap, s, ascending);
        else if (heap[0]!.v < s.v || (Number.isNaN(heap[0]!.v) && !Number.isNaN(s.v))) {
          heap[0] = s;
          if (k > 1) heapFixTop(heap, ascending);
        }
        return;
      case 'bottomk':
        if (heap.length < k) heapPush(heap, s, descending);
        else if (heap[0]!.v > s.v || (Number.isNaN(heap[0]!.v) && !Number.isNaN(s.v))) {
          heap[0] = s;
          if (k > 1) heapFixTop(heap, descending);
        }
        return;
      case 'limitk':
        if (heap.length < k) heapPush(heap, s, ascending);
        return;
      case 'limit_ratio':
        if (keptByRatio(s.labels, ratio)) heapPush(heap, s, ascending);
        return;
    }
  }

  private checkRatio(r: number): void {
    if (r > 1) this.warnRatio(r, 1);
    else if (r < -1) this.warnRatio(r, -1);
  }

  private warnRatio(r: number, cap: number): void {
    this.ctx.annotations.warn(
      `ratio value should be between -1 and 1, got ${formatGoFloat(r)}, capping to ${formatGoFloat(cap)}`,
      this.paramRange,
    );
  }
}
