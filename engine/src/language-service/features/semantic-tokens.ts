/**
 * Semantic tokens for what YAML highlighting cannot see: expressions, series selectors, matcher
 * lists and templates inside scalars of every style (plain, quoted with escapes, `|` and `>`),
 * and the expressions of promqltest scripts. A token never spans lines: one written over several
 * (a folded string) is split. A rule file's tokens are kept per rule, relative to its start.
 */
import { lex, type TokenKind } from '../../template/lexer.js';
import type { Rule } from '../../rules/rule.js';
import type { ServiceContext } from '../language-service.js';
import { documentRange, type EmbeddedText } from '../embedded/embedded-text.js';
import { promqlTokens, type PromqlTokenRole } from '../embedded/promql-tokens.js';
import { embeddedTexts } from '../models/document-model.js';
import type { RuleFileModel } from '../models/rule-file/rule-file-model.js';
import type { SemanticToken, SemanticTokenModifier, SemanticTokenType, TextRange } from '../service-types.js';

const PROMQL_TYPES: Record<PromqlTokenRole, [SemanticTokenType, SemanticTokenModifier?]> = {
  function: ['function', 'defaultLibrary'],
  aggregation: ['keyword'],
  modifier: ['keyword'],
  keyword: ['keyword'],
  metric: ['variable'],
  label: ['property'],
  labelValue: ['string'],
  regex: ['regexp'],
  string: ['string'],
  number: ['number'],
  duration: ['number'],
  operator: ['operator'],
  comment: ['comment'],
};

const TEMPLATE_TYPES: Partial<Record<TokenKind, SemanticTokenType>> = {
  leftDelim: 'macro',
  rightDelim: 'macro',
  identifier: 'function',
  field: 'property',
  variable: 'variable',
  string: 'string',
  rawString: 'string',
  char: 'string',
  number: 'number',
  bool: 'keyword',
  nil: 'keyword',
  dot: 'variable',
  pipe: 'operator',
  assign: 'operator',
  declare: 'operator',
  if: 'keyword', else: 'keyword', end: 'keyword', range: 'keyword', with: 'keyword', define: 'keyword',
  template: 'keyword', block: 'keyword', break: 'keyword', continue: 'keyword',
};

/** Tokens in value coordinates. */
interface ValueToken {
  start: number;
  end: number;
  type: SemanticTokenType;
  modifier?: SemanticTokenModifier;
}

/** Per rule, relative to its start: rules an edit only moved keep them. */
const byRule = new WeakMap<Rule, SemanticToken[]>();

export function semanticTokens(ctx: ServiceContext, uri: string, range?: TextRange): SemanticToken[] {
  const model = ctx.workspace.model(uri);
  if (!model || model.kind === 'template') return [];
  if (model.kind === 'rules') return ruleFileTokens(model, range);
  const tokens = embeddedTexts(model).flatMap((e) => documentTokens(e));
  return range ? tokens.filter((t) => t.start < range.end && t.start + t.length > range.start) : tokens;
}

function ruleFileTokens(model: RuleFileModel, range: TextRange | undefined): SemanticToken[] {
  const tokens: SemanticToken[] = [];
  for (const entry of model.entries) {
    const { rule } = entry;
    if (range && (rule.range.end < range.start || rule.range.start > range.end)) continue;
    let relative = byRule.get(rule);
    if (!relative) {
      const at = rule.range.start;
      relative = model.embeddedOf(entry).flatMap((e) => documentTokens(e)).map((t) => ({ ...t, start: t.start - at }));
      byRule.set(rule, relative);
    }
    for (const t of relative) tokens.push({ ...t, start: t.start + rule.range.start });
  }
  return tokens;
}

function documentTokens(embedded: EmbeddedText): SemanticToken[] {
  const tokens: SemanticToken[] = [];
  for (const token of valueTokens(embedded)) {
    const { start, end } = documentRange(embedded, token.start, token.end);
    for (const piece of linePieces(embedded.source, start, end)) {
      tokens.push({ start: piece.start, length: piece.end - piece.start, type: token.type, ...(token.modifier && { modifiers: [token.modifier] }) });
    }
  }
  return tokens;
}

function valueTokens(embedded: EmbeddedText): ValueToken[] {
  const promql = (text: string, shift = 0): ValueToken[] =>
    promqlTokens(text).map((t) => {
      const [type, modifier] = PROMQL_TYPES[t.role];
      return { start: t.start - shift, end: t.end - shift, type, ...(modifier && { modifier }) };
    });
  switch (embedded.language) {
    case 'promql':
    case 'series':
      return promql(embedded.text);
    case 'matchers':
      return promql(`{${embedded.text}}`, 1).filter((t) => t.start >= 0 && t.end <= embedded.text.length);
    case 'template':
      return templateTokens(embedded.text);
  }
}

function templateTokens(text: string): ValueToken[] {
  if (!text.includes('{{')) return [];
  const tokens: ValueToken[] = [];
  for (const token of lex(text, { breakOK: true, continueOK: true })) {
    const type = TEMPLATE_TYPES[token.kind];
    if (type && token.end > token.start) tokens.push({ start: token.start, end: token.end, type });
  }
  return tokens;
}

/** The parts of [start, end) on each line, without the indentation of continuation lines. */
function linePieces(text: string, start: number, end: number): TextRange[] {
  const pieces: TextRange[] = [];
  let from = start;
  while (from < end) {
    const lineBreak = text.indexOf('\n', from);
    const to = lineBreak < 0 || lineBreak >= end ? end : lineBreak;
    const piece = { start: from, end: to > from && text[to - 1] === '\r' ? to - 1 : to };
    if (piece.end > piece.start) pieces.push(piece);
    from = to + 1;
    while (from < end && (text[from] === ' ' || text[from] === '\t')) from++;
  }
  return pieces;
}
