/**
 * Builds the expression tree from the parser's concrete syntax tree, which parse.ts asks for when
 * the text has syntax errors. After error recovery the syntax tree may lack pieces; the builder
 * then returns what it can. The tree maker makes the nodes and reports what is wrong in them.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { AggregateExpr, Call, Expr, NumberLiteral, StringLiteral, VectorSelector } from './ast.js';
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
import type { Problem } from '../errors.js';
import type { DurationValue } from './duration-value.js';
import type { WrittenMatching } from './operator-nodes.js';
import type { Operation, SignedOperand } from './precedence.js';
import type { PostfixModifier } from './time-modifiers.js';
import {
  isReal,
  TreeMaker,
  type AggregateModifier,
  type Arguments,
  type BinaryOperation,
  type Braces,
  type BuiltMatcher,
  type Grouping,
  type Operand,
} from './tree-maker.js';

/** A visitor of the syntax tree with a method per rule; one builder serves every parse, `build` starts the maker's tree. */
export class AstBuilder {
  constructor(private readonly make: TreeMaker) {}

  /** Builds the tree; problems found on the way are appended to `problems`. */
  build(cst: CstNode, problems: Problem[]): Expr | undefined {
    this.make.start(problems);
    return this.promql(cst.children);
  }

  private expr(nodes: Nodes): Expr | undefined {
    const node = nodes?.[0];
    return node ? this.expression(node.children) : undefined;
  }

  private labelList(nodes: Nodes): string[] {
    const node = nodes?.[0];
    return node ? this.groupingLabels(node.children).labels : [];
  }

  /* ---- Rules. ---- */

  promql(ctx: PromqlCtx): Expr | undefined {
    return this.expr(ctx.expression);
  }

  /** `operand (operator operand)*`; recovered gaps are skipped. */
  expression(ctx: ExpressionCtx): Expr | undefined {
    const operand = ctx.operand?.[0];
    let head = operand ? this.operand(operand.children) : undefined;
    const operations: BinaryOperation[] = [];
    for (const node of ctx.binaryOperation ?? []) {
      const operation = this.binaryOperation(node.children);
      if (!operation) continue;
      if (head) operations.push(operation);
      else head = operation.operand;
    }
    return head ? this.make.expression(head, operations) : undefined;
  }

  binaryOperation(ctx: BinaryOperationCtx): BinaryOperation | undefined {
    const token = ctx.BinaryOperator?.[0];
    const operandNode = ctx.operand?.[0];
    const operand = operandNode ? this.operand(operandNode.children) : undefined;
    if (!isReal(token) || !operand) return undefined;
    const matching = ctx.vectorMatching?.[0];
    let written: WrittenMatching | undefined;
    if (matching) {
      const group = ctx.groupModifier?.[0];
      const { on, labels } = this.vectorMatching(matching.children);
      const grouped = group ? this.groupModifier(group.children) : undefined;
      written = this.make.matching(on, labels, grouped?.group, grouped?.include ?? []);
    }
    return { operator: this.make.operator(token, ctx.Bool !== undefined, written), operand };
  }

  vectorMatching(ctx: VectorMatchingCtx): { on: boolean; labels: string[] } {
    return { on: ctx.On !== undefined, labels: this.labelList(ctx.groupingLabels) };
  }

  groupModifier(ctx: GroupModifierCtx): { group: 'left' | 'right'; include: string[] } {
    const include = this.labelList(ctx.groupingLabels);
    return { group: ctx.GroupLeft ? 'left' : 'right', include };
  }

  operand(ctx: OperandCtx): Operand | undefined {
    const primary = ctx.primary?.[0];
    let expr = primary ? this.primary(primary.children) : undefined;
    if (!expr) return undefined;
    for (const node of ctx.postfixModifier ?? []) {
      const modifier = this.postfixModifier(node.children);
      if (modifier) expr = this.make.modified(expr, modifier);
    }
    return { signs: realTokens(ctx.UnaryOperator), value: expr };
  }

  postfixModifier(ctx: PostfixModifierCtx): PostfixModifier | undefined {
    if (ctx.rangeOrSubquery) return this.rangeOrSubquery(ctx.rangeOrSubquery[0]!.children);
    if (ctx.offsetModifier) return this.offsetModifier(ctx.offsetModifier[0]!.children);
    if (ctx.atModifier) return this.atModifier(ctx.atModifier[0]!.children);
    return undefined;
  }

  primary(ctx: PrimaryCtx): Expr | undefined {
    if (ctx.vectorSelector) return this.vectorSelector(ctx.vectorSelector[0]!.children);
    if (ctx.functionCall) return this.functionCall(ctx.functionCall[0]!.children);
    if (ctx.aggregation) return this.aggregation(ctx.aggregation[0]!.children);
    if (ctx.numberLiteral) return this.numberLiteral(ctx.numberLiteral[0]!.children);
    if (ctx.stringLiteral) return this.stringLiteral(ctx.stringLiteral[0]!.children);
    if (ctx.parenExpr) return this.parenExpr(ctx.parenExpr[0]!.children);
    return undefined;
  }

  functionCall(ctx: FunctionCallCtx): Call | undefined {
    const name = ctx.Identifier?.[0];
    if (!isReal(name) || !ctx.callArguments) return undefined;
    this.make.functionName(name);
    return this.make.call(name, this.callArguments(ctx.callArguments[0]!.children));
  }

  aggregation(ctx: AggregationCtx): AggregateExpr | undefined {
    const opToken = ctx.AggregateOperator?.[0];
    if (!isReal(opToken) || !ctx.callArguments) return undefined;
    const args = this.callArguments(ctx.callArguments[0]!.children);
    const modifier = ctx.aggregateModifier ? this.aggregateModifier(ctx.aggregateModifier[0]!.children) : undefined;
    return this.make.aggregation(opToken, args, modifier);
  }

  aggregateModifier(ctx: AggregateModifierCtx): AggregateModifier | undefined {
    if (!ctx.groupingLabels) return undefined;
    const grouping = this.groupingLabels(ctx.groupingLabels[0]!.children);
    return { ...grouping, without: ctx.Without !== undefined };
  }

  callArguments(ctx: CallArgumentsCtx): Arguments {
    const args: Expr[] = [];
    for (const node of ctx.expression ?? []) {
      const arg = this.expression(node.children);
      if (arg) args.push(arg);
    }
    return this.make.arguments(ctx.LParen?.[0], args, realTokens(ctx.Comma), ctx.RParen?.[0]);
  }

  vectorSelector(ctx: VectorSelectorCtx): VectorSelector | undefined {
    const nameToken = ctx.MetricName?.[0];
    const braces = ctx.labelMatchers ? this.labelMatchers(ctx.labelMatchers[0]!.children) : undefined;
    if (!isReal(nameToken) && !braces) return undefined;
    return this.make.selector(isReal(nameToken) ? nameToken : undefined, braces);
  }

  labelMatchers(ctx: LabelMatchersCtx): Braces {
    const built: BuiltMatcher[] = [];
    for (const node of ctx.labelMatcher ?? []) {
      const matcher = this.labelMatcher(node.children);
      if (matcher) built.push(matcher);
    }
    return this.make.braces(ctx.LBrace?.[0], built, last(ctx.Comma), ctx.RBrace?.[0]);
  }

  labelMatcher(ctx: LabelMatcherCtx): BuiltMatcher | undefined {
    const strings = realTokens(ctx.StringLiteral);
    const identifier = ctx.Identifier?.[0];
    const operator = ctx.MatchOperator?.[0];
    if (isReal(identifier)) {
      const value = strings[0];
      if (!isReal(operator) || !value) return undefined;
      return this.make.labelMatcher(identifier, operator, value);
    }
    const nameToken = strings[0];
    if (!nameToken) return undefined;
    return this.make.quotedMatcher(nameToken, operator, strings[1]);
  }

  groupingLabels(ctx: GroupingLabelsCtx): Grouping {
    const labels: string[] = [];
    for (const node of ctx.groupingLabel ?? []) {
      const label = this.groupingLabel(node.children);
      if (label !== undefined) labels.push(label);
    }
    return this.make.grouping(last(ctx.LParen), labels, ctx.RParen?.[0]);
  }

  groupingLabel(ctx: GroupingLabelCtx): string | undefined {
    const word = ctx.LabelName?.[0];
    if (isReal(word)) return this.make.groupingLabel(word, false);
    const quoted = ctx.StringLiteral?.[0];
    return isReal(quoted) ? this.make.groupingLabel(quoted, true) : undefined;
  }

  rangeOrSubquery(ctx: RangeOrSubqueryCtx): PostfixModifier | undefined {
    const open = ctx.LBracket?.[0];
    if (!isReal(open) || !ctx.rangeDuration) return undefined;
    const range = this.rangeDuration(ctx.rangeDuration[0]!.children);
    if (!range) return undefined;
    const step = ctx.stepDuration ? this.stepDuration(ctx.stepDuration[0]!.children) : undefined;
    return this.make.range(open, range, ctx.Colon !== undefined, step, ctx.RBracket?.[0]);
  }

  rangeDuration(ctx: DurationCtx): DurationValue | undefined {
    return ctx.durationExpr ? this.durationExpr(ctx.durationExpr[0]!.children) : undefined;
  }

  stepDuration(ctx: DurationCtx): DurationValue | undefined {
    return ctx.durationExpr ? this.durationExpr(ctx.durationExpr[0]!.children) : undefined;
  }

  offsetModifier(ctx: OffsetModifierCtx): PostfixModifier | undefined {
    const offset = this.durationOperand(ctx);
    return offset ? this.make.offset(offset) : undefined;
  }

  durationExpr(ctx: DurationExprCtx): DurationValue | undefined {
    const operands = (ctx.durationOperand ?? []).map((node) => this.durationOperand(node.children));
    const first = operands[0];
    if (!first) return undefined;
    const operations: Array<Operation<DurationValue, IToken>> = [];
    (ctx.DurationOperator ?? []).forEach((operator, i) => {
      const operand = operands[i + 1];
      if (isReal(operator) && operand) operations.push({ operator, operand });
    });
    return this.make.durationExpression(first, operations);
  }

  durationOperand(ctx: DurationOperandCtx): SignedOperand<DurationValue> | undefined {
    const literal = ctx.NumericLiteral?.[0];
    const value = isReal(literal)
      ? this.make.durationLiteral(literal)
      : ctx.parenDuration
        ? this.parenDuration(ctx.parenDuration[0]!.children)
        : undefined;
    if (!value) return undefined;
    return { signs: realTokens(ctx.UnaryOperator), value };
  }

  parenDuration(ctx: ParenDurationCtx): DurationValue | undefined {
    const inner = ctx.durationExpr ? this.durationExpr(ctx.durationExpr[0]!.children) : undefined;
    const open = ctx.LParen?.[0];
    if (!inner || !isReal(open)) return inner;
    return this.make.parenDuration(open, inner, ctx.RParen?.[0]);
  }

  atModifier(ctx: AtModifierCtx): PostfixModifier | undefined {
    const anchorToken = ctx.Start?.[0] ?? ctx.End?.[0];
    if (isReal(anchorToken)) return this.make.atAnchor(anchorToken, ctx.RParen?.[0]);
    const literal = ctx.NumericLiteral?.[0];
    if (!isReal(literal)) return undefined;
    return this.make.atTimestamp(realTokens(ctx.UnaryOperator), literal);
  }

  numberLiteral(ctx: NumberLiteralCtx): NumberLiteral | undefined {
    const token = ctx.NumericLiteral?.[0];
    return isReal(token) ? this.make.number(token) : undefined;
  }

  stringLiteral(ctx: StringLiteralCtx): StringLiteral | undefined {
    const token = ctx.StringLiteral?.[0];
    return isReal(token) ? this.make.string(token) : undefined;
  }

  parenExpr(ctx: ParenExprCtx): Expr | undefined {
    const inner = this.expr(ctx.expression);
    const open = ctx.LParen?.[0];
    if (!inner || !isReal(open)) return inner;
    return this.make.paren(open, inner, ctx.RParen?.[0]);
  }
}

const NO_TOKENS: readonly IToken[] = [];

/** The tokens that the text holds, without those that recovery invented. */
function realTokens(tokens: Tokens): readonly IToken[] {
  if (!tokens) return NO_TOKENS;
  return tokens.every((token) => isReal(token)) ? tokens : tokens.filter(isReal);
}

function last(tokens: Tokens): IToken | undefined {
  return tokens?.[tokens.length - 1];
}
