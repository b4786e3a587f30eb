/**
 * Deeply nested input gives a clear error or parses; it never exhausts the stack. The limits are
 * far above realistic expressions, which nest a few levels deep.
 */
import { describe, expect, it } from 'vitest';
import type { NumberLiteral } from '../../src/promql/ast.js';
import { checkExpr } from '../../src/promql/checker.js';
import { MAX_BRACKET_DEPTH, MAX_TREE_DEPTH } from '../../src/promql/nesting-limit.js';
import { parseExpr } from '../../src/promql/parse.js';
import { printExpr } from '../../src/promql/printer.js';
import { parseOk } from './parse-helpers.js';

const tooDeepBrackets = `expression nesting too deep (limit ${MAX_BRACKET_DEPTH} parentheses, braces and brackets)`;
const tooDeepTree = `expression nesting too deep (limit ${MAX_TREE_DEPTH} levels)`;

/**
 * Runs `fn` with little stack left: as deep in a recursion as the stack allows, less `spare`
 * frames. Work that needs stack in proportion to its input runs out of it there.
 */
function withLittleStack<T>(fn: () => T, spare = 2_000): T {
  let deepest = 0;
  const probe = (depth: number): void => {
    deepest = depth;
    probe(depth + 1);
  };
  try {
    probe(0);
  } catch {
    // The stack's end: `deepest` frames fit.
  }
  const descend = (depth: number): T => (depth <= 0 ? fn() : descend(depth - 1));
  return descend(deepest - spare);
}

function nestedParens(depth: number, inner = '1'): string {
  return '('.repeat(depth) + inner + ')'.repeat(depth);
}

describe('nesting limits', () => {
  it('keeps realistic nesting far below the limits', () => {
    expect(MAX_BRACKET_DEPTH).toBeGreaterThanOrEqual(64);
    expect(MAX_TREE_DEPTH).toBeGreaterThanOrEqual(256);
  });

  it('parses parentheses up to the limit', () => {
    const text = nestedParens(MAX_BRACKET_DEPTH, 'x + 1');
    const expr = parseOk(text);
    expect(printExpr(expr)).toBe(text);
    expect(checkExpr(expr)).toEqual([]);
    expect(parseExpr(nestedParens(MAX_BRACKET_DEPTH + 1)).problems.map((p) => p.message)).toEqual([tooDeepBrackets]);
  });

  it('types the operands of a long chain of powers without walking the chain (which took stack in proportion to it)', () => {
    for (const term of ['2', 'x']) {
      const text = Array.from({ length: 20_000 }, () => term).join(' ^ ');
      expect(withLittleStack(() => parseExpr(text)).problems.map((p) => p.message), term).toEqual([tooDeepTree]);
    }
  });

  it('rejects 10,000 nested parentheses with a clear error', () => {
    const text = nestedParens(10_000);
    const { expr, problems } = parseExpr(text);
    expect(expr).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toBe(tooDeepBrackets);
    expect(problems[0]!.range).toEqual({ start: MAX_BRACKET_DEPTH, end: MAX_BRACKET_DEPTH + 1 });
  });

  it('rejects 10,000 unclosed parentheses and nested calls', () => {
    expect(parseExpr('('.repeat(10_000)).problems[0]!.message).toBe(tooDeepBrackets);
    expect(parseExpr(`${'abs('.repeat(10_000)}x${')'.repeat(10_000)}`).problems[0]!.message).toBe(tooDeepBrackets);
    expect(parseExpr(`${'sum by (a) ('.repeat(5_000)}x${')'.repeat(5_000)}`).problems[0]!.message).toBe(tooDeepBrackets);
  });

  it('folds 10,000 unary minuses on a number', () => {
    expect((parseOk(`${'-'.repeat(10_000)}1`) as NumberLiteral).value).toBe(1);
    expect((parseOk(`${'- '.repeat(10_001)}1`) as NumberLiteral).value).toBe(-1);
  });

  it('rejects 10,000 unary minuses on a selector', () => {
    const { expr, problems } = parseExpr(`${'-'.repeat(10_000)}x`);
    expect(expr).toBeUndefined();
    expect(problems.map((p) => p.message)).toEqual([tooDeepTree]);
  });

  it('rejects a chain of 10,000 right-associative powers', () => {
    const text = Array.from({ length: 10_000 }, () => 'x').join(' ^ ');
    expect(parseExpr(text).problems.map((p) => p.message)).toEqual([tooDeepTree]);
  });

  it('parses a chain of 10,000 left-associative operators', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `m${i % 10}`).join(' + ');
    const expr = parseOk(text);
    expect(expr.kind).toBe('BinaryExpr');
    expect(printExpr(expr)).toBe(text);
    expect(checkExpr(expr)).toEqual([]);
  });

  it('parses long chains of mixed operators', () => {
    const ops = ['+', '*', 'or', '-', '/', 'and', '>', 'unless', '%', '=='];
    const text = Array.from({ length: 5_000 }, (_, i) => `m${i}`).reduce((acc, m, i) => `${acc} ${ops[i % ops.length]} ${m}`);
    expect(printExpr(parseOk(text))).toBe(text);
  });

  it('parses a call with 10,000 arguments', () => {
    const text = `label_join(x, "a", ",", ${Array.from({ length: 10_000 }, () => '"b"').join(', ')})`;
    expect(parseOk(text).kind).toBe('Call');
  });
});
