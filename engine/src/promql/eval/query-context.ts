/** What every node of one query shares: the source, the query bounds, options and annotations. */
import type { TextRange } from '../ast.js';
import type { SeriesSource } from '../../series/source.js';
import { Annotations, EvalError } from './values.js';

export interface QueryBounds {
  startMs: number;
  endMs: number;
  /** 0 for an instant query. */
  stepMs: number;
}

export interface QuerySettings {
  lookbackDeltaMs: number;
  maxSamples: number;
  /** The step of subqueries written without one (Prometheus's global evaluation interval). */
  defaultSubqueryStepMs: number;
}

/** The span of evaluation timestamps a node will be asked about, for selection hints. */
export interface TimeSpan {
  minMs: number;
  maxMs: number;
}

export class QueryContext {
  readonly annotations = new Annotations();
  /** Samples loaded while evaluating the current step. */
  private stepSamples = 0;
  /** Samples held across steps: the range result so far and subquery buffers. */
  private heldSamples = 0;

  constructor(
    readonly source: SeriesSource,
    readonly bounds: QueryBounds,
    readonly settings: QuerySettings,
    readonly rootRange: TextRange,
  ) {}

  startStep(): void {
    this.stepSamples = 0;
  }

  /** Starts counting the steps of a subquery on their own; returns what to pass to `leaveSubquery`. */
  enterSubquery(): number {
    const outer = this.stepSamples;
    this.stepSamples = 0;
    return outer;
  }

  leaveSubquery(outer: number): void {
    this.stepSamples = outer;
  }

  /** Accounts samples brought into memory for the current step. */
  load(count: number): void {
    this.stepSamples += count;
    if (this.stepSamples + this.heldSamples > this.settings.maxSamples) this.tooManySamples();
  }

  /** Accounts samples kept until the end of the query (negative to release them). */
  hold(count: number): void {
    this.heldSamples += count;
    if (count > 0 && this.stepSamples + this.heldSamples > this.settings.maxSamples) this.tooManySamples();
  }

  private tooManySamples(): never {
    throw new EvalError('query processing would load too many samples into memory in query execution', this.rootRange);
  }
}
