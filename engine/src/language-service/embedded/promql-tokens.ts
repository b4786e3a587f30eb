/**
 * The tokens of an expression with what each one is: a function or aggregation name, a metric
 * name, a label name, a keyword, a duration... The lexer's modes and a look at the next character
 * (`name(` calls a function) tell them apart, also in text that does not parse.
 */
import { tokenMatcher, type IToken } from 'chevrotain';
import { lookupFunction } from '../../promql/functions.js';
import * as lexer from '../../promql/lexer.js';

export type PromqlTokenRole =
  | 'function' | 'aggregation' | 'modifier' | 'keyword' | 'metric' | 'label' | 'labelValue' | 'regex'
  | 'string' | 'number' | 'duration' | 'operator' | 'comment';

export interface PromqlToken {
  role: PromqlTokenRole;
  image: string;
  start: number;
  end: number;
}

/** Keywords whose parenthesis holds label names. */
const GROUPINGS = [lexer.By, lexer.Without, lexer.On, lexer.Ignoring, lexer.GroupLeft, lexer.GroupRight];
const MODIFIERS = [...GROUPINGS, lexer.Bool, lexer.Offset];

export function promqlTokens(text: string): PromqlToken[] {
  const tokens = lexer.promqlLexer.tokenize(text).tokens;
  const out: PromqlToken[] = [];
  let braces = 0;
  let brackets = 0;
  let grouping = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const start = token.startOffset;
    const end = start + token.image.length;
    const push = (role: PromqlTokenRole) => out.push({ role, image: token.image, start, end });
    const type = token.tokenType;
    if (type === lexer.LBrace) braces++;
    else if (type === lexer.RBrace) braces = Math.max(0, braces - 1);
    else if (type === lexer.LBracket) brackets++;
    else if (type === lexer.RBracket) brackets = Math.max(0, brackets - 1);
    if (tokenMatcher(token, lexer.StringLiteral)) {
      const operator = tokens[i - 1];
      push(braces > 0 && operator && tokenMatcher(operator, lexer.MatchOperator) ? (operator.image.includes('~') ? 'regex' : 'labelValue') : braces > 0 ? 'label' : 'string');
    } else if (braces > 0 && type === lexer.Identifier) push('label');
    else if (tokenMatcher(token, lexer.NumericLiteral)) push(type === lexer.Duration || brackets > 0 ? 'duration' : 'number');
    else if (grouping && (type === lexer.Identifier || tokenMatcher(token, lexer.MetricName)) && !callFollows(text, end)) push('label');
    else if (tokenMatcher(token, lexer.AggregateOperator) && callOrGroupingFollows(tokens, i)) push('aggregation');
    else if (MODIFIERS.some((m) => type === m)) push('modifier');
    else if (type === lexer.At || type === lexer.Start || type === lexer.End) push('keyword');
    else if ((type === lexer.Identifier || tokenMatcher(token, lexer.MetricName)) && callFollows(text, end) && lookupFunction(token.image)) push('function');
    else if (tokenMatcher(token, lexer.BinaryOperator) || tokenMatcher(token, lexer.UnaryOperator) || tokenMatcher(token, lexer.MatchOperator)) push(/^[a-z]/i.test(token.image) ? 'keyword' : 'operator');
    else if (tokenMatcher(token, lexer.MetricName) && braces === 0) push('metric');
    grouping = updateGrouping(grouping, tokens, i);
  }
  for (const comment of text.matchAll(/#[^\r\n]*/g)) {
    const at = comment.index;
    if (!out.some((t) => t.start <= at && at < t.end)) out.push({ role: 'comment', image: comment[0], start: at, end: at + comment[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Inside `by (...)`, `on (...)` and friends, words are label names. */
function updateGrouping(inside: boolean, tokens: readonly IToken[], i: number): boolean {
  const token = tokens[i]!;
  if (inside) return token.image !== ')';
  const before = tokens[i - 1];
  return token.image === '(' && before !== undefined && GROUPINGS.includes(before.tokenType);
}

function callFollows(text: string, end: number): boolean {
  return /^\s*\(/.test(text.slice(end, end + 64));
}

function callOrGroupingFollows(tokens: readonly IToken[], i: number): boolean {
  const next = tokens[i + 1];
  return next !== undefined && (next.image === '(' || next.tokenType === lexer.By || next.tokenType === lexer.Without);
}

/** The token at a value index (a token ending there counts, for a cursor right after a word). */
export function tokenAt(tokens: readonly PromqlToken[], index: number): PromqlToken | undefined {
  return tokens.find((t) => t.start <= index && index < t.end) ?? tokens.find((t) => t.end === index && t.role !== 'operator');
}
