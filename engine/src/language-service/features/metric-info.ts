/** What is known about a metric: its Prometheus metadata, and the recording rules that write it. */
import type { ServiceContext } from '../language-service.js';

export interface MetricInfo {
  detail?: string;
  /** Markdown. */
  documentation?: string;
}

export function metricDocumentation(ctx: ServiceContext, metric: string): MetricInfo | undefined {
  const parts: string[] = [];
  const metadata = ctx.prometheus.metadata(metric);
  for (const m of metadata) parts.push(`**${m.type}**${m.unit ? ` (${m.unit})` : ''}: ${m.help}`);
  for (const { rule, group, uri } of ctx.names.rulesNamed(metric, 'record')) {
    parts.push(`Recorded by a rule of group \`${group.name}\` in ${uri.slice(uri.lastIndexOf('/') + 1)}:\n\n\`\`\`promql\n${rule.exprText.trim()}\n\`\`\``);
  }
  if (parts.length === 0) return undefined;
  const type = metadata[0]?.type;
  return { ...(type !== undefined && { detail: type }), documentation: parts.join('\n\n') };
}
