/** Runs rule groups over a time span on their own intervals and collects what the alerts did. */
import type { EvalOptions } from '../promql/eval/evaluate.js';
import type { MemoryStore } from '../series/memory-store.js';
import type { AlertTransition } from './alert-state.js';
import { GroupEvaluator, type RuleEvaluationError } from './group-evaluator.js';
import type { AlertingRule, RuleGroup } from './rule.js';

export interface SimulationOptions extends EvalOptions {
  startMs: number;
  endMs: number;
  /** The interval of groups that set none (Prometheus's global evaluation_interval). */
  defaultIntervalMs: number;
}

export interface SimulationResult {
  transitions: { rule: AlertingRule; group: RuleGroup; transition: AlertTransition }[];
  errors: RuleEvaluationError[];
  evaluations: number;
}

export function simulateGroups(groups: readonly RuleGroup[], store: MemoryStore, options: SimulationOptions): SimulationResult {
  const evaluators = groups.map((group) => ({
    evaluator: new GroupEvaluator(group, store, options),
    intervalMs: group.intervalMs ?? options.defaultIntervalMs,
    nextMs: options.startMs,
  }));
  const result: SimulationResult = { transitions: [], errors: [], evaluations: 0 };
  for (;;) {
    let next: (typeof evaluators)[number] | undefined;
    for (const e of evaluators) if (e.nextMs <= options.endMs && (!next || e.nextMs < next.nextMs)) next = e;
    if (!next) break;
    const step = next.evaluator.evaluateAt(next.nextMs);
    result.evaluations++;
    for (const { rule, transition } of step.transitions) {
      result.transitions.push({ rule: rule as AlertingRule, group: next.evaluator.group, transition });
    }
    result.errors.push(...step.errors);
    next.nextMs += next.intervalMs;
  }
  return result;
}
