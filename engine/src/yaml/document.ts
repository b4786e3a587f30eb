/** Reads YAML keeping node ranges, and reports YAML's own errors as located problems. */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { problem, type Problem } from '../errors.js';
import type { TextRange } from '../promql/ast.js';

export interface YamlFile {
  doc: Document.Parsed;
  problems: Problem[];
}

export function readYaml(text: string): YamlFile {
  const doc = parseDocument(text, { lineCounter: new LineCounter(), keepSourceTokens: false, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) =>
    problem(e.message.split('\n')[0]!, { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }, 'yaml', doc.errors.includes(e) ? 'error' : 'warning'),
  );
  return { doc, problems };
}

export function rangeOf(node: Node | null | undefined, fallback: TextRange = { start: 0, end: 0 }): TextRange {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : fallback;
}

/** The pairs of a mapping node, with their keys as strings. */
export function entries(map: YAMLMap): { key: string; keyNode: Node; value: Node | null; pair: Pair }[] {
  return map.items.map((pair) => {
    const keyNode = pair.key as Node;
    return { key: isScalar(keyNode) ? String(keyNode.value) : String(keyNode), keyNode, value: pair.value as Node | null, pair };
  });
}

export { isMap, isScalar, isSeq };
