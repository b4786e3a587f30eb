/**
 * Writing a new value into an existing YAML scalar in its own style: plain when the value can be
 * plain (double-quoted otherwise), quoted with that style's escapes, or a block scalar's body at
 * its indentation. The edit is checked by reading it back.
 */
import type { TextRange } from '../../promql/ast.js';
import { readWithYamlPackage } from '../../yaml/from-yaml-package.js';
import type { ScalarStyle } from '../../yaml/scalar-decode.js';
import type { TextEdit } from '../service-types.js';

const PLAIN_UNSAFE_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

/** The edit that makes the scalar at `range` (in `style`) read as `value`; undefined when it cannot be written so. */
export function rewriteScalar(text: string, range: TextRange, style: ScalarStyle, value: string): TextEdit | undefined {
  if (value.includes('\n')) return undefined;
  if (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') return rewriteBlockBody(text, range, value);
  const newText =
    style === 'QUOTE_SINGLE' ? `'${escapeForScalar(value, style)}'`
    : style === 'PLAIN' && canBePlain(value) ? value
    : `"${escapeForScalar(value, 'QUOTE_DOUBLE')}"`;
  return readsAs(newText, value) ? { range, newText } : undefined;
}

/** The text as it is written inside quotes of the style; other styles take it as it is. */
export function escapeForScalar(text: string, style: ScalarStyle | undefined): string {
  if (style === 'QUOTE_DOUBLE') return text.replace(/[\\"]/g, '\\$&');
  if (style === 'QUOTE_SINGLE') return text.replaceAll("'", "''");
  return text;
}

function canBePlain(value: string): boolean {
  return value !== '' && !PLAIN_UNSAFE_START.test(value) && !/\s$/.test(value) && !value.includes(': ') && !value.includes(' #') && !value.endsWith(':');
}

function readsAs(scalar: string, value: string): boolean {
  const tree = readWithYamlPackage(`k: ${scalar}\n`, 'yaml.v3');
  const root = tree.root;
  return tree.problems.length === 0 && root?.kind === 'map' && root.pairs[0]?.value.kind === 'scalar' && root.pairs[0].value.text === value;
}

/** Replaces the content lines of a block scalar (the header stays) with one line at their indentation. */
function rewriteBlockBody(text: string, range: TextRange, value: string): TextEdit | undefined {
  const headerEnd = text.indexOf('\n', range.start);
  if (headerEnd < 0 || headerEnd >= range.end) return undefined;
  const body = text.slice(headerEnd + 1, range.end);
  const indent = /^( *)\S/m.exec(body)?.[1];
  if (indent === undefined || indent === '') return undefined;
  const contentEnd = headerEnd + 1 + body.trimEnd().length;
  return { range: { start: headerEnd + 1, end: contentEnd }, newText: indent + value };
}
