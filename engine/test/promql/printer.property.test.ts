/**
 * Printing and parsing are inverse: for every tree the parser can produce, parsing its printed text
 * gives the same tree back, and printing is idempotent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/promql/ast.js';
import { parseExpr } from '../../src/promql/parse.js';
import { printExpr } from '../../src/promql/printer.js';
import { parserShapedExpr } from './expr-arbitrary.js';
import { withoutRanges } from './parse-helpers.js';

describe('printing and parsing', () => {
  it('parses the printed text of a tree back to the same tree', () => {
    fc.assert(
      fc.property(parserShapedExpr, (expr) => {
        const text = printExpr(expr);
        const parsed = parseExpr(text);
        expect(parsed.problems, text).toEqual([]);
        expect(withoutRanges(parsed.expr), text).toEqual(withoutRanges(expr));
      }),
      { numRuns: 600 },
    );
  });

  it('prints the parsed text of printed text the same', () => {
    fc.assert(
      fc.property(parserShapedExpr, (expr) => {
        const text = printExpr(expr);
        expect(printExpr(parseExpr(text).expr!)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('gives every parsed node a range inside the text, containing its children', () => {
    fc.assert(
      fc.property(parserShapedExpr, (expr) => {
        const text = printExpr(expr);
        const parsed = parseExpr(text).expr!;
        expect(parsed.range).toEqual({ start: 0, end: text.length });
        const check = (node: Expr, outer: { start: number; end: number }): void => {
          expect(node.range.start).toBeGreaterThanOrEqual(outer.start);
          expect(node.range.end).toBeLessThanOrEqual(outer.end);
          expect(node.range.start).toBeLessThan(node.range.end);
          for (const child of childrenOf(node)) check(child, node.range);
        };
        check(parsed, parsed.range);
      }),
      { numRuns: 200 },
    );
  });
});

function childrenOf(node: Expr): Expr[] {
  switch (node.kind) {
    case 'BinaryExpr':
      return [node.lhs, node.rhs];
    case 'UnaryExpr':
    case 'ParenExpr':
    case 'SubqueryExpr':
      return [node.expr];
    case 'MatrixSelector':
      return [node.selector];
    case 'Call':
      return node.args;
    case 'AggregateExpr':
      return node.param ? [node.param, node.expr] : [node.expr];
    default:
      return [];
  }
}

