/**
 * Where the cursor is in a YAML document's structure, read from the lines and their indentation
 * rather than from a parse: half-typed documents are the normal case while editing, and the lines
 * above the cursor still say which mapping it is in.
 *
 *   groups:
 *     - name: api
 *       rules:
 *         - alert: X
 *           fo|           → path [groups, -, rules, -], typing a key; siblings [alert]
 */
import type { TextRange } from '../../promql/ast.js';

/** A key, or `-` for an item of a list. */
export type LineStep = string;

export interface LineContext {
  /** The keys and list items from the top to the mapping (or list) the cursor is in. */
  path: LineStep[];
  /** Typing a key, a key's value, or a scalar item of a list (`- x` that is not `- key:`). */
  at: 'key' | 'value' | 'item';
  /** For values, and items of a flow list (`key: [a, b]`): the key. */
  key?: string;
  /** The text typed so far (of the key or value); empty at the cursor when nothing. */
  typed: TextRange;
  /** The column where a key typed here starts. */
  column: number;
  /** The other keys of the same mapping. */
  siblings: string[];
  /** The cursor's line starts a new list item: `- ` and at most a partial key. */
  newItem: boolean;
  /** The cursor is where the items of a list start (`- ` lines above at this column), not after a `-`. */
  atListColumn: boolean;
}

interface LineShape {
  indent: number;
  /** Columns of the `-` markers. */
  dashes: number[];
  /** A `key:` on the line: its name, column and the text after the colon. */
  key?: { name: string; column: number; value: string };
  /** Where the content after the markers starts. */
  contentColumn: number;
  /** Nothing but spaces or a comment. */
  blank: boolean;
}

const KEY = /^(["']?)([^\s"'#:][^"'#]*?|[^"':#]*)\1[ \t]*:(?:[ \t]+|$)(.*)$/;
/** A value that leaves the key's content to the lines below: nothing, or a block scalar header. */
const OPENS_BLOCK = /^(?:[|>][-+0-9]*)?[ \t]*(?:#.*)?$/;

function shapeOf(line: string): LineShape {
  let i = 0;
  while (line[i] === ' ') i++;
  const indent = i;
  const dashes: number[] = [];
  while (line[i] === '-' && (line[i + 1] === ' ' || i + 1 === line.length)) {
    dashes.push(i);
    i++;
    while (line[i] === ' ') i++;
  }
  const content = line.slice(i);
  const match = KEY.exec(content);
  const key = match ? { name: match[2]!, column: i, value: match[3]! } : undefined;
  const blank = dashes.length === 0 && (content.trim() === '' || content.startsWith('#'));
  return { indent, dashes, ...(key && { key }), contentColumn: i, blank };
}

/** The line's structure markers, left to right: list items, then a key that opens a block. */
function ancestorsOf(shape: LineShape): { column: number; step: LineStep; inlineValue: boolean }[] {
  const found = shape.dashes.map((column) => ({ column, step: '-', inlineValue: false }));
  if (shape.key) found.push({ column: shape.key.column, step: shape.key.name, inlineValue: !OPENS_BLOCK.test(shape.key.value) });
  return found;
}

export function lineContextAt(text: string, offset: number): LineContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nextBreak = text.indexOf('\n', offset);
  const lineEnd = nextBreak < 0 ? text.length : nextBreak;
  const before = text.slice(lineStart, offset);
  const shape = shapeOf(before);
  if (before.slice(shape.contentColumn).includes(' #')) return undefined;

  let at: LineContext['at'];
  let key: string | undefined;
  let typedStart: number;
  const column = shape.key?.column ?? shape.contentColumn;
  if (shape.key) {
    key = shape.key.name;
    const flowItem = /^\[(?:[^\]]*,)?\s*["']?([^,"'\]]*)$/.exec(shape.key.value);
    at = flowItem ? 'item' : 'value';
    typedStart = flowItem ? offset - flowItem[1]!.length : offset - shape.key.value.length + (/^["']/.test(shape.key.value) ? 1 : 0);
  } else {
    typedStart = lineStart + column;
    at = /^[\w.-]*$/.test(before.slice(column)) ? 'key' : shape.dashes.length > 0 ? 'item' : 'value';
    if (at === 'value') return undefined;
  }
  const typedEnd = at === 'key' ? wordEnd(text, offset, lineEnd) : offset;

  const path: LineStep[] = shape.dashes.filter((d) => d < column).map(() => '-');
  let target = shape.dashes[0] ?? column;
  const siblings: string[] = [];
  let atListColumn = false;
  let inOwnMapping = shape.dashes.length === 0;
  for (let end = lineStart - 1; end > 0 && target > 0; ) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const upper = shapeOf(text.slice(start, end));
    end = start - 1;
    if (upper.blank || upper.indent > target) continue;
    const markers = ancestorsOf(upper);
    if (inOwnMapping && upper.key?.column === column) siblings.push(upper.key.name);
    if (inOwnMapping && upper.dashes.includes(column)) atListColumn = true;
    const outer = markers.filter((m) => m.column < target);
    if (outer.length === 0) continue;
    if (outer.some((m) => m.inlineValue)) return undefined; // the cursor is in a scalar that goes on over lines
    path.unshift(...outer.map((m) => m.step));
    target = outer[0]!.column;
    inOwnMapping = false;
  }
  if (at === 'key' && shape.dashes.length === 0) siblings.push(...siblingsBelow(text, lineEnd, column));
  const newItem = shape.dashes.length > 0 && at === 'key';
  return { path, at, ...(key !== undefined && { key }), typed: { start: typedStart, end: typedEnd }, column, siblings, newItem, atListColumn: atListColumn && at === 'key' };
}

function wordEnd(text: string, offset: number, lineEnd: number): number {
  let end = offset;
  while (end < lineEnd && /[\w.-]/.test(text[end]!)) end++;
  return end;
}

/** Keys at `column` on the lines after the cursor's, until the mapping ends. */
function siblingsBelow(text: string, lineEnd: number, column: number): string[] {
  const keys: string[] = [];
  for (let start = lineEnd + 1; start > 0 && start <= text.length; ) {
    const next = text.indexOf('\n', start);
    const shape = shapeOf(text.slice(start, next < 0 ? text.length : next));
    start = next < 0 ? -1 : next + 1;
    if (shape.blank || shape.indent > column) continue;
    if (shape.indent < column) break;
    if (shape.dashes.length === 0 && shape.key?.column === column) keys.push(shape.key.name);
  }
  return keys;
}
