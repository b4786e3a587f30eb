/**
 * A template that reads a label the expression's result cannot have expands to an empty string:
 * `{{ $labels.instance }}` after `sum by (job) (...)` always prints nothing.
 */
import type { Expr } from '../../promql/ast.js';
import { mayHaveLabel, outputLabels, type LabelSet } from '../analysis/output-labels.js';
import { NO_FINDINGS, type Finding, type Lint, type RuleInput } from '../lint.js';
import { rangeInScalar, ruleNameRange } from '../locate.js';

export const templateMissingLabel: Lint = {
  name: 'template-missing-label',
  summary: "a label or annotation template reads a label that the alert's expression removes (by aggregation, `on`, `ignoring`...)",
  checkRule({ rule, file, templates }: RuleInput): readonly Finding[] {
    if (rule.kind !== 'alert' || !rule.expr) return NO_FINDINGS;
    let labels: LabelSet | undefined;
    let why: string | undefined;
    let findings: Finding[] | undefined;
    const check = (kind: string, name: string, value: string) => {
      const refs = templates(value).labels;
      for (let i = 0; i < refs.length; i++) {
        const ref = refs[i]!;
        labels ??= outputLabels(rule.expr!);
        if (mayHaveLabel(labels, ref.label) || ref.label === '__name__') continue;
        why ??= explain(labels, rule.exprText);
        const span = (kind === 'label' ? rule.positions?.labels : rule.positions?.annotations)?.[name]?.value;
        (findings ??= []).push({
          message: `${kind} "${name}" reads label "${ref.label}", which the expression's result never has: ${why}`,
          range: span ? rangeInScalar(span, value, ref.range, file.text) : ruleNameRange(rule),
        });
      }
    };
    for (const name in rule.labels) check('label', name, rule.labels[name]!);
    for (const name in rule.annotations) check('annotation', name, rule.annotations[name]!);
    return findings ?? NO_FINDINGS;
  },
};

function explain(labels: LabelSet, exprText: string): string {
  const where = labels.because ? ` after ${quoteSource(labels.because, exprText)}` : '';
  if (labels.kind === 'except') return `it is removed${where}`;
  if (labels.names.size === 0) return `the result has no labels${where}`;
  return `the result only has ${[...labels.names].sort().join(', ')}${where}`;
}

function quoteSource(node: Expr, exprText: string): string {
  const text = exprText.slice(node.range.start, node.range.end).replace(/\s+/g, ' ');
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}
