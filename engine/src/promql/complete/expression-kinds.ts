/**
 * What may come next inside an expression (at the top, in parentheses, in a call's argument): the
 * grammar's content assist lists the tokens that may follow, and their rule says what each is for.
 * A few rules the grammar leaves to later checks narrow the list down: `bool` only after a
 * comparison, no grouping after set operators, `offset` and `@` only after selectors and subqueries
 * and only once each, and what the argument of a call must be.
 */
import { tokenMatcher, type ISyntacticContentAssistPath, type IToken, type TokenType } from 'chevrotain';
import type { ValueType } from '../ast.js';
import { argumentType, lookupAggregation, lookupFunction } from '../functions.js';
import { promqlParser } from '../grammar.js';
import * as T from '../lexer.js';
import type { PartialText } from './cursor-tokens.js';
import { STAND_IN_OPERAND, type Frame } from './frames.js';
import { KEYWORD_ORDER, type CompletionKind, type CompletionKindName, type Keyword } from './kinds.js';

const EXPRESSION_RULE = 'expression';
const DURATION_RULES = new Set(['offsetModifier', 'rangeDuration', 'stepDuration']);

const KEYWORD_OF = new Map<TokenType, Keyword>([
  [T.Bool, 'bool'],
  [T.On, 'on'],
  [T.Ignoring, 'ignoring'],
  [T.GroupLeft, 'group_left'],
  [T.GroupRight, 'group_right'],
  [T.Offset, 'offset'],
  [T.At, '@'],
  [T.Start, 'start()'],
  [T.End, 'end()'],
]);

/** Order of the kinds in the answer. */
const KIND_ORDER: readonly CompletionKindName[] = [
  'duration', 'metricName', 'function', 'aggregation', 'number', 'aggregationModifier', 'binaryOperator', 'keyword',
];

/** What an argument must be: a type, anything (outside calls), nothing more, or an aggregation's number parameter. */
type Expectation = ValueType | 'any' | 'none' | 'parameter';

export function expressionKinds(frame: Frame, partial: PartialText | undefined): CompletionKind[] {
  if (partial?.kind === 'string') return [];
  const expected = expectedArgument(frame);
  if (expected === 'none' || expected === 'string') return [];
  const segment = frame.segment;
  if (expected === 'parameter' && segment.length === 0) return [{ kind: 'number' }];

  const tokens = fromLastBinaryOperator(segment);
  const found = new Set<CompletionKindName>();
  const keywords = new Set<Keyword>();
  for (const path of nextTokenPaths(tokens)) {
    const keyword = KEYWORD_OF.get(path.nextTokenType);
    if (keyword) keywords.add(keyword);
    else {
      const kind = kindOf(path);
      if (kind) found.add(kind);
    }
  }
  removeMisplacedKeywords(keywords, tokens);
  if (segment.length === 0 && (expected === 'vector' || expected === 'matrix')) found.delete('number');
  if (keywords.size > 0) found.add('keyword');

  const kinds: CompletionKind[] = [];
  for (const name of KIND_ORDER) {
    if (!found.has(name)) continue;
    if (name === 'keyword') kinds.push({ kind: 'keyword', values: KEYWORD_ORDER.filter((k) => keywords.has(k)) });
    else kinds.push({ kind: name } as CompletionKind);
  }
  return kinds;
}

function expectedArgument(frame: Frame): Expectation {
  if (frame.kind !== 'call') return 'any';
  const name = frame.name!;
  const aggregation = lookupAggregation(name);
  if (aggregation) {
    const withParam = aggregation.paramType !== undefined;
    if (withParam && frame.argIndex === 0) return aggregation.paramType === 'scalar' ? 'parameter' : aggregation.paramType!;
    return frame.argIndex === (withParam ? 1 : 0) ? 'vector' : 'none';
  }
  const signature = lookupFunction(name);
  if (!signature) return 'any';
  return argumentType(signature, frame.argIndex) ?? 'none';
}

function kindOf(path: ISyntacticContentAssistPath): CompletionKindName | undefined {
  const rule = path.ruleStack[path.ruleStack.length - 1];
  switch (path.nextTokenType) {
    case T.MetricName:
      return rule === 'vectorSelector' ? 'metricName' : undefined;
    case T.Identifier:
      return rule === 'functionCall' ? 'function' : undefined;
    case T.AggregateOperator:
      return 'aggregation';
    case T.NumericLiteral:
      return DURATION_RULES.has(rule!) ? 'duration' : 'number';
    case T.BinaryOperator:
      return 'binaryOperator';
    case T.By:
    case T.Without:
      return 'aggregationModifier';
    default:
      return undefined;
  }
}

/**
 * Only the last operand matters for what comes next, so what precedes the last binary operator is
 * replaced by a stand-in: the grammar then reads a few tokens, whatever came before.
 */
function fromLastBinaryOperator(segment: readonly IToken[]): IToken[] {
  for (let i = segment.length - 1; i > 0; i--) {
    if (tokenMatcher(segment[i]!, T.BinaryOperator) && endsOperand(segment[i - 1]!)) {
      return [STAND_IN_OPERAND, ...segment.slice(i)];
    }
  }
  return [...segment];
}

const NOT_OPERAND_WORDS: readonly TokenType[] = [T.Offset, T.By, T.Without];

/** Whether a `+` or `-` after this token is a binary operator rather than a sign. */
function endsOperand(token: IToken): boolean {
  const type = token.tokenType;
  if (type === T.RParen || type === T.RBrace || type === T.RBracket) return true;
  if (tokenMatcher(token, T.NumericLiteral) || tokenMatcher(token, T.StringLiteral)) return true;
  return tokenMatcher(token, T.MetricName) && !tokenMatcher(token, T.BinaryOperator) && !NOT_OPERAND_WORDS.includes(type);
}

function removeMisplacedKeywords(keywords: Set<Keyword>, tokens: readonly IToken[]): void {
  const operator = tokens[0] === STAND_IN_OPERAND ? tokens[1] : undefined;
  if (!operator || !tokenMatcher(operator, T.ComparisonOperator)) keywords.delete('bool');
  if (operator && tokenMatcher(operator, T.SetOperator)) {
    keywords.delete('group_left');
    keywords.delete('group_right');
  }
  if (!followsSelectorOrSubquery(tokens)) {
    keywords.delete('offset');
    keywords.delete('@');
    return;
  }
  for (let i = tokens.length - 1; i >= 0 && tokens[i]!.tokenType !== T.RBracket; i--) {
    if (tokens[i]!.tokenType === T.Offset) keywords.delete('offset');
    if (tokens[i]!.tokenType === T.At) keywords.delete('@');
  }
}

/** Prometheus takes `offset` and `@` only after a selector or a subquery (or another modifier of one). */
function followsSelectorOrSubquery(tokens: readonly IToken[]): boolean {
  const last = tokens[tokens.length - 1];
  if (!last) return false;
  const type = last.tokenType;
  if (type === T.RBrace || type === T.RBracket) return true;
  if (type === T.RParen) return isAnchor(tokens[tokens.length - 3]);
  if (tokenMatcher(last, T.NumericLiteral)) {
    let i = tokens.length - 2;
    while (i >= 0 && tokenMatcher(tokens[i]!, T.UnaryOperator)) i--;
    return tokens[i]?.tokenType === T.Offset || tokens[i]?.tokenType === T.At;
  }
  return tokenMatcher(last, T.MetricName);
}

function isAnchor(token: IToken | undefined): boolean {
  return token?.tokenType === T.Start || token?.tokenType === T.End;
}

const CACHE_LIMIT = 2000;
const pathsCache = new Map<string, ISyntacticContentAssistPath[]>();

/** The grammar's next possible tokens; the answer depends only on the token types, so it is cached. */
function nextTokenPaths(tokens: IToken[]): ISyntacticContentAssistPath[] {
  const key = tokens.map((t) => t.tokenType.name).join(' ');
  let paths = pathsCache.get(key);
  if (!paths) {
    paths = promqlParser().computeContentAssist(EXPRESSION_RULE, tokens);
    if (pathsCache.size >= CACHE_LIMIT) pathsCache.clear();
    pathsCache.set(key, paths);
  }
  return paths;
}
