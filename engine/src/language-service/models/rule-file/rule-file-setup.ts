/** What analysing rule files needs beyond their text: the check configuration and caches kept across edits. */
import type { CheckConfig } from '../../../check/check-config.js';
import { templateFactsSource, type TemplateFactsOf } from '../../../check/template-facts.js';
import type { AnalyzedExpr } from '../../../promql/analyze.js';
import { parseRuleExpression, type RuleFileOptions } from '../../../rules/load-rule-file.js';
import { RuleLintCache, type LintSetup } from './rule-lints.js';

export interface RuleFileSetup {
  lint: LintSetup;
  lintCache: RuleLintCache;
  loadOptions: RuleFileOptions;
}

const MAX_REMEMBERED_EXPRESSIONS = 50_000;

/** A setup for one check configuration; its caches serve every rule file analysed with it. */
export function ruleFileSetup(config: CheckConfig): RuleFileSetup {
  const templates: TemplateFactsOf = templateFactsSource();
  let expressions = new Map<string, AnalyzedExpr>();
  const parseExpression = (text: string): AnalyzedExpr => {
    let analyzed = expressions.get(text);
    if (!analyzed) {
      analyzed = parseRuleExpression(text);
      if (expressions.size >= MAX_REMEMBERED_EXPRESSIONS) expressions = new Map();
      expressions.set(text, analyzed);
    }
    return analyzed;
  };
  return {
    lint: { config, templates },
    lintCache: new RuleLintCache(),
    loadOptions: { nameValidation: config.nameValidation, templateParses: (text) => templates(text).parses, parseExpression },
  };
}
