/**
 * Hover: in expressions, a function's signature and documentation (from the one FUNCTIONS
 * table), what a keyword or operator does, what a duration means, a metric's type and help from
 * Prometheus and the rules that record it; in YAML, what a duration value means, the alerting
 * rule a unit test's expectation is about, and the receiver or time interval a route names.
 */
import { lookupAggregation, lookupFunction } from '../../promql/functions.js';
import { AGGREGATION_MODIFIER_ITEMS, BINARY_OPERATOR_ITEMS, KEYWORD_ITEMS, MATCH_OPERATOR_ITEMS, signatureText } from '../../promql/complete/static-items.js';
import type { Keyword } from '../../promql/complete/kinds.js';
import { formatDurationMs } from '../../promql/duration.js';
import type { Rule } from '../../rules/rule.js';
import type { YamlScalar } from '../../yaml/tree.js';
import type { ServiceContext } from '../language-service.js';
import { containsOffset, documentRange, valueIndex, type EmbeddedText } from '../embedded/embedded-text.js';
import { promqlTokens, tokenAt } from '../embedded/promql-tokens.js';
import { embeddedTexts, type DocumentModel } from '../models/document-model.js';
import type { ServiceHover, TextRange } from '../service-types.js';
import { forEachScalar, type YamlPathStep } from '../yaml/tree-access.js';
import { describeDuration } from './duration-text.js';
import { scalarTypeAt } from './key-catalog.js';
import { metricDocumentation } from './metric-info.js';
import { alertTestAt } from './unit-test-places.js';


export async function hover(ctx: ServiceContext, uri: string, offset: number): Promise<ServiceHover | undefined> {
  const model = ctx.workspace.model(uri);
  if (!model || model.kind === 'template') return undefined;
  const embedded = embeddedTexts(model, offset).find((e) => containsOffset(e, offset));
  if (embedded && (embedded.language === 'promql' || embedded.language === 'series')) return hoverInExpression(ctx, embedded, offset);
  return hoverInYaml(ctx, model, offset);
}

async function hoverInExpression(ctx: ServiceContext, embedded: EmbeddedText, offset: number): Promise<ServiceHover | undefined> {
  const token = tokenAt(promqlTokens(embedded.text), valueIndex(embedded, offset));
  if (!token) return undefined;
  const range = documentRange(embedded, token.start, token.end);
  const contents = await tokenDocumentation(ctx, token.role, token.image);
  return contents === undefined ? undefined : { contents, range };
}

async function tokenDocumentation(ctx: ServiceContext, role: string, image: string): Promise<string | undefined> {
  switch (role) {
    case 'function': {
      const signature = lookupFunction(image);
      if (!signature) return undefined;
      const experimental = signature.experimental ? '\n\n*Experimental*: Prometheus needs `--enable-feature=promql-experimental-functions`.' : '';
      return `\`\`\`promql\n${signatureText(signature)}\n\`\`\`\n\n${signature.doc}${experimental}`;
    }
    case 'aggregation': {
      const aggregation = lookupAggregation(image.toLowerCase());
      if (!aggregation) return undefined;
      const parameter = aggregation.paramType ? `${aggregation.paramType === 'string' ? 'string' : 'scalar'}, ` : '';
      return `\`\`\`promql\n${aggregation.name} [by|without (labels)] (${parameter}instant vector) → instant vector\n\`\`\`\n\n${aggregation.doc}`;
    }
    case 'modifier':
    case 'keyword':
    case 'operator': {
      const lower = image.toLowerCase();
      const item = KEYWORD_ITEMS.get(lower as Keyword) ?? [...AGGREGATION_MODIFIER_ITEMS, ...BINARY_OPERATOR_ITEMS, ...MATCH_OPERATOR_ITEMS].find((i) => i.label === lower);
      return item?.documentation && `\`${image}\`${item.detail ? ` (${item.detail})` : ''}: ${item.documentation}`;
    }
    case 'duration':
      return describeDuration(image);
    case 'metric': {
      await ctx.prometheus.prepare({ metadata: true });
      const info = metricDocumentation(ctx, image);
      return `metric \`${image}\`${info?.documentation ? `\n\n${info.documentation}` : ''}`;
    }
    case 'label': {
      const values = ctx.names.labelValues(image).slice(0, 10);
      return `label \`${image}\`${values.length > 0 ? `\n\nValues seen: ${values.map((v) => `\`${v}\``).join(', ')}` : ''}`;
    }
    default:
      return undefined;
  }
}

function hoverInYaml(ctx: ServiceContext, model: DocumentModel, offset: number): ServiceHover | undefined {
  switch (model.kind) {
    case 'rules': {
      const rule = model.entryAt(offset)?.rule;
      const forRange = rule?.positions?.for;
      if (rule && forRange && forRange.start <= offset && offset <= forRange.end) return durationHover(model.doc.text, forRange);
      for (const group of model.groups) {
        const interval = group.positions?.interval;
        if (interval && interval.start <= offset && offset <= interval.end) return durationHover(model.doc.text, interval);
      }
      return undefined;
    }
    case 'unit-test': {
      const scalar = scalarAt(model.tree.root, offset);
      if (scalar && isDurationAt(model.kind, scalar.path)) return durationHover(model.doc.text, scalar.node.range);
      const test = alertTestAt(model, offset);
      if (!test) return undefined;
      const rules = ctx.names.rulesNamed(test.alertname, 'alert');
      const contents = rules.length === 0 ? `No alerting rule named \`${test.alertname}\` is known in the workspace.` : rules.map(({ rule, group }) => describeAlertingRule(rule, group.name)).join('\n\n---\n\n');
      return { contents, range: test.range };
    }
    case 'alertmanager': {
      const scalar = scalarAt(model.tree.root, offset);
      if (!scalar) return undefined;
      const key = scalar.path[scalar.path.length - 1];
      const parent = scalar.path[scalar.path.length - 2];
      if (isDurationAt(model.kind, scalar.path)) return durationHover(model.doc.text, scalar.node.range);
      const config = model.loaded.config;
      if (key === 'receiver' && config) {
        const receiver = config.receivers.find((r) => r.name.value === scalar.node.text);
        if (receiver) {
          const integrations = receiver.integrations.map((i) => `- ${i.type}${typeof i.settings.url === 'string' ? ` (${i.settings.url})` : ''}`).join('\n');
          return { contents: `receiver \`${receiver.name.value}\`\n\n${integrations || 'sends nowhere'}`, range: scalar.node.range };
        }
      }
      if ((parent === 'mute_time_intervals' || parent === 'active_time_intervals') && config) {
        const interval = config.timeIntervals.find((t) => t.name.value === scalar.node.text);
        if (interval) return { contents: `time interval \`${interval.name.value}\`: ${interval.intervals.length} time range${interval.intervals.length === 1 ? '' : 's'}`, range: scalar.node.range };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function isDurationAt(kind: DocumentModel['kind'], path: readonly YamlPathStep[]): boolean {
  const key = path[path.length - 1];
  return typeof key === 'string' && scalarTypeAt(kind, path.slice(0, -1), key) === 'duration';
}

function durationHover(text: string, range: TextRange): ServiceHover | undefined {
  const raw = text.slice(range.start, range.end).replace(/^["']|["']$/g, '');
  const contents = describeDuration(raw);
  return contents === undefined ? undefined : { contents, range };
}

export function describeAlertingRule(rule: Rule, groupName: string): string {
  const lines = [`alerting rule \`${rule.name}\` (group \`${groupName}\`)`, '', '```promql', rule.exprText.trim(), '```'];
  if (rule.kind === 'alert' && rule.forMs > 0) lines.push('', `for ${describeDuration(formatDurationMs(rule.forMs))}`);
  const labels = Object.entries(rule.labels);
  if (labels.length > 0) lines.push('', `labels: ${labels.map(([k, v]) => `\`${k}=${JSON.stringify(v)}\``).join(', ')}`);
  if (rule.kind === 'alert') for (const [name, value] of Object.entries(rule.annotations)) lines.push('', `${name}: ${value}`);
  return lines.join('\n');
}

function scalarAt(root: Parameters<typeof forEachScalar>[0], offset: number): { node: YamlScalar; path: readonly YamlPathStep[] } | undefined {
  let found: { node: YamlScalar; path: readonly YamlPathStep[] } | undefined;
  forEachScalar(root, (node, path) => {
    if (!found && node.range.start <= offset && offset <= node.range.end && node.range.end > node.range.start) found = { node, path };
  });
  return found;
}
