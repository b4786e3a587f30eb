/**
 * Checking a thread's share of the rule files (rule-file-split.ts): loading, with the expressions
 * and templates of its rules only, disable comments and the per-rule lints. The main thread's
 * share also reports everything about the files' structure; a worker's only what it found in its
 * own rules, so that the shares' problems add up to those of one check of everything.
 *
 * A file in the plain shape of rule files is read and checked a group at a time, so that each
 * group's YAML tree and expression trees are done with while they are young (cheap for V8's
 * garbage collector); others are read whole.
 */
import { problem } from '../errors.js';
import { inFile, type FileProblem } from '../file-problem.js';
import type { AnalyzedExpr } from '../promql/analyze.js';
import { loadRuleFile, parseRuleExpression, type LoadedRuleFile, type RuleFileOptions } from '../rules/load-rule-file.js';
import type { Rule, RuleGroup } from '../rules/rule.js';
import { readFast } from '../yaml/fast-reader.js';
import type { YamlTree } from '../yaml/read-tree.js';
import { lintLevel, type CheckConfig, type LintLevel } from './check-config.js';
import { DISABLE_COMMENT_MARK, isDisabled, NO_DISABLED_LINTS, readDisabledLints, type DisabledLints } from './disable-comments.js';
import type { Lint, RuleFileInput, RuleInput } from './lint.js';
import { loadGroupAtATime } from './group-at-a-time.js';
import type { RuleRange } from './rule-file-split.js';
import { templateFactsSource } from './template-facts.js';
import { LINT_NAMES, LINTS } from './lints/all-lints.js';

/** A rule file as one thread checks it: its text (for a worker, only its groups) and the rules it analyzes. */
export interface ShardFile {
  file: string;
  text: string;
  rules: RuleRange;
}

export interface ShardedFile {
  input: RuleFileInput;
  disabled: DisabledLints;
  problems: FileProblem[];
  /** Whether the fast YAML reader read the file, as it reads a worker's share of it. */
  readFast: boolean;
}

/** Problems that come from a rule's own expression and templates, which each shard finds for its rules. */
const RULE_ANALYSIS_SOURCES = new Set(['parse', 'type', 'template']);

interface RuleLint {
  name: string;
  level: Exclude<LintLevel, 'off'>;
  checkRule: NonNullable<Lint['checkRule']>;
}

export function checkRuleFileShard(files: readonly ShardFile[], config: CheckConfig, reportStructure: boolean): ShardedFile[] {
  const templates = templateFactsSource();
  const expressions = new Map<string, AnalyzedExpr>();
  const parseExpression = memoized(parseRuleExpression, expressions);
  const ruleLints = LINTS.flatMap((lint): RuleLint[] => {
    const level = lintLevel(config, lint.name);
    return level === 'off' || !lint.checkRule ? [] : [{ name: lint.name, level, checkRule: lint.checkRule }];
  });
  return files.map(({ file, text, rules }): ShardedFile => {
    const options: RuleFileOptions = {
      nameValidation: config.nameValidation,
      templateParses: (text) => templates(text).parses,
      parseExpression,
      analyzeRule: (start) => start >= rules.from && start < rules.to,
    };
    const lintProblems: FileProblem[] = [];
    const input: RuleFileInput = { file, text, groups: [] };
    // One input object for all the file's rules, its rule and group set in turn: lints do not keep it.
    let ruleInput: RuleInput | undefined;
    const lintGroup = (group: RuleGroup, disabled: DisabledLints) => {
      for (let i = 0; i < group.rules.length; i++) {
        const rule = group.rules[i]!;
        if (rule.range.start < rules.from || rule.range.start >= rules.to) continue;
        if (ruleInput) {
          ruleInput.rule = rule;
          ruleInput.group = group;
        } else ruleInput = { rule, group, file: input, config, templates };
        lintRule(ruleInput, ruleLints, disabled, lintProblems);
      }
    };
    // Once a group is linted, only what the lints across files read of its rules is needed: the
    // rest can go while it is young.
    const lintAndForget = (group: RuleGroup) => {
      lintGroup(group, NO_DISABLED_LINTS);
      for (let i = 0; i < group.rules.length; i++) keepIdentityOnly(group.rules[i]!);
      expressions.clear();
    };
    const byGroup = text.includes(DISABLE_COMMENT_MARK) ? undefined : loadGroupAtATime(text, file, options, lintAndForget);
    let loaded: LoadedRuleFile;
    let disabled: DisabledLints;
    let readWhole: YamlTree | undefined;
    if (byGroup) {
      loaded = byGroup;
      disabled = NO_DISABLED_LINTS;
    } else {
      lintProblems.length = 0;
      readWhole = tryReadFast(text);
      loaded = loadRuleFile(text, file, { ...options, ...(readWhole && { tree: readWhole }) });
      disabled = readDisabledLints(text, loaded.groups, LINT_NAMES);
      for (const group of loaded.groups) lintGroup(group, disabled);
    }
    input.groups = loaded.groups;
    const problems = reportStructure ? [...loaded.problems, ...disabled.problems.map((p) => inFile(file, p))] : loaded.problems.filter((p) => RULE_ANALYSIS_SOURCES.has(p.source));
    for (let i = 0; i < lintProblems.length; i++) problems.push(lintProblems[i]!);
    return { input, disabled, problems, readFast: byGroup !== undefined || readWhole !== undefined };
  });
}

/** The lints' findings on one rule, added to `problems`. */
function lintRule(input: RuleInput, lints: readonly RuleLint[], disabled: DisabledLints, problems: FileProblem[]): void {
  for (let i = 0; i < lints.length; i++) {
    const { name, level, checkRule } = lints[i]!;
    if (disabled !== NO_DISABLED_LINTS && isDisabled(disabled, input.rule, name)) continue;
    const findings = checkRule(input);
    for (let j = 0; j < findings.length; j++) {
      const { message, range } = findings[j]!;
      problems.push({ severity: level, message, range, source: name, file: input.file.file });
    }
  }
}

const NOTHING: Record<string, never> = Object.freeze({});

/** Lets go of all of a linted rule but its kind, name, labels and where it and its name are (what duplicate-rule reads). */
function keepIdentityOnly(rule: Rule): void {
  rule.expr = undefined;
  rule.exprText = '';
  if (rule.kind === 'alert') rule.annotations = NOTHING;
  const positions = rule.positions;
  if (!positions) return;
  positions.expr = undefined;
  positions.for = undefined;
  positions.labels = NOTHING;
  positions.annotations = NOTHING;
}

/** The fast reader's tree, or undefined when it declines (or fails: the loader then reports that). */
function tryReadFast(text: string): YamlTree | undefined {
  try {
    return readFast(text);
  } catch {
    return undefined;
  }
}

/** Rules that share an expression text share its tree, which the lints only read; `known` may be cleared. */
function memoized(parse: (text: string) => AnalyzedExpr, known: Map<string, AnalyzedExpr>): (text: string) => AnalyzedExpr {
  return (text) => {
    let analyzed = known.get(text);
    if (!analyzed) {
      analyzed = parse(text);
      known.set(text, analyzed);
    }
    return analyzed;
  };
}

/** The lints over all files at once (duplicates); run once, on shard 0's view of every rule. */
export function checkAcrossFiles(files: readonly ShardedFile[], config: CheckConfig): void {
  const byInput = new Map(files.map((f) => [f.input, f]));
  for (const lint of LINTS) {
    const level = lintLevel(config, lint.name);
    if (level === 'off' || !lint.checkFiles) continue;
    for (const f of lint.checkFiles(files.map((t) => t.input), config)) {
      const target = byInput.get(f.file)!;
      if (isDisabled(target.disabled, f.rule, lint.name)) continue;
      target.problems.push(inFile(target.input.file, problem(f.message, f.range, lint.name, level)));
    }
  }
}
