/** Walking expression trees without recursion, so that no tree can exhaust the stack. */
import type { Expr } from './ast.js';

/** The direct children of a node, in source order. */
export function childrenOf(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'SubqueryExpr':
      return [expr.expr];
    case 'AggregateExpr':
      return expr.param ? [expr.param, expr.expr] : [expr.expr];
    case 'BinaryExpr':
      return [expr.lhs, expr.rhs];
    case 'Call':
      return expr.args;
    case 'MatrixSelector':
      return [expr.selector];
    case 'NumberLiteral':
    case 'StringLiteral':
    case 'VectorSelector':
      return [];
  }
}

/** Every node of `root`, parents before children, in source order. */
export function nodesOf(root: Expr): Expr[] {
  const order: Expr[] = [];
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const expr = stack.pop()!;
    order.push(expr);
    const children = childrenOf(expr);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return order;
}

/** Every node of `root`, children before parents. */
export function postOrder(root: Expr): Expr[] {
  const order: Expr[] = [];
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const expr = stack.pop()!;
    order.push(expr);
    stack.push(...childrenOf(expr));
  }
  return order.reverse();
}

/** The deepest path from `root` to a leaf, counting every node. */
export function treeDepth(root: Expr): number {
  let deepest = 0;
  const stack: Array<[Expr, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [expr, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    for (const child of childrenOf(expr)) stack.push([child, depth + 1]);
  }
  return deepest;
}
