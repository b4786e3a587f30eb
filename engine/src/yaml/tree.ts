/**
 * A small, parser-independent model of a YAML document: scalars keep the text they were written
 * with (as Go's yaml.v3 decodes them into strings), collections keep their pairs and items, and
 * every node keeps its range in the file. Aliases are already resolved to their anchored node.
 */
import type { TextRange } from '../promql/ast.js';
import type { ScalarStyle } from './scalar-decode.js';

export type YamlNode = YamlScalar | YamlMap | YamlSeq;

export interface YamlScalar {
  kind: 'scalar';
  style: ScalarStyle;
  /** The value as a string: folded, unescaped and chomped, but not converted to a number or bool. */
  text: string;
  /** An explicit tag as written (`!!str`, `tag:yaml.org,2002:int`, `!custom`), if any. */
  tag?: string;
  /** From the first character of the scalar (quote or block header) to the end of its value. */
  range: TextRange;
}

export interface YamlPair {
  key: YamlNode;
  /** A missing value (`key:`) is an empty plain scalar. */
  value: YamlNode;
}

export interface YamlMap {
  kind: 'map';
  pairs: YamlPair[];
  range: TextRange;
}

export interface YamlSeq {
  kind: 'seq';
  items: YamlNode[];
  range: TextRange;
}

const NULL_WORDS = new Set(['', '~', 'null', 'Null', 'NULL']);
const STRING_TAGS = new Set(['!!str', 'tag:yaml.org,2002:str']);
const NULL_TAGS = new Set(['!!null', 'tag:yaml.org,2002:null']);

/** True when the node is YAML's null: an empty or `~`/`null` plain scalar, or one tagged `!!null`. */
export function isNull(node: YamlNode): boolean {
  if (node.kind !== 'scalar') return false;
  if (node.tag !== undefined) return NULL_TAGS.has(node.tag);
  return node.style === 'PLAIN' && NULL_WORDS.has(node.text);
}

/** True for quoted, block and `!!str`-tagged scalars: those never resolve to numbers, bools or null. */
export function isIndicatedString(node: YamlScalar): boolean {
  return node.style !== 'PLAIN' || (node.tag !== undefined && STRING_TAGS.has(node.tag));
}

/** True when the pair is a merge key (`<<: *anchor`). */
export function isMergeKey(key: YamlNode): boolean {
  return key.kind === 'scalar' && key.text === '<<' && key.style === 'PLAIN' && (key.tag === undefined || key.tag === '!' || key.tag === '!!merge' || key.tag === 'tag:yaml.org,2002:merge');
}

/** How messages name what was found: `a mapping`, `a list`, `nothing` (null), `"text"`. */
export function describeNode(node: YamlNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  if (isNull(node)) return 'nothing';
  const text = node.text.length > 20 ? `${node.text.slice(0, 17)}...` : node.text;
  return JSON.stringify(text);
}
