/**
 * The canonical text of an expression, as Prometheus's `String()` methods print it:
 * `sum by (job) (rate(x[5m]))`, `a - on (b) c`, `x offset -5m`, `x @ 10.000`.
 *
 * Where Prometheus's text would not parse back to the same tree, this printer differs, minimally:
 * a metric name that is not an identifier is printed quoted inside the braces (`{"a.b"}`),
 * grouping labels that are keywords or not identifiers are quoted in `on (...)` and friends, and
 * `ignoring ()` is kept when `group_left`/`group_right` follows it.
 */
import type { AggregateExpr, BinaryExpr, Expr, TimeModifiers, VectorMatching, VectorSelector } from './ast.js';
import type { Matcher } from '../labels/matcher.js';
import { formatDurationMs } from './duration.js';
import { quoteString } from './string-literal.js';

const METRIC_NAME = '__name__';
const LEGACY_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const PLAIN_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Words the lexer reads as keywords that cannot name a metric outside braces. */
const NOT_METRIC_NAMES = new Set(['bool', 'on', 'ignoring', 'group_left', 'group_right', 'atan2', 'inf', 'nan']);
/** Words the lexer reads as keywords that cannot name a label in a grouping list. */
const NOT_GROUPING_LABELS = new Set(['without', 'inf', 'nan']);

export function printExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'NumberLiteral':
      // Not Go's `+Inf`: as the left operand of `^` that would read back as `+(Inf ^ x)`.
      return expr.value === Infinity ? 'Inf' : formatNumber(expr.value);
    case 'StringLiteral':
      return quoteString(expr.value);
    case 'VectorSelector':
      return printSelector(expr) + printTimeModifiers(expr);
    case 'MatrixSelector':
      return `${printSelector(expr.selector)}[${formatDurationMs(expr.rangeMs)}]${printTimeModifiers(expr.selector)}`;
    case 'SubqueryExpr': {
      const step = expr.stepMs !== 0 ? formatDurationMs(expr.stepMs) : '';
      return `${printExpr(expr.expr)}[${formatDurationMs(expr.rangeMs)}:${step}]${printTimeModifiers(expr)}`;
    }
    case 'ParenExpr':
      return `(${printExpr(expr.expr)})`;
    case 'UnaryExpr':
      return `${expr.op}${printExpr(expr.expr)}`;
    case 'BinaryExpr':
      return printBinary(expr);
    case 'Call':
      return `${expr.func}(${expr.args.map(printExpr).join(', ')})`;
    case 'AggregateExpr':
      return printAggregate(expr);
  }
}

/** Operator chains nest on the left; print them in a loop so that long chains need no deep recursion. */
function printBinary(root: BinaryExpr): string {
  const spine: BinaryExpr[] = [];
  let node: Expr = root;
  while (node.kind === 'BinaryExpr') {
    spine.push(node);
    node = node.lhs;
  }
  let out = printExpr(node);
  for (let i = spine.length - 1; i >= 0; i--) {
    const binary = spine[i]!;
    const bool = binary.returnBool ? ' bool' : '';
    out += ` ${binary.op}${bool}${printMatching(binary.matching)} ${printExpr(binary.rhs)}`;
  }
  return out;
}

function printMatching(matching: VectorMatching | undefined): string {
  if (!matching) return '';
  const grouped = matching.card === 'many-to-one' || matching.card === 'one-to-many';
  if (!matching.on && matching.labels.length === 0 && !grouped) return '';
  let out = ` ${matching.on ? 'on' : 'ignoring'} (${joinGroupingLabels(matching.labels)})`;
  if (grouped) {
    const side = matching.card === 'many-to-one' ? 'left' : 'right';
    out += ` group_${side} (${joinGroupingLabels(matching.include)})`;
  }
  return out;
}

function printAggregate(expr: AggregateExpr): string {
  let out: string = expr.op;
  if (expr.without) out += ` without (${joinGroupingLabels(expr.grouping)}) `;
  else if (expr.grouping.length > 0) out += ` by (${joinGroupingLabels(expr.grouping)}) `;
  const param = expr.param ? `${printExpr(expr.param)}, ` : '';
  return `${out}(${param}${printExpr(expr.expr)})`;
}

function joinGroupingLabels(labels: readonly string[]): string {
  return labels.map(printGroupingLabel).join(', ');
}

function printGroupingLabel(label: string): string {
  const plain = LEGACY_METRIC_NAME.test(label) && !NOT_GROUPING_LABELS.has(label.toLowerCase());
  return plain ? label : quoteString(label);
}

function printSelector(selector: VectorSelector): string {
  const name = selector.name;
  const others: string[] = [];
  for (const m of selector.matchers) {
    if (name !== '' && m.name === METRIC_NAME && m.type === '=' && m.value === name) continue;
    others.push(printMatcher(m));
  }
  others.sort();
  if (name === '') return `{${others.join(',')}}`;
  if (LEGACY_METRIC_NAME.test(name) && !NOT_METRIC_NAMES.has(name.toLowerCase())) {
    return others.length > 0 ? `${name}{${others.join(',')}}` : name;
  }
  return `{${[quoteString(name), ...others].join(',')}}`;
}

/** Matchers in braces, sorted as Prometheus prints them: `{code=~"5..",job="api"}`. */
export function printMatchers(matchers: readonly Matcher[]): string {
  return `{${matchers.map(printMatcher).sort().join(',')}}`;
}

/** One matcher: `job="api"`, `"http.method"!="GET"`. */
export function printMatcher(matcher: Matcher): string {
  const name = PLAIN_LABEL_NAME.test(matcher.name) ? matcher.name : quoteString(matcher.name);
  return `${name}${matcher.type}${quoteString(matcher.value)}`;
}

function printTimeModifiers(modifiers: TimeModifiers): string {
  let out = '';
  if (modifiers.atMs !== undefined) out += ` @ ${formatTimestamp(modifiers.atMs)}`;
  else if (modifiers.atAnchor) out += ` @ ${modifiers.atAnchor}()`;
  if (modifiers.offsetMs > 0) out += ` offset ${formatDurationMs(modifiers.offsetMs)}`;
  else if (modifiers.offsetMs < 0) out += ` offset -${formatDurationMs(-modifiers.offsetMs)}`;
  return out;
}

/** Milliseconds since the epoch as seconds with three decimals (Go's `%.3f`). */
function formatTimestamp(ms: number): string {
  if (!Number.isSafeInteger(ms)) return (ms / 1000).toFixed(3);
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}

/** Go's strconv.FormatFloat(value, 'f', -1, 64): the shortest digits, never an exponent. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Object.is(value, -0)) return '-0';
  const shortest = String(value);
  const exponential = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(shortest);
  if (!exponential) return shortest;
  const [, sign, first, rest = '', exponentText] = exponential;
  const digits = first! + rest;
  const exponent = Number(exponentText);
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return fraction ? `${sign}${whole.slice(0, exponent + 1)}.${fraction}` : `${sign}${whole}`;
}
