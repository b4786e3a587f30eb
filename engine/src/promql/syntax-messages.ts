/**
 * Syntax error messages in Prometheus's words: "unexpected <what was found> in <where>, expected
 * <what fits>". Tokens are described as Prometheus describes its lexer items.
 */
import { EOF, tokenMatcher, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import {
  AggregateOperator,
  At,
  BadNumber,
  BinaryOperator,
  Bool,
  By,
  Comma,
  Duration,
  GroupLeft,
  GroupRight,
  Identifier,
  Ignoring,
  InfOrNaN,
  LabelName,
  LBrace,
  LParen,
  MatchOperator,
  MetricIdentifier,
  MetricName,
  NumberToken,
  NumericLiteral,
  Offset,
  On,
  RBrace,
  RBracket,
  RParen,
  StringLiteral,
  UnaryOperator,
  UnterminatedString,
  Without,
} from './lexer.js';

const KEYWORDS: readonly TokenType[] = [Bool, By, GroupLeft, GroupRight, Ignoring, Offset, On, Without];

/** How Prometheus names a token it did not expect: `<op:*>`, `<aggr:sum>`, `identifier "foo"`. */
export function describeToken(token: IToken): string {
  const type = token.tokenType;
  if (type === EOF) return 'end of input';
  const image = token.image;
  if (type === Identifier) return `identifier ${JSON.stringify(image)}`;
  if (type === MetricIdentifier) return `metric identifier ${JSON.stringify(image)}`;
  if (type === NumberToken || type === InfOrNaN) return `number ${JSON.stringify(image)}`;
  if (type === Duration) return `duration ${JSON.stringify(image)}`;
  if (type === BadNumber) return `bad number ${JSON.stringify(image)}`;
  if (type === StringLiteral || type === UnterminatedString) return `string ${abbreviate(image)}`;
  if (tokenMatcher(token, BinaryOperator) || type === At) return `<op:${image}>`;
  if (tokenMatcher(token, AggregateOperator)) return `<aggr:${image}>`;
  if (KEYWORDS.includes(type)) return `<${image}>`;
  return JSON.stringify(image);
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const EXPECTED_NAMES = new Map<TokenType, string>([
  [StringLiteral, 'string'],
  [NumericLiteral, 'number or duration'],
  [MatchOperator, 'label matching operator'],
  [LabelName, 'label'],
  [MetricName, 'metric name'],
  [Identifier, 'identifier'],
  [UnaryOperator, 'sign'],
  [BinaryOperator, 'operator'],
]);

/** How a kind of token is named in "expected ..." */
export function describeExpected(type: TokenType): string {
  return EXPECTED_NAMES.get(type) ?? (typeof type.PATTERN === 'string' ? JSON.stringify(type.PATTERN) : `<${type.name}>`);
}

/** Where in the grammar an error happened, in the words of Prometheus's messages. */
const CONTEXTS: Readonly<Record<string, string>> = {
  aggregation: 'aggregation',
  aggregateModifier: 'aggregation',
  labelMatchers: 'label matching',
  labelMatcher: 'label matching',
  groupingLabels: 'grouping opts',
  groupingLabel: 'grouping opts',
  vectorMatching: 'vector matching',
  groupModifier: 'vector matching',
  rangeOrSubquery: 'subquery or range',
  durationExpr: 'duration',
  durationOperand: 'duration',
  parenDuration: 'duration',
  offsetModifier: 'offset',
  atModifier: '@',
  callArguments: 'function call',
};

/** What fits where nothing matched, when listing the tokens would say less. */
const EXPECTED_IN_RULE: Readonly<Record<string, string>> = {
  primary: 'expression',
  atModifier: 'timestamp',
  offsetModifier: 'number or duration',
  durationOperand: 'number or duration',
};

function unexpected(actual: IToken, ruleName: string, expected: string | undefined): string {
  const context = CONTEXTS[ruleName];
  let message = `unexpected ${describeToken(actual)}`;
  if (context) message += ` in ${context}`;
  if (expected) message += `, expected ${expected}`;
  return message;
}

function unclosed(expected: TokenType): string | undefined {
  if (expected === RParen) return 'unclosed left parenthesis';
  if (expected === RBrace) return 'unexpected end of input inside braces';
  if (expected === RBracket) return 'unclosed left bracket';
  return undefined;
}

function describeAlternatives(paths: readonly (readonly TokenType[])[]): string {
  const names = new Set<string>();
  for (const path of paths) {
    const first = path[0];
    if (first) names.add(describeExpected(first));
  }
  return [...names].join(' or ');
}

/**
 * A closing bracket is expected after optional items; say what else would have fitted, depending on
 * whether an item or a separator came last.
 */
function describeClosing(expected: TokenType, previous: IToken, ruleName: string): string | undefined {
  const item = CLOSING_LIST_ITEMS[ruleName];
  if (!item || (expected !== RParen && expected !== RBrace)) return undefined;
  const closing = describeExpected(expected);
  const afterSeparator = previous.tokenType === LParen || previous.tokenType === LBrace || previous.tokenType === Comma;
  return afterSeparator ? `${item} or ${closing}` : `"," or ${closing}`;
}

const CLOSING_LIST_ITEMS: Readonly<Record<string, string>> = {
  labelMatchers: 'label matcher',
  groupingLabels: 'label',
  callArguments: 'expression',
};

export const parserErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    if (actual.tokenType === EOF) {
      const message = unclosed(expected);
      if (message) return message;
    }
    return unexpected(actual, ruleName, describeClosing(expected, previous, ruleName) ?? describeExpected(expected));
  },

  buildNotAllInputParsedMessage({ firstRedundant }) {
    if (tokenMatcher(firstRedundant, RParen)) return "unexpected right parenthesis ')'";
    return `unexpected ${describeToken(firstRedundant)}`;
  },

  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const expected = EXPECTED_IN_RULE[ruleName] ?? describeAlternatives(expectedPathsPerAlt.flat());
    return unexpected(actual[0]!, ruleName, expected);
  },

  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    return unexpected(actual[0]!, ruleName, describeAlternatives(expectedIterationPaths));
  },
};
