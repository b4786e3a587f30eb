/**
 * The metric names, label names and label values the workspace knows: the series of unit tests and
 * promqltest scripts, what recording and alerting rules write, and what selectors and matchers
 * anywhere name. Facts are gathered per rule and per file and kept while those do not change.
 */
import { treeNodes } from '../../check/rule-nodes.js';
import type { Labels } from '../../labels/labels.js';
import type { Expr } from '../../promql/ast.js';
import type { Rule, RuleGroup } from '../../rules/rule.js';
import type { AlertmanagerModel } from '../models/alertmanager-model.js';
import type { PromqlScriptModel } from '../models/promql-script-model.js';
import type { UnitTestModel } from '../models/unit-test-model.js';
import type { Workspace } from '../workspace.js';

/** A series (or a selector's idea of one): its metric name and labels; a value is unknown for regex matchers. */
export interface SeriesFact {
  metric?: string;
  labels: readonly (readonly [string, string | undefined])[];
}

export interface RuleDefinition {
  uri: string;
  rule: Rule;
  group: RuleGroup;
}

const METRIC = '__name__';

export class WorkspaceNames {
  private readonly ruleFacts = new WeakMap<Rule, SeriesFact[]>();
  private readonly fileFacts = new WeakMap<object, SeriesFact[]>();
  /** The facts of the current generation, and the answers already given from them. */
  private cache: { generation: number; facts: SeriesFact[]; answers: Map<string, string[]> } | undefined;

  constructor(private readonly workspace: Workspace) {}

  /** In no particular order. */
  metricNames(): string[] {
    return this.answer('metrics', (facts) => {
      const names = new Set<string>();
      for (const fact of facts) if (fact.metric) names.add(fact.metric);
      return names;
    });
  }

  /** The label names seen with the metric, or all when none are known for it. */
  labelNames(metric?: string): string[] {
    const forMetric = (m: string | undefined) =>
      this.answer(`labels\u0000${m ?? ''}`, (facts) => {
        const names = new Set<string>();
        for (const fact of facts) if (m === undefined || fact.metric === m) for (const [name] of fact.labels) names.add(name);
        return names;
      });
    const known = metric ? forMetric(metric) : [];
    return known.length > 0 ? known : forMetric(undefined);
  }

  /** The values seen for the label with the metric, or with any metric when none are known for it. */
  labelValues(label: string, metric?: string): string[] {
    if (label === METRIC) return this.metricNames();
    const forMetric = (m: string | undefined) =>
      this.answer(`values\u0000${label}\u0000${m ?? ''}`, (facts) => {
        const values = new Set<string>();
        for (const fact of facts) {
          if (m !== undefined && fact.metric !== m) continue;
          for (const [name, value] of fact.labels) if (name === label && value !== undefined) values.add(value);
        }
        return values;
      });
    const known = metric ? forMetric(metric) : [];
    return known.length > 0 ? known : forMetric(undefined);
  }

  /** Recording or alerting rules of every rule file, by name. */
  rulesNamed(name: string, kind: Rule['kind']): RuleDefinition[] {
    const found: RuleDefinition[] = [];
    for (const model of this.workspace.modelsOf('rules')) {
      for (const { rule, group } of model.entries) if (rule.kind === kind && rule.name === name) found.push({ uri: model.doc.uri, rule, group });
    }
    return found;
  }

  /** The names of the alerting rules of every rule file. */
  alertNames(): string[] {
    const names = new Set<string>();
    for (const model of this.workspace.modelsOf('rules')) for (const { rule } of model.entries) if (rule.kind === 'alert') names.add(rule.name);
    return [...names].sort();
  }

  private answer(key: string, compute: (facts: readonly SeriesFact[]) => Set<string>): string[] {
    const generation = this.workspace.generation;
    if (this.cache?.generation !== generation) this.cache = { generation, facts: this.gatherFacts(), answers: new Map() };
    let answer = this.cache.answers.get(key);
    if (!answer) {
      answer = [...compute(this.cache.facts)];
      this.cache.answers.set(key, answer);
    }
    return answer;
  }

  private gatherFacts(): SeriesFact[] {
    const facts: SeriesFact[] = [];
    const add = (list: readonly SeriesFact[]) => {
      for (const fact of list) facts.push(fact);
    };
    for (const model of this.workspace.modelsOf('rules')) for (const { rule } of model.entries) add(this.factsOfRule(rule));
    for (const model of this.workspace.modelsOf('unit-test')) add(this.factsOf(model, unitTestFacts));
    for (const model of this.workspace.modelsOf('promql-test')) add(this.factsOf(model, scriptFacts));
    for (const model of this.workspace.modelsOf('alertmanager')) add(this.factsOf(model, alertmanagerFacts));
    return facts;
  }

  private factsOfRule(rule: Rule): SeriesFact[] {
    let facts = this.ruleFacts.get(rule);
    if (!facts) {
      facts = [...selectorFacts(rule.expr), ruleOutputFact(rule)];
      this.ruleFacts.set(rule, facts);
    }
    return facts;
  }

  private factsOf<M extends object>(model: M, gather: (model: M) => SeriesFact[]): SeriesFact[] {
    let facts = this.fileFacts.get(model);
    if (!facts) {
      facts = gather(model);
      this.fileFacts.set(model, facts);
    }
    return facts;
  }
}

/** What each selector of an expression says about the series it reads. */
export function selectorFacts(expr: Expr | undefined): SeriesFact[] {
  if (!expr) return [];
  const facts: SeriesFact[] = [];
  for (const node of treeNodes(expr)) {
    if (node.kind !== 'VectorSelector') continue;
    const metric = node.name || node.matchers.find((m) => m.name === METRIC && m.type === '=')?.value;
    const labels = node.matchers.filter((m) => m.name !== METRIC).map((m) => [m.name, m.type === '=' ? m.value : undefined] as const);
    facts.push({ ...(metric && { metric }), labels });
  }
  return facts;
}

function ruleOutputFact(rule: Rule): SeriesFact {
  const labels = Object.entries(rule.labels);
  return rule.kind === 'record' ? { metric: rule.name, labels } : { metric: 'ALERTS', labels: [['alertname', rule.name], ...labels] };
}

function labelsFact(labels: Labels): SeriesFact {
  const pairs = [...labels].filter(([name]) => name !== METRIC);
  const metric = labels.get(METRIC);
  return { ...(metric && { metric }), labels: pairs };
}

function unitTestFacts(model: UnitTestModel): SeriesFact[] {
  const facts: SeriesFact[] = [];
  for (const test of model.file.tests) {
    for (const series of test.inputSeries) facts.push(labelsFact(series.labels));
    for (const exprTest of test.exprTests) {
      facts.push(...selectorFacts(exprTest.expr));
      for (const sample of exprTest.expected ?? []) facts.push(labelsFact(sample.labels));
    }
    for (const alertTest of test.alertTests) {
      for (const alert of alertTest.expected) facts.push({ metric: 'ALERTS', labels: alert.labels });
    }
  }
  return facts;
}

function scriptFacts(model: PromqlScriptModel): SeriesFact[] {
  return model.script.commands.flatMap((command) => (command.kind === 'load' ? command.series.map((s) => labelsFact(s.labels)) : []));
}

function alertmanagerFacts(model: AlertmanagerModel): SeriesFact[] {
  const config = model.loaded.config;
  if (!config) return [];
  const facts: SeriesFact[] = [];
  const visit = (route: typeof config.route) => {
    facts.push({ labels: route.matchers.map((m) => [m.name, m.type === '=' ? m.value : undefined] as const) });
    facts.push({ labels: (route.groupBy ?? []).map((name) => [name, undefined] as const) });
    route.routes.forEach(visit);
  };
  visit(config.route);
  for (const rule of config.inhibitRules) {
    facts.push({ labels: [...rule.sourceMatchers, ...rule.targetMatchers].map((m) => [m.name, m.type === '=' ? m.value : undefined] as const) });
  }
  return facts;
}
