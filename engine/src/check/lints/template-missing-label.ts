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
    // Labels, then annotations; a loop rather than a function for each, which would be made for every rule.
    for (let k = 0; k < TEMPLATE_KINDS.length; k++) {
      const kind = TEMPLATE_KINDS[k]!;
      const templated = kind === 'label' ? rule.labels : rule.annotations;
      const spans = kind === 'label' ? rule.positions?.labels : rule.positions?.annotations;
      for (const name in templated) {
        const value = templated[name]!;
        const refs = templates(value).labels;
        for (let i = 0; i < refs.length; i++) {
          const ref = refs[i]!;
          labels ??= outputLabels(rule.expr);
          if (mayHaveLabel(labels, ref.label) || ref.label === '__name__') continue;
          why ??= explain(labels, rule.exprText);
          const span = spans?.[name]?.value;
          (findings ??= []).push({
            message: `${kind} "${name}" reads label "${ref.label}", which the expression's result never has: ${why}`,
            range: span ? rangeInScalar(span, value, ref.range, file.text) : ruleNameRange(rule),
          });
        }
      }
    }
    return findings ?? NO_FINDINGS;
  },
};

const TEMPLATE_KINDS = ['label', 'annotation'] as const;

function explain(labels: LabelSet, exprText: string): string {
  const where = labels.because ? ` after ${quoteSource(labels.because, exprText)}` : '';
  if (labels.kind === 'except') return `it is removed${where}`;
  if (labels.names.size === 0) return `the result has no labels${where}`;
  return `the result only has ${inOrder(labels.names).join(', ')}${where}`;
}

/** The names sorted, by insertion: the sets are small, and Array.prototype.sort allocates for its bookkeeping. */
function inOrder(names: ReadonlySet<string>): string[] {
  const sorted = Array.from(names);
  for (let i = 1; i < sorted.length; i++) {
    const name = sorted[i]!;
    let j = i;
    for (; j > 0 && sorted[j - 1]! > name; j--) sorted[j] = sorted[j - 1]!;
    sorted[j] = name;
  }
  return sorted;
}

/** White space that is not a single space: what quoteSource replaces. */
const SPACE_TO_COLLAPSE = /[^\S ]| {2}/;

function quoteSource(node: Expr, exprText: string): string {
  let text = exprText.slice(node.range.start, node.range.end);
  if (SPACE_TO_COLLAPSE.test(text)) text = text.replace(/\s+/g, ' ');
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}
