/**
 * Decodes the source text of a YAML scalar into its value, remembering for every value character
 * the file offset it came from. Covers all five scalar styles: line folding of flow scalars,
 * escapes of quoted ones, and block headers (chomping, indentation indicator) of `|` and `>`.
 */

/** The style names that the `yaml` package gives scalars. */
export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

export interface DecodedScalar {
  text: string;
  /** File offset of each character of `text`, then the offset just past the scalar. */
  offsets: number[];
}

/**
 * The candidate decodings of the scalar at [start, end) of `source`: exactly one for flow
 * scalars and auto-indented blocks; for a block with an explicit indentation indicator, one per
 * possible parent indentation (the caller picks the one that matches the parsed value).
 */
export function* decodeScalar(style: ScalarStyle, source: string, start: number, end: number): Generator<DecodedScalar> {
  if (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') {
    const header = readBlockHeader(source, start, end);
    if (!header) return;
    if (header.indentIndicator === 0) {
      yield decodeBlockBody(source, header, end, undefined);
      return;
    }
    for (let parentIndent = 0; parentIndent <= 64; parentIndent++) {
      yield decodeBlockBody(source, header, end, parentIndent + header.indentIndicator);
    }
    return;
  }
  yield decodeFlowScalar(style, source, start, end);
}

/** The value of a flow scalar without the offsets: a slice when nothing in it needs decoding. */
export function flowScalarText(style: ScalarStyle, source: string, start: number, end: number): string {
  const quoted = style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE';
  const inner = quoted ? source.slice(start + 1, Math.max(start + 1, end - 1)) : source.slice(start, end);
  if (inner.includes('\n')) return decodeFlowScalar(style, source, start, end).text;
  if (style === 'QUOTE_SINGLE') return inner.includes("'") ? inner.replaceAll("''", "'") : inner;
  if (style !== 'QUOTE_DOUBLE' || !inner.includes('\\')) return inner;
  return unescapeOneLine(inner);
}

/** The escapes of a one-line double-quoted scalar replaced; a backslash that starts none is kept. */
function unescapeOneLine(inner: string): string {
  let text = '';
  let copied = 0;
  for (let i = inner.indexOf('\\'); i >= 0 && i < inner.length - 1; i = inner.indexOf('\\', i)) {
    const kind = inner[i + 1]!;
    const length = HEX_LENGTH[kind];
    let value: string | undefined;
    if (length === undefined) value = SIMPLE_ESCAPES[kind] ?? inner.slice(i, i + 2);
    else if (isHex(inner.slice(i + 2, i + 2 + length), length)) value = String.fromCodePoint(parseInt(inner.slice(i + 2, i + 2 + length), 16));
    if (value === undefined) {
      // Not an escape: the backslash stays, and what follows it is read as text.
      i++;
      continue;
    }
    if (length === undefined && value === kind) {
      // The escaped character stands for itself (`\"`, `\\`): it starts the next run copied.
      text += inner.slice(copied, i);
      copied = i + 1;
      i += 2;
      continue;
    }
    text += inner.slice(copied, i) + value;
    i += length === undefined ? 2 : 2 + length;
    copied = i;
  }
  return text + inner.slice(copied);
}

function isHex(digits: string, length: number): boolean {
  return digits.length === length && /^[0-9a-fA-F]+$/.test(digits);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', '\t': '\t', r: '\r', '"': '"', '\\': '\\', '/': '/', '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f',
  v: '\v', ' ': ' ', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Plain and quoted scalars: a line break and the white space around it fold into one space, or
 * into one `\n` per empty line; escaped white space in double quotes is kept.
 */
export function decodeFlowScalar(style: ScalarStyle, source: string, start: number, end: number): DecodedScalar {
  const quoted = style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE';
  const from = quoted ? start + 1 : start;
  const to = quoted ? Math.max(from, end - 1) : end;
  const value = new FlowValue(source, to - from);
  let i = from;
  while (i < to) {
    const c = source[i]!;
    if (c === '\n' || (c === '\r' && source[i + 1] === '\n')) {
      value.trimTrailingWhiteSpace();
      const breakAt = i;
      let breaks = 0;
      while (i < to && isFoldSpace(source[i]!)) {
        if (source[i] === '\n') breaks++;
        i++;
      }
      value.add(breaks > 1 ? '\n'.repeat(breaks - 1) : ' ', breakAt);
      continue;
    }
    if (style === 'QUOTE_SINGLE' && c === "'" && source[i + 1] === "'") {
      value.add("'", i);
      i += 2;
      continue;
    }
    if (style === 'QUOTE_DOUBLE' && c === '\\') {
      i = readEscape(source, i, to, value);
      continue;
    }
    value.copy(i, source.charCodeAt(i));
    i++;
  }
  // Just past the value: the closing quote, so that "unexpected end of input" points at it.
  return value.finish(quoted ? to : end);
}

/**
 * A flow scalar's value as it is decoded, with the offset of each of its characters. Characters
 * copied as written are taken from the source a run at a time; the offsets go into an array made
 * once, about as long as the value can be.
 */
class FlowValue {
  private text = '';
  private readonly offsets: number[];
  private length = 0;
  /** The source characters copied since the last one added otherwise, not yet in `text`. */
  private runStart = 0;
  private runEnd = 0;
  /** How many characters trailing-white-space trimming must not cut into. */
  private kept = 0;

  constructor(
    private readonly source: string,
    sourceLength: number,
  ) {
    this.offsets = new Array<number>(sourceLength + 2);
  }

  /** The source character at `at` (whose code is `code`), as written. */
  copy(at: number, code: number): void {
    if (at !== this.runEnd) {
      this.flushRun();
      this.runStart = at;
    }
    this.runEnd = at + 1;
    this.offsets[this.length++] = at;
    if (code !== 32 /* ' ' */ && code !== 9 /* '\t' */) this.kept = this.length;
  }

  /** `chars` that came from the source at `at` (an escape, a folded line break); never trimmed. */
  add(chars: string, at: number): void {
    this.flushRun();
    this.text += chars;
    for (let k = 0; k < chars.length; k++) this.offsets[this.length++] = at;
    this.kept = this.length;
  }

  /** Cuts the white space copied since the last character that is kept (all of it in the current run). */
  trimTrailingWhiteSpace(): void {
    this.runEnd -= this.length - this.kept;
    this.length = this.kept;
  }

  /** The value, its offsets ended by `endOffset`. */
  finish(endOffset: number): DecodedScalar {
    this.flushRun();
    this.offsets[this.length++] = endOffset;
    this.offsets.length = this.length;
    return { text: this.text, offsets: this.offsets };
  }

  private flushRun(): void {
    if (this.runEnd > this.runStart) this.text += this.source.slice(this.runStart, this.runEnd);
    this.runStart = this.runEnd;
  }
}

/** Reads the escape at `i` (a backslash) into `value`; returns the index after it. */
function readEscape(source: string, i: number, to: number, value: FlowValue): number {
  const kind = source[i + 1] ?? '';
  if (kind === '\n' || (kind === '\r' && source[i + 2] === '\n')) {
    value.add('', i);
    let j = i + (kind === '\r' ? 3 : 2);
    while (j < to && (source[j] === ' ' || source[j] === '\t')) j++;
    return j;
  }
  const simple = SIMPLE_ESCAPES[kind];
  if (simple !== undefined) {
    value.add(simple, i);
    return i + 2;
  }
  const length = HEX_LENGTH[kind];
  if (length !== undefined) {
    const digits = source.slice(i + 2, i + 2 + length);
    const code = /^[0-9a-fA-F]+$/.test(digits) && digits.length === length ? parseInt(digits, 16) : NaN;
    if (code <= 0x10ffff) {
      value.add(String.fromCodePoint(code), i);
      return i + 2 + length;
    }
  }
  value.add(source.slice(i, i + 2), i);
  return i + 2;
}

function isFoldSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

export interface BlockHeader {
  folded: boolean;
  chomp: 'clip' | 'strip' | 'keep';
  /** 1 to 9 when given explicitly, 0 when the indentation is detected from the first line. */
  indentIndicator: number;
  /** Offset of the first content line. */
  bodyStart: number;
}

/** Reads `|` or `>`, its indicators and an optional comment, up to the line break. */
export function readBlockHeader(source: string, start: number, end: number): BlockHeader | undefined {
  const mode = source[start];
  if (mode !== '|' && mode !== '>') return undefined;
  let chomp: BlockHeader['chomp'] = 'clip';
  let indentIndicator = 0;
  let i = start + 1;
  for (let k = 0; k < 2 && i < end; k++, i++) {
    const c = source[i]!;
    if ((c === '-' || c === '+') && chomp === 'clip') chomp = c === '-' ? 'strip' : 'keep';
    else if (c >= '1' && c <= '9' && indentIndicator === 0) indentIndicator = c.charCodeAt(0) - 48;
    else break;
  }
  const lineEnd = source.indexOf('\n', i);
  return { folded: mode === '>', chomp, indentIndicator, bodyStart: lineEnd < 0 || lineEnd >= end ? end : lineEnd + 1 };
}

interface BodyLine {
  /** Offset of the line's first character. */
  start: number;
  spaces: number;
  /** Length of the line without its line break (and without a `\r` before it). */
  length: number;
  /** Offset of the line break ending the line, or the end of the block. */
  breakAt: number;
}

function splitBody(source: string, from: number, end: number): BodyLine[] {
  const lines: BodyLine[] = [];
  let at = from;
  while (at < end) {
    let lineEnd = source.indexOf('\n', at);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let spaces = 0;
    while (at + spaces < lineEnd && source[at + spaces] === ' ') spaces++;
    const length = lineEnd - at - (source[lineEnd - 1] === '\r' && lineEnd > at ? 1 : 0);
    lines.push({ start: at, spaces, length, breakAt: lineEnd });
    at = lineEnd + 1;
  }
  return lines;
}

/** The body of a block scalar, with `indent` columns of indentation (detected when undefined). */
export function decodeBlockBody(source: string, header: BlockHeader, end: number, indent: number | undefined): DecodedScalar {
  const lines = splitBody(source, header.bodyStart, end);
  const isEmpty = (line: BodyLine, n: number) => line.spaces === line.length && line.spaces <= n;
  const n = indent ?? lines.find((l) => l.spaces < l.length)?.spaces ?? Math.max(0, ...lines.map((l) => l.spaces));
  let last = lines.length - 1;
  while (last >= 0 && isEmpty(lines[last]!, n)) last--;

  let text = '';
  const offsets: number[] = [];
  const push = (chars: string, at: number) => {
    text += chars;
    for (let k = 0; k < chars.length; k++) offsets.push(at);
  };
  let previous: 'none' | 'text' | 'more' = 'none';
  let pendingBreaks: number[] = [];
  for (let i = 0; i <= last; i++) {
    const line = lines[i]!;
    if (isEmpty(line, n)) {
      pendingBreaks.push(line.breakAt);
      continue;
    }
    const contentStart = line.start + Math.min(n, line.spaces);
    const content = source.slice(contentStart, line.start + line.length);
    const moreIndented = content[0] === ' ' || content[0] === '\t';
    const breakBefore = i > 0 ? lines[i - 1]!.breakAt : line.start;
    if (previous === 'none') {
      for (const at of pendingBreaks) push('\n', at);
    } else if (!header.folded) {
      push('\n', breakBefore);
      for (const at of pendingBreaks) push('\n', at);
    } else if (previous === 'text' && !moreIndented) {
      if (pendingBreaks.length === 0) push(' ', breakBefore);
      for (const at of pendingBreaks) push('\n', at);
    } else {
      push('\n', breakBefore);
      for (const at of pendingBreaks) push('\n', at);
    }
    for (let k = 0; k < content.length; k++) push(content[k]!, contentStart + k);
    previous = moreIndented ? 'more' : 'text';
    pendingBreaks = [];
  }
  const trailing = lines.slice(last + 1).map((l) => l.breakAt);
  if (last >= 0 && header.chomp !== 'strip') push('\n', lines[last]!.breakAt);
  if (header.chomp === 'keep') for (const at of trailing) push('\n', at);
  // Just past the value: the end of its last line, so that "unexpected end of input" stays on it.
  offsets.push(last >= 0 && header.chomp !== 'keep' ? lines[last]!.breakAt : end);
  return { text, offsets };
}
