/**
 * Comparisons whose outcome is known without data: `count(x) < 0` is never true, `x == bool x`
 * always is, and an alert on a `bool` comparison always has a result and so always fires.
 */
import type { BinaryExpr, BinaryOp, Expr, TextRange } from '../../promql/ast.js';
import { formatNumber } from '../analysis/format-number.js';
import { rangeOfNode, type ValueRange } from '../analysis/value-range.js';
import { NO_FINDINGS, type Finding, type Lint, type RuleInput } from '../lint.js';
import { rangeInExpr } from '../locate.js';
import { foldTree, ruleNodes } from '../rule-nodes.js';

const COMPARISONS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);

export const constantComparison: Lint = {
  name: 'constant-comparison',
  summary: 'a comparison that is always true or always false, or an alert on a `bool` comparison, which always fires',
  checkRule({ rule, file }: RuleInput): readonly Finding[] {
    if (!rule.expr || !ruleNodes(rule).some(isComparison)) return NO_FINDINGS;
    let findings: Finding[] | undefined;
    const top = unwrap(rule.expr);
    // The ranges of every node, worked out bottom-up; each comparison is judged by its operands'.
    foldTree<ValueRange>(rule.expr, (node, children) => {
      if (!isComparison(node)) return rangeOfNode(node, children);
      const outcome = knownOutcome(node, rule.exprText, children[0]!, children[1]!);
      const isCondition = rule.kind === 'alert' && node === top;
      if (outcome) {
        const consequence = outcome.always ? ', so it filters nothing' : isCondition ? ', so the alert never fires' : ', so its result is always empty';
        (findings ??= []).push({ message: `this comparison is always ${outcome.always}: ${outcome.reason}${consequence}`, range: rangeInExpr(rule, node.range, file.text) });
      } else if (isCondition && node.returnBool) {
        (findings ??= []).push({
          message: 'an alert on a `bool` comparison always fires: every series yields 0 or 1; drop `bool` to keep only the series where the condition holds',
          range: rangeInExpr(rule, node.range, file.text),
        });
      }
      return rangeOfNode(node, children);
    });
    return findings ?? NO_FINDINGS;
  },
};

function isComparison(node: Expr): node is BinaryExpr {
  return node.kind === 'BinaryExpr' && COMPARISONS.has(node.op);
}

function unwrap(expr: Expr): Expr {
  while (expr.kind === 'ParenExpr') expr = expr.expr;
  return expr;
}

interface Outcome {
  always: boolean;
  reason: string;
}

/** `a` and `b`: the ranges of the two sides. */
function knownOutcome(node: BinaryExpr, exprText: string, a: ValueRange, b: ValueRange): Outcome | undefined {
  const lhs = unwrap(node.lhs);
  const rhs = unwrap(node.rhs);
  if (lhs.kind === rhs.kind && lhs.kind !== 'NumberLiteral' && sameSource(exprText, lhs.range, rhs.range)) {
    const always = node.op === '==' || node.op === '>=' || node.op === '<=';
    return { always, reason: `both sides are ${lhs.kind === 'VectorSelector' ? 'the same selector' : 'the same expression'}` };
  }
  const always = decide(node.op, a, b);
  // `absent(x) == 1` and the like restate a fixed value: redundant, but written on purpose.
  const fixedExpression = (node.lhs.kind !== 'NumberLiteral' && isPoint(a)) || (node.rhs.kind !== 'NumberLiteral' && isPoint(b));
  if (always === undefined || (always && fixedExpression)) return undefined;
  const side = node.rhs.kind === 'NumberLiteral' ? `the left side is ${describe(a)}` : node.lhs.kind === 'NumberLiteral' ? `the right side is ${describe(b)}` : `the left side is ${describe(a)} and the right side ${describe(b)}`;
  return { always, reason: side };
}

/** true or false when the comparison's outcome follows from the ranges; undefined when it depends on data. */
function decide(op: BinaryOp, a: ValueRange, b: ValueRange): boolean | undefined {
  switch (op) {
    case '>':
      return a.min > b.max ? true : a.max <= b.min ? false : undefined;
    case '<':
      return a.max < b.min ? true : a.min >= b.max ? false : undefined;
    case '>=':
      return a.min >= b.max ? true : a.max < b.min ? false : undefined;
    case '<=':
      return a.max <= b.min ? true : a.min > b.max ? false : undefined;
    case '==':
      return isPoint(a) && isPoint(b) && a.min === b.min ? true : a.max < b.min || a.min > b.max ? false : undefined;
    case '!=':
      return a.max < b.min || a.min > b.max ? true : isPoint(a) && isPoint(b) && a.min === b.min ? false : undefined;
    default:
      return undefined;
  }
}

function isPoint(r: ValueRange): boolean {
  return r.min === r.max;
}

function describe(r: ValueRange): string {
  if (isPoint(r)) return `always ${formatNumber(r.min)}`;
  if (r.max === Infinity) return `never below ${formatNumber(r.min)}`;
  if (r.min === -Infinity) return `never above ${formatNumber(r.max)}`;
  return `between ${formatNumber(r.min)} and ${formatNumber(r.max)}`;
}

/** Whether the two ranges of `text` are the same but for white space (as `\s` matches): two operands as written. */
function sameSource(text: string, a: TextRange, b: TextRange): boolean {
  let i = a.start;
  let j = b.start;
  for (;;) {
    while (i < a.end && isSpace(text.charCodeAt(i))) i++;
    while (j < b.end && isSpace(text.charCodeAt(j))) j++;
    if (i === a.end || j === b.end) return i === a.end && j === b.end;
    if (text.charCodeAt(i) !== text.charCodeAt(j)) return false;
    i++;
    j++;
  }
}

const SPACE = /\s/;

function isSpace(code: number): boolean {
  return code < 128 ? code === 32 || (code >= 9 && code <= 13) : SPACE.test(String.fromCharCode(code));
}
