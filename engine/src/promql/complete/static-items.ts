/**
 * Completion items that do not depend on the data: functions and aggregations from the function
 * table, operators, keywords, durations and special numbers.
 */
import type { ValueType } from '../ast.js';
import {
  AGGREGATIONS,
  FUNCTIONS,
  functionArity,
  type AggregationSignature,
  type FunctionSignature,
} from '../functions.js';
import { documentedType } from '../types.js';
import type { Keyword } from './kinds.js';
import type { CompletionItem } from './candidates.js';

const EXPERIMENTAL_NOTE =
  'Experimental: Prometheus accepts it only with `--enable-feature=promql-experimental-functions`.';

function withExperimentalNote(doc: string, experimental: boolean): string {
  return experimental ? `${doc}\n\n${EXPERIMENTAL_NOTE}` : doc;
}

function markExperimental(detail: string, experimental: boolean): string {
  return experimental ? `${detail} (experimental)` : detail;
}

/** `round(instant vector[, scalar]) → instant vector`, `label_join(instant vector, string, string, string...)`. */
export function signatureText(signature: FunctionSignature): string {
  const types = signature.argTypes.map(documentedType);
  const { min } = functionArity(signature);
  let args: string;
  if (signature.variadic > 0) {
    const optional = types.slice(min).map((t) => `[, ${t}]`).join('');
    args = types.slice(0, min).join(', ') + optional;
  } else {
    args = types.join(', ') + (signature.variadic < 0 ? '...' : '');
  }
  return `${signature.name}(${args}) → ${documentedType(signature.returnType)}`;
}

function placeholder(type: ValueType, index: number): string {
  return type === 'string' ? `"\${${index}}"` : `\${${index}}`;
}

/** `rate(${1})`, `label_replace(${1}, "${2}", …)`: the required arguments as tab stops. */
function callSnippet(name: string, argTypes: readonly ValueType[]): string {
  return `${name}(${argTypes.map((t, i) => placeholder(t, i + 1)).join(', ')})`;
}

function functionItem(signature: FunctionSignature, withSnippet: boolean): CompletionItem {
  const item: CompletionItem = {
    label: signature.name,
    kind: 'function',
    detail: markExperimental(signatureText(signature), signature.experimental),
    documentation: withExperimentalNote(signature.doc, signature.experimental),
  };
  if (!withSnippet) return item;
  const required = signature.argTypes.slice(0, functionArity(signature).min);
  if (required.length === 0) return { ...item, insertText: `${signature.name}()` };
  return { ...item, insertText: callSnippet(signature.name, required), snippet: true };
}

function aggregationItem(aggregation: AggregationSignature, withSnippet: boolean): CompletionItem {
  const argTypes: ValueType[] = aggregation.paramType ? [aggregation.paramType, 'vector'] : ['vector'];
  const item: CompletionItem = {
    label: aggregation.name,
    kind: 'aggregation',
    detail: markExperimental('aggregation', aggregation.experimental),
    documentation: withExperimentalNote(aggregation.doc, aggregation.experimental),
  };
  return withSnippet ? { ...item, insertText: callSnippet(aggregation.name, argTypes), snippet: true } : item;
}

/** Items with snippets, and without for when a `(` already follows the cursor. */
export const FUNCTION_ITEMS = {
  withSnippet: [...FUNCTIONS.values()].map((f) => functionItem(f, true)),
  plain: [...FUNCTIONS.values()].map((f) => functionItem(f, false)),
};

export const AGGREGATION_ITEMS = {
  withSnippet: [...AGGREGATIONS.values()].map((a) => aggregationItem(a, true)),
  plain: [...AGGREGATIONS.values()].map((a) => aggregationItem(a, false)),
};

export const AGGREGATION_MODIFIER_ITEMS: readonly CompletionItem[] = [
  {
    label: 'by',
    kind: 'aggregationModifier',
    documentation: 'Keeps only the listed labels: one result per distinct combination of their values.',
    insertText: 'by (${1})',
    snippet: true,
  },
  {
    label: 'without',
    kind: 'aggregationModifier',
    documentation: 'Drops the listed labels and aggregates over them, keeping all others.',
    insertText: 'without (${1})',
    snippet: true,
  },
];

function operators(kind: 'binaryOperator' | 'matchOperator', detail: string, list: [string, string][]): CompletionItem[] {
  return list.map(([label, documentation]) => ({ label, kind, detail, documentation }));
}

export const BINARY_OPERATOR_ITEMS: readonly CompletionItem[] = [
  ...operators('binaryOperator', 'arithmetic operator', [
    ['+', 'Addition.'],
    ['-', 'Subtraction.'],
    ['*', 'Multiplication.'],
    ['/', 'Division.'],
    ['%', 'Modulo.'],
    ['^', 'Power.'],
    ['atan2', 'Arc tangent of the left side divided by the right side, in radians.'],
  ]),
  ...operators('binaryOperator', 'comparison operator', [
    ['==', 'Equal: keeps the samples for which it holds (with `bool`: 1 or 0).'],
    ['!=', 'Not equal: keeps the samples for which it holds (with `bool`: 1 or 0).'],
    ['>', 'Greater than: keeps the samples for which it holds (with `bool`: 1 or 0).'],
    ['<', 'Less than: keeps the samples for which it holds (with `bool`: 1 or 0).'],
    ['>=', 'Greater or equal: keeps the samples for which it holds (with `bool`: 1 or 0).'],
    ['<=', 'Less or equal: keeps the samples for which it holds (with `bool`: 1 or 0).'],
  ]),
  ...operators('binaryOperator', 'set operator', [
    ['and', 'Intersection: samples of the left side that have a match on the right side.'],
    ['or', 'Union: all samples of the left side, plus those of the right side without a match on the left.'],
    ['unless', 'Complement: samples of the left side that have no match on the right side.'],
  ]),
];

export const MATCH_OPERATOR_ITEMS: readonly CompletionItem[] = operators('matchOperator', 'label matcher', [
  ['=', 'The label equals the value.'],
  ['!=', 'The label differs from the value.'],
  ['=~', 'The label fully matches the regular expression (RE2).'],
  ['!~', 'The label does not fully match the regular expression (RE2).'],
]);

export const KEYWORD_ITEMS: ReadonlyMap<Keyword, CompletionItem> = new Map<Keyword, CompletionItem>(
  (
    [
      ['bool', 'A comparison returns 1 or 0 instead of filtering.'],
      ['on', 'Matches series on the listed labels only.', 'on(${1})'],
      ['ignoring', 'Matches series on all labels except the listed ones.', 'ignoring(${1})'],
      ['group_left', 'Many-to-one matching: each series on the right may match several on the left.'],
      ['group_right', 'One-to-many matching: each series on the left may match several on the right.'],
      ['offset', 'Shifts the time the selector reads by a duration into the past.'],
      ['@', 'Evaluates the selector at a fixed Unix timestamp, or at `start()` / `end()` of the query.'],
      ['start()', 'The start of the range query (the evaluation time of an instant query).'],
      ['end()', 'The end of the range query (the evaluation time of an instant query).'],
    ] as [Keyword, string, string?][]
  ).map(([label, documentation, snippet]) => [
    label,
    { label, kind: 'keyword', documentation, ...(snippet && { insertText: snippet, snippet: true }) },
  ]),
);

export const STANDARD_DURATIONS: readonly string[] = [
  '30s', '1m', '2m', '5m', '10m', '15m', '30m', '1h', '2h', '6h', '12h', '1d', '7d', '30d',
];
export const DURATION_UNITS: readonly string[] = ['s', 'm', 'h', 'd', 'w', 'y', 'ms'];

export const NUMBER_ITEMS: readonly CompletionItem[] = [
  { label: 'Inf', kind: 'number', documentation: 'Positive infinity (`-Inf` for negative).' },
  { label: 'NaN', kind: 'number', documentation: 'Not a number.' },
];
