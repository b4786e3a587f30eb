/**
 * `klaxon check`'s lints in the editor: per rule (remembered by the rule's text, so that an edit
 * re-runs them for the edited rule only), across the file, and turned off by disable comments.
 */
import { problem, type Problem } from '../../../errors.js';
import type { Rule, RuleGroup } from '../../../rules/rule.js';
import { lintLevel, type CheckConfig } from '../../../check/check-config.js';
import { isDisabled, readDisabledLints } from '../../../check/disable-comments.js';
import type { Lint, RuleFileInput } from '../../../check/lint.js';
import { LINT_NAMES, LINTS } from '../../../check/lints/all-lints.js';
import type { TemplateFactsOf } from '../../../check/template-facts.js';

export interface LintSetup {
  config: CheckConfig;
  templates: TemplateFactsOf;
}

const LINT_SOURCES: ReadonlySet<string> = new Set(LINT_NAMES);

function enabled(config: CheckConfig): { lint: Lint; level: Problem['severity'] }[] {
  return LINTS.flatMap((lint) => {
    const level = lintLevel(config, lint.name);
    return level === 'off' ? [] : [{ lint, level }];
  });
}

/** The per-rule lints' findings for one rule, before disable comments. */
export function lintRule(rule: Rule, group: RuleGroup, file: RuleFileInput, setup: LintSetup): Problem[] {
  const found: Problem[] = [];
  for (const { lint, level } of enabled(setup.config)) {
    if (!lint.checkRule) continue;
    for (const f of lint.checkRule({ rule, group, file, config: setup.config, templates: setup.templates })) {
      found.push(problem(f.message, f.range, lint.name, level));
    }
  }
  return found;
}

/**
 * The lints over the whole file (duplicate rules), with the rule each finding is about. They
 * compare rules by kind, name and labels (ruleIdentity), which lets an edit that keeps those
 * keep their findings.
 */
export function lintFile(file: RuleFileInput, config: CheckConfig): { rule: Rule; problem: Problem }[] {
  const found: { rule: Rule; problem: Problem }[] = [];
  for (const { lint, level } of enabled(config)) {
    if (!lint.checkFiles) continue;
    for (const f of lint.checkFiles([file], config)) found.push({ rule: f.rule, problem: problem(f.message, { ...f.range }, lint.name, level) });
  }
  return found;
}

/** Drops findings that disable comments turn off; adds the comments' own problems. */
export function applyDisableComments(file: RuleFileInput, byRule: ReadonlyMap<Rule, readonly Problem[]>): Problem[] {
  const disabled = readDisabledLints(file.text, file.groups, LINT_NAMES);
  const kept: Problem[] = [...disabled.problems];
  for (const [rule, problems] of byRule) {
    for (const p of problems) if (!LINT_SOURCES.has(p.source) || !isDisabled(disabled, rule, p.source)) kept.push(p);
  }
  return kept;
}

/**
 * Findings remembered by the rule's text and its group's settings, relative to the rule's
 * start, so that an unchanged rule that moved is not linted again.
 */
export class RuleLintCache {
  private known = new Map<string, Problem[]>();

  constructor(private readonly limit = 50_000) {}

  lint(rule: Rule, ruleText: string, group: RuleGroup, file: RuleFileInput, setup: LintSetup): Problem[] {
    const key = `${ruleText}\u0000${group.name}\u0000${group.intervalMs}\u0000${JSON.stringify(group.labels ?? {})}`;
    const base = rule.range.start;
    let relative = this.known.get(key);
    if (!relative) {
      relative = lintRule(rule, group, file, setup).map((p) => ({ ...p, range: { start: p.range.start - base, end: p.range.end - base } }));
      if (this.known.size >= this.limit) this.known = new Map();
      this.known.set(key, relative);
    }
    return relative.map((p) => ({ ...p, range: { start: p.range.start + base, end: p.range.end + base } }));
  }
}

/** What the file-wide lints compare rules by. */
export function ruleIdentity(rule: Rule): string {
  return JSON.stringify([rule.kind, rule.name, rule.labels]);
}
