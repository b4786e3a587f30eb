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
import { emptyVectors, STEPS_PER_BATCH, streamValues, WholeVectorNode, type ScalarNode, type ValueSink, type VectorNode } from './nodes.js';
import type { QueryContext } from './query-context.js';
import type { InstantVector } from './values.js';

export type ValueAggregateOp = 'sum' | 'avg' | 'count' | 'min' | 'max' | 'group' | 'stddev' | 'stdvar' | 'quantile';

/** Accumulator fields, laid out per group and step (see GroupStates). */
const VALUE = 0;
const COMPENSATION = 1;
const MEAN = 2;
const COUNT = 3;
/** 1 once avg has switched to the incremental mean. */
const INCREMENTAL = 4;
const FIELDS = 5;

/**
 * The accumulators of all groups of one aggregation for the steps of a batch, in two arrays
 * rather than two per group: `state[(group * STEPS_PER_BATCH + k) * FIELDS + field]`.
 */
class GroupStates {
  state = new Float64Array(0);
  /** The batch in which step k of a group last received a sample. */
  stamps = new Int32Array(0);
  private count = 0;

  /** The index of a new group. */
  add(): number {
    const capacity = this.stamps.length / STEPS_PER_BATCH;
    if (this.count === capacity) {
      const grown = Math.max(8, capacity * 2);
      const state = new Float64Array(grown * STEPS_PER_BATCH * FIELDS);
      state.set(this.state);
      const stamps = new Int32Array(grown * STEPS_PER_BATCH).fill(-1);
      stamps.set(this.stamps);
      this.state = state;
      this.stamps = stamps;
    }
    return this.count++;
  }
}

class Group {
  /** quantile's values per step. */
  values: number[][] | undefined;

  constructor(
    readonly labels: Labels,
    /** The group's place in GroupStates. */
    readonly index: number,
  ) {}
}

/** Where the accumulator of group `g` at step `k` starts. */
function stateAt(g: Group, k: number): number {
  return (g.index * STEPS_PER_BATCH + k) * FIELDS;
}

function start(s: Float64Array, g: Group, k: number, op: ValueAggregateOp, v: number): void {
  const at = stateAt(g, k);
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

function add(s: Float64Array, g: Group, k: number, op: ValueAggregateOp, v: number): void {
  const at = stateAt(g, k);
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

function result(s: Float64Array, g: Group, k: number, op: ValueAggregateOp, q: number): number {
  const at = stateAt(g, k);
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
  private readonly states = new GroupStates();
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
    this.groups = new GroupIndex(groupingOf(expr), (labels) => new Group(labels, this.states.add()));
  }

  vectorsAt(times: readonly number[]): InstantVector[] {
    const out = emptyVectors(times.length);
    this.streamValuesAt(times, (k, labels, t, v, dropName) => out[k]!.push({ labels, t, v, dropName }));
    return out;
  }

  /** Folds the input of the batch, then hands over each step's groups in order of first appearance. */
  streamValuesAt(times: readonly number[], sink: ValueSink): void {
    const params = this.param?.scalarsAt(times);
    if (this.op === 'quantile') for (const q of params!) this.checkQuantile(q);
    const op = this.op;
    const stamp = ++this.batch;
    const steps = times.length;
    /** Per step: the groups in order of first appearance, and the name-drop flags of the inputs. */
    const seen: Group[][] = Array.from({ length: steps }, () => []);
    const flags = new InputFlags(steps);
    const groups = this.groups;
    const states = this.states;
    streamValues(this.input, times, (k, labels, _t, v, dropName) => {
      const group = groups.groupOf(labels, flags.add(k, dropName));
      const stampAt = group.index * STEPS_PER_BATCH + k;
      if (states.stamps[stampAt] !== stamp) {
        states.stamps[stampAt] = stamp;
        start(states.state, group, k, op, v);
        seen[k]!.push(group);
      } else {
        add(states.state, group, k, op, v);
      }
    });
    for (let k = 0; k < steps; k++) {
      const t = times[k]!;
      const q = params ? params[k]! : NaN;
      const groupsAtK = seen[k]!;
      for (let i = 0; i < groupsAtK.length; i++) {
        const group = groupsAtK[i]!;
        // Prometheus takes the flag from the input series at the group's index.
        sink(k, group.labels, t, result(states.state, group, k, op, q), flags.at(k, i));
      }
    }
  }

  private checkQuantile(q: number): void {
    if (q >= 0 && q <= 1) return;
    this.ctx.annotations.warn(`quantile value should be between 0 and 1, got ${formatGoFloat(q)}`, this.paramRange);
  }
}

/**
 * The name-drop flags of the input samples of each step, by position. Mostly all inputs of a
 * step have the same flag; the flags are listed one by one only once they differ.
 */
class InputFlags {
  private readonly counts: number[];
  private readonly first: number[];
  private readonly listed: (boolean[] | undefined)[];

  constructor(steps: number) {
    this.counts = new Array(steps).fill(0);
    this.first = new Array(steps).fill(0);
    this.listed = new Array(steps).fill(undefined);
  }

  /** Records the flag of the next input of step `k`; returns that input's position. */
  add(k: number, flag: boolean): number {
    const position = this.counts[k]!++;
    const bit = flag ? 1 : 0;
    if (position === 0) this.first[k] = bit;
    else if (this.listed[k]) this.listed[k]!.push(flag);
    else if (bit !== this.first[k]) {
      const list: boolean[] = new Array(position).fill(this.first[k] === 1);
      list.push(flag);
      this.listed[k] = list;
    }
    return position;
  }

  at(k: number, position: number): boolean {
    const list = this.listed[k];
    return list ? list[position]! : this.first[k] === 1;
  }
}
