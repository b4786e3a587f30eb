/** Walking an expression tree. */
import type { Expr } from '../../promql/ast.js';

/** Every node of `expr`, parents before children. */
export function* nodesOf(expr: Expr): Generator<Expr> {
  yield expr;
  switch (expr.kind) {
    case 'MatrixSelector':
      yield expr.selector;
      break;
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      yield* nodesOf(expr.expr);
      break;
    case 'BinaryExpr':
      yield* nodesOf(expr.lhs);
      yield* nodesOf(expr.rhs);
      break;
    case 'Call':
      for (const arg of expr.args) yield* nodesOf(arg);
      break;
    case 'AggregateExpr':
      if (expr.param) yield* nodesOf(expr.param);
      yield* nodesOf(expr.expr);
      break;
    default:
      break;
  }
}
