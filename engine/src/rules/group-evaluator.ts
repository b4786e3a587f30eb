/**
 * Evaluates a rule group at one time: rules in order, recording rules writing their results
 * back into the store (with staleness markers for series that disappear) so that later rules see them.
 */
import { Labels } from '../labels/labels.js';
import { evaluateInstant, type EvalOptions } from '../promql/eval/evaluate.js';
import { EvalError, type InstantVector } from '../promql/eval/values.js';
import type { MemoryStore } from '../series/memory-store.js';
import { AlertingRuleState, type AlertTransition } from './alert-state.js';
import type { RecordingRule, Rule, RuleGroup } from './rule.js';

export interface RuleEvaluationError {
  rule: Rule;
  atMs: number;
  message: string;
}

export interface GroupStepResult {
  transitions: { rule: Rule; transition: AlertTransition }[];
  errors: RuleEvaluationError[];
}

export class GroupEvaluator {
  readonly alertStates = new Map<Rule, AlertingRuleState>();
  private readonly recordedKeys = new Map<Rule, Map<string, Labels>>();

  constructor(
    readonly group: RuleGroup,
    private readonly store: MemoryStore,
    private readonly options: EvalOptions = {},
  ) {
    for (const rule of group.rules) if (rule.kind === 'alert') this.alertStates.set(rule, new AlertingRuleState(rule));
  }

  evaluateAt(nowMs: number): GroupStepResult {
    const result: GroupStepResult = { transitions: [], errors: [] };
    for (const rule of this.group.rules) {
      if (!rule.expr) continue;
      try {
        const samples = this.instantVector(rule, nowMs);
        if (rule.kind === 'record') this.record(rule, samples, nowMs);
        else for (const transition of this.alertStates.get(rule)!.update(samples, nowMs)) result.transitions.push({ rule, transition });
      } catch (e) {
        result.errors.push({ rule, atMs: nowMs, message: e instanceof Error ? e.message : String(e) });
      }
    }
    return result;
  }

  private instantVector(rule: Rule, nowMs: number): InstantVector {
    const { value } = evaluateInstant(rule.expr!, this.store, nowMs, this.options);
    if (value.type === 'vector') return value.samples;
    if (value.type === 'scalar') return [{ labels: Labels.EMPTY, t: nowMs, v: value.v }];
    throw new EvalError(`rule result is a ${value.type}, expected a vector or scalar`, rule.expr!.range);
  }

  private record(rule: RecordingRule, samples: InstantVector, nowMs: number): void {
    const previous = this.recordedKeys.get(rule) ?? new Map<string, Labels>();
    const current = new Map<string, Labels>();
    for (const sample of samples) {
      let labels = sample.labels.with('__name__', rule.name);
      for (const [name, value] of Object.entries(rule.labels)) labels = labels.with(name, value);
      if (current.has(labels.key())) throw new Error('vector contains metrics with the same labelset after applying rule labels');
      current.set(labels.key(), labels);
      this.store.append(labels, nowMs, sample.v);
    }
    for (const [key, labels] of previous) if (!current.has(key)) this.store.appendStale(labels, nowMs);
    this.recordedKeys.set(rule, current);
  }
}
