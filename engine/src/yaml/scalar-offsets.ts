/**
 * Maps offsets inside a YAML scalar's value to offsets in the file, so that an error inside an
 * expression embedded in YAML points at the right character in every scalar style.
 */
import type { YamlScalar } from './tree.js';
import type { Problem } from '../errors.js';
import type { TextRange } from '../promql/ast.js';
import { decodeScalar, type ScalarStyle } from './scalar-decode.js';

/** The parts of a scalar node that the mapping needs; `yaml`'s Scalar has this shape. */
export interface LocatedScalar {
  type?: string | null;
  range?: readonly number[] | null;
  value: unknown;
  /** The scalar's text before tag resolution (`1.0` for the number 1); used when present. */
  source?: string;
}

/** Returns, for each index of `value` (and one past its end), the file offset it came from. */
export function scalarOffsets(node: LocatedScalar, source: string): number[] {
  const value = valueOf(node);
  const start = node.range?.[0] ?? 0;
  const valueEnd = node.range?.[1] ?? start;
  const style = node.type as ScalarStyle | null | undefined;
  if (style) {
    const from = verbatimStart(style, value, source, start, valueEnd);
    if (from >= 0) {
      const offsets = new Array<number>(value.length + 1);
      for (let i = 0; i <= value.length; i++) offsets[i] = from + i;
      return offsets;
    }
    for (const decoded of decodeScalar(style, source, start, valueEnd)) {
      if (decoded.text === value) return decoded.offsets;
    }
  }
  return alignGreedily(value, source, start, valueEnd);
}

/**
 * `range` in the scalar's value as a range in the file: what relocateRange makes of scalarOffsets,
 * without the offsets of every character when the value is written as it is.
 */
export function relocateInScalar(node: LocatedScalar, range: TextRange, source: string): TextRange {
  const value = valueOf(node);
  const start = node.range?.[0] ?? 0;
  const from = node.type ? verbatimStart(node.type as ScalarStyle, value, source, start, node.range?.[1] ?? start) : -1;
  if (from < 0) return relocateRange(range, scalarOffsets(node, source));
  const clamped = (i: number) => from + Math.max(0, Math.min(i, value.length));
  const rangeStart = clamped(range.start);
  return { start: rangeStart, end: Math.max(clamped(range.end), rangeStart + 1) };
}

function valueOf(node: LocatedScalar): string {
  return typeof node.source === 'string' ? node.source : node.value === null || node.value === undefined ? '' : String(node.value);
}

/**
 * Where the value of a one-line flow scalar starts in the file when the value is its text as
 * written (no escapes, no doubled quotes): each character comes from the same place, as decoding
 * would find, and the end of the value from the closing quote. -1 otherwise.
 */
function verbatimStart(style: ScalarStyle, value: string, source: string, start: number, end: number): number {
  const quoted = style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE';
  if (!quoted && style !== 'PLAIN') return -1;
  const from = quoted ? start + 1 : start;
  const to = quoted ? Math.max(from, end - 1) : end;
  if (to - from !== value.length || !source.startsWith(value, from)) return -1;
  if (value.includes('\n') || (style === 'QUOTE_DOUBLE' && value.includes('\\')) || (style === 'QUOTE_SINGLE' && value.includes("'"))) return -1;
  return from;
}

/** Fallback for scalars the decoder does not rebuild: each value character maps to its next occurrence. */
function alignGreedily(value: string, source: string, start: number, end: number): number[] {
  const offsets: number[] = [];
  let cursor = start;
  for (const ch of value) {
    const found = source.indexOf(ch, cursor);
    const at = found >= 0 && found < end ? found : Math.min(cursor, Math.max(start, end - 1));
    for (let k = 0; k < ch.length; k++) offsets.push(at);
    cursor = Math.max(cursor, at + 1);
  }
  offsets.push(Math.min(cursor, end));
  return offsets;
}

/** Moves problems located in a scalar's value to the file offsets that `offsets` gives. */
export function relocateProblems(problems: readonly Problem[], offsets: readonly number[]): Problem[] {
  return problems.map((p) => ({ ...p, range: relocateRange(p.range, offsets) }));
}

/** A range in a scalar's value as a range in the file, at least one character long. */
export function relocateRange(range: TextRange, offsets: readonly number[]): TextRange {
  const start = offsetAt(offsets, range.start);
  return { start, end: Math.max(offsetAt(offsets, range.end), start + 1) };
}

/** The offset of value index `i`, clamped to the value. */
function offsetAt(offsets: readonly number[], i: number): number {
  return offsets[Math.max(0, Math.min(i, offsets.length - 1))]!;
}

/** The located form of a scalar of the YAML tree model. */
export function locatedScalar(node: YamlScalar): LocatedScalar {
  return { type: node.style, range: [node.range.start, node.range.end], value: node.text, source: node.text };
}
