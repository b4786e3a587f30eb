/**
 * Runs rule groups over a time span on their own intervals and collects what the alerts did.
 *
 * Each group is evaluated at `startMs` and then every interval up to `endMs` (see
 * evaluation-schedule.ts). A running Prometheus instead slots a group's evaluations at an offset
 * derived from a hash of its file and name (evaluation-slot.ts); a simulation starts every group
 * at the chosen start so that results do not depend on file paths. Alerting rules count as
 * restored from the first evaluation, as in promtool: `ALERTS` is written from the start.
 */
import type { MemoryStore } from '../series/memory-store.js';
import type { AlertTransition } from './alert-state.js';
import { evaluationSchedule } from './evaluation-schedule.js';
import { BatchedRuleQuery } from './batched-rule-query.js';
import { GroupEvaluator, type GroupEvaluatorOptions, type RuleEvaluationError, type RuleQuery } from './group-evaluator.js';
import type { AlertingRule, RuleGroup } from './rule.js';
import { namesWrittenByRules } from './written-names.js';

export interface SimulationOptions extends GroupEvaluatorOptions {
  startMs: number;
  endMs: number;
  /** The interval of groups that set none (Prometheus's global evaluation_interval). */
  defaultIntervalMs: number;
  /** Called after every group evaluation with its time. */
  onProgress?: (atMs: number) => void;
}

export interface SimulationResult {
  transitions: { rule: AlertingRule; group: RuleGroup; transition: AlertTransition }[];
  errors: (RuleEvaluationError & { group: RuleGroup })[];
  evaluations: number;
}

export function simulateGroups(groups: readonly RuleGroup[], store: MemoryStore, options: SimulationOptions): SimulationResult {
  const steps = simulationSteps(groups, store, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The simulation one group evaluation at a time: yields the time of each evaluation once it has
 * run (and sent its alerts to `options.onAlerts`), so that a caller can act between evaluations;
 * returns the result.
 */
export function* simulationSteps(groups: readonly RuleGroup[], store: MemoryStore, options: SimulationOptions): Generator<number, SimulationResult> {
  const evalOptions = { defaultSubqueryStepMs: options.defaultIntervalMs, deferAnnotations: true, ...options };
  const batched = new BatchedRuleQuery(store, evalOptions);
  const ruleQuery: RuleQuery = (rule, expr, timeMs) => batched.query(rule, expr, timeMs);
  const evaluators = groups.map((group) => new GroupEvaluator(group, store, { ruleQuery, ...evalOptions }));
  const written = namesWrittenByRules(groups);
  for (const evaluator of evaluators) {
    const { intervalMs, queryOffsetMs } = evaluator;
    const lastMs = options.startMs + Math.floor((options.endMs - options.startMs) / intervalMs) * intervalMs;
    batched.plan(evaluator.group, { firstMs: options.startMs - queryOffsetMs, lastMs: lastMs - queryOffsetMs, stepMs: intervalMs }, written);
  }
  const result: SimulationResult = { transitions: [], errors: [], evaluations: 0 };
  const intervals = evaluators.map((e) => e.intervalMs);
  for (const { atMs, group } of evaluationSchedule(intervals, options.startMs, options.endMs)) {
    const evaluator = evaluators[group]!;
    const step = evaluator.evaluateAt(atMs);
    result.evaluations++;
    for (const { rule, transition } of step.transitions) result.transitions.push({ rule, group: evaluator.group, transition });
    for (const error of step.errors) result.errors.push({ ...error, group: evaluator.group });
    options.onProgress?.(atMs);
    yield atMs;
  }
  return result;
}
