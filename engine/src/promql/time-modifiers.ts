/**
 * What may follow an expression: a range (`[5m]`), a subquery (`[1h:1m]`), an offset and an `@`,
 * applied in the written order with Prometheus's rules about where each is allowed.
 */
import type { Expr, MatrixSelector, SubqueryExpr, TextRange, VectorSelector } from './ast.js';

export type PostfixModifier =
  /** `stepMs` is undefined for a range, 0 for a subquery without a step. */
  | { kind: 'range'; brackets: TextRange; rangeMs: number; stepMs: number | undefined }
  | { kind: 'offset'; ms: number; end: number }
  | { kind: 'at'; atMs?: number; anchor?: 'start' | 'end'; end: number };

export type Report = (message: string, range: TextRange) => void;

/** Applies one modifier; returns the new node (ranges and subqueries wrap `expr`) or `expr` itself. */
export function applyModifier(expr: Expr, modifier: PostfixModifier, report: Report): Expr {
  switch (modifier.kind) {
    case 'range':
      return applyRange(expr, modifier, report);
    case 'offset':
      applyOffset(expr, modifier, report);
      return expr;
    case 'at':
      applyAt(expr, modifier, report);
      return expr;
  }
}

function applyRange(expr: Expr, modifier: Extract<PostfixModifier, { kind: 'range' }>, report: Report): Expr {
  const range = { start: expr.range.start, end: modifier.brackets.end };
  if (modifier.stepMs !== undefined) {
    const subquery: SubqueryExpr = {
      kind: 'SubqueryExpr',
      expr,
      rangeMs: modifier.rangeMs,
      stepMs: modifier.stepMs,
      offsetMs: 0,
      range,
    };
    return subquery;
  }
  if (expr.kind !== 'VectorSelector') {
    report('ranges only allowed for vector selectors', modifier.brackets);
    return expr;
  }
  if (expr.offsetMs !== 0) report('no offset modifiers allowed before range', modifier.brackets);
  else if (expr.atMs !== undefined || expr.atAnchor) report('no @ modifiers allowed before range', modifier.brackets);
  const matrix: MatrixSelector = { kind: 'MatrixSelector', selector: expr, rangeMs: modifier.rangeMs, range };
  return matrix;
}

function applyOffset(expr: Expr, modifier: Extract<PostfixModifier, { kind: 'offset' }>, report: Report): void {
  const target = modifierTarget(expr, 'offset modifier', report);
  if (!target) return;
  if (target.offsetMs !== 0) {
    report('offset may not be set multiple times', expr.range);
    return;
  }
  target.offsetMs = modifier.ms;
  expr.range.end = modifier.end;
}

function applyAt(expr: Expr, modifier: Extract<PostfixModifier, { kind: 'at' }>, report: Report): void {
  const target = modifierTarget(expr, '@ modifier', report);
  if (!target) return;
  if (target.atMs !== undefined || target.atAnchor !== undefined) {
    report('@ <timestamp> may not be set multiple times', expr.range);
    return;
  }
  if (modifier.anchor) target.atAnchor = modifier.anchor;
  else target.atMs = modifier.atMs;
  expr.range.end = modifier.end;
}

/** The node that holds the time modifiers of `expr`, or undefined (reported) when it cannot have them. */
function modifierTarget(expr: Expr, what: string, report: Report): VectorSelector | SubqueryExpr | undefined {
  if (expr.kind === 'VectorSelector' || expr.kind === 'SubqueryExpr') return expr;
  if (expr.kind === 'MatrixSelector') return expr.selector;
  report(`${what} must be preceded by an instant vector selector or range vector selector or a subquery`, expr.range);
  return undefined;
}
