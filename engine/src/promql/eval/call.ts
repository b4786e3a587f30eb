/**
 * Function calls: arguments are evaluated for a batch of steps and handed, step by step, to the
 * implementation from FUNCTION_IMPLS. A function of a range vector selector that treats each
 * series on its own is called for a few series at a time through the whole batch (each call
 * still gets a RangeVector of one step), which keeps those series' samples hot in the cache.
 * Functions over a range vector mark the metric name for removal, except last_over_time, which
 * acts like an offset.
 */
import { Labels } from '../../labels/labels.js';
import type { Call } from '../ast.js';
import { StreamingVectorNode, type EvalNode, type SampleSink, type ScalarNode } from './nodes.js';
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
  /**
   * timestamp() reports the sample's own time only for a selector written directly as its
   * argument; anything else counts as computed at the evaluation time.
   */
  stampArgumentsAtEvalTime: boolean;
}

/** An argument evaluated for a whole batch, giving its value at step k (time t). */
type BatchArgument = (k: number, t: number) => Value;

export class FunctionCall {
  private readonly fctx: FunctionContext;
  private readonly dropNameOfRangeOutput: boolean;
  private readonly seriesWise: MatrixSelectorNode | undefined;

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
  }

  /** The results for `times`, handed to `sink` sample by sample. */
  stream(times: readonly number[], sink: SampleSink): void {
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

  private invoke(values: Value[], t: number): InstantVector {
    this.fctx.evalTimeMs = t;
    let out: InstantVector;
    try {
      out = this.impl(values, this.fctx);
    } catch (e) {
      if (e instanceof EvalError) throw e;
      throw new EvalError(`unexpected error in ${this.call.func}(): ${(e as Error).message}`, this.call.range);
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
}

/** A function whose result is a scalar: the value of the single sample it returns. */
export class ScalarCallNode implements ScalarNode {
  readonly type = 'scalar';
  constructor(private readonly call: FunctionCall) {}
  scalarsAt(times: readonly number[]): Float64Array {
    const out = new Float64Array(times.length).fill(NaN);
    const answered = new Uint8Array(times.length);
    this.call.stream(times, (k, s) => {
      if (answered[k] === 0) {
        answered[k] = 1;
        out[k] = s.v;
      }
    });
    return out;
  }
}
