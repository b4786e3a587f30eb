/**
 * The things a file names and others refer to by name: receivers and time intervals (within an
 * Alertmanager config), recording rules (their series, read by expressions anywhere), alerting
 * rules (named by unit tests) and templates (defined and used in template files and configs).
 * For each: what is at an offset, and every place that names it.
 */
import type { TextRange } from '../../promql/ast.js';
import type { YamlNode } from '../../yaml/tree.js';
import type { ServiceContext } from '../language-service.js';
import { documentRange, type EmbeddedText } from '../embedded/embedded-text.js';
import { promqlTokens } from '../embedded/promql-tokens.js';
import { templateNameUses } from '../embedded/template-names.js';
import type { AlertmanagerModel } from '../models/alertmanager-model.js';
import type { DocumentModel } from '../models/document-model.js';
import type { RuleEntry, RuleFileModel } from '../models/rule-file/rule-file-model.js';
import { itemsOf, valueOf } from '../yaml/tree-access.js';
import { alertTests } from './unit-test-places.js';

export type NamedKind = 'receiver' | 'timeInterval' | 'recordingRule' | 'alertingRule' | 'template';

export interface NamedThing {
  kind: NamedKind;
  name: string;
  /** For receivers and time intervals: the config they belong to. */
  scope?: string;
}

export interface Occurrence {
  uri: string;
  range: TextRange;
  definition: boolean;
}

/** The named thing at the offset, and the range of its name there. */
export function namedThingAt(ctx: ServiceContext, uri: string, offset: number): { thing: NamedThing; range: TextRange } | undefined {
  const model = ctx.workspace.model(uri);
  if (!model) return undefined;
  const found: Found[] = [];
  if (model.kind === 'rules') {
    const entry = model.entryAt(offset);
    if (entry) ruleNames(model, [entry], (thing, range, definition) => found.push({ found: { thing, range }, range, definition }), undefined);
  } else found.push(...occurrencesIn(ctx, model));
  return found.find((o) => o.range.start <= offset && offset <= o.range.end)?.found;
}

/** Every occurrence of the thing in the workspace. */
export function occurrencesOf(ctx: ServiceContext, thing: NamedThing): Occurrence[] {
  const models: DocumentModel[] =
    thing.scope !== undefined ? [ctx.workspace.model(thing.scope)].filter((m): m is DocumentModel => m !== undefined)
    : thing.kind === 'recordingRule' ? [...ctx.workspace.modelsOf('rules'), ...ctx.workspace.modelsOf('unit-test'), ...ctx.workspace.modelsOf('promql-test')]
    : thing.kind === 'alertingRule' ? [...ctx.workspace.modelsOf('rules'), ...ctx.workspace.modelsOf('unit-test')]
    : [...ctx.workspace.modelsOf('template'), ...ctx.workspace.modelsOf('alertmanager')];
  const found: Occurrence[] = [];
  for (const model of models) {
    for (const o of occurrencesIn(ctx, model, thing)) {
      if (o.found.thing.kind === thing.kind && o.found.thing.name === thing.name) found.push({ uri: model.doc.uri, range: o.range, definition: o.definition });
    }
  }
  return found;
}

interface Found {
  found: { thing: NamedThing; range: TextRange };
  range: TextRange;
  definition: boolean;
}

/** Every occurrence of a named thing in one document; only of `only`'s kind and name when given (faster). */
function occurrencesIn(ctx: ServiceContext, model: DocumentModel, only?: NamedThing): Found[] {
  const out: Found[] = [];
  const add = (thing: NamedThing, range: TextRange, definition: boolean) => out.push({ found: { thing, range }, range, definition });
  switch (model.kind) {
    case 'alertmanager':
      alertmanagerNames(model, add);
      for (const e of model.embedded()) if (e.language === 'template') templateNames(e, add);
      break;
    case 'template':
      for (const use of model.names) add({ kind: 'template', name: use.name }, { start: use.start, end: use.end }, use.defines);
      break;
    case 'rules':
      ruleNames(model, model.entries, add, only);
      break;
    case 'unit-test': {
      if (!only || only.kind === 'alertingRule') for (const test of alertTests(model)) add({ kind: 'alertingRule', name: test.alertname }, scalarTextRange(model.doc.text, test.nameNode), false);
      if (!only || only.kind === 'recordingRule') for (const e of model.embedded()) metricNames(ctx, e, add, only?.name);
      break;
    }
    case 'promql-test':
      if (!only || only.kind === 'recordingRule') for (const e of model.embedded()) metricNames(ctx, e, add, only?.name);
      break;
  }
  return out;
}

type Add = (thing: NamedThing, range: TextRange, definition: boolean) => void;

function alertmanagerNames(model: AlertmanagerModel, add: Add): void {
  const scope = model.doc.uri;
  const text = model.doc.text;
  const root = model.tree.root;
  for (const receiver of itemsOf(valueOf(root, 'receivers'))) {
    const name = valueOf(receiver, 'name');
    if (name?.kind === 'scalar' && name.text !== '') add({ kind: 'receiver', name: name.text, scope }, scalarTextRange(text, name), true);
  }
  for (const list of ['time_intervals', 'mute_time_intervals']) {
    for (const interval of itemsOf(valueOf(root, list))) {
      const name = valueOf(interval, 'name');
      if (name?.kind === 'scalar' && name.text !== '') add({ kind: 'timeInterval', name: name.text, scope }, scalarTextRange(text, name), true);
    }
  }
  const visitRoute = (route: YamlNode | undefined) => {
    const receiver = valueOf(route, 'receiver');
    if (receiver?.kind === 'scalar' && receiver.text !== '') add({ kind: 'receiver', name: receiver.text, scope }, scalarTextRange(text, receiver), false);
    for (const list of ['mute_time_intervals', 'active_time_intervals']) {
      for (const item of itemsOf(valueOf(route, list))) {
        if (item.kind === 'scalar' && item.text !== '') add({ kind: 'timeInterval', name: item.text, scope }, scalarTextRange(text, item), false);
      }
    }
    for (const child of itemsOf(valueOf(route, 'routes'))) visitRoute(child);
  };
  visitRoute(valueOf(root, 'route'));
}

function templateNames(embedded: EmbeddedText, add: Add): void {
  for (const use of templateNameUses(embedded.text)) add({ kind: 'template', name: use.name }, documentRange(embedded, use.start, use.end), use.defines);
}

function ruleNames(model: RuleFileModel, entries: readonly RuleEntry[], add: Add, only: NamedThing | undefined): void {
  const text = model.doc.text;
  for (const entry of entries) {
    const { rule } = entry;
    const nameRange = rule.positions?.name;
    const kind = rule.kind === 'record' ? 'recordingRule' : 'alertingRule';
    if (nameRange && (!only || (only.kind === kind && only.name === rule.name))) add({ kind, name: rule.name }, trimQuotes(text, nameRange), true);
    if (only && (only.kind !== 'recordingRule' || !rule.exprText.includes(only.name))) continue;
    for (const e of model.embeddedOf(entry)) metricNames(undefined, e, add, only?.name);
  }
}

/** Series names in an expression that recording rules write (all names when no context is given to tell). */
function metricNames(ctx: ServiceContext | undefined, embedded: EmbeddedText, add: Add, only?: string): void {
  if (embedded.language !== 'promql' && embedded.language !== 'series') return;
  if (only !== undefined && !embedded.text.includes(only)) return;
  for (const token of promqlTokens(embedded.text)) {
    if (token.role !== 'metric' || (only !== undefined && token.image !== only)) continue;
    if (ctx && only === undefined && ctx.names.rulesNamed(token.image, 'record').length === 0) continue;
    add({ kind: 'recordingRule', name: token.image }, documentRange(embedded, token.start, token.end), false);
  }
}

/** The characters of a scalar's value: without quotes. */
export function scalarTextRange(text: string, node: YamlNode): TextRange {
  return trimQuotes(text, node.range);
}

function trimQuotes(text: string, range: TextRange): TextRange {
  const first = text[range.start];
  if ((first === '"' || first === "'") && range.end - range.start >= 2 && text[range.end - 1] === first) return { start: range.start + 1, end: range.end - 1 };
  return range;
}
