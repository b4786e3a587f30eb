/**
 * Evaluates a rule group at one time, as Prometheus's Group.Eval does: rules in order, each
 * queried at the evaluation time minus the group's `query_offset`; recording rules' results and
 * alerting rules' `ALERTS`/`ALERTS_FOR_STATE` samples written back into the store (so later rules
 * see them), series a rule no longer returns marked stale; alerts due to be sent passed on.
 */
import { Labels } from '../labels/labels.js';
import type { Expr } from '../promql/ast.js';
import { printExpr } from '../promql/printer.js';
import type { EvalOptions } from '../promql/eval/evaluate.js';
import type { InstantVector } from '../promql/eval/values.js';
import type { MemoryStore } from '../series/memory-store.js';
import { alertSeriesSamples } from './alert-series.js';
import { AlertingRuleState, AlertLimitError, type AlertTransition, type TemplateExpander } from './alert-state.js';
import { alertTemplateExpander } from './alert-templates.js';
import { tableLinkForExpression, toNotifierAlert, type AlertSink } from './notifier-alert.js';
import { queryVector } from './query-vector.js';
import type { AlertingRule, RecordingRule, Rule, RuleGroup } from './rule.js';
import { RuleOutputWriter } from './rule-output-writer.js';

export const DUPLICATE_RECORD_LABELS = 'vector contains metrics with the same labelset after applying rule labels';

/** Prometheus's default `--rules.alert.resend-delay`. */
export const DEFAULT_RESEND_DELAY_MS = 60_000;

export interface GroupEvaluatorOptions extends EvalOptions {
  /** The interval of groups that set none (the global `evaluation_interval`). Default 1m. */
  defaultIntervalMs?: number;
  /** The `query_offset` of groups that set none (the global `rule_query_offset`). Default 0. */
  defaultQueryOffsetMs?: number;
  externalLabels?: Record<string, string>;
  /** Prefix of the alerts' `generatorURL` (Prometheus's `--web.external-url`). */
  externalURL?: string;
  /** How often firing and resolved alerts are sent again. Default 1m. */
  resendDelayMs?: number;
  /** Receives the alerts each alerting rule sends. */
  onAlerts?: AlertSink;
  /** See AlertUpdateOptions.deferAnnotations. Default false. */
  deferAnnotations?: boolean;
  /** Runs a rule's query; by default an instant query of the store (see batched-rule-query.ts). */
  ruleQuery?: RuleQuery;
}

export type RuleQuery = (rule: Rule, expr: Expr, timeMs: number) => InstantVector;

export interface RuleEvaluationError {
  rule: Rule;
  atMs: number;
  message: string;
}

export interface GroupStepResult {
  transitions: { rule: AlertingRule; transition: AlertTransition }[];
  errors: RuleEvaluationError[];
}

export class GroupEvaluator {
  readonly alertStates = new Map<Rule, AlertingRuleState>();
  readonly intervalMs: number;
  readonly queryOffsetMs: number;
  readonly limit: number;
  /** Each recording rule's output labels for the labels of a result. */
  private readonly recordLabels = new Map<Rule, (labels: Labels) => Labels>();
  private readonly writers = new Map<Rule, RuleOutputWriter>();
  private readonly externalLabels: Labels;
  private readonly generatorURLs = new Map<Rule, string>();

  constructor(
    readonly group: RuleGroup,
    private readonly store: MemoryStore,
    private readonly options: GroupEvaluatorOptions = {},
  ) {
    const groupLabels = group.labels ?? {};
    this.intervalMs = group.intervalMs ?? options.defaultIntervalMs ?? 60_000;
    this.queryOffsetMs = group.queryOffsetMs ?? options.defaultQueryOffsetMs ?? 0;
    this.limit = group.limit ?? 0;
    this.externalLabels = Labels.from(options.externalLabels ?? {});
    for (const rule of group.rules) {
      this.writers.set(rule, new RuleOutputWriter(store));
      if (rule.kind === 'record') {
        this.recordLabels.set(rule, recordedLabels(rule.name, Object.entries({ ...groupLabels, ...rule.labels })));
        continue;
      }
      this.alertStates.set(rule, new AlertingRuleState(rule, groupLabels));
      if (rule.expr) this.generatorURLs.set(rule, (options.externalURL ?? '') + tableLinkForExpression(printExpr(rule.expr)));
    }
  }

  /** Evaluates every rule of the group, in order, at `nowMs`. */
  evaluateAt(nowMs: number): GroupStepResult {
    const result: GroupStepResult = { transitions: [], errors: [] };
    const queryMs = nowMs - this.queryOffsetMs;
    for (const rule of this.group.rules) {
      if (!rule.expr) continue;
      try {
        const vector = this.options.ruleQuery ? this.options.ruleQuery(rule, rule.expr, queryMs) : queryVector(rule.expr, this.store, queryMs, this.options);
        const output = rule.kind === 'record' ? this.recorded(rule, vector) : this.alerted(rule, vector, nowMs, result);
        this.writers.get(rule)!.write(output, queryMs);
      } catch (e) {
        if (e instanceof AlertLimitError) for (const transition of e.dropped) result.transitions.push({ rule: rule as AlertingRule, transition });
        result.errors.push({ rule, atMs: nowMs, message: e instanceof Error ? e.message : String(e) });
      }
    }
    return result;
  }

  private recorded(rule: RecordingRule, vector: InstantVector): InstantVector {
    const seen = new Set<string>();
    const labelsOf = this.recordLabels.get(rule)!;
    const labelled = vector.map((sample) => {
      const labels = labelsOf(sample.labels);
      if (seen.has(labels.key())) throw new Error(DUPLICATE_RECORD_LABELS);
      seen.add(labels.key());
      return { labels, t: sample.t, v: sample.v };
    });
    if (this.limit > 0 && labelled.length > this.limit) throw new Error(`exceeded limit of ${this.limit} with ${labelled.length} series`);
    return labelled;
  }

  private alerted(rule: AlertingRule, vector: InstantVector, nowMs: number, result: GroupStepResult): InstantVector {
    const state = this.alertStates.get(rule)!;
    // Most evaluations expand no template: the expander is made on first use.
    let expander: TemplateExpander | undefined;
    const expand: TemplateExpander = (text, sampleLabels, value) => {
      expander ??= alertTemplateExpander({
        store: this.store,
        alertName: rule.name,
        timeMs: nowMs,
        externalLabels: this.externalLabels,
        externalURL: this.options.externalURL ?? '',
        evalOptions: this.options,
      });
      return expander(text, sampleLabels, value);
    };
    for (const transition of state.update(vector, nowMs, { expand, limit: this.limit, deferAnnotations: this.options.deferAnnotations })) result.transitions.push({ rule, transition });
    this.send(rule, state, nowMs);
    return alertSeriesSamples(state, nowMs - this.queryOffsetMs);
  }

  private send(rule: AlertingRule, state: AlertingRuleState, nowMs: number): void {
    const sink = this.options.onAlerts;
    const resendDelayMs = this.options.resendDelayMs ?? DEFAULT_RESEND_DELAY_MS;
    if (!sink) return void state.markAlertsSent(nowMs, resendDelayMs, this.intervalMs);
    const due = state.takeAlertsToSend(nowMs, resendDelayMs, this.intervalMs);
    if (due.length === 0) return;
    const url = this.generatorURLs.get(rule)!;
    sink(due.map((alert) => toNotifierAlert(alert, url, this.externalLabels)), { group: this.group, rule, atMs: nowMs });
  }
}

/**
 * The labels a recording rule gives a result: its name and the rule's labels set. The same
 * result labels give the same object every evaluation, which spares building and hashing them.
 */
function recordedLabels(name: string, ruleLabels: readonly [string, string][]): (labels: Labels) => Labels {
  const known = new WeakMap<Labels, Labels>();
  return (labels) => {
    let out = known.get(labels);
    if (out === undefined) {
      out = labels.with('__name__', name);
      for (const [label, value] of ruleLabels) out = out.with(label, value);
      known.set(labels, out);
    }
    return out;
  };
}
