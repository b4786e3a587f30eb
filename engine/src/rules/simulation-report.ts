/**
 * What a simulation says about each alert and each alerting rule: the timeline of every alert
 * (its transitions, in order), and per rule how often it fired, for how long, and how often an
 * alert fired again after it had resolved (a flap).
 */
import type { Labels } from '../labels/labels.js';
import type { AlertTransition } from './alert-state.js';
import type { AlertingRule, RuleGroup } from './rule.js';
import type { SimulationResult } from './simulate.js';

export interface AlertTimeline {
  group: RuleGroup;
  rule: AlertingRule;
  labels: Labels;
  transitions: AlertTransition[];
}

export interface RuleSummary {
  group: RuleGroup;
  rule: AlertingRule;
  /** Transitions to firing. */
  timesFired: number;
  /** Time spent firing, summed over the rule's alerts, up to the end of the simulation. */
  firingMs: number;
  /** Times an alert fired again after it had resolved. */
  flaps: number;
  /** Alerts that went pending and cleared before they fired. */
  pendingOnly: number;
  /** Alerts still firing when the simulation ended. */
  firingAtEnd: number;
  /** Evaluations of the rule that failed. */
  errors: number;
}

/** Every alert's transitions, alerts in the order they first went pending. */
export function alertTimelines(result: SimulationResult): AlertTimeline[] {
  const byAlert = new Map<string, AlertTimeline>();
  const ruleIds = new Map<AlertingRule, number>();
  for (const { group, rule, transition } of result.transitions) {
    if (!ruleIds.has(rule)) ruleIds.set(rule, ruleIds.size);
    const key = `${ruleIds.get(rule)}\xff${transition.labels.key()}`;
    let timeline = byAlert.get(key);
    if (!timeline) byAlert.set(key, (timeline = { group, rule, labels: transition.labels, transitions: [] }));
    timeline.transitions.push(transition);
  }
  return [...byAlert.values()];
}

/** One summary per alerting rule of `groups`, in file order; `endMs` closes alerts still firing. */
export function summarizeRules(groups: readonly RuleGroup[], result: SimulationResult, endMs: number): RuleSummary[] {
  const summaries = new Map<AlertingRule, RuleSummary>();
  for (const group of groups) {
    for (const rule of group.rules) {
      if (rule.kind === 'alert') summaries.set(rule, { group, rule, timesFired: 0, firingMs: 0, flaps: 0, pendingOnly: 0, firingAtEnd: 0, errors: 0 });
    }
  }
  for (const timeline of alertTimelines(result)) {
    const summary = summaries.get(timeline.rule);
    if (summary) addTimeline(summary, timeline.transitions, endMs);
  }
  for (const error of result.errors) {
    const summary = summaries.get(error.rule as AlertingRule);
    if (summary) summary.errors++;
  }
  return [...summaries.values()];
}

function addTimeline(summary: RuleSummary, transitions: readonly AlertTransition[], endMs: number): void {
  let firedSinceMs: number | undefined;
  let fired = 0;
  for (const t of transitions) {
    if (t.to === 'firing') {
      fired++;
      firedSinceMs = t.atMs;
    } else if (t.from === 'firing' && firedSinceMs !== undefined) {
      summary.firingMs += t.atMs - firedSinceMs;
      firedSinceMs = undefined;
    } else if (t.from === 'pending' && t.to === 'inactive') summary.pendingOnly++;
  }
  if (firedSinceMs !== undefined) {
    summary.firingMs += endMs - firedSinceMs;
    summary.firingAtEnd++;
  }
  summary.timesFired += fired;
  summary.flaps += Math.max(0, fired - 1);
}
