/**
 * `rate`, `irate` and `increase` assume a counter: a value that only goes up and resets to zero.
 * On anything else a drop reads as a reset and the result is nonsense. Without metadata, a metric
 * counts as a counter when its name says so (`_total`, `_count`, `_sum`, `_bucket`), and a
 * recording rule's output (`level:metric:operation`) does not when its operation is a rate.
 */
import type { Call, VectorSelector } from '../../promql/ast.js';
import { NO_FINDINGS, type Finding, type Lint, type RuleInput } from '../lint.js';
import { rangeInExpr } from '../locate.js';
import { ruleNodes } from '../rule-nodes.js';

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase']);
const COUNTER_SUFFIX = /(_total|_count|_sum|_bucket)$/;
const RATE_OPERATION = /^(i?rate|increase|deriv|delta|ratio|avg|max|min|quantile|p\d+)/;

export const rateNonCounter: Lint = {
  name: 'rate-non-counter',
  summary: 'rate(), irate() or increase() over a metric whose name does not say it is a counter',
  checkRule({ rule, file }: RuleInput): readonly Finding[] {
    if (!rule.expr) return NO_FINDINGS;
    let findings: Finding[] | undefined;
    const nodes = ruleNodes(rule);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (node.kind !== 'Call' || !COUNTER_FUNCTIONS.has(node.func)) continue;
      const selector = rangedSelector(node);
      if (!selector || selector.name === '' || looksLikeCounter(selector.name)) continue;
      (findings ??= []).push({
        message: `${node.func}() expects a counter, but "${selector.name}" does not look like one (counters end in _total, _count, _sum or _bucket); for gauges use deriv() or delta()`,
        range: rangeInExpr(rule, selector.range, file.text),
      });
    }
    return findings ?? NO_FINDINGS;
  },
};

function rangedSelector(call: Call): VectorSelector | undefined {
  const arg = call.args[0];
  if (arg?.kind === 'MatrixSelector') return arg.selector;
  if (arg?.kind === 'SubqueryExpr' && arg.expr.kind === 'VectorSelector') return arg.expr;
  return undefined;
}

export function looksLikeCounter(name: string): boolean {
  if (!name.includes(':')) return COUNTER_SUFFIX.test(name);
  const parts = name.split(':');
  const operation = parts[parts.length - 1]!;
  if (RATE_OPERATION.test(operation)) return false;
  return parts.some((p) => COUNTER_SUFFIX.test(p)) || operation === '' || COUNTER_SUFFIX.test(operation);
}
