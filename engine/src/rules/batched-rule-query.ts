/**
 * Rule queries for a simulation, where every evaluation time is known in advance. A rule whose
 * expression reads only input series (never what rules write: recorded series, `ALERTS`,
 * `ALERTS_FOR_STATE`) gives at each time what a range query over its evaluation times gives
 * there, so such rules are evaluated a batch of steps at a time with one range query, which
 * selects series once per batch instead of once per step. Subexpressions that several batched
 * rules have in common are evaluated once per batch (shared-subexpressions.ts): what they read
 * never changes during the simulation. Anything else, and any batch whose range query fails, is
 * evaluated step by step with instant queries, as Prometheus does.
 */
import type { Expr } from '../promql/ast.js';
import { nodesOf } from '../promql/ast-walk.js';
import { evaluateRangeSharing, type EvalOptions } from '../promql/eval/evaluate.js';
import type { CollectedColumns } from '../promql/eval/range-collector.js';
import { SharedSubexpressions } from '../promql/eval/shared-subexpressions.js';
import type { InstantVector } from '../promql/eval/values.js';
import type { SeriesSource } from '../series/source.js';
import { queryVector } from './query-vector.js';
import type { Rule, RuleGroup } from './rule.js';

export interface RuleGrid {
  /** The first and last query times of the rule (evaluation times minus the query offset). */
  firstMs: number;
  lastMs: number;
  stepMs: number;
}

/** Steps evaluated by one range query. */
const BATCH_STEPS = 240;

export class BatchedRuleQuery {
  private readonly grids = new Map<Rule, RuleGrid>();
  private readonly batches = new Map<Rule, Batch>();
  private readonly shared = new SharedSubexpressions();
  /** The latest start of a batch: shared values before it are no longer needed. */
  private latestBatchMs = -Infinity;

  constructor(
    private readonly source: SeriesSource,
    private readonly options: EvalOptions = {},
  ) {}

  /** Declares the query times of the rules of `group`; only rules that read nothing rules write are batched. */
  plan(group: RuleGroup, grid: RuleGrid, writtenNames: ReadonlySet<string>): void {
    for (const rule of group.rules) {
      if (!rule.expr || !readsOnlyInputs(rule.expr, writtenNames)) continue;
      this.grids.set(rule, grid);
      this.shared.declare(rule.expr);
    }
  }

  /** The rule's result at `timeMs`, as an instant query gives it. */
  query(rule: Rule, expr: Expr, timeMs: number): InstantVector {
    const grid = this.grids.get(rule);
    if (!grid || timeMs < grid.firstMs || timeMs > grid.lastMs || (timeMs - grid.firstMs) % grid.stepMs !== 0) {
      return queryVector(expr, this.source, timeMs, this.options);
    }
    let batch = this.batches.get(rule);
    if (!batch?.has(timeMs)) this.batches.set(rule, (batch = this.evaluateBatch(expr, grid, timeMs)));
    return batch.take(timeMs) ?? queryVector(expr, this.source, timeMs, this.options);
  }

  /** Results from `fromMs` for up to BATCH_STEPS steps; none when the range query fails. */
  private evaluateBatch(expr: Expr, grid: RuleGrid, fromMs: number): Batch {
    const toMs = Math.min(grid.lastMs, fromMs + (BATCH_STEPS - 1) * grid.stepMs);
    const batch = new Batch(fromMs, grid.stepMs);
    if (fromMs > this.latestBatchMs) {
      this.shared.forgetBefore(fromMs);
      this.latestBatchMs = fromMs;
    }
    let series;
    try {
      series = evaluateRangeSharing(expr, this.source, { startMs: fromMs, endMs: toMs, stepMs: grid.stepMs }, this.options, this.shared);
    } catch {
      return batch;
    }
    batch.fill((toMs - fromMs) / grid.stepMs + 1, series);
    return batch;
  }
}

/** The results of one rule at the steps of a batch, each taken once. */
class Batch {
  private readonly vectors: (InstantVector | undefined)[] = [];

  constructor(
    private readonly fromMs: number,
    private readonly stepMs: number,
  ) {}

  fill(steps: number, series: readonly CollectedColumns[]): void {
    for (let k = 0; k < steps; k++) this.vectors.push([]);
    for (const { labels, ts, vs } of series) {
      for (let j = 0; j < ts.length; j++) this.vectors[this.indexOf(ts[j]!)]!.push({ labels, t: ts[j]!, v: vs[j]! });
    }
  }

  has(timeMs: number): boolean {
    return this.vectors[this.indexOf(timeMs)] !== undefined;
  }

  /** The result at `timeMs`, which is no longer held afterwards. */
  take(timeMs: number): InstantVector | undefined {
    const k = this.indexOf(timeMs);
    const vector = this.vectors[k];
    this.vectors[k] = undefined;
    return vector;
  }

  private indexOf(timeMs: number): number {
    return (timeMs - this.fromMs) / this.stepMs;
  }
}

/**
 * Whether every selector of `expr` is kept by a metric-name matcher from every name rules write,
 * and no `@ start()`/`@ end()` (which differ between range and instant queries) is used.
 */
function readsOnlyInputs(expr: Expr, writtenNames: ReadonlySet<string>): boolean {
  for (const node of nodesOf(expr)) {
    if ((node.kind === 'VectorSelector' || node.kind === 'SubqueryExpr') && node.atAnchor) return false;
    if (node.kind !== 'VectorSelector') continue;
    const nameMatchers = node.matchers.filter((m) => m.name === '__name__');
    if (nameMatchers.length === 0) return false;
    for (const name of writtenNames) if (nameMatchers.every((m) => m.matches(name))) return false;
  }
  return true;
}
