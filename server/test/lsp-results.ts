/** Reading what the server answers: ranges in a text, edits applied to it, semantic tokens decoded. */
import type { Position, Range, SemanticTokens, TextEdit } from 'vscode-languageserver/node';
import { SEMANTIC_TOKEN_TYPES } from '@klaxon/engine';

export function offsetIn(text: string, position: Position): number {
  return text.split('\n').slice(0, position.line).reduce((n, l) => n + l.length + 1, 0) + position.character;
}

/** The text a range covers. */
export function textIn(text: string, range: Range): string {
  return text.slice(offsetIn(text, range.start), offsetIn(text, range.end));
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e) => ({ start: offsetIn(text, e.range.start), end: offsetIn(text, e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  for (const e of sorted) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return text;
}

/** LSP's relative token encoding as [text, type] pairs. */
export function decodeTokens(text: string, tokens: SemanticTokens): [string, string][] {
  const lines = text.split('\n');
  const out: [string, string][] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type] = tokens.data.slice(i, i + 4) as [number, number, number, number];
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    out.push([lines[line]!.slice(character, character + length), SEMANTIC_TOKEN_TYPES[type]!]);
  }
  return out;
}
