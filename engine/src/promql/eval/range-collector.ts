/**
 * Gathers the per-step results of a range query into series: one series per label set (as
 * evaluated, before names are dropped), whose name-drop flag is that of its first sample.
 */
import { Labels } from '../../labels/labels.js';
import type { TextRange } from '../ast.js';
import { compareLabels } from '../../labels/labels.js';
import { LabelsMemo } from './labels-memo.js';
import { duplicateLabelsetError, finalLabels } from './name-dropping.js';
import type { QueryContext } from './query-context.js';
import { streamValues, type VectorNode } from './nodes.js';

export interface CollectedSeries {
  labels: Labels;
  points: { t: number; v: number }[];
}

export interface CollectedColumns {
  labels: Labels;
  /** Point times, ascending, and their values. */
  ts: readonly number[];
  vs: readonly number[];
}

class Accumulator {
  readonly ts: number[] = [];
  readonly vs: number[] = [];
  lastT = NaN;
  /** Set from the series' first sample. */
  dropName = false;
  constructor(readonly labels: Labels) {}
}

export class RangeCollector {
  private readonly series: Accumulator[] = [];
  private readonly byKey = new Map<string, Accumulator>();
  private readonly memo = new LabelsMemo<Accumulator>((labels) => {
    const key = labels.key();
    let acc = this.byKey.get(key);
    if (!acc) {
      acc = new Accumulator(labels);
      this.byKey.set(key, acc);
      this.series.push(acc);
    }
    return acc;
  });

  constructor(
    private readonly ctx: QueryContext,
    private readonly range: TextRange,
  ) {}

  /** Adds the results of the vector node `root` at `times`. */
  addBatch(root: VectorNode, times: readonly number[]): void {
    const positions: number[] = new Array(times.length).fill(0);
    let added = 0;
    streamValues(root, times, (k, labels, _t, v, dropName) => {
      this.add(labels, v, dropName, times[k]!, positions[k]!++);
      added++;
    });
    this.ctx.hold(added);
  }

  /** A scalar result is one series without labels. */
  addScalars(values: Float64Array, times: readonly number[]): void {
    for (let k = 0; k < times.length; k++) this.add(Labels.EMPTY, values[k]!, false, times[k]!, 0);
    this.ctx.hold(times.length);
  }

  private add(labels: Labels, v: number, dropName: boolean, t: number, position: number): void {
    const acc = this.memo.get(labels, position);
    if (acc.ts.length === 0) acc.dropName = dropName;
    else if (acc.lastT === t) throw duplicateLabelsetError(this.range);
    acc.lastT = t;
    acc.ts.push(t);
    acc.vs.push(v);
  }

  /** The series with names dropped where marked, sorted by labels. */
  finish(): CollectedSeries[] {
    return this.finishColumns().map(({ labels, ts, vs }) => ({ labels, points: ts.map((t, j) => ({ t, v: vs[j]! })) }));
  }

  /** The same series with their points in columns. */
  finishColumns(): CollectedColumns[] {
    const labels = finalLabels(this.series, this.range);
    const out: CollectedColumns[] = this.series.map((acc, i) => ({ labels: labels[i]!, ts: acc.ts, vs: acc.vs }));
    out.sort((a, b) => compareLabels(a.labels, b.labels));
    return out;
  }
}
