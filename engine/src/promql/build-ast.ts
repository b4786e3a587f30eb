/**
 * Builds the expression tree from the parser's concrete syntax tree, applying operator precedence
 * and reporting the problems Prometheus's parser finds while it builds its tree (bad numbers,
 * durations, strings and regular expressions, misplaced modifiers, unknown functions, ...).
 *
 * After error recovery the syntax tree may lack pieces; the builder then returns what it can.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { AggregateExpr, AggregateOp, BinaryOp, Call, Expr, NumberLiteral, TextRange, VectorSelector } from './ast.js';
import type {
  AggregateModifierCtx,
  AggregationCtx,
  AtModifierCtx,
  BinaryOperationCtx,
  CallArgumentsCtx,
  DurationCtx,
  DurationExprCtx,
  DurationOperandCtx,
  ExpressionCtx,
  FunctionCallCtx,
  GroupingLabelCtx,
  GroupingLabelsCtx,
  GroupModifierCtx,
  LabelMatcherCtx,
  LabelMatchersCtx,
  Nodes,
  NumberLiteralCtx,
  OffsetModifierCtx,
  OperandCtx,
  ParenDurationCtx,
  ParenExprCtx,
  PostfixModifierCtx,
  PrimaryCtx,
  PromqlCtx,
  RangeOrSubqueryCtx,
  StringLiteralCtx,
  Tokens,
  VectorMatchingCtx,
  VectorSelectorCtx,
} from './cst-shapes.js';
import { problem, type Problem } from '../errors.js';
import { Matcher, RegexSyntaxError, type MatchType } from '../labels/matcher.js';
import { tryParseDuration } from './duration.js';
import {
  durationArithmetic,
  durationMs,
  MAX_DURATION_SECONDS,
  negated,
  roundHalfAway,
  type DurationValue,
} from './duration-value.js';
import { lookupAggregation, lookupFunction } from './functions.js';
import { promqlParser } from './grammar.js';
import { BadNumber, Duration, Start, UnterminatedString } from './lexer.js';
import { parseNumberLiteral } from './number-literal.js';
import { EXPRESSION_PRECEDENCE, typed, type Operator, type Typed, type WrittenMatching } from './operator-nodes.js';
import { resolvePrecedence, type Operation, type SignedOperand } from './precedence.js';
import { isValidUtf8, quoteString, unquoteString } from './string-literal.js';
import { applyModifier, type PostfixModifier } from './time-modifiers.js';

const SOURCE = 'parse';
const METRIC_NAME = '__name__';

/* Values that rules hand to their parents. */
type Operand = SignedOperand<Expr>;
interface Grouping { labels: string[]; end: number }
interface Arguments {
  args: Expr[];
  end: number;
  /** False when recovery supplied the closing parenthesis: more arguments may be missing. */
  closed: boolean;
}
interface SelectorRecord { selector: VectorSelector; nameOutsideBraces: boolean }
interface BuiltMatcher { matcher?: Matcher; isQuotedName: boolean; end: number }

function tokenStart(token: IToken): number {
  return token.startOffset;
}

/** The lexer tracks start offsets only; a token ends where its text does. */
function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}

/** Tokens that error recovery invented have no position. */
function isReal(token: IToken | undefined): token is IToken {
  return token !== undefined && !token.isInsertedInRecovery && Number.isFinite(token.startOffset);
}

function tokenRange(token: IToken): TextRange {
  return { start: tokenStart(token), end: tokenEnd(token) };
}

/** Go's `%f`. */
function formatFixed6(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (Math.abs(value) >= 1e21) return `${BigInt(value)}.000000`;
  return value.toFixed(6);
}

const BaseVisitor = promqlParser.getBaseCstVisitorConstructor<undefined, unknown>();

/** One builder serves every parse; `build` resets it. */
export class AstBuilder extends BaseVisitor {
  private problems: Problem[] = [];
  private selectors: SelectorRecord[] = [];
  private infoSelectors = new Set<VectorSelector>();
  private readonly reporter = (message: string, range: TextRange): void => {
    this.problems.push(problem(message, range, SOURCE));
  };
  private readonly durationRules = durationArithmetic(this.reporter);

  constructor() {
    super();
    this.validateVisitor();
  }

  /** Builds the tree; problems found on the way are appended to `problems`. */
  build(cst: CstNode, problems: Problem[]): Expr | undefined {
    this.problems = problems;
    this.selectors = [];
    this.infoSelectors = new Set();
    return this.visit(cst) as Expr | undefined;
  }

  /**
   * Checks that Prometheus makes once the tree is complete and free of other errors: a metric name
   * given twice, and selectors that would match every series.
   */
  selectorProblems(): Problem[] {
    const found: Problem[] = [];
    for (const { selector, nameOutsideBraces } of this.selectors) {
      if (nameOutsideBraces) {
        const written = selector.matchers.slice(0, -1);
        for (const m of written) {
          if (m.name !== METRIC_NAME) continue;
          const message = `metric name must not be set twice: ${quoteString(selector.name)} or ${quoteString(m.value)}`;
          found.push(problem(message, selector.range, SOURCE));
        }
      } else if (!this.infoSelectors.has(selector) && selector.matchers.every((m) => m.matchesEmpty())) {
        found.push(problem('vector selector must contain at least one non-empty matcher', selector.range, SOURCE));
      }
    }
    return found;
  }

  private report(message: string, range: TextRange): void {
    this.reporter(message, range);
  }

  private expr(nodes: Nodes): Expr | undefined {
    return nodes?.[0] ? (this.visit(nodes[0]) as Expr | undefined) : undefined;
  }

  /* ---- Rules. ---- */

  promql(ctx: PromqlCtx): Expr | undefined {
    return this.expr(ctx.expression);
  }

  /** Applies precedence to `operand (operator operand)*`; recovered gaps are skipped. */
  expression(ctx: ExpressionCtx): Expr | undefined {
    const operations: Array<Operation<Typed, Operator>> = [];
    const first = ctx.operand?.[0] ? (this.visit(ctx.operand[0]) as Operand | undefined) : undefined;
    let head: SignedOperand<Typed> | undefined = first && typed(first);
    for (const node of ctx.binaryOperation ?? []) {
      const operation = this.visit(node) as { operator: Operator; operand: Operand } | undefined;
      if (!operation) continue;
      if (head) operations.push({ operator: operation.operator, operand: typed(operation.operand) });
      else head = typed(operation.operand);
    }
    return head ? resolvePrecedence(head, operations, EXPRESSION_PRECEDENCE).expr : undefined;
  }

  binaryOperation(ctx: BinaryOperationCtx): { operator: Operator; operand: Operand } | undefined {
    const token = ctx.BinaryOperator?.[0];
    const operand = ctx.operand?.[0] ? (this.visit(ctx.operand[0]) as Operand | undefined) : undefined;
    if (!isReal(token) || !operand) return undefined;
    const operator: Operator = { op: token.image.toLowerCase() as BinaryOp, returnBool: ctx.Bool !== undefined };
    const matching = ctx.vectorMatching?.[0];
    if (matching) {
      operator.matching = this.visit(matching) as WrittenMatching;
      const group = ctx.groupModifier?.[0];
      if (group) Object.assign(operator.matching, this.visit(group));
    }
    return { operator, operand };
  }

  vectorMatching(ctx: VectorMatchingCtx): WrittenMatching {
    const labels = ctx.groupingLabels ? (this.visit(ctx.groupingLabels) as Grouping).labels : [];
    return { on: ctx.On !== undefined, labels, include: [] };
  }

  groupModifier(ctx: GroupModifierCtx): { group: 'left' | 'right'; include: string[] } {
    const include = ctx.groupingLabels ? (this.visit(ctx.groupingLabels) as Grouping).labels : [];
    return { group: ctx.GroupLeft ? 'left' : 'right', include };
  }

  /** Postfix modifiers apply to the primary expression before the signs do. */
  operand(ctx: OperandCtx): Operand | undefined {
    let expr = this.expr(ctx.primary);
    if (!expr) return undefined;
    for (const node of ctx.postfixModifier ?? []) {
      const modifier = this.visit(node) as PostfixModifier | undefined;
      if (modifier) expr = applyModifier(expr, modifier, this.reporter);
    }
    return { signs: (ctx.UnaryOperator ?? []).filter(isReal), value: expr };
  }

  postfixModifier(ctx: PostfixModifierCtx): PostfixModifier | undefined {
    const node = ctx.rangeOrSubquery?.[0] ?? ctx.offsetModifier?.[0] ?? ctx.atModifier?.[0];
    return node ? (this.visit(node) as PostfixModifier | undefined) : undefined;
  }

  primary(ctx: PrimaryCtx): Expr | undefined {
    const node =
      ctx.vectorSelector?.[0] ??
      ctx.functionCall?.[0] ??
      ctx.aggregation?.[0] ??
      ctx.numberLiteral?.[0] ??
      ctx.stringLiteral?.[0] ??
      ctx.parenExpr?.[0];
    return node ? (this.visit(node) as Expr | undefined) : undefined;
  }

  functionCall(ctx: FunctionCallCtx): Call | undefined {
    const name = ctx.Identifier?.[0];
    if (!isReal(name) || !ctx.callArguments) return undefined;
    if (!lookupFunction(name.image)) {
      this.report(`unknown function with name ${quoteString(name.image)}`, tokenRange(name));
    }
    const { args, end } = this.visit(ctx.callArguments) as Arguments;
    const call: Call = { kind: 'Call', func: name.image, args, range: { start: tokenStart(name), end } };
    const infoSelector = call.func === 'info' ? args[1] : undefined;
    if (infoSelector?.kind === 'VectorSelector') this.infoSelectors.add(infoSelector);
    return call;
  }

  aggregation(ctx: AggregationCtx): AggregateExpr | undefined {
    const opToken = ctx.AggregateOperator?.[0];
    if (!isReal(opToken) || !ctx.callArguments) return undefined;
    const op = opToken.image.toLowerCase() as AggregateOp;
    const { args, end: argsEnd, closed } = this.visit(ctx.callArguments) as Arguments;
    const modifier = ctx.aggregateModifier
      ? (this.visit(ctx.aggregateModifier) as Grouping & { without: boolean })
      : undefined;
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

  aggregateModifier(ctx: AggregateModifierCtx): (Grouping & { without: boolean }) | undefined {
    if (!ctx.groupingLabels) return undefined;
    const grouping = this.visit(ctx.groupingLabels) as Grouping;
    return { ...grouping, without: ctx.Without !== undefined };
  }

  callArguments(ctx: CallArgumentsCtx): Arguments {
    const args: Expr[] = [];
    for (const node of ctx.expression ?? []) {
      const arg = this.visit(node) as Expr | undefined;
      if (arg) args.push(arg);
    }
    const close = ctx.RParen?.[0];
    const closed = isReal(close);
    const end = closed ? tokenEnd(close) : (args[args.length - 1]?.range.end ?? endOfTokens(ctx.LParen));
    const commas = (ctx.Comma ?? []).filter(isReal);
    commas.forEach((comma, i) => {
      const next = commas[i + 1]?.startOffset ?? end;
      const followed = args.some((arg) => arg.range.start > comma.startOffset && arg.range.start < next);
      if (!followed) this.report('trailing commas not allowed in function call args', tokenRange(comma));
    });
    return { args, end, closed };
  }

  vectorSelector(ctx: VectorSelectorCtx): VectorSelector | undefined {
    const nameToken = ctx.MetricName?.[0];
    const braces = ctx.labelMatchers
      ? (this.visit(ctx.labelMatchers) as { matchers: Matcher[]; quotedName?: string; range: TextRange })
      : undefined;
    if (!isReal(nameToken) && !braces) return undefined;
    const matchers = braces?.matchers ?? [];
    const nameOutsideBraces = isReal(nameToken);
    const name = nameOutsideBraces ? nameToken.image : (braces?.quotedName ?? '');
    if (nameOutsideBraces) matchers.push(new Matcher(METRIC_NAME, '=', name));
    const start = nameOutsideBraces ? tokenStart(nameToken) : braces!.range.start;
    const end = braces ? braces.range.end : tokenEnd(nameToken!);
    const selector: VectorSelector = { kind: 'VectorSelector', name, matchers, offsetMs: 0, range: { start, end } };
    this.selectors.push({ selector, nameOutsideBraces });
    return selector;
  }

  labelMatchers(ctx: LabelMatchersCtx): { matchers: Matcher[]; quotedName?: string; range: TextRange } {
    const matchers: Matcher[] = [];
    let quotedName: string | undefined;
    const open = ctx.LBrace?.[0];
    const start = isReal(open) ? tokenStart(open) : 0;
    let lastEnd = Math.max(start + 1, endOfTokens(ctx.Comma));
    for (const node of ctx.labelMatcher ?? []) {
      const built = this.visit(node) as BuiltMatcher | undefined;
      if (!built) continue;
      lastEnd = Math.max(lastEnd, built.end);
      if (!built.matcher) continue;
      matchers.push(built.matcher);
      if (built.isQuotedName) quotedName ??= built.matcher.value;
    }
    const close = ctx.RBrace?.[0];
    // As upstream: a quoted name is the selector's name only when nothing else matches on `__name__`.
    if (matchers.filter((m) => m.name === METRIC_NAME).length > 1) quotedName = undefined;
    return { matchers, quotedName, range: { start, end: isReal(close) ? tokenEnd(close) : lastEnd } };
  }

  labelMatcher(ctx: LabelMatcherCtx): BuiltMatcher | undefined {
    const strings = (ctx.StringLiteral ?? []).filter(isReal);
    const identifier = ctx.Identifier?.[0];
    const operator = ctx.MatchOperator?.[0];
    if (isReal(identifier)) {
      const value = strings[0];
      if (!isReal(operator) || !value) return undefined;
      return { matcher: this.newMatcher(identifier.image, operator, value), isQuotedName: false, end: tokenEnd(value) };
    }
    const nameToken = strings[0];
    if (!nameToken) return undefined;
    const name = this.readString(nameToken);
    if (!operator) {
      return { matcher: new Matcher(METRIC_NAME, '=', name), isQuotedName: true, end: tokenEnd(nameToken) };
    }
    const value = strings[1];
    if (!isReal(operator) || !value) return undefined;
    return { matcher: this.newMatcher(name, operator, value), isQuotedName: false, end: tokenEnd(value) };
  }

  groupingLabels(ctx: GroupingLabelsCtx): Grouping {
    const labels: string[] = [];
    for (const node of ctx.groupingLabel ?? []) {
      const label = this.visit(node) as string | undefined;
      if (label !== undefined) labels.push(label);
    }
    const close = ctx.RParen?.[0];
    return { labels, end: isReal(close) ? tokenEnd(close) : endOfTokens(ctx.LParen) };
  }

  groupingLabel(ctx: GroupingLabelCtx): string | undefined {
    const word = ctx.LabelName?.[0];
    if (isReal(word)) return word.image;
    const quoted = ctx.StringLiteral?.[0];
    if (!isReal(quoted)) return undefined;
    const label = this.readString(quoted);
    if (label === '' || !isValidUtf8(label)) {
      this.report(`invalid label name for grouping: ${quoteString(label)}`, tokenRange(quoted));
    }
    return label;
  }

  rangeOrSubquery(ctx: RangeOrSubqueryCtx): PostfixModifier | undefined {
    const open = ctx.LBracket?.[0];
    if (!isReal(open) || !ctx.rangeDuration) return undefined;
    const range = this.visit(ctx.rangeDuration) as DurationValue | undefined;
    if (!range) return undefined;
    const step = ctx.stepDuration ? (this.visit(ctx.stepDuration) as DurationValue | undefined) : undefined;
    const close = ctx.RBracket?.[0];
    const end = isReal(close) ? tokenEnd(close) : (step ?? range).range.end;
    return {
      kind: 'range',
      brackets: { start: tokenStart(open), end },
      rangeMs: this.positiveDurationMs(range),
      stepMs: ctx.Colon ? (step ? this.positiveDurationMs(step) : 0) : undefined,
    };
  }

  rangeDuration(ctx: DurationCtx): DurationValue | undefined {
    return ctx.durationExpr ? (this.visit(ctx.durationExpr) as DurationValue | undefined) : undefined;
  }

  stepDuration(ctx: DurationCtx): DurationValue | undefined {
    return ctx.durationExpr ? (this.visit(ctx.durationExpr) as DurationValue | undefined) : undefined;
  }

  offsetModifier(ctx: OffsetModifierCtx): PostfixModifier | undefined {
    const offset = this.durationOperand(ctx);
    if (!offset) return undefined;
    const value = offset.signs.reduceRight((v, sign) => negated(v, sign), offset.value);
    this.noteArithmetic(value);
    if (value.isValid && !(Math.abs(value.seconds) <= MAX_DURATION_SECONDS)) {
      this.report('duration out of range', value.range);
      return { kind: 'offset', ms: 0, end: value.range.end };
    }
    return { kind: 'offset', ms: value.isValid ? durationMs(value) : 0, end: value.range.end };
  }

  durationExpr(ctx: DurationExprCtx): DurationValue | undefined {
    const operands = (ctx.durationOperand ?? []).map((node) => this.visit(node) as SignedOperand<DurationValue> | undefined);
    const first = operands[0];
    if (!first) return undefined;
    const operations: Array<Operation<DurationValue, IToken>> = [];
    (ctx.DurationOperator ?? []).forEach((operator, i) => {
      const operand = operands[i + 1];
      if (isReal(operator) && operand) operations.push({ operator, operand });
    });
    return resolvePrecedence(first, operations, this.durationRules);
  }

  durationOperand(ctx: DurationOperandCtx): SignedOperand<DurationValue> | undefined {
    const literal = ctx.NumericLiteral?.[0];
    const value = isReal(literal)
      ? this.readLiteral(literal)
      : ctx.parenDuration
        ? (this.visit(ctx.parenDuration) as DurationValue | undefined)
        : undefined;
    if (!value) return undefined;
    return { signs: (ctx.UnaryOperator ?? []).filter(isReal), value };
  }

  parenDuration(ctx: ParenDurationCtx): DurationValue | undefined {
    const inner = ctx.durationExpr ? (this.visit(ctx.durationExpr) as DurationValue | undefined) : undefined;
    const open = ctx.LParen?.[0];
    if (!inner || !isReal(open)) return inner;
    const close = ctx.RParen?.[0];
    const end = isReal(close) ? tokenEnd(close) : inner.range.end;
    return { ...inner, range: { start: tokenStart(open), end }, isArithmetic: true };
  }

  atModifier(ctx: AtModifierCtx): PostfixModifier | undefined {
    const anchorToken = ctx.Start?.[0] ?? ctx.End?.[0];
    if (isReal(anchorToken)) {
      const close = ctx.RParen?.[0];
      const end = isReal(close) ? tokenEnd(close) : tokenEnd(anchorToken);
      return { kind: 'at', anchor: anchorToken.tokenType === Start ? 'start' : 'end', end };
    }
    const literal = ctx.NumericLiteral?.[0];
    if (!isReal(literal)) return undefined;
    const signs = (ctx.UnaryOperator ?? []).filter(isReal);
    const timestamp = signs.reduceRight((v, sign) => negated(v, sign), this.readLiteral(literal));
    const seconds = timestamp.seconds;
    if (!Number.isFinite(seconds) || seconds >= 2 ** 63 || seconds <= -(2 ** 63)) {
      this.report(`timestamp out of bounds for @ modifier: ${formatFixed6(seconds)}`, timestamp.range);
      return { kind: 'at', atMs: 0, end: timestamp.range.end };
    }
    return { kind: 'at', atMs: roundHalfAway(seconds * 1000), end: timestamp.range.end };
  }

  numberLiteral(ctx: NumberLiteralCtx): NumberLiteral | undefined {
    const token = ctx.NumericLiteral?.[0];
    if (!isReal(token)) return undefined;
    return { kind: 'NumberLiteral', value: this.readNumber(token).seconds, range: tokenRange(token) };
  }

  stringLiteral(ctx: StringLiteralCtx): Expr | undefined {
    const token = ctx.StringLiteral?.[0];
    if (!isReal(token)) return undefined;
    return { kind: 'StringLiteral', value: this.readString(token), range: tokenRange(token) };
  }

  parenExpr(ctx: ParenExprCtx): Expr | undefined {
    const inner = this.expr(ctx.expression);
    const open = ctx.LParen?.[0];
    if (!inner || !isReal(open)) return inner;
    const close = ctx.RParen?.[0];
    const end = isReal(close) ? tokenEnd(close) : inner.range.end;
    return { kind: 'ParenExpr', expr: inner, range: { start: tokenStart(open), end } };
  }

  /* ---- Literals. ---- */

  /** A number or duration token as a number of seconds. */
  private readLiteral(token: IToken): DurationValue {
    const { seconds, exactMs, isValid } = this.readNumber(token);
    const value: DurationValue = { seconds, range: tokenRange(token), isValid, isArithmetic: false };
    if (exactMs !== undefined) value.exactMs = exactMs;
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

  /** The value of a number or duration token, in seconds. */
  private readNumber(token: IToken): { seconds: number; exactMs?: number; isValid: boolean } {
    if (token.tokenType === BadNumber) {
      this.report(`bad number or duration syntax: ${quoteString(token.image)}`, tokenRange(token));
      return { seconds: 0, isValid: false };
    }
    if (token.tokenType === Duration) {
      const parsed = tryParseDuration(token.image);
      if (parsed.error !== undefined) {
        this.report(parsed.error, tokenRange(token));
        return { seconds: 0, isValid: false };
      }
      return { seconds: parsed.ms / 1000, exactMs: parsed.ms, isValid: true };
    }
    const parsed = parseNumberLiteral(token.image);
    if (parsed.error !== undefined) {
      this.report(parsed.error, tokenRange(token));
      return { seconds: 0, isValid: false };
    }
    return { seconds: parsed.value, isValid: true };
  }

  /** The value of a string token; an unterminated one was reported when it was lexed. */
  private readString(token: IToken): string {
    const { value, error } = unquoteString(token.image);
    if (error && token.tokenType !== UnterminatedString) {
      const start = tokenStart(token);
      this.report(error.message, { start: start + error.start, end: start + error.end });
    }
    return value;
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
}

function endOfTokens(tokens: Tokens): number {
  const last = tokens?.[tokens.length - 1];
  return isReal(last) ? tokenEnd(last) : 0;
}
