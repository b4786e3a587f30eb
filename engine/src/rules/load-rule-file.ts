/**
 * Loads a Prometheus rule file with the validation of Prometheus's rulefmt package: the fields a
 * group and a rule may have, the types yaml.v3 accepts for them, alert-or-record, expression
 * syntax, metric and label names, fields that recording rules may not set, and duplicate group
 * names. Every problem is located in the file, inside embedded expressions too. Never throws.
 */
import { problem, type Problem } from '../errors.js';
import { inFile, type FileProblem } from '../file-problem.js';
import { isValidLabelName, isValidLabelValue, isValidMetricName, type NameValidation } from '../labels/name-validation.js';
import { parsePromQL, type AnalyzedExpr } from '../promql/analyze.js';
import type { TextRange } from '../promql/ast.js';
import { GoValueReader, type YamlField } from '../yaml/go-values.js';
import { readYamlTree, type YamlTree } from '../yaml/read-tree.js';
import { relocateProblems, scalarOffsets } from '../yaml/scalar-offsets.js';
import type { YamlNode, YamlScalar } from '../yaml/tree.js';
import type { AlertingRule, RecordingRule, Rule, RuleGroup, RulePositions, ScalarSpan } from './rule.js';
import { alertTemplateParses, type TemplateSyntaxCheck } from './alert-template-parse.js';
import { checkRuleTemplates } from './rule-templates.js';

export interface LoadedRuleFile {
  file: string;
  groups: RuleGroup[];
  /** Sorted by position in the file. */
  problems: FileProblem[];
}

export interface RuleFileOptions {
  /** Which metric and label names are valid; `utf8` (Prometheus 3, the default) or `legacy` (Prometheus 2). */
  nameValidation?: NameValidation;
  /** Tells whether a label or annotation template parses; callers that look at templates again may pass a memoizing one. */
  templateParses?: TemplateSyntaxCheck;
  /**
   * Parses and type-checks an expression (parseRuleExpression by default). Callers may pass a
   * memoizing one; rules with the same expression text then share one tree.
   */
  parseExpression?: (text: string) => AnalyzedExpr;
  /**
   * Whether to parse the expression and templates of the rule whose mapping starts at
   * `ruleStart`; default all. Checks split across threads give each thread a share of the rules.
   */
  analyzeRule?: (ruleStart: number) => boolean;
  /** The file's YAML, when the caller has read it already. */
  tree?: YamlTree;
}

/** The fields of a rule file's top-level mapping. */
export const FILE_FIELDS = ['groups'] as const;
/** The fields of each item of `groups`. */
export const GROUP_FIELDS = ['name', 'interval', 'query_offset', 'limit', 'rules', 'labels'] as const;
/** The fields of each item of a group's `rules`. */
export const RULE_FIELDS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'] as const;
const SOURCE = 'rules';

export function loadRuleFile(text: string, file: string, options: RuleFileOptions = {}): LoadedRuleFile {
  const problems: Problem[] = [];
  const groups: RuleGroup[] = [];
  try {
    const tree = options.tree ?? readYamlTree(text);
    problems.push(...tree.problems);
    if (!tree.problems.some((p) => p.severity === 'error') && tree.root) newLoader(text, problems, options).load(tree.root, groups);
  } catch (e) {
    problems.push(problem(`internal error while loading the rule file: ${e instanceof Error ? e.message : String(e)}`, { start: 0, end: Math.min(1, text.length) }, SOURCE));
  }
  return located(file, text, groups, problems);
}

/**
 * Loading a rule file a group at a time, for callers that read its YAML a group at a time:
 * `group` loads the next item of the file's `groups` list; `finish` gives what loadRuleFile gives
 * for a file of `groups:` and those items. Throws where loadRuleFile reports an internal error.
 */
export interface GroupByGroupLoader {
  group(node: YamlNode): RuleGroup | undefined;
  finish(): LoadedRuleFile;
}

export function loadGroupByGroup(text: string, file: string, options: RuleFileOptions = {}): GroupByGroupLoader {
  const problems: Problem[] = [];
  const groups: RuleGroup[] = [];
  const loader = newLoader(text, problems, options);
  return {
    group: (node) => loader.addGroup(node, groups),
    finish: () => located(file, text, groups, problems),
  };
}

function newLoader(text: string, problems: Problem[], options: RuleFileOptions): RuleFileLoader {
  return new RuleFileLoader(
    text,
    problems,
    options.nameValidation ?? 'utf8',
    options.templateParses ?? alertTemplateParses,
    options.analyzeRule ?? (() => true),
    options.parseExpression ?? parseRuleExpression,
  );
}

/** The problems in the file, sorted by position. */
function located(file: string, text: string, groups: RuleGroup[], problems: Problem[]): LoadedRuleFile {
  const inThisFile = problems.map((p) => inFile(file, clamp(p, text.length)));
  inThisFile.sort((a, b) => a.range.start - b.range.start);
  return { file, groups, problems: inThisFile };
}

/** A rule's expression as the loader reads it: experimental syntax is a warning. */
export function parseRuleExpression(text: string): AnalyzedExpr {
  return parsePromQL(text, { experimental: 'warning' });
}

function clamp(p: Problem, length: number): Problem {
  const start = Math.max(0, Math.min(p.range.start, length));
  const end = Math.max(start, Math.min(p.range.end, length));
  return start === p.range.start && end === p.range.end ? p : { ...p, range: { start, end } };
}

class RuleFileLoader {
  private readonly read: GoValueReader;
  private readonly groupNames = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly problems: Problem[],
    private readonly names: NameValidation,
    private readonly templates: TemplateSyntaxCheck,
    private readonly analyze: (ruleStart: number) => boolean,
    private readonly parseExpression: (text: string) => AnalyzedExpr,
  ) {
    this.read = new GoValueReader(text, problems, SOURCE);
  }

  load(root: YamlNode, groups: RuleGroup[]): void {
    const map = this.read.mapping(root, 'a rule file');
    if (!map) return;
    const fields = this.read.fields(map, FILE_FIELDS, 'a rule file');
    const list = fields.get('groups');
    if (!list) return;
    for (const node of this.read.list(list.value, '`groups`')) this.addGroup(node, groups);
  }

  /** Loads the group at `node`, after those before it in the file; adds it to `groups`. */
  addGroup(node: YamlNode, groups: RuleGroup[]): RuleGroup | undefined {
    const group = this.loadGroup(node);
    if (!group) return undefined;
    if (this.groupNames.has(group.name) && group.name !== '') {
      this.error(`groupname: "${group.name}" is repeated in the same file`, group.positions?.name ?? group.range);
    }
    this.groupNames.add(group.name);
    groups.push(group);
    return group;
  }

  private loadGroup(node: YamlNode): RuleGroup | undefined {
    const map = this.read.mapping(node, 'a rule group');
    if (!map) return undefined;
    const fields = this.read.fields(map, GROUP_FIELDS, 'a rule group');
    const nameField = fields.get('name');
    const group: RuleGroup = {
      name: nameField ? this.read.string(nameField.value, 'the group name') : '',
      intervalMs: this.duration(fields.get('interval'), '`interval`'),
      rules: [],
      range: map.range,
      positions: {},
    };
    if (nameField) group.positions!.name = nameField.value.range;
    if (group.name === '' && nameField?.value.kind !== 'map' && nameField?.value.kind !== 'seq') {
      this.error('group name must not be empty', nameField?.value.range ?? firstKeyRange(map.pairs, map.range));
    }
    const interval = fields.get('interval');
    if (interval) group.positions!.interval = interval.value.range;
    const queryOffsetMs = this.duration(fields.get('query_offset'), '`query_offset`');
    if (queryOffsetMs !== undefined) group.queryOffsetMs = queryOffsetMs;
    const limit = fields.get('limit');
    const limitValue = limit ? this.read.int(limit.value, '`limit`') : undefined;
    if (limitValue !== undefined) group.limit = limitValue;
    const labels = fields.get('labels');
    if (labels) group.labels = this.labels(labels.value, 'the group labels').values;
    const rules = fields.get('rules');
    if (rules) {
      for (const item of this.read.list(rules.value, '`rules`')) {
        const rule = this.loadRule(item);
        if (rule) group.rules.push(rule);
      }
    }
    return group;
  }

  private loadRule(node: YamlNode): Rule | undefined {
    const map = this.read.mapping(node, 'a rule');
    if (!map) return undefined;
    const fields = this.read.fields(map, RULE_FIELDS, 'a rule');
    const alert = this.stringField(fields.get('alert'), 'the alert name');
    const record = this.stringField(fields.get('record'), 'the record name');
    const nameNode = (record !== '' ? fields.get('record') : fields.get('alert'))?.value;
    if (alert !== '' && record !== '') {
      this.error("only one of 'record' and 'alert' must be set", fields.get('record')!.key.range);
    } else if (alert === '' && record === '') {
      this.error("one of 'record' or 'alert' must be set", firstKeyRange(map.pairs, map.range));
    }
    const exprField = fields.get('expr');
    const analyzed = this.analyze(map.range.start);
    const { expr, exprText } = this.expression(exprField, firstKeyRange(map.pairs, map.range), analyzed);
    const labels = this.labels(fields.get('labels')?.value, 'the rule labels');
    const positions: RulePositions = { name: nameNode?.range ?? firstKeyRange(map.pairs, map.range), labels: labels.positions, annotations: {} };
    if (exprField?.value.kind === 'scalar') positions.expr = span(exprField.value);

    const forField = fields.get('for');
    const forMs = this.duration(forField, '`for`') ?? 0;
    const keepFiringForMs = this.duration(fields.get('keep_firing_for'), '`keep_firing_for`') ?? 0;
    const annotations = this.annotations(fields.get('annotations')?.value);
    positions.annotations = annotations.positions;
    if (forField) positions.for = forField.value.range;

    if (record !== '') this.checkRecordingRule(record, fields, { forMs, keepFiringForMs, annotationCount: annotations.count }, positions.name);
    if (alert !== '' && record !== '') return undefined;
    if (alert !== '') {
      const rule: AlertingRule = { kind: 'alert', name: alert, expr, exprText, labels: labels.values, range: map.range, positions, forMs, keepFiringForMs, annotations: annotations.values };
      if (analyzed) this.problems.push(...checkRuleTemplates(rule, this.text, this.templates));
      return rule;
    }
    if (record !== '') {
      const rule: RecordingRule = { kind: 'record', name: record, expr, exprText, labels: labels.values, range: map.range, positions };
      return rule;
    }
    return undefined;
  }

  /** What rulefmt checks whenever `record` is set. */
  private checkRecordingRule(
    record: string,
    fields: Map<string, YamlField>,
    set: { forMs: number; keepFiringForMs: number; annotationCount: number },
    nameRange: TextRange,
  ): void {
    if (set.annotationCount > 0) this.error("invalid field 'annotations' in recording rule", fields.get('annotations')!.key.range);
    if (set.forMs !== 0) this.error("invalid field 'for' in recording rule", fields.get('for')!.key.range);
    if (set.keepFiringForMs !== 0) this.error("invalid field 'keep_firing_for' in recording rule", fields.get('keep_firing_for')!.key.range);
    if (!isValidMetricName(record, this.names)) this.error(`invalid recording rule name: ${record}`, nameRange);
    if (this.names === 'utf8' && /[{}]/.test(record)) {
      this.error(`braces present in the recording rule name; should it be in expr?: ${record}`, nameRange);
    }
  }

  /** `missingAt` is where a missing `expr` is reported. */
  private expression(field: YamlField | undefined, missingAt: TextRange, analyzed: boolean): { expr: Rule['expr']; exprText: string } {
    const exprText = field ? this.read.string(field.value, '`expr`') : '';
    if (exprText === '') {
      if (field?.value.kind !== 'map' && field?.value.kind !== 'seq') {
        this.error("field 'expr' must be set in rule", field?.value.range ?? missingAt);
      }
      return { expr: undefined, exprText };
    }
    if (!analyzed) return { expr: undefined, exprText };
    const result = this.parseExpression(exprText);
    if (result.problems.length > 0) {
      const node = field!.value as YamlScalar;
      this.problems.push(...relocateProblems(result.problems, scalarOffsets({ type: node.style, range: [node.range.start, node.range.end], value: exprText, source: exprText }, this.text)));
    }
    const fatal = result.problems.some((p) => p.severity === 'error');
    return { expr: fatal ? undefined : result.expr, exprText };
  }

  private labels(node: YamlNode | undefined, what: string) {
    const values: Record<string, string> = {};
    const positions: RulePositions['labels'] = {};
    if (!node) return { values, positions };
    for (const { name, value, key, scalar } of this.stringEntries(node, what)) {
      if (!isValidLabelName(name, this.names) || name === '__name__') this.error(`invalid label name: ${name}`, key.range);
      if (!isValidLabelValue(value)) this.error(`invalid label value: ${value}`, scalar.range);
      values[name] = value;
      positions[name] = { key: key.range, value: span(scalar) };
    }
    return { values, positions };
  }

  private annotations(node: YamlNode | undefined) {
    const values: Record<string, string> = {};
    const positions: RulePositions['annotations'] = {};
    if (!node) return { values, positions, count: 0 };
    const entries = this.stringEntries(node, 'the annotations');
    for (const { name, value, key, scalar } of entries) {
      if (!isValidLabelName(name, this.names)) this.error(`invalid annotation name: ${name}`, key.range);
      values[name] = value;
      positions[name] = { key: key.range, value: span(scalar) };
    }
    return { values, positions, count: entries.length };
  }

  /** The entries of a map of strings (labels, annotations) whose key and value decoded as strings; the others are reported and left out. */
  private stringEntries(node: YamlNode, what: string): { name: string; value: string; key: YamlScalar; scalar: YamlScalar }[] {
    const entries: { name: string; value: string; key: YamlScalar; scalar: YamlScalar }[] = [];
    for (const { name, value, field } of this.read.stringMap(node, what)) {
      if (field.key.kind === 'scalar' && field.value.kind === 'scalar') entries.push({ name, value, key: field.key, scalar: field.value });
    }
    return entries;
  }

  private stringField(field: YamlField | undefined, what: string): string {
    return field ? this.read.string(field.value, what) : '';
  }

  /** `what` names the field as its key does. */
  private duration(field: YamlField | undefined, what: string): number | undefined {
    return field ? this.read.duration(field.value, what) : undefined;
  }

  private error(message: string, range: TextRange): void {
    this.problems.push(problem(message, range, SOURCE));
  }
}

function span(node: YamlScalar): ScalarSpan {
  return { style: node.style, range: node.range };
}

function firstKeyRange(pairs: readonly { key: YamlNode }[], fallback: TextRange): TextRange {
  return pairs[0]?.key.range ?? { start: fallback.start, end: fallback.start + 1 };
}
