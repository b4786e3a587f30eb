/**
 * Function calls: arguments are evaluated for a batch of steps and handed, step by step, to the
 * implementation from FUNCTION_IMPLS. A function of a range vector selector that treats each
 * series on its own is called for a few series at a time through the whole batch (each call
 * still gets a RangeVector of one step), which keeps those series' samples hot in the cache;
 * a window function (functions/windows.ts) of a selector is computed window by window that way,
 * without vectors in between. Functions over a range vector mark the metric name for removal,
 * except last_over_time, which acts like an offset.
 */
import { Labels } from '../../labels/labels.js';
import type { Call } from '../ast.js';
import { CounterResets } from './functions/counter-resets.js';
import { durationSeconds, type WindowFunction, type WindowStep } from './functions/windows.js';
import { StreamingVectorNode, type EvalNode, type SampleSink, type ScalarNode, type ValueSink } from './nodes.js';
import type { QueryContext } from './query-context.js';
import { MatrixSelectorNode } from './selectors.js';
import {
  EvalError,
  type FunctionContext,
  type FunctionImpl,
  type InstantVector,
  type RangeVector,
  type SeriesWindow,
  type Value,
} from './values.js';

/** How many series a series-wise call handles together (see bySeries). */
const SERIES_PER_TILE = 32;

/** Range-vector functions whose result for a series depends on other series too. */
const CROSS_SERIES_RANGE_FUNCTIONS = new Set(['absent_over_time']);

export interface CallOptions {
  /** Whether the call takes a range vector, whose output names are dropped unless last_over_time. */
  overRange: boolean;
  /** The function as a window function, when it is one. */
  window?: WindowFunction;
  /**
   * timestamp() reports the sample's own time only for a selector written directly as its
   * argument; anything else counts as computed at the evaluation time.
   */
  stampArgumentsAtEvalTime: boolean;
}

/** A window function of a range selector, whose other arguments are all scalars. */
interface WindowWise {
  selector: MatrixSelectorNode;
  f: WindowFunction;
  scalars: ScalarNode[];
}

/** An argument evaluated for a whole batch, giving its value at step k (time t). */
type BatchArgument = (k: number, t: number) => Value;

export class FunctionCall {
  private readonly fctx: FunctionContext;
  private readonly dropNameOfRangeOutput: boolean;
  private readonly seriesWise: MatrixSelectorNode | undefined;
  private readonly windowWise: WindowWise | undefined;
  /** Per selected series, where its counter resets, for window-by-window evaluation. */
  private readonly counterResets: CounterResets[] = [];

  constructor(
    ctx: QueryContext,
    private readonly call: Call,
    private readonly impl: FunctionImpl,
    private readonly args: readonly EvalNode[],
    private readonly options: CallOptions,
  ) {
    const { startMs, endMs, stepMs } = ctx.bounds;
    this.fctx = { evalTimeMs: startMs, startMs, endMs, stepMs, call, annotations: ctx.annotations };
    this.dropNameOfRangeOutput = call.func !== 'last_over_time';
    const matrixArgs = args.filter((a) => a.type === 'matrix');
    const only = matrixArgs.length === 1 ? matrixArgs[0] : undefined;
    this.seriesWise =
      only instanceof MatrixSelectorNode && !CROSS_SERIES_RANGE_FUNCTIONS.has(call.func) ? only : undefined;
    const scalars = args.filter((a): a is ScalarNode => a.type === 'scalar');
    const window = options.window;
    if (this.seriesWise && window && args[window.rangeArg] === only && scalars.length === args.length - 1) {
      this.windowWise = { selector: this.seriesWise, f: window, scalars };
    }
  }

  /** The results for `times`, handed to `sink` in parts. */
  streamValues(times: readonly number[], sink: ValueSink): void {
    if (this.windowWise) this.windowByWindow(times, this.windowWise, sink);
    else this.stream(times, (k, s) => sink(k, s.labels, s.t, s.v, s.dropName === true));
  }

  /** The results for `times`, handed to `sink` sample by sample. */
  stream(times: readonly number[], sink: SampleSink): void {
    if (this.windowWise) {
      this.windowByWindow(times, this.windowWise, (k, labels, t, v, dropName) => sink(k, { labels, t, v, dropName }));
      return;
    }
    if (this.seriesWise) {
      this.bySeries(times, this.seriesWise, sink);
      return;
    }
    const batch = this.args.map((node) => this.batchArgument(node, times));
    for (let k = 0; k < times.length; k++) {
      const t = times[k]!;
      const result = this.invoke(batch.map((arg) => arg(k, t)), t);
      for (let i = 0; i < result.length; i++) sink(k, result[i]!);
    }
  }

  private batchArgument(node: EvalNode, times: readonly number[]): BatchArgument {
    switch (node.type) {
      case 'vector': {
        const vectors = node.vectorsAt(times);
        if (this.options.stampArgumentsAtEvalTime) {
          return (k, t) => ({ type: 'vector', samples: vectors[k]!.map((s) => ({ ...s, t })) });
        }
        return (k) => ({ type: 'vector', samples: vectors[k]! });
      }
      case 'scalar': {
        const values = node.scalarsAt(times);
        return (k, t) => ({ type: 'scalar', t, v: values[k]! });
      }
      case 'matrix':
        return (_k, t) => ({ type: 'matrix', matrix: node.matrixAt(t) });
      case 'string':
        return (_k, t) => ({ type: 'string', t, value: node.value });
    }
  }

  /**
   * Walks the batch in tiles of SERIES_PER_TILE series: within a tile, each step calls the
   * function once with the windows of the tile's series. A tile's windows through the whole
   * batch are small enough to stay in the cache.
   */
  private bySeries(times: readonly number[], selector: MatrixSelectorNode, sink: SampleSink): void {
    const count = selector.seriesCount();
    const tileSize = Math.min(SERIES_PER_TILE, count);
    const windows: SeriesWindow[] = [];
    for (let j = 0; j < tileSize; j++) {
      windows.push({ labels: Labels.EMPTY, ts: [], vs: [], from: 0, to: 0, dropName: false });
    }
    const batch = this.args.map((node) => (node.type === 'matrix' ? undefined : this.batchArgument(node, times)));
    const range = selector.range;
    for (let first = 0; first < count; first += tileSize) {
      const last = Math.min(first + tileSize, count);
      for (let k = 0; k < times.length; k++) {
        const t = times[k]!;
        const end = selector.windowEnd(t);
        const series: SeriesWindow[] = [];
        for (let i = first; i < last; i++) {
          const w = windows[i - first]!;
          if (selector.windowOf(i, end, w)) series.push(w);
        }
        if (series.length === 0) continue;
        const matrix: RangeVector = { series, rangeStartMs: end - range, rangeEndMs: end };
        const values = batch.map((arg) => (arg ? arg(k, t) : { type: 'matrix' as const, matrix }));
        const result = this.invoke(values, t);
        for (let j = 0; j < result.length; j++) sink(k, result[j]!);
      }
    }
  }

  /**
   * The window function's value for each window, tile by tile as bySeries goes, so that samples
   * and annotations come in the same order.
   */
  private windowByWindow(times: readonly number[], { selector, f, scalars }: WindowWise, sink: ValueSink): void {
    const params = scalars.map((node) => node.scalarsAt(times));
    const count = selector.seriesCount();
    const tileSize = Math.min(SERIES_PER_TILE, count);
    const w: SeriesWindow = { labels: Labels.EMPTY, ts: [], vs: [], from: 0, to: 0, dropName: false };
    const step: WindowStep = { rangeStartMs: 0, rangeEndMs: 0, evalTimeMs: 0, rangeSeconds: 0, params: params.map(() => NaN) };
    const outputs: Labels[] = [];
    const resets = this.counterResets;
    const range = selector.range;
    const dropName = this.dropNameOfRangeOutput;
    for (let first = 0; first < count; first += tileSize) {
      const last = Math.min(first + tileSize, count);
      for (let k = 0; k < times.length; k++) {
        const t = times[k]!;
        const end = selector.windowEnd(t);
        step.rangeStartMs = end - range;
        step.rangeEndMs = end;
        step.evalTimeMs = t;
        step.rangeSeconds = durationSeconds(end - step.rangeStartMs);
        for (let j = 0; j < params.length; j++) step.params[j] = params[j]![k]!;
        outputs.length = 0;
        for (let i = first; i < last; i++) {
          if (!selector.windowOf(i, end, w)) continue;
          step.resets = resets[i] ??= new CounterResets();
          let v: number | undefined;
          try {
            v = f.value(w, step);
          } catch (e) {
            throw this.unexpected(e);
          }
          if (v === undefined) continue;
          outputs.push(w.labels);
          sink(k, w.labels, t, v, dropName);
        }
        if (f.annotate && outputs.length > 0) {
          this.fctx.evalTimeMs = t;
          try {
            f.annotate(outputs, step, this.fctx);
          } catch (e) {
            throw this.unexpected(e);
          }
        }
      }
    }
  }

  /** What the function threw, as an EvalError. */
  private unexpected(e: unknown): EvalError {
    if (e instanceof EvalError) return e;
    return new EvalError(`unexpected error in ${this.call.func}(): ${(e as Error).message}`, this.call.range);
  }

  private invoke(values: Value[], t: number): InstantVector {
    this.fctx.evalTimeMs = t;
    let out: InstantVector;
    try {
      out = this.impl(values, this.fctx);
    } catch (e) {
      throw this.unexpected(e);
    }
    if (this.options.overRange) {
      const dropName = this.dropNameOfRangeOutput;
      for (let i = 0; i < out.length; i++) {
        const s = out[i]!;
        if (s.dropName !== dropName) s.dropName = dropName;
      }
    }
    return out;
  }
}

export class VectorCallNode extends StreamingVectorNode {
  constructor(private readonly call: FunctionCall) {
    super();
  }
  streamAt(times: readonly number[], sink: SampleSink): void {
    this.call.stream(times, sink);
  }

  streamValuesAt(times: readonly number[], sink: ValueSink): void {
    this.call.streamValues(times, sink);
  }
}

/** A function whose result is a scalar: the value of the single sample it returns. */
export class ScalarCallNode implements ScalarNode {
  readonly type = 'scalar';
  constructor(private readonly call: FunctionCall) {}
  scalarsAt(times: readonly number[]): Float64Array {
    const out = new Float64Array(times.length).fill(NaN);
    const answered: boolean[] = new Array(times.length).fill(false);
    this.call.stream(times, (k, s) => {
      if (!answered[k]) {
        answered[k] = true;
        out[k] = s.v;
      }
    });
    return out;
  }
}
