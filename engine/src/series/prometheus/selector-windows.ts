/**
 * Which samples an expression reads when it is evaluated at every time in `[fromMs, toMs]`: for
 * each vector selector, the window of sample times it may look at, after `offset`, `@`, range
 * and lookback, through any nesting of subqueries. Used to fetch just enough history.
 */
import type { Expr, TimeModifiers, VectorSelector } from '../../promql/ast.js';
import { childrenOf } from '../../promql/ast-walk.js';

export interface SelectorWindow {
  selector: VectorSelector;
  /** Sample times the selector may read: `(fromMs, toMs]`. */
  fromMs: number;
  toMs: number;
}

interface Span {
  lo: number;
  hi: number;
}

export function selectorWindows(expr: Expr, fromMs: number, toMs: number, lookbackMs: number): SelectorWindow[] {
  const query: Span = { lo: fromMs, hi: toMs };
  const out: SelectorWindow[] = [];
  const stack: [Expr, Span][] = [[expr, query]];
  while (stack.length > 0) {
    const [node, span] = stack.pop()!;
    if (node.kind === 'VectorSelector' || node.kind === 'MatrixSelector') {
      const selector = node.kind === 'VectorSelector' ? node : node.selector;
      const reach = node.kind === 'VectorSelector' ? lookbackMs : node.rangeMs;
      const at = shifted(selector, span, query);
      out.push({ selector, fromMs: at.lo - reach, toMs: at.hi });
      continue;
    }
    let inner = span;
    if (node.kind === 'SubqueryExpr') {
      const at = shifted(node, span, query);
      inner = { lo: at.lo - node.rangeMs, hi: at.hi };
    }
    for (const child of childrenOf(node)) stack.push([child, inner]);
  }
  return out;
}

/**
 * The evaluation times after `@` and `offset`. `@ <time>` pins them; `@ start()` and `@ end()`
 * pin them to the time of the instant query, which runs at every time of the whole span.
 */
function shifted(modifiers: TimeModifiers, span: Span, query: Span): Span {
  let { lo, hi } = modifiers.atAnchor ? query : span;
  if (modifiers.atMs !== undefined) lo = hi = modifiers.atMs;
  return { lo: lo - modifiers.offsetMs, hi: hi - modifiers.offsetMs };
}
