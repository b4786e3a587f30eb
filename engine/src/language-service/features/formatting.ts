/**
 * Formatting prints expressions canonically (promql/printer.ts): `sum by (job) (rate(x[5m]))`.
 * Expressions that do not parse, or that hold comments the printer would drop, stay as written.
 */
import { parsePromQL } from '../../promql/analyze.js';
import { printExpr } from '../../promql/printer.js';
import type { ServiceContext } from '../language-service.js';
import type { EmbeddedText } from '../embedded/embedded-text.js';
import { promqlTokens } from '../embedded/promql-tokens.js';
import { embeddedTexts } from '../models/document-model.js';
import type { TextEdit, TextRange } from '../service-types.js';
import { rewriteScalar } from './yaml-scalar-text.js';

export function formatExpressions(ctx: ServiceContext, uri: string, range?: TextRange): TextEdit[] {
  const model = ctx.workspace.model(uri);
  if (!model || model.kind === 'template') return [];
  const expressions = model.kind === 'rules' && range
    ? model.entries.filter((e) => e.rule.range.start <= range.end && e.rule.range.end >= range.start).flatMap((e) => model.embeddedOf(e))
    : embeddedTexts(model);
  const edits: TextEdit[] = [];
  for (const embedded of expressions) {
    if (embedded.language !== 'promql') continue;
    if (range && (embedded.range.end < range.start || embedded.range.start > range.end)) continue;
    const edit = formatExpression(embedded);
    if (edit) edits.push(edit);
  }
  return edits;
}

/** The edit that prints one expression canonically; undefined when it already is, or cannot be. */
export function formatExpression(embedded: EmbeddedText): TextEdit | undefined {
  const { expr, problems } = parsePromQL(embedded.text, { experimental: 'ignore' });
  if (!expr || problems.some((p) => p.severity === 'error')) return undefined;
  if (promqlTokens(embedded.text).some((t) => t.role === 'comment')) return undefined;
  const printed = printExpr(expr);
  if (printed === embedded.text.trim()) return undefined;
  if (!embedded.style) return { range: { start: embedded.offsets[0]!, end: embedded.offsets[embedded.text.length]! }, newText: printed };
  return rewriteScalar(embedded.source, embedded.range, embedded.style, printed);
}
