/**
 * Template syntax in an alerting rule's labels and annotations, checked as rulefmt does when it
 * loads a file; errors point at their character inside the YAML scalar.
 */
import type { Problem } from '../errors.js';
import { parseAlertTemplate } from '../template/expand.js';
import { relocateProblems, scalarOffsets } from '../yaml/scalar-offsets.js';
import { alertTemplateParses, type TemplateSyntaxCheck } from './alert-template-parse.js';
import type { AlertingRule, RulePositions, ScalarSpan } from './rule.js';

type TemplateKind = 'label' | 'annotation';

export function checkRuleTemplates(rule: AlertingRule, fileText: string, parses: TemplateSyntaxCheck = alertTemplateParses): Problem[] {
  const problems: Problem[] = [];
  checkTemplates(rule, fileText, parses, 'label', rule.labels, rule.positions?.labels, problems);
  checkTemplates(rule, fileText, parses, 'annotation', rule.annotations, rule.positions?.annotations, problems);
  return problems;
}

/** Adds to `problems` those of the templates among `values` that do not parse. */
function checkTemplates(
  rule: AlertingRule,
  fileText: string,
  parses: TemplateSyntaxCheck,
  kind: TemplateKind,
  values: Record<string, string>,
  spans: RulePositions['labels'] | undefined,
  problems: Problem[],
): void {
  for (const name in values) {
    const value = values[name]!;
    if (value.includes('{{') && !parses(value)) problems.push(...templateProblems(rule, fileText, kind, name, value, spans?.[name]?.value));
  }
}

/** The problems of a template that does not parse, located in its scalar (or at the rule's name without one). */
function templateProblems(rule: AlertingRule, fileText: string, kind: TemplateKind, name: string, value: string, span: ScalarSpan | undefined): Problem[] {
  // Parse again for Go's exact message, which names the template after the alert.
  const found = parseAlertTemplate(value, rule.name).map((p) => ({ ...p, message: `${kind} ${JSON.stringify(name)}: ${p.message}` }));
  if (!span) return found.map((p) => ({ ...p, range: rule.positions?.name ?? rule.range }));
  const offsets = scalarOffsets({ type: span.style, range: [span.range.start, span.range.end], value, source: value }, fileText);
  return relocateProblems(found, offsets);
}
