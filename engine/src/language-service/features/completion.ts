/**
 * Completion: inside an embedded expression, template or matcher list, what fits there; in the
 * YAML structure, keys, list-item snippets and values; in promqltest scripts, commands.
 */
import { decodeFlowScalar } from '../../yaml/scalar-decode.js';
import type { ServiceContext } from '../language-service.js';
import { embeddedVerbatim, type EmbeddedLanguage, type EmbeddedText } from '../embedded/embedded-text.js';
import { embeddedAtCursor, type DocumentModel } from '../models/document-model.js';
import type { ServiceCompletionItem, ServiceCompletionList } from '../service-types.js';
import { lineContextAt, type LineContext } from '../yaml/line-context.js';
import { completeEmbedded } from './embedded-completion.js';
import { completeYaml } from './yaml-completion.js';

const NOTHING: ServiceCompletionList = { items: [], isIncomplete: false };

export async function complete(ctx: ServiceContext, uri: string, offset: number): Promise<ServiceCompletionList> {
  const model = ctx.workspace.model(uri);
  if (!model || model.kind === 'template') return NOTHING;
  const embedded = embeddedAtCursor(model, offset);
  if (embedded) return completeEmbedded(ctx, uri, embedded, offset);
  if (model.kind === 'promql-test') return { items: scriptCommands(model.doc.text, offset), isIncomplete: false };
  const context = lineContextAt(model.doc.text, offset);
  if (!context) return NOTHING;
  const typedEmbedded = embeddedBeingTyped(model, context, offset);
  if (typedEmbedded) return completeEmbedded(ctx, uri, typedEmbedded, offset);
  return { items: completeYaml(ctx, model, context), isIncomplete: false };
}

/**
 * Where the YAML has no scalar yet (`expr: ` with nothing after it) or does not parse: the rest of
 * the line, decoded up to its closing quote when it starts with one.
 */
function embeddedBeingTyped(model: DocumentModel, context: LineContext, offset: number): EmbeddedText | undefined {
  const language = languageOf(model.kind, context);
  if (!language) return undefined;
  const text = model.doc.text;
  const lineBreak = text.indexOf('\n', offset);
  const lineEnd = lineBreak < 0 ? text.length : text[lineBreak - 1] === '\r' ? lineBreak - 1 : lineBreak;
  const start = context.typed.start;
  const quote = text[start - 1];
  if (quote !== '"' && quote !== "'") return embeddedVerbatim(language, text.slice(start, lineEnd), start, text);
  const style = quote === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
  const closing = closingQuote(text, start, lineEnd, quote);
  // Without a closing quote, decoding stops at the end of the line as if one stood there.
  const end = closing === undefined ? lineEnd + 1 : closing + 1;
  const { text: value, offsets } = decodeFlowScalar(style, text, start - 1, end);
  return { language, text: value, offsets, range: { start: start - 1, end: Math.min(end, lineEnd) }, source: text, style };
}

/** The quote that ends a quoted scalar opened just before `from`, on the same line. */
function closingQuote(text: string, from: number, lineEnd: number, quote: '"' | "'"): number | undefined {
  for (let i = from; i < lineEnd; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return undefined;
}

function languageOf(kind: DocumentModel['kind'], context: LineContext): EmbeddedLanguage | undefined {
  const path = context.path.join('/');
  const parent = context.path[context.path.length - 2];
  if (context.at === 'value') {
    if (context.key === 'expr' && (path === 'groups/-/rules/-' || path === 'tests/-/promql_expr_test/-')) return 'promql';
    if (kind === 'unit-test' && (context.key === 'series' || context.key === 'labels')) return 'series';
    return undefined;
  }
  if (kind === 'alertmanager' && context.path[context.path.length - 1] === '-' && (parent === 'matchers' || parent === 'source_matchers' || parent === 'target_matchers')) return 'matchers';
  return undefined;
}

const COMMANDS: [string, string, string][] = [
  ['load', 'load ${1:5m}\n\t${2:metric{label="value"\\}} ${3:0+1x10}', 'Loads series, one per line, with samples every interval.'],
  ['eval instant', 'eval instant at ${1:10m} ${2:expression}\n\t${3}', 'Evaluates an expression at one time; the expected series follow, one per line.'],
  ['eval range', 'eval range from ${1:0} to ${2:10m} step ${3:1m} ${4:expression}\n\t${5}', 'Evaluates an expression over a range of times.'],
  ['clear', 'clear', 'Removes all loaded series.'],
  ['expect fail', 'expect fail', 'The evaluation must fail.'],
  ['expect warn', 'expect warn', 'The evaluation must give a warning.'],
  ['expect info', 'expect info', 'The evaluation must give an info annotation.'],
  ['expect ordered', 'expect ordered', 'The series must come in the order listed.'],
];

/** Commands at the start of a line of a promqltest script. */
function scriptCommands(text: string, offset: number): ServiceCompletionItem[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (!/^\s*[a-z_ ]*$/.test(before)) return [];
  const typedStart = lineStart + before.length - before.trimStart().length;
  return COMMANDS.map(([label, insertText, documentation]) => ({ label, kind: 'keyword', insertText, snippet: true, documentation, range: { start: typedStart, end: offset } }));
}
