/**
 * Step-invariant subexpressions: with `@` on every selector they read, they evaluate to the same
 * value at every step, so Prometheus evaluates them once. The rules are upstream's, including
 * that an aggregation's parameter is not considered.
 */
import type { Expr } from '../ast.js';
import { postOrder } from '../ast-walk.js';
import { AT_MODIFIER_UNSAFE_FUNCTIONS } from '../functions.js';
import { WholeVectorNode, type EvalNode, type MatrixNode, type ScalarNode, type VectorNode } from './nodes.js';
import type { InstantVector, RangeVector } from './values.js';

/** The subexpressions of `root` that are step-invariant, found in one bottom-up pass without recursion. */
export function stepInvariantNodes(root: Expr): ReadonlySet<Expr> {
  const invariant = new Set<Expr>();
  for (const expr of postOrder(root)) if (isInvariantGiven(expr, invariant)) invariant.add(expr);
  return invariant;
}

function isInvariantGiven(expr: Expr, invariant: ReadonlySet<Expr>): boolean {
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
    case 'AggregateExpr':
      return invariant.has(expr.expr);
    case 'BinaryExpr':
      return invariant.has(expr.lhs) && invariant.has(expr.rhs);
    case 'Call':
      return !AT_MODIFIER_UNSAFE_FUNCTIONS.has(expr.func) && expr.args.every((a) => invariant.has(a));
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
  private values = new Float64Array(0);
  constructor(private readonly node: ScalarNode) {}
  scalarsAt(times: readonly number[]): Float64Array {
    const value = (this.value ??= this.node.scalarsAt(times.slice(0, 1))[0]!);
    if (this.values.length !== times.length) this.values = new Float64Array(times.length).fill(value);
    return this.values;
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
