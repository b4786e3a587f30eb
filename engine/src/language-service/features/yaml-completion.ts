/**
 * Completion in the YAML structure: the keys that fit the mapping at the cursor (not those already
 * there), snippets for new list items (a rule, a route, a receiver, a test), and values: receiver
 * and time-interval names, label names, severities, alert names, durations, booleans.
 */
import { ALERT_SEVERITIES, SEVERITY_LABEL } from '../../severity/severity.js';
import { STANDARD_DURATIONS } from '../../promql/complete/static-items.js';
import { dirname, relative } from 'node:path';
import type { ServiceContext } from '../language-service.js';
import type { SourceDocument } from '../documents/source-document.js';
import { uriToPath } from '../documents/uri-path.js';
import type { DocumentModel } from '../models/document-model.js';
import type { DocumentKind, ServiceCompletionItem, TextRange } from '../service-types.js';
import type { LineContext } from '../yaml/line-context.js';
import { itemSnippetsAt, keysAt, scalarTypeAt, type ItemSnippet, type KeySpec } from './key-catalog.js';
import { nameProvider } from './embedded-completion.js';
import { isLoneTypedWord, type TypedWord } from './typed-word.js';
import { valueOf, itemsOf } from '../yaml/tree-access.js';

/** Maps whose keys are label names. */
const LABEL_MAPS = new Set(['labels', 'exp_labels', 'external_labels', 'match', 'match_re', 'source_match', 'source_match_re', 'target_match', 'target_match_re']);
const ANNOTATION_NAMES: [string, string][] = [
  ['summary', 'One line about what happened.'],
  ['description', 'The details: what, where, how bad.'],
  ['runbook_url', 'Where the steps to take are written down.'],
  ['dashboard', 'A link to the dashboard to look at.'],
];

export function completeYaml(ctx: ServiceContext, model: DocumentModel, context: LineContext): ServiceCompletionItem[] {
  const { kind } = model;
  const range = context.typed;
  const names = namesAround(ctx, model.doc, range);
  if (context.at === 'value') return valueItems(ctx, names, model, context.path, context.key!, range);
  const parentList = context.key ?? (context.path[context.path.length - 1] === '-' ? context.path[context.path.length - 2] : undefined);
  if (context.at === 'item' || (context.newItem && parentList !== undefined && scalarListItems(ctx, names, model, parentList, range).length > 0)) {
    return parentList === undefined ? [] : scalarListItems(ctx, names, model, parentList, range);
  }
  const items: ServiceCompletionItem[] = [];
  const keys = keysAt(kind as DocumentKind, context.path);
  if (keys) {
    for (const spec of keys) {
      if (context.siblings.includes(spec.name) || spec.excludes?.some((other) => context.siblings.includes(other))) continue;
      items.push(keyItem(spec, context.column, range));
    }
  } else {
    items.push(...mapKeyItems(names, context.path, range));
  }
  if (context.newItem) {
    for (const snippet of itemSnippetsAt(kind as DocumentKind, context.path.slice(0, -1))) items.push(snippetItem(snippet, context.column, '', range));
  } else if (context.atListColumn) {
    for (const snippet of itemSnippetsAt(kind as DocumentKind, context.path)) items.push(snippetItem(snippet, context.column + 2, '- ', range));
  }
  return items;
}

function keyItem(spec: KeySpec, column: number, range: TextRange): ServiceCompletionItem {
  const below = ' '.repeat(column + 2);
  const insertText =
    spec.shape === 'scalar' ? `${spec.name}: ${spec.example !== undefined ? `\${1:${spec.example}}` : '$1'}`
    : spec.shape === 'map' ? `${spec.name}:\n${below}$1`
    : `${spec.name}:\n${below}- $1`;
  return {
    label: spec.name,
    kind: 'property',
    documentation: spec.doc,
    ...(spec.deprecated && { detail: 'deprecated' }),
    insertText,
    snippet: true,
    range,
    sortText: `${spec.deprecated ? 1 : 0}${spec.name}`,
  };
}

function snippetItem(snippet: ItemSnippet, column: number, prefix: string, range: TextRange): ServiceCompletionItem {
  const [first = '', ...rest] = snippet.lines;
  const insertText = [prefix + first, ...rest.map((line) => ' '.repeat(column) + line)].join('\n');
  return { label: snippet.label, kind: 'snippet', documentation: snippet.doc, insertText, snippet: true, range, sortText: `~${snippet.label}`, filterText: first.split(':')[0] };
}

/** Label names and values from the workspace and Prometheus; not the word being typed when only the cursor names it. */
interface SeenNames {
  labelNames(): string[];
  labelValues(label: string): string[];
}

function namesAround(ctx: ServiceContext, doc: SourceDocument, typed: TextRange): SeenNames {
  const end = typed.end + /^[^\s,\]}"'#]*/.exec(doc.text.slice(typed.end, typed.end + 256))![0].length;
  const word: TypedWord = { uri: doc.uri, text: doc.text.slice(typed.start, end), range: { start: typed.start, end } };
  const provider = nameProvider(ctx);
  return {
    labelNames: () => provider.labelNames().filter((name) => name !== '__name__' && !isLoneTypedWord(ctx, name, { kind: 'labelName' }, word)),
    labelValues: (label) => provider.labelValues(label).filter((value) => !isLoneTypedWord(ctx, value, { kind: 'labelValue', label }, word)),
  };
}

/** Keys of maps whose keys are label or annotation names. */
function mapKeyItems(names: SeenNames, path: readonly string[], range: TextRange): ServiceCompletionItem[] {
  const map = path[path.length - 1];
  if (map === 'annotations') return ANNOTATION_NAMES.map(([name, doc]) => ({ label: name, kind: 'property', documentation: doc, insertText: `${name}: $1`, snippet: true, range }));
  if (!map || !LABEL_MAPS.has(map)) return [];
  return [...new Set([SEVERITY_LABEL, ...names.labelNames()])].map((name) => ({ label: name, kind: 'label', insertText: `${name}: $1`, snippet: true, range }));
}

function valueItems(ctx: ServiceContext, names: SeenNames, model: DocumentModel, path: readonly string[], key: string, range: TextRange): ServiceCompletionItem[] {
  const plain = (labels: Iterable<string>, kind: ServiceCompletionItem['kind'] = 'value', detail?: string) =>
    [...labels].map((label, i): ServiceCompletionItem => ({ label, kind, range, sortText: String(i).padStart(5, '0'), ...(detail !== undefined && { detail }) }));
  const type = scalarTypeAt(model.kind, path, key);
  if (type === 'duration') return plain(STANDARD_DURATIONS, 'duration');
  if (type === 'bool') return plain(['true', 'false'], 'keyword');
  const parent = path[path.length - 1];
  if (key === SEVERITY_LABEL && parent !== undefined && LABEL_MAPS.has(parent)) return plain(new Set([...ALERT_SEVERITIES, ...names.labelValues(SEVERITY_LABEL)]), 'enum');
  if (model.kind === 'alertmanager' && key === 'receiver') return plain(receiverNames(model), 'reference', 'receiver');
  if (model.kind === 'unit-test' && key === 'alertname') return plain(ctx.names.alertNames(), 'reference', 'alerting rule');
  if (parent !== undefined && LABEL_MAPS.has(parent)) return plain(names.labelValues(key));
  return [];
}

/** Items of lists of names: time intervals, label names, rule files. */
function scalarListItems(ctx: ServiceContext, names: SeenNames, model: DocumentModel, list: string, range: TextRange): ServiceCompletionItem[] {
  const plain = (labels: Iterable<string>, kind: ServiceCompletionItem['kind'], detail?: string) =>
    [...labels].map((label): ServiceCompletionItem => ({ label, kind, range, ...(detail !== undefined && { detail }) }));
  if (model.kind === 'alertmanager') {
    if (list === 'mute_time_intervals' || list === 'active_time_intervals') return plain(timeIntervalNames(model), 'reference', 'time interval');
    if (list === 'group_by') return plain(['...', ...names.labelNames()], 'label');
    if (list === 'equal') return plain(names.labelNames(), 'label');
  }
  if (model.kind === 'unit-test' && list === 'rule_files') return plain(ruleFilePaths(ctx, model.doc), 'reference', 'rule file');
  return [];
}

function receiverNames(model: Extract<DocumentModel, { kind: 'alertmanager' }>): string[] {
  return namesIn(model, 'receivers');
}

export function timeIntervalNames(model: Extract<DocumentModel, { kind: 'alertmanager' }>): string[] {
  return [...namesIn(model, 'time_intervals'), ...namesIn(model, 'mute_time_intervals')];
}

/** The `name` of each item of a top-level list, read from the tree so that it works before the config loads. */
function namesIn(model: Extract<DocumentModel, { kind: 'alertmanager' }>, list: string): string[] {
  return itemsOf(valueOf(model.tree.root, list)).flatMap((item) => {
    const name = valueOf(item, 'name');
    return name?.kind === 'scalar' && name.text !== '' ? [name.text] : [];
  });
}

/** The workspace's rule files, relative to the unit-test file. */
function ruleFilePaths(ctx: ServiceContext, doc: SourceDocument): string[] {
  const from = uriToPath(doc.uri);
  if (from === undefined) return [];
  const paths: string[] = [];
  for (const model of ctx.workspace.modelsOf('rules')) {
    const path = uriToPath(model.doc.uri);
    if (path !== undefined) paths.push(relative(dirname(from), path));
  }
  return paths.sort();
}
