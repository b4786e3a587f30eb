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

function selectorProblemsOf(maker: TreeMaker): Problem[] {
  const found: Problem[] = [];
  maker.addSelectorProblems(found);
  return found;
}

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
  return expr && comparable({ expr, problems, selectorProblems: selectorProblemsOf(maker) });
}

function viaSyntaxTree(text: string): { syntaxErrors: number; problems: Problem[]; result: string } {
  const parser = promqlParser();
  parser.input = promqlLexer.tokenize(text).tokens;
  const cst = parser.promql();
  const syntaxErrors = parser.errors.length;
  const problems: Problem[] = [];
  const maker = new TreeMaker();
  const expr = new AstBuilder(maker).build(cst, problems);
  return { syntaxErrors, problems, result: comparable({ expr, problems, selectorProblems: selectorProblemsOf(maker) }) };
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
    // Choices that look past the next token, or stop at the end of their rule.
    'x * on (a) group_left (b) c', 'x * on (a) group_left (sum(x))', 'x * on (a) group_left (b, "c",) (d)', 'x * on () group_right () y',
    'x * on (a) group_left c', 'x * ignoring (a) group_left', 'x > bool on (a) y', 'x and bool y', 'x + on',
    'sum(x) by (a)', 'sum(x) without ()', 'sum by (a) (x) by (b)', 'sum without (a) (x)', 'sum offset 5m', 'sum{a="b"}', 'sum + 1', 'sum',
    'count_values("v", x)', 'offset', 'offset offset 5m', 'start + end', 'bool', 'by', 'without', 'on', 'group_left', 'atan2',
    'x atan2 y', 'rate (x[5m])', 'job:rate(x)', 'foo()', 'foo(,)', 'foo(x,)', 'foo(x,,y)', 'foo(,x)',
    'x{a="b",}', 'x{a="b",,}', 'x{,}', 'x{"a"}', 'x{"a", "b"}', 'x{"a"="b", c!~"d",}', '{"a"}', 'x{a}', 'x{a=b}',
    'x[5m:]', 'x[5m:1m]', 'x[:1m]', 'x[5m:-1m]', 'x[-5m]', 'x[(5m)]', 'x[5m * (2 + 1)]', 'x[5m) + y', 'x[5m:(1m)]',
    'x offset -(5m)', 'x offset - - 5m', 'x offset (5m) + y', 'x @ -1', 'x @ + 1', 'x @ - - 1', 'x @ start()', 'x @ end( )',
    'x @ start', 'x @ (1)', '-x @ 1 offset 1m [5m:]', '(x)[5m]', '"a" + "b"', 'Inf', '-NaN', '1h', '0x1f + 1e-3 + 5.',
    // Problems in the order both find them: a division by zero before a bad number after it.
    'x[1 / 0 + 1h1] offset (1m % 0 - 1y1y)', '-(1 + 2) * -x ^ -2 / y',
  ])('agrees with the syntax tree builder: %j', (text) => {
    expectAgreement(text);
  });

  it('agrees with the syntax tree builder on random token sequences', () => {
    const fragments = [
      'x', 'y', 'sum', 'count_values', 'topk', 'rate', 'foo', 'job:x', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left',
      'group_right', 'bool', 'start', 'end', 'and', 'or', 'unless', 'atan2', 'Inf', '1', '5m', '1e3', '"a"', '(', ')', '{', '}', '[',
      ']', ',', ':', '=', '!=', '=~', '!~', '+', '-', '*', '/', '^', '==', '>', '@', 'a="b"',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 12 }), (parts) => {
        expectAgreement(parts.join(' '));
      }),
      { numRuns: 4000 },
    );
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
