/** Walking expression trees without recursion, so that no tree can exhaust the stack. */
import type { Expr } from './ast.js';

/** The direct children of a node, in source order. */
export function childrenOf(expr: Expr): readonly Expr[] {
  if (expr.kind === 'Call') return expr.args;
  const children: Expr[] = [];
  pushChildrenReversed(expr, children);
  return children.reverse();
}

/** Pushes the direct children of a node onto `stack`, the last first, so that they pop in source order. */
function pushChildrenReversed(expr: Expr, stack: Expr[]): void {
  switch (expr.kind) {
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'SubqueryExpr':
      stack.push(expr.expr);
      return;
    case 'AggregateExpr':
      stack.push(expr.expr);
      if (expr.param) stack.push(expr.param);
      return;
    case 'BinaryExpr':
      stack.push(expr.rhs, expr.lhs);
      return;
    case 'Call':
      for (let i = expr.args.length - 1; i >= 0; i--) stack.push(expr.args[i]!);
      return;
    case 'MatrixSelector':
      stack.push(expr.selector);
      return;
    case 'NumberLiteral':
    case 'StringLiteral':
    case 'VectorSelector':
      return;
  }
}

/** How many direct children a node has: as many as childrenOf gives, without making the list. */
export function childCount(expr: Expr): number {
  switch (expr.kind) {
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'SubqueryExpr':
    case 'MatrixSelector':
      return 1;
    case 'AggregateExpr':
      return expr.param ? 2 : 1;
    case 'BinaryExpr':
      return 2;
    case 'Call':
      return expr.args.length;
    case 'NumberLiteral':
    case 'StringLiteral':
    case 'VectorSelector':
      return 0;
  }
}

/** Every node of `root`, parents before children, in source order. */
export function nodesOf(root: Expr): Expr[] {
  const order: Expr[] = [];
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const expr = stack.pop()!;
    order.push(expr);
    pushChildrenReversed(expr, stack);
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
