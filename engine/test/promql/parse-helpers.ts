/** Helpers shared by the parser and printer tests. */
import { expect } from 'vitest';
import type { Expr } from '../../src/promql/ast.js';
import { parseExpr } from '../../src/promql/parse.js';
import { printExpr } from '../../src/promql/printer.js';

/** Parses text that must be free of problems. */
export function parseOk(text: string): Expr {
  const { expr, problems } = parseExpr(text);
  expect(problems, text).toEqual([]);
  expect(expr, text).toBeDefined();
  return expr!;
}

/** Problems of `text` as [message, the text their range covers]. */
export function problemsOf(text: string): Array<[string, string]> {
  return parseExpr(text).problems.map((p) => [p.message, text.slice(p.range.start, p.range.end)]);
}

/**
 * The structure of a tree with every operator application in parentheses: `(a + (b * c))`,
 * unary operators as `(-x)`, parentheses written in the text as `paren(...)`.
 */
export function shape(expr: Expr): string {
  switch (expr.kind) {
    case 'BinaryExpr':
      return `(${shape(expr.lhs)} ${expr.op}${expr.returnBool ? ' bool' : ''} ${shape(expr.rhs)})`;
    case 'UnaryExpr':
      return `(${expr.op}${shape(expr.expr)})`;
    case 'ParenExpr':
      return `paren(${shape(expr.expr)})`;
    default:
      return printExpr(expr);
  }
}

/** A deep copy without the `range` properties, for comparing trees parsed from different text. */
export function withoutRanges(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRanges);
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'range' && child !== undefined) out[key] = withoutRanges(child);
  }
  return out;
}

/** The text that a node's range covers. */
export function covered(text: string, expr: { range: { start: number; end: number } }): string {
  return text.slice(expr.range.start, expr.range.end);
}
