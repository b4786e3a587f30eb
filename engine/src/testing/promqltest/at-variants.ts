/**
 * The extra instant queries promqltest runs for every instant eval: the same expression with
 * every selector and subquery pinned by `@ <eval time>`, evaluated at other times. A correct
 * engine returns the same result at each of them.
 */
import type { Expr, SubqueryExpr, VectorSelector } from '../../promql/ast.js';
import { nodesOf } from '../../promql/ast-walk.js';
import { AT_MODIFIER_UNSAFE_FUNCTIONS } from '../../promql/functions.js';

export interface PinnedVariant {
  expr: Expr;
  evalMs: number;
  /** The `@` time the selectors were pinned to. */
  pinnedMs: number;
}

export function pinnedVariants(expr: Expr, evalMs: number): PinnedVariant[] {
  for (const node of nodesOf(expr)) {
    if (node.kind === 'Call' && AT_MODIFIER_UNSAFE_FUNCTIONS.has(node.func)) return [];
  }
  const pinned = pinAt(expr, evalMs);
  const times = evalMs === 0 ? [-1000, 0, 1000] : [-10 * evalMs, 0, Math.trunc(evalMs / 5), evalMs, 10 * evalMs];
  return times.map((t) => ({ expr: pinned, evalMs: t, pinnedMs: evalMs }));
}

/**
 * A copy of `expr` where selectors and subqueries without a fixed `@` time get `@ atMs`
 * (replacing `@ start()` / `@ end()`). The insides of subqueries are left alone.
 */
function pinAt(expr: Expr, atMs: number): Expr {
  const pin = <T extends VectorSelector | SubqueryExpr>(node: T): T => {
    if (node.atMs !== undefined) return node;
    const copy = { ...node, atMs };
    delete copy.atAnchor;
    return copy;
  };
  switch (expr.kind) {
    case 'VectorSelector':
    case 'SubqueryExpr':
      return pin(expr);
    case 'MatrixSelector':
      return { ...expr, selector: pin(expr.selector) };
    case 'ParenExpr':
    case 'UnaryExpr':
      return { ...expr, expr: pinAt(expr.expr, atMs) };
    case 'BinaryExpr':
      return { ...expr, lhs: pinAt(expr.lhs, atMs), rhs: pinAt(expr.rhs, atMs) };
    case 'Call':
      return { ...expr, args: expr.args.map((arg) => pinAt(arg, atMs)) };
    case 'AggregateExpr':
      return { ...expr, expr: pinAt(expr.expr, atMs), param: expr.param && pinAt(expr.param, atMs) };
    case 'NumberLiteral':
    case 'StringLiteral':
      return expr;
  }
}
