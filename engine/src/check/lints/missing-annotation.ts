/** Alerts that reach people should say what happened: each needs the configured annotations. */
import { NO_FINDINGS, type Finding, type Lint, type RuleInput } from '../lint.js';
import { ruleNameRange } from '../locate.js';

export const missingAnnotation: Lint = {
  name: 'missing-annotation',
  summary: 'an alert lacks one of the required annotations (by default summary and description)',
  checkRule({ rule, config }: RuleInput): readonly Finding[] {
    if (rule.kind !== 'alert') return NO_FINDINGS;
    let findings: Finding[] | undefined;
    for (let i = 0; i < config.requiredAnnotations.length; i++) {
      const name = config.requiredAnnotations[i]!;
      if ((rule.annotations[name] ?? '').trim() !== '') continue;
      (findings ??= []).push({ message: `alert "${rule.name}" has no "${name}" annotation`, range: ruleNameRange(rule) });
    }
    return findings ?? NO_FINDINGS;
  },
};
