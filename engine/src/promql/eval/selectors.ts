/**
 * Instant and range vector selectors: the lookback of instant selectors over `(t - lookback, t]`
 * ended early by staleness markers, range windows over `(t - range, t]`, `offset` and `@`.
 * Series are selected once per query; per-series cursors make each step cheap.
 */
import type { TimeModifiers, VectorSelector } from '../ast.js';
import type { StoredSeries } from '../../series/source.js';
import { StreamingVectorNode, type MatrixNode, type SampleSink, type ValueSink } from './nodes.js';
import type { QueryBounds, QueryContext, TimeSpan } from './query-context.js';
import { firstAfter } from './time-search.js';
import type { RangeVector, SeriesWindow } from './values.js';

/** The `@` timestamp of a selector or subquery, with `start()`/`end()` resolved; undefined without `@`. */
export function resolveAt(mods: TimeModifiers, bounds: QueryBounds): number | undefined {
  if (mods.atAnchor === 'start') return bounds.startMs;
  if (mods.atAnchor === 'end') return bounds.endMs;
  return mods.atMs;
}

/** Selects the series of a selector evaluated at the times in `span`, reaching back `reachMs`. */
function selectFor(
  ctx: QueryContext,
  selector: VectorSelector,
  atMs: number | undefined,
  span: TimeSpan,
  reachMs: number,
): StoredSeries[] {
  const last = (atMs ?? span.maxMs) - selector.offsetMs;
  const first = (atMs ?? span.minMs) - selector.offsetMs - reachMs;
  return ctx.source.select(selector.matchers, first, last);
}

/**
 * The index of the sample of `s` that an instant selector sees at `ref`: the latest at or before
 * `ref`, younger than the lookback delta and not followed by a staleness marker; -1 for none.
 * `cursors[at]` and `cursors[at + 1]` remember the search positions between calls.
 */
export function visibleSample(s: StoredSeries, ref: number, lookbackMs: number, cursors: Int32Array, at: number): number {
  const ts = s.ts;
  const next = firstAfter(ts, ts.length, ref, cursors[at]!);
  cursors[at] = next;
  if (next === 0) return -1;
  const sampleT = ts[next - 1]!;
  if (sampleT <= ref - lookbackMs) return -1;
  const staleTs = s.staleTs;
  if (staleTs.length > 0) {
    const nextStale = firstAfter(staleTs, staleTs.length, ref, cursors[at + 1]!);
    cursors[at + 1] = nextStale;
    if (nextStale > 0 && staleTs[nextStale - 1]! > sampleT) return -1;
  }
  return next - 1;
}

export interface VectorSelectorOptions {
  /**
   * Prometheus's `timestamp(x @ t offset o)` looks at exactly `t` and ignores the offset;
   * set for a selector that is the direct argument of `timestamp()`.
   */
  atIgnoresOffset?: boolean;
}

/** An instant vector selector. Samples carry their own timestamps (what `timestamp()` reports). */
export class VectorSelectorNode extends StreamingVectorNode {
  private series: StoredSeries[] | undefined;
  /** Per series, the positions of the last sample and staleness marker searches. */
  private cursors = new Int32Array(0);
  private readonly atMs: number | undefined;
  private readonly offsetMs: number;

  constructor(
    private readonly ctx: QueryContext,
    private readonly selector: VectorSelector,
    private readonly span: TimeSpan,
    options: VectorSelectorOptions = {},
  ) {
    super();
    this.atMs = resolveAt(selector, ctx.bounds);
    this.offsetMs = this.atMs !== undefined && options.atIgnoresOffset ? 0 : selector.offsetMs;
  }

  streamAt(times: readonly number[], sink: SampleSink): void {
    this.streamValuesAt(times, (k, labels, t, v, dropName) => sink(k, { labels, t, v, dropName }));
  }

  streamValuesAt(times: readonly number[], sink: ValueSink): void {
    const series = this.selected();
    const lookback = this.ctx.settings.lookbackDeltaMs;
    const cursors = this.cursors;
    let loaded = 0;
    for (let i = 0; i < series.length; i++) {
      const s = series[i]!;
      for (let k = 0; k < times.length; k++) {
        const j = visibleSample(s, (this.atMs ?? times[k]!) - this.offsetMs, lookback, cursors, 2 * i);
        if (j < 0) continue;
        sink(k, s.labels, s.ts[j]!, s.vs[j]!, false);
        loaded++;
      }
    }
    this.ctx.load(loaded);
  }

  private selected(): StoredSeries[] {
    if (!this.series) {
      this.series = selectFor(this.ctx, this.selector, this.atMs, this.span, this.ctx.settings.lookbackDeltaMs);
      this.cursors = new Int32Array(2 * this.series.length);
    }
    return this.series;
  }
}

/**
 * A range vector selector: windows over the stored arrays. Besides the windows of all series at
 * one time, it offers the window of one series at a time, for series-by-series evaluation.
 */
export class MatrixSelectorNode implements MatrixNode {
  readonly type = 'matrix';
  private series: StoredSeries[] | undefined;
  private windows: SeriesWindow[] = [];
  private fromHints = new Int32Array(0);
  private toHints = new Int32Array(0);
  private readonly atMs: number | undefined;

  constructor(
    private readonly ctx: QueryContext,
    private readonly selector: VectorSelector,
    private readonly rangeMs: number,
    private readonly span: TimeSpan,
  ) {
    this.atMs = resolveAt(selector, ctx.bounds);
  }

  /** The end of the window at evaluation time `t`; the window is `(end - range, end]`. */
  windowEnd(t: number): number {
    return (this.atMs ?? t) - this.selector.offsetMs;
  }

  get range(): number {
    return this.rangeMs;
  }

  /** The number of selected series; windowOf() takes indices below it. */
  seriesCount(): number {
    return this.selected().length;
  }

  /**
   * Points `w` (labels and arrays included) at series `i` in the window ending at `end`;
   * returns whether the window holds samples. Calls for one series should ascend in time.
   */
  windowOf(i: number, end: number, w: SeriesWindow): boolean {
    const s = this.selected()[i]!;
    const ts = s.ts;
    const n = ts.length;
    const from = firstAfter(ts, n, end - this.rangeMs, this.fromHints[i]!);
    const toHint = this.toHints[i]!;
    const to = firstAfter(ts, n, end, toHint > from ? toHint : from);
    this.fromHints[i] = from;
    this.toHints[i] = to;
    w.labels = s.labels;
    w.ts = ts;
    w.vs = s.vs;
    w.from = from;
    w.to = to;
    return to > from;
  }

  matrixAt(t: number): RangeVector {
    const series = this.selected();
    const end = this.windowEnd(t);
    const out: SeriesWindow[] = [];
    for (let i = 0; i < series.length; i++) {
      const w = this.windows[i]!;
      if (this.windowOf(i, end, w)) out.push(w);
    }
    return { series: out, rangeStartMs: end - this.rangeMs, rangeEndMs: end };
  }

  private selected(): StoredSeries[] {
    if (!this.series) {
      const series = selectFor(this.ctx, this.selector, this.atMs, this.span, this.rangeMs);
      this.series = series;
      this.windows = series.map((s) => ({ labels: s.labels, ts: s.ts, vs: s.vs, from: 0, to: 0, dropName: false }));
      this.fromHints = new Int32Array(series.length);
      this.toHints = new Int32Array(series.length);
    }
    return this.series;
  }
}
