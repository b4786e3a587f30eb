/** Alerts that reach people should say what happened: each needs the configured annotations. */
import type { Finding, Lint, RuleInput } from '../lint.js';
import { ruleNameRange } from '../locate.js';

export const missingAnnotation: Lint = {
  name: 'missing-annotation',
  summary: 'an alert lacks one of the required annotations (by default summary and description)',
  checkRule({ rule, config }: RuleInput): Finding[] {
    if (rule.kind !== 'alert') return [];
    return config.requiredAnnotations
      .filter((name) => (rule.annotations[name] ?? '').trim() === '')
      .map((name) => ({ message: `alert "${rule.name}" has no "${name}" annotation`, range: ruleNameRange(rule) }));
  },
};
