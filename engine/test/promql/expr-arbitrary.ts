/**
 * Random expression trees in the shape the parser produces (parentheses where precedence needs
 * them, sorted matchers, matching only where the parser sets it), for property tests.
 */
import fc from 'fast-check';
import type {
  AggregateExpr,
  AggregateOp,
  BinaryExpr,
  BinaryOp,
  Expr,
  MatrixSelector,
  NumberLiteral,
  TimeModifiers,
  VectorMatching,
  VectorSelector,
} from '../../src/promql/ast.js';
import { Matcher, type MatchType } from '../../src/labels/matcher.js';
import { AGGREGATIONS, FUNCTIONS } from '../../src/promql/functions.js';
import { printMatcher } from '../../src/promql/printer.js';
import { typeOf } from '../../src/promql/types.js';

const range = { start: 0, end: 0 };

/* ---- Names and values. ---- */

const plainName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/);
const keywordName = fc.constantFrom('by', 'on', 'offset', 'bool', 'sum', 'and', 'start', 'end', 'group_left', 'atan2');
const oddName = fc.constantFrom('service.name', 'ünï', 'with space', '0lead', 'a-b', 'quote"d', '😀', 'without', 'Inf');
const labelName = fc.oneof(plainName, keywordName, oddName).filter((n) => n !== '__name__');
const groupingLabel = fc.oneof(plainName, keywordName, oddName, fc.constant('a:b'));

/** Bytes that are never part of valid UTF-8, kept as lone surrogates by the parser. */
const strayByte = fc.constantFrom(0x80, 0xa9, 0xbf, 0xc0, 0xc1, 0xf5, 0xff).map((b) => String.fromCharCode(0xdc00 + b));
const oddChar = fc.constantFrom('"', "'", '`', '\\', '\n', '\t', '\x00', '\x07', '\x7f', '\u00a0', '\u200b', '{', '}', '😀', 'é');
const labelValue = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 4 }), oddChar, strayByte), { maxLength: 5 })
  .map((parts) => parts.join(''));
const nonEmptyValue = labelValue.filter((v) => v !== '');
const regexValue = fc.oneof(
  fc.constantFrom('.*', '.+', 'a|b', '[0-9]+', '(?i)foo', 'x\\.y', 'é+', '', '\\d{2,3}'),
  labelValue.map((v) => v.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
);

const matcher = fc.oneof(
  fc.record({ name: labelName, type: fc.constantFrom<MatchType>('=', '!='), value: labelValue }),
  fc.record({ name: labelName, type: fc.constantFrom<MatchType>('=~', '!~'), value: regexValue }),
).map(({ name, type, value }) => new Matcher(name, type, value));

/* ---- Leaves. ---- */

const metricName = fc.oneof(
  fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,10}$/),
  fc.constantFrom('sum', 'by', 'offset', 'start', 'and', 'without', 'count_values'),
  fc.constantFrom('http.requests', 'ünï', 'bool', 'Inf', 'with space'),
);

const timeModifiers: fc.Arbitrary<TimeModifiers> = fc.record({
  offsetMs: fc.oneof(fc.constant(0), fc.integer({ min: -1e12, max: 1e12 })),
  at: fc.option(fc.oneof(fc.integer({ min: -1e15, max: 1e15 }), fc.constantFrom<'start' | 'end'>('start', 'end'))),
}).map(({ offsetMs, at }) => {
  if (at === null) return { offsetMs };
  return typeof at === 'number' ? { offsetMs, atMs: at } : { offsetMs, atAnchor: at };
});

/** A selector in the parser's shape: other matchers sorted, the name matcher last (or first, when quoted). */
const vectorSelector: fc.Arbitrary<VectorSelector> = fc
  .record({
    name: fc.oneof(fc.constant(''), metricName),
    others: fc.array(matcher, { maxLength: 3 }),
    required: fc.record({ name: labelName, value: nonEmptyValue }),
    modifiers: timeModifiers,
  })
  .map(({ name, others, required, modifiers }) => {
    const written = name === '' ? [...others, new Matcher(required.name, '=', required.value)] : others;
    written.sort((a, b) => (printMatcher(a) < printMatcher(b) ? -1 : printMatcher(a) > printMatcher(b) ? 1 : 0));
    const nameMatcher = new Matcher('__name__', '=', name);
    const outside = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name) && !/^(bool|on|ignoring|group_left|group_right|atan2|inf|nan)$/i.test(name);
    const matchers = name === '' ? written : outside ? [...written, nameMatcher] : [nameMatcher, ...written];
    return { kind: 'VectorSelector' as const, name, matchers, ...modifiers, range };
  });

const positiveMs = fc.integer({ min: 1, max: 1e12 });

const matrixSelector: fc.Arbitrary<MatrixSelector> = fc
  .record({ selector: vectorSelector, rangeMs: positiveMs })
  .map(({ selector, rangeMs }) => ({ kind: 'MatrixSelector' as const, selector, rangeMs, range }));

const numberLiteral: fc.Arbitrary<NumberLiteral> = fc
  .oneof(fc.double(), fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(0.5, 1e21, 1e-7, NaN, Infinity, -Infinity))
  .map((value) => ({ kind: 'NumberLiteral' as const, value, range }));

const stringLiteral: fc.Arbitrary<Expr> = labelValue.map((value) => ({ kind: 'StringLiteral' as const, value, range }));

const leaf: fc.Arbitrary<Expr> = fc.oneof(vectorSelector, numberLiteral, matrixSelector, stringLiteral);

/* ---- Inner nodes. ---- */

const binaryOps: BinaryOp[] = ['+', '-', '*', '/', '%', '^', 'atan2', '==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless'];
const comparisons = new Set<BinaryOp>(['==', '!=', '>', '<', '>=', '<=']);
const setOps = new Set<BinaryOp>(['and', 'or', 'unless']);
const aggregateOps = [...AGGREGATIONS.keys()];
const functionNames = [...FUNCTIONS.keys()];

interface WrittenMatching { on: boolean; labels: string[]; group?: 'left' | 'right'; include: string[] }
const writtenMatching: fc.Arbitrary<WrittenMatching | null> = fc.option(
  fc.record({
    on: fc.boolean(),
    labels: fc.array(groupingLabel, { maxLength: 3 }),
    group: fc.option(fc.constantFrom<'left' | 'right'>('left', 'right'), { nil: undefined }),
    include: fc.array(groupingLabel, { maxLength: 2 }),
  }),
);

const { expr: anyExpr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'expr' },
    leaf,
    fc
      .record({ op: fc.constantFrom(...binaryOps), lhs: tie('expr'), rhs: tie('expr'), bool: fc.boolean(), matching: writtenMatching })
      .map(({ op, lhs, rhs, bool, matching }) => makeBinary(op, lhs, rhs, bool && comparisons.has(op), matching)),
    fc.record({ op: fc.constantFrom<'+' | '-'>('+', '-'), expr: tie('expr') }).map(({ op, expr }) => ({ kind: 'UnaryExpr' as const, op, expr, range })),
    tie('expr').map((expr) => ({ kind: 'ParenExpr' as const, expr, range })),
    fc.record({ func: fc.constantFrom(...functionNames), args: fc.array(tie('expr'), { maxLength: 3 }) }).map(({ func, args }) => ({ kind: 'Call' as const, func, args, range })),
    fc
      .record({
        op: fc.constantFrom(...aggregateOps),
        expr: tie('expr'),
        param: fc.oneof(numberLiteral, tie('expr')),
        label: labelValue,
        grouping: fc.array(groupingLabel, { maxLength: 3 }),
        mode: fc.constantFrom('none', 'by', 'without'),
      })
      .map(({ op, expr, param, label, grouping, mode }) => makeAggregate(op, expr, param, label, grouping, mode)),
    fc
      .record({ expr: tie('expr'), rangeMs: positiveMs, stepMs: fc.oneof(fc.constant(0), positiveMs), modifiers: timeModifiers })
      .map(({ expr, rangeMs, stepMs, modifiers }) => ({ kind: 'SubqueryExpr' as const, expr, rangeMs, stepMs, ...modifiers, range })),
  ),
}));

function makeBinary(op: BinaryOp, lhs: Expr, rhs: Expr, returnBool: boolean, written: WrittenMatching | null): BinaryExpr {
  const binary: BinaryExpr = { kind: 'BinaryExpr', op, lhs, rhs, returnBool, range };
  if (written) {
    const explicit = written.on || written.labels.length > 0 || written.group !== undefined;
    if (explicit) {
      const card = written.group === 'left' ? 'many-to-one' : written.group === 'right' ? 'one-to-many' : setOps.has(op) ? 'many-to-many' : 'one-to-one';
      binary.matching = { card, labels: written.labels, on: written.on, explicit, include: written.group ? written.include : [] };
    }
  }
  return binary;
}

function makeAggregate(op: AggregateOp, expr: Expr, param: Expr, label: string, grouping: string[], mode: string): AggregateExpr {
  const paramType = AGGREGATIONS.get(op)?.paramType;
  const aggregate: AggregateExpr = {
    kind: 'AggregateExpr',
    op,
    expr,
    grouping: mode === 'none' ? [] : grouping,
    without: mode === 'without',
    explicitGrouping: mode === 'without' || (mode === 'by' && grouping.length > 0),
    range,
  };
  if (paramType === 'string') aggregate.param = { kind: 'StringLiteral', value: label, range };
  else if (paramType) aggregate.param = param;
  return aggregate;
}

/* ---- The parser's shape. ---- */

const PRECEDENCE: Record<BinaryOp, number> = {
  or: 1, and: 2, unless: 2, '==': 3, '!=': 3, '<': 3, '<=': 3, '>': 3, '>=': 3,
  '+': 4, '-': 4, '*': 5, '/': 5, '%': 5, atan2: 5, '^': 7,
};

const paren = (expr: Expr): Expr => ({ kind: 'ParenExpr', expr, range });

/** A number printed with a sign, which the parser reads as a unary operator folded into the number. */
function isSigned(expr: Expr): boolean {
  return expr.kind === 'NumberLiteral' && (expr.value < 0 || Object.is(expr.value, -0) || expr.value === Infinity);
}

function needsParensAsLhs(lhs: Expr, op: BinaryOp): boolean {
  if (lhs.kind === 'BinaryExpr') {
    const inner = PRECEDENCE[lhs.op];
    return inner < PRECEDENCE[op] || (inner === PRECEDENCE[op] && op === '^');
  }
  return op === '^' && (lhs.kind === 'UnaryExpr' || isSigned(lhs));
}

function needsParensAsRhs(rhs: Expr, op: BinaryOp): boolean {
  if (rhs.kind !== 'BinaryExpr') return false;
  const inner = PRECEDENCE[rhs.op];
  return inner < PRECEDENCE[op] || (inner === PRECEDENCE[op] && op !== '^');
}

/** What may follow a unary sign without parentheses (a number would be folded into the sign). */
function fitsUnaryOperand(expr: Expr): boolean {
  if (expr.kind === 'BinaryExpr') return expr.op === '^';
  return expr.kind !== 'NumberLiteral';
}

/** What a subquery's brackets may follow without parentheses. */
function fitsSubqueryTarget(expr: Expr): boolean {
  return expr.kind === 'VectorSelector' || expr.kind === 'Call' || expr.kind === 'AggregateExpr' || expr.kind === 'ParenExpr';
}

function toParserShape(expr: Expr): Expr {
  switch (expr.kind) {
    case 'BinaryExpr': {
      let lhs = toParserShape(expr.lhs);
      let rhs = toParserShape(expr.rhs);
      if (needsParensAsLhs(lhs, expr.op)) lhs = paren(lhs);
      if (needsParensAsRhs(rhs, expr.op)) rhs = paren(rhs);
      const shaped: BinaryExpr = { ...expr, lhs, rhs };
      delete shaped.matching;
      const bothVectors = typeOf(lhs) === 'vector' && typeOf(rhs) === 'vector';
      if (expr.matching) shaped.matching = expr.matching;
      else if (bothVectors) shaped.matching = defaultMatching(expr.op);
      return shaped;
    }
    case 'UnaryExpr': {
      const inner = toParserShape(expr.expr);
      return { ...expr, expr: fitsUnaryOperand(inner) ? inner : paren(inner) };
    }
    case 'SubqueryExpr': {
      const inner = toParserShape(expr.expr);
      return { ...expr, expr: fitsSubqueryTarget(inner) ? inner : paren(inner) };
    }
    case 'ParenExpr':
      return { ...expr, expr: toParserShape(expr.expr) };
    case 'Call':
      return { ...expr, args: expr.args.map(toParserShape) };
    case 'AggregateExpr': {
      const shaped: AggregateExpr = { ...expr, expr: toParserShape(expr.expr) };
      if (expr.param) shaped.param = toParserShape(expr.param);
      return shaped;
    }
    default:
      return expr;
  }
}

function defaultMatching(op: BinaryOp): VectorMatching {
  return { card: setOps.has(op) ? 'many-to-many' : 'one-to-one', labels: [], on: false, explicit: false, include: [] };
}

/** Any expression tree the parser can produce. */
export const parserShapedExpr = anyExpr.map(toParserShape);
