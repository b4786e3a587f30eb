/**
 * Making the expression tree out of the pieces a parse found: tokens, and what the rules inside
 * them made. Applies operator precedence and reports the problems Prometheus's parser finds while
 * it builds its tree (bad numbers, durations, strings and regular expressions, misplaced
 * modifiers, unknown functions, ...).
 *
 * Both parsers use it: the tree parser (tree-parser.ts) for text without syntax errors, and the
 * syntax tree builder (build-ast.ts), which after error recovery passes what pieces there are.
 */
import type { IToken } from 'chevrotain';
import type { AggregateExpr, AggregateOp, BinaryOp, Call, Expr, NumberLiteral, StringLiteral, TextRange, VectorSelector } from './ast.js';
import { problem, type Problem } from '../errors.js';
import { Matcher, RegexSyntaxError, type MatchType } from '../labels/matcher.js';
import { durationMsOrError } from './duration.js';
import {
  durationArithmetic,
  durationMs,
  MAX_DURATION_SECONDS,
  negated,
  roundHalfAway,
  type DurationValue,
} from './duration-value.js';
import { lookupAggregation, lookupFunction } from './functions.js';
import { BadNumber, Duration, Start, UnterminatedString } from './lexer.js';
import { parseNumberLiteral, plainNumberValue } from './number-literal.js';
import { EXPRESSION_PRECEDENCE, type Operator, type WrittenMatching } from './operator-nodes.js';
import { PrecedenceResolver, resolvePrecedence, type Operation, type SignedOperand } from './precedence.js';
import { lowerCaseWord } from './scanner.js';
import { isValidUtf8, plainStringValue, quoteString, unquoteString } from './string-literal.js';
import { applyModifier, type PostfixModifier } from './time-modifiers.js';

const SOURCE = 'parse';
const METRIC_NAME = '__name__';

/* What rules hand to the rules around them. */
export type Operand = SignedOperand<Expr>;
export interface BinaryOperation {
  operator: Operator;
  operand: Operand;
}
export interface Grouping {
  labels: string[];
  end: number;
}
export interface AggregateModifier extends Grouping {
  without: boolean;
}
export interface Arguments {
  args: Expr[];
  end: number;
  /** False when recovery supplied the closing parenthesis: more arguments may be missing. */
  closed: boolean;
}
export interface Braces {
  matchers: Matcher[];
  quotedName?: string;
  range: TextRange;
}
/** A matcher in braces (none when its value was reported as bad), and where it ends. */
export interface BuiltMatcher {
  matcher?: Matcher;
  isQuotedName: boolean;
  end: number;
}
interface SelectorRecord {
  selector: VectorSelector;
  nameOutsideBraces: boolean;
}

export function tokenStart(token: IToken): number {
  return token.startOffset;
}

/** The lexer tracks start offsets only; a token ends where its text does. */
export function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}

/** Tokens that error recovery invented have no position. */
export function isReal(token: IToken | undefined): token is IToken {
  return token !== undefined && !token.isInsertedInRecovery && Number.isFinite(token.startOffset);
}

function tokenRange(token: IToken): TextRange {
  return { start: tokenStart(token), end: tokenEnd(token) };
}

/** Where labels in parentheses end; `close` is missing after recovery. */
function groupingEnd(open: IToken | undefined, close: IToken | undefined): number {
  return isReal(close) ? tokenEnd(close) : isReal(open) ? tokenEnd(open) : 0;
}

/** Go's `%f`. */
function formatFixed6(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (Math.abs(value) >= 1e21) return `${BigInt(value)}.000000`;
  return value.toFixed(6);
}

/** One maker serves every parse; `start` resets it. */
export class TreeMaker {
  private problems: Problem[] = [];
  /** The selectors that addSelectorProblems reports on (few texts have any). */
  private readonly suspectSelectors: SelectorRecord[] = [];
  /** The selectors that are info()'s second argument; few texts have any. */
  private infoSelectors: Set<VectorSelector> | undefined;
  private readonly reporter = (message: string, range: TextRange): void => {
    this.problems.push(problem(message, range, SOURCE));
  };
  /** Precedence of binary operators and signs, for both parsers; the tree parser hands pieces over as it reads them. */
  readonly operators = new PrecedenceResolver(EXPRESSION_PRECEDENCE);
  /** Precedence in duration arithmetic, likewise. */
  readonly durations = new PrecedenceResolver(durationArithmetic(this.reporter));

  /** Starts a tree; problems found while making it are appended to `problems`. */
  start(problems: Problem[]): void {
    this.problems = problems;
    this.suspectSelectors.length = 0;
    this.infoSelectors = undefined;
    this.operators.clear();
    this.durations.clear();
  }

  /**
   * Adds to `problems` what Prometheus checks once the tree is complete and free of other errors:
   * a metric name given twice, and selectors that would match every series.
   */
  addSelectorProblems(problems: Problem[]): void {
    for (let s = 0; s < this.suspectSelectors.length; s++) {
      const { selector, nameOutsideBraces } = this.suspectSelectors[s]!;
      if (nameOutsideBraces) {
        // The matchers written in braces: all but the last, which the name outside made.
        const matchers = selector.matchers;
        for (let i = 0; i < matchers.length - 1; i++) {
          const m = matchers[i]!;
          if (m.name !== METRIC_NAME) continue;
          const message = `metric name must not be set twice: ${quoteString(selector.name)} or ${quoteString(m.value)}`;
          problems.push(problem(message, selector.range, SOURCE));
        }
      } else if (!this.infoSelectors?.has(selector)) {
        problems.push(problem('vector selector must contain at least one non-empty matcher', selector.range, SOURCE));
      }
    }
  }

  /** Keeps a selector for addSelectorProblems when it names its metric twice or matches every series. */
  private noteSuspectSelector(selector: VectorSelector, nameOutsideBraces: boolean): void {
    const suspect = nameOutsideBraces ? namesMetricInBraces(selector.matchers) : matchesEverySeries(selector.matchers);
    if (suspect) this.suspectSelectors.push({ selector, nameOutsideBraces });
  }

  private report(message: string, range: TextRange): void {
    this.reporter(message, range);
  }

  /* ---- Operators. ---- */

  /** `operand (operator operand)*` with precedence applied. */
  expression(first: Operand, operations: readonly BinaryOperation[]): Expr {
    if (operations.length === 0 && first.signs.length === 0) return first.value;
    return resolvePrecedence(first, operations, this.operators);
  }

  operator(token: IToken, returnBool: boolean, matching: WrittenMatching | undefined): Operator {
    const operator: Operator = { op: lowerCaseWord(token.image) as BinaryOp, returnBool };
    if (matching) operator.matching = matching;
    return operator;
  }

  /** `on (...)` or `ignoring (...)`, and `group_left (...)` or `group_right (...)` after it. */
  matching(on: boolean, labels: string[], group: 'left' | 'right' | undefined, include: string[]): WrittenMatching {
    const matching: WrittenMatching = { on, labels, include: [] };
    if (group) Object.assign(matching, { group, include });
    return matching;
  }

  /** Postfix modifiers apply to the primary expression before the signs do. */
  modified(expr: Expr, modifier: PostfixModifier): Expr {
    return applyModifier(expr, modifier, this.reporter);
  }

  /* ---- Calls and aggregations. ---- */

  /** Reports a function name that is not one; before the arguments, whose problems come after. */
  functionName(name: IToken): void {
    if (!lookupFunction(name.image)) {
      this.report(`unknown function with name ${quoteString(name.image)}`, tokenRange(name));
    }
  }

  call(name: IToken, args: Arguments): Call {
    const call: Call = { kind: 'Call', func: name.image, args: args.args, range: { start: tokenStart(name), end: args.end } };
    const infoSelector = call.func === 'info' ? args.args[1] : undefined;
    if (infoSelector?.kind === 'VectorSelector') (this.infoSelectors ??= new Set()).add(infoSelector);
    return call;
  }

  aggregation(opToken: IToken, { args, end: argsEnd, closed }: Arguments, modifier: AggregateModifier | undefined): AggregateExpr | undefined {
    const op = lowerCaseWord(opToken.image) as AggregateOp;
    const range = { start: tokenStart(opToken), end: Math.max(argsEnd, modifier?.end ?? 0) };
    if (args.length === 0) {
      if (closed) this.report('no arguments for aggregate expression provided', range);
      return undefined;
    }
    const wanted = lookupAggregation(op)?.paramType ? 2 : 1;
    if (args.length !== wanted && closed) {
      const message = `wrong number of arguments for aggregate expression provided, expected ${wanted}, got ${args.length}`;
      this.report(message, range);
    }
    const aggregate: AggregateExpr = {
      kind: 'AggregateExpr',
      op,
      expr: args[Math.min(wanted, args.length) - 1]!,
      grouping: modifier?.labels ?? [],
      without: modifier?.without ?? false,
      explicitGrouping: modifier !== undefined,
      range,
    };
    if (wanted === 2 && args.length >= 2) aggregate.param = args[0];
    return aggregate;
  }

  /** Arguments in parentheses; `commas` are all that were written, `close` is missing after recovery. */
  arguments(open: IToken | undefined, args: Expr[], commas: readonly IToken[], close: IToken | undefined): Arguments {
    const closed = isReal(close);
    const end = closed ? tokenEnd(close) : (args[args.length - 1]?.range.end ?? (isReal(open) ? tokenEnd(open) : 0));
    for (let i = 0; i < commas.length; i++) {
      const comma = commas[i]!;
      const next = commas[i + 1]?.startOffset ?? end;
      if (!startsArgument(args, comma.startOffset, next)) this.report('trailing commas not allowed in function call args', tokenRange(comma));
    }
    return { args, end, closed };
  }

  /** Labels in parentheses; `close` is missing after recovery. */
  grouping(open: IToken | undefined, labels: string[], close: IToken | undefined): Grouping {
    return { labels, end: groupingEnd(open, close) };
  }

  /** `by (...)` or `without (...)`. */
  aggregateModifier(without: boolean, open: IToken | undefined, labels: string[], close: IToken | undefined): AggregateModifier {
    return { labels, end: groupingEnd(open, close), without };
  }

  /** A label of `by (...)` and the like, as a word or quoted. */
  groupingLabel(token: IToken, quoted: boolean): string {
    if (!quoted) return token.image;
    const label = this.readString(token);
    if (label === '' || !isValidUtf8(label)) {
      this.report(`invalid label name for grouping: ${quoteString(label)}`, tokenRange(token));
    }
    return label;
  }

  /* ---- Selectors. ---- */

  selector(nameToken: IToken | undefined, braces: Braces | undefined): VectorSelector {
    const matchers = braces?.matchers ?? [];
    const nameOutsideBraces = nameToken !== undefined;
    const name = nameOutsideBraces ? nameToken.image : (braces?.quotedName ?? '');
    if (nameOutsideBraces) matchers.push(new Matcher(METRIC_NAME, '=', name));
    const start = nameOutsideBraces ? tokenStart(nameToken) : braces!.range.start;
    const end = braces ? braces.range.end : tokenEnd(nameToken!);
    const selector: VectorSelector = { kind: 'VectorSelector', name, matchers, offsetMs: 0, range: { start, end } };
    this.noteSuspectSelector(selector, nameOutsideBraces);
    return selector;
  }

  /** The matchers in braces; `lastComma` and `close` may be missing after recovery. */
  braces(open: IToken | undefined, built: readonly BuiltMatcher[], lastComma: IToken | undefined, close: IToken | undefined): Braces {
    const braces = this.openBraces(open);
    for (const matcher of built) this.addMatcher(braces, matcher);
    return this.closeBraces(braces, lastComma, close);
  }

  /** braces() a matcher at a time: openBraces, addMatcher for each, closeBraces. */
  openBraces(open: IToken | undefined): Braces {
    const start = isReal(open) ? tokenStart(open) : 0;
    // Until closeBraces, `range.end` is where the last matcher ends.
    return { matchers: [], quotedName: undefined, range: { start, end: start + 1 } };
  }

  addMatcher(braces: Braces, matcher: BuiltMatcher): void {
    braces.range.end = Math.max(braces.range.end, matcher.end);
    if (!matcher.matcher) return;
    braces.matchers.push(matcher.matcher);
    if (matcher.isQuotedName) braces.quotedName ??= matcher.matcher.value;
  }

  /** `lastComma` and `close` may be missing after recovery. */
  closeBraces(braces: Braces, lastComma: IToken | undefined, close: IToken | undefined): Braces {
    const range = braces.range;
    range.end = isReal(close) ? tokenEnd(close) : Math.max(range.end, isReal(lastComma) ? tokenEnd(lastComma) : 0);
    // As upstream: a quoted name is the selector's name only when nothing else matches on `__name__`.
    if (braces.quotedName !== undefined && countMetricNameMatchers(braces.matchers) > 1) braces.quotedName = undefined;
    return braces;
  }

  /** `name="value"`. */
  labelMatcher(name: IToken, operator: IToken, value: IToken): BuiltMatcher {
    return { matcher: this.newMatcher(name.image, operator, value), isQuotedName: false, end: tokenEnd(value) };
  }

  /** `"name"="value"`, or `"name"` alone: the metric name. */
  quotedMatcher(nameToken: IToken, operator: IToken | undefined, value: IToken | undefined): BuiltMatcher | undefined {
    const name = this.readString(nameToken);
    if (!operator) {
      return { matcher: new Matcher(METRIC_NAME, '=', name), isQuotedName: true, end: tokenEnd(nameToken) };
    }
    if (!isReal(operator) || !value) return undefined;
    return { matcher: this.newMatcher(name, operator, value), isQuotedName: false, end: tokenEnd(value) };
  }

  private newMatcher(name: string, operator: IToken, valueToken: IToken): Matcher | undefined {
    const value = this.readString(valueToken);
    try {
      return new Matcher(name, operator.image as MatchType, value);
    } catch (e) {
      if (!(e instanceof RegexSyntaxError)) throw e;
      this.report(e.message, tokenRange(valueToken));
      return undefined;
    }
  }

  /* ---- Ranges, offsets and @. ---- */

  /** `[range]` or `[range:step]`; `close` is missing after recovery. */
  range(open: IToken, range: DurationValue, colon: boolean, step: DurationValue | undefined, close: IToken | undefined): PostfixModifier {
    const end = isReal(close) ? tokenEnd(close) : (step ?? range).range.end;
    return {
      kind: 'range',
      brackets: { start: tokenStart(open), end },
      rangeMs: this.positiveDurationMs(range),
      stepMs: colon ? (step ? this.positiveDurationMs(step) : 0) : undefined,
    };
  }

  offset(offset: SignedOperand<DurationValue>): PostfixModifier {
    return this.offsetBy(offset.signs.reduceRight((v, sign) => negated(v, sign), offset.value));
  }

  /** `offset <duration>`, with its signs applied. */
  offsetBy(value: DurationValue): PostfixModifier {
    this.noteArithmetic(value);
    if (value.isValid && !(Math.abs(value.seconds) <= MAX_DURATION_SECONDS)) {
      this.report('duration out of range', value.range);
      return { kind: 'offset', ms: 0, end: value.range.end };
    }
    return { kind: 'offset', ms: value.isValid ? durationMs(value) : 0, end: value.range.end };
  }

  /** `@ start()` or `@ end()`; `close` is missing after recovery. */
  atAnchor(anchor: IToken, close: IToken | undefined): PostfixModifier {
    const end = isReal(close) ? tokenEnd(close) : tokenEnd(anchor);
    return { kind: 'at', anchor: anchor.tokenType === Start ? 'start' : 'end', end };
  }

  /** `@ <timestamp>`. */
  atTimestamp(signs: readonly IToken[], literal: IToken): PostfixModifier {
    const timestamp = signs.reduceRight((v, sign) => negated(v, sign), this.durationLiteral(literal));
    const seconds = timestamp.seconds;
    if (!Number.isFinite(seconds) || seconds >= 2 ** 63 || seconds <= -(2 ** 63)) {
      this.report(`timestamp out of bounds for @ modifier: ${formatFixed6(seconds)}`, timestamp.range);
      return { kind: 'at', atMs: 0, end: timestamp.range.end };
    }
    return { kind: 'at', atMs: roundHalfAway(seconds * 1000), end: timestamp.range.end };
  }

  /** Duration arithmetic: `operand (operator operand)*` folded to a value. */
  durationExpression(first: SignedOperand<DurationValue>, operations: ReadonlyArray<Operation<DurationValue, IToken>>): DurationValue {
    if (operations.length === 0 && first.signs.length === 0) return first.value;
    return resolvePrecedence(first, operations, this.durations);
  }

  /** A duration in parentheses; `close` is missing after recovery. */
  parenDuration(open: IToken, inner: DurationValue, close: IToken | undefined): DurationValue {
    const end = isReal(close) ? tokenEnd(close) : inner.range.end;
    return { ...inner, range: { start: tokenStart(open), end }, isArithmetic: true };
  }

  /** A number or duration token as a number of seconds. */
  durationLiteral(token: IToken): DurationValue {
    if (token.tokenType !== Duration) {
      const seconds = this.readNumber(token);
      return { seconds: seconds ?? 0, range: tokenRange(token), isValid: seconds !== undefined, isArithmetic: false };
    }
    const ms = this.readDurationMs(token);
    const value: DurationValue = { seconds: ms === undefined ? 0 : ms / 1000, range: tokenRange(token), isValid: ms !== undefined, isArithmetic: false };
    if (ms !== undefined) value.exactMs = ms;
    return value;
  }

  /** A range or step: a positive duration. */
  private positiveDurationMs(duration: DurationValue): number {
    this.noteArithmetic(duration);
    if (!duration.isValid) return 0;
    if (!(duration.seconds > 0)) {
      this.report('duration must be greater than 0', duration.range);
      return 0;
    }
    if (duration.seconds > MAX_DURATION_SECONDS) {
      this.report('duration out of range', duration.range);
      return 0;
    }
    return durationMs(duration);
  }

  private noteArithmetic(duration: DurationValue): void {
    if (!duration.isArithmetic) return;
    const message = 'duration expressions are experimental in Prometheus and need --enable-feature=promql-duration-expr there';
    this.problems.push(problem(message, duration.range, SOURCE, 'warning'));
  }

  /* ---- Literals. ---- */

  number(token: IToken): NumberLiteral {
    return { kind: 'NumberLiteral', value: this.readNumber(token) ?? 0, range: tokenRange(token) };
  }

  string(token: IToken): StringLiteral {
    return { kind: 'StringLiteral', value: this.readString(token), range: tokenRange(token) };
  }

  /** An expression in parentheses; `close` is missing after recovery. */
  paren(open: IToken, inner: Expr, close: IToken | undefined): Expr {
    const end = isReal(close) ? tokenEnd(close) : inner.range.end;
    return { kind: 'ParenExpr', expr: inner, range: { start: tokenStart(open), end } };
  }

  /** The value of a number or duration token, in seconds; undefined when it is bad (reported). */
  private readNumber(token: IToken): number | undefined {
    if (token.tokenType === BadNumber) {
      this.report(`bad number or duration syntax: ${quoteString(token.image)}`, tokenRange(token));
      return undefined;
    }
    if (token.tokenType === Duration) {
      const ms = this.readDurationMs(token);
      return ms === undefined ? undefined : ms / 1000;
    }
    const plain = plainNumberValue(token.image);
    if (plain !== undefined) return plain;
    const parsed = parseNumberLiteral(token.image);
    if (parsed.error !== undefined) {
      this.report(parsed.error, tokenRange(token));
      return undefined;
    }
    return parsed.value;
  }

  /** The milliseconds of a duration token; undefined when it is bad (reported). */
  private readDurationMs(token: IToken): number | undefined {
    const parsed = durationMsOrError(token.image);
    if (typeof parsed === 'number') return parsed;
    this.report(parsed, tokenRange(token));
    return undefined;
  }

  /** The value of a string token; an unterminated one was reported when it was lexed. */
  private readString(token: IToken): string {
    const plain = plainStringValue(token.image);
    if (plain !== undefined) return plain;
    const { value, error } = unquoteString(token.image);
    if (error && token.tokenType !== UnterminatedString) {
      const start = tokenStart(token);
      this.report(error.message, { start: start + error.start, end: start + error.end });
    }
    return value;
  }
}

/** Whether an argument starts between `after` and `before`. */
function startsArgument(args: readonly Expr[], after: number, before: number): boolean {
  for (let i = 0; i < args.length; i++) {
    const start = args[i]!.range.start;
    if (start > after && start < before) return true;
  }
  return false;
}

function countMetricNameMatchers(matchers: readonly Matcher[]): number {
  let count = 0;
  for (let i = 0; i < matchers.length; i++) if (matchers[i]!.name === METRIC_NAME) count++;
  return count;
}

/** Whether matchers written in braces, before the one the name outside them made, match on `__name__`. */
function namesMetricInBraces(matchers: readonly Matcher[]): boolean {
  return countMetricNameMatchers(matchers) > 1;
}

function matchesEverySeries(matchers: readonly Matcher[]): boolean {
  for (let i = 0; i < matchers.length; i++) if (!matchers[i]!.matchesEmpty()) return false;
  return true;
}
