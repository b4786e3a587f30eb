/**
 * Syntax error messages in Prometheus's words: "unexpected <what was found> in <where>, expected
 * <what fits>". Tokens are described as Prometheus describes its lexer items.
 */
import { EOF, tokenMatcher, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import * as T from './lexer.js';

const KEYWORDS: readonly TokenType[] = [T.Bool, T.By, T.GroupLeft, T.GroupRight, T.Ignoring, T.Offset, T.On, T.Without];

/** How Prometheus names a token it did not expect: `<op:*>`, `<aggr:sum>`, `identifier "foo"`. */
export function describeToken(token: IToken): string {
  const type = token.tokenType;
  if (type === EOF) return 'end of input';
  const image = token.image;
  if (type === T.Identifier) return `identifier ${JSON.stringify(image)}`;
  if (type === T.MetricIdentifier) return `metric identifier ${JSON.stringify(image)}`;
  if (type === T.NumberToken || type === T.InfOrNaN) return `number ${JSON.stringify(image)}`;
  if (type === T.Duration) return `duration ${JSON.stringify(image)}`;
  if (type === T.BadNumber) return `bad number ${JSON.stringify(image)}`;
  if (type === T.StringLiteral || type === T.UnterminatedString) return `string ${abbreviate(image)}`;
  if (tokenMatcher(token, T.BinaryOperator) || type === T.At) return `<op:${image}>`;
  if (tokenMatcher(token, T.AggregateOperator)) return `<aggr:${image}>`;
  if (KEYWORDS.includes(type)) return `<${image}>`;
  return JSON.stringify(image);
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const EXPECTED_NAMES = new Map<TokenType, string>([
  [T.StringLiteral, 'string'],
  [T.NumericLiteral, 'number or duration'],
  [T.MatchOperator, 'label matching operator'],
  [T.LabelName, 'label'],
  [T.MetricName, 'metric name'],
  [T.Identifier, 'identifier'],
  [T.UnaryOperator, 'sign'],
  [T.BinaryOperator, 'operator'],
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
  if (expected === T.RParen) return 'unclosed left parenthesis';
  if (expected === T.RBrace) return 'unexpected end of input inside braces';
  if (expected === T.RBracket) return 'unclosed left bracket';
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
  if (!item || (expected !== T.RParen && expected !== T.RBrace)) return undefined;
  const closing = describeExpected(expected);
  const afterSeparator = previous.tokenType === T.LParen || previous.tokenType === T.LBrace || previous.tokenType === T.Comma;
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
    if (tokenMatcher(firstRedundant, T.RParen)) return "unexpected right parenthesis ')'";
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
