/**
 * Step-invariant subexpressions: with `@` on every selector they read, they evaluate to the same
 * value at every step, so Prometheus evaluates them once. The rules are upstream's, including
 * that an aggregation's parameter is not considered.
 */
import type { Expr } from '../ast.js';
import { WholeVectorNode, type EvalNode, type MatrixNode, type ScalarNode, type VectorNode } from './nodes.js';
import type { InstantVector, RangeVector } from './values.js';

/** Functions whose result depends on the evaluation time even when their arguments do not. */
const TIME_DEPENDENT_FUNCTIONS = new Set([
  'days_in_month', 'day_of_month', 'day_of_week', 'day_of_year',
  'hour', 'minute', 'month', 'year',
  'predict_linear', 'time', 'timestamp',
]);

export function isStepInvariant(expr: Expr): boolean {
  switch (expr.kind) {
    case 'NumberLiteral':
    case 'StringLiteral':
      return true;
    case 'VectorSelector':
    case 'SubqueryExpr':
      return expr.atMs !== undefined || expr.atAnchor !== undefined;
    case 'MatrixSelector':
      return expr.selector.atMs !== undefined || expr.selector.atAnchor !== undefined;
    case 'ParenExpr':
    case 'UnaryExpr':
      return isStepInvariant(expr.expr);
    case 'AggregateExpr':
      return isStepInvariant(expr.expr);
    case 'BinaryExpr':
      return isStepInvariant(expr.lhs) && isStepInvariant(expr.rhs);
    case 'Call':
      return !TIME_DEPENDENT_FUNCTIONS.has(expr.func) && expr.args.every(isStepInvariant);
  }
}

class OnceVector extends WholeVectorNode {
  private value: InstantVector | undefined;
  constructor(private readonly node: VectorNode) {
    super();
  }
  vectorsAt(times: readonly number[]): InstantVector[] {
    const value = (this.value ??= this.node.vectorsAt(times.slice(0, 1))[0]!);
    return times.map(() => value);
  }
}

class OnceScalar implements ScalarNode {
  readonly type = 'scalar';
  private value: number | undefined;
  constructor(private readonly node: ScalarNode) {}
  scalarsAt(times: readonly number[]): Float64Array {
    const value = (this.value ??= this.node.scalarsAt(times.slice(0, 1))[0]!);
    return new Float64Array(times.length).fill(value);
  }
}

class OnceMatrix implements MatrixNode {
  readonly type = 'matrix';
  private value: RangeVector | undefined;
  constructor(private readonly node: MatrixNode) {}
  matrixAt(t: number): RangeVector {
    return (this.value ??= this.node.matrixAt(t));
  }
}

/** A node that evaluates `node` at the first step it is asked about and answers that ever after. */
export function evaluatedOnce(node: EvalNode): EvalNode {
  switch (node.type) {
    case 'vector':
      return new OnceVector(node);
    case 'scalar':
      return new OnceScalar(node);
    case 'matrix':
      return new OnceMatrix(node);
    case 'string':
      return node;
  }
}
