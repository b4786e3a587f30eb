/**
 * Re-reading one rule after an edit inside its segment, without reading the rest of the file.
 * The segment is read in a stand-in document: a `groups:` / `- rules:` head with the real
 * indentation of the `rules:` key, blank lines up to the segment's line, then the segment. Blank
 * lines keep line numbers in messages right; every offset found is then moved by one constant to
 * its place in the file. The result is taken only when the stand-in reads as nothing but rules of
 * that list; otherwise the caller reads the whole file.
 */
import type { Problem } from '../../../errors.js';
import type { Rule } from '../../../rules/rule.js';
import { loadRuleFile, type RuleFileOptions } from '../../../rules/load-rule-file.js';
import { readYamlTree } from '../../../yaml/read-tree.js';
import type { YamlNode } from '../../../yaml/tree.js';
import { ruleSegment, type RuleSegment } from './rule-segments.js';
import { shiftProblems, shiftRule } from './shift-positions.js';

export interface SplicedRule {
  rule: Rule;
  segment: RuleSegment;
  problems: Problem[];
}

export interface SpliceInput {
  uri: string;
  /** The whole new text. */
  text: string;
  /** The segment's extent in the new text. */
  start: number;
  end: number;
  /** Lines before the segment. */
  lineNumber: number;
  dashColumn: number;
  rulesKeyColumn: number;
  options: RuleFileOptions;
}

/** Anchors and aliases tie parts of a file together; segments with them are never read alone. */
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,])[&*][^\s,\]}]/;

export function hasAnchorOrAlias(segmentText: string): boolean {
  return ANCHOR_OR_ALIAS.test(segmentText);
}

/**
 * What reading a segment gave: its rules, placed in the file; or, when the segment is not valid
 * YAML, the YAML problems (the other rules stay as they were: the editor keeps them while one is
 * half typed, even where the whole file, read as one, would let an unclosed quote run on into
 * the rules below); or undefined when it must be read in the whole file.
 */
export type SegmentReading = { rules: SplicedRule[] } | { yamlProblems: Problem[] } | undefined;

export function readSegment(input: SpliceInput): SegmentReading {
  const segmentText = input.text.slice(input.start, input.end);
  if (input.lineNumber < 2 || input.rulesKeyColumn < 2 || hasAnchorOrAlias(segmentText)) return undefined;
  const head = `groups:\n${' '.repeat(input.rulesKeyColumn - 2)}- rules:\n`;
  const standIn = head + '\n'.repeat(input.lineNumber - 2) + segmentText;
  const standInStart = standIn.length - segmentText.length;
  const tree = readYamlTree(standIn, 'yaml.v3');
  const delta = input.start - standInStart;
  if (tree.problems.some((p) => p.severity === 'error')) {
    const yamlProblems = tree.problems.map(({ severity, message, range, source }) => ({ severity, message, source, range: { start: Math.max(range.start, standInStart), end: Math.max(range.end, standInStart + 1) } }));
    shiftProblems(yamlProblems, delta);
    return { yamlProblems };
  }
  if (tree.problems.length > 0 || !onlyRulesAfter(tree.root, standInStart)) return undefined;
  const loaded = loadRuleFile(standIn, input.uri, input.options);
  const rules = loaded.groups[0]?.rules ?? [];
  if (rules.length === 0) return undefined;
  const problems: Problem[] = loaded.problems.filter((p) => p.range.start >= standInStart).map(({ severity, message, range, source }) => ({ severity, message, range: { ...range }, source }));
  shiftProblems(problems, delta);
  rules.forEach((rule) => shiftRule(rule, delta));
  const placed = placeInSegments(rules, problems, input);
  return placed && { rules: placed };
}

/** The stand-in must be `groups:` → one group → only `rules:` → items that all lie in the segment. */
function onlyRulesAfter(root: YamlNode | undefined, start: number): boolean {
  const only = (node: YamlNode | undefined, key: string): YamlNode | undefined => {
    if (node?.kind !== 'map' || node.pairs.length !== 1) return undefined;
    const pair = node.pairs[0]!;
    return pair.key.kind === 'scalar' && pair.key.text === key ? pair.value : undefined;
  };
  const groups = only(root, 'groups');
  if (groups?.kind !== 'seq' || groups.items.length !== 1) return false;
  const rules = only(groups.items[0], 'rules');
  return rules?.kind === 'seq' && rules.items.length > 0 && rules.items.every((item) => item.range.start >= start);
}

/** Splits the segment among its rules; each rule's problems are those within its part. */
function placeInSegments(rules: Rule[], problems: Problem[], input: SpliceInput): SplicedRule[] | undefined {
  const starts: number[] = [];
  for (let i = 0; i < rules.length; i++) {
    const own = ruleSegment(input.text, rules[i]!);
    if (!own || own.dashColumn !== input.dashColumn) return undefined;
    // Comment lines typed above the first rule stay in the segment.
    starts.push(i === 0 ? input.start : own.start);
  }
  return rules.map((rule, i) => {
    const start = starts[i]!;
    const end = starts[i + 1] ?? input.end;
    return { rule, segment: { start, end, dashColumn: input.dashColumn }, problems: problems.filter((p) => p.range.start >= start && (p.range.start < end || (i === rules.length - 1 && p.range.start <= end))) };
  });
}
