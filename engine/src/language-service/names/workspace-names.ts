/**
 * The metric names, label names and label values the workspace knows: the series of unit tests and
 * promqltest scripts, what recording and alerting rules write, and what selectors and matchers
 * anywhere name. Facts are gathered per rule and per file and kept while those do not change.
 */
import { treeNodes } from '../../check/rule-nodes.js';
import type { Labels } from '../../labels/labels.js';
import type { Expr } from '../../promql/ast.js';
import type { Rule, RuleGroup } from '../../rules/rule.js';
import type { TextRange } from '../service-types.js';
import { SourceDocument } from '../documents/source-document.js';
import { AlertmanagerModel } from '../models/alertmanager-model.js';
import type { DocumentModel } from '../models/document-model.js';
import { PromqlScriptModel } from '../models/promql-script-model.js';
import { UnitTestModel } from '../models/unit-test-model.js';
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

/** What a name is to a series: its metric name, one of its label names, or a value of a label. */
export type NameRole = { kind: 'metric' } | { kind: 'labelName' } | { kind: 'labelValue'; label: string };

const METRIC = '__name__';
/** Names that every scalar style and expression writes as they are (no escapes). */
const PLAINLY_WRITTEN = /^[\w:.\-/ ]+$/;
const NAME_CHAR = /[\w:]/;
/** Stands in for the word being typed when the document is read without it; no real name looks like it. */
const STAND_IN = 'klaxon_word_being_typed_';

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

  /**
   * Whether the workspace names `name` in that role anywhere but at `range` of the document
   * `uri`: there, the user is typing it. The rule (or file) holding the range is read again with
   * the word replaced, the rest is taken as it is.
   */
  namedElsewhere(role: NameRole, name: string, uri: string, range: TextRange): boolean {
    if (!this.writtenElsewhere(name, uri, range.start)) return false;
    if (role.kind === 'labelValue' && role.label === METRIC) role = { kind: 'metric' };
    const names = (facts: readonly SeriesFact[]) => facts.some((fact) => factNames(fact, role, name));
    const model = this.workspace.model(uri);
    const typedIn = model?.kind === 'rules' ? model.entryAt(range.start)?.rule : model;
    for (const facts of this.factGroups(typedIn)) if (names(facts)) return true;
    return model !== undefined && names(this.factsWithStandIn(model, range));
  }

  /**
   * Whether any document has `name` as a whole word anywhere but at `start` of `uri`: when none
   * has, nothing else can name it, and the facts need no looking at. Names with characters that
   * may be written escaped are taken as written elsewhere.
   */
  private writtenElsewhere(name: string, uri: string, start: number): boolean {
    if (!PLAINLY_WRITTEN.test(name)) return true;
    for (const other of this.workspace.uris()) {
      const text = this.workspace.document(other)!.text;
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        if (other === uri && at === start) continue;
        if (!NAME_CHAR.test(text[at - 1] ?? '') && !NAME_CHAR.test(text[at + name.length] ?? '')) return true;
      }
    }
    return false;
  }

  /** The facts of every rule and file, a group each; without those of `left` (a rule or a document's model) when given. */
  private *factGroups(left?: Rule | DocumentModel): Generator<readonly SeriesFact[]> {
    for (const model of this.workspace.modelsOf('rules')) for (const { rule } of model.entries) if (rule !== left) yield this.factsOfRule(rule);
    for (const model of this.workspace.modelsOf('unit-test')) if (model !== left) yield this.factsOf(model, unitTestFacts);
    for (const model of this.workspace.modelsOf('promql-test')) if (model !== left) yield this.factsOf(model, scriptFacts);
    for (const model of this.workspace.modelsOf('alertmanager')) if (model !== left) yield this.factsOf(model, alertmanagerFacts);
  }

  /** The facts of the rule (or the file) holding `range`, read with the word there replaced by a stand-in. */
  private factsWithStandIn(model: DocumentModel, range: TextRange): SeriesFact[] {
    const { doc } = model;
    const edited = () => new SourceDocument(doc.uri, doc.version, doc.text.slice(0, range.start) + STAND_IN + doc.text.slice(range.end));
    switch (model.kind) {
      case 'rules': {
        const entry = model.entryAt(range.start);
        const rules = entry && model.readEntryWith(entry, range.start, range.end, STAND_IN);
        return (rules ?? []).flatMap(seriesFactsOf);
      }
      case 'unit-test':
        return unitTestFacts(new UnitTestModel(edited()));
      case 'promql-test':
        return scriptFacts(new PromqlScriptModel(edited()));
      case 'alertmanager':
        return alertmanagerFacts(new AlertmanagerModel(edited()));
      case 'template':
        return [];
    }
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
    for (const group of this.factGroups()) for (const fact of group) facts.push(fact);
    return facts;
  }

  private factsOfRule(rule: Rule): SeriesFact[] {
    let facts = this.ruleFacts.get(rule);
    if (!facts) {
      facts = seriesFactsOf(rule);
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

function factNames(fact: SeriesFact, role: NameRole, name: string): boolean {
  switch (role.kind) {
    case 'metric':
      return fact.metric === name;
    case 'labelName':
      return fact.labels.some(([label]) => label === name);
    case 'labelValue':
      return fact.labels.some(([label, value]) => label === role.label && value === name);
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

/** What a rule's expression reads and what it writes. */
function seriesFactsOf(rule: Rule): SeriesFact[] {
  return [...selectorFacts(rule.expr), ruleOutputFact(rule)];
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
