/**
 * Completion inside embedded text: expressions and series selectors through the engine's content
 * assist (promql/complete), with names from the workspace and Prometheus; templates with their
 * variables, functions and label names; matcher lists with label names and values. Inserted text
 * is escaped for the YAML scalar it goes into.
 */
import { ALERT_SEVERITIES, SEVERITY_LABEL } from '../../severity/severity.js';
import { completionContext } from '../../promql/complete/context.js';
import { completeExpression, type CompletionItem, type NameProvider } from '../../promql/complete/candidates.js';
import { BUILTINS } from '../../template/builtins.js';
import { PROMETHEUS_FUNCTION_NAMES } from '../../template/prometheus-functions.js';
import type { ScalarStyle } from '../../yaml/scalar-decode.js';
import type { ServiceContext } from '../language-service.js';
import { documentRange, valueIndex, type EmbeddedText } from '../embedded/embedded-text.js';
import { templateNameUses } from '../embedded/template-names.js';
import type { CompletionItemKind, ServiceCompletionItem, ServiceCompletionList } from '../service-types.js';
import type { NameRole } from '../names/workspace-names.js';
import { metricDocumentation } from './metric-info.js';
import { isLoneTypedWord, type TypedWord } from './typed-word.js';
import { escapeForScalar } from './yaml-scalar-text.js';

const KIND_OF: Record<CompletionItem['kind'], CompletionItemKind> = {
  metricName: 'metric',
  labelName: 'label',
  labelValue: 'value',
  function: 'function',
  aggregation: 'function',
  aggregationModifier: 'keyword',
  binaryOperator: 'operator',
  matchOperator: 'operator',
  keyword: 'keyword',
  duration: 'duration',
  number: 'number',
};

/** Names from the workspace and, when set up, from Prometheus. */
export function nameProvider(ctx: ServiceContext): NameProvider {
  // An empty label value is never worth offering.
  const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].filter((name) => name !== '');
  return {
    metricNames: () => union(ctx.names.metricNames(), ctx.prometheus.metricNames()),
    labelNames: (metric) => union(ctx.names.labelNames(metric), ctx.prometheus.labelNames()),
    labelValues: (label, metric) => union(ctx.names.labelValues(label, metric), ctx.prometheus.labelValues(label)),
  };
}

export async function completeEmbedded(ctx: ServiceContext, uri: string, embedded: EmbeddedText, offset: number): Promise<ServiceCompletionList> {
  const index = valueIndex(embedded, offset);
  switch (embedded.language) {
    case 'promql':
    case 'series':
      return completeInExpression(ctx, uri, embedded, index);
    case 'template':
      return { items: completeInTemplate(ctx, embedded, index), isIncomplete: false };
    case 'matchers':
      return completeInMatchers(ctx, uri, embedded, index);
  }
}

async function completeInExpression(ctx: ServiceContext, uri: string, embedded: EmbeddedText, index: number): Promise<ServiceCompletionList> {
  const context = completionContext(embedded.text, index);
  const valuesOf: string[] = [];
  let labelNames = false;
  for (const kind of context.kinds) {
    if (kind.kind === 'metricName') valuesOf.push('__name__');
    if (kind.kind === 'labelName') labelNames = true;
    if (kind.kind === 'labelValue') valuesOf.push(kind.labelName);
  }
  await ctx.prometheus.prepare({ labelNames, valuesOf, metadata: valuesOf.includes('__name__') });
  const result = completeExpression(embedded.text, index, nameProvider(ctx));
  const { start, end } = result.replaceRange;
  const range = documentRange(embedded, start, end);
  const wordEnd = end + /^[\w:]*/.exec(embedded.text.slice(end))![0].length;
  const word = { uri, text: embedded.text.slice(start, wordEnd), range: documentRange(embedded, start, wordEnd) };
  const labelValuesOf = context.kinds.find((k) => k.kind === 'labelValue')?.labelName;
  const roleOf = (item: CompletionItem): NameRole | undefined =>
    item.kind === 'metricName' ? { kind: 'metric' }
    : item.kind === 'labelName' ? { kind: 'labelName' }
    : item.kind === 'labelValue' && labelValuesOf !== undefined ? { kind: 'labelValue', label: labelValuesOf }
    : undefined;
  const offered = result.items.filter((item) => {
    const role = roleOf(item);
    return role === undefined || !isLoneTypedWord(ctx, item.label, role, word);
  });
  const items = sortNames(offered).map((item, i): ServiceCompletionItem => {
    const converted: ServiceCompletionItem = {
      label: item.label,
      kind: KIND_OF[item.kind],
      range,
      sortText: String(i).padStart(5, '0'),
      ...(item.detail !== undefined && { detail: item.detail }),
      ...(item.documentation !== undefined && { documentation: item.documentation }),
    };
    if (item.kind === 'metricName') {
      const info = metricDocumentation(ctx, item.label);
      if (info) Object.assign(converted, info);
    }
    return withInsertText(converted, item.insertText ?? item.label, item.snippet === true, embedded.style);
  });
  return { items, isIncomplete: ctx.prometheus.enabled };
}

/** Names sorted by name within their kind; the kinds stay in the order content assist gave. */
function sortNames(items: CompletionItem[]): CompletionItem[] {
  const kinds = [...new Set(items.map((i) => i.kind))];
  return kinds.flatMap((kind) => {
    const ofKind = items.filter((i) => i.kind === kind);
    return isName(kind) ? ofKind.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)) : ofKind;
  });
}

function isName(kind: CompletionItem['kind']): boolean {
  return kind === 'metricName' || kind === 'labelName' || kind === 'labelValue';
}

/** Sets the text to insert, escaped for the scalar style (and, for snippets, for snippet syntax). */
export function withInsertText(item: ServiceCompletionItem, text: string, snippet: boolean, style: ScalarStyle | undefined): ServiceCompletionItem {
  let escaped = escapeForScalar(text, style);
  if (snippet && escaped !== text) escaped = escaped.replaceAll('\\', '\\\\');
  if (escaped === item.label && !snippet) return item;
  return { ...item, insertText: escaped, ...(snippet && { snippet: true }) };
}

const TEMPLATE_VARIABLES: [string, string][] = [
  ['$labels', 'The labels of the alert.'],
  ['$value', 'The value of the alert\'s sample.'],
  ['$externalLabels', 'The external labels of the Prometheus server.'],
  ['$externalURL', 'The URL of the Prometheus server.'],
];

/** Inside `{{ }}`: variables, functions, label names after `$labels.`, template names after `template "`. */
function completeInTemplate(ctx: ServiceContext, embedded: EmbeddedText, index: number): ServiceCompletionItem[] {
  const before = embedded.text.slice(0, index);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.lastIndexOf('}}') > open) return [];
  const inAction = before.slice(open + 2);
  const word = /[\w$.]*$/.exec(inAction)![0];
  const at = (start: number) => documentRange(embedded, start, index);
  const templateName = /\btemplate\s+"([^"]*)$/.exec(inAction);
  if (templateName) {
    const names = new Set<string>();
    for (const model of ctx.workspace.modelsOf('template')) for (const use of model.names) if (use.defines) names.add(use.name);
    for (const model of ctx.workspace.modelsOf('alertmanager')) for (const e of model.embedded()) for (const use of templateNameUses(e.text)) if (use.defines) names.add(use.name);
    return [...names].map((name) => ({ label: name, kind: 'reference', range: at(index - templateName[1]!.length) }));
  }
  const labelsDot = /\$labels\.(\w*)$/.exec(inAction) ?? /\.Labels\.(\w*)$/.exec(inAction);
  if (labelsDot) {
    return ctx.names.labelNames().map((name) => ({ label: name, kind: 'label', range: at(index - labelsDot[1]!.length) }));
  }
  const range = at(index - word.length);
  const variables = TEMPLATE_VARIABLES.map(([label, documentation]): ServiceCompletionItem => ({ label, kind: 'value', documentation, range }));
  const functions = [...new Set([...Object.keys(BUILTINS), ...PROMETHEUS_FUNCTION_NAMES])].sort().map((label): ServiceCompletionItem => ({ label, kind: 'function', range }));
  return [...variables, ...functions].filter((item) => item.label.startsWith(word.replace(/^\./, '')) || word === '');
}

/** `severity="critical", team=~"a|b"`: label names, then, after an operator, values. */
async function completeInMatchers(ctx: ServiceContext, uri: string, embedded: EmbeddedText, index: number): Promise<ServiceCompletionList> {
  const before = embedded.text.slice(0, index);
  const current = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf('{')) + 1);
  const word = (typedLength: number, rest: RegExp): TypedWord => {
    const start = index - typedLength;
    const end = index + rest.exec(embedded.text.slice(index))![0].length;
    return { uri, text: embedded.text.slice(start, end), range: documentRange(embedded, start, end) };
  };
  const valueMatch = /^\s*([\w.]+)\s*(=~|!~|!=|=)\s*("?)([^"]*)$/.exec(current);
  if (valueMatch) {
    const [, label, , quote, typed] = valueMatch as unknown as [string, string, string, string, string];
    await ctx.prometheus.prepare({ valuesOf: [label] });
    const fixed: readonly string[] = label === SEVERITY_LABEL ? ALERT_SEVERITIES : [];
    const typedWord = word(typed.length, /^[^",]*/);
    const seen = nameProvider(ctx).labelValues(label).filter((value) => !isLoneTypedWord(ctx, value, { kind: 'labelValue', label }, typedWord));
    const range = documentRange(embedded, index - typed.length - quote.length, index);
    return {
      items: [...new Set([...fixed, ...seen])].map((value, i) => withInsertText({ label: value, kind: 'value', range, sortText: String(i).padStart(5, '0') }, JSON.stringify(value), false, embedded.style)),
      isIncomplete: ctx.prometheus.enabled,
    };
  }
  const name = /^\s*([\w.]*)$/.exec(current);
  if (!name) return { items: [], isIncomplete: false };
  await ctx.prometheus.prepare({ labelNames: true });
  const range = documentRange(embedded, index - name[1]!.length, index);
  const typedWord = word(name[1]!.length, /^[\w.]*/);
  const labels = nameProvider(ctx).labelNames().filter((label) => !isLoneTypedWord(ctx, label, { kind: 'labelName' }, typedWord));
  return { items: labels.map((label) => ({ label, kind: 'label', range })), isIncomplete: ctx.prometheus.enabled };
}
