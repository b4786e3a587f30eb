/**
 * Quick fixes: take the suggestion of a "did you mean" message; replace an undefined receiver,
 * time interval or function with the closest defined one; turn deprecated `match`/`match_re`
 * into `matchers`. And a rewrite: print the expression at the cursor canonically.
 */
import { Matcher, RegexSyntaxError } from '../../labels/matcher.js';
import { formatMatcher } from '../../alertmanager/matchers/format-matchers.js';
import { FUNCTIONS } from '../../promql/functions.js';
import { closestWord } from '../../text/closest-word.js';
import type { YamlMap, YamlNode, YamlPair } from '../../yaml/tree.js';
import type { ServiceContext } from '../language-service.js';
import { containsOffset } from '../embedded/embedded-text.js';
import { DEPRECATED_MATCH_KEYS, DEPRECATED_MATCH_SOURCE, type AlertmanagerModel } from '../models/alertmanager-model.js';
import { embeddedTexts, type DocumentModel } from '../models/document-model.js';
import type { ServiceCodeAction, ServiceDiagnostic, TextRange } from '../service-types.js';
import { keyText, pairOf } from '../yaml/tree-access.js';
import { formatExpression } from './formatting.js';
import { timeIntervalNames } from './yaml-completion.js';
import { escapeForScalar } from './yaml-scalar-text.js';

export function codeActions(ctx: ServiceContext, uri: string, range: TextRange, diagnostics: readonly ServiceDiagnostic[]): ServiceCodeAction[] {
  const model = ctx.workspace.model(uri);
  if (!model) return [];
  const actions: ServiceCodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const replacement = suggestedReplacement(model, diagnostic);
    if (replacement !== undefined) {
      const target = unquoted(model.doc.text, diagnostic.range);
      actions.push({ title: `Change to "${replacement}"`, kind: 'quickfix', diagnostics: [diagnostic], edit: { [uri]: [{ range: target, newText: replacement }] }, isPreferred: true });
    }
    if (diagnostic.source === DEPRECATED_MATCH_SOURCE && model.kind === 'alertmanager') {
      const action = matchToMatchers(model, diagnostic);
      if (action) actions.push(action);
    }
  }
  if (model.kind !== 'template') {
    const embedded = embeddedTexts(model, range.start).find((e) => e.language === 'promql' && containsOffset(e, range.start));
    const edit = embedded && formatExpression(embedded);
    if (edit) actions.push({ title: 'Format expression', kind: 'refactor.rewrite', diagnostics: [], edit: { [uri]: [edit] } });
  }
  return actions;
}

/** The name a diagnostic's message suggests, or the closest known name to an undefined one. */
function suggestedReplacement(model: DocumentModel, diagnostic: ServiceDiagnostic): string | undefined {
  const suggested = /did you mean "([^"]+)"\?/.exec(diagnostic.message);
  if (suggested) return suggested[1];
  const undefinedName = /^undefined (receiver|time interval) "((?:[^"\\]|\\.)*)" used in route$/.exec(diagnostic.message);
  if (undefinedName && model.kind === 'alertmanager') {
    const known = undefinedName[1] === 'receiver' ? (model.loaded.config?.receivers.map((r) => r.name.value) ?? []) : timeIntervalNames(model);
    return closestWord(JSON.parse(`"${undefinedName[2]}"`) as string, known, 3);
  }
  const unknownFunction = /^unknown function with name "([^"]+)"$/.exec(diagnostic.message);
  if (unknownFunction) {
    const typed = unknownFunction[1]!;
    return closestWord(typed, [...FUNCTIONS.keys()].filter((name) => name.startsWith(typed))) ?? closestWord(typed, FUNCTIONS.keys(), 3);
  }
  return undefined;
}

/** The range without the quotes around a quoted word. */
function unquoted(text: string, range: TextRange): TextRange {
  const first = text[range.start];
  return (first === '"' || first === "'") && text[range.end - 1] === first && range.end - range.start >= 2 ? { start: range.start + 1, end: range.end - 1 } : range;
}

/** `match: {a: b}` and `match_re: {c: d}` become `matchers: ['a="b"', 'c=~"d"']`, when the mapping has no `matchers` yet. */
function matchToMatchers(model: AlertmanagerModel, diagnostic: ServiceDiagnostic): ServiceCodeAction | undefined {
  const pair = model.deprecatedMatchPairs().find((p) => p.key.range.start === diagnostic.range.start);
  if (!pair || pair.value.kind !== 'map') return undefined;
  const key = keyText(pair)!;
  const { replacement, regex } = DEPRECATED_MATCH_KEYS[key]!;
  const parent = parentMapOf(model.tree.root, pair);
  if (parent && pairOf(parent, replacement)) return undefined;
  const matchers: string[] = [];
  for (const entry of pair.value.pairs) {
    if (entry.key.kind !== 'scalar' || entry.value.kind !== 'scalar') return undefined;
    try {
      matchers.push(formatMatcher(new Matcher(entry.key.text, regex ? '=~' : '=', entry.value.text)));
    } catch (e) {
      if (e instanceof RegexSyntaxError) return undefined;
      throw e;
    }
  }
  const text = model.doc.text;
  const column = pair.key.range.start - (text.lastIndexOf('\n', pair.key.range.start - 1) + 1);
  const items = matchers.map((m) => `${' '.repeat(column + 2)}- '${escapeForScalar(m, 'QUOTE_SINGLE')}'`);
  const newText = [`${replacement}:`, ...items].join('\n').replace(/^ +/, '');
  const end = Math.max(pair.value.range.end, pair.key.range.end);
  return {
    title: `Replace \`${key}\` with \`${replacement}\``,
    kind: 'quickfix',
    diagnostics: [diagnostic],
    edit: { [model.doc.uri]: [{ range: { start: pair.key.range.start, end }, newText }] },
    isPreferred: true,
  };
}

function parentMapOf(node: YamlNode | undefined, pair: YamlPair): YamlMap | undefined {
  if (!node || node.kind === 'scalar') return undefined;
  if (node.kind === 'map' && node.pairs.includes(pair)) return node;
  const children = node.kind === 'map' ? node.pairs.map((p) => p.value) : node.items;
  for (const child of children) {
    const found = parentMapOf(child, pair);
    if (found) return found;
  }
  return undefined;
}
