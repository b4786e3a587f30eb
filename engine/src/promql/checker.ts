/**
 * The type checker: every rule that Prometheus's parser enforces after building the tree
 * (promql/parser/parse.go, checkAST), with upstream's messages. One pass over the tree.
 */
import type { AggregateExpr, BinaryExpr, BinaryOp, Call, Expr, TextRange, ValueType, VectorSelector } from './ast.js';
import { problem, type Problem, type Severity } from '../errors.js';
import { goQuote } from '../labels/labels.js';
import { compileAnchored, RegexSyntaxError } from '../labels/matcher.js';
import { AGGREGATIONS, argumentType, functionArity, lookupFunction } from './functions.js';
import { binaryResultType, documentedType, typeOf } from './types.js';

export { typeOf, documentedType } from './types.js';

export interface CheckOptions {
  /**
   * The expression text. With it, problems about an operator point at the operator itself
   * rather than at the gap between the operands.
   */
  text?: string;
  /** How to report functions and aggregations that Prometheus marks experimental. Default `info`. */
  experimental?: Severity | 'ignore';
}

const SOURCE = 'type';

/** Checks a parsed expression; returns the problems found, in tree order. */
export function checkExpr(expr: Expr, options: CheckOptions = {}): Problem[] {
  const problems: Problem[] = [];
  checker.start(options.text, options.experimental ?? 'info', problems);
  try {
    checker.check(expr);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    problems.push(problem('expression is nested too deeply to check', expr.range, SOURCE));
  }
  return problems;
}

/** A range query must evaluate to a scalar or an instant vector. */
export function checkRangeQueryType(expr: Expr): Problem | undefined {
  const type = typeOf(expr);
  if (type === 'scalar' || type === 'vector') return undefined;
  return problem(
    `invalid expression type "${documentedType(type)}" for range query, must be Scalar or instant Vector`,
    expr.range,
    SOURCE,
  );
}

const COMPARISON_OPS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPS: ReadonlySet<BinaryOp> = new Set(['and', 'or', 'unless']);

function isNumeric(type: ValueType): boolean {
  return type === 'scalar' || type === 'vector';
}

/** One checker serves every check; `start` resets it. */
class Checker {
  private problems: Problem[] = [];
  private text: string | undefined;
  private experimental: Severity | 'ignore' = 'info';
  /** The left spines of the binary chains being checked, outermost first, `spineDepth` of them. */
  private readonly spine: BinaryExpr[] = [];
  private spineDepth = 0;

  start(text: string | undefined, experimental: Severity | 'ignore', problems: Problem[]): void {
    this.text = text;
    this.experimental = experimental;
    this.problems = problems;
    this.spineDepth = 0;
  }

  check(expr: Expr): ValueType {
    switch (expr.kind) {
      case 'NumberLiteral':
      case 'StringLiteral':
      case 'VectorSelector':
      case 'MatrixSelector':
        // Leaves: nothing to check inside.
        return typeOf(expr);
      case 'SubqueryExpr': {
        const inner = this.check(expr.expr);
        if (inner !== 'vector') {
          this.error(`subquery is only allowed on instant vector, got ${inner} instead`, expr.range);
        }
        return 'matrix';
      }
      case 'ParenExpr':
        return this.check(expr.expr);
      case 'UnaryExpr': {
        const inner = this.check(expr.expr);
        if (!isNumeric(inner)) {
          this.error(
            `unary expression only allowed on expressions of type scalar or instant vector, got "${documentedType(inner)}"`,
            expr.range,
          );
        }
        return inner;
      }
      case 'AggregateExpr':
        this.checkAggregation(expr);
        return 'vector';
      case 'Call':
        return this.checkCall(expr);
      case 'BinaryExpr':
        return this.checkBinary(expr);
    }
  }

  /** Checks `expr`, which should be of type `want` in `context`, followed by the quoted `func` when given. */
  private expectType(expr: Expr, want: ValueType, context: string, func?: string): void {
    const got = this.check(expr);
    if (got !== want) {
      // The message is made only when needed.
      const where = func === undefined ? context : `${context} "${func}"`;
      this.error(`expected type ${documentedType(want)} in ${where}, got ${documentedType(got)}`, expr.range);
    }
  }

  private checkAggregation(expr: AggregateExpr): void {
    this.expectType(expr.expr, 'vector', 'aggregation expression');
    const signature = AGGREGATIONS.get(expr.op);
    if (signature?.paramType && expr.param) {
      this.expectType(expr.param, signature.paramType, 'aggregation parameter');
    } else if (expr.param) {
      this.check(expr.param);
    }
    if (signature?.experimental) {
      this.noteExperimental(`${expr.op}()`, { start: expr.range.start, end: expr.range.start + expr.op.length });
    }
  }

  private checkCall(call: Call): ValueType {
    const signature = lookupFunction(call.func);
    if (!signature) {
      // The parser reports unknown functions; still look inside the arguments.
      for (const arg of call.args) this.check(arg);
      return 'vector';
    }
    const name = signature.name;
    const count = call.args.length;
    const { min, max } = functionArity(signature);
    if (signature.variadic === 0) {
      if (count !== min) this.error(`expected ${min} argument(s) in call to "${name}", got ${count}`, call.range);
    } else if (count < min) {
      this.error(`expected at least ${min} argument(s) in call to "${name}", got ${count}`, call.range);
    } else if (count > max) {
      this.error(`expected at most ${max} argument(s) in call to "${name}", got ${count}`, call.range);
    }
    if (signature.experimental) {
      this.noteExperimental(`function "${name}"`, { start: call.range.start, end: call.range.start + name.length });
    }

    const infoSelector = name === 'info' ? call.args[1] : undefined;
    for (let index = 0; index < count; index++) {
      const arg = call.args[index]!;
      const want = argumentType(signature, index);
      if (arg === infoSelector && arg.kind === 'VectorSelector') {
        this.checkInfoSelector(arg);
      } else if (want) {
        this.expectType(arg, want, 'call to function', name);
      } else {
        this.check(arg);
      }
    }
    if (infoSelector && infoSelector.kind !== 'VectorSelector' && typeOf(infoSelector) === 'vector') {
      this.error('expected label selectors only, got an expression instead', infoSelector.range);
    }
    if (name === 'label_replace' || name === 'label_join') this.checkLabelFunctionArgs(call);
    return signature.returnType;
  }

  /**
   * The second argument of info() selects info metrics and data labels by label matchers alone;
   * a metric name written before the braces is refused (`{__name__="x"}` and `{"x"}` are fine).
   */
  private checkInfoSelector(selector: VectorSelector): void {
    const nameOutsideBraces =
      this.text === undefined ? selector.name !== '' : this.text.charCodeAt(selector.range.start) !== 0x7b; // {
    if (nameOutsideBraces) this.error('expected label selectors only, got vector selector instead', selector.range);
  }

  /**
   * Prometheus rejects these arguments only when the query runs; warn early when they are literals.
   */
  private checkLabelFunctionArgs(call: Call): void {
    const func = call.func;
    for (let index = 1; index < call.args.length; index++) {
      const arg = call.args[index]!;
      if (arg.kind !== 'StringLiteral') continue;
      const value = arg.value;
      if (func === 'label_replace' && index === 4) {
        try {
          compileAnchored(value);
        } catch (e) {
          if (!(e instanceof RegexSyntaxError)) throw e;
          this.warn(`invalid regular expression in label_replace(): ${value}`, arg.range);
        }
      } else if (index === 1 && !isValidLabelName(value)) {
        this.warn(`invalid destination label name in ${func}(): ${value}`, arg.range);
      } else if (func === 'label_join' && index >= 3 && !isValidLabelName(value)) {
        this.warn(`invalid source label name in label_join(): ${value}`, arg.range);
      }
    }
  }

  private checkBinary(expr: BinaryExpr): ValueType {
    // Chains such as `a + b + c + ...` nest on the left; walk that spine without recursing.
    const base = this.spineDepth;
    let node: Expr = expr;
    while (node.kind === 'BinaryExpr') {
      this.spine[this.spineDepth++] = node;
      node = node.lhs;
    }
    let type = this.check(node);
    while (this.spineDepth > base) type = this.checkBinaryNode(this.spine[--this.spineDepth]!, type);
    return type;
  }

  private checkBinaryNode(expr: BinaryExpr, lhs: ValueType): ValueType {
    const rhs = this.check(expr.rhs);
    const op = expr.op;
    const isSetOp = SET_OPS.has(op);
    const matching = expr.matching;

    if (expr.returnBool && !COMPARISON_OPS.has(op)) {
      this.error('bool modifier can only be used on comparison operators', this.operatorRange(expr));
    }
    if (COMPARISON_OPS.has(op) && !expr.returnBool && lhs === 'scalar' && rhs === 'scalar') {
      this.error('comparisons between scalars must use BOOL modifier', this.operatorRange(expr));
    }
    if (matching?.on) {
      for (const label of matching.labels) {
        if (matching.include.includes(label)) {
          this.error(`label ${goQuote(label)} must not occur in ON and GROUP clause at once`, this.operatorRange(expr));
        }
      }
    }
    if (!isNumeric(lhs)) this.error('binary expression must contain only scalar and instant vector types', expr.lhs.range);
    if (!isNumeric(rhs)) this.error('binary expression must contain only scalar and instant vector types', expr.rhs.range);

    if (lhs !== 'vector' || rhs !== 'vector') {
      if (matching && matching.labels.length > 0) {
        this.error('vector matching only allowed between instant vectors', expr.range);
      }
    } else if (isSetOp && (matching?.card === 'one-to-many' || matching?.card === 'many-to-one')) {
      this.error(`no grouping allowed for "${op}" operation`, expr.range);
    }
    if (isSetOp && (lhs === 'scalar' || rhs === 'scalar')) {
      this.error(`set operator "${op}" not allowed in binary scalar expression`, expr.range);
    }
    return binaryResultType(lhs, rhs);
  }

  /** The operator and its modifiers: the text between the operands, without surrounding blanks. */
  private operatorRange(expr: BinaryExpr): TextRange {
    let start = expr.lhs.range.end;
    let end = expr.rhs.range.start;
    const text = this.text;
    if (text !== undefined) {
      while (start < end && isBlank(text.charCodeAt(start))) start++;
      while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    }
    return { start, end };
  }

  private noteExperimental(what: string, range: TextRange): void {
    if (this.experimental === 'ignore') return;
    this.problems.push(
      problem(
        `${what} is experimental in Prometheus and needs --enable-feature=promql-experimental-functions there`,
        range,
        SOURCE,
        this.experimental,
      ),
    );
  }

  private error(message: string, range: TextRange): void {
    this.problems.push(problem(message, range, SOURCE));
  }

  private warn(message: string, range: TextRange): void {
    this.problems.push(problem(message, range, SOURCE, 'warning'));
  }
}

const checker = new Checker();

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Prometheus 3 accepts any non-empty UTF-8 label name; in JS, only lone surrogates are not UTF-8. */
function isValidLabelName(name: string): boolean {
  return name.length > 0 && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(name);
}
