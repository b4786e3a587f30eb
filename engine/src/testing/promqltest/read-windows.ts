/**
 * Which sample times each selector of an expression may read when the expression is evaluated
 * at times within an interval: a superset, so that "reads nothing there" can be trusted.
 */
import type { Expr, TimeModifiers, VectorSelector } from '../../promql/ast.js';

/** Closed interval of milliseconds. */
export interface Interval {
  from: number;
  to: number;
}

export interface SelectorWindow {
  selector: VectorSelector;
  window: Interval;
}

/**
 * The windows of all selectors of `expr` evaluated at times in `evalTimes`. `@ start()` and
 * `@ end()` are taken to be anywhere in `evalTimes`.
 */
export function selectorWindows(expr: Expr, evalTimes: Interval, lookbackMs: number): SelectorWindow[] {
  const out: SelectorWindow[] = [];
  const visit = (node: Expr, times: Interval): void => {
    switch (node.kind) {
      case 'VectorSelector':
        out.push({ selector: node, window: lookBack(anchored(node, times, evalTimes), lookbackMs) });
        break;
      case 'MatrixSelector':
        out.push({ selector: node.selector, window: lookBack(anchored(node.selector, times, evalTimes), node.rangeMs) });
        break;
      case 'SubqueryExpr':
        visit(node.expr, lookBack(anchored(node, times, evalTimes), node.rangeMs));
        break;
      case 'ParenExpr':
      case 'UnaryExpr':
        visit(node.expr, times);
        break;
      case 'BinaryExpr':
        visit(node.lhs, times);
        visit(node.rhs, times);
        break;
      case 'Call':
        node.args.forEach((arg) => visit(arg, times));
        break;
      case 'AggregateExpr':
        if (node.param) visit(node.param, times);
        visit(node.expr, times);
        break;
      case 'NumberLiteral':
      case 'StringLiteral':
        break;
    }
  };
  visit(expr, evalTimes);
  return out;
}

/** The times a node with these modifiers reads at: fixed by `@`, else the evaluation times, minus the offset. */
function anchored(node: TimeModifiers, times: Interval, queryTimes: Interval): Interval {
  const base = node.atMs !== undefined ? { from: node.atMs, to: node.atMs } : node.atAnchor ? queryTimes : times;
  return { from: base.from - node.offsetMs, to: base.to - node.offsetMs };
}

function lookBack(times: Interval, rangeMs: number): Interval {
  return { from: times.from - rangeMs, to: times.to };
}
