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
import type { VectorNode } from './nodes.js';
import type { Sample } from './values.js';

export interface CollectedSeries {
  labels: Labels;
  points: { t: number; v: number }[];
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
    const positions = new Int32Array(times.length);
    let added = 0;
    root.streamAt(times, (k, s) => {
      this.add(s, times[k]!, positions[k]!++);
      added++;
    });
    this.ctx.hold(added);
  }

  /** A scalar result is one series without labels. */
  addScalars(values: Float64Array, times: readonly number[]): void {
    for (let k = 0; k < times.length; k++) this.add({ labels: Labels.EMPTY, t: times[k]!, v: values[k]! }, times[k]!, 0);
    this.ctx.hold(times.length);
  }

  private add(s: Sample, t: number, position: number): void {
    const acc = this.memo.get(s.labels, position);
    if (acc.ts.length === 0) acc.dropName = s.dropName === true;
    else if (acc.lastT === t) throw duplicateLabelsetError(this.range);
    acc.lastT = t;
    acc.ts.push(t);
    acc.vs.push(s.v);
  }

  /** The series with names dropped where marked, sorted by labels. */
  finish(): CollectedSeries[] {
    const labels = finalLabels(this.series, this.range);
    const out: CollectedSeries[] = this.series.map((acc, i) => ({
      labels: labels[i]!,
      points: acc.ts.map((t, j) => ({ t, v: acc.vs[j]! })),
    }));
    out.sort((a, b) => compareLabels(a.labels, b.labels));
    return out;
  }
}
