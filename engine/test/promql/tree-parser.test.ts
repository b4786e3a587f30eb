/**
 * The tree parser (the fast path for text without syntax errors) and the syntax tree builder
 * behind the recovering parser must agree on every text the tree parser takes: same tree, same
 * problems. Where it declines, the text has syntax errors or an aggregation without arguments,
 * which the builder leaves out of the tree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/errors.js';
import { Matcher } from '../../src/labels/matcher.js';
import { AstBuilder } from '../../src/promql/build-ast.js';
import { promqlParser } from '../../src/promql/grammar.js';
import { promqlLexer } from '../../src/promql/lexer.js';
import { printExpr } from '../../src/promql/printer.js';
import { TreeMaker } from '../../src/promql/tree-maker.js';
import { PromQLTreeParser } from '../../src/promql/tree-parser.js';
import { parserShapedExpr } from './expr-arbitrary.js';

const treeParser = new PromQLTreeParser();

/** Trees and problems as comparable text; matchers by what they say. */
function comparable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Matcher ? v.toString() : v));
}

function viaTreeParser(text: string): string | undefined {
  const problems: Problem[] = [];
  const maker = new TreeMaker();
  maker.start(problems);
  const expr = treeParser.parse(promqlLexer.tokenize(text).tokens, maker);
  return expr && comparable({ expr, problems, selectorProblems: maker.selectorProblems() });
}

function viaSyntaxTree(text: string): { syntaxErrors: number; problems: Problem[]; result: string } {
  const parser = promqlParser();
  parser.input = promqlLexer.tokenize(text).tokens;
  const cst = parser.promql();
  const syntaxErrors = parser.errors.length;
  const problems: Problem[] = [];
  const maker = new TreeMaker();
  const expr = new AstBuilder(maker).build(cst, problems);
  return { syntaxErrors, problems, result: comparable({ expr, problems, selectorProblems: maker.selectorProblems() }) };
}

function expectAgreement(text: string): void {
  const fast = viaTreeParser(text);
  const full = viaSyntaxTree(text);
  if (fast === undefined) {
    const leftOut = full.problems.some((p) => p.message === 'no arguments for aggregate expression provided');
    expect(full.syntaxErrors > 0 || leftOut, text).toBe(true);
  } else {
    expect(full.syntaxErrors, text).toBe(0);
    expect(fast, text).toBe(full.result);
  }
}

describe('the tree parser', () => {
  it('passes Chevrotain\'s checks of its grammar', () => {
    expect(() => new PromQLTreeParser({ validate: true })).not.toThrow();
  });

  it.each([
    'sum by (job) (rate(http_requests_total{code=~"5..", job!="x"}[5m])) / on (job) group_left (env) up > bool 0.5',
    'x offset -5m @ start() + y @ 1609746000 offset 1h',
    'max_over_time(rate(x[5m])[30m:1m]) and - - 2 ^ 3 ^ -x',
    'topk(5, x) or count_values("v", y) unless quantile(0.9, z) without (a, "b.c",)',
    '{"http.requests", job="a",} + {__name__=~"x|y"}',
    'x[5m + 30s] offset (1h * 2) + y[1h:(5m)]',
    'foo(x) + info(up, {k8s="a"}) + "str\\x" + 0x1F + 1e3 + Inf + 1h30m',
    'x[0s] + y offset 1y1y + z @ (1) + 1h30 + x[1/0]',
    'sum() + x', 'count() by (a)', 'x offset 1m offset 2m', '0x offset 1m', '"s"[5m]', 'rate(x[5m] offset 1m [10m])',
    'x{a=~"("}', 'sum(x, y)', 'topk(x)', 'x{}', '{a=""}', 'x{__name__="y"}', 'label_replace(x, "a", "$1", "b", "(.*)")',
    'sum by (x) (a', 'x +', '(x', 'x{a="b"', 'rate(x[5m)', '1 +* 2', '', ')',
  ])('agrees with the syntax tree builder: %j', (text) => {
    expectAgreement(text);
  });

  it('agrees with the syntax tree builder on random expressions and their mutations', () => {
    const mutated = fc.tuple(parserShapedExpr, fc.nat(), fc.constantFrom('', ')', '(', ',', '[5m]', ' offset 1m', ' + ', '{', '"'));
    fc.assert(
      fc.property(mutated, ([expr, at, insert]) => {
        const text = printExpr(expr);
        expectAgreement(text);
        const i = at % (text.length + 1);
        expectAgreement(text.slice(0, i) + insert + text.slice(i + 1));
      }),
      { numRuns: 800 },
    );
  });
});
