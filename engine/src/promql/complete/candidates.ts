/**
 * Completion candidates: the kinds that fit at the cursor (context.ts), filled in with names from
 * a provider and with the static items, and filtered by what was already typed.
 */
import type { TextRange } from '../ast.js';
import { completionContext } from './context.js';
import type { CompletionContext, CompletionKind, CompletionKindName } from './kinds.js';
import { insideString, labelNameText, labelValueText, metricNameText } from './quoting.js';
import {
  AGGREGATION_ITEMS,
  AGGREGATION_MODIFIER_ITEMS,
  BINARY_OPERATOR_ITEMS,
  DURATION_UNITS,
  FUNCTION_ITEMS,
  KEYWORD_ITEMS,
  MATCH_OPERATOR_ITEMS,
  NUMBER_ITEMS,
  STANDARD_DURATIONS,
} from './static-items.js';

/** Where the names of the data come from (a series source, a Prometheus server, a test). */
export interface NameProvider {
  metricNames(): string[];
  labelNames(metricName?: string): string[];
  labelValues(labelName: string, metricName?: string): string[];
}

export interface CompletionItem {
  label: string;
  kind: CompletionKindName;
  detail?: string;
  documentation?: string;
  /** What to insert instead of the label. */
  insertText?: string;
  /** `insertText` has tab stops: `${1}`. */
  snippet?: boolean;
}

export interface CompletionResult {
  items: CompletionItem[];
  /** The text that the chosen item replaces: what was typed of it so far. */
  replaceRange: TextRange;
}

export function completeExpression(text: string, offset: number, names: NameProvider): CompletionResult {
  const context = completionContext(text, offset);
  const { start, end } = context.replaceRange;
  const typed = text.slice(start, end).toLowerCase();
  const matches = (label: string): boolean => label.toLowerCase().startsWith(typed);
  const fill: Filler = { context, names, matches, parenFollows: text[end] === '(', typed };
  const items = context.kinds.flatMap((kind) => itemsFor(kind, fill));
  return { items, replaceRange: context.replaceRange };
}

interface Filler {
  context: CompletionContext;
  names: NameProvider;
  matches: (label: string) => boolean;
  /** A `(` right after the cursor: insert names of calls without arguments. */
  parenFollows: boolean;
  typed: string;
}

function itemsFor(kind: CompletionKind, fill: Filler): CompletionItem[] {
  const { matches } = fill;
  const staticItems = (items: readonly CompletionItem[]): CompletionItem[] => items.filter((i) => matches(i.label));
  switch (kind.kind) {
    case 'metricName':
      return names(fill, 'metricName', fill.names.metricNames(), metricNameText);
    case 'labelName':
      return names(fill, 'labelName', fill.names.labelNames(kind.metricName), labelNameText);
    case 'labelValue':
      return names(fill, 'labelValue', fill.names.labelValues(kind.labelName, kind.metricName), labelValueText);
    case 'function':
      return staticItems(fill.parenFollows ? FUNCTION_ITEMS.plain : FUNCTION_ITEMS.withSnippet);
    case 'aggregation':
      return staticItems(fill.parenFollows ? AGGREGATION_ITEMS.plain : AGGREGATION_ITEMS.withSnippet);
    case 'aggregationModifier':
      return staticItems(AGGREGATION_MODIFIER_ITEMS);
    case 'binaryOperator':
      return staticItems(BINARY_OPERATOR_ITEMS);
    case 'matchOperator':
      return staticItems(MATCH_OPERATOR_ITEMS);
    case 'keyword':
      return staticItems(kind.values.map((k) => KEYWORD_ITEMS.get(k)!));
    case 'duration':
      return durationLabels(fill.typed).filter(matches).map((label) => ({ label, kind: 'duration' }));
    case 'number':
      return staticItems(NUMBER_ITEMS);
  }
}

/** Provider names, written as they must be at the cursor: bare, quoted, or inside the open string. */
function names(
  fill: Filler,
  kind: 'metricName' | 'labelName' | 'labelValue',
  list: readonly string[],
  written: (name: string) => string,
): CompletionItem[] {
  const quote = fill.context.quote;
  const items: CompletionItem[] = [];
  for (const name of new Set(list)) {
    if (!fill.matches(name)) continue;
    const insertText = quote ? insideString(name, quote) : written(name);
    if (insertText === undefined) continue;
    items.push(insertText === name ? { label: name, kind } : { label: name, kind, insertText });
  }
  return items;
}

/** The usual durations, and the typed number with each unit (`3` → `3s`, `3m`, …). */
function durationLabels(typed: string): string[] {
  const labels = [...STANDARD_DURATIONS];
  if (/^[0-9]+$/.test(typed)) labels.push(...DURATION_UNITS.map((unit) => typed + unit));
  return [...new Set(labels)];
}
