/**
 * Checking rule files, or one shard of their rules: loading (expressions and templates of the
 * shard's rules only), disable comments and the per-rule lints. Shard 0 also reports everything
 * about the files' structure; the other shards only what they found in their own rules, so that
 * the shards' problems add up to those of one unsharded check.
 */
import { problem } from '../errors.js';
import { inFile, type FileProblem } from '../file-problem.js';
import type { AnalyzedExpr } from '../promql/analyze.js';
import { loadRuleFile, parseRuleExpression } from '../rules/load-rule-file.js';
import { lintLevel, type CheckConfig } from './check-config.js';
import { isDisabled, readDisabledLints, type DisabledLints } from './disable-comments.js';
import type { CheckInput } from './gather-files.js';
import type { RuleFileInput } from './lint.js';
import { templateFactsSource } from './template-facts.js';
import { LINT_NAMES, LINTS } from './lints/all-lints.js';

/** Rules are dealt to `count` shards; this is shard `index`. */
export interface Shard {
  index: number;
  count: number;
}

export const WHOLE: Shard = { index: 0, count: 1 };

export interface ShardedFile {
  input: RuleFileInput;
  disabled: DisabledLints;
  problems: FileProblem[];
}

/** Problems that come from a rule's own expression and templates, which each shard finds for its rules. */
const RULE_ANALYSIS_SOURCES = new Set(['parse', 'type', 'template']);

/** Which shard a rule belongs to, by where it starts: a multiplicative hash spreads neighbours apart. */
export function shardOf(ruleStart: number, count: number): number {
  return count === 1 ? 0 : (Math.imul(ruleStart + 1, 2654435761) >>> 0) % count;
}

export function checkRuleFileShard(files: readonly CheckInput[], config: CheckConfig, shard: Shard): ShardedFile[] {
  const templates = templateFactsSource();
  const parseExpression = memoized(parseRuleExpression);
  const mine = (ruleStart: number) => shardOf(ruleStart, shard.count) === shard.index;
  const sharded = files.map(({ file, text }): ShardedFile => {
    const loaded = loadRuleFile(text, file, {
      nameValidation: config.nameValidation,
      templateParses: (text) => templates(text).parses,
      parseExpression,
      analyzeRule: mine,
    });
    const disabled = readDisabledLints(text, loaded.groups, LINT_NAMES);
    const problems = shard.index === 0 ? [...loaded.problems, ...disabled.problems.map((p) => inFile(file, p))] : loaded.problems.filter((p) => RULE_ANALYSIS_SOURCES.has(p.source));
    return { input: { file, text, groups: loaded.groups }, disabled, problems };
  });
  const ruleLints = LINTS.flatMap((lint) => {
    const level = lintLevel(config, lint.name);
    return level === 'off' || !lint.checkRule ? [] : [{ lint, checkRule: lint.checkRule, level }];
  });
  // Rule by rule rather than lint by lint: a rule's tree is walked while it is at hand. The order
  // of the problems does not matter, as they are sorted by position in the end.
  for (const target of sharded) {
    for (const group of target.input.groups) {
      for (const rule of group.rules) {
        if (!mine(rule.range.start)) continue;
        const input = { rule, group, file: target.input, config, templates };
        for (const { lint, checkRule, level } of ruleLints) {
          if (isDisabled(target.disabled, rule, lint.name)) continue;
          for (const f of checkRule(input)) target.problems.push(inFile(target.input.file, problem(f.message, f.range, lint.name, level)));
        }
      }
    }
  }
  return sharded;
}

/** Rules that share an expression text share its tree, which the lints only read. */
function memoized(parse: (text: string) => AnalyzedExpr): (text: string) => AnalyzedExpr {
  const known = new Map<string, AnalyzedExpr>();
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
