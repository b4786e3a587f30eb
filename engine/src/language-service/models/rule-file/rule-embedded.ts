/** The expression and the label and annotation templates (values with `{{`) of a rule, as embedded texts. */
import type { Rule } from '../../../rules/rule.js';
import { embeddedScalar, type EmbeddedText } from '../../embedded/embedded-text.js';

export function ruleEmbedded(rule: Rule, documentText: string): EmbeddedText[] {
  const found: EmbeddedText[] = [];
  const positions = rule.positions;
  if (!positions) return found;
  if (positions.expr) found.push(embeddedScalar('promql', positions.expr, rule.exprText, documentText));
  const templates: [Record<string, string>, typeof positions.labels][] = [[rule.labels, positions.labels]];
  if (rule.kind === 'alert') templates.push([rule.annotations, positions.annotations]);
  for (const [values, places] of templates) {
    for (const [name, place] of Object.entries(places)) {
      const value = values[name];
      if (value?.includes('{{')) found.push(embeddedScalar('template', place.value, value, documentText));
    }
  }
  return found;
}
