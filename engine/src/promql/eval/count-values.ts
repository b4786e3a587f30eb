/**
 * count_values: counts the samples of each distinct value per group; the value, formatted as Go
 * formats floats, becomes the label named by the parameter (grouped on like a `by` label).
 */
import { goQuote, type Labels } from '../../labels/labels.js';
import type { AggregateExpr } from '../ast.js';
import { groupKeyFunction, groupLabels, type Grouping } from './grouping.js';
import { ChunkedVectorNode, type VectorNode } from './nodes.js';
import { formatPlainFloat } from './plain-float.js';
import { EvalError, type InstantVector } from './values.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Label names may be any non-empty, well-formed UTF-8 text. */
function isValidLabelName(name: string): boolean {
  return name.length > 0 && !LONE_SURROGATE.test(name);
}

export class CountValuesNode extends ChunkedVectorNode {
  private readonly grouping: Grouping;
  private readonly groupKey: (labels: Labels) => string;

  constructor(
    expr: AggregateExpr,
    private readonly valueLabel: string,
    private readonly input: VectorNode,
  ) {
    super();
    if (!isValidLabelName(valueLabel)) throw new EvalError(`invalid label name ${goQuote(valueLabel)}`, expr.range);
    const names = expr.without ? expr.grouping : [...expr.grouping, valueLabel];
    this.grouping = { without: expr.without, names };
    this.groupKey = groupKeyFunction(this.grouping);
  }

  protected vectorsOfChunk(times: readonly number[]): InstantVector[] {
    return this.input.vectorsAt(times).map((input, k) => this.count(input, times[k]!));
  }

  private count(input: InstantVector, t: number): InstantVector {
    const counts = new Map<string, { labels: Labels; count: number }>();
    for (const s of input) {
      const labels = s.labels.with(this.valueLabel, formatPlainFloat(s.v));
      const key = this.groupKey(labels);
      const group = counts.get(key);
      if (group) group.count++;
      else counts.set(key, { labels: groupLabels(labels, this.grouping), count: 1 });
    }
    const out: InstantVector = [];
    for (const { labels, count } of counts.values()) out.push({ labels, t, v: count, dropName: false });
    return out;
  }
}
