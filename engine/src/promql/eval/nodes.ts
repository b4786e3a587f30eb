/**
 * Compiled expression nodes. The tree is built once per query; each node keeps the state that
 * survives across evaluation steps (selected series, cursors, label caches). Nodes evaluate a
 * batch of ascending timestamps at once, so that leaves can walk each series through the whole
 * batch before moving to the next series: far kinder to caches than visiting every series at
 * every step. Successive batches of one query are ascending too, except inside subqueries.
 */
import type { Labels } from '../../labels/labels.js';
import type { InstantVector, RangeVector, Sample } from './values.js';

/** How many steps are evaluated together (bounding the samples in flight). */
export const STEPS_PER_BATCH = 64;

/** Calls `body` with consecutive batches of the times `first, first + step, ... <= last`. */
export function forEachBatch(first: number, last: number, step: number, body: (times: number[]) => void): void {
  let batch: number[] = [];
  for (let t = first; t <= last; t += step) {
    batch.push(t);
    if (batch.length === STEPS_PER_BATCH) {
      body(batch);
      batch = [];
    }
  }
  if (batch.length > 0) body(batch);
}

/**
 * Receives the samples of a batch one at a time: `sample` belongs to `times[k]`. The samples of
 * one step arrive in vector order, but steps may interleave.
 */
export type SampleSink = (k: number, sample: Sample) => void;

/** Receives the samples of a batch as SampleSink does, in parts: no sample object is made for it. */
export type ValueSink = (k: number, labels: Labels, t: number, v: number, dropName: boolean) => void;

export interface VectorNode {
  readonly type: 'vector';
  /** The result at each of `times`. Callers must not modify the returned vectors or samples. */
  vectorsAt(times: readonly number[]): InstantVector[];
  /**
   * The same samples, handed over as they are computed, so that consumers which fold them
   * (aggregations, result collection) need not hold a whole batch.
   */
  streamAt(times: readonly number[], sink: SampleSink): void;
  /** Optionally, the same stream in parts, for nodes that can give it without making samples. */
  streamValuesAt?(times: readonly number[], sink: ValueSink): void;
}

/** Streams the samples of `node` at `times` in parts, without sample objects where the node can. */
export function streamValues(node: VectorNode, times: readonly number[], sink: ValueSink): void {
  if (node.streamValuesAt) node.streamValuesAt(times, sink);
  else node.streamAt(times, (k, s) => sink(k, s.labels, s.t, s.v, s.dropName === true));
}

/** A vector node that computes whole vectors; streaming replays them. */
export abstract class WholeVectorNode implements VectorNode {
  readonly type = 'vector';
  abstract vectorsAt(times: readonly number[]): InstantVector[];
  streamAt(times: readonly number[], sink: SampleSink): void {
    const vectors = this.vectorsAt(times);
    for (let k = 0; k < vectors.length; k++) {
      const samples = vectors[k]!;
      for (let i = 0; i < samples.length; i++) sink(k, samples[i]!);
    }
  }
}

/** At most this many steps of whole input vectors are held at once (see ChunkedVectorNode). */
const STEPS_PER_CHUNK = 16;

/**
 * A node that needs the whole vectors of its inputs (matching, ranking): it takes a batch in
 * smaller chunks, so that fewer input samples are alive at a time, which spares the garbage
 * collector from promoting them.
 */
export abstract class ChunkedVectorNode extends WholeVectorNode {
  protected abstract vectorsOfChunk(times: readonly number[]): InstantVector[];

  vectorsAt(times: readonly number[]): InstantVector[] {
    if (times.length <= STEPS_PER_CHUNK) return this.vectorsOfChunk(times);
    const out: InstantVector[] = [];
    for (let i = 0; i < times.length; i += STEPS_PER_CHUNK) {
      for (const v of this.vectorsOfChunk(times.slice(i, i + STEPS_PER_CHUNK))) out.push(v);
    }
    return out;
  }
}

/** A vector node that produces samples one by one; whole vectors are collected from the stream. */
export abstract class StreamingVectorNode implements VectorNode {
  readonly type = 'vector';
  abstract streamAt(times: readonly number[], sink: SampleSink): void;
  vectorsAt(times: readonly number[]): InstantVector[] {
    const out = emptyVectors(times.length);
    this.streamAt(times, (k, s) => out[k]!.push(s));
    return out;
  }
}

export interface ScalarNode {
  readonly type: 'scalar';
  /** The value at each of `times`. Callers must not modify the returned array. */
  scalarsAt(times: readonly number[]): Float64Array;
}

export interface MatrixNode {
  readonly type: 'matrix';
  /** The windows at `t`; valid until the node is evaluated again. */
  matrixAt(t: number): RangeVector;
}

export interface StringNode {
  readonly type: 'string';
  readonly value: string;
}

export type EvalNode = VectorNode | ScalarNode | MatrixNode | StringNode;

export class ScalarConstant implements ScalarNode {
  readonly type = 'scalar';
  /** The values of the last call, handed out again for as many times. */
  private values = new Float64Array(0);
  constructor(readonly value: number) {}
  scalarsAt(times: readonly number[]): Float64Array {
    if (this.values.length !== times.length) this.values = new Float64Array(times.length).fill(this.value);
    return this.values;
  }
}

export class StringConstant implements StringNode {
  readonly type = 'string';
  constructor(readonly value: string) {}
}

/** One empty vector per timestamp, to be filled. */
export function emptyVectors(count: number): InstantVector[] {
  const out: InstantVector[] = new Array(count);
  for (let i = 0; i < count; i++) out[i] = [];
  return out;
}
