/**
 * A fast reader for the plain block-style YAML that rule and test files are written in: block
 * mappings and sequences, plain, quoted and `|`/`>` scalars, one-line flow collections of scalars,
 * and comments. It gives up (returns undefined) on anything else or anything doubtful (anchors,
 * tags, tabs, document markers, syntax errors...), and the `yaml` package reads the file instead;
 * whatever it accepts, it reads exactly as that package does.
 */
import type { YamlTree } from './from-yaml-package.js';
import { decodeBlockBody, flowScalarText, readBlockHeader, type ScalarStyle } from './scalar-decode.js';
import type { TextRange } from '../promql/ast.js';
import type { YamlMap, YamlNode, YamlPair, YamlScalar, YamlSeq } from './tree.js';

/** Characters that make the fast reader give up wherever they appear. */
const UNSUPPORTED_CHARACTERS = /[\t\r\ufeff\u0085\u2028\u2029\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
/**
 * Document markers (`---`, `...`) and directives (`%`) at the start of a line, where they make it
 * give up too; the first line is tested apart: a `^` alternative in a multiline pattern is tried at
 * every character, which makes the scan several times slower.
 */
const MARKER_AT_START = /^(?:---|\.\.\.|%)/;
const MARKER_AFTER_LINE_BREAK = /\n(?:---|\.\.\.|%)/;
/** Characters that may not start a plain scalar here (some could, but are left to the full parser). */
const PLAIN_START_EXCLUDED = new Set([...'?:,[]{}#&*!|>\'"%@`']);
const SIMPLE_ESCAPE_LETTERS = new Set([...'ntr"\\/0abefv NL_P']);
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };
const MAX_KEY_LENGTH = 1024;

class GiveUp extends Error {}

function giveUp(): never {
  throw new GiveUp();
}

export function readFast(text: string): YamlTree | undefined {
  return readPart(text, 0);
}

/** False when the text holds what the fast reader never reads (it may still decline texts that pass). */
export function fastReadable(text: string): boolean {
  return !UNSUPPORTED_CHARACTERS.test(text) && !MARKER_AT_START.test(text) && !MARKER_AFTER_LINE_BREAK.test(text);
}

/**
 * The items of a block list whose lines are [start, end) of `text`, read as if those lines were the
 * whole text, with positions in `text`: a part of a file read on its own. Undefined when the fast
 * reader declines the part or it is not a list.
 */
export function readFastItems(text: string, start: number, end: number): YamlNode[] | undefined {
  const root = readPart(text.slice(start, end), start)?.root;
  return root?.kind === 'seq' ? root.items : undefined;
}

/** `part` read as a whole text; its nodes' ranges are offset by `base`. */
function readPart(part: string, base: number): YamlTree | undefined {
  if (!fastReadable(part)) return undefined;
  try {
    return new FastReader(part, base).read();
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

class FastReader {
  /** Always the start of a line (or the end of the text) between nodes. */
  private pos = 0;
  /**
   * The pairs and items of the collections being read, nested ones above their parents', each
   * collection's taken as an array of its exact length when it ends: most mappings have a few
   * pairs, and an array grown by push from [] would make room for seventeen.
   */
  private readonly pairStack: YamlPair[] = [];
  private pairTop = 0;
  private readonly itemStack: YamlNode[] = [];
  private itemTop = 0;

  /** `base` is added to the offsets of the nodes' ranges. */
  constructor(
    private readonly t: string,
    private readonly base: number,
  ) {}

  private range(start: number, end: number): TextRange {
    return { start: start + this.base, end: end + this.base };
  }

  /** Where a node read here ends, in this text. */
  private localEnd(node: YamlNode): number {
    return node.range.end - this.base;
  }

  read(): YamlTree {
    const first = this.nextContentLine(0);
    if (first < 0) return { root: undefined, problems: [] };
    const indent = this.indentOf(first);
    const at = first + indent;
    let root: YamlNode;
    if (this.isDash(at)) root = this.blockSeq(at, indent);
    else {
      const colon = this.colonAfterKey(at);
      if (colon < 0) giveUp();
      root = this.blockMap(at, colon, indent);
    }
    if (this.nextContentLine(this.pos) >= 0) giveUp();
    return { root, problems: [] };
  }

  // --- Lines ------------------------------------------------------------------------------------

  private lineEnd(p: number): number {
    const end = this.t.indexOf('\n', p);
    return end < 0 ? this.t.length : end;
  }

  private nextLine(p: number): number {
    const end = this.lineEnd(p);
    return end < this.t.length ? end + 1 : this.t.length;
  }

  private indentOf(lineStart: number): number {
    let i = lineStart;
    while (this.t.charCodeAt(i) === 32) i++;
    return i - lineStart;
  }

  /** The start of the first line from `lineStart` on that is neither blank nor a comment; -1 at the end. */
  private nextContentLine(lineStart: number): number {
    let p = lineStart;
    while (p < this.t.length) {
      const c = this.t[p + this.indentOf(p)];
      if (c !== '\n' && c !== '#' && c !== undefined) return p;
      p = this.nextLine(p);
    }
    return -1;
  }

  private isDash(at: number): boolean {
    const next = this.t[at + 1];
    return this.t[at] === '-' && (next === ' ' || next === '\n' || next === undefined);
  }

  /** After a node ending at `end` on its line: only spaces and a comment may follow. Returns the next line's start. */
  private endOfLine(end: number): number {
    let p = end;
    while (this.t[p] === ' ') p++;
    const c = this.t[p];
    if (c === '#' && p > end) return this.nextLine(p);
    if (c === '\n' || c === undefined) return this.nextLine(p);
    return giveUp();
  }

  // --- Collections ------------------------------------------------------------------------------

  /** The mapping whose first key is at `firstKey`, its `:` at `firstColon`. */
  private blockMap(firstKey: number, firstColon: number, indent: number): YamlMap {
    const base = this.pairTop;
    let keyAt = firstKey;
    let colon = firstColon;
    let end = firstKey;
    for (;;) {
      const key = this.keyNode(keyAt, colon);
      const value = this.valueAfterKey(colon, indent);
      this.pairStack[this.pairTop++] = { key, value };
      end = this.localEnd(value);
      const next = this.nextContentLine(this.pos);
      if (next < 0) break;
      const nextIndent = this.indentOf(next);
      if (nextIndent < indent) break;
      if (nextIndent > indent || this.isDash(next + nextIndent)) giveUp();
      keyAt = next + nextIndent;
      colon = this.colonAfterKey(keyAt);
      if (colon < 0) giveUp();
    }
    return { kind: 'map', pairs: this.takePairs(base), range: this.range(firstKey, end) };
  }

  private blockSeq(firstDash: number, indent: number): YamlSeq {
    const base = this.itemTop;
    let dash = firstDash;
    let end = firstDash;
    for (;;) {
      const item = this.seqItem(dash, indent);
      this.itemStack[this.itemTop++] = item;
      end = this.localEnd(item);
      const next = this.nextContentLine(this.pos);
      if (next < 0) break;
      const nextIndent = this.indentOf(next);
      if (nextIndent < indent || (nextIndent === indent && !this.isDash(next + nextIndent))) break;
      if (nextIndent > indent) giveUp();
      dash = next + nextIndent;
    }
    return { kind: 'seq', items: this.takeItems(base), range: this.range(firstDash, end) };
  }

  /** The pairs pushed since the stack's top was `base`, off the stack. */
  private takePairs(base: number): YamlPair[] {
    const pairs = this.pairStack.slice(base, this.pairTop);
    this.pairTop = base;
    return pairs;
  }

  private takeItems(base: number): YamlNode[] {
    const items = this.itemStack.slice(base, this.itemTop);
    this.itemTop = base;
    return items;
  }

  private seqItem(dash: number, indent: number): YamlNode {
    let at = dash + 1;
    while (this.t[at] === ' ') at++;
    const c = this.t[at];
    if (c === '\n' || c === undefined || (c === '#' && at > dash + 1)) {
      this.pos = this.nextLine(at);
      return this.nestedValue(indent, false, at);
    }
    if (this.isDash(at)) giveUp();
    const colon = this.colonAfterKey(at);
    if (colon >= 0) return this.blockMap(at, colon, at - this.lineStartOf(at));
    return this.inlineValue(at, indent);
  }

  private lineStartOf(p: number): number {
    return this.t.lastIndexOf('\n', p - 1) + 1;
  }

  /** The value after `key:`; `indent` is the mapping's. */
  private valueAfterKey(colon: number, indent: number): YamlNode {
    let at = colon + 1;
    while (this.t[at] === ' ') at++;
    const c = this.t[at];
    if (c === '\n' || c === undefined || (c === '#' && at > colon + 1)) {
      this.pos = this.nextLine(at);
      return this.nestedValue(indent, true, at);
    }
    // A value that is a key (`a: b: c`) is given up on while it is read.
    if (this.isDash(at)) giveUp();
    return this.inlineValue(at, indent);
  }

  /** A value on the lines after its key or dash: a collection, or nothing (null at `emptyAt`, after the spaces that follow `:` or `-`). */
  private nestedValue(indent: number, afterKey: boolean, emptyAt: number): YamlNode {
    const next = this.nextContentLine(this.pos);
    if (next >= 0) {
      const nextIndent = this.indentOf(next);
      const at = next + nextIndent;
      if (nextIndent > indent) {
        this.pos = next;
        if (this.isDash(at)) return this.blockSeq(at, nextIndent);
        const colon = this.colonAfterKey(at);
        if (colon >= 0) return this.blockMap(at, colon, nextIndent);
        // A scalar on its own line is legal YAML, but rare enough to leave to the full parser.
        giveUp();
      }
      if (afterKey && nextIndent === indent && this.isDash(at)) {
        this.pos = next;
        return this.blockSeq(at, nextIndent);
      }
    }
    return { kind: 'scalar', style: 'PLAIN', text: '', range: this.range(emptyAt, emptyAt) };
  }

  /** A value that starts on the line of its key or dash; continuation lines must be indented more than `indent`. */
  private inlineValue(at: number, indent: number): YamlNode {
    const c = this.t[at]!;
    if (c === '"' || c === "'") {
      const end = this.quotedEnd(at, indent, false);
      this.pos = this.endOfLine(end);
      return this.scalar(c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', at, end);
    }
    if (c === '|' || c === '>') return this.blockScalar(at, indent);
    if (c === '[' || c === '{') return this.flowCollection(at);
    if (PLAIN_START_EXCLUDED.has(c) || (c === '-' && !/[0-9A-Za-z]/.test(this.t[at + 1] ?? ''))) giveUp();
    return this.plainScalar(at, indent);
  }

  // --- Scalars ----------------------------------------------------------------------------------

  private scalar(style: ScalarStyle, start: number, end: number): YamlScalar {
    return { kind: 'scalar', style, text: flowScalarText(style, this.t, start, end), range: this.range(start, end) };
  }

  /** The `:` after a key at `at` (plain or quoted, on one line, followed by `: ` or `:` at the end of the line), or -1. */
  private colonAfterKey(at: number): number {
    const t = this.t;
    const c = t[at];
    if (c === undefined || c === '\n') return -1;
    if (c === '"' || c === "'") {
      const end = this.quotedEnd(at, 0, true);
      return end >= 0 && t[end] === ':' && isSeparator(t[end + 1]) ? end : -1;
    }
    if (PLAIN_START_EXCLUDED.has(c) || c === '-') return -1;
    const lineEnd = this.lineEnd(at);
    for (let p = at; p < lineEnd; p++) {
      const code = t.charCodeAt(p);
      if (code === 35 /* '#' */ && t.charCodeAt(p - 1) === 32) return -1;
      if (code !== 58 /* ':' */ || !isSeparator(t[p + 1])) continue;
      if (t[p - 1] === ' ' || p - at > MAX_KEY_LENGTH) giveUp();
      return p;
    }
    return -1;
  }

  /** The key from `at` to its `:`. */
  private keyNode(at: number, colon: number): YamlScalar {
    const c = this.t[at];
    if (c === '"') return this.scalar('QUOTE_DOUBLE', at, colon);
    return c === "'" ? this.scalar('QUOTE_SINGLE', at, colon) : this.plain(at, colon);
  }

  /** A plain scalar on one line. */
  private plain(start: number, end: number): YamlScalar {
    return { kind: 'scalar', style: 'PLAIN', text: this.t.slice(start, end), range: this.range(start, end) };
  }

  /**
   * The offset just past the closing quote of the scalar at `at`. Continuation lines must be
   * indented more than `indent`; with `oneLine`, returns -1 when the quote does not close on its line.
   */
  private quotedEnd(at: number, indent: number, oneLine: boolean): number {
    const t = this.t;
    const quote = t[at];
    const single = quote === "'";
    for (let p = at + 1; p < t.length; p++) {
      const code = t.charCodeAt(p);
      if (code === 10 /* '\n' */) {
        if (oneLine) return -1;
        this.checkContinuation(p + 1, indent);
        continue;
      }
      if (single) {
        if (code !== 39 /* "'" */) continue;
        if (t.charCodeAt(p + 1) === 39) {
          p++;
          continue;
        }
        return p + 1;
      }
      if (code === 34 /* '"' */) return p + 1;
      if (code !== 92 /* '\\' */) continue;
      const kind = t[p + 1] ?? '';
      if (kind === '\n') {
        if (oneLine) return -1;
        this.checkContinuation(p + 2, indent);
      }
      if (SIMPLE_ESCAPE_LETTERS.has(kind) || kind === '\n') {
        p++;
        continue;
      }
      const length = HEX_LENGTH[kind] ?? giveUp();
      const digits = t.slice(p + 2, p + 2 + length);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== length || parseInt(digits, 16) > 0x10ffff) giveUp();
      p += 1 + length;
    }
    return oneLine ? -1 : giveUp();
  }

  /** A line that continues a quoted scalar must be blank or indented more than the parent. */
  private checkContinuation(lineStart: number, indent: number): void {
    const spaces = this.indentOf(lineStart);
    const first = this.t[lineStart + spaces];
    if (first !== '\n' && first !== undefined && spaces <= indent) giveUp();
  }

  private plainScalar(at: number, indent: number): YamlScalar {
    const t = this.t;
    let end = this.plainLineEnd(at, true);
    let lineStart = this.nextLine(at);
    let oneLine = true;
    if (t[end] !== '#' && !this.commentFollows(end)) {
      // Continuation lines: more indented than the parent, blank lines in between allowed.
      for (let p = lineStart; p < t.length; ) {
        const spaces = this.indentOf(p);
        const first = t[p + spaces];
        if (first === '\n' || first === undefined) {
          p = this.nextLine(p);
          continue;
        }
        if (spaces <= indent || first === '#') break;
        if (PLAIN_START_EXCLUDED.has(first) || first === '-') giveUp();
        const lineContentEnd = this.plainLineEnd(p + spaces, false);
        if (this.commentFollows(lineContentEnd)) giveUp();
        end = lineContentEnd;
        oneLine = false;
        p = this.nextLine(p);
        lineStart = p;
      }
    }
    this.pos = this.endOfLine(end);
    return oneLine ? this.plain(at, end) : this.scalar('PLAIN', at, end);
  }

  /** The end of a plain scalar's text on the line of `from`, trailing spaces excluded; gives up on `: `. */
  private plainLineEnd(from: number, commentAllowed: boolean): number {
    const t = this.t;
    const lineEnd = this.lineEnd(from);
    let end = from;
    for (let p = from; p < lineEnd; p++) {
      const c = t[p];
      if (c === '#' && t[p - 1] === ' ') {
        if (!commentAllowed) giveUp();
        break;
      }
      if (c === ':' && isSeparator(t[p + 1])) giveUp();
      if (c !== ' ') end = p + 1;
    }
    return end;
  }

  private commentFollows(end: number): boolean {
    let p = end;
    while (this.t[p] === ' ') p++;
    return this.t[p] === '#' && p > end;
  }

  private blockScalar(at: number, indent: number): YamlScalar {
    const t = this.t;
    let p = at + 1;
    if (t[p] === '-') p++;
    else if (t[p] === '+' || /[0-9]/.test(t[p] ?? '')) giveUp();
    const body = this.endOfLine(p);
    let blockIndent = -1;
    let end = body;
    let q = body;
    while (q < t.length) {
      const spaces = this.indentOf(q);
      const first = t[q + spaces];
      if (first === '\n' || first === undefined) {
        if (blockIndent < 0 && spaces > 0) giveUp();
        q = this.nextLine(q);
        // White space beyond the block's indentation is content, even on an otherwise blank line.
        if (blockIndent >= 0 && spaces > blockIndent) end = q;
        continue;
      }
      if (blockIndent < 0) {
        if (spaces <= indent) giveUp();
        blockIndent = spaces;
      }
      if (spaces < blockIndent) {
        if (spaces > indent) giveUp();
        break;
      }
      q = this.nextLine(q);
      end = q;
    }
    if (blockIndent < 0) giveUp();
    this.pos = end;
    const header = readBlockHeader(t, at, end)!;
    const style = t[at] === '|' ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED';
    return { kind: 'scalar', style, text: decodeBlockBody(t, header, end, blockIndent).text, range: this.range(at, end) };
  }

  /** `[a, "b"]` or `{a: b}` on one line, holding scalars only. */
  private flowCollection(at: number): YamlMap | YamlSeq {
    const t = this.t;
    const isMap = t[at] === '{';
    const close = isMap ? '}' : ']';
    const items: YamlNode[] = [];
    const pairs: YamlPair[] = [];
    let p = this.skipSpaces(at + 1);
    if (t[p] !== close) {
      for (;;) {
        const first = this.flowScalar(p, isMap ? ':' : '');
        p = this.skipSpaces(this.localEnd(first));
        if (isMap) {
          if (t[p] !== ':' || t[p + 1] !== ' ') giveUp();
          const value = this.flowScalar(this.skipSpaces(p + 1), '');
          pairs.push({ key: first, value });
          p = this.skipSpaces(this.localEnd(value));
        } else {
          items.push(first);
        }
        if (t[p] === close) break;
        if (t[p] !== ',') giveUp();
        p = this.skipSpaces(p + 1);
        if (t[p] === close) giveUp();
      }
    }
    const end = p + 1;
    this.pos = this.endOfLine(end);
    const range = this.range(at, end);
    return isMap ? { kind: 'map', pairs, range } : { kind: 'seq', items, range };
  }

  private skipSpaces(p: number): number {
    while (this.t[p] === ' ') p++;
    return p;
  }

  /** A scalar inside a one-line flow collection; plain ones end before `,`, `]`, `}` or `stop`. */
  private flowScalar(at: number, stop: string): YamlScalar {
    const t = this.t;
    const c = t[at];
    if (c === '"' || c === "'") {
      const end = this.quotedEnd(at, 0, true);
      if (end < 0) giveUp();
      return this.scalar(c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', at, end);
    }
    if (c === undefined || PLAIN_START_EXCLUDED.has(c) || c === '\n' || (c === '-' && !/[0-9A-Za-z]/.test(t[at + 1] ?? ''))) giveUp();
    let end = at;
    for (let p = at; ; p++) {
      const ch = t[p];
      if (ch === undefined || ch === '\n' || ch === '#' || ch === '"' || ch === "'" || ch === '[' || ch === '{') giveUp();
      if (ch === ',' || ch === ']' || ch === '}' || (ch === ':' && stop === ':')) break;
      if (ch === ':') giveUp();
      if (ch !== ' ') end = p + 1;
    }
    return this.plain(at, end);
  }
}

function isSeparator(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === undefined;
}
