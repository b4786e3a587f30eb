/**
 * The shapes of the concrete syntax tree that the grammar (grammar.ts) produces: one interface per
 * rule, keyed by the names of the sub-rules and tokens. Anything may be missing after error recovery.
 */
import type { CstNode, IToken } from 'chevrotain';

export type Tokens = IToken[] | undefined;
export type Nodes = CstNode[] | undefined;
export interface PromqlCtx { expression?: Nodes }
export interface ExpressionCtx { operand?: Nodes; binaryOperation?: Nodes }
export interface BinaryOperationCtx { BinaryOperator?: Tokens; Bool?: Tokens; vectorMatching?: Nodes; groupModifier?: Nodes; operand?: Nodes }
export interface VectorMatchingCtx { On?: Tokens; Ignoring?: Tokens; groupingLabels?: Nodes }
export interface GroupModifierCtx { GroupLeft?: Tokens; GroupRight?: Tokens; groupingLabels?: Nodes }
export interface OperandCtx { UnaryOperator?: Tokens; primary?: Nodes; postfixModifier?: Nodes }
export interface PostfixModifierCtx { rangeOrSubquery?: Nodes; offsetModifier?: Nodes; atModifier?: Nodes }
export interface PrimaryCtx {
  functionCall?: Nodes; aggregation?: Nodes; vectorSelector?: Nodes; numberLiteral?: Nodes; stringLiteral?: Nodes; parenExpr?: Nodes;
}
export interface FunctionCallCtx { Identifier?: Tokens; callArguments?: Nodes }
export interface AggregationCtx { AggregateOperator?: Tokens; aggregateModifier?: Nodes; callArguments?: Nodes }
export interface AggregateModifierCtx { By?: Tokens; Without?: Tokens; groupingLabels?: Nodes }
export interface CallArgumentsCtx { LParen?: Tokens; expression?: Nodes; Comma?: Tokens; RParen?: Tokens }
export interface VectorSelectorCtx { MetricName?: Tokens; labelMatchers?: Nodes }
export interface LabelMatchersCtx { LBrace?: Tokens; labelMatcher?: Nodes; Comma?: Tokens; RBrace?: Tokens }
export interface LabelMatcherCtx { Identifier?: Tokens; MatchOperator?: Tokens; StringLiteral?: Tokens }
export interface GroupingLabelsCtx { LParen?: Tokens; groupingLabel?: Nodes; Comma?: Tokens; RParen?: Tokens }
export interface GroupingLabelCtx { LabelName?: Tokens; StringLiteral?: Tokens }
export interface RangeOrSubqueryCtx { LBracket?: Tokens; rangeDuration?: Nodes; Colon?: Tokens; stepDuration?: Nodes; RBracket?: Tokens }
export interface DurationCtx { durationExpr?: Nodes }
export interface DurationExprCtx { durationOperand?: Nodes; DurationOperator?: Tokens }
export interface DurationOperandCtx { UnaryOperator?: Tokens; NumericLiteral?: Tokens; parenDuration?: Nodes }
export interface ParenDurationCtx { LParen?: Tokens; durationExpr?: Nodes; RParen?: Tokens }
export interface OffsetModifierCtx extends DurationOperandCtx { Offset?: Tokens }
export interface AtModifierCtx { At?: Tokens; UnaryOperator?: Tokens; NumericLiteral?: Tokens; Start?: Tokens; End?: Tokens; RParen?: Tokens }
export interface NumberLiteralCtx { NumericLiteral?: Tokens }
export interface StringLiteralCtx { StringLiteral?: Tokens }
export interface ParenExprCtx { LParen?: Tokens; expression?: Nodes; RParen?: Tokens }
