/**
 * The grammar of grammar.ts once more, as a recursive-descent parser that makes the expression
 * tree while it parses and gives up at the first syntax error. Most text has no syntax errors, and
 * for it this takes a fraction of the time of Chevrotain's parsing; parse.ts leaves text with
 * errors to grammar.ts, whose error recovery and messages this parser does not repeat.
 *
 * Every choice is the one grammar.ts's parser makes: Chevrotain decides with the fewest tokens
 * that tell its alternatives apart, looking no further than the end of the rule it is in, so
 * most choices here look at one token, and the lists in braces and parentheses at two. Rules call
 * the tree maker in the same order as the syntax tree builder does. Tests check that both parsers
 * agree.
 */
import type { IToken, TokenType } from 'chevrotain';
import type { Expr, VectorSelector } from './ast.js';
import type { DurationValue } from './duration-value.js';
import * as T from './lexer.js';
import type { Operator, WrittenMatching } from './operator-nodes.js';
import type { PostfixModifier } from './time-modifiers.js';
import type { AggregateModifier, Arguments, Braces, BuiltMatcher, TreeMaker } from './tree-maker.js';

const NO_TOKENS: readonly IToken[] = [];

/** Thrown where the text does not follow the grammar, or the maker cannot make a node. */
class NotParsed extends Error {}
const NOT_PARSED = new NotParsed();

/** A type index that no token has: what `la` gives past the last token. */
const END = Math.max(...T.allTokens.map((t) => t.tokenTypeIdx!)) + 1;

/** Which token types a category takes: 1 at their tokenTypeIdx. */
function members(category: TokenType): Uint8Array {
  const of = new Uint8Array(END + 1);
  of[category.tokenTypeIdx!] = 1;
  for (const type of T.allTokens) if (category.categoryMatchesMap?.[type.tokenTypeIdx!]) of[type.tokenTypeIdx!] = 1;
  return of;
}

function union(...sets: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(END + 1);
  for (const set of sets) set.forEach((member, idx) => (all[idx] ||= member));
  return all;
}

const BINARY_OPERATOR = members(T.BinaryOperator);
const UNARY_OPERATOR = members(T.UnaryOperator);
const DURATION_OPERATOR = members(T.DurationOperator);
const MATCH_OPERATOR = members(T.MatchOperator);
const AGGREGATE_OPERATOR = members(T.AggregateOperator);
const METRIC_NAME = members(T.MetricName);
const LABEL_NAME = members(T.LabelName);
const NUMERIC_LITERAL = members(T.NumericLiteral);
const STRING_LITERAL = members(T.StringLiteral);
const L_PAREN = members(T.LParen);
const R_PAREN = members(T.RParen);
/** What an expression may start with. */
const EXPRESSION_START = union(UNARY_OPERATOR, members(T.Identifier), AGGREGATE_OPERATOR, METRIC_NAME, members(T.LBrace), NUMERIC_LITERAL, STRING_LITERAL, L_PAREN);

export class PromQLTreeParser {
  private tokens: readonly IToken[] = NO_TOKENS;
  /** How many of `tokens` are the text's (the array may hold more, left from a longer text). */
  private count = 0;
  private at = 0;
  private make!: TreeMaker;

  /**
   * The tree of `tokens`, made with `make` (started by the caller); undefined when the text has a
   * syntax error or a node the maker cannot make, which the syntax tree builder must then handle.
   * Only the first `count` tokens are read.
   */
  parse(tokens: readonly IToken[], make: TreeMaker, count = tokens.length): Expr | undefined {
    this.tokens = tokens;
    this.count = count;
    this.at = 0;
    this.make = make;
    try {
      const expr = this.expression();
      return this.at === count ? expr : undefined;
    } catch (e) {
      if (e === NOT_PARSED) return undefined;
      throw e;
    } finally {
      this.tokens = NO_TOKENS;
    }
  }

  /* ---- Tokens. ---- */

  /** The type index of the token `ahead` places on (0: the next one); END past the last. */
  private la(ahead = 0): number {
    const at = this.at + ahead;
    return at < this.count ? this.tokens[at]!.tokenTypeIdx : END;
  }

  private is(idx: number, type: TokenType): boolean {
    return idx === type.tokenTypeIdx;
  }

  /** The next token, when it is of `type`. */
  private consume(type: TokenType): IToken {
    if (this.at >= this.count) throw NOT_PARSED;
    const token = this.tokens[this.at]!;
    if (token.tokenTypeIdx !== type.tokenTypeIdx) throw NOT_PARSED;
    this.at++;
    return token;
  }

  /** The next token, when it is of `category`. */
  private consumeOf(category: Uint8Array): IToken {
    if (this.at >= this.count) throw NOT_PARSED;
    const token = this.tokens[this.at]!;
    if (category[token.tokenTypeIdx] !== 1) throw NOT_PARSED;
    this.at++;
    return token;
  }

  private nextIs(category: Uint8Array, ahead = 0): boolean {
    return category[this.la(ahead)] === 1;
  }

  /* ---- Expressions. ---- */

  /** `operand (operator operand)*`: operands and operators go to the maker's resolver of precedence as they are read. */
  private expression(): Expr {
    const operators = this.make.operators;
    const mark = operators.begin();
    this.operand();
    while (this.nextIs(BINARY_OPERATOR)) {
      operators.operator(this.binaryOperator());
      this.operand();
    }
    return operators.end(mark);
  }

  private binaryOperator(): Operator {
    const token = this.consumeOf(BINARY_OPERATOR);
    const returnBool = this.is(this.la(), T.Bool);
    if (returnBool) this.at++;
    const next = this.la();
    const matching = this.is(next, T.On) || this.is(next, T.Ignoring) ? this.matchingModifiers() : undefined;
    return this.make.operator(token, returnBool, matching);
  }

  private matchingModifiers(): WrittenMatching {
    const on = this.is(this.la(), T.On);
    this.at++;
    const labels = this.groupingLabels();
    const next = this.la();
    if (!this.is(next, T.GroupLeft) && !this.is(next, T.GroupRight)) return this.make.matching(on, labels, undefined, []);
    this.at++;
    const include = this.nextIs(L_PAREN) ? this.groupingLabels() : [];
    return this.make.matching(on, labels, this.is(next, T.GroupLeft) ? 'left' : 'right', include);
  }

  /** Signs, and a primary expression with its postfix modifiers, handed to the resolver. */
  private operand(): void {
    const operators = this.make.operators;
    while (this.nextIs(UNARY_OPERATOR)) operators.sign(this.tokens[this.at++]!);
    let expr = this.primary();
    for (;;) {
      const next = this.la();
      let modifier: PostfixModifier;
      if (this.is(next, T.LBracket)) modifier = this.rangeOrSubquery();
      else if (this.is(next, T.Offset)) modifier = this.offsetModifier();
      else if (this.is(next, T.At)) modifier = this.atModifier();
      else break;
      expr = this.make.modified(expr, modifier);
    }
    operators.operand(expr);
  }

  private primary(): Expr {
    const next = this.la();
    const second = this.la(1);
    if (this.is(next, T.Identifier) && L_PAREN[second] === 1) return this.functionCall();
    if (AGGREGATE_OPERATOR[next] === 1 && (this.is(second, T.By) || this.is(second, T.Without) || L_PAREN[second] === 1)) return this.aggregation();
    if (METRIC_NAME[next] === 1 || this.is(next, T.LBrace)) return this.vectorSelector();
    if (NUMERIC_LITERAL[next] === 1) return this.make.number(this.tokens[this.at++]!);
    if (STRING_LITERAL[next] === 1) return this.make.string(this.tokens[this.at++]!);
    if (L_PAREN[next] === 1) return this.parenExpr();
    throw NOT_PARSED;
  }

  private functionCall(): Expr {
    const name = this.tokens[this.at++]!;
    this.make.functionName(name);
    const args = this.callArguments();
    return this.make.call(name, args);
  }

  private aggregation(): Expr {
    const opToken = this.tokens[this.at++]!;
    let modifier: AggregateModifier | undefined;
    let args: Arguments;
    if (this.nextIs(L_PAREN)) {
      args = this.callArguments();
      const next = this.la();
      if (this.is(next, T.By) || this.is(next, T.Without)) modifier = this.aggregateModifier();
    } else {
      modifier = this.aggregateModifier();
      args = this.callArguments();
    }
    const made = this.make.aggregation(opToken, args, modifier);
    if (!made) throw NOT_PARSED;
    return made;
  }

  private aggregateModifier(): AggregateModifier {
    const without = this.is(this.la(), T.Without);
    if (!without) this.consume(T.By);
    else this.at++;
    const open = this.consumeOf(L_PAREN);
    const labels = this.labelList();
    const close = this.consumeOf(R_PAREN);
    return this.make.aggregateModifier(without, open, labels, close);
  }

  private callArguments(): Arguments {
    const open = this.consumeOf(L_PAREN);
    // Arrays are made with their first element: most calls have one argument and no comma.
    let args: Expr[] = [];
    let commas: IToken[] | undefined;
    if (this.nextIs(EXPRESSION_START)) {
      args = [this.expression()];
      while (this.is(this.la(), T.Comma)) {
        const comma = this.tokens[this.at++]!;
        if (commas) commas.push(comma);
        else commas = [comma];
        if (this.nextIs(EXPRESSION_START)) args.push(this.expression());
      }
    }
    const close = this.consumeOf(R_PAREN);
    return this.make.arguments(open, args, commas ?? NO_TOKENS, close);
  }

  /* ---- Selectors. ---- */

  private vectorSelector(): VectorSelector {
    if (this.is(this.la(), T.LBrace)) return this.make.selector(undefined, this.labelMatchers());
    const name = this.tokens[this.at++]!;
    const braces = this.is(this.la(), T.LBrace) ? this.labelMatchers() : undefined;
    return this.make.selector(name, braces);
  }

  private labelMatchers(): Braces {
    const braces = this.make.openBraces(this.consume(T.LBrace));
    let lastComma: IToken | undefined;
    if (this.startsLabelMatcher(0)) {
      this.labelMatcher(braces);
      while (this.is(this.la(), T.Comma) && this.startsLabelMatcher(1)) {
        lastComma = this.tokens[this.at++]!;
        this.labelMatcher(braces);
      }
      if (this.is(this.la(), T.Comma)) lastComma = this.tokens[this.at++]!;
    }
    const close = this.consume(T.RBrace);
    return this.make.closeBraces(braces, lastComma, close);
  }

  private startsLabelMatcher(ahead: number): boolean {
    const idx = this.la(ahead);
    return this.is(idx, T.Identifier) || STRING_LITERAL[idx] === 1;
  }

  private labelMatcher(braces: Braces): void {
    let matcher: BuiltMatcher | undefined;
    if (this.is(this.la(), T.Identifier)) {
      const name = this.tokens[this.at++]!;
      const operator = this.consumeOf(MATCH_OPERATOR);
      const value = this.consumeOf(STRING_LITERAL);
      matcher = this.make.labelMatcher(name, operator, value);
    } else {
      const name = this.consumeOf(STRING_LITERAL);
      let operator: IToken | undefined;
      let value: IToken | undefined;
      if (this.nextIs(MATCH_OPERATOR)) {
        operator = this.tokens[this.at++]!;
        value = this.consumeOf(STRING_LITERAL);
      }
      matcher = this.make.quotedMatcher(name, operator, value);
    }
    if (matcher) this.make.addMatcher(braces, matcher);
  }

  /** Labels in parentheses, where only the labels matter (`on`, `ignoring`, `group_left`, `group_right`). */
  private groupingLabels(): string[] {
    this.consumeOf(L_PAREN);
    const labels = this.labelList();
    this.consumeOf(R_PAREN);
    return labels;
  }

  /** The labels inside parentheses. */
  private labelList(): string[] {
    if (!this.startsGroupingLabel(0)) return [];
    const labels = [this.groupingLabel()];
    while (this.is(this.la(), T.Comma) && this.startsGroupingLabel(1)) {
      this.at++;
      labels.push(this.groupingLabel());
    }
    if (this.is(this.la(), T.Comma)) this.at++;
    return labels;
  }

  private startsGroupingLabel(ahead: number): boolean {
    const idx = this.la(ahead);
    return LABEL_NAME[idx] === 1 || STRING_LITERAL[idx] === 1;
  }

  private groupingLabel(): string {
    const token = this.tokens[this.at++]!;
    return this.make.groupingLabel(token, LABEL_NAME[token.tokenTypeIdx] !== 1);
  }

  /* ---- Ranges, offsets and @. ---- */

  private rangeOrSubquery(): PostfixModifier {
    const open = this.consume(T.LBracket);
    const range = this.durationExpr();
    let colon = false;
    let step: DurationValue | undefined;
    if (this.is(this.la(), T.Colon)) {
      this.at++;
      colon = true;
      if (this.startsDurationOperand()) step = this.durationExpr();
    }
    const close = this.consume(T.RBracket);
    return this.make.range(open, range, colon, step, close);
  }

  private offsetModifier(): PostfixModifier {
    this.at++;
    const durations = this.make.durations;
    const mark = durations.begin();
    this.durationOperand();
    return this.make.offsetBy(durations.end(mark));
  }

  /** `operand (operator operand)*` in durations, handed to the maker's resolver as they are read. */
  private durationExpr(): DurationValue {
    const durations = this.make.durations;
    const mark = durations.begin();
    this.durationOperand();
    while (this.nextIs(DURATION_OPERATOR)) {
      durations.operator(this.tokens[this.at++]!);
      this.durationOperand();
    }
    return durations.end(mark);
  }

  private startsDurationOperand(): boolean {
    const idx = this.la();
    return UNARY_OPERATOR[idx] === 1 || NUMERIC_LITERAL[idx] === 1 || L_PAREN[idx] === 1;
  }

  private durationOperand(): void {
    const durations = this.make.durations;
    while (this.nextIs(UNARY_OPERATOR)) durations.sign(this.tokens[this.at++]!);
    durations.operand(this.durationValue());
  }

  private durationValue(): DurationValue {
    if (this.nextIs(NUMERIC_LITERAL)) return this.make.durationLiteral(this.tokens[this.at++]!);
    return this.parenDuration();
  }

  private parenDuration(): DurationValue {
    const open = this.consumeOf(L_PAREN);
    const inner = this.durationExpr();
    const close = this.consumeOf(R_PAREN);
    return this.make.parenDuration(open, inner, close);
  }

  private atModifier(): PostfixModifier {
    this.at++;
    const next = this.la();
    if (UNARY_OPERATOR[next] === 1 || NUMERIC_LITERAL[next] === 1) {
      const sign = UNARY_OPERATOR[next] === 1 ? this.tokens[this.at++]! : undefined;
      const literal = this.consumeOf(NUMERIC_LITERAL);
      return this.make.atTimestamp(sign ? [sign] : NO_TOKENS, literal);
    }
    if (!this.is(next, T.Start) && !this.is(next, T.End)) throw NOT_PARSED;
    const anchor = this.tokens[this.at++]!;
    this.consumeOf(L_PAREN);
    const close = this.consumeOf(R_PAREN);
    return this.make.atAnchor(anchor, close);
  }

  private parenExpr(): Expr {
    const open = this.consumeOf(L_PAREN);
    const inner = this.expression();
    const close = this.consumeOf(R_PAREN);
    return this.make.paren(open, inner, close);
  }
}
