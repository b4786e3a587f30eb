/**
 * Limits on nesting, so that no input can exhaust the stack of the parser or of the code that walks
 * the tree afterwards. Realistic expressions nest a few levels deep; the limits are far above that.
 */
import { tokenMatcher, type IToken } from 'chevrotain';
import type { Expr } from './ast.js';
import { childrenOf } from './ast-walk.js';
import { LBrace, LBracket, LParen, RBrace, RBracket, RParen } from './lexer.js';

/**
 * Parentheses, braces and brackets open at once; checked before the grammar recurses. The parser
 * itself would run out of stack at about four times this depth.
 */
export const MAX_BRACKET_DEPTH = 100;
/**
 * Depth of the expression tree: nested calls, parentheses, unary signs and right operands. A chain
 * of left-associative operators (`a + b + c + ...`) counts once, however long: every walker of the
 * tree is expected to follow such a chain in a loop.
 */
export const MAX_TREE_DEPTH = 500;

/** The first token of the first `count` that opens one bracket too many, if any. */
export function findTooDeepBracket(tokens: readonly IToken[], count = tokens.length): IToken | undefined {
  let depth = 0;
  for (let i = 0; i < count; i++) {
    const token = tokens[i]!;
    if (tokenMatcher(token, LParen) || token.tokenType === LBrace || token.tokenType === LBracket) {
      depth++;
      if (depth > MAX_BRACKET_DEPTH) return token;
    } else if (tokenMatcher(token, RParen) || token.tokenType === RBrace || token.tokenType === RBracket) {
      if (depth > 0) depth--;
    }
  }
  return undefined;
}

/** True when the tree is deeper than MAX_TREE_DEPTH; walks it without recursion. */
export function isTreeTooDeep(root: Expr): boolean {
  const stack: Array<[Expr, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_TREE_DEPTH) return true;
    if (node.kind === 'BinaryExpr') {
      stack.push([node.lhs, depth], [node.rhs, depth + 1]);
      continue;
    }
    for (const child of childrenOf(node)) stack.push([child, depth + 1]);
  }
  return false;
}
