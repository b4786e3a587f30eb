/**
 * PromQL's token kinds and what each matches. Like Prometheus's lexer, lexing has three modes:
 * expressions, the inside of `{...}` (where every word is a label name) and the inside of `[...]`
 * (durations and their arithmetic only). scanner.ts produces the tokens; the modes below, in
 * Chevrotain's form, define what it must produce (see lexer.ts).
 *
 * Keywords are contextual: the lexer marks them, and token categories say where each may also serve
 * as a metric name or a label name, following the `metric_identifier` and `maybe_label` lists of
 * Prometheus's grammar.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

/* Categories. */
export const BinaryOperator = createToken({ name: 'BinaryOperator', pattern: Lexer.NA });
export const ArithmeticOperator = createToken({ name: 'ArithmeticOperator', pattern: Lexer.NA, categories: [BinaryOperator] });
export const ComparisonOperator = createToken({ name: 'ComparisonOperator', pattern: Lexer.NA, categories: [BinaryOperator] });
export const SetOperator = createToken({ name: 'SetOperator', pattern: Lexer.NA, categories: [BinaryOperator] });
export const UnaryOperator = createToken({ name: 'UnaryOperator', pattern: Lexer.NA });
/** The operators of duration arithmetic: `[5m + 30s]`. */
export const DurationOperator = createToken({ name: 'DurationOperator', pattern: Lexer.NA });
export const MatchOperator = createToken({ name: 'MatchOperator', pattern: Lexer.NA });
export const AggregateOperator = createToken({ name: 'AggregateOperator', pattern: Lexer.NA });
/** Words that may name a metric outside braces. */
export const MetricName = createToken({ name: 'MetricName', pattern: Lexer.NA });
/** Words that may name a label in `by`, `without`, `on`, `ignoring`, `group_left`, `group_right`. */
export const LabelName = createToken({ name: 'LabelName', pattern: Lexer.NA });
/** Numbers and durations: both may stand for a number of seconds. */
export const NumericLiteral = createToken({ name: 'NumericLiteral', pattern: Lexer.NA });

/* Layout. A lone space, the most common token, is matched without a regular expression. */
const Space = createToken({ name: 'Space', pattern: ' ', group: Lexer.SKIPPED });
const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true });
const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: Lexer.SKIPPED });

/* Literals. */
/** The shapes of the tokens that are not one word or a few fixed characters. */
export const TOKEN_PATTERNS = {
  string: /"(?:[^"\\\n]|\\[^\n])*"|'(?:[^'\\\n]|\\[^\n])*'|`[^`]*`/,
  unterminatedString: /"(?:[^"\\\n]|\\[^\n]?)*|'(?:[^'\\\n]|\\[^\n]?)*|`[^`]*/,
  duration: /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[smhdwy]s?(?:[0-9]+[smhdw]s?)*(?![0-9a-zA-Z_])/,
  number:
    /(?:0[xX]_?[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|(?:[0-9]+(?:_[0-9]+)*(?:\.(?:[0-9]+(?:_[0-9]+)*)?)?|\.[0-9]+(?:_[0-9]+)*)(?:[eE][+-]?[0-9]+(?:_[0-9]+)*)?)(?![0-9a-zA-Z_.])/,
  badNumber: /(?:[0-9]|\.[0-9])[0-9a-zA-Z_.]*/,
} as const;

export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: TOKEN_PATTERNS.string,
  line_breaks: true,
});
/** A string without its closing quote, up to the end of the line (or input, for raw strings). */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: TOKEN_PATTERNS.unterminatedString,
  categories: [StringLiteral],
  line_breaks: true,
});
export const Duration = createToken({
  name: 'Duration',
  pattern: TOKEN_PATTERNS.duration,
  categories: [NumericLiteral],
});
export const NumberToken = createToken({
  name: 'Number',
  pattern: TOKEN_PATTERNS.number,
  categories: [NumericLiteral],
});
/**
 * Digits that form neither a number nor a duration, such as `1h30` or `2.5.`. The grammar takes it
 * where a number may stand, and reading its value reports the problem.
 */
export const BadNumber = createToken({
  name: 'BadNumber',
  pattern: TOKEN_PATTERNS.badNumber,
  categories: [NumericLiteral],
});

/* Punctuation and operators. */
export const LParen = createToken({ name: 'LParen', pattern: '(' });
export const RParen = createToken({ name: 'RParen', pattern: ')' });
export const LBrace = createToken({ name: 'LBrace', pattern: '{', push_mode: 'braces' });
export const RBrace = createToken({ name: 'RBrace', pattern: '}', pop_mode: true });
export const LBracket = createToken({ name: 'LBracket', pattern: '[', push_mode: 'brackets' });
export const RBracket = createToken({ name: 'RBracket', pattern: ']', pop_mode: true });
/**
 * Parentheses inside `[...]` nest the brackets' mode. A `)` without its `(`, as in `rate(x[5m)`,
 * thus ends the brackets' mode, so that what follows is read as an expression again and the
 * parser reports the missing `]` alone.
 */
export const LParenInBrackets = createToken({
  name: 'LParenInBrackets',
  pattern: '(',
  push_mode: 'brackets',
  categories: [LParen],
});
export const RParenInBrackets = createToken({
  name: 'RParenInBrackets',
  pattern: ')',
  pop_mode: true,
  categories: [RParen],
});
export const Comma = createToken({ name: 'Comma', pattern: ',' });
export const Colon = createToken({ name: 'Colon', pattern: ':' });
export const At = createToken({ name: 'At', pattern: '@' });

const arithmetic = [ArithmeticOperator, DurationOperator];
export const Plus = createToken({ name: 'Plus', pattern: '+', categories: [...arithmetic, UnaryOperator] });
export const Minus = createToken({ name: 'Minus', pattern: '-', categories: [...arithmetic, UnaryOperator] });
export const Mul = createToken({ name: 'Mul', pattern: '*', categories: arithmetic });
export const Div = createToken({ name: 'Div', pattern: '/', categories: arithmetic });
export const Mod = createToken({ name: 'Mod', pattern: '%', categories: arithmetic });
export const Pow = createToken({ name: 'Pow', pattern: '^', categories: arithmetic });
export const EqlC = createToken({ name: 'EqlC', pattern: '==', categories: [ComparisonOperator] });
export const Neq = createToken({ name: 'Neq', pattern: '!=', categories: [ComparisonOperator, MatchOperator] });
export const Lte = createToken({ name: 'Lte', pattern: '<=', categories: [ComparisonOperator] });
export const Lss = createToken({ name: 'Lss', pattern: '<', categories: [ComparisonOperator] });
export const Gte = createToken({ name: 'Gte', pattern: '>=', categories: [ComparisonOperator] });
export const Gtr = createToken({ name: 'Gtr', pattern: '>', categories: [ComparisonOperator] });
export const Eql = createToken({ name: 'Eql', pattern: '=', categories: [MatchOperator] });
export const EqlRegex = createToken({ name: 'EqlRegex', pattern: '=~', categories: [MatchOperator] });
export const NeqRegex = createToken({ name: 'NeqRegex', pattern: '!~', categories: [MatchOperator] });

/* Words. */
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[a-zA-Z_][a-zA-Z0-9_]*/,
  categories: [MetricName, LabelName],
});
/** A word with a colon, as recording rules name their series: `job:http_requests:rate5m`. */
export const MetricIdentifier = createToken({
  name: 'MetricIdentifier',
  pattern: /[a-zA-Z_:][a-zA-Z0-9_]*:[a-zA-Z0-9_:]*|:[a-zA-Z0-9_:]*/,
  categories: [MetricName, LabelName],
});

/** The keywords by their words in lower case; a word is a keyword in any letter case. */
export const KEYWORD_TOKENS = new Map<string, TokenType>();

function keyword(name: string, word: string, categories: TokenType[]): TokenType {
  const token = createToken({ name, pattern: new RegExp(word, 'i'), longer_alt: Identifier, categories });
  for (const each of word.split('|')) KEYWORD_TOKENS.set(each, token);
  return token;
}

const wordLike = [MetricName, LabelName];
const aggregation = [AggregateOperator, MetricName, LabelName];

export const And = keyword('And', 'and', [SetOperator, ...wordLike]);
export const Or = keyword('Or', 'or', [SetOperator, ...wordLike]);
export const Unless = keyword('Unless', 'unless', [SetOperator, ...wordLike]);
export const Atan2 = keyword('Atan2', 'atan2', [ArithmeticOperator, LabelName]);

/* Longer words first where one word starts another (`count_values` before `count`). */
export const CountValues = keyword('CountValues', 'count_values', aggregation);
export const Count = keyword('Count', 'count', aggregation);
export const GroupLeft = keyword('GroupLeft', 'group_left', [LabelName]);
export const GroupRight = keyword('GroupRight', 'group_right', [LabelName]);
export const Group = keyword('Group', 'group', aggregation);
export const Sum = keyword('Sum', 'sum', aggregation);
export const Avg = keyword('Avg', 'avg', aggregation);
export const Min = keyword('Min', 'min', aggregation);
export const Max = keyword('Max', 'max', aggregation);
export const Stddev = keyword('Stddev', 'stddev', aggregation);
export const Stdvar = keyword('Stdvar', 'stdvar', aggregation);
export const Topk = keyword('Topk', 'topk', aggregation);
export const Bottomk = keyword('Bottomk', 'bottomk', aggregation);
export const Quantile = keyword('Quantile', 'quantile', aggregation);
export const Limitk = keyword('Limitk', 'limitk', aggregation);
export const LimitRatio = keyword('LimitRatio', 'limit_ratio', aggregation);

export const Offset = keyword('Offset', 'offset', wordLike);
export const By = keyword('By', 'by', wordLike);
export const Without = keyword('Without', 'without', [MetricName]);
export const On = keyword('On', 'on', [LabelName]);
export const Ignoring = keyword('Ignoring', 'ignoring', [LabelName]);
export const Bool = keyword('Bool', 'bool', [LabelName]);
export const Start = keyword('Start', 'start', wordLike);
export const End = keyword('End', 'end', wordLike);
/** `Inf` and `NaN` are numbers, in any letter case. */
export const InfOrNaN = keyword('InfOrNaN', 'inf|nan', [NumericLiteral]);

const keywords = [
  And, Or, Unless, Atan2, CountValues, Count, GroupLeft, GroupRight, Group, Sum, Avg, Min, Max, Stddev,
  Stdvar, Topk, Bottomk, Quantile, Limitk, LimitRatio, Offset, By, Without, On, Ignoring, Bool, Start,
  End, InfOrNaN,
];

const expressionMode = [
  Space, WhiteSpace, Comment, StringLiteral, UnterminatedString, Duration, NumberToken, BadNumber,
  EqlC, Neq, Lte, Gte, Lss, Gtr, Eql, Plus, Minus, Mul, Div, Mod, Pow, At,
  LParen, RParen, LBrace, LBracket, Comma, MetricIdentifier, ...keywords, Identifier,
];
const bracesMode = [Space, WhiteSpace, Comment, StringLiteral, UnterminatedString, Comma, EqlRegex, Eql, NeqRegex, Neq, RBrace, Identifier];
/** Inside `[...]` only durations and their arithmetic belong. */
const bracketsMode = [
  Space, WhiteSpace, Duration, NumberToken, BadNumber, Colon, RBracket, Plus, Minus, Mul, Div, Mod, Pow,
  LParenInBrackets, RParenInBrackets,
];

const categories = [
  BinaryOperator, ArithmeticOperator, ComparisonOperator, SetOperator, UnaryOperator, DurationOperator, MatchOperator,
  AggregateOperator, MetricName, LabelName, NumericLiteral,
];

/** Every token type, for the parser's vocabulary. */
export const allTokens: TokenType[] = [
  ...new Set([...categories, ...expressionMode, ...bracesMode, ...bracketsMode]),
];

export const LEXER_MODES = { expression: 'expression', braces: 'braces', brackets: 'brackets' } as const;
export type LexerMode = keyof typeof LEXER_MODES;

/** What each mode matches, as Chevrotain's lexer takes it: the first pattern in the list that matches wins. */
export const LEXER_MODE_TOKENS: Record<LexerMode, TokenType[]> = { expression: expressionMode, braces: bracesMode, brackets: bracketsMode };
