/**
 * Loads a Prometheus rule file with the validation of Prometheus's rulefmt package: the fields a
 * group and a rule may have, the types yaml.v3 accepts for them, alert-or-record, expression
 * syntax, metric and label names, fields that recording rules may not set, and duplicate group
 * names. Every problem is located in the file, inside embedded expressions too. Never throws.
 */
import { hasError, problem, type Problem } from '../errors.js';
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

type RuleFields = Record<(typeof RULE_FIELDS)[number], YamlField | undefined>;

export function loadRuleFile(text: string, file: string, options: RuleFileOptions = {}): LoadedRuleFile {
  const problems: Problem[] = [];
  const groups: RuleGroup[] = [];
  try {
    const tree = options.tree ?? readYamlTree(text, 'yaml.v3');
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
    const list = this.read.fieldRecord(map, FILE_FIELDS, 'a rule file').groups;
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
    const fields = this.read.fieldRecord(map, GROUP_FIELDS, 'a rule group');
    const nameField = fields.name;
    const group: RuleGroup = {
      name: nameField ? this.read.string(nameField.value, 'the group name') : '',
      intervalMs: this.duration(fields.interval, '`interval`'),
      rules: [],
      range: map.range,
      positions: {},
    };
    if (nameField) group.positions!.name = nameField.value.range;
    if (group.name === '' && nameField?.value.kind !== 'map' && nameField?.value.kind !== 'seq') {
      this.error('group name must not be empty', nameField?.value.range ?? firstKeyRange(map.pairs, map.range));
    }
    const interval = fields.interval;
    if (interval) group.positions!.interval = interval.value.range;
    const queryOffsetMs = this.duration(fields.query_offset, '`query_offset`');
    if (queryOffsetMs !== undefined) group.queryOffsetMs = queryOffsetMs;
    const limit = fields.limit;
    const limitValue = limit ? this.read.int(limit.value, '`limit`') : undefined;
    if (limitValue !== undefined) group.limit = limitValue;
    const labels = fields.labels;
    if (labels) {
      group.labels = {};
      this.stringFields(labels.value, 'the group labels', 'label', group.labels);
    }
    const rules = fields.rules;
    if (rules) {
      const items = this.read.list(rules.value, '`rules`');
      for (let i = 0; i < items.length; i++) {
        const rule = this.loadRule(items[i]!);
        if (rule) group.rules.push(rule);
      }
    }
    return group;
  }

  private loadRule(node: YamlNode): Rule | undefined {
    const map = this.read.mapping(node, 'a rule');
    if (!map) return undefined;
    const fields = this.read.fieldRecord(map, RULE_FIELDS, 'a rule');
    const alert = this.stringField(fields.alert, 'the alert name');
    const record = this.stringField(fields.record, 'the record name');
    const nameNode = (record !== '' ? fields.record : fields.alert)?.value;
    if (alert !== '' && record !== '') {
      this.error("only one of 'record' and 'alert' must be set", fields.record!.key.range);
    } else if (alert === '' && record === '') {
      this.error("one of 'record' or 'alert' must be set", firstKeyRange(map.pairs, map.range));
    }
    const exprField = fields.expr;
    const analyzed = this.analyze(map.range.start);
    const exprText = exprField ? this.read.string(exprField.value, '`expr`') : '';
    const expr = this.expression(exprField, exprText, firstKeyRange(map.pairs, map.range), analyzed);
    const labels: Record<string, string> = {};
    const positions: RulePositions = { name: nameNode?.range ?? firstKeyRange(map.pairs, map.range), labels: {}, annotations: {} };
    this.stringFields(fields.labels?.value, 'the rule labels', 'label', labels, positions.labels);
    if (exprField?.value.kind === 'scalar') positions.expr = span(exprField.value);

    const forField = fields.for;
    const forMs = this.duration(forField, '`for`') ?? 0;
    const keepFiringForMs = this.duration(fields.keep_firing_for, '`keep_firing_for`') ?? 0;
    const annotations: Record<string, string> = {};
    const annotationCount = this.stringFields(fields.annotations?.value, 'the annotations', 'annotation', annotations, positions.annotations);
    if (forField) positions.for = forField.value.range;

    if (record !== '') this.checkRecordingRule(record, fields, { forMs, keepFiringForMs, annotationCount }, positions.name);
    if (alert !== '' && record !== '') return undefined;
    if (alert !== '') {
      const rule: AlertingRule = { kind: 'alert', name: alert, expr, exprText, labels, range: map.range, positions, forMs, keepFiringForMs, annotations };
      if (analyzed) this.problems.push(...checkRuleTemplates(rule, this.text, this.templates));
      return rule;
    }
    if (record !== '') {
      const rule: RecordingRule = { kind: 'record', name: record, expr, exprText, labels, range: map.range, positions };
      return rule;
    }
    return undefined;
  }

  /** What rulefmt checks whenever `record` is set. */
  private checkRecordingRule(
    record: string,
    fields: RuleFields,
    set: { forMs: number; keepFiringForMs: number; annotationCount: number },
    nameRange: TextRange,
  ): void {
    if (set.annotationCount > 0) this.error("invalid field 'annotations' in recording rule", fields.annotations!.key.range);
    if (set.forMs !== 0) this.error("invalid field 'for' in recording rule", fields.for!.key.range);
    if (set.keepFiringForMs !== 0) this.error("invalid field 'keep_firing_for' in recording rule", fields.keep_firing_for!.key.range);
    if (!isValidMetricName(record, this.names)) this.error(`invalid recording rule name: ${record}`, nameRange);
    if (this.names === 'utf8' && /[{}]/.test(record)) {
      this.error(`braces present in the recording rule name; should it be in expr?: ${record}`, nameRange);
    }
  }

  /** The tree of the expression `exprText` read from `field`; `missingAt` is where a missing `expr` is reported. */
  private expression(field: YamlField | undefined, exprText: string, missingAt: TextRange, analyzed: boolean): Rule['expr'] {
    if (exprText === '') {
      if (field?.value.kind !== 'map' && field?.value.kind !== 'seq') {
        this.error("field 'expr' must be set in rule", field?.value.range ?? missingAt);
      }
      return undefined;
    }
    if (!analyzed) return undefined;
    const result = this.parseExpression(exprText);
    if (result.problems.length > 0) {
      const node = field!.value as YamlScalar;
      this.problems.push(...relocateProblems(result.problems, scalarOffsets({ type: node.style, range: [node.range.start, node.range.end], value: exprText, source: exprText }, this.text)));
    }
    return hasError(result.problems) ? undefined : result.expr;
  }

  /**
   * Fills `values` (and `positions`) with the labels or annotations whose key and value decoded as
   * strings, and returns how many there were; the others are reported and left out, and so is
   * every invalid name (or label value).
   */
  private stringFields(node: YamlNode | undefined, what: string, kind: 'label' | 'annotation', values: Record<string, string>, positions?: RulePositions['labels']): number {
    if (!node) return 0;
    let count = 0;
    const pairs = this.read.stringPairs(node, what);
    for (let i = 0; i < pairs.length; i++) {
      const { key, value: scalar } = pairs[i]!;
      if (key.kind !== 'scalar' || scalar.kind !== 'scalar') continue;
      const name = this.read.string(key, '');
      const value = this.read.string(scalar, '');
      if (kind === 'label') {
        if (!isValidLabelName(name, this.names) || name === '__name__') this.error(`invalid label name: ${name}`, key.range);
        if (!isValidLabelValue(value)) this.error(`invalid label value: ${value}`, scalar.range);
      } else if (!isValidLabelName(name, this.names)) {
        this.error(`invalid annotation name: ${name}`, key.range);
      }
      values[name] = value;
      if (positions) positions[name] = { key: key.range, value: span(scalar) };
      count++;
    }
    return count;
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
