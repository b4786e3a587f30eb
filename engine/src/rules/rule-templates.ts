/**
 * Template syntax in an alerting rule's labels and annotations, checked as rulefmt does when it
 * loads a file; errors point at their character inside the YAML scalar.
 */
import type { Problem } from '../errors.js';
import { parseAlertTemplate } from '../template/expand.js';
import { relocateProblems, scalarOffsets } from '../yaml/scalar-offsets.js';
import { alertTemplateParses, type TemplateSyntaxCheck } from './alert-template-parse.js';
import type { AlertingRule, ScalarSpan } from './rule.js';

export function checkRuleTemplates(rule: AlertingRule, fileText: string, parses: TemplateSyntaxCheck = alertTemplateParses): Problem[] {
  const problems: Problem[] = [];
  const check = (kind: 'label' | 'annotation', name: string, value: string, span: ScalarSpan | undefined) => {
    if (!value.includes('{{') || parses(value)) return;
    // Parse again for Go's exact message, which names the template after the alert.
    const found = parseAlertTemplate(value, rule.name).map((p) => ({ ...p, message: `${kind} ${JSON.stringify(name)}: ${p.message}` }));
    if (!span) {
      problems.push(...found.map((p) => ({ ...p, range: rule.positions?.name ?? rule.range })));
      return;
    }
    const offsets = scalarOffsets({ type: span.style, range: [span.range.start, span.range.end], value, source: value }, fileText);
    problems.push(...relocateProblems(found, offsets));
  };
  for (const [name, value] of Object.entries(rule.labels)) check('label', name, value, rule.positions?.labels[name]?.value);
  for (const [name, value] of Object.entries(rule.annotations)) check('annotation', name, value, rule.positions?.annotations[name]?.value);
  return problems;
}
