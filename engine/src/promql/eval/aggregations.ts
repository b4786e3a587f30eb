/**
 * sum, avg, count, min, max, group, stddev, stdvar and quantile: one output sample per group.
 * Sums are compensated (Neumaier); avg sums directly and switches to an incremental mean only
 * when the sum would overflow; stddev/stdvar use Welford's running mean — all as Prometheus.
 *
 * The input is consumed as a stream, so each group keeps one accumulator per step of the batch.
 */
import type { Labels } from '../../labels/labels.js';
import type { AggregateExpr, TextRange } from '../ast.js';
import { formatGoFloat } from './functions/go-float.js';
import { compensationAfter } from './functions/kahan.js';
import { quantile } from './functions/quantile.js';
import { GroupIndex, groupingOf } from './grouping.js';
import { STEPS_PER_BATCH, WholeVectorNode, type ScalarNode, type VectorNode } from './nodes.js';
import type { QueryContext } from './query-context.js';
import type { InstantVector, Sample } from './values.js';

export type ValueAggregateOp = 'sum' | 'avg' | 'count' | 'min' | 'max' | 'group' | 'stddev' | 'stdvar' | 'quantile';

/** Accumulator fields, laid out per step: `state[k * FIELDS + field]`. */
const VALUE = 0;
const COMPENSATION = 1;
const MEAN = 2;
const COUNT = 3;
/** 1 once avg has switched to the incremental mean. */
const INCREMENTAL = 4;
const FIELDS = 5;

class Group {
  /** The batch in which step k last received a sample. */
  readonly stamps = new Int32Array(STEPS_PER_BATCH).fill(-1);
  readonly state = new Float64Array(STEPS_PER_BATCH * FIELDS);
  /** quantile's values per step. */
  values: number[][] | undefined;

  constructor(readonly labels: Labels) {}
}

function start(g: Group, k: number, op: ValueAggregateOp, v: number): void {
  const s = g.state;
  const at = k * FIELDS;
  s[at + VALUE] = v;
  s[at + COMPENSATION] = 0;
  s[at + MEAN] = v;
  s[at + COUNT] = 1;
  s[at + INCREMENTAL] = 0;
  if (op === 'stddev' || op === 'stdvar') s[at + VALUE] = Number.isFinite(v) ? 0 : NaN;
  else if (op === 'group') s[at + VALUE] = 1;
  else if (op === 'quantile') {
    g.values ??= Array.from({ length: STEPS_PER_BATCH }, () => []);
    const values = g.values[k]!;
    values.length = 0;
    values.push(v);
  }
}

function add(g: Group, k: number, op: ValueAggregateOp, v: number): void {
  const s = g.state;
  const at = k * FIELDS;
  switch (op) {
    case 'sum': {
      const sum = s[at + VALUE]! + v;
      s[at + COMPENSATION] = compensationAfter(s[at + VALUE]!, v, sum, s[at + COMPENSATION]!);
      s[at + VALUE] = sum;
      return;
    }
    case 'avg':
      addToMean(s, at, v);
      return;
    case 'count':
      s[at + COUNT]++;
      return;
    case 'max': {
      const current = s[at + VALUE]!;
      if (current < v || Number.isNaN(current)) s[at + VALUE] = v;
      return;
    }
    case 'min': {
      const current = s[at + VALUE]!;
      if (current > v || Number.isNaN(current)) s[at + VALUE] = v;
      return;
    }
    case 'stddev':
    case 'stdvar': {
      const count = ++s[at + COUNT]!;
      const delta = v - s[at + MEAN]!;
      s[at + MEAN] += delta / count;
      s[at + VALUE] += delta * (v - s[at + MEAN]!);
      return;
    }
    case 'quantile':
      g.values![k]!.push(v);
      return;
    case 'group':
      return;
  }
}

/** Sums directly while the sum stays finite; afterwards keeps an incremental mean. */
function addToMean(s: Float64Array, at: number, v: number): void {
  const count = ++s[at + COUNT]!;
  if (s[at + INCREMENTAL] === 0) {
    const sum = s[at + VALUE]! + v;
    if (sum !== Infinity && sum !== -Infinity) {
      s[at + COMPENSATION] = compensationAfter(s[at + VALUE]!, v, sum, s[at + COMPENSATION]!);
      s[at + VALUE] = sum;
      return;
    }
    s[at + INCREMENTAL] = 1;
    s[at + MEAN] = s[at + VALUE]! / (count - 1);
    s[at + COMPENSATION] = s[at + COMPENSATION]! / (count - 1);
  }
  const q = (count - 1) / count;
  const scaledMean = q * s[at + MEAN]!;
  const inc = v / count;
  const next = scaledMean + inc;
  s[at + COMPENSATION] = compensationAfter(scaledMean, inc, next, q * s[at + COMPENSATION]!);
  s[at + MEAN] = next;
}

function result(g: Group, k: number, op: ValueAggregateOp, q: number): number {
  const s = g.state;
  const at = k * FIELDS;
  switch (op) {
    case 'sum':
      return s[at + VALUE]! + s[at + COMPENSATION]!;
    case 'avg': {
      if (s[at + INCREMENTAL] === 1) return s[at + MEAN]! + s[at + COMPENSATION]!;
      const count = s[at + COUNT]!;
      return s[at + VALUE]! / count + s[at + COMPENSATION]! / count;
    }
    case 'count':
      return s[at + COUNT]!;
    case 'stdvar':
      return s[at + VALUE]! / s[at + COUNT]!;
    case 'stddev':
      return Math.sqrt(s[at + VALUE]! / s[at + COUNT]!);
    case 'quantile':
      return quantile(q, g.values![k]!);
    default:
      return s[at + VALUE]!;
  }
}

export class AggregateNode extends WholeVectorNode {
  private readonly groups: GroupIndex<Group>;
  private batch = 0;

  constructor(
    private readonly ctx: QueryContext,
    expr: AggregateExpr,
    private readonly op: ValueAggregateOp,
    private readonly input: VectorNode,
    private readonly param: ScalarNode | undefined,
    private readonly paramRange: TextRange,
  ) {
    super();
    this.groups = new GroupIndex(groupingOf(expr), (labels) => new Group(labels));
  }

  vectorsAt(times: readonly number[]): InstantVector[] {
    const params = this.param?.scalarsAt(times);
    if (this.op === 'quantile') for (const q of params!) this.checkQuantile(q);
    const op = this.op;
    const stamp = ++this.batch;
    const steps = times.length;
    /** Per step: the groups in order of first appearance, and each input sample's name-drop flag. */
    const seen: Group[][] = Array.from({ length: steps }, () => []);
    const dropNames: boolean[][] = Array.from({ length: steps }, () => []);
    const groups = this.groups;
    this.input.streamAt(times, (k, s) => {
      const flags = dropNames[k]!;
      const group = groups.groupOf(s.labels, flags.length);
      flags.push(s.dropName === true);
      if (group.stamps[k] !== stamp) {
        group.stamps[k] = stamp;
        start(group, k, op, s.v);
        seen[k]!.push(group);
      } else {
        add(group, k, op, s.v);
      }
    });
    const out: InstantVector[] = new Array(steps);
    for (let k = 0; k < steps; k++) {
      const t = times[k]!;
      const q = params ? params[k]! : NaN;
      const groupsAtK = seen[k]!;
      const flags = dropNames[k]!;
      const samples: Sample[] = new Array(groupsAtK.length);
      for (let i = 0; i < groupsAtK.length; i++) {
        const group = groupsAtK[i]!;
        // Prometheus takes the flag from the input series at the group's index.
        samples[i] = { labels: group.labels, t, v: result(group, k, op, q), dropName: flags[i]! };
      }
      out[k] = samples;
    }
    return out;
  }

  private checkQuantile(q: number): void {
    if (q >= 0 && q <= 1) return;
    this.ctx.annotations.warn(`quantile value should be between 0 and 1, got ${formatGoFloat(q)}`, this.paramRange);
  }
}
