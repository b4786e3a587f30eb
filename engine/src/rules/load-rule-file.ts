/**
 * Loads a Prometheus rule file. Every problem is located by offsets into the file's text,
 * including those inside expressions embedded in YAML scalars.
 */
import type { Node, Scalar, YAMLMap } from 'yaml';
import { problem, type Problem } from '../errors.js';
import { inFile, type FileProblem } from '../file-problem.js';
import { parsePromQL } from '../promql/analyze.js';
import { tryParseDuration } from '../promql/duration.js';
import { entries, isMap, isScalar, isSeq, rangeOf, readYaml } from '../yaml/document.js';
import { relocateProblems, scalarOffsets } from '../yaml/scalar-offsets.js';
import type { Rule, RuleGroup } from './rule.js';

export interface LoadedRuleFile {
  file: string;
  groups: RuleGroup[];
  problems: FileProblem[];
}

const GROUP_KEYS = new Set(['name', 'interval', 'query_offset', 'limit', 'rules', 'labels']);
const RULE_KEYS = new Set(['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);

export function loadRuleFile(text: string, file: string): LoadedRuleFile {
  const { doc, problems } = readYaml(text);
  const out: Problem[] = [...problems];
  const groups: RuleGroup[] = [];
  const root = doc.contents as Node | null;
  if (root && !isMap(root)) out.push(problem('a rule file must be a mapping with a `groups` list', rangeOf(root), 'rules'));
  if (isMap(root)) {
    for (const { key, keyNode, value } of entries(root)) {
      if (key !== 'groups') out.push(problem(`unknown field "${key}" in rule file, expected "groups"`, rangeOf(keyNode), 'rules'));
      else if (isSeq(value)) for (const item of value.items) loadGroup(item as Node, text, groups, out);
      else if (value) out.push(problem('`groups` must be a list', rangeOf(value), 'rules'));
    }
  }
  return { file, groups, problems: out.map((p) => inFile(file, p)) };
}

function loadGroup(node: Node, text: string, groups: RuleGroup[], out: Problem[]): void {
  if (!isMap(node)) {
    out.push(problem('a rule group must be a mapping', rangeOf(node), 'rules'));
    return;
  }
  const group: RuleGroup = { name: '', intervalMs: undefined, rules: [], range: rangeOf(node) };
  for (const { key, keyNode, value } of entries(node)) {
    if (!GROUP_KEYS.has(key)) out.push(problem(`unknown field "${key}" in rule group`, rangeOf(keyNode), 'rules'));
    else if (key === 'name') group.name = scalarText(value);
    else if (key === 'interval') group.intervalMs = durationField(value, key, out);
    else if (key === 'rules' && isSeq(value)) for (const item of value.items) loadRule(item as Node, text, group.rules, out);
  }
  if (group.name === '') out.push(problem('rule group name must not be empty', group.range, 'rules'));
  else if (groups.some((g) => g.name === group.name)) out.push(problem(`groupname: "${group.name}" is repeated in the same file`, group.range, 'rules'));
  groups.push(group);
}

function loadRule(node: Node, text: string, rules: Rule[], out: Problem[]): void {
  if (!isMap(node)) {
    out.push(problem('a rule must be a mapping', rangeOf(node), 'rules'));
    return;
  }
  const fields = new Map(entries(node).map((e) => [e.key, e]));
  for (const { key, keyNode } of fields.values()) {
    if (!RULE_KEYS.has(key)) out.push(problem(`unknown field "${key}" in rule`, rangeOf(keyNode), 'rules'));
  }
  const range = rangeOf(node);
  const alert = fields.get('alert');
  const record = fields.get('record');
  if ((alert === undefined) === (record === undefined)) {
    out.push(problem('exactly one of "alert" and "record" must be set', range, 'rules'));
    return;
  }
  const exprNode = fields.get('expr')?.value;
  const { expr, exprText } = loadExpression(exprNode, text, range, out);
  const labels = stringMap(fields.get('labels')?.value, out);
  if (alert) {
    rules.push({
      kind: 'alert',
      name: scalarText(alert.value),
      expr,
      exprText,
      labels,
      range,
      forMs: durationField(fields.get('for')?.value, 'for', out) ?? 0,
      keepFiringForMs: durationField(fields.get('keep_firing_for')?.value, 'keep_firing_for', out) ?? 0,
      annotations: stringMap(fields.get('annotations')?.value, out),
    });
  } else {
    for (const key of ['for', 'keep_firing_for', 'annotations']) {
      const field = fields.get(key);
      if (field) out.push(problem(`invalid field '${key}' in recording rule`, rangeOf(field.keyNode), 'rules'));
    }
    rules.push({ kind: 'record', name: scalarText(record!.value), expr, exprText, labels, range });
  }
}

function loadExpression(node: Node | null | undefined, text: string, ruleRange: Rule['range'], out: Problem[]) {
  if (!isScalar(node) || scalarText(node).trim() === '') {
    out.push(problem('field "expr" must be set in rule', node ? rangeOf(node) : ruleRange, 'rules'));
    return { expr: undefined, exprText: '' };
  }
  const exprText = scalarText(node);
  const result = parsePromQL(exprText);
  out.push(...relocateProblems(result.problems, scalarOffsets(node as Scalar, text)));
  const fatal = result.problems.some((p) => p.severity === 'error');
  return { expr: fatal ? undefined : result.expr, exprText };
}

function scalarText(node: Node | null | undefined): string {
  return isScalar(node) && node.value !== null ? String(node.value) : '';
}

function durationField(node: Node | null | undefined, key: string, out: Problem[]): number | undefined {
  if (!node) return undefined;
  const parsed = tryParseDuration(scalarText(node));
  if (parsed.error !== undefined) {
    out.push(problem(`invalid duration in "${key}": ${parsed.error}`, rangeOf(node), 'rules'));
    return undefined;
  }
  return parsed.ms;
}

function stringMap(node: Node | null | undefined, out: Problem[]): Record<string, string> {
  const result: Record<string, string> = {};
  if (!node) return result;
  if (!isMap(node)) {
    out.push(problem('expected a mapping of names to strings', rangeOf(node), 'rules'));
    return result;
  }
  for (const { key, value } of entries(node as YAMLMap)) result[key] = scalarText(value);
  return result;
}
