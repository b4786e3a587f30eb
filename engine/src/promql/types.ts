/** Static types of expressions, as Prometheus's parser assigns them. */
import type { BinaryExpr, Expr, ValueType } from './ast.js';
import { lookupFunction } from './functions.js';

/** The static type of an expression; calls to unknown functions count as instant vectors. */
export function typeOf(expr: Expr): ValueType {
  switch (expr.kind) {
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
    case 'AggregateExpr':
      return 'vector';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'ParenExpr':
    case 'UnaryExpr':
      return typeOf(expr.expr);
    case 'Call':
      return lookupFunction(expr.func)?.returnType ?? 'vector';
    case 'BinaryExpr':
      return binaryChainType(expr);
  }
}

/**
 * A binary expression is a scalar only when both operands are. Chains such as `a + b + c + ...`
 * nest on the left, so walk that spine without recursing.
 */
function binaryChainType(expr: BinaryExpr): ValueType {
  let node: Expr = expr;
  while (node.kind === 'BinaryExpr') {
    if (typeOf(node.rhs) !== 'scalar') return 'vector';
    node = node.lhs;
  }
  return typeOf(node) === 'scalar' ? 'scalar' : 'vector';
}

export function binaryResultType(lhs: ValueType, rhs: ValueType): ValueType {
  return lhs === 'scalar' && rhs === 'scalar' ? 'scalar' : 'vector';
}

/** The name Prometheus uses for a type in messages: `instant vector`, `range vector`, `scalar`, `string`. */
export function documentedType(type: ValueType): string {
  switch (type) {
    case 'vector':
      return 'instant vector';
    case 'matrix':
      return 'range vector';
    default:
      return type;
  }
}
