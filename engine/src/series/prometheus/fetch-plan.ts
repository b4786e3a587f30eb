/**
 * What to fetch from a Prometheus server to evaluate rule groups locally over a span: for every
 * distinct selector in the rules, the window of raw samples it reads, and, for selectors read as
 * instant vectors, the grid of evaluation times at which to ask the server whether the series was
 * present (to recover the staleness markers the query API does not return).
 *
 * Selectors of series that the rules themselves write (recording rule names, `ALERTS`,
 * `ALERTS_FOR_STATE`) are not fetched: the simulation writes them.
 */
import type { Expr, VectorSelector } from '../../promql/ast.js';
import { printMatchers } from '../../promql/printer.js';
import type { RuleGroup } from '../../rules/rule.js';
import { namesWrittenByRules } from '../../rules/written-names.js';
import { selectorWindows } from './selector-windows.js';

export interface RawFetch {
  /** The selector in braces, e.g. `{__name__="up",job="api"}`. */
  selector: string;
  /** Sample times wanted: `(fromMs, toMs]`. */
  fromMs: number;
  toMs: number;
}

export interface PresenceGrid {
  selector: string;
  startMs: number;
  endMs: number;
  stepMs: number;
}

export interface FetchPlan {
  raw: RawFetch[];
  presence: PresenceGrid[];
}

export interface FetchPlanOptions {
  startMs: number;
  endMs: number;
  defaultIntervalMs: number;
  defaultQueryOffsetMs?: number;
  lookbackDeltaMs?: number;
}

export function planFetch(groups: readonly RuleGroup[], options: FetchPlanOptions): FetchPlan {
  const written = namesWrittenByRules(groups);
  const lookbackMs = options.lookbackDeltaMs ?? 300_000;
  const raw = new Map<string, RawFetch>();
  const presence = new Map<string, PresenceGrid>();
  for (const group of groups) {
    const intervalMs = group.intervalMs ?? options.defaultIntervalMs;
    const offsetMs = group.queryOffsetMs ?? options.defaultQueryOffsetMs ?? 0;
    const lastEvalMs = options.startMs + Math.floor((options.endMs - options.startMs) / intervalMs) * intervalMs;
    for (const rule of group.rules) {
      if (!rule.expr) continue;
      const instant = directInstantSelectors(rule.expr);
      for (const { selector, fromMs, toMs } of selectorWindows(rule.expr, options.startMs - offsetMs, lastEvalMs - offsetMs, lookbackMs)) {
        if (writtenByRules(selector, written)) continue;
        const text = printMatchers(selector.matchers);
        const known = raw.get(text);
        raw.set(text, { selector: text, fromMs: Math.min(fromMs, known?.fromMs ?? fromMs), toMs: Math.max(toMs, known?.toMs ?? toMs) });
        if (!instant.has(selector)) continue;
        const grid = { selector: text, startMs: options.startMs - offsetMs - selector.offsetMs, endMs: lastEvalMs - offsetMs - selector.offsetMs, stepMs: intervalMs };
        presence.set(`${text} ${grid.startMs} ${grid.stepMs}`, grid);
      }
    }
  }
  return { raw: [...raw.values()], presence: [...presence.values()] };
}

function writtenByRules(selector: VectorSelector, written: ReadonlySet<string>): boolean {
  return selector.matchers.some((m) => m.name === '__name__' && m.type === '=' && written.has(m.value));
}

/** Instant vector selectors evaluated at the rule's own evaluation times: not in a range, subquery or under `@`. */
function directInstantSelectors(expr: Expr): Set<VectorSelector> {
  const out = new Set<VectorSelector>();
  const stack = [expr];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'VectorSelector') {
      if (node.atMs === undefined && node.atAnchor === undefined) out.add(node);
    } else if (node.kind === 'ParenExpr' || node.kind === 'UnaryExpr') stack.push(node.expr);
    else if (node.kind === 'BinaryExpr') stack.push(node.lhs, node.rhs);
    else if (node.kind === 'AggregateExpr') stack.push(node.expr, ...(node.param ? [node.param] : []));
    else if (node.kind === 'Call') stack.push(...node.args);
  }
  return out;
}
