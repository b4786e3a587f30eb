/**
 * Rule queries for a simulation, where every evaluation time is known in advance. A rule whose
 * expression reads only input series (never what rules write: recorded series, `ALERTS`,
 * `ALERTS_FOR_STATE`) gives at each time what a range query over its evaluation times gives
 * there, so such rules are evaluated a batch of steps at a time with one range query, which
 * selects series once per batch instead of once per step. Anything else, and any batch whose
 * range query fails, is evaluated step by step with instant queries, as Prometheus does.
 */
import type { Expr } from '../promql/ast.js';
import { nodesOf } from '../promql/ast-walk.js';
import { evaluateRange, type EvalOptions } from '../promql/eval/evaluate.js';
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
  private readonly batches = new Map<Rule, Map<number, InstantVector>>();

  constructor(
    private readonly source: SeriesSource,
    private readonly options: EvalOptions = {},
  ) {}

  /** Declares the query times of the rules of `group`; only rules that read nothing rules write are batched. */
  plan(group: RuleGroup, grid: RuleGrid, writtenNames: ReadonlySet<string>): void {
    for (const rule of group.rules) {
      if (rule.expr && readsOnlyInputs(rule.expr, writtenNames)) this.grids.set(rule, grid);
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
    const result = batch.get(timeMs);
    batch.delete(timeMs);
    return result ?? queryVector(expr, this.source, timeMs, this.options);
  }

  /** Results from `fromMs` for up to BATCH_STEPS steps; times missing from the map are evaluated one by one. */
  private evaluateBatch(expr: Expr, grid: RuleGrid, fromMs: number): Map<number, InstantVector> {
    const toMs = Math.min(grid.lastMs, fromMs + (BATCH_STEPS - 1) * grid.stepMs);
    const batch = new Map<number, InstantVector>();
    let series;
    try {
      series = evaluateRange(expr, this.source, fromMs, toMs, grid.stepMs, this.options).series;
    } catch {
      return batch;
    }
    for (let t = fromMs; t <= toMs; t += grid.stepMs) batch.set(t, []);
    for (const { labels, points } of series) {
      for (const { t, v } of points) batch.get(t)!.push({ labels, t, v });
    }
    return batch;
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
