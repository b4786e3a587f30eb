/**
 * Routing and escalation key on the `severity` label: an alert without one, or with a spelling
 * that no alias maps to critical, error, warning or info, would be routed by accident.
 */
import { normalizeSeverity, SEVERITY_LABEL } from '../../severity/severity.js';
import { NO_FINDINGS, type Finding, type Lint, type RuleInput } from '../lint.js';
import { ruleNameRange } from '../locate.js';

export const unknownSeverity: Lint = {
  name: 'unknown-severity',
  summary: 'an alert has no severity label, or one that is not critical, error, warning, info or a configured alias',
  checkRule({ rule, group, config }: RuleInput): readonly Finding[] {
    if (rule.kind !== 'alert') return NO_FINDINGS;
    const value = rule.labels[SEVERITY_LABEL] ?? group.labels?.[SEVERITY_LABEL];
    if (value === undefined) return [{ message: `alert "${rule.name}" has no ${SEVERITY_LABEL} label`, range: ruleNameRange(rule) }];
    if (value.includes('{{') || normalizeSeverity(value, config.severityAliases)) return NO_FINDINGS;
    const at = rule.positions?.labels[SEVERITY_LABEL]?.value.range ?? ruleNameRange(rule);
    return [{
      message: `unknown severity ${JSON.stringify(value)}: use critical, error, warning or info, or map it to one under severities in .klaxon.yml`,
      range: at,
    }];
  },
};
