/**
 * Maps offsets inside a YAML scalar's value to offsets in the file, so that an error inside an
 * expression embedded in YAML points at the right character in every scalar style.
 */
import type { Scalar } from 'yaml';
import type { Problem } from '../errors.js';

/** Returns, for each index of `value` (and one past its end), the file offset it came from. */
export function scalarOffsets(node: Scalar, source: string): number[] {
  const value = String(node.value ?? '');
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  const raw = source.slice(start, valueEnd);
  const built = buildByStyle(node.type, raw, start);
  if (built && built.text === value) return [...built.offsets, built.end];
  // Chomping drops trailing newlines of block scalars: the value is then a prefix of the rebuilt text.
  if (built && node.type === 'BLOCK_LITERAL' && built.text.startsWith(value)) {
    return [...built.offsets.slice(0, value.length), built.offsets[value.length] ?? built.end];
  }
  return alignGreedily(value, source, start, valueEnd);
}

interface Built {
  text: string;
  offsets: number[];
  end: number;
}

function buildByStyle(type: Scalar['type'], raw: string, base: number): Built | undefined {
  switch (type) {
    case 'PLAIN':
      return foldFlowLines(raw, base, 0, raw.length, (r, i) => [r[i]!, 1]);
    case 'QUOTE_SINGLE':
      return foldFlowLines(raw, base, 1, raw.length - 1, (r, i) => (r[i] === "'" && r[i + 1] === "'" ? ["'", 2] : [r[i]!, 1]));
    case 'QUOTE_DOUBLE':
      return foldFlowLines(raw, base, 1, raw.length - 1, readDoubleQuotedChar);
    case 'BLOCK_LITERAL':
      return literalBlock(raw, base);
    default:
      return undefined;
  }
}

type CharReader = (raw: string, i: number) => [string, number];

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/', '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', ' ': ' ', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

function readDoubleQuotedChar(raw: string, i: number): [string, number] {
  if (raw[i] !== '\\') return [raw[i]!, 1];
  const kind = raw[i + 1] ?? '';
  if (kind in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[kind]!, 2];
  const len = HEX_LENGTH[kind];
  if (len !== undefined) return [String.fromCodePoint(parseInt(raw.slice(i + 2, i + 2 + len), 16)), 2 + len];
  return [raw[i]!, 1];
}

/** Flow scalars: a line break and the white space around it fold into one space, or into `\n`s for empty lines. */
function foldFlowLines(raw: string, base: number, from: number, to: number, read: CharReader): Built | undefined {
  let text = '';
  const offsets: number[] = [];
  let i = from;
  while (i < to) {
    if (raw[i] === '\n' || raw[i] === '\r') {
      while (text.endsWith(' ') || text.endsWith('\t')) {
        text = text.slice(0, -1);
        offsets.pop();
      }
      let breaks = 0;
      const at = i;
      while (i < to && /[ \t\r\n]/.test(raw[i]!)) {
        if (raw[i] === '\n') breaks++;
        i++;
      }
      const fold = breaks > 1 ? '\n'.repeat(breaks - 1) : ' ';
      for (const ch of fold) {
        text += ch;
        offsets.push(base + at);
      }
      continue;
    }
    const [ch, width] = read(raw, i);
    for (const unit of ch) {
      text += unit;
      offsets.push(base + i);
    }
    i += width;
  }
  return { text, offsets, end: base + to };
}

/** `|` blocks: the header line, then each line without the block's indentation, newlines kept. */
function literalBlock(raw: string, base: number): Built | undefined {
  const firstBreak = raw.indexOf('\n');
  if (firstBreak < 0) return undefined;
  const lines = raw.slice(firstBreak + 1).split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  let text = '';
  const offsets: number[] = [];
  let lineStart = base + firstBreak + 1;
  for (const line of lines) {
    const content = line.slice(Math.min(indent, line.length));
    const contentStart = lineStart + (line.length - content.length);
    for (let k = 0; k < content.length; k++) {
      text += content[k];
      offsets.push(contentStart + k);
    }
    text += '\n';
    offsets.push(lineStart + line.length);
    lineStart += line.length + 1;
  }
  return { text, offsets, end: lineStart };
}

/** Fallback for styles not rebuilt above: each value character maps to its next occurrence. */
function alignGreedily(value: string, source: string, start: number, end: number): number[] {
  const offsets: number[] = [];
  let cursor = start;
  for (const ch of value) {
    const found = source.indexOf(ch, cursor);
    const at = found >= 0 && found < end ? found : cursor;
    for (let k = 0; k < ch.length; k++) offsets.push(at);
    cursor = at + 1;
  }
  offsets.push(Math.min(cursor, end));
  return offsets;
}

/** Moves problems located in a scalar's value to the file offsets that `offsets` gives. */
export function relocateProblems(problems: readonly Problem[], offsets: readonly number[]): Problem[] {
  const at = (i: number) => offsets[Math.max(0, Math.min(i, offsets.length - 1))]!;
  return problems.map((p) => {
    const start = at(p.range.start);
    return { ...p, range: { start, end: Math.max(at(p.range.end), start + 1) } };
  });
}
