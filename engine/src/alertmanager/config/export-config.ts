/**
 * The configuration without Klaxon's top-level keys, for a real Alertmanager. The keys' blocks are
 * cut out of the text, so that everything else stays as written, comments included; only when
 * that cannot be done cleanly (a flow-style file, an anchor used elsewhere) is the document
 * re-serialised instead.
 */
import { parseDocument } from 'yaml';
import { readYamlTree } from '../../yaml/read-tree.js';
import type { YamlMap } from '../../yaml/tree.js';
import { KLAXON_KEYS } from './klaxon-settings.js';

export function exportAlertmanagerConfig(text: string): string {
  const tree = readYamlTree(text, 'yaml.v2');
  const root = tree.root;
  if (root?.kind !== 'map' || !root.pairs.some(isKlaxonPair)) return text;
  const cut = cutBlocks(text, root);
  if (cut !== undefined && parsesCleanly(cut)) return cut;
  return reserialised(text);
}

function isKlaxonPair(pair: YamlMap['pairs'][number]): boolean {
  return pair.key.kind === 'scalar' && (KLAXON_KEYS as readonly string[]).includes(pair.key.text);
}

/** The text with each Klaxon key's lines removed; undefined when the root is not a block mapping. */
function cutBlocks(text: string, root: YamlMap): string | undefined {
  const lines = lineStarts(text);
  const lineOf = (offset: number) => upperBound(lines, offset) - 1;
  const column = (offset: number) => offset - lines[lineOf(offset)]!;
  const keyColumn = column(root.pairs[0]!.key.range.start);
  const removals: [number, number][] = [];
  for (let i = 0; i < root.pairs.length; i++) {
    const pair = root.pairs[i]!;
    if (!isKlaxonPair(pair)) continue;
    const keyStart = pair.key.range.start;
    const keyLine = lineOf(keyStart);
    if (text.slice(lines[keyLine]!, keyStart).trim() !== '' || column(keyStart) !== keyColumn) return undefined;
    let first = keyLine;
    while (first > 0 && isComment(lineText(text, lines, first - 1))) first--;
    const next = root.pairs[i + 1];
    let last = next ? lineOf(next.key.range.start) : lines.length;
    if (next && text.slice(lines[last]!, next.key.range.start).trim() !== '') return undefined;
    // Blank lines and top-level comments just above the next key belong to it.
    while (last - 1 > keyLine && isTopLevelCommentOrBlank(lineText(text, lines, last - 1), keyColumn)) last--;
    removals.push([lines[first]!, last < lines.length ? lines[last]! : text.length]);
  }
  let out = '';
  let at = 0;
  for (const [start, end] of removals) {
    out += text.slice(at, start);
    at = end;
  }
  return out + text.slice(at);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  if (starts[starts.length - 1] === text.length && text.length > 0) starts.pop();
  return starts;
}

function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lineText(text: string, lines: readonly number[], line: number): string {
  const end = line + 1 < lines.length ? lines[line + 1]! : text.length;
  return text.slice(lines[line], end).replace(/\r?\n$/, '');
}

function isComment(line: string): boolean {
  return line.trimStart().startsWith('#');
}

function isTopLevelCommentOrBlank(line: string, keyColumn: number): boolean {
  const trimmed = line.trimStart();
  return trimmed === '' || (trimmed.startsWith('#') && line.length - trimmed.length <= keyColumn);
}

/** The cut text must still be the same YAML minus the keys: no dangling aliases, no syntax errors. */
function parsesCleanly(text: string): boolean {
  const doc = parseDocument(text);
  return doc.errors.length === 0;
}

function reserialised(text: string): string {
  const doc = parseDocument(text);
  for (const key of KLAXON_KEYS) doc.delete(key);
  return doc.toString();
}
