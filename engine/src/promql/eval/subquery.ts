/**
 * Subqueries: the inner expression evaluated at every multiple of the step (in absolute time)
 * inside `(t - offset - range, t - offset]` (or relative to `@`), presented as range windows.
 * Inner results are buffered per series, so that consecutive outer steps only evaluate the
 * inner steps that are new to them.
 */
import type { Labels } from '../../labels/labels.js';
import type { SubqueryExpr } from '../ast.js';
import { TimeColumns } from '../../series/memory-store.js';
import { LabelsMemo } from './labels-memo.js';
import { duplicateLabelsetError } from './name-dropping.js';
import { forEachBatch, STEPS_PER_BATCH, streamValues, type MatrixNode, type VectorNode } from './nodes.js';
import type { QueryContext } from './query-context.js';
import { firstAfter } from './time-search.js';
import type { RangeVector, SeriesWindow } from './values.js';

class BufferedSeries {
  readonly points = new TimeColumns();
  /** Search positions of the previous window, to start from. */
  fromHint = 0;
  toHint = 0;
  /** dropName is set from the series' first sample. */
  readonly window: SeriesWindow;

  constructor(labels: Labels) {
    this.window = { labels, ts: this.points.ts, vs: this.points.vs, from: 0, to: 0, dropName: false };
  }
}

/** Points older than this many are dropped once they make up half of a buffer. */
const COMPACT_AFTER = 1024;

export interface SubqueryTiming {
  rangeMs: number;
  stepMs: number;
  offsetMs: number;
  atMs: number | undefined;
  /** The latest inner step any evaluation of the subquery can need. */
  lastStepMs: number;
}

/** The first multiple of `step` after `t` (Prometheus aligns subquery steps to absolute time). */
export function firstStepAfter(t: number, step: number): number {
  return Math.floor(t / step) * step + step;
}

export class SubqueryNode implements MatrixNode {
  readonly type = 'matrix';
  private readonly series: BufferedSeries[] = [];
  private readonly byKey = new Map<string, BufferedSeries>();
  private readonly memo = new LabelsMemo<BufferedSeries>((labels) => {
    const key = labels.key();
    let buffer = this.byKey.get(key);
    if (!buffer) {
      buffer = new BufferedSeries(labels);
      this.byKey.set(key, buffer);
      this.series.push(buffer);
    }
    return buffer;
  });
  /** Inner steps evaluated and still buffered: [firstDone, lastDone]; NaN when none. */
  private firstDone = NaN;
  private lastDone = NaN;
  private buffered = 0;

  constructor(
    private readonly ctx: QueryContext,
    private readonly expr: SubqueryExpr,
    private readonly inner: VectorNode,
    private readonly timing: SubqueryTiming,
  ) {}

  matrixAt(t: number): RangeVector {
    const { rangeMs, stepMs, offsetMs, atMs } = this.timing;
    const end = (atMs ?? t) - offsetMs;
    const start = end - rangeMs;
    this.evaluateUpTo(firstStepAfter(start, stepMs), end);
    return { series: this.windows(start, end), rangeStartMs: start, rangeEndMs: end };
  }

  /**
   * Makes sure that every inner step from `first` to `end` is buffered. Missing steps are
   * evaluated a batch ahead, as far as later outer steps can need them: evaluating many inner
   * steps together is much faster than one at a time.
   */
  private evaluateUpTo(first: number, end: number): void {
    const step = this.timing.stepMs;
    let next: number;
    if (!(first >= this.firstDone && first <= this.lastDone + step)) {
      this.reset();
      next = first;
    } else {
      next = this.lastDone + step;
    }
    this.firstDone = first;
    if (next > end) return;
    const last = Math.max(end, Math.min(next + (STEPS_PER_BATCH - 1) * step, this.timing.lastStepMs));
    this.evaluate(next, last);
  }

  private evaluate(next: number, last: number): void {
    const outer = this.ctx.enterSubquery();
    try {
      forEachBatch(next, last, this.timing.stepMs, (times) => {
        this.ctx.startStep();
        const positions: number[] = new Array(times.length).fill(0);
        let appended = 0;
        streamValues(this.inner, times, (k, labels, _t, v, dropName) => {
          this.append(labels, v, dropName, times[k]!, positions[k]!++);
          appended++;
        });
        this.buffered += appended;
        this.ctx.hold(appended);
        this.lastDone = times[times.length - 1]!;
      });
    } finally {
      this.ctx.leaveSubquery(outer);
    }
  }

  private append(labels: Labels, v: number, dropName: boolean, ti: number, position: number): void {
    const buffer = this.memo.get(labels, position);
    const points = buffer.points;
    if (points.length === 0) buffer.window.dropName = dropName;
    else if (points.ts[points.length - 1] === ti) throw duplicateLabelsetError(this.expr.range);
    points.put(ti, v);
  }

  private windows(start: number, end: number): SeriesWindow[] {
    const out: SeriesWindow[] = [];
    for (const buffer of this.series) {
      const points = buffer.points;
      let from = firstAfter(points.ts, points.length, start, buffer.fromHint);
      if (from >= COMPACT_AFTER && from * 2 >= points.length) {
        points.dropFirst(from);
        this.buffered -= from;
        this.ctx.hold(-from);
        from = 0;
        buffer.toHint = 0;
      }
      const to = firstAfter(points.ts, points.length, end, buffer.toHint > from ? buffer.toHint : from);
      buffer.fromHint = from;
      buffer.toHint = to;
      if (to <= from) continue;
      const w = buffer.window;
      w.ts = points.ts;
      w.vs = points.vs;
      w.from = from;
      w.to = to;
      out.push(w);
    }
    return out;
  }

  private reset(): void {
    for (const buffer of this.series) {
      buffer.points.length = 0;
      buffer.fromHint = 0;
      buffer.toHint = 0;
    }
    this.ctx.hold(-this.buffered);
    this.buffered = 0;
    this.firstDone = NaN;
    this.lastDone = NaN;
  }
}
