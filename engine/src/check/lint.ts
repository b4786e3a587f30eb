/**
 * The shape of a lint: a named check that finds likely mistakes in rules that Prometheus itself
 * accepts. Each lint looks at one rule at a time, or at every checked file at once.
 */
import type { TextRange } from '../promql/ast.js';
import type { Rule, RuleGroup } from '../rules/rule.js';
import type { CheckConfig } from './check-config.js';
import type { TemplateFactsOf } from './template-facts.js';

/** A loaded rule file with the text its positions refer to. */
export interface RuleFileInput {
  file: string;
  text: string;
  groups: RuleGroup[];
}

export interface RuleInput {
  rule: Rule;
  group: RuleGroup;
  file: RuleFileInput;
  config: CheckConfig;
  /** What the rule's label and annotation templates read, from the parse the loader already did. */
  templates: TemplateFactsOf;
}

/** What a lint found, located in the file of the rule it is about. */
export interface Finding {
  message: string;
  range: TextRange;
}

/** What a lint returns when it finds nothing. */
export const NO_FINDINGS: readonly Finding[] = [];

export interface FileSetFinding extends Finding {
  file: RuleFileInput;
  rule: Rule;
}

export interface Lint {
  /** The name used in output, disable comments and configuration, e.g. `rate-non-counter`. */
  name: string;
  /** One sentence for the documentation and `klaxon check --list-lints`. */
  summary: string;
  checkRule?(input: RuleInput): readonly Finding[];
  /**
   * Looks across all files, after every rule was checked alone. A rule's kind, name, labels, range
   * and name position are all it reads: `klaxon check` lets go of the rest of a rule once its group
   * is linted (see keepIdentityOnly in rule-file-shard.ts), so a lint that needs more must be kept
   * there too.
   */
  checkFiles?(files: readonly RuleFileInput[], config: CheckConfig): FileSetFinding[];
}
