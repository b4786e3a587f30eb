/**
 * Names come from the workspace, and the document being edited is part of it: the word at the
 * cursor is a metric or label name as soon as it is typed (`rat` on the way to `rate`). That word
 * is offered only when the workspace names it somewhere else too, or Prometheus knows it.
 */
import type { ServiceContext } from '../language-service.js';
import type { NameRole } from '../names/workspace-names.js';
import type { TextRange } from '../service-types.js';

/** The word at the cursor: its text and where it is in the document. */
export interface TypedWord {
  uri: string;
  text: string;
  range: TextRange;
}

/** Whether `name`, in that role, is the word being typed and nothing but the cursor names it. */
export function isLoneTypedWord(ctx: ServiceContext, name: string, role: NameRole, word: TypedWord): boolean {
  return name === word.text && !prometheusKnows(ctx, role, name) && !ctx.names.namedElsewhere(role, name, word.uri, word.range);
}

function prometheusKnows(ctx: ServiceContext, role: NameRole, name: string): boolean {
  const known = role.kind === 'metric' ? ctx.prometheus.metricNames() : role.kind === 'labelName' ? ctx.prometheus.labelNames() : ctx.prometheus.labelValues(role.label);
  return known.includes(name);
}
