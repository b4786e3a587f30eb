/** Values that expressions evaluate to. Times are milliseconds since the epoch. */
import type { Labels } from '../../labels/labels.js';
import type { Call, TextRange } from '../ast.js';

/** One element of an instant vector. */
export interface Sample {
  labels: Labels;
  /** The sample's own timestamp (what `timestamp()` returns); the evaluation time for computed samples. */
  t: number;
  v: number;
  /** Delayed `__name__` removal: drop the metric name when the result leaves the evaluator. */
  dropName?: boolean;
}

export type InstantVector = Sample[];

/**
 * The samples of one series inside a range window: indices `[from, to)` of the parallel arrays
 * `ts`/`vs`. Windows share the store's arrays, nothing is copied. Stale markers are never inside.
 */
export interface SeriesWindow {
  labels: Labels;
  ts: ArrayLike<number>;
  vs: ArrayLike<number>;
  from: number;
  to: number;
  dropName?: boolean;
}

export interface RangeVector {
  series: SeriesWindow[];
  /** The window is `(rangeStartMs, rangeEndMs]`, after offset and `@` are applied. */
  rangeStartMs: number;
  rangeEndMs: number;
}

export type Value =
  | { type: 'vector'; samples: InstantVector }
  | { type: 'scalar'; t: number; v: number }
  | { type: 'matrix'; matrix: RangeVector }
  | { type: 'string'; t: number; value: string };

export type AnnotationSeverity = 'warning' | 'info';

export interface Annotation {
  severity: AnnotationSeverity;
  /** Prometheus's text, e.g. `PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "foo"`. */
  message: string;
  range: TextRange;
}

/** Collects warnings and infos of one query, deduplicated by message as Prometheus does. */
export class Annotations {
  private readonly byMessage = new Map<string, Annotation>();

  add(severity: AnnotationSeverity, message: string, range: TextRange): void {
    if (!this.byMessage.has(message)) this.byMessage.set(message, { severity, message, range });
  }

  warn(message: string, range: TextRange): void {
    this.add('warning', `PromQL warning: ${message}`, range);
  }

  info(message: string, range: TextRange): void {
    this.add('info', `PromQL info: ${message}`, range);
  }

  list(severity?: AnnotationSeverity): Annotation[] {
    const all = [...this.byMessage.values()];
    return severity ? all.filter((a) => a.severity === severity) : all;
  }
}

/** What a function implementation sees besides its evaluated arguments. */
export interface FunctionContext {
  /** The evaluation timestamp of this step. */
  evalTimeMs: number;
  /** Bounds of the whole query (equal for an instant query), for `start()`, `end()`, `step()`. */
  startMs: number;
  endMs: number;
  stepMs: number;
  /** The call node: argument expressions (e.g. for `absent`), positions for annotations. */
  call: Call;
  annotations: Annotations;
}

/**
 * Evaluates one function at one step. Arguments arrive evaluated, in the order of the call
 * (omitted optional arguments are absent). Scalar-returning functions return a one-sample vector
 * whose value the evaluator turns into a scalar. Throw EvalError for runtime errors.
 */
export type FunctionImpl = (args: Value[], ctx: FunctionContext) => InstantVector;

/** A runtime error of a query, with the range of the node that raised it. */
export class EvalError extends Error {
  constructor(message: string, readonly range: TextRange) {
    super(message);
    this.name = 'EvalError';
  }
}
