/**
 * Random PromQL text that type-checks, over the series of the fuzz store: every function of the
 * function table with arguments of the right types, every aggregation, operators with and without
 * vector matching, subqueries, offsets and `@`. Values and labels are chosen to reach error paths
 * at run time too (invalid label names and regexes, NaN parameters, many-to-many matches).
 */
import fc from 'fast-check';
import type { ValueType } from '../../src/promql/ast.js';
import { AGGREGATIONS, argumentType, FUNCTIONS, functionArity, type FunctionSignature } from '../../src/promql/functions.js';

type TypedText = Record<ValueType, string>;
type Tie = <K extends ValueType>(type: K) => fc.Arbitrary<TypedText[K]>;

const SELECTORS = [
  'metric_a', 'metric_a{job="api"}', 'metric_b', 'http_requests_total{code!="200"}', '{__name__=~"metric_.*"}',
  'latency_bucket', 'nonexistent', '{job=~"api|db"}', 'odd_labels', '{"service.name"="ünï"}',
];
const SELECTOR_RANGES = ['1m', '5m', '90s', '1h', '1ms'];
/** Subqueries nest; short ranges keep the number of inner steps small. */
const SUBQUERY_RANGES = ['1m', '5m', '10m'];
const SUBQUERY_STEPS = ['', '1m', '2m30s', '5m'];
const MODIFIERS = ['', '', ' offset 5m', ' offset -2m', ' @ 600', ' @ start()', ' @ end()', ' @ 120 offset 1m', ' offset 1y'];
const NUMBERS = ['0', '1', '-1', '0.5', '2', '10', 'NaN', 'Inf', '-Inf', '1e308', '-0', '3600', '0x10'];
const STRINGS = ['"job"', '"instance"', '"__name__"', '"le"', '"dst"', '"(.*)"', '"$1"', '""', '"a-b"', '"("', '","', '"api"'];
const LABELS = ['job', 'instance', 'code', 'le', '__name__', 'nope'];
const ARITHMETIC = ['+', '-', '*', '/', '%', '^', 'atan2'];
const COMPARISONS = ['==', '!=', '>', '<', '>=', '<='];
const SET_OPERATORS = ['and', 'or', 'unless'];

const selector = fc.tuple(fc.constantFrom(...SELECTORS), fc.constantFrom(...MODIFIERS)).map(([s, m]) => s + m);
const matrixSelector = fc
  .tuple(fc.constantFrom(...SELECTORS), fc.constantFrom(...SELECTOR_RANGES), fc.constantFrom(...MODIFIERS))
  .map(([s, r, m]) => `${s}[${r}]${m}`);
const number = fc.constantFrom(...NUMBERS);
const string = fc.constantFrom(...STRINGS);
const labelList = fc.subarray(LABELS).map((labels) => labels.join(', '));
const grouping = fc.oneof(
  fc.constant(''),
  labelList.map((labels) => ` by (${labels})`),
  labelList.map((labels) => ` without (${labels})`),
);
/** Matching for arithmetic and comparisons; set operators take no group modifier. */
const matching = fc.constantFrom('', ' on (job)', ' ignoring (instance)', ' on ()', ' on (job) group_left ()', ' ignoring (code) group_right (instance)');
const setMatching = fc.constantFrom('', ' on (job)', ' ignoring (instance)', ' on ()');

/** Functions other than `info`, whose second argument must be a selector of a special kind. */
const functionsReturning = (type: ValueType): FunctionSignature[] =>
  [...FUNCTIONS.values()].filter((f) => f.returnType === type && f.name !== 'info');

function argument(type: ValueType, tie: Tie): fc.Arbitrary<string> {
  return type === 'string' ? string : tie(type);
}

function call(sig: FunctionSignature, tie: Tie): fc.Arbitrary<string> {
  const { min, max } = functionArity(sig);
  return fc
    .integer({ min, max: Math.min(max, min + 2) })
    .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => argument(argumentType(sig, i)!, tie))))
    .map((args) => `${sig.name}(${args.join(', ')})`);
}

function callReturning(type: ValueType, tie: Tie): fc.Arbitrary<string> {
  return fc.oneof(...functionsReturning(type).map((sig) => call(sig, tie)));
}

function aggregation(tie: Tie): fc.Arbitrary<string> {
  return fc.constantFrom(...AGGREGATIONS.values()).chain((agg) => {
    const param = agg.paramType ? argument(agg.paramType, tie).map((p) => `${p}, `) : fc.constant('');
    return fc.tuple(grouping, param, tie('vector')).map(([g, p, v]) => `${agg.name}${g} (${p}${v})`);
  });
}

const binary = (lhs: fc.Arbitrary<string>, op: fc.Arbitrary<string>, rhs: fc.Arbitrary<string>) =>
  fc.tuple(lhs, op, rhs).map(([l, o, r]) => `(${l}) ${o} (${r})`);

const withBool = fc.constantFrom(...COMPARISONS).map((op) => `${op} bool`);
const maybeBool = fc.tuple(fc.constantFrom(...COMPARISONS), fc.boolean()).map(([op, bool]) => (bool ? `${op} bool` : op));

const { scalar, vector, matrix } = fc.letrec<TypedText>((tie) => {
  const depth = { maxDepth: 4, depthIdentifier: 'typed-expression' };
  return {
    scalar: fc.oneof(
      depth,
      number,
      callReturning('scalar', tie),
      binary(tie('scalar'), fc.constantFrom(...ARITHMETIC), tie('scalar')),
      binary(tie('scalar'), withBool, tie('scalar')),
      tie('scalar').map((s) => `-(${s})`),
    ),
    vector: fc.oneof(
      depth,
      selector,
      callReturning('vector', tie),
      aggregation(tie),
      binary(tie('vector'), fc.tuple(fc.constantFrom(...ARITHMETIC), matching).map(([op, m]) => op + m), tie('vector')),
      binary(tie('vector'), fc.tuple(maybeBool, matching).map(([op, m]) => op + m), tie('vector')),
      binary(tie('vector'), fc.tuple(fc.constantFrom(...SET_OPERATORS), setMatching).map(([op, m]) => op + m), tie('vector')),
      binary(tie('vector'), fc.oneof(fc.constantFrom(...ARITHMETIC), maybeBool), tie('scalar')),
      binary(tie('scalar'), fc.oneof(fc.constantFrom(...ARITHMETIC), maybeBool), tie('vector')),
      tie('vector').map((v) => `-(${v})`),
    ),
    matrix: fc.oneof(
      depth,
      matrixSelector,
      fc
        .tuple(tie('vector'), fc.constantFrom(...SUBQUERY_RANGES), fc.constantFrom(...SUBQUERY_STEPS), fc.constantFrom(...MODIFIERS))
        .map(([v, range, step, m]) => `(${v})[${range}:${step}]${m}`),
    ),
    string,
  };
});

/** Expressions of every type, mostly instant vectors. */
export const typedExpression: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: vector, weight: 6 },
  { arbitrary: scalar, weight: 2 },
  { arbitrary: matrix, weight: 1 },
  { arbitrary: string, weight: 1 },
);
